"""The palette's Screenshot: into the sessions folder's exports, private, named after the session
on screen, never replacing a file; and where it went is said."""

import stat
from pathlib import Path

import pytest
from workshop_support import app_for, first_workshop

from facilitator.base.settings import Settings
from screens.app import FacilitatorApp
from screens.run import RunScreen


def notices(app: FacilitatorApp) -> list[str]:
    # `_notifications` is a Textual private, fenced in test_textual_privates.py.
    return [notification.message for notification in app._notifications]


@pytest.fixture
def fresh_account(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder without ~/Downloads, where Textual's own screenshot fails."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    return home


async def test_a_screenshot_of_home_goes_to_the_exports_private(
    sessions_dir, wait_for_workers, fresh_account
):
    app = FacilitatorApp(sessions_dir=sessions_dir, settings=Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_workers(pilot)
        app.action_screenshot()
        await wait_for_workers(pilot)
        app.deliver_screenshot()  # the palette's command, the same second: a second file
        await wait_for_workers(pilot)
        shots = sorted((sessions_dir / "exports").glob("screenshot-*.svg"))
        assert len(shots) == 2
        for shot in shots:
            assert stat.S_IMODE(shot.stat().st_mode) == 0o600
            assert shot.read_text(encoding="utf-8").startswith("<svg")
            assert f"Screenshot saved to {shot}" in notices(app)
        assert not (fresh_account / "Downloads").exists()


async def test_a_screenshot_of_a_session_is_named_after_it(sessions_dir, wait_for_workers):
    workshop = first_workshop(sessions_dir, title="Acme")
    app = app_for(workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_workers(pilot)
        assert isinstance(app.screen, RunScreen)
        app.action_screenshot()
        await wait_for_workers(pilot)
        (shot,) = (sessions_dir / "exports").glob("*.svg")
        assert shot.name.startswith(f"{workshop.store.path.stem}.screenshot-")
        await pilot.press("q")
        await wait_for_workers(pilot)
