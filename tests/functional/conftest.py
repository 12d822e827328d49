"""Fixtures for driving the app through Textual's Pilot."""

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from facilitator import demo
from facilitator.base.clock import ManualClock
from facilitator.store.sessionstore import SessionStore


@pytest.fixture
def wait_for_workers():
    """Let thread workers (file I/O) finish and their results reach the screen."""

    async def wait(pilot: Pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return wait


def _tables_pending(pilot: Pilot) -> bool:
    """Whether a table still has rows or cells to measure (Textual does it when the table idles).

    Reads DataTable privates, fenced in test_textual_privates.py."""
    return any(
        table._require_update_dimensions or table._new_rows or table._updated_cells
        for table in pilot.app.screen.query(DataTable)
    )


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """The demo session, copied into a sessions folder of the test's own."""
    path = tmp_path / "sessions" / "demo.json"
    path.parent.mkdir()
    shutil.copy(demo.DEMO, path)
    return path


async def _steady(pilot: Pilot) -> None:
    """Let workers finish and stop cursors blinking, so every run draws the same frame."""
    # Rows that arrive from a worker widen a table's columns when the table next idles; under
    # load, Pilot.pause (which judges idleness by CPU time) can return before that has happened.
    for round_ in range(50):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        # Three rounds at least: a worker's result may start another worker.
        if round_ >= 2 and not _tables_pending(pilot) and not pilot.app.workers:
            break
    for widget in pilot.app.screen.query("*"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
        if isinstance(widget, DataTable):
            # A frame painted before the widths were measured leaves rows (the header above
            # all) cached at label widths, and measuring does not bump the caches' key.
            # (`_clear_caches` is a Textual private, fenced in test_textual_privates.py.)
            widget._clear_caches()
            widget.refresh()
    await pilot.pause()


@pytest.fixture
def steady():
    """For `snap_compare(run_before=steady)`: a frame that is the same on every run."""
    return _steady


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the user's own settings and banks."""
    monkeypatch.setenv("FACILITATOR_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("FACILITATOR_BANKS_DIR", str(tmp_path / "banks"))


@pytest.fixture
def clock() -> ManualClock:
    """The clock of a test's workshop: still until the test advances it."""
    return ManualClock(1_750_000_000.0)


@pytest.fixture
def sessions_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "sessions"
    folder.mkdir()
    return folder


@pytest.fixture
def saved_session(sessions_dir: Path):
    """Make a closed session with the given title and party names; returns its path."""

    def make(title: str, party_a: str = "Acme", party_b: str = "Globex") -> Path:
        store = SessionStore.create(
            sessions_dir,
            title=title,
            party_a=party_a,
            party_b=party_b,
            moderator="Mo",
            bank_source="# Bank\n",
            bank_path="bank.md",
            clock=ManualClock(),
        )
        store.close()
        return store.path

    return make
