"""The state of a workshop at one moment, rebuilt by folding its event log.

`apply(state, event)` is pure: the live engine applies each event as it records it, resume folds
the whole log, and replay folds the log up to any moment. All three therefore agree by design.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from itertools import compress
from operator import attrgetter
from sys import intern
from types import MappingProxyType
from typing import Any

from ..bank.model import Bank
from ..base.errors import FacilitatorError
from ..base.sharedseq import Chain
from .moderation import Note, Override
from .records import (
    ANSWER_COMMITTED,
    ANSWER_EDITED,
    EVENT_TYPES,
    NAME_FIELDS,
    NOTE,
    NOTE_DELETED,
    NOTE_DONE,
    NOTE_EDITED,
    PARTIES,
    QUESTION_SHOWN,
    REVEAL,
    SECTION_ENTERED,
    SESSION_ENDED,
    SESSION_RENAMED,
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
from .times import whole


def _empty() -> Mapping:
    return MappingProxyType({})


class EventError(FacilitatorError):
    """An event in a session's log that does not fit the session (a damaged or edited file)."""


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
    note_changes: Mapping[int, Note | None] = field(default_factory=_empty)
    """Notes edited, ticked or deleted (None) since they were taken, by the seq of the note
    event; `current_notes` applies them (kept apart so the fold appends notes without copying)."""
    renamed: Mapping[str, str] = field(default_factory=_empty)
    """The names renamed so far (`NAME_FIELDS` -> the newest value); `session.names` adds the
    names the session started with, for the names as they were at this moment."""

    @classmethod
    def begin(cls, bank: Bank) -> WorkshopState:
        return cls(bank=bank, timers=tuple(SectionTimer(budget=s.budget) for s in bank.sections))

    def current_notes(self) -> tuple[Note, ...]:
        """The notes as they stand now: edits and ticks applied, deleted ones left out."""
        changes = self.note_changes
        if not changes:
            return tuple(self.notes)
        shown = (changes.get(note.seq, note) for note in self.notes)
        return tuple(note for note in shown if note is not None)

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
            # Whole seconds, as `session.times` counts them, so this agrees with the agenda.
            left = whole(timer.budget) - whole(timer.elapsed(now))
            if index == self.section:
                delta += max(0, -left)
            else:
                delta -= left
        return delta


_THAW: dict[str, Callable[[Any], Any]] = {
    "timers": list,
    "answers": dict,
    "revealed": set,
    "airtime": dict,
    "visited": set,
    "overrides": dict,
    "note_changes": dict,
    "renamed": dict,
}
"""How a working copy turns each container field into a private one it may change in place."""

_FREEZE: dict[str, Callable[[Any], Any]] = {
    "timers": tuple,
    "answers": MappingProxyType,
    "revealed": frozenset,
    "airtime": MappingProxyType,
    "visited": frozenset,
    "overrides": MappingProxyType,
    "note_changes": MappingProxyType,
    "renamed": MappingProxyType,
}


