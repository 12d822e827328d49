"""What the moderator adds to a session beside the answers: notes (and action items and parked
topics) and overrides of a question's comparison status."""

from __future__ import annotations

from dataclasses import dataclass

from .status import Status


@dataclass(frozen=True)
class Note:
    """A note, an action item (with owner and due date) or a parked topic, tied to a section."""

    seq: int
    section: str
    kind: str
    """"note", "action" or "parking"."""
    text: str
    owner: str = ""
    due: str = ""
    question: str = ""
    """The question it came from, when it came from one."""
    done: bool = False
    """An action item ticked done."""


NOTE_KINDS = ("note", "action", "parking")


@dataclass(frozen=True)
class Override:
    """The moderator's word on a question's comparison: a status, a comment, or both."""

    status: Status | None
    """None keeps the computed status (a comment alone)."""
    comment: str
    seq: int
    time: float
