"""The bank editor and the bank library, driven through the Pilot and checked against the disk."""

import asyncio
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import DataTable, Input, Static, TextArea

from facilitator.bank.editing import Validation
from facilitator.bank.library import bundled_bank_paths
from facilitator.bank.parser import BankParser, parse_bank
from facilitator.base.settings import Settings
from screens.app import FacilitatorApp
from screens.banks import BanksScreen
from screens.confirm import ConfirmDialog
from screens.editor import EditorScreen
from screens.home import HomeScreen
from screens.prompt import PromptDialog
from screens.run import RunScreen
from screens.start import EditBank
from screens.unsaved import UnsavedDialog
from screens.widgets.bank_text import MARKER, BankTextArea
from screens.widgets.outline import Outline
from screens.widgets.preview import QuestionPreview
from screens.widgets.problem_list import ProblemList

BANK = """---
party-a: Acme
party-b: Globex
---
# Test bank

## Why {#why time=10m}

Notes for the moderator.

### What is your main reason? {#reason compare=goal}

Probe for a need-to-have.

### How important is it? {#importance kind=scale}

## Terms {#terms time=5m}

### Who sets the price? {#price kind=stance}

- We do
- They do
"""
HEADING = 14
"""0-based line of `### How important is it? …`."""


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    path = tmp_path / "banks" / "mine.md"
    path.parent.mkdir()
    path.write_text(BANK, encoding="utf-8")
    return path


def editor_app(sessions_dir: Path, path: Path) -> FacilitatorApp:
    return FacilitatorApp(sessions_dir=sessions_dir, settings=Settings(), start=EditBank(path))


async def settle(pilot) -> None:
    """Let validation, saving and loading workers finish and their results reach the screen."""
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def notices(app) -> str:
    # `_notifications` is a Textual private, fenced in test_textual_privates.py.
    return "\n".join(str(notification.message) for notification in app._notifications)


async def type_at_end_of(pilot, line: int, text: str) -> None:
    area = pilot.app.screen.query_one(BankTextArea)
    area.move_cursor((line, len(area.document.get_line(line))))
    await pilot.press(*text)
    await settle(pilot)


async def test_an_error_appears_with_its_line_then_is_fixed_saved_and_backed_up(
    sessions_dir, bank, wait_for_workers
):
    app = editor_app(sessions_dir, bank)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        area = screen.query_one(BankTextArea)
        problems = screen.query_one(ProblemList)
        assert area.text == BANK
        assert problems.problems == ()
        assert not problems.display

        area.move_cursor((HEADING, area.document.get_line(HEADING).index("scale")))
        await pilot.press("delete", "delete", "delete", "delete", "delete", *"sclae")
        await settle(pilot)
        assert screen.dirty
        assert [(p.line, p.column) for p in problems.problems] == [(HEADING + 1, 39)]
        assert "unknown kind 'sclae'" in problems.problems[0].message
        assert problems.display
        assert area.problem_lines == {HEADING}
        row = area.wrapped_document.location_to_offset((HEADING, 0)).y - area.scroll_offset.y
        assert area.render_line(row).text.startswith(f"{HEADING + 1}{MARKER}")
        assert "✖ unknown kind 'sclae'" in str(screen.query_one("#status", Static).content)
        assert "1 problem" in str(screen.query_one("#topbar", Static).content)

        # A bank with errors can be saved...
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "{#importance kind=sclae}" in bank.read_text(encoding="utf-8")
        assert "It has 1 problem: fix it to run it" in notices(app), "never 'fix them'"
        # ... but not tried.
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert "has 1 problem: fix it before trying it" in notices(app)

        area.move_cursor((HEADING, area.document.get_line(HEADING).index("sclae")))
        await pilot.press("delete", "delete", "delete", "delete", "delete", *"scale")
        await settle(pilot)
        assert problems.problems == ()
        assert area.problem_lines == frozenset()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not screen.dirty
        assert bank.read_text(encoding="utf-8") == BANK
        backup = bank.with_name("mine.md.bak")
        assert "{#importance kind=sclae}" in backup.read_text(encoding="utf-8")
        assert "mine.md.bak" in notices(app)


async def test_f8_visits_each_problem_and_wraps_around(sessions_dir, bank):
    bank.write_text(BANK.replace("kind=scale", "kind=sclae").replace("time=5m", "time=5x"))
    app = editor_app(sessions_dir, bank)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        area = app.screen.query_one(BankTextArea)
        lines = [problem.line - 1 for problem in app.screen.query_one(ProblemList).problems]
        assert lines == [HEADING, 16]
        visited = []
        for _ in range(3):
            await pilot.press("f8")
            await pilot.pause()
            visited.append(area.cursor_location[0])
        assert visited == [HEADING, 16, HEADING]
        await pilot.press("shift+f8")
        await pilot.pause()
        assert area.cursor_location[0] == 16


