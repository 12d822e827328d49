"""The home screen lists the bundled banks and the saved sessions, showing user text literally."""

from textual.widgets import DataTable, Input

from facilitator.bank.library import bundled_bank_paths
from screens.app import FacilitatorApp
from screens.home import HomeScreen


def cell_texts(table: DataTable, column: int) -> list[str]:
    return [str(table.get_row_at(row)[column]) for row in range(table.row_count)]


async def test_home_lists_the_bundled_banks_with_their_size(sessions_dir, wait_for_workers):
    app = FacilitatorApp(sessions_dir=sessions_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_workers(pilot)
        banks = app.screen.query_one("#banks", DataTable)
        assert banks.row_count == len(bundled_bank_paths()) == 6
        assert "First partnership workshop" in " ".join(cell_texts(banks, 0))
        assert all(text.isdigit() for text in cell_texts(banks, 2))


async def test_home_lists_sessions_and_shows_markup_in_titles_literally(
    sessions_dir, saved_session, wait_for_workers
):
    saved_session("[@click=app.quit]Leave[/] [bold]now[/]", party_a="[red]Acme[/]")
    app = FacilitatorApp(sessions_dir=sessions_dir)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for_workers(pilot)
        sessions = app.screen.query_one("#sessions", DataTable)
        assert sessions.row_count == 1
        title = sessions.get_row_at(0)[1]
        assert title.plain == "[@click=app.quit]Leave[/] [bold]now[/]"
        assert title.spans == []
        assert "[red]Acme[/]" in sessions.get_row_at(0)[4].plain
        await pilot.click("#sessions")
        assert app.is_running


async def test_r_reloads_the_session_list(sessions_dir, saved_session, wait_for_workers):
    app = FacilitatorApp(sessions_dir=sessions_dir)
    async with app.run_test() as pilot:
        await wait_for_workers(pilot)
        sessions = app.screen.query_one("#sessions", DataTable)
        assert sessions.row_count == 0
        saved_session("Later")
        await pilot.press("r")
        await wait_for_workers(pilot)
        assert sessions.row_count == 1


async def test_enter_on_a_bank_sets_up_and_starts_a_session(
    sessions_dir, wait_for_workers, tmp_path, monkeypatch
):
    monkeypatch.setenv("FACILITATOR_CONFIG_DIR", str(tmp_path / "config"))
    app = FacilitatorApp(sessions_dir=sessions_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        banks = app.screen.query_one("#banks", DataTable)
        banks.focus()
        workshop_row = cell_texts(banks, 0).index("First partnership workshop")
        banks.move_cursor(row=workshop_row)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("tab", *"Acme", "tab", *"Globex", "ctrl+s")
        await wait_for_workers(pilot)
        await pilot.pause()
        assert type(app.screen).__name__ == "RunScreen"
        assert app.screen.workshop.store.meta.party_a == "Acme"
        await pilot.press("q", "y")
        await wait_for_workers(pilot)
        sessions = app.screen.query_one("#sessions", DataTable)
        assert sessions.row_count == 1
        sessions.focus()
        await pilot.press("enter")
        await wait_for_workers(pilot)
        await pilot.pause()
        assert type(app.screen).__name__ == "RunScreen"
        assert app.screen.workshop.store.meta.party_b == "Globex"


async def open_setup(pilot, bank_title: str = "First partnership workshop") -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    banks = pilot.app.screen.query_one("#banks", DataTable)
    banks.focus()
    banks.move_cursor(row=cell_texts(banks, 0).index(bank_title))
    await pilot.press("enter")
    await pilot.pause()


async def test_enter_in_the_set_up_moves_on_and_starts_only_from_the_last_field(
    sessions_dir, wait_for_workers
):
    app = FacilitatorApp(sessions_dir=sessions_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_setup(pilot)
        assert type(app.screen).__name__ == "SetupScreen"
        title = app.screen.query_one("#title", Input)
        assert title.value == "" and title.placeholder == "First partnership workshop"
        await pilot.press("enter", *"Acme Analytics", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SetupScreen"
        assert app.focused.id == "party-b"
        await pilot.press("enter", *"Mo", "enter")
        await wait_for_workers(pilot)
        await pilot.pause()
        assert type(app.screen).__name__ == "RunScreen"
        meta = app.screen.workshop.store.meta
        assert (meta.title, meta.party_a, meta.moderator) == (
            "First partnership workshop",
            "Acme Analytics",
            "Mo",
        )
        assert meta.party_b == app.screen.workshop.bank.party_b != ""


async def test_the_set_up_starts_from_its_start_button(sessions_dir, wait_for_workers):
    app = FacilitatorApp(sessions_dir=sessions_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_setup(pilot)
        await pilot.press(*"Kickoff")
        await pilot.click("#start")
        await wait_for_workers(pilot)
        await pilot.pause()
        assert type(app.screen).__name__ == "RunScreen"
        assert app.screen.workshop.store.meta.title == "Kickoff"


async def test_the_users_own_banks_are_listed_beside_the_bundled_ones(
    sessions_dir, wait_for_workers, tmp_path
):
    mine = tmp_path / "banks"
    mine.mkdir()
    (mine / "ours.md").write_text(
        "# [@click=app.quit]Our bank[/]\n\n## S {time=5m}\n\n### Q\n", encoding="utf-8"
    )
    (mine / "broken.md").write_text("# Broken\n", encoding="utf-8")
    app = FacilitatorApp(sessions_dir=sessions_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        banks = app.screen.query_one("#banks", DataTable)
        rows = {cell_texts(banks, 0)[n]: banks.get_row_at(n) for n in range(banks.row_count)}
        assert rows["[@click=app.quit]Our bank[/]"][4].plain == "yours"
        assert "empty bank" in rows["broken.md"][1].plain
        assert rows["First partnership workshop"][4].plain == "bundled"


async def test_enter_on_a_bank_with_problems_says_where_to_fix_it(
    sessions_dir, wait_for_workers, tmp_path
):
    mine = tmp_path / "banks"
    mine.mkdir()
    (mine / "broken.md").write_text("# Broken\n\n## S\n\n### Q {kind=sclae}\n", encoding="utf-8")
    app = FacilitatorApp(sessions_dir=sessions_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        banks = app.screen.query_one("#banks", DataTable)
        banks.focus()
        names = [banks.get_row_at(n)[0].plain for n in range(banks.row_count)]
        banks.move_cursor(row=names.index("broken.md"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        [notice] = app._notifications  # Textual private: test_textual_privates.py
        assert notice.message.startswith("broken.md has 2 problems: b opens the bank library")
