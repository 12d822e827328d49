"""Messages that carry the domain's notifications into the UI."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from facilitator.session import WorkshopState


@dataclass
class WorkshopChanged(Message):
    """The workshop's state changed; a flood of these collapses into the newest one."""

    state: WorkshopState

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, WorkshopChanged)


@dataclass
class SeekRequested(Message):
    """Move a replay to `offset` seconds from the start of the session (a click on its timeline)."""

    offset: float


@dataclass
class AnswerSaved(Message):
    """An answer reached the disk (or failed to: `error` says why)."""

    question: str
    party: str
    prediction: bool
    error: str = ""


@dataclass
class GoToLine(Message):
    """Move the bank editor's cursor to a 0-based line and column (from its outline or its list
    of problems)."""

    line: int
    column: int = 0


@dataclass
class OverrideRequested(Message):
    """The moderator asked to set the comparison status of a question (from a dashboard row)."""

    question: str