async def test_selecting_a_problem_or_an_outline_row_moves_the_cursor(sessions_dir, bank):
    bank.write_text(BANK.replace("time=5m", "time=5x"))
    app = editor_app(sessions_dir, bank)
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        screen = app.screen
        area = screen.query_one(BankTextArea)
        problems = screen.query_one(ProblemList)
        problems.focus()
        problems.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert area.has_focus
        assert area.cursor_location == (16, problems.problems[0].column - 1)

        outline = screen.query_one(Outline)
        assert outline.border_title.startswith("Outline · 2 sections · 3 questions")
        outline.focus()
        outline.highlighted = 2
        await pilot.press("enter")
        await settle(pilot)
        assert area.has_focus
        assert area.cursor_location == (HEADING, 0)
        assert "How important is it?" in str(screen.query_one("#preview-question", Static).content)


async def test_the_outline_and_the_preview_follow_the_cursor(sessions_dir, bank):
    app = editor_app(sessions_dir, bank)
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        screen = app.screen
        area = screen.query_one(BankTextArea)
        outline = screen.query_one(Outline)
        preview = screen.query_one(QuestionPreview)
        texts = [outline.get_option_at_index(n).prompt.plain for n in range(outline.option_count)]
        assert texts[0].startswith("Why  10m")
        assert texts[2].startswith("  How important is it?\n  scale · context")
        area.move_cursor((20, 2))
        await settle(pilot)
        assert outline.highlighted == 4
        position = str(preview.query_one("#preview-position", Static).content)
        assert position.startswith("Section 2 of 2 · Terms · question 1 of 1")
        panes = preview.query_one("#preview-panes")
        assert panes.display and panes.disabled
        assert preview.query("RadioButton")
        area.move_cursor((8, 0))
        await settle(pilot)
        assert outline.highlighted == 0
        assert not panes.display
        assert "Notes for the moderator." in str(
            preview.query_one("#preview-position", Static).content
        )


async def test_bank_text_is_never_read_as_markup(sessions_dir, bank):
    sneaky = "[@click=app.quit]Leave[/] [bold]now[/]"
    bank.write_text(BANK.replace("What is your main reason?", sneaky), encoding="utf-8")
    app = editor_app(sessions_dir, bank)
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        screen = app.screen
        outline = screen.query_one(Outline)
        assert outline.get_option_at_index(1).prompt.plain.startswith(f"  {sneaky}")
        screen.query_one(BankTextArea).move_cursor((10, 3))
        await settle(pilot)
        assert str(screen.query_one("#preview-question", Static).content) == sneaky
        await pilot.click("#preview-question")
        assert app.is_running


async def test_an_older_validation_never_replaces_a_newer_one(sessions_dir, bank):
    app = editor_app(sessions_dir, bank)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        shown = screen.validation
        stale = Validation(shown.generation - 1, BankParser().review("# only a title\n"))
        await screen.show_validation(stale)
        assert screen.validation is shown
        assert screen.query_one(ProblemList).problems == ()


async def test_the_preview_ends_on_the_cursors_newest_place(sessions_dir, bank, monkeypatch):
    """A validation and a cursor move each redraw the preview; the older redraw, held up mid-way,
    must not finish last."""
    app = editor_app(sessions_dir, bank)
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        screen = app.screen
        area = screen.query_one(BankTextArea)
        preview = screen.query_one(QuestionPreview)
        show = preview.show
        entered, release = asyncio.Event(), asyncio.Event()

        async def held_show(*args, **kwargs) -> None:
            if not entered.is_set():
                entered.set()
                await release.wait()
            await show(*args, **kwargs)

        monkeypatch.setattr(preview, "show", held_show)
        with area.prevent(TextArea.SelectionChanged):
            area.move_cursor((10, 3))
        first = asyncio.create_task(screen.show_cursor_place())
        await entered.wait()
        with area.prevent(TextArea.SelectionChanged):
            area.move_cursor((HEADING, 3))
        second = asyncio.create_task(screen.show_cursor_place())
        for _ in range(200):  # let the second redraw run as far as it can
            if second.done():
                break
            await asyncio.sleep(0)
        release.set()
        await asyncio.gather(first, second)
        await settle(pilot)
        assert "How important is it?" in str(preview.query_one("#preview-question", Static).content)