class WorkingState:
    """A private, changeable copy of a `WorkshopState` that events change in place.

    This is where the fold's rules live: `apply` is one `step` between a copy and a `freeze`,
    and a replay steps through thousands of events and freezes only where it keeps a state, so
    it does not build a new state (and copy every changed mapping) per event. Containers are
    copied the first time an event changes them after a freeze, so a frozen state never sees a
    later change, and a field no event changed keeps the very object it had: readers that
    compare `answers`, `revealed` or `overrides` by identity see a new one only after a change.
    """

    __slots__ = ("_fields", "_frozen", "_notes", "_sections", "_thawed")

    def __init__(self, state: WorkshopState) -> None:
        self._fields: dict[str, Any] = dict(state.__dict__)
        self._thawed: dict[str, Any] = {}
        """Private copies of the container fields changed since the last freeze, by name."""
        self._notes: list[Note] = []
        """Notes taken since the last freeze, appended to the chain in one go when it comes."""
        self._frozen: WorkshopState | None = state
        self._sections: dict[str, int] | None = None
        """Each section's index by id, found at the first event that names one (the bank is
        the same in every state of a session)."""

    def freeze(self) -> WorkshopState:
        """The state as it stands now; later steps do not change it."""
        if self._frozen is None:
            fields = self._fields
            for name, value in self._thawed.items():
                fields[name] = _FREEZE[name](value)
            self._thawed.clear()
            if self._notes:
                fields["notes"] = fields["notes"].extended(self._notes)
                self._notes = []
            frozen = object.__new__(WorkshopState)
            frozen.__dict__.update(fields)
            self._frozen = frozen
        return self._frozen

    def step(self, event: Event) -> None:
        """Change this copy as `event` changes the workshop; events the fold does not need only
        move its time on."""
        self.steps((event,))

    def steps(self, events: Iterable[Event]) -> None:
        """`step` through each of `events` in turn: one call for many, as a replay folds
        thousands (the call and the lookups it saves per event were a sixth of a fold)."""
        self._fold(map(_FIELDS, events))

    def fold_columns(self, columns: Columns) -> None:
        """`steps` through the events whose types, times, payloads and numbers `columns` holds,
        in order, where the caller has them (`SessionRecord.event_types`, `event_times`,
        `event_payloads`, `event_seqs`) rather than the events: a session read from a file
        makes its events only when asked for (`SessionRecord.events`; 100,000 took ~30 ms)."""
        self._fold(zip(*columns, strict=True))

    def _fold(self, rows: Iterable[tuple[str, float, Mapping[str, Any], int]]) -> None:
        """Each event of `rows` (its type, time, payload and number) by its rule, in order.

        The rules of the commonest events, a speaker change, a note and a timer's start, pause
        or resume (all but a few of a long session's), are written out here rather than called
        through `_RULES`, and the fields every event needs come from the columns: the calls and
        the lookups they save (an event read from a file is the slowest kind of object to read
        an attribute of) were a third of the fold, and a timer's change through its rule cost
        as much as four or five speaker changes. The other rules are given an event made of
        these fields, equal to the one recorded (`_event`).
        """
        self._frozen = None
        fields, rules, thawed = self._fields, _RULES, self._thawed
        sections = fields["bank"].sections
        add_note, new, set_field = self._notes.append, object.__new__, object.__setattr__
        speaker_kind, note_kind, timer_kinds, paused_kind = _SPEAKER, _NOTE, _TIMER_KINDS, _PAUSED
        seq = kind = now = None
        # The speaker and since when, kept here and written back to `fields` before any other
        # rule runs (which reads and may change them) and when the fold stops, however it
        # stops (`ruling`: unless a rule stopped it, having written them itself).
        speaker, since = fields["speaker"], fields["speaking_since"]
        ruling = False
        # What the speaker changes and the timers need, found at the first that needs each and
        # the first two again after any other rule (which may have changed them).
        airtime: dict[tuple[str, str], float] | None = None
        section_id: str | None = None
        # Each party's airtime in the section so far, by party: a party's first change here
        # adds to `airtime` (its key is then where it would be), later ones to this, written
        # back as the speaker is (a tuple key, built, hashed and compared twice, was a fifth of
        # a speaker change).
        spoken_by: dict[str, float] = {}
        timers: list[SectionTimer] | None = None
        by_id: dict[str, int] | None = None
        try:
            for kind, now, payload, seq in rows:
                if kind == speaker_kind:
                    # Like a pause, a stop recorded on resume after a crash carries the last
                    # moment seen. The one speaking stops (`_stop_speaker`), the new one starts.
                    # (A time is a number, so `now` is what float() would make of it, once
                    # taken from another number.)
                    stop = float(payload["at"]) if "at" in payload else now
                    if speaker is not None and since is not None:
                        spoken = stop - since
                        # What max(0.0, spoken) gives, without the call (`_stop_speaker`).
                        spoken = spoken if spoken > 0.0 else 0.0
                        if speaker in spoken_by:
                            spoken_by[speaker] += spoken
                        else:
                            if section_id is None:
                                section_id = sections[fields["section"]].id
                            key = (section_id, speaker)
                            if airtime is None:
                                airtime = thawed.get("airtime")
                                if airtime is None:
                                    airtime = self._own("airtime")
                            spoken_by[speaker] = airtime[key] = airtime.get(key, 0.0) + spoken
                    speaker = payload.get("party")
                    since = now if speaker else None
                elif kind == note_kind:
                    # Every field given, so built without the frozen dataclass's __init__,
                    # which took half the time of a note event (replays fold thousands).
                    # A note as the store writes it has every field but two: its fields are a
                    # copy of it and those two (a third of the cost of naming each field). Its
                    # keys are those six (looked up here: a comparison of its keys with a set
                    # took twice as long, a fifth of a note).
                    note = new(Note)
                    if (
                        len(payload) == 6
                        and "section" in payload
                        and "kind" in payload
                        and "text" in payload
                        and "owner" in payload
                        and "due" in payload
                        and "question" in payload
                    ):
                        given = dict(payload)
                        given["seq"], given["done"] = seq, False
                    else:
                        given = {
                            "seq": seq,
                            "section": payload["section"],
                            "kind": payload.get("kind", "note"),
                            "text": payload["text"],
                            "owner": payload.get("owner", ""),
                            "due": payload.get("due", ""),
                            "question": payload.get("question", ""),
                            "done": False,
                        }
                    set_field(note, "__dict__", given)
                    add_note(note)
                elif kind in timer_kinds:
                    # A start or resume starts the section's timer, a pause pauses it; a pause
                    # recorded on resume after a crash carries the moment the room was last
                    # seen (taken before the section, as an error names the first bad field).
                    paused = kind == paused_kind
                    at = float(payload.get("at", now)) if paused else now
                    section = payload["section"]
                    if by_id is None:
                        by_id = self._sections_by_id()
                    # The section by id, or by index (what `_change_timer` takes).
                    index = by_id.get(section)
                    if index is None:
                        index = section if isinstance(section, int) else by_id[section]
                    if timers is None:
                        timers = thawed.get("timers")
                        if timers is None:
                            timers = self._own("timers")
                    timer = timers[index]
                    timers[index] = timer.pause(at) if paused else timer.start(at)
                else:
                    rule = rules.get(kind)
                    if rule is not None:
                        fields["speaker"], fields["speaking_since"] = speaker, since
                        if spoken_by:
                            _write_spoken(spoken_by, airtime, section_id)
                            spoken_by = {}
                        ruling = True
                        rule(self, _event(seq, now, kind, payload))
                        ruling = False
                        speaker, since = fields["speaker"], fields["speaking_since"]
                        airtime = section_id = None
        except (KeyError, IndexError, TypeError, ValueError) as error:
            assert seq is not None
            raise EventError(
                f"event {seq} ({kind}) cannot be applied: {type(error).__name__}: {error}"
            ) from None
        finally:
            if not ruling:
                fields["speaker"], fields["speaking_since"] = speaker, since
                if spoken_by:
                    _write_spoken(spoken_by, airtime, section_id)
        if now is not None:
            # Only the last event's: no rule reads the time from here.
            fields["time"] = now

    def _own(self, name: str) -> Any:
        """The container field `name`, as a private copy this working state may change."""
        value = self._thawed.get(name)
        if value is None:
            value = self._thawed[name] = _THAW[name](self._fields[name])
        return value

    def _index_of_section(self, section_id: str) -> int:
        return self._sections_by_id()[section_id]

    def _sections_by_id(self) -> dict[str, int]:
        sections = self._sections
        if sections is None:
            # The first section of an id, as a search from the start finds it.
            numbered = reversed(list(enumerate(self._fields["bank"].sections)))
            sections = self._sections = {section.id: number for number, section in numbered}
        return sections

    def _stop_speaker(self, now: float) -> None:
        fields = self._fields
        speaker, since = fields["speaker"], fields["speaking_since"]
        if speaker is None or since is None:
            return
        key = (fields["bank"].sections[fields["section"]].id, speaker)
        airtime = self._thawed.get("airtime")
        if airtime is None:
            airtime = self._own("airtime")
        spoken = now - since
        # What max(0.0, spoken) gives (0.0 for NaN, -0.0 or less), without the call: half the
        # fold's events are speaker changes.
        airtime[key] = airtime.get(key, 0.0) + (spoken if spoken > 0.0 else 0.0)
        fields["speaker"] = fields["speaking_since"] = None

    def _change_timer(
        self,
        section: str | int,
        change: Callable[[SectionTimer, float], SectionTimer],
        value: float,
    ) -> None:
        """Change one section's timer by `change(timer, value)`; the section by id or by index."""
        index = section if isinstance(section, int) else self._index_of_section(section)
        timers = self._thawed.get("timers")
        if timers is None:
            timers = self._own("timers")
        timers[index] = change(timers[index], value)

    def _section_entered(self, event: Event) -> None:
        fields, now = self._fields, event.time
        index = self._index_of_section(event.payload["section"])
        speaker = fields["speaker"]
        self._stop_speaker(now)
        self._change_timer(fields["section"], SectionTimer.pause, now)
        fields["section"], fields["question"] = index, 0
        self._own("visited").add(index)
        if speaker is not None:
            fields["speaker"], fields["speaking_since"] = speaker, now

    def _question_shown(self, event: Event) -> None:
        fields = self._fields
        questions = fields["bank"].sections[fields["section"]].questions
        ids = [question.id for question in questions]
        fields["question"] = ids.index(event.payload["question"])

    def _timer_extended(self, event: Event) -> None:
        seconds = float(event.payload["seconds"])
        self._change_timer(event.payload["section"], SectionTimer.extend, seconds)

    def _answer(self, event: Event) -> None:
        payload = event.payload
        key = AnswerKey(payload["question"], payload["party"], bool(payload["prediction"]))
        source = payload.get("source")
        if source is not None and not isinstance(source, str):
            raise TypeError("an answer's source must be text")
        answer = Answer(key, payload["value"], int(payload["revision"]), event.time, source)
        self._own("answers")[key] = answer

    def _reveal(self, event: Event) -> None:
        self._own("revealed").add(event.payload["question"])

    def _note_now(self, seq: int) -> Note:
        """The note taken by event `seq` as it stands (KeyError if there is none, or it was
        deleted)."""
        changes = self._own("note_changes")
        if seq in changes:
            note = changes[seq]
            if note is None:
                raise KeyError(f"note {seq} was deleted")
            return note
        for note in self._notes:
            if note.seq == seq:
                return note
        for note in self._fields["notes"]:
            if note.seq == seq:
                return note
        raise KeyError(f"no note {seq}")

    def _note_edited(self, event: Event) -> None:
        payload = event.payload
        seq = int(payload["note"])
        note = self._note_now(seq)
        self._own("note_changes")[seq] = replace(
            note,
            text=str(payload.get("text", note.text)),
            owner=str(payload.get("owner", note.owner)),
            due=str(payload.get("due", note.due)),
        )

    def _note_done(self, event: Event) -> None:
        seq = int(event.payload["note"])
        note = self._note_now(seq)
        self._own("note_changes")[seq] = replace(note, done=bool(event.payload["done"]))

    def _note_deleted(self, event: Event) -> None:
        seq = int(event.payload["note"])
        self._note_now(seq)
        self._own("note_changes")[seq] = None

    def _status_overridden(self, event: Event) -> None:
        payload = event.payload
        overrides = self._own("overrides")
        status, comment = payload.get("status"), payload.get("comment", "")
        if status is None and not comment:
            overrides.pop(payload["question"], None)
        else:
            status = None if status is None else Status(status)
            overrides[payload["question"]] = Override(status, comment, event.seq, event.time)

    def _session_renamed(self, event: Event) -> None:
        renamed = self._own("renamed")
        for name in NAME_FIELDS:
            if name in event.payload:
                renamed[name] = str(event.payload[name])

    def _session_ended(self, event: Event) -> None:
        now = event.time
        self._stop_speaker(now)
        self._change_timer(self._fields["section"], SectionTimer.pause, now)
        self._fields["ended"] = True


