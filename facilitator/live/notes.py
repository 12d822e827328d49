"""The notes a moderator takes during a session (notes, decisions, action items with an owner and
a due date): taking, editing, ticking and deleting them, as part of the one `Workshop`."""

from __future__ import annotations

from concurrent.futures import Future
from datetime import date
from typing import TYPE_CHECKING, Any

from ..session.moderation import NOTE_KINDS, Note
from ..session.records import NOTE, NOTE_DELETED, NOTE_DONE, NOTE_EDITED, Event, EventType
from ..session.state import WorkshopState


def check_due(due: str) -> None:
    """A due date is a real date written YYYY-MM-DD, or nothing; ValueError says how to write it.
    Only new input is checked: notes in sessions saved before keep what they hold."""
    due = due.strip()
    if not due:
        return
    try:
        if len(due) != 10:
            raise ValueError
        date.fromisoformat(due)
    except ValueError:
        raise ValueError(
            f"due date {due!r} is not a date: write it as YYYY-MM-DD, like 2026-12-01"
        ) from None


class NoteTaking:
    """The note actions of `Workshop` (which records their events and keeps the state)."""

    state: WorkshopState

    if TYPE_CHECKING:

        @property
        def section_id(self) -> str: ...

        def _record(self, type: EventType, **payload: Any) -> Future[Event]: ...

    def add_note(
        self, text: str, *, kind: str = "note", owner: str = "", due: str = "", question: str = ""
    ) -> None:
        """Note something in the current section; a due date is a date written YYYY-MM-DD
        (ValueError otherwise)."""
        if kind not in NOTE_KINDS:
            raise ValueError(f"note kind must be one of {NOTE_KINDS}")
        check_due(due)
        if not text.strip():
            return
        self._record(
            NOTE,
            section=self.section_id,
            kind=kind,
            text=text.strip(),
            owner=owner.strip(),
            due=due.strip(),
            question=question,
        )

    def _current_note(self, seq: int) -> Note:
        for note in self.state.current_notes():
            if note.seq == seq:
                return note
        raise ValueError(f"there is no note {seq}")

    def edit_note(
        self, seq: int, *, text: str | None = None, owner: str | None = None, due: str | None = None
    ) -> None:
        """Change a note's text, owner or due date (the note taken by event `seq`)."""
        note = self._current_note(seq)
        changes: dict[str, str] = {}
        for name, value in (("text", text), ("owner", owner), ("due", due)):
            if value is not None and value.strip() != getattr(note, name):
                changes[name] = value.strip()
        if "text" in changes and not changes["text"]:
            raise ValueError("a note needs some text: delete it instead")
        check_due(changes.get("due", ""))
        if changes:
            self._record(NOTE_EDITED, note=seq, **changes)

    def set_note_done(self, seq: int, done: bool = True) -> None:
        """Tick an action item done (or not done again)."""
        if self._current_note(seq).done != done:
            self._record(NOTE_DONE, note=seq, done=done)

    def delete_note(self, seq: int) -> None:
        self._current_note(seq)
        self._record(NOTE_DELETED, note=seq)
