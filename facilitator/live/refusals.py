"""What a workshop refuses a change with, or asks the moderator to confirm first: an ended
session, an answer edited from a revision that is no longer the newest, a reveal with a side
that has not answered."""

from __future__ import annotations

from dataclasses import dataclass

from ..base.errors import FacilitatorError
from ..session.records import Answer


class SessionEndedError(FacilitatorError):
    """The session was ended; it can be replayed or exported, not run again."""


class RevisionConflict(FacilitatorError):
    """A commit based on an answer revision that is no longer the newest: another device (or
    the moderator) saved in between. `current` is the newer answer, to show to the sender."""

    def __init__(self, current: Answer | None) -> None:
        super().__init__("changed on another device")
        self.current = current


@dataclass(frozen=True)
class RevealCheck:
    """What `Workshop.check_reveal` finds: the parties a question is asked of that have not
    answered it yet. Every way of revealing (a key, the moderator's page) asks this one question
    first, and reveals with `missing` parties only once the moderator has confirmed."""

    question: str
    missing: tuple[str, ...]
    """"a" and/or "b", in that order."""
    names: tuple[str, ...]
    """The session's names of the `missing` parties."""

    @property
    def ok(self) -> bool:
        return not self.missing

    @property
    def message(self) -> str:
        """ "not answered yet: Globex", or "" when nothing stands in the way."""
        return f"not answered yet: {', '.join(self.names)}" if self.missing else ""
