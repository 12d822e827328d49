"""The state of a workshop at one moment, rebuilt by folding its event log.

`apply(state, event)` is pure: the live engine applies each event as it records it, resume folds
the whole log, and replay folds the log up to any moment. All three therefore agree by design.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .bank import Bank
from .chain import Chain
from .session import (
    ANSWER_COMMITTED,
    ANSWER_EDITED,
    NOTE,
    PARTIES,
    QUESTION_SHOWN,
    REVEAL,
    SECTION_ENTERED,
    SESSION_ENDED,
    SPEAKER,
    STATUS_OVERRIDDEN,
    TIMER_EXTENDED,
    TIMER_PAUSED,
    TIMER_RESUMED,
    TIMER_STARTED,
    Answer,
    AnswerKey,
    Event,
)
from .status import Status
from .timer import SectionTimer


def _empty() -> Mapping:
    return MappingProxyType({})


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


NOTE_KINDS = ("note", "action", "parking")


@dataclass(frozen=True)
class Override:
    """The moderator's word on a question's comparison: a status, a comment, or both."""

    status: Status | None
    """None keeps the computed status (a comment alone)."""
    comment: str
    seq: int
    time: float


@dataclass(frozen=True)
class WorkshopState:
    bank: Bank
    section: int = 0
    question: int = 0
    timers: tuple[SectionTimer, ...] = ()
    answers: Mapping[AnswerKey, Answer] = field(default_factory=_empty)
    revealed: frozenset[str] = frozenset()
    speaker: str | None = None
    speaking_since: float | None = None
    airtime: Mapping[tuple[str, str], float] = field(default_factory=_empty)
    """Seconds of talking per (section id, party) so far, not counting the current speaker's run."""
    notes: Chain[Note] = field(default_factory=Chain)
    """In order; a `Chain` so the fold appends without copying every earlier note."""
    visited: frozenset[int] = frozenset()
    ended: bool = False
    time: float = 0.0
    """Clock time of the last event applied."""
    overrides: Mapping[str, Override] = field(default_factory=_empty)
    """The moderator's overrides of comparison statuses, by question id."""

    @classmethod
    def begin(cls, bank: Bank) -> WorkshopState:
        return cls(bank=bank, timers=tuple(SectionTimer(budget=s.budget) for s in bank.sections))

    def index_of_section(self, section_id: str) -> int:
        for index, section in enumerate(self.bank.sections):
            if section.id == section_id:
                return index
        raise KeyError(section_id)

    def airtime_in(self, section_id: str, now: float) -> dict[str, float]:
        """Seconds each party has spoken in the section, the current speaker counted up to `now`."""
        shares = {party: self.airtime.get((section_id, party), 0.0) for party in PARTIES}
        current = self.bank.sections[self.section].id
        if self.speaker and self.speaking_since is not None and section_id == current:
            shares[self.speaker] += max(0.0, now - self.speaking_since)
        return shares

    def behind_plan(self, now: float) -> float:
        """Seconds the session runs behind its plan (negative: ahead).

        Sections already visited count their overrun or saving; the current section counts only
        once it runs over, since time still left in it may yet be used.
        """
        delta = 0.0
        for index in self.visited:
            timer = self.timers[index]
            if index == self.section:
                delta += max(0.0, -timer.remaining(now))
            else:
                delta -= timer.remaining(now)
        return delta


def _evolve(state: WorkshopState, **changes: Any) -> WorkshopState:
    """`dataclasses.replace` for the fold's hot path: it copies the fields directly instead of
    re-running the generated __init__, which made replay spend most of its time in replace()."""
    evolved = object.__new__(WorkshopState)
    evolved.__dict__.update(state.__dict__, **changes)
    return evolved


