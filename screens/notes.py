"""Everything noted so far: notes and action items per section, and the parking lot.

In a live session the list is the moderator's to tidy: edit a note, tick an action item done,
delete one (each an event, so replays and the report follow). A replay shows it read only.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.live import Workshop
from facilitator.session import Note, WorkshopState
from screens.dialog import Dialog

from .confirm import ConfirmDialog
from .note import NoteDialog, NoteInput
from .widgets.footer import ReleasingFooter

ADD_HINT = "Nothing noted yet: o adds a note, an action item or a topic."
READ_ONLY_HINT = "Nothing was noted by this moment."
"""What a replay (read only: no key adds a note) says when there is nothing to show."""


PARKING_LOT = "Parking lot"


def note_line(note: Note) -> Text:
    """One note as a line: `☐ Send the deck  (Ana · 2026-12-01)`, `• a note`, `▸ a topic`."""
    text = Text()
    if note.kind == "action":
        text.append("  ☑ " if note.done else "  ☐ ", "bold")
        text.append(note.text, "strike" if note.done else "")
        details = " · ".join(part for part in (note.owner, note.due) if part)
        if details:
            text.append(f"  ({details})", "italic")
    else:
        text.append("  ▸ " if note.kind == "parking" else "  • ")
        text.append(note.text)
    return text


def grouped(state: WorkshopState) -> list[tuple[str, list[Note]]]:
    """(heading, notes): notes and action items under their section, then the parking lot."""
    notes = state.current_notes()
    groups = [
        (section.title, [n for n in notes if n.section == section.id and n.kind != "parking"])
        for section in state.bank.sections
    ]
    groups.append((PARKING_LOT, [note for note in notes if note.kind == "parking"]))
    return [(title, members) for title, members in groups if members]


def notes_text(state: WorkshopState, *, empty: str = ADD_HINT) -> Text:
    """Every note as it stands, as plain text; `empty` is what shows when nothing was noted."""
    text = Text()
    for title, notes in grouped(state):
        text.append(f"{title}\n", "bold underline")
        for note in notes:
            text.append_text(note_line(note))
            text.append("\n")
        if title != PARKING_LOT:
            text.append("\n")
    return text if text else Text(empty)


class NotesScreen(Dialog[None]):
    """The notes; with a `workshop`, e edits, space ticks done and x deletes the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,l,q", "dismiss", "Close"),
        Binding("e,enter", "edit", "Edit", priority=True),
        Binding("space", "done", "Done ☑", priority=True),
        Binding("x,delete", "delete", "Delete", priority=True),
    ]

    def __init__(
        self, state: WorkshopState, *, empty: str = ADD_HINT, workshop: Workshop | None = None
    ) -> None:
        super().__init__()
        self.state = state
        self.empty = empty
        self.workshop = workshop

    def compose(self) -> ComposeResult:
        if self.workshop is None:
            with VerticalScroll(classes="dialog notes"):
                yield Static(notes_text(self.state, empty=self.empty))
            return
        with Vertical(classes="dialog notes"):
            yield Static(Text("e edit · space done · x delete · escape close", style="dim"))
            yield OptionList(id="list")
            yield Static(Text(self.empty), id="empty")
        yield ReleasingFooter()

    def on_mount(self) -> None:
        if self.workshop is not None:
            self.fill()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in ("edit", "done", "delete") or self.workshop is not None

    def fill(self, keep: int | None = None) -> None:
        """List the notes as they stand; the highlight stays on note `keep` when it is there."""
        assert self.workshop is not None
        self.state = self.workshop.state
        options = self.query_one("#list", OptionList)
        options.clear_options()
        for title, notes in grouped(self.state):
            options.add_option(Option(Text(title, "bold underline"), disabled=True))
            for note in notes:
                options.add_option(Option(note_line(note), id=str(note.seq)))
        empty = not self.state.current_notes()
        self.query_one("#empty", Static).display = empty
        options.display = not empty
        ids = [options.get_option_at_index(n).id for n in range(options.option_count)]
        if keep is not None and str(keep) in ids:
            options.highlighted = ids.index(str(keep))
        elif not empty:
            options.highlighted = next(n for n, id in enumerate(ids) if id is not None)
        options.focus()

    def highlighted(self) -> Note | None:
        options = self.query_one("#list", OptionList)
        if options.highlighted is None:
            return None
        seq = options.get_option_at_index(options.highlighted).id
        return next((n for n in self.state.current_notes() if str(n.seq) == seq), None)

    def action_edit(self) -> None:
        note, workshop = self.highlighted(), self.workshop
        if note is None or workshop is None:
            return

        def apply(edit: NoteInput) -> None:
            workshop.edit_note(note.seq, text=edit.text, owner=edit.owner, due=edit.due)

        self.app.push_screen(NoteDialog(apply, note=note), lambda _: self.fill(note.seq))

    def action_done(self) -> None:
        note = self.highlighted()
        if note is None or self.workshop is None:
            return
        if note.kind != "action":
            self.notify("Only action items are ticked done", severity="warning")
            return
        self.workshop.set_note_done(note.seq, not note.done)
        self.fill(note.seq)

    def action_delete(self) -> None:
        note, workshop = self.highlighted(), self.workshop
        if note is None or workshop is None:
            return

        def delete(confirmed: bool | None) -> None:
            if confirmed:
                workshop.delete_note(note.seq)
                self.fill()

        self.app.push_screen(ConfirmDialog(f"Delete “{note.text}”?"), delete)
