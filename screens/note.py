"""Taking a note, an action item (owner and due date) or a topic for the parking lot."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from facilitator.session import NOTE_KINDS

_LABELS = {"note": "Note", "action": "Action item", "parking": "Parking lot"}


@dataclass(frozen=True)
class NoteInput:
    text: str
    kind: str
    owner: str
    due: str


class NoteDialog(ModalScreen[NoteInput | None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with RadioSet(id="kind"):
                for index, kind in enumerate(NOTE_KINDS):
                    yield RadioButton(Text(_LABELS[kind]), value=index == 0)
            yield Input(placeholder="What to note", id="text")
            yield Label("Action items: owner and due date")
            with Horizontal(classes="row"):
                yield Input(placeholder="Owner", id="owner")
                yield Input(placeholder="Due (e.g. 2026-12-01)", id="due")
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
        kind = NOTE_KINDS[max(0, self.query_one("#kind", RadioSet).pressed_index)]
        self.dismiss(
            NoteInput(
                text=self.query_one("#text", Input).value,
                kind=kind,
                owner=self.query_one("#owner", Input).value,
                due=self.query_one("#due", Input).value,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
