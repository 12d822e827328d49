"""Taking a note, an action item (owner and due date) or a topic for the parking lot, or
changing one. Saving hands the input to `apply` (the workshop's add or edit); a refusal (a due
date that is no date) shows in the dialog, which stays open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from facilitator.session import NOTE_KINDS, Note

_LABELS = {"note": "Note", "action": "Action item", "parking": "Parking lot"}


@dataclass(frozen=True)
class NoteInput:
    text: str
    kind: str
    owner: str
    due: str


class NoteDialog(ModalScreen[bool]):
    """Dismisses with True once `apply` took the note, False if cancelled."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, apply: Callable[[NoteInput], None], *, note: Note | None = None) -> None:
        """`apply` raises ValueError, with a reason to show, when it refuses the input; `note`
        is the note being changed (its kind stays)."""
        super().__init__()
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
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

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
            self.query_one("#problem", Label).update(Text(str(error), style="bold red"))
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
