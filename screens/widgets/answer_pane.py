"""One party's answer to the current question: its editor, and what the room may see of it.

Until the moderator reveals a question, a committed answer shows only as "ready": the editor
is hidden so neither side anchors on the other's answer. Once revealed, a list or a ranking is
shown once, in its editor (a line above it repeating the items would only push them down);
a pane without an editor (a replay's) shows it one item per line. What is typed and not
committed may come back as a draft (the run screen keeps drafts through the workshop). While
seats are open, the pane shows the party's state from its own devices (not yet / typing /
ready ✓) and which device it answers on; its editor stays shut unless the moderator opens it
to type for the party.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from facilitator.bank import Kind, Question
from facilitator.base import plural
from facilitator.session import Answer

from .answer_text import answer_text
from .editors import Editor, editor_for, holds_nothing_of
from .gone_lines import forget_gone_widgets, forget_stale_queries
from .updates import show_text

SHOWN_IN_EDITOR = frozenset({Kind.LIST, Kind.RANK})
"""Kinds whose editor shows every item of a revealed answer, so the line above says only that."""
_UNCHANGED = object()


class AnswerPane(Vertical):
    def __init__(
        self, party: str, label: str, other: str, *, editable: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.editable = editable
        self.party = party
        self.label = label
        self.other = other
        self.question: Question | None = None
        self.predicting = False
        self.answer: Answer | None = None
        self.masked = True
        self.readiness: str | None = None
        """The party's `seating.Readiness` value while seats are open; None without seats."""
        self.devices = ""
        """The party's seat devices in a few words ("Android · Chrome"), for the title."""
        self.draft: Any = None
        """The draft shown in the editor, or None."""
        self._opened_with: Any = _UNCHANGED
        """What the editor held when it was last opened, to tell whether it was edited."""
        self.failure = ""
        """A failed save, shown in the body until the next status: a border subtitle that
        does not fit is dropped, and this must not be missed."""

    def compose(self) -> ComposeResult:
        yield Static(id="view")
        yield Vertical(id="slot")

    def on_mount(self) -> None:
        self.border_title = Content(self.label)

    def rename(self, label: str, other: str) -> None:
        """The parties were renamed: the pane's title follows at once (the editor keeps what
        is typed in it)."""
        self.label, self.other = label, other
        title = f"{label} · guessing {other}" if self.predicting else label
        self.border_title = Content(title)
        self.show_view()

    @property
    def editor(self) -> Editor | None:
        editors = self.query(".editor")
        return editors.first(Editor) if editors else None

    async def load(
        self,
        question: Question,
        answer: Answer | None,
        *,
        masked: bool,
        predicting: bool,
        draft: Any = None,
    ) -> None:
        """Show `question` (or this party's guess of the other's answer, when `predicting`);
        the editor is rebuilt only when that changes, so typing in it is never interrupted.
        A `draft` (typed, not committed) goes into a rebuilt editor over the answer."""
        slot = self.query_one("#slot", Vertical)
        rebuilt = (question, predicting) != (self.question, self.predicting)
        if rebuilt:
            self.question, self.predicting = question, predicting
            self.show_title()
            kept = self.editor
            if (
                kept is None
                or self.has_focus_within
                or not question.asks(self.party)
                or not holds_nothing_of(kept, question)
            ):
                gone = list(slot.walk_children())
                await slot.remove_children()
                forget_gone_widgets(self.screen, gone)
                if question.asks(self.party):
                    await slot.mount(editor_for(question, self.label))
                # Lookups by id (the screen's, this pane's) cached before the new editor
                # mounted are never found again: let them go now.
                forget_stale_queries(slot)
            elif answer is None:
                kept.set_value(None)  # emptied for its new question
            self.set_status("")
            self._opened_with = _UNCHANGED
        editor = self.editor
        # Only a new answer (or a new editor) replaces what the editor holds: other events
        # (a speaker, a pause) must not throw away an edit in progress.
        changed = rebuilt or answer != self.answer
        if editor is not None and answer is not None and changed and not self.has_focus_within:
            editor.set_value(answer.value)
        if rebuilt:
            self.draft = draft
            if editor is not None and draft is not None:
                editor.set_value(draft)
                self.set_status("draft, not saved: ctrl+s saves it")
        self.answer = answer
        self.masked = masked
        self.show_view()

    def show_title(self) -> None:
        title = f"{self.label} · guessing {self.other}" if self.predicting else self.label
        if self.devices:
            title += f" · {self.devices}"
        self.border_title = Content(title)

    def show_seat(self, readiness: str | None, devices: str) -> None:
        """What the seats say of this party now (None, "": seats are closed)."""
        if (readiness, devices) == (self.readiness, self.devices):
            return
        self.readiness, self.devices = readiness, devices
        self.show_title()
        self.show_view()

    def _seat_view(self) -> Text:
        """The pane's line while seats are open and the answer is not to be shown."""
        if self.predicting:
            # Readiness is about answers; of a guess the pane knows only whether it exists.
            ready = self.answer is not None
        else:
            ready = self.readiness == "ready"
            if self.readiness == "typing":
                return Text("typing…", style="italic")
        if ready:
            return Text("ready ✓  hidden until reveal", style="bold")
        return Text("not yet", style="dim")

    def show_view(self) -> None:
        view = self.query_one("#view", Static)
        question = self.question
        editing = self.has_focus_within
        if question is None:
            return
        if not question.asks(self.party):
            show_text(view, Text(f"Not asked of {self.label}", style="dim italic"))
            self.set_class(True, "-hidden-editor")
            return
        if self.readiness is not None and (self.answer is None or self.masked):
            # Seats: the party answers on its own device; the editor opens only for the
            # moderator typing in its place (a party with no live device).
            body = self._seat_view()
            self.set_class(not editing, "-hidden-editor")
        elif self.answer is None:
            body = Text("draft ✎ not saved" if self.draft else "answering…", style="dim")
            self.set_class(False, "-hidden-editor")
        elif self.masked:
            body = Text("ready ✓  hidden until reveal", style="bold")
            self.set_class(not editing, "-hidden-editor")
        elif self.editable and question.kind in SHOWN_IN_EDITOR:
            count = plural(len(self.answer.value), "item")
            body = Text(f"revealed ✓  {count}, below", style="bold")
            self.set_class(False, "-hidden-editor")
        else:
            body = answer_text(question, self.answer.value, style="bold")
            self.set_class(False, "-hidden-editor")
        if self.failure:
            body = Text.assemble((self.failure, "bold reverse red"), "\n", body)
        show_text(view, body)

    def edit(self) -> None:
        """Open the editor, even of a hidden answer (the party itself is typing)."""
        editor = self.editor
        if editor is None:
            return
        self.set_class(False, "-hidden-editor")
        assert isinstance(editor, Widget)  # each editor is a widget that mixes `Editor` in
        targets = [editor, *editor.query("*")]
        target = next((widget for widget in targets if widget.focusable), None)
        if target is None:
            return
        if not self.has_focus_within:
            self._opened_with = self.value()
        # Reopening an answer continues it: the cursor goes to the end, not the start.
        if isinstance(target, TextArea):
            target.move_cursor(target.document.end)
        elif isinstance(target, Input):
            target.cursor_position = len(target.value)
        self.screen.set_focus(target)

    def value(self) -> Any:
        editor = self.editor
        return None if editor is None else editor.get_value()

    def take_edit(self) -> tuple[Question, Any] | None:
        """The question and the editor's value if it was edited since it was opened (once:
        a second call returns None until it is edited again)."""
        if self._opened_with is _UNCHANGED or self.question is None:
            return None
        value = self.value()
        if value == self._opened_with:
            return None
        self._opened_with = value
        return self.question, value

    def committed(self) -> None:
        """The editor's value was committed: it is no draft, and unchanged from here."""
        self.draft = None
        self._opened_with = _UNCHANGED

    def set_status(self, status: str, *, failed: bool = False) -> None:
        """The state of the last save; a `failed` one also shows in the body."""
        self.border_subtitle = Content(status)
        if failed or self.failure:
            self.failure = status if failed else ""
            self.show_view()
