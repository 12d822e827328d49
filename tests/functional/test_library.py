"""The session library screen: filtering, opening, and deleting to the trash after a yes;
and the home screen's keys that lead to it and to a replay."""

import shutil
from pathlib import Path

from textual.widgets import DataTable, Input, Label
from workshop_support import first_workshop

from facilitator import demo
from facilitator.base.locations import TRASH
from facilitator.base.settings import Settings
from facilitator.live.workshop import Workshop
from screens.app import FacilitatorApp
from screens.confirm import ConfirmDialog
from screens.library import LibraryScreen
from screens.replay import ReplayScreen
from screens.run import RunScreen


def in_progress(sessions_dir: Path, title: str, party_a: str = "Acme") -> Path:
    workshop = first_workshop(sessions_dir, title=title, party_a=party_a)
    workshop.close()
    return workshop.store.path


def library_with_demo(sessions_dir: Path) -> None:
    shutil.copy(demo.DEMO, sessions_dir / "demo.json")
    in_progress(sessions_dir, "Pricing follow-up")
    in_progress(sessions_dir, "[@click=app.quit]Leave[/] now", party_a="[b]Initech[/b]")


def titles(table: DataTable) -> list[str]:
    return [table.get_row_at(row)[1].plain for row in range(table.row_count)]


async def open_library(pilot, wait_for_workers) -> LibraryScreen:
    await wait_for_workers(pilot)
    await pilot.press("l")
    await wait_for_workers(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LibraryScreen)
    return screen


async def test_the_filter_keeps_sessions_that_mention_every_word(sessions_dir, wait_for_workers):
    library_with_demo(sessions_dir)
    app = FacilitatorApp(sessions_dir=sessions_dir, settings=Settings())
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_library(pilot, wait_for_workers)
        table = screen.query_one(DataTable)
        assert table.row_count == 3
        first = titles(table)
        assert "[@click=app.quit]Leave[/] now" in first, "user text is never markup"
        await pilot.press("slash", *"kestrel ended")
        assert screen.query_one(Input).has_focus
        assert titles(table) == ["First workshop: Kestrel Labs and Hallmark Climate"]
        assert str(screen.query_one("#count", Label).render()) == "1 of 3 sessions"
        await pilot.press("ctrl+u", *"in progress")
        assert sorted(titles(table)) == sorted(t for t in first if not t.startswith("First"))
        await pilot.press("ctrl+u", *"nothing like this")
        assert table.row_count == 0
        await pilot.press("ctrl+u", "enter")
        assert table.has_focus and table.row_count == 3


async def test_delete_asks_first_and_moves_the_session_to_the_trash(sessions_dir, wait_for_workers):
    keep = in_progress(sessions_dir, "Keep me")
    app = FacilitatorApp(sessions_dir=sessions_dir, settings=Settings())
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_library(pilot, wait_for_workers)
        table = screen.query_one(DataTable)
        await pilot.press("d")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("n")
        await wait_for_workers(pilot)
        assert pilot.app.screen is screen
        assert keep.exists() and table.row_count == 1
        await pilot.press("delete")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("y")
        await wait_for_workers(pilot)
        await pilot.pause()
        assert not keep.exists()
        assert (sessions_dir / TRASH / keep.name).exists()
        assert (sessions_dir / TRASH / (keep.name + ".journal")).exists()
        assert table.row_count == 0


async def test_deleting_a_session_open_for_writing_is_refused(sessions_dir, wait_for_workers):
    path = in_progress(sessions_dir, "Busy")
    writer = Workshop.resume(path)
    try:
        app = FacilitatorApp(sessions_dir=sessions_dir, settings=Settings())
        async with app.run_test(size=(140, 30)) as pilot:
            screen = await open_library(pilot, wait_for_workers)
            await pilot.press("d", "y")
            await wait_for_workers(pilot)
            assert path.exists()
            assert screen.query_one(DataTable).row_count == 1
    finally:
        writer.close()