Columns = tuple[Sequence[str], Sequence[float], Sequence[Mapping[str, Any]], Sequence[int]]
"""Events' types, times, payloads and numbers, each in the events' order: see
`WorkingState.fold_columns`."""
_FIELDS = attrgetter("type", "time", "payload", "seq")
"""An event's fields as `WorkingState._fold` takes them, read as the loop comes to each event
(a pass over 100,000 events read from a file for each field took 10-18 ms)."""


def _write_spoken(
    spoken_by: Mapping[str, float],
    airtime: dict[tuple[str, str], float] | None,
    section_id: str | None,
) -> None:
    """Each party's airtime in section `section_id` as `WorkingState._fold` kept it, written to
    `airtime` (where each party's first change in the section put its key)."""
    assert airtime is not None and section_id is not None
    for party, total in spoken_by.items():
        airtime[section_id, party] = total


def _event(seq: int, time: float, type: str, payload: Mapping[str, Any]) -> Event:
    """The event of these fields, equal to the one recorded (its fields are the same objects),
    made without the frozen dataclass's __init__ (as a session read from a file makes them)."""
    event = object.__new__(Event)
    object.__setattr__(event, "__dict__", {"seq": seq, "time": time, "type": type,
                                           "payload": payload})  # fmt: skip
    return event


