"""Everything noted so far: notes and action items per section, and the parking lot."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from facilitator.session import WorkshopState

ADD_HINT = "Nothing noted yet: o adds a note, an action item or a topic."
READ_ONLY_HINT = "Nothing was noted by this moment."
"""What a replay (read only: no key adds a note) says when there is nothing to show."""


def notes_text(state: WorkshopState, *, empty: str = ADD_HINT) -> Text:
    """Notes and action items under their section, then the parking lot; all as plain text.
    `empty` is what shows when nothing was noted."""
    text = Text()
    for section in state.bank.sections:
        notes = [n for n in state.notes if n.section == section.id and n.kind != "parking"]
        if not notes:
            continue
        text.append(f"{section.title}\n", "bold underline")
        for note in notes:
            if note.kind == "action":
                text.append("  ☐ ", "bold")
                text.append(note.text)
                details = " · ".join(part for part in (note.owner, note.due) if part)
                if details:
                    text.append(f"  ({details})", "italic")
            else:
                text.append("  • ")
                text.append(note.text)
            text.append("\n")
        text.append("\n")
    parked = [note for note in state.notes if note.kind == "parking"]
    if parked:
        text.append("Parking lot\n", "bold underline")
        for note in parked:
            text.append("  ▸ ")
            text.append(note.text)
            text.append("\n")
    return text if text else Text(empty)


class NotesScreen(ModalScreen[None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[Binding]] = [Binding("escape,l,q", "dismiss", "Close")]

    def __init__(self, state: WorkshopState, *, empty: str = ADD_HINT) -> None:
        super().__init__()
        self.state = state
        self.empty = empty

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog notes"):
            yield Static(notes_text(self.state, empty=self.empty))
