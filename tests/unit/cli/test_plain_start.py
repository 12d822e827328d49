"""`facilitator` with no arguments starts without click (`app_start.plain_start`), and does what
`cli.main` does with no arguments: the app on the same sessions folder, and the same one line and
exit status for a user's error."""

import sys

import pytest
from click.testing import CliRunner

from facilitator import __main__ as entry
from facilitator.app_start import plain_start
from facilitator.base import FacilitatorError
from facilitator.cli import main


@pytest.fixture
def started(monkeypatch, tmp_path):
    """Stand in for the terminal UI: record the app's sessions folder; raise as told."""
    monkeypatch.setenv("FACILITATOR_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("FACILITATOR_SESSIONS_DIR", str(tmp_path / "sessions"))
    seen: dict = {}

    def run(app):
        seen.setdefault("sessions_dirs", []).append(app.sessions_dir)
        if "raise" in seen:
            raise seen["raise"]

    monkeypatch.setattr("screens.app.FacilitatorApp.run", run)
    return seen


def _both(capsys) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """(status, stdout, stderr) of the plain start and of click's `main` with no arguments."""
    status = plain_start()
    out, err = capsys.readouterr()
    result = CliRunner().invoke(main, [])
    return (status, out, err), (result.exit_code, result.stdout, result.stderr)


def test_the_plain_start_opens_the_app_on_the_sessions_folder_click_would_use(started, capsys):
    plain, clicked = _both(capsys)
    assert plain == clicked == (0, "", "")
    first, second = started["sessions_dirs"]
    assert first == second and first.name == "sessions"


@pytest.mark.parametrize(
    "failure",
    [
        {"raise": FacilitatorError("settings.json: not \x1b[31mvalid")},
        {"raise": PermissionError(13, "Permission denied", "/nowhere/sessions")},
    ],
)
def test_a_users_error_is_the_same_one_line_and_status_as_clicks(started, capsys, failure):
    started.update(failure)
    plain, clicked = _both(capsys)
    assert plain == clicked
    status, out, err = plain
    assert status == 1 and out == "" and err.startswith("Error: ") and err.count("\n") == 1
    assert "\x1b" not in err


def test_the_entry_point_takes_the_plain_start_only_without_arguments(monkeypatch):
    taken: list[str] = []
    monkeypatch.setattr("facilitator.app_start.plain_start", lambda: taken.append("plain") or 0)
    monkeypatch.setattr("facilitator.cli.main", lambda: taken.append("click"))
    monkeypatch.delenv("_FACILITATOR_COMPLETE", raising=False)
    monkeypatch.setattr(sys, "argv", ["facilitator"])
    with pytest.raises(SystemExit) as exited:
        entry.main()
    assert exited.value.code == 0
    monkeypatch.setattr(sys, "argv", ["facilitator", "sessions"])
    entry.main()
    monkeypatch.setattr(sys, "argv", ["facilitator"])
    monkeypatch.setenv("_FACILITATOR_COMPLETE", "bash_complete")
    entry.main()
    assert taken == ["plain", "click", "click"]
