"""Replaying a saved session: the workshop as it stood at any moment, rebuilt from its event log.

A replay reads the session without writing or locking it, and runs the bank copied into the
session, so it replays exactly even after the bank file has changed or gone. States are folded
with the same `apply` the live session used. Every `CHECKPOINT_EVERY` events a state is kept, so
seeking anywhere folds at most that many events.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from .bank import Bank
from .parser import parse_bank
from .session import SECTION_ENTERED, SessionRecord
from .state import WorkshopState, apply
from .store import read_session

CHECKPOINT_EVERY = 256


@dataclass(frozen=True)
class Marker:
    """Where a section began on the timeline."""

    offset: float
    """Seconds from the start of the session."""
    section: str
    title: str


class Replay:
    def __init__(self, record: SessionRecord) -> None:
        self.record = record
        self.bank: Bank = parse_bank(record.bank.source, record.bank.path)
        self.events = record.events
        self.start = self.events[0].time if self.events else record.meta.created
        self._times = [event.time - self.start for event in self.events]
        self._checkpoints: list[WorkshopState] = [WorkshopState.begin(self.bank)]
        state = self._checkpoints[0]
        for index, event in enumerate(self.events, 1):
            state = apply(state, event)
            if index % CHECKPOINT_EVERY == 0:
                self._checkpoints.append(state)

    @classmethod
    def open(cls, path: Path) -> Replay:
        """Read `path` (never writing it) and prepare to replay it."""
        return cls(read_session(path))

    @property
    def duration(self) -> float:
        """Seconds from the first event to the last."""
        return self._times[-1] if self._times else 0.0

    def markers(self) -> list[Marker]:
        titles = {section.id: section.title for section in self.bank.sections}
        return [
            Marker(offset, event.payload["section"], titles[event.payload["section"]])
            for offset, event in zip(self._times, self.events, strict=True)
            if event.type == SECTION_ENTERED
        ]

    def count_at(self, offset: float) -> int:
        """How many events had happened `offset` seconds into the session."""
        return bisect_right(self._times, offset)

    def state_after(self, count: int) -> WorkshopState:
        """The state once the first `count` events had happened."""
        count = max(0, min(count, len(self.events)))
        base = count // CHECKPOINT_EVERY
        state = self._checkpoints[base]
        for event in self.events[base * CHECKPOINT_EVERY : count]:
            state = apply(state, event)
        return state

    def state_at(self, offset: float) -> WorkshopState:
        """The state `offset` seconds into the session."""
        return self.state_after(self.count_at(offset))