@pytest.mark.parametrize("answer", ["escape", "d"])
async def test_leaving_with_unsaved_changes_asks_first(sessions_dir, bank, answer):
    app = editor_app(sessions_dir, bank)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_at_end_of(pilot, 8, " More notes.")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        await pilot.press(answer)
        await settle(pilot)
        if answer == "escape":
            assert isinstance(app.screen, EditorScreen)
            assert app.screen.dirty
            assert "More notes." in app.screen.query_one(BankTextArea).text
        else:
            assert isinstance(app.screen, HomeScreen)
        assert bank.read_text(encoding="utf-8") == BANK


async def test_saving_on_the_way_out(sessions_dir, bank):
    app = editor_app(sessions_dir, bank)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_at_end_of(pilot, 8, " More notes.")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Notes for the moderator. More notes." in bank.read_text(encoding="utf-8")


async def test_quitting_the_app_asks_too(sessions_dir, bank):
    app = editor_app(sessions_dir, bank)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_at_end_of(pilot, 8, "!")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
    assert not app.is_running
    assert bank.read_text(encoding="utf-8") == BANK


async def test_an_outside_change_offers_a_reload(sessions_dir, bank):
    app = editor_app(sessions_dir, bank)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        area = screen.query_one(BankTextArea)
        changed = BANK.replace("Notes for the moderator.", "Changed elsewhere.")
        bank.write_text(changed, encoding="utf-8")
        screen.poll_disk()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen
        assert area.text == changed
        assert not screen.dirty
        # The reload can be undone, and nothing is asked again for the same change.
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert area.text == BANK
        assert screen.dirty
        screen.poll_disk()
        await settle(pilot)
        assert app.screen is screen


async def test_declining_a_reload_keeps_the_text_and_marks_it_unsaved(sessions_dir, bank):
    app = editor_app(sessions_dir, bank)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        bank.write_text("# Someone else's\n", encoding="utf-8")
        screen.poll_disk()
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert screen.query_one(BankTextArea).text == BANK
        assert screen.dirty
        assert "modified" in str(screen.query_one("#topbar", Static).content)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert bank.read_text(encoding="utf-8") == BANK
        assert bank.with_name("mine.md.bak").read_text(encoding="utf-8") == "# Someone else's\n"


async def test_a_bank_removed_from_the_disk_can_be_saved_again(sessions_dir, bank):
    app = editor_app(sessions_dir, bank)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        bank.unlink()
        screen.poll_disk()
        await settle(pilot)
        assert app.screen is screen
        assert "was removed" in notices(app)
        assert "not on disk" in str(screen.query_one("#topbar", Static).content)
        assert screen.dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert bank.read_text(encoding="utf-8") == BANK
        assert "saved" in str(screen.query_one("#topbar", Static).content)


async def test_trying_a_bank_runs_a_throwaway_session(sessions_dir, bank, tmp_path):
    app = editor_app(sessions_dir, bank)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        editor = app.screen
        await type_at_end_of(pilot, 8, " Unsaved.")
        await pilot.press("ctrl+r")
        await settle(pilot)
        run = app.screen
        assert isinstance(run, RunScreen)
        assert run.workshop.store.meta.title == "Rehearsal · Test bank"
        assert "Unsaved." in run.workshop.bank.sections[0].intro
        folder = editor.rehearsal.folder
        assert run.workshop.store.path.is_relative_to(folder)
        assert not folder.is_relative_to(tmp_path)
        await pilot.press("q")
        await settle(pilot)
        assert app.screen is editor
        assert editor.rehearsal is None
        assert not folder.exists()
        assert list(sessions_dir.iterdir()) == []


async def test_a_bundled_bank_is_read_only_and_duplicates_into_the_users_folder(
    sessions_dir, tmp_path
):
    source = bundled_bank_paths()[0]
    app = editor_app(sessions_dir, source)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        area = screen.query_one(BankTextArea)
        assert area.read_only
        await pilot.press("x", "ctrl+s")
        await settle(pilot)
        assert area.text == source.read_text(encoding="utf-8")
        assert "read-only" in notices(app)
        await pilot.press("d")
        await settle(pilot)
        copy = tmp_path / "banks" / f"{source.stem}-copy.md"
        assert copy.read_bytes() == source.read_bytes()
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.file.path == copy
        assert not app.screen.query_one(BankTextArea).read_only