async def test_enter_resumes_a_session_in_progress_and_replays_an_ended_one(
    sessions_dir, wait_for_workers
):
    library_with_demo(sessions_dir)
    app = FacilitatorApp(sessions_dir=sessions_dir, settings=Settings())
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await open_library(pilot, wait_for_workers)
        table = screen.query_one(DataTable)
        table.move_cursor(row=titles(table).index("Pricing follow-up"))
        await pilot.press("enter")
        await wait_for_workers(pilot)
        assert isinstance(pilot.app.screen, RunScreen)
        await pilot.press("q", "y")
        await wait_for_workers(pilot)
        assert pilot.app.screen is screen
        table.move_cursor(row=titles(table).index(
            "First workshop: Kestrel Labs and Hallmark Climate"))  # fmt: skip
        await pilot.press("r")
        assert pilot.app.screen is screen, "an ended session cannot be resumed"
        await pilot.press("enter")
        await wait_for_workers(pilot)
        assert isinstance(pilot.app.screen, ReplayScreen)
        await pilot.press("q", "v")
        await wait_for_workers(pilot)
        assert isinstance(pilot.app.screen, ReplayScreen)


async def test_v_on_home_replays_the_selected_session(sessions_dir, wait_for_workers):
    library_with_demo(sessions_dir)
    app = FacilitatorApp(sessions_dir=sessions_dir, settings=Settings())
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for_workers(pilot)
        table = pilot.app.screen.query_one("#sessions", DataTable)
        row = titles(table).index("Pricing follow-up")
        table.move_cursor(row=row)
        await pilot.press("v")
        await wait_for_workers(pilot)
        replay = pilot.app.screen
        assert isinstance(replay, ReplayScreen)
        assert replay.replay.meta.title == "Pricing follow-up"
        await pilot.press("q")
        assert table.cursor_row == row


async def test_the_palette_opens_the_library(sessions_dir, wait_for_workers):
    app = FacilitatorApp(sessions_dir=sessions_dir, settings=Settings())
    async with app.run_test(size=(140, 30)) as pilot:
        await wait_for_workers(pilot)
        (command,) = [
            c for c in app.get_system_commands(app.screen) if c.title == "Saved sessions: library"
        ]
        command.callback()
        await wait_for_workers(pilot)
        assert isinstance(pilot.app.screen, LibraryScreen)
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, LibraryScreen)


async def test_the_trash_restores_a_session_and_deletes_another_for_good(
    sessions_dir, wait_for_workers
):
    from facilitator.store.listing import trash
    from screens.library import TrashScreen

    back = in_progress(sessions_dir, "Bring me back")
    trash(back)
    secret = in_progress(sessions_dir, "Secret terms")
    (sessions_dir / "exports").mkdir()
    (sessions_dir / "exports" / f"{secret.stem}.md").write_text("report", encoding="utf-8")
    trash(secret)
    app = FacilitatorApp(sessions_dir=sessions_dir, settings=Settings())
    async with app.run_test(size=(140, 30)) as pilot:
        library_screen = await open_library(pilot, wait_for_workers)
        assert library_screen.query_one(DataTable).row_count == 0
        await pilot.press("T")
        await wait_for_workers(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, TrashScreen)
        table = screen.query_one(DataTable)
        assert sorted(titles(table)) == ["Bring me back", "Secret terms"]

        table.move_cursor(row=titles(table).index("Secret terms"))
        await pilot.press("d")
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "“Secret terms” for good" in dialog.question
        assert "the session, its journal, 2 backups and 1 export" in dialog.question
        await pilot.press("n")
        assert (sessions_dir / TRASH / secret.name).exists()
        await pilot.press("delete", "y")
        await wait_for_workers(pilot)
        assert not (sessions_dir / TRASH / secret.name).exists()
        assert not (sessions_dir / TRASH / "exports" / f"{secret.stem}.md").exists()
        assert titles(table) == ["Bring me back"]

        await pilot.press("u")
        await wait_for_workers(pilot)
        assert back.exists() and table.row_count == 0
        await pilot.press("escape")
        await wait_for_workers(pilot)
        assert pilot.app.screen is library_screen
        assert titles(library_screen.query_one(DataTable)) == ["Bring me back"]


async def test_empty_trash_asks_then_deletes_every_trashed_session(sessions_dir, wait_for_workers):
    from facilitator.store.listing import trash, trashed
    from screens.library import TrashScreen

    for title in ("One", "Two"):
        trash(in_progress(sessions_dir, title))
    app = FacilitatorApp(sessions_dir=sessions_dir, settings=Settings())
    async with app.run_test(size=(140, 30)) as pilot:
        await open_library(pilot, wait_for_workers)
        await pilot.press("T")
        await wait_for_workers(pilot)
        assert isinstance(pilot.app.screen, TrashScreen)
        await pilot.press("e")
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "deletes 2 sessions for good" in dialog.question
        await pilot.press("y")
        await wait_for_workers(pilot)
        assert trashed(sessions_dir) == []
        assert pilot.app.screen.query_one(DataTable).row_count == 0