def _stop_speaker(state: WorkshopState, now: float) -> WorkshopState:
    if state.speaker is None or state.speaking_since is None:
        return state
    key = (state.bank.sections[state.section].id, state.speaker)
    airtime = dict(state.airtime)
    airtime[key] = airtime.get(key, 0.0) + max(0.0, now - state.speaking_since)
    return _evolve(state, airtime=MappingProxyType(airtime), speaker=None, speaking_since=None)


def _with_timer(
    state: WorkshopState, section: str | int, change: Callable[[SectionTimer], SectionTimer]
) -> WorkshopState:
    """`state` with one section's timer changed; the section by id or by index."""
    index = section if isinstance(section, int) else state.index_of_section(section)
    timers = list(state.timers)
    timers[index] = change(timers[index])
    return _evolve(state, timers=tuple(timers))


def apply(state: WorkshopState, event: Event) -> WorkshopState:
    """The state after `event`; events this fold does not need leave it unchanged."""
    payload, now = event.payload, event.time
    state = _evolve(state, time=now)
    if event.type == SECTION_ENTERED:
        index = state.index_of_section(payload["section"])
        speaker = state.speaker
        state = _with_timer(_stop_speaker(state, now), state.section, lambda t: t.pause(now))
        state = _evolve(state, section=index, question=0, visited=state.visited | {index})
        if speaker is not None:
            state = _evolve(state, speaker=speaker, speaking_since=now)
        return state
    if event.type == QUESTION_SHOWN:
        questions = state.bank.sections[state.section].questions
        ids = [question.id for question in questions]
        return _evolve(state, question=ids.index(payload["question"]))
    if event.type in (TIMER_STARTED, TIMER_RESUMED):
        return _with_timer(state, payload["section"], lambda timer: timer.start(now))
    if event.type == TIMER_PAUSED:
        # A pause recorded on resume after a crash carries the moment the room was last seen.
        at = float(payload.get("at", now))
        return _with_timer(state, payload["section"], lambda timer: timer.pause(at))
    if event.type == TIMER_EXTENDED:
        seconds = float(payload["seconds"])
        return _with_timer(state, payload["section"], lambda timer: timer.extend(seconds))
    if event.type in (ANSWER_COMMITTED, ANSWER_EDITED):
        key = AnswerKey(payload["question"], payload["party"], bool(payload["prediction"]))
        answers = dict(state.answers)
        answers[key] = Answer(key, payload["value"], int(payload["revision"]), now)
        return _evolve(state, answers=MappingProxyType(answers))
    if event.type == REVEAL:
        return _evolve(state, revealed=state.revealed | {payload["question"]})
    if event.type == SPEAKER:
        # Like a pause, a stop recorded on resume after a crash carries the last moment seen.
        state = _stop_speaker(state, float(payload.get("at", now)))
        party = payload.get("party")
        return _evolve(state, speaker=party, speaking_since=now if party else None)
    if event.type == NOTE:
        note = Note(
            seq=event.seq,
            section=payload["section"],
            kind=payload.get("kind", "note"),
            text=payload["text"],
            owner=payload.get("owner", ""),
            due=payload.get("due", ""),
            question=payload.get("question", ""),
        )
        return _evolve(state, notes=state.notes.appended(note))
    if event.type == STATUS_OVERRIDDEN:
        overrides = dict(state.overrides)
        status, comment = payload.get("status"), payload.get("comment", "")
        if status is None and not comment:
            overrides.pop(payload["question"], None)
        else:
            status = None if status is None else Status(status)
            overrides[payload["question"]] = Override(status, comment, event.seq, now)
        return _evolve(state, overrides=MappingProxyType(overrides))
    if event.type == SESSION_ENDED:
        state = _with_timer(_stop_speaker(state, now), state.section, lambda t: t.pause(now))
        return _evolve(state, ended=True)
    return state


def fold(bank: Bank, events: Iterable[Event]) -> WorkshopState:
    """The state after all `events`, from the start of the session."""
    state = WorkshopState.begin(bank)
    for event in events:
        state = apply(state, event)
    return state
