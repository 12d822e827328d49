"""The editor kept between two free-text questions (answer_pane `holds_nothing_of`) carries
nothing of the question before into the next: no text, no undo history, no draft; each
question's draft comes back with it, for answers and guesses alike. And the admission prompt
(`ConfirmDialog(deliberate=True)`) starts on No, so a stray Enter refuses."""

from pathlib import Path

from textual.app import App
from textual.widgets import Static, TextArea
from workshop_support import app_for, start_workshop

from facilitator.base.clock import ManualClock
from facilitator.session.records import AnswerKey
from screens.confirm import ConfirmDialog
from screens.widgets.answer_pane import AnswerPane

BANK = """---
party-a: Startup
party-b: Enterprise
---
# Texts

## Only {time=10m}

### One? {#one predict}

### Two? {#two}
"""


def editor_of(app: App, party: str) -> TextArea:
    return app.screen.query_one(f"#pane-{party}", AnswerPane).query_one(TextArea)


async def test_the_next_text_question_gets_an_empty_editor_and_each_keeps_its_draft(
    tmp_path: Path,
):
    workshop = start_workshop(tmp_path, BANK, ManualClock(1_750_000_000.0))
    app = app_for(workshop)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", *"secret", "escape", "n")
        await pilot.pause()
        editor = editor_of(app, "a")
        assert editor.text == "", "the previous question's text is not carried over"
        await pilot.press("a", "ctrl+z")
        await pilot.pause()
        assert editor.text == "", "nor its undo history"
        await pilot.press("x", "escape", "p")
        await pilot.pause()
        assert editor_of(app, "a").text == "secret"
        drafts = workshop.drafts
        assert drafts[AnswerKey("one", "a", False)] == "secret"
        assert drafts[AnswerKey("two", "a", False)] == "x"


async def test_answers_and_guesses_keep_apart_in_the_kept_editor(tmp_path: Path):
    workshop = start_workshop(tmp_path, BANK, ManualClock(1_750_000_000.0))
    app = app_for(workshop)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", *"mine", "escape", "g")
        await pilot.pause()
        assert editor_of(app, "a").text == ""
        await pilot.press("a", *"guess", "escape", "g")
        await pilot.pause()
        assert editor_of(app, "a").text == "mine"
        await pilot.press("g", "a", "ctrl+s")
        await pilot.pause()
        assert workshop.state.answers[AnswerKey("one", "a", True)].value == "guess"
        assert AnswerKey("one", "a", False) not in workshop.state.answers


async def test_a_revealed_answer_grows_its_pane_line_and_the_next_question_shrinks_it(
    tmp_path: Path,
):
    workshop = start_workshop(tmp_path, BANK, ManualClock(1_750_000_000.0))
    app = app_for(workshop)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.query_one("#pane-a", AnswerPane).query_one("#view", Static)
        assert view.size.height == 1
        workshop.commit_answer("one", "a", "word " * 20).result()
        workshop.commit_answer("one", "b", "short").result()
        workshop.reveal("one")
        await pilot.pause()
        await pilot.pause()
        assert view.size.height == 3
        workshop.next_question()
        await pilot.pause()
        await pilot.pause()
        assert view.size.height == 1


class _Asking(App[None]):
    answer: bool | None = None

    def on_mount(self) -> None:
        self.push_screen(ConfirmDialog("Admit?", deliberate=True), self.answered)

    def answered(self, answer: bool | None) -> None:
        self.answer = answer


async def test_a_deliberate_prompt_starts_on_no():
    app = _Asking()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.focused is not None and app.screen.focused.id == "no"
        await pilot.press("enter")
        await pilot.pause()
        assert app.answer is False