_SPEAKER, _NOTE = intern(str(SPEAKER)), intern(str(NOTE))
"""Plain strings: compared with another, a `StrEnum` member takes the slow way (~5% of a fold).
Interned, as the types read from a file are (`store.rows`): the same object, equal at once."""
_PAUSED = intern(str(TIMER_PAUSED))
_TIMER_KINDS = frozenset(map(intern, map(str, (TIMER_STARTED, TIMER_RESUMED, TIMER_PAUSED))))
"""The timer events whose rules `WorkingState._fold` writes out."""

_RULES: dict[str, Callable[[WorkingState, Event], None]] = {
    SECTION_ENTERED: WorkingState._section_entered,
    QUESTION_SHOWN: WorkingState._question_shown,
    TIMER_EXTENDED: WorkingState._timer_extended,
    ANSWER_COMMITTED: WorkingState._answer,
    ANSWER_EDITED: WorkingState._answer,
    REVEAL: WorkingState._reveal,
    NOTE_EDITED: WorkingState._note_edited,
    NOTE_DONE: WorkingState._note_done,
    NOTE_DELETED: WorkingState._note_deleted,
    STATUS_OVERRIDDEN: WorkingState._status_overridden,
    SESSION_ENDED: WorkingState._session_ended,
    SESSION_RENAMED: WorkingState._session_renamed,
}
"""What each event type does to the state, but for `SPEAKER`, `NOTE` and the timers' start,
pause and resume, whose rules are in `WorkingState._fold`; the fold ignores any other type."""


