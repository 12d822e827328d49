"""Replaying a saved session: the workshop as it stood at any moment, rebuilt from its event log.

A replay reads the session without writing or locking it, and runs the bank copied into the
session, so it replays exactly even after the bank file has changed or gone. States are folded by
the rules the live session's `apply` used, on a `WorkingState` that becomes a state only where
one is kept. Every `CHECKPOINT_EVERY` events a state is kept, so seeking anywhere folds at most
that many events once the checkpoints exist. They are built the first time a seek passes them,
or by `prepare` (in a worker, after opening), not on opening: opening a long session only reads
it.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from pathlib import Path

from ..bank.model import Bank
from ..bank.parser import parse_bank
from ..bank.problems import BankError
from ..base.errors import FacilitatorError
from ..base.gcpause import collection_paused
from ..session.names import first_names
from ..session.records import SECTION_ENTERED, SESSION_RENAMED, Event, SessionMeta, SessionRecord
from ..session.state import EventError, WorkingState, WorkshopState, check_events
from ..store.reading import read_session

CHECKPOINT_EVERY = 256


class ReplayError(FacilitatorError):
    """The session cannot be replayed: the bank copied into it no longer reads."""


@dataclass(frozen=True)
class Marker:
    """Where a section began on the timeline."""

    offset: float
    """Seconds from the start of the session."""
    section: int
    """The section's index in the bank."""
    title: str


class Replay:
    """One session's timeline; its caches grow as it seeks, under a lock, so `prepare` may run
    on a worker thread while the screen seeks."""

    def __init__(self, record: SessionRecord, *, checkpoint_every: int = CHECKPOINT_EVERY) -> None:
        self.record = record
        self.checkpoint_every = checkpoint_every
        try:
            self.bank: Bank = parse_bank(record.bank.source, record.bank.path, stored=True)
        except BankError as error:
            first = str(error).splitlines()[0]
            raise ReplayError(
                f"{record.path}: the bank stored in this session does not read ({first})"
            ) from None
        try:
            check_events(self.bank, record.events, record.event_types, record.event_kinds)
        except EventError as error:
            raise ReplayError(f"{record.path}: {error}") from None
        self.events = record.events
        times = record.event_times
        self.start = times[0] if times else record.meta.created
        """Clock time of the first event: offsets count from here (an event's offset is its
        time minus this, worked out where asked: a list of 100,000 took ~5 ms of opening)."""
        self._checkpoints: list[WorkshopState] = [WorkshopState.begin(self.bank)]
        self._last = (0, self._checkpoints[0])
        """The latest state asked for: playing and stepping forward continue from it."""
        self._markers: tuple[Marker, ...] | None = None
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: Path, *, checkpoint_every: int = CHECKPOINT_EVERY) -> Replay:
        """Read `path` (never writing it) and prepare to replay it."""
        return cls(read_session(path), checkpoint_every=checkpoint_every)

    @property
    def meta(self) -> SessionMeta:
        return self.record.meta

    @property
    def duration(self) -> float:
        """Seconds from the first event to the last."""
        return self.offset_of(len(self.events))

    def first_names(self) -> dict[str, str]:
        """The names the session started with (`session.first_names`)."""
        return first_names(self.meta, self._of_type(SESSION_RENAMED))

    def markers(self) -> list[Marker]:
        """Each time a section was entered, in order (a section entered twice shows twice)."""
        if self._markers is None:
            # Found once: the screen asks at every refresh.
            index = {section.id: number for number, section in enumerate(self.bank.sections)}
            start, times = self.start, self.record.event_times
            try:
                self._markers = tuple(
                    Marker(times[number] - start, index[event.payload["section"]],
                           self.bank.sections[index[event.payload["section"]]].title)
                    for number, event in self._numbered(SECTION_ENTERED)
                )  # fmt: skip
            except (KeyError, TypeError) as error:
                raise ReplayError(f"{self.record.path}: a section event names no section of "
                                  f"the bank ({error})") from None  # fmt: skip
        return list(self._markers)

    def _numbered(self, kind: str) -> Iterator[tuple[int, Event]]:
        """Each event of type `kind` with its index, found by a pass made in C over the types
        (a loop reading each of 100,000 events' type took ~30 ms, as the replay screen opened)."""
        events = self.events
        wanted = map(str(kind).__eq__, self.record.event_types)
        return ((number, events[number]) for number in compress(range(len(events)), wanted))

    def _of_type(self, kind: str) -> Iterator[Event]:
        return map(itemgetter(1), self._numbered(kind))

    def count_at(self, offset: float) -> int:
        """How many events had happened `offset` seconds into the session."""
        start = self.start
        return bisect_right(self.record.event_times, offset, key=lambda time: time - start)

    def offset_of(self, count: int) -> float:
        """When the `count`-th event happened (0 for none): the moment `state_after` shows."""
        times = self.record.event_times
        return times[count - 1] - self.start if 0 < count <= len(times) else 0.0

    def prepare(self) -> None:
        """Build every checkpoint now, so that no later seek has to fold more than a few."""
        with self._lock:
            last = self._last
            self._fold_to(len(self.events))
            self._last = last

    def state_after(self, count: int) -> WorkshopState:
        """The state once the first `count` events had happened."""
        with self._lock:
            return self._fold_to(count)

    def _fold_to(self, count: int) -> WorkshopState:
        with collection_paused():
            return self._fold_paused(count)

    def _fold_paused(self, count: int) -> WorkshopState:
        count = max(0, min(count, len(self.events)))
        every = self.checkpoint_every
        base = min(count // every, len(self._checkpoints) - 1)
        start, state = base * every, self._checkpoints[base]
        last_count, last_state = self._last
        if start <= last_count <= count:
            start, state = last_count, last_state
        working = WorkingState(state)
        record = self.record
        types, times, payloads = record.event_types, record.event_times, record.event_payloads
        try:
            while start < count:
                # Up to the next checkpoint's place, and there keep the state if not yet kept.
                stop = min(count, (start // every + 1) * every)
                columns = (types[start:stop], times[start:stop], payloads[start:stop])
                working.steps(self.events[start:stop], columns)
                if stop % every == 0 and stop // every == len(self._checkpoints):
                    self._checkpoints.append(working.freeze())
                start = stop
        except EventError as error:
            raise ReplayError(f"{self.record.path}: {error}") from None
        state = working.freeze()
        self._last = (count, state)
        return state

    def state_at(self, offset: float) -> WorkshopState:
        """The state `offset` seconds into the session."""
        return self.state_after(self.count_at(offset))
