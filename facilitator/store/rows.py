"""How a session is laid out in TinyDB's tables: the table names, each row's fields, and the
checks that turn rows into session records (a bad row is named, never a TypeError later).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import chain, pairwise, repeat
from operator import attrgetter, ge, itemgetter
from pathlib import Path
from sys import intern
from typing import Any, overload

from ..session.records import (
    ENDED,
    IN_PROGRESS,
    PARTIES,
    Answer,
    AnswerKey,
    BankCopy,
    Event,
    SessionMeta,
    SessionRecord,
)
from .journal import CorruptSessionError, Tables

META = "meta"
BANK = "bank"
ANSWERS = "answers"
DRAFTS = "drafts"
"""Answers being written and not yet committed, one per (question, party, answer or guess),
overwritten in place. Not events: replays, reports and exports never read this table."""
EVENTS_PER_TABLE = 1000
"""Events are paged over tables `events-0000`, `events-0001`...: a write gives its table a new
dict (stock TinyDB rebuilds it, `pagetable.PageTable` copies it), and a compaction re-encodes
only the tables written since the last one, so neither grows with the session."""
ONLY = 1
"""Document id of the single row in `meta` and `bank`."""


def record_from_tables(path: Path, tables: Tables) -> tuple[SessionRecord, dict[AnswerKey, int]]:
    """The session in TinyDB's tables and each answer's document id.

    Every row is type-checked here, where the file can be named: a hand-edited or damaged file
    must fail as one clear line (`CorruptSessionError`), not as a TypeError wherever a value is
    first used.
    """
    try:
        answers: dict[AnswerKey, Answer] = {}
        answer_ids: dict[AnswerKey, int] = {}
        for doc_id, row in tables.get(ANSWERS, {}).items():
            where = f"{ANSWERS} row {doc_id}"
            answer = _answer_from_row(where, row)
            answers[answer.key] = answer
            answer_ids[answer.key] = _doc_id(where, doc_id)
        events, seqs, times, types, payloads, kinds = _events_from_tables(tables)
        record = SessionRecord(
            path=path,
            meta=_meta_from_row(_only_row(tables, META)),
            bank=_bank_from_row(_only_row(tables, BANK)),
            events=events,
            answers=answers,
            event_seqs=seqs,
            event_times=times,
            event_types=types,
            event_payloads=payloads,
            event_kinds=kinds,
        )
    except _InvalidRow as error:
        raise CorruptSessionError(path, str(path), f"not a facilitator session ({error})") from None
    return record, answer_ids


def _events_from_tables(tables: Tables) -> _Events:
    """Every event, in order, from the events tables (whose names sort in event order), with
    their numbers, times, types and payloads as columns (`SessionRecord.event_seqs`,
    `event_times`, `event_types`, `event_payloads`) and the set of their types
    (`event_kinds`).

    Event numbers only ever grow: a repeated one is a damaged file (the next event would reuse
    a number). Gaps are allowed: `recover` keeps what it could read around a lost one.
    """
    pages: list[tuple[list[Any], list[Event] | None]] = []
    numbers: list[Sequence[int]] = []
    times: list[tuple[float, ...] | list[float]] = []
    types: list[tuple[str, ...] | list[str]] = []
    payloads: list[tuple[dict[str, Any], ...] | list[dict[str, Any]]] = []
    kinds: set[str] = set()
    in_order = True
    last = 0
    for name in sorted(filter(is_events_table, tables)):
        rows = list(tables[name].values())
        built, seqs, page_times, page_types, page_payloads, page_kinds = _events_from_table(
            name, tables[name], rows
        )
        if seqs:
            # A table checked at once was checked to grow (`_columns_if_as_written`).
            grows = built is None or not any(map(ge, seqs, seqs[1:]))
            in_order = in_order and last < seqs[0] and grows
            last = seqs[-1]
        pages.append((rows, built))
        numbers.append(seqs)
        times.append(page_times)
        types.append(page_types)
        payloads.append(page_payloads)
        kinds |= page_kinds
    seqs = tuple(chain.from_iterable(numbers))
    if not in_order:
        bad = next(later for earlier, later in pairwise(seqs) if earlier >= later)
        raise _InvalidRow(f"event {bad} is out of order or given twice")
    events: Sequence[Event]
    if all(built is None for _, built in pages):
        events = RowEvents(list(chain.from_iterable(rows for rows, _ in pages)))
    else:
        events = tuple(
            chain.from_iterable(_events_of(rows) if built is None else built
                                for rows, built in pages)
        )  # fmt: skip
    return (
        events,
        seqs,
        tuple(chain.from_iterable(times)),
        tuple(chain.from_iterable(types)),
        tuple(chain.from_iterable(payloads)),
        frozenset(kinds),
    )


_Events = tuple[
    Sequence[Event],
    tuple[int, ...],
    tuple[float, ...],
    tuple[str, ...],
    tuple[dict[str, Any], ...],
    frozenset[str],
]
"""The events, their numbers, times, types and payloads, and the set of their types."""


class RowEvents(Sequence[Event]):
    """A session's events, made from its rows only when asked for, as a tuple of them would
    give them. Opening a replay reads the columns the row check made (`SessionRecord`), not
    the events: making 100,000 of them took ~30 ms, a tenth of the opening; a replay's fold
    reads the columns too, and its screen asks for a few (the event at the playhead, those of
    one type: found in the types column).

    The rows were checked to be exactly as the store writes an event
    (`_columns_if_as_written`), so each becomes its event's attributes, not copied: rows of
    events are never changed once written (their tables are append-only), and neither are
    events. Asked for all (iterated, compared), they are made at once, and kept.
    """

    __slots__ = ("_every", "_rows")

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self._rows = rows
        self._every: tuple[Event, ...] | None = None

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Event: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Event, ...]: ...
    def __getitem__(self, index: int | slice) -> Event | tuple[Event, ...]:
        if self._every is not None:
            return self._every[index]
        if isinstance(index, slice):
            return _events_of(self._rows[index])
        event = object.__new__(Event)
        object.__setattr__(event, "__dict__", self._rows[index])
        return event

    def __iter__(self) -> Iterator[Event]:
        return iter(self.every())

    def __reversed__(self) -> Iterator[Event]:
        return reversed(self.every())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RowEvents):
            other = other.every()
        return self.every() == other if isinstance(other, tuple) else NotImplemented

    __hash__ = None  # type: ignore[assignment]  # like a tuple of events, whose payloads are dicts

    def __repr__(self) -> str:
        return repr(self.every())

    def every(self) -> tuple[Event, ...]:
        """All the events, made once."""
        if self._every is None:
            self._every = _events_of(self._rows)
        return self._every


def _events_of(rows: list[dict[str, Any]]) -> tuple[Event, ...]:
    """The events of rows checked to be exactly as the store writes an event, each row its
    event's attributes; built by `map` (drained into an empty deque), so no line of Python
    runs per event."""
    events = tuple(map(object.__new__, repeat(Event, len(rows))))
    deque(map(object.__setattr__, events, repeat("__dict__"), rows), maxlen=0)
    return events


class _InvalidRow(Exception):
    """A row lacks a field or holds a value of the wrong type; the message says which."""


_Kind = tuple[str, Callable[[object], bool]]
"""What a field must hold: its description for the message, and the test."""

_TEXT: _Kind = ("text", lambda value: isinstance(value, str))
_NUMBER: _Kind = (
    "a number",
    lambda value: isinstance(value, int | float) and not isinstance(value, bool),
)
LATEST = 253_402_214_400
"""9999-12-31 00:00 UTC: a later time (or one before 1970) is no moment a session was held in,
and dates and durations of it fail far from the file (`datetime` ends with the year 9999)."""
_TIME: _Kind = (
    "a time (seconds since 1970, before the year 9999)",
    lambda value: (
        isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= LATEST
    ),
)
_TIME_OR_NULL: _Kind = (f"{_TIME[0]} or null", lambda value: value is None or _TIME[1](value))
_COUNT_LIMIT = 2**63
_WHOLE_NUMBER: _Kind = (
    "a whole number from 1",
    lambda value: type(value) is int and 1 <= value < _COUNT_LIMIT,
)
_TRUE_OR_FALSE: _Kind = ("true or false", lambda value: isinstance(value, bool))
_OBJECT: _Kind = ("an object", lambda value: isinstance(value, dict))
_STATUS: _Kind = (f"{IN_PROGRESS!r} or {ENDED!r}", lambda value: value in (IN_PROGRESS, ENDED))
_PARTY: _Kind = (" or ".join(map(repr, PARTIES)), lambda value: value in PARTIES)
_ANY: _Kind = ("any JSON", lambda value: True)


def _field(where: str, row: Mapping[str, Any], key: str, kind: _Kind) -> Any:
    if key not in row:
        raise _InvalidRow(f"{where} has no {key!r}")
    description, accepts = kind
    if not accepts(row[key]):
        raise _InvalidRow(f"{where} {key!r} is not {description}")
    return row[key]


def _doc_id(where: str, doc_id: str) -> int:
    """A document id as TinyDB uses it, a whole number."""
    try:
        return int(doc_id)
    except ValueError:
        raise _InvalidRow(f"{where} has an id that is not a whole number") from None


def _only_row(tables: Tables, table: str) -> Mapping[str, Any]:
    row = tables.get(table, {}).get(str(ONLY))
    if row is None:
        raise _InvalidRow(f"no {table!r} row")
    return row


def _meta_from_row(row: Mapping[str, Any]) -> SessionMeta:
    return SessionMeta(
        title=_field(META, row, "title", _TEXT),
        party_a=_field(META, row, "party_a", _TEXT),
        party_b=_field(META, row, "party_b", _TEXT),
        moderator=_field(META, row, "moderator", _TEXT),
        created=_field(META, row, "created", _TIME),
        ended=_field(META, row, "ended", _TIME_OR_NULL),
        status=_field(META, row, "status", _STATUS),
    )


def _bank_from_row(row: Mapping[str, Any]) -> BankCopy:
    return BankCopy(
        source=_field(BANK, row, "source", _TEXT),
        sha256=_field(BANK, row, "sha256", _TEXT),
        path=_field(BANK, row, "path", _TEXT),
    )


_EVENT_FIELDS = frozenset({"seq", "time", "type", "payload"})
_FIELDS = itemgetter("seq", "time", "type", "payload")


def _events_from_table(
    table: str, rows: Mapping[str, Any], values: list[Any]
) -> tuple[
    list[Event] | None,
    Sequence[int],
    tuple[float, ...] | list[float],
    tuple[str, ...] | list[str],
    tuple[dict[str, Any], ...] | list[dict[str, Any]],
    set[str],
]:
    """The events in one events table (`values`: its rows, in order), with their numbers,
    times, types, payloads and the set of their types; a bad row is named. The events are
    None where every row is exactly as the store writes an event and their numbers grow: they
    are made from the rows when asked for (`RowEvents`)."""
    columns = _columns_if_as_written(values)
    if columns is None:
        events = [_event_from_row(table, doc_id, row) for doc_id, row in rows.items()]
        return (
            events,
            list(map(attrgetter("seq"), events)),
            list(map(attrgetter("time"), events)),
            row_types := list(map(attrgetter("type"), events)),
            list(map(attrgetter("payload"), events)),
            set(row_types),
        )
    seqs, times, types, payloads, kinds = columns
    return None, seqs, times, types, payloads, kinds


def _columns_if_as_written(
    rows: list[Any],
) -> (
    tuple[tuple[int, ...], tuple[float, ...], tuple[str, ...], tuple[dict[str, Any], ...], set[str]]
    | None
):
    """The rows' event numbers, times, types and payloads, and the set of their types, if every
    row is exactly as the store writes an event (its four fields, each of the type written) and
    their numbers grow, else None.

    Checked a field at a time, in passes the interpreter makes in C, and each row is read only
    twice (its length, then its four fields at once): a session's rows lie all over memory, so
    at 100,000 events each pass over them cost more than a pass over one field's values (and a
    pass over the events built from them, for their times or types, ~18 ms each: so the columns
    are kept). A row that is no object fails `len` or the field lookup with TypeError, one
    without a field with KeyError; of four fields, none is then another.

    The types are checked by interning them (`sys.intern` takes only strings): each type then
    is one string object, so every later pass over the column (the fold's, `check_events`',
    the replay's markers and names) compares strings that lie together in memory rather than
    100,000 that lie apart (a pass of comparisons took half the time). Their set, which
    `check_events` needs, is made from those. Numbers that grow are in range if the first and the
    last are, which spares two passes over them (`min`, `max`): a table out of order takes the
    row-by-row way, which names the row.
    """
    try:
        if not set(map(len, rows)) <= {len(_EVENT_FIELDS)}:
            return None
        columns = list(zip(*map(_FIELDS, rows), strict=True))
        if not columns:
            return (), (), (), (), set()
        seqs, times, types, payloads = columns
        types = tuple(map(intern, types))
    except (TypeError, KeyError):
        return None
    kinds = set(types)
    if not (
        set(map(type, seqs)) <= {int}
        and set(map(type, times)) <= {int, float}
        and set(map(type, payloads)) <= {dict}
        and min(times) >= 0
        and max(times) <= LATEST
        and seqs[0] >= 1
        and seqs[-1] < _COUNT_LIMIT
        and not any(map(ge, seqs, seqs[1:]))
    ):
        return None
    return seqs, times, types, payloads, kinds


def _event_from_row(table: str, doc_id: str, row: Mapping[str, Any]) -> Event:
    if (
        type(row) is dict
        and row.keys() == _EVENT_FIELDS
        and type(row["seq"]) is int
        and 1 <= row["seq"] < _COUNT_LIMIT
        and type(row["time"]) in (int, float)
        and 0 <= row["time"] <= LATEST
        and type(row["type"]) is str
        and type(row["payload"]) is dict
    ):
        # A row exactly as the store writes it, checked in one test and built without the frozen
        # dataclass's __init__: reading a 10,000-event session spent half its time here.
        event = object.__new__(Event)
        event.__dict__.update(row)
        return event
    where = f"{table} row {doc_id}"
    if not isinstance(row, dict):
        # Not checked when the file was read (`journal.parse_snapshot`'s `rows_checked`).
        raise _InvalidRow(f"{where} is not an object")
    return Event(
        seq=_field(where, row, "seq", _WHOLE_NUMBER),
        time=_field(where, row, "time", _TIME),
        type=_field(where, row, "type", _TEXT),
        payload=_field(where, row, "payload", _OBJECT),
    )


def _answer_from_row(where: str, row: Mapping[str, Any]) -> Answer:
    key = AnswerKey(
        question=_field(where, row, "question", _TEXT),
        party=_field(where, row, "party", _PARTY),
        prediction=_field(where, row, "prediction", _TRUE_OR_FALSE),
    )
    return Answer(
        key=key,
        value=_field(where, row, "value", _ANY),
        revision=_field(where, row, "revision", _WHOLE_NUMBER),
        time=_field(where, row, "time", _TIME),
        # Rows written before sources were recorded have none.
        source=_field(where, row, "source", _TEXT) if "source" in row else None,
    )


def events_table(seq: int) -> str:
    """The table that holds event `seq`; the names sort in event order (below 10 million)."""
    return f"events-{(seq - 1) // EVENTS_PER_TABLE:04d}"


def is_events_table(name: str) -> bool:
    return name.startswith("events-")


def meta_row(meta: SessionMeta) -> dict[str, Any]:
    return {
        "title": meta.title,
        "party_a": meta.party_a,
        "party_b": meta.party_b,
        "moderator": meta.moderator,
        "created": meta.created,
        "ended": meta.ended,
        "status": meta.status,
    }


def bank_row(bank: BankCopy) -> dict[str, Any]:
    return {"source": bank.source, "sha256": bank.sha256, "path": bank.path}


def event_row(event: Event) -> dict[str, Any]:
    return {"seq": event.seq, "time": event.time, "type": event.type, "payload": event.payload}


def draft_row(key: AnswerKey, value: Any) -> dict[str, Any]:
    return {
        "question": key.question,
        "party": key.party,
        "prediction": key.prediction,
        "value": value,
    }


def drafts_from_tables(path: Path, tables: Tables) -> dict[AnswerKey, tuple[int, Any]]:
    """The drafts kept in a session file: each key's document id and value (none in a file
    written before drafts were kept)."""
    drafts: dict[AnswerKey, tuple[int, Any]] = {}
    try:
        for doc_id, row in tables.get(DRAFTS, {}).items():
            where = f"{DRAFTS} row {doc_id}"
            key = AnswerKey(
                _field(where, row, "question", _TEXT),
                _field(where, row, "party", _PARTY),
                _field(where, row, "prediction", _TRUE_OR_FALSE),
            )
            drafts[key] = (_doc_id(where, doc_id), _field(where, row, "value", _ANY))
    except _InvalidRow as error:
        raise CorruptSessionError(path, str(path), f"not a facilitator session ({error})") from None
    return drafts


def answer_row(answer: Answer) -> dict[str, Any]:
    row = {
        "question": answer.key.question,
        "party": answer.key.party,
        "prediction": answer.key.prediction,
        "value": answer.value,
        "revision": answer.revision,
        "time": answer.time,
    }
    if answer.source is not None:
        # Only when recorded, so a session without sources is written as it always was.
        row["source"] = answer.source
    return row
