"""What a recorded session is made of: metadata, the bank copy, events and current answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any


class EventType(StrEnum):
    """Every type of event a session records; a member is the string the file holds."""

    SESSION_STARTED = "session.started"
    SECTION_ENTERED = "section.entered"
    QUESTION_SHOWN = "question.shown"
    TIMER_STARTED = "timer.started"
    TIMER_PAUSED = "timer.paused"
    TIMER_RESUMED = "timer.resumed"
    TIMER_EXTENDED = "timer.extended"
    ANSWER_COMMITTED = "answer.committed"
    ANSWER_EDITED = "answer.edited"
    REVEAL = "reveal"
    NOTE = "note"
    NOTE_EDITED = "note.edited"
    """A note changed (payload `note`: the seq of the note event, and the fields that change:
    `text`, `owner`, `due`)."""
    NOTE_DELETED = "note.deleted"
    """A note taken back (payload `note`); replays show it until that moment."""
    NOTE_DONE = "note.done"
    """An action item ticked done or not (payload `note`, `done`)."""
    SPEAKER = "speaker.changed"
    """Who is talking now (payload `party`: "a", "b" or None), for the airtime shares."""
    STATUS_OVERRIDDEN = "status.overridden"
    """The moderator sets a question's comparison status and/or a comment (payload `question`,
    `status`: a scored status or None, `comment`); neither clears the override."""
    SESSION_ENDED = "session.ended"
    SESSION_RENAMED = "session.renamed"
    """The moderator renamed the session or a party (payload: the new value of each changed
    field of `NAME_FIELDS`, and `before`: their old values); the meta row keeps the latest
    names."""


EVENT_WORDS: Mapping[str, str] = {
    EventType.SESSION_STARTED: "session started",
    EventType.SECTION_ENTERED: "section entered",
    EventType.QUESTION_SHOWN: "question shown",
    EventType.TIMER_STARTED: "timer started",
    EventType.TIMER_PAUSED: "timer paused",
    EventType.TIMER_RESUMED: "timer resumed",
    EventType.TIMER_EXTENDED: "timer extended",
    EventType.ANSWER_COMMITTED: "answer",
    EventType.ANSWER_EDITED: "answer edited",
    EventType.REVEAL: "revealed",
    EventType.NOTE: "note",
    EventType.NOTE_EDITED: "note edited",
    EventType.NOTE_DELETED: "note deleted",
    EventType.NOTE_DONE: "note done",
    EventType.SPEAKER: "speaker",
    EventType.STATUS_OVERRIDDEN: "status overridden",
    EventType.SESSION_ENDED: "session ended",
    EventType.SESSION_RENAMED: "session renamed",
}
"""How a screen names each type of event, in a few plain words (every type has its words).
Keyed by `str`: an `Event.type` read from a file is a plain string, equal to its member."""

EVENT_TYPES: frozenset[str] = frozenset(EventType)
"""The type of every event a session may hold: any other is refused when a session opens."""

# The members by the names the domain and the screens import them as.
SESSION_STARTED = EventType.SESSION_STARTED
SECTION_ENTERED = EventType.SECTION_ENTERED
QUESTION_SHOWN = EventType.QUESTION_SHOWN
TIMER_STARTED = EventType.TIMER_STARTED
TIMER_PAUSED = EventType.TIMER_PAUSED
TIMER_RESUMED = EventType.TIMER_RESUMED
TIMER_EXTENDED = EventType.TIMER_EXTENDED
ANSWER_COMMITTED = EventType.ANSWER_COMMITTED
ANSWER_EDITED = EventType.ANSWER_EDITED
REVEAL = EventType.REVEAL
NOTE = EventType.NOTE
NOTE_EDITED = EventType.NOTE_EDITED
NOTE_DELETED = EventType.NOTE_DELETED
NOTE_DONE = EventType.NOTE_DONE
SPEAKER = EventType.SPEAKER
STATUS_OVERRIDDEN = EventType.STATUS_OVERRIDDEN
SESSION_ENDED = EventType.SESSION_ENDED
SESSION_RENAMED = EventType.SESSION_RENAMED

NAME_FIELDS = ("title", "party_a", "party_b", "moderator")
"""The names a session may change while it runs."""

IN_PROGRESS = "in-progress"
ENDED = "ended"

PARTIES = ("a", "b")

MODERATOR_SOURCE = "moderator"
"""The `source` of an answer the moderator typed on the shared screen."""
SEAT_SOURCE = "seat:"
"""The start of the `source` of an answer sent from a party's own device: `seat:<device id>`."""