def apply(state: WorkshopState, event: Event) -> WorkshopState:
    """The state after `event`: a new state (`state` is unchanged), even for an event the fold
    does not need, whose only change is the time."""
    working = WorkingState(state)
    working.step(event)
    return working.freeze()


def check_events(
    bank: Bank,
    events: Sequence[Event],
    types: Sequence[str] | None = None,
    kinds: Set[str] | None = None,
) -> None:
    """EventError for an event no session of `bank` can hold: a type no version wrote, or an
    answer to a question the bank does not have. Checked when a session is opened, before
    anything is written (the fold ignores types it does not need). `types`, each event's type
    in order, and `kinds`, the set of them, where the caller has them already
    (`SessionRecord.event_types`, `event_kinds`); then only the events looked at are asked
    for (a session read from a file makes them when asked for: `SessionRecord.events`)."""
    if types is None:
        types = list(map(attrgetter("type"), events))
    if kinds is None:
        kinds = set(types)
    # Found in passes made in C (at 100,000 events a loop over all took ~15 ms): every type
    # known, only the answers need looking at (none: nothing to look at); else the loop finds
    # the first bad event in order.
    checked: Iterable[Event] = events
    if kinds <= EVENT_TYPES:
        if not kinds & _ANSWERS:
            return
        answers = compress(range(len(types)), map(_ANSWERS.__contains__, types))
        checked = map(events.__getitem__, answers)
    questions = {question.id for question in bank.questions}
    for event in checked:
        if event.type not in EVENT_TYPES:
            raise EventError(f"event {event.seq} has an unknown type {event.type!r}")
        if event.type in _ANSWERS and event.payload.get("question") not in questions:
            question = event.payload.get("question")
            raise EventError(f"event {event.seq} answers {question!r}, not a question of its bank")


_ANSWERS = frozenset({ANSWER_COMMITTED, ANSWER_EDITED})


def fold(bank: Bank, events: Iterable[Event]) -> WorkshopState:
    """The state after all `events`, from the start of the session."""
    working = WorkingState(WorkshopState.begin(bank))
    working.steps(tuple(events))
    return working.freeze()