async def test_the_library_lists_banks_duplicates_and_starts_new_ones(sessions_dir, tmp_path, bank):
    bank.write_text(BANK.replace("time=5m", "time=5x"), encoding="utf-8")
    app = FacilitatorApp(sessions_dir=sessions_dir, settings=Settings())
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        library = app.screen
        assert isinstance(library, BanksScreen)
        bundled = library.query_one("#bundled", DataTable)
        mine = library.query_one("#mine", DataTable)
        assert bundled.row_count == len(bundled_bank_paths())
        assert mine.row_count == 1
        assert [cell.plain for cell in mine.get_row_at(0)] == [
            "Test bank", "2", "3", "10m", "✖ 1 problem", "mine.md"
        ]  # fmt: skip

        bundled.focus()
        await pilot.press("d")
        await settle(pilot)
        copy = tmp_path / "banks" / f"{bundled_bank_paths()[0].stem}-copy.md"
        assert copy.exists()
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is library
        assert mine.row_count == 2

        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        await pilot.press(*"Acme deal", "enter")
        await settle(pilot)
        created = tmp_path / "banks" / "acme-deal.md"
        assert parse_bank(created.read_text(encoding="utf-8")).title == "Acme deal"
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.file.path == created
        await pilot.press("escape")
        await settle(pilot)
        assert mine.row_count == 3
        assert mine.get_row_at(mine.cursor_row)[5].plain == "acme-deal.md"

        # A second bank of the same name is refused, nothing is overwritten.
        created.write_text("mine", encoding="utf-8")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Acme deal", "enter")
        await settle(pilot)
        assert app.screen is library
        assert "already exists" in notices(app)
        assert created.read_text(encoding="utf-8") == "mine"

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        home_banks = app.screen.query_one("#banks", DataTable)
        assert home_banks.row_count == len(bundled_bank_paths()) + 3


async def test_the_library_folder_can_be_chosen_and_is_remembered(
    sessions_dir, tmp_path, monkeypatch
):
    monkeypatch.delenv("FACILITATOR_BANKS_DIR")
    chosen = tmp_path / "elsewhere"
    app = FacilitatorApp(sessions_dir=sessions_dir, settings=Settings())
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        app.action_open_banks()
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        field = app.screen.query_one(Input)
        field.value = str(chosen)
        await pilot.press("enter")
        await settle(pilot)
        assert app.settings.banks_dir == str(chosen)
        assert str(chosen) in str(app.screen.query_one("#mine-heading").content)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Later", "enter")
        await settle(pilot)
        assert (chosen / "later.md").exists()
    from facilitator.base.settings import load_settings

    assert load_settings().banks_dir == str(chosen)


async def test_the_command_palette_opens_the_library(sessions_dir):
    app = FacilitatorApp(sessions_dir=sessions_dir, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Question banks")
        commands = app.screen.query_one(CommandList)
        for _ in range(20):  # the palette gathers its matches in a worker
            await app.workers.wait_for_complete()
            await pilot.pause()
            if commands.option_count:
                break
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BanksScreen)


async def test_a_long_bank_is_highlighted_wherever_it_is_scrolled(sessions_dir, bank):
    extra = "".join(f"\n### Extra question {n} {{#extra-{n}}}\n\nHelp.\n" for n in range(300))
    bank.write_text(BANK + extra, encoding="utf-8")
    app = editor_app(sessions_dir, bank)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        area = app.screen.query_one(BankTextArea)
        last_heading = area.document.line_count - 4
        assert area.document.get_line(last_heading).startswith("### Extra question 299")
        assert area._highlights[6]  # Textual private: test_textual_privates.py
        assert not area._highlights.get(last_heading)
        area.scroll_end(animate=False)
        await settle(pilot)
        assert area._highlights[last_heading]
        area.move_cursor((last_heading, 4))
        await pilot.press(*"Edited ")
        await settle(pilot)
        assert area._highlights[last_heading]
        assert area.document.get_line(last_heading).startswith("### Edited Extra question")


async def test_a_question_left_unscored_by_omission_is_warned_about_on_its_line(
    sessions_dir, bank, wait_for_workers
):
    app = editor_app(sessions_dir, bank)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        area = screen.query_one(BankTextArea)
        assert screen.query_one(ProblemList).problems == ()
        area.move_cursor((HEADING, 0))
        await settle(pilot)
        status = str(screen.query_one("#status", Static).content)
        assert "⚠ no compare=: this question is not scored" in status
        area.move_cursor((HEADING - 4, 0))
        await settle(pilot)
        assert "⚠" not in str(screen.query_one("#status", Static).content)