JSONValue = Any
"""Whatever `json.dumps` accepts; the store keeps answer values and payloads as given."""


@dataclass(frozen=True)
class Event:
    seq: int
    """1-based position in the session's log."""
    time: float
    """Seconds since the epoch, from the session's clock."""
    type: str
    """One of `EventType` (a plain string when read from a file)."""
    payload: Mapping[str, JSONValue]


@dataclass(frozen=True)
class SessionMeta:
    title: str
    party_a: str
    party_b: str
    moderator: str
    created: float
    ended: float | None
    """None until the session is ended."""
    status: str
    """`IN_PROGRESS` or `ENDED`."""


@dataclass(frozen=True)
class BankCopy:
    """The bank as it was when the session started, so replays survive later edits of the bank."""

    source: str
    """The bank's Markdown text."""
    sha256: str
    """Hex digest of `source` encoded as UTF-8."""
    path: str
    """Where the bank was read from."""


@dataclass(frozen=True)
class AnswerKey:
    question: str
    party: str
    """"a" or "b": whose answer (or, with `prediction`, whose guess about the other)."""
    prediction: bool


@dataclass(frozen=True)
class Answer:
    key: AnswerKey
    value: JSONValue
    revision: int
    """1 when first committed, one more at each edit."""
    time: float
    """When this revision was committed."""
    source: str | None = None
    """Where this revision came from: `MODERATOR_SOURCE` or `seat:<device id>`; None in sessions
    recorded before sources were (and in scripted ones such as the demo)."""


def describe_source(source: str | None) -> str:
    """An answer's source in words: "the moderator", "seat device X7K2", or "not recorded"."""
    if source is None:
        return "not recorded"
    if source == MODERATOR_SOURCE:
        return "the moderator"
    if source.startswith(SEAT_SOURCE):
        return f"seat device {source.removeprefix(SEAT_SOURCE)}"
    return source


@dataclass(frozen=True)
class SessionRecord:
    """A whole session as read from disk, for replay, export and listing."""

    path: Path
    meta: SessionMeta
    bank: BankCopy
    events: Sequence[Event]
    """In order; as a tuple of them would give them, made from the rows when asked for."""
    answers: Mapping[AnswerKey, Answer]
    event_times: tuple[float, ...]
    """Each event's `time`, in order: read with the events, so that a replay of 100,000 need not
    visit every event again for them (each such pass took ~18 ms)."""
    event_seqs: tuple[int, ...]
    """Each event's `seq`, in order, for the same reason (a note's number is its event's)."""
    event_types: tuple[str, ...]
    """Each event's `type`, in order, for the same reason."""
    event_payloads: tuple[Mapping[str, JSONValue], ...]
    """Each event's `payload`, in order, for the same reason (the fold reads them)."""
    event_kinds: frozenset[str]
    """Every type among the events (`check_events` needs no more)."""


@dataclass(frozen=True)
class SessionSummary:
    """One line of a session listing; `meta` is None and `error` says why when unreadable."""

    path: Path
    meta: SessionMeta | None
    event_count: int
    error: str | None = None
    bank: BankCopy | None = None
    last_time: float | None = None
    """When the newest event happened."""
    total: int | None = None
    """The session's total time: the sum of its section actuals (`session.times`)."""
