"""Taking a note, an action item (owner and due date) or a topic for the parking lot, or
changing one. Saving hands the input to `apply` (the workshop's add or edit); a refusal (a due
date that is no date) shows in the dialog, which stays open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, RadioButton, RadioSet

from facilitator.session import NOTE_KINDS, Note
from screens.dialog import FormDialog

_LABELS = {"note": "Note", "action": "Action item", "parking": "Parking lot"}


@dataclass(frozen=True)
class NoteInput:
    text: str
    kind: str
    owner: str
    due: str


class NoteDialog(FormDialog[bool]):
    """Dismisses with True once `apply` took the note, False if cancelled."""

    ENTER_SAVES = True  # a note is typed and saved at once; owner and due date are optional

    def __init__(self, apply: Callable[[NoteInput], None], *, note: Note | None = None) -> None:
        """`apply` raises ValueError, with a reason to show, when it refuses the input; `note`
        is the note being changed (its kind stays)."""
        super().__init__(cancelled=False)
        self.apply = apply
        self.note = note

    def compose(self) -> ComposeResult:
        note = self.note
        with Vertical(classes="dialog"):
            if note is None:
                with RadioSet(id="kind"):
                    for index, kind in enumerate(NOTE_KINDS):
                        yield RadioButton(Text(_LABELS[kind]), value=index == 0)
            else:
                yield Label(Text(f"Change this {_LABELS[note.kind].lower()}", style="bold"))
            yield Input(note.text if note else "", placeholder="What to note", id="text")
            yield Label("Action items: owner and due date (YYYY-MM-DD)")
            with Horizontal(classes="row"):
                yield Input(note.owner if note else "", placeholder="Owner", id="owner")
                yield Input(note.due if note else "", placeholder="Due, e.g. 2026-12-01", id="due")
            yield Label("", id="problem")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def action_save(self) -> None:
        if self.note is None:
            kind = NOTE_KINDS[max(0, self.query_one("#kind", RadioSet).pressed_index)]
        else:
            kind = self.note.kind
        note = NoteInput(
            text=self.query_one("#text", Input).value,
            kind=kind,
            owner=self.query_one("#owner", Input).value,
            due=self.query_one("#due", Input).value,
        )
        try:
            self.apply(note)
        except ValueError as error:
            self.show_problem(str(error))
            return
        self.dismiss(True)
