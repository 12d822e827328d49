"""One party's answer to the current question: its editor, and what the room may see of it.

Until the moderator reveals a question, a committed answer shows only as "ready": the editor
is hidden so neither side anchors on the other's answer.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static, TextArea

from facilitator.bank import Question, describe
from facilitator.session import Answer

from .editors import Editor, editor_for


class AnswerPane(Vertical):
    def __init__(self, party: str, label: str, other: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.party = party
        self.label = label
        self.other = other
        self.question: Question | None = None
        self.predicting = False
        self.answer: Answer | None = None
        self.masked = True
        self.failure = ""
        """A failed save, shown in the body until the next status: a border subtitle that
        does not fit is dropped, and this must not be missed."""

    def compose(self) -> ComposeResult:
        yield Static(id="view")
        yield Vertical(id="slot")

    def on_mount(self) -> None:
        self.border_title = Content(self.label)

    @property
    def editor(self) -> Editor | None:
        editors = self.query(".editor")
        return editors.first() if editors else None  # type: ignore[return-value]

    async def load(
        self, question: Question, answer: Answer | None, *, masked: bool, predicting: bool
    ) -> None:
        """Show `question` (or this party's guess of the other's answer, when `predicting`);
        the editor is rebuilt only when that changes, so typing in it is never interrupted."""
        slot = self.query_one("#slot", Vertical)
        rebuilt = (question, predicting) != (self.question, self.predicting)
        if rebuilt:
            self.question, self.predicting = question, predicting
            title = f"{self.label} · guessing {self.other}" if predicting else self.label
            self.border_title = Content(title)
            await slot.remove_children()
            if question.asks(self.party):
                await slot.mount(editor_for(question, self.label))
            self.set_status("")
        editor = self.editor
        # Only a new answer (or a new editor) replaces what the editor holds: other events
        # (a speaker, a pause) must not throw away an edit in progress.
        changed = rebuilt or answer != self.answer
        if editor is not None and answer is not None and changed and not self.has_focus_within:
            editor.set_value(answer.value)
        self.answer = answer
        self.masked = masked
        self.show_view()

    def show_view(self) -> None:
        view = self.query_one("#view", Static)
        question = self.question
        editing = self.has_focus_within
        if question is None:
            return
        if not question.asks(self.party):
            view.update(Text(f"Not asked of {self.label}", style="dim italic"))
            self.set_class(True, "-hidden-editor")
            return
        if self.answer is None:
            body = Text("answering…", style="dim")
            self.set_class(False, "-hidden-editor")
        elif self.masked:
            body = Text("ready ✓  hidden until reveal", style="bold")
            self.set_class(not editing, "-hidden-editor")
        else:
            body = Text(describe(question, self.answer.value), style="bold")
            self.set_class(False, "-hidden-editor")
        if self.failure:
            body = Text.assemble((self.failure, "bold reverse red"), "\n", body)
        view.update(body)

    def edit(self) -> None:
        """Open the editor, even of a hidden answer (the party itself is typing)."""
        editor = self.editor
        if editor is None:
            return
        self.set_class(False, "-hidden-editor")
        targets = [editor, *editor.query("*")]  # type: ignore[attr-defined]
        target = next((widget for widget in targets if widget.focusable), None)
        if target is None:
            return
        # Reopening an answer continues it: the cursor goes to the end, not the start.
        if isinstance(target, TextArea):
            target.move_cursor(target.document.end)
        elif isinstance(target, Input):
            target.cursor_position = len(target.value)
        self.screen.set_focus(target)

    def value(self) -> Any:
        editor = self.editor
        return None if editor is None else editor.get_value()

    def set_status(self, status: str, *, failed: bool = False) -> None:
        """The state of the last save; a `failed` one also shows in the body."""
        self.border_subtitle = Content(status)
        if failed or self.failure:
            self.failure = status if failed else ""
            self.show_view()
