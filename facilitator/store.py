"""Recorded sessions on disk: create, open for writing, read, list, and where they live.

A `SessionStore` answers every question from memory on the caller's thread. Each change updates
that memory at once and is handed to a `Committer`, whose thread applies it to TinyDB (stored by
a `JournalStorage`); the returned Future resolves once the change is durable.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import replace
from functools import partial
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from types import TracebackType
from typing import Any

import platformdirs
from tinydb import TinyDB
from tinydb.table import Document

from . import recovery
from .atomic import fsync_dir, write_atomic
from .clock import Clock, system_clock
from .collector import collection_paused
from .committer import Committer
from .errors import FacilitatorError
from .journal import (
    CorruptSessionError,
    JournalStorage,
    Tables,
    encode_snapshot,
    journal_path,
    link_first_free,
    read_tables,
)
from .lock import SessionLock
from .session import (
    ANSWER_COMMITTED,
    ANSWER_EDITED,
    ENDED,
    EVENT_TYPES,
    IN_PROGRESS,
    PARTIES,
    SESSION_ENDED,
    SESSION_STARTED,
    Answer,
    AnswerKey,
    BankCopy,
    Event,
    JSONValue,
    SessionMeta,
    SessionRecord,
    SessionSummary,
)
from .text import slugify

__all__ = ["SessionStore", "default_sessions_dir", "list_sessions", "read_session", "recover"]

META = "meta"
BANK = "bank"
ANSWERS = "answers"
EVENTS_PER_TABLE = 1000
"""Events are paged over tables `events-0000`, `events-0001`...: TinyDB rebuilds the whole table
at every write, so a commit costs ~0.3 ms however long the session, not ~4 ms at 10,000 events,
and the writer thread holds the GIL (which the UI thread needs too) that much less."""
_ONLY = 1
"""Document id of the single row in `meta` and `bank`."""

_SLUG_LENGTH = 60
"""Keeps file names well under the 255-byte limit, whatever the title."""

_WRITTEN_BY = {
    SESSION_STARTED: "SessionStore.create",
    ANSWER_COMMITTED: "commit_answer",
    ANSWER_EDITED: "commit_answer",
    SESSION_ENDED: "end",
}
"""Event types whose tables must change with them, so only their own method may write them."""


class SessionStore:
    """A session open for writing; at most one per session file, across all processes."""

    def __init__(self, path: Path, *, clock: Clock, compact_every: int) -> None:
        """Lock and load `path`; use `SessionStore.open` or `SessionStore.create`."""
        self.path = path
        self._clock = clock
        self._lock = SessionLock(path)
        journal = journal_path(path)
        journal_existed = journal.exists()
        db: TinyDB | None = None
        try:
            db = TinyDB(
                path,
                storage=JournalStorage,
                append_only=is_events_table,
                compact_every=compact_every,
            )
            record, self._answer_ids = _record_from_tables(path, db.storage.read())
            self._meta = record.meta
            self._bank = record.bank
            self._events = list(record.events)
            self._events_view: tuple[Event, ...] | None = record.events
            self._answers = dict(record.answers)
            self._mutex = threading.Lock()
            self._committer = Committer(db, str(path))
        except BaseException:
            # Nothing of a failed open may outlive it: a lock kept here would make every later
            # open in this process fail with "already open (pid <this process>)".
            try:
                if db is not None:
                    db.close()
                # Opening a file that is not a session must leave nothing beside it.
                if not journal_existed and journal.exists() and not journal.stat().st_size:
                    journal.unlink()
            finally:
                self._lock.discard()
            raise
        self._open = True

    @classmethod
    def create(
        cls,
        directory: Path,
        *,
        title: str,
        party_a: str,
        party_b: str,
        moderator: str,
        bank_source: str,
        bank_path: str,
        clock: Clock = system_clock,
        compact_every: int = 4096,
    ) -> SessionStore:
        """Start a new session in `directory` (created private if missing) and open it."""
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        created = clock()
        meta = SessionMeta(title, party_a, party_b, moderator, created, None, IN_PROGRESS)
        digest = hashlib.sha256(bank_source.encode("utf-8")).hexdigest()
        bank = BankCopy(bank_source, digest, bank_path)
        started = Event(1, created, SESSION_STARTED, {"bank_sha256": digest})
        tables: Tables = {
            META: {str(_ONLY): _meta_row(meta)},
            BANK: {str(_ONLY): _bank_row(bank)},
            events_table(started.seq): {str(started.seq): _event_row(started)},
            ANSWERS: {},
        }
        path = _write_new(directory, _file_stem(created, title), encode_snapshot(tables, 0))
        return cls(path, clock=clock, compact_every=compact_every)

    @classmethod
    def open(
        cls, path: Path, *, clock: Clock = system_clock, compact_every: int = 4096
    ) -> SessionStore:
        """Open an existing session for writing, folding in what a killed writer left."""
        return cls(path, clock=clock, compact_every=compact_every)

    @property
    def meta(self) -> SessionMeta:
        return self._meta

    @property
    def bank(self) -> BankCopy:
        return self._bank

    @property
    def events(self) -> tuple[Event, ...]:
        # Under the mutex, or a tuple built just before another thread's append would be
        # cached after that append reset the cache, and served stale from then on.
        with self._mutex:
            if self._events_view is None:
                self._events_view = tuple(self._events)
            return self._events_view

    @property
    def last_event(self) -> Event | None:
        """The newest event, without building the `events` tuple (a live engine asks per action)."""
        # No mutex needed: events are only ever appended, and reading a list item is atomic.
        return self._events[-1] if self._events else None

    @property
    def answers(self) -> dict[AnswerKey, Answer]:
        # Copied under the mutex so another thread's commit_answer cannot change it mid-copy.
        with self._mutex:
            return dict(self._answers)

    def record(self, type: str, payload: Mapping[str, JSONValue]) -> Future[Event]:
        """Append an event; `payload` is copied, so later changes to it are not recorded."""
        if type not in EVENT_TYPES:
            raise ValueError(f"unknown event type {type!r}")
        if type in _WRITTEN_BY:
            raise ValueError(f"{type!r} events are written by {_WRITTEN_BY[type]}()")
        with self._mutex:
            event = self._next_event(type, payload)
            return self._committer.submit(partial(_insert_event, event), event)

    def commit_answer(
        self,
        question_id: str,
        party: str,
        value: JSONValue,
        *,
        prediction: bool = False,
        source: str | None = None,
    ) -> Future[Event]:
        """Set an answer: "answer.committed" the first time, "answer.edited" after that.
        `source` (who sent it, see `session.MODERATOR_SOURCE`) is recorded when given; without
        it the event is exactly as sessions before sources were recorded wrote it."""
        if party not in PARTIES:
            raise ValueError(f"party must be one of {PARTIES}, not {party!r}")
        key = AnswerKey(question_id, party, prediction)
        with self._mutex:
            previous = self._answers.get(key)
            revision = previous.revision + 1 if previous else 1
            payload = {
                "question": question_id,
                "party": party,
                "prediction": prediction,
                "value": value,
                "revision": revision,
            }
            if source is not None:
                payload["source"] = source
            event = self._next_event(ANSWER_EDITED if previous else ANSWER_COMMITTED, payload)
            answer = Answer(key, event.payload["value"], revision, event.time, source)
            self._answers[key] = answer
            if key not in self._answer_ids:
                self._answer_ids[key] = max(self._answer_ids.values(), default=0) + 1
            doc_id = self._answer_ids[key]
            return self._committer.submit(partial(_save_answer, event, answer, doc_id), event)

    def end(self) -> Future[Event]:
        """End the session: a "session.ended" event, and the end time and status in `meta`."""
        with self._mutex:
            if self._meta.ended is not None:
                raise ValueError(f"{self.path.name} has already ended")
            event = self._next_event(SESSION_ENDED, {})
            self._meta = replace(self._meta, ended=event.time, status=ENDED)
            return self._committer.submit(partial(_end, event), event)

    def flush(self) -> None:
        """Wait until every change so far is durable."""
        self._committer.flush()

    def close(self) -> None:
        """Save what is pending, compact the files and give up the lock."""
        if not self._open:
            return
        self._open = False
        try:
            self._committer.close()
        finally:
            self._lock.release()

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _next_event(self, type: str, payload: Mapping[str, JSONValue]) -> Event:
        seq = self._events[-1].seq + 1 if self._events else 1
        # A JSON round trip checks the payload can be saved (on this thread, where a mistake
        # belongs), copies it, and gives memory the same shape a reload would.
        event = Event(seq, self._clock(), type, json.loads(json.dumps(dict(payload))))
        self._events.append(event)
        self._events_view = None
        return event


def read_session(path: Path) -> SessionRecord:
    """Read a session without writing or locking anything, even while it is open elsewhere."""
    with collection_paused():
        tables, _, _ = read_tables(path)
        record, _ = _record_from_tables(path, tables)
    return record


def recover(path: Path) -> str:
    """Rebuild `path` if it cannot be opened as a session and say in one line what was done."""
    return recovery.recover(path, _record_from_tables)


def list_sessions(directory: Path) -> list[SessionSummary]:
    """Every session in `directory`, newest first; unreadable files are listed with the reason."""
    entries = map(_summary, directory.glob("*.json"))
    return [summary for _, summary in sorted(entries, key=lambda entry: entry[0], reverse=True)]


def _summary(path: Path) -> tuple[float, SessionSummary]:
    """One file's line in the listing and when it started (for an unreadable file, its mtime).

    Nothing here may raise: one dangling symlink or file deleted mid-listing must not hide the
    others.
    """
    try:
        record = read_session(path)
    except FacilitatorError as error:
        summary = SessionSummary(path, None, 0, str(error))
    except OSError as error:
        summary = SessionSummary(path, None, 0, f"{path}: {error.strerror}")
    else:
        last = record.events[-1].time if record.events else None
        summary = SessionSummary(path, record.meta, len(record.events), None, record.bank, last)
        return record.meta.created, summary
    try:
        return path.stat().st_mtime, summary
    except OSError:
        return 0, summary


def default_sessions_dir(cwd: Path | None = None) -> Path:
    """$FACILITATOR_SESSIONS_DIR, else ./sessions if it exists, else the user's data folder."""
    here = cwd or Path.cwd()
    configured = os.environ.get("FACILITATOR_SESSIONS_DIR")
    if configured:
        return here / Path(configured).expanduser()
    if (here / "sessions").is_dir():
        return here / "sessions"
    return platformdirs.user_data_path("facilitator") / "sessions"


def _record_from_tables(path: Path, tables: Tables) -> tuple[SessionRecord, dict[AnswerKey, int]]:
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
        record = SessionRecord(
            path=path,
            meta=_meta_from_row(_only_row(tables, META)),
            bank=_bank_from_row(_only_row(tables, BANK)),
            events=tuple(
                event
                for name in sorted(filter(is_events_table, tables))
                for event in _events_from_table(name, tables[name])
            ),
            answers=answers,
        )
    except _InvalidRow as error:
        raise CorruptSessionError(path, str(path), f"not a facilitator session ({error})") from None
    return record, answer_ids


class _InvalidRow(Exception):
    """A row lacks a field or holds a value of the wrong type; the message says which."""


_Kind = tuple[str, Callable[[object], bool]]
"""What a field must hold: its description for the message, and the test."""

_TEXT: _Kind = ("text", lambda value: isinstance(value, str))
_NUMBER: _Kind = (
    "a number",
    lambda value: isinstance(value, int | float) and not isinstance(value, bool),
)
_TIME_OR_NULL: _Kind = ("a number or null", lambda value: value is None or _NUMBER[1](value))
_WHOLE_NUMBER: _Kind = ("a whole number", lambda value: type(value) is int)
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
    row = tables.get(table, {}).get(str(_ONLY))
    if row is None:
        raise _InvalidRow(f"no {table!r} row")
    return row


def _meta_from_row(row: Mapping[str, Any]) -> SessionMeta:
    return SessionMeta(
        title=_field(META, row, "title", _TEXT),
        party_a=_field(META, row, "party_a", _TEXT),
        party_b=_field(META, row, "party_b", _TEXT),
        moderator=_field(META, row, "moderator", _TEXT),
        created=_field(META, row, "created", _NUMBER),
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
_TYPES_AS_WRITTEN = {"seq": {int}, "time": {int, float}, "type": {str}, "payload": {dict}}


def _events_from_table(table: str, rows: Mapping[str, Any]) -> list[Event]:
    """The events in one events table, in order; a bad row is named."""
    values = list(rows.values())
    if not _as_written(values):
        return [_event_from_row(table, doc_id, row) for doc_id, row in rows.items()]
    # Checked above, so built without the frozen dataclass's __init__, and each row becomes its
    # event's attributes rather than being copied: rows of events are never changed once written
    # (their tables are append-only), and neither are events.
    events = list(map(object.__new__, repeat(Event, len(values))))
    for event, row in zip(events, values, strict=True):
        object.__setattr__(event, "__dict__", row)
    return events


def _as_written(rows: list[Any]) -> bool:
    """Whether every row is exactly as the store writes an event: its four fields, each of the
    type written. Checked a field at a time, in passes the interpreter makes in C: checked a row
    at a time, reading a 10,000-event session spent a third of its time here."""
    if not (set(map(type, rows)) <= {dict} and set(map(len, rows)) <= {len(_EVENT_FIELDS)}):
        return False
    try:
        return all(
            set(map(type, map(itemgetter(key), rows))) <= types
            for key, types in _TYPES_AS_WRITTEN.items()
        )
    except KeyError:
        return False


def _event_from_row(table: str, doc_id: str, row: Mapping[str, Any]) -> Event:
    if (
        type(row) is dict
        and row.keys() == _EVENT_FIELDS
        and type(row["seq"]) is int
        and type(row["time"]) in (int, float)
        and type(row["type"]) is str
        and type(row["payload"]) is dict
    ):
        # A row exactly as the store writes it, checked in one test and built without the frozen
        # dataclass's __init__: reading a 10,000-event session spent half its time here.
        event = object.__new__(Event)
        event.__dict__.update(row)
        return event
    where = f"{table} row {doc_id}"
    return Event(
        seq=_field(where, row, "seq", _WHOLE_NUMBER),
        time=_field(where, row, "time", _NUMBER),
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
        time=_field(where, row, "time", _NUMBER),
        # Rows written before sources were recorded have none.
        source=_field(where, row, "source", _TEXT) if "source" in row else None,
    )


def events_table(seq: int) -> str:
    """The table that holds event `seq`; the names sort in event order (below 10 million)."""
    return f"events-{(seq - 1) // EVENTS_PER_TABLE:04d}"


def is_events_table(name: str) -> bool:
    return name.startswith("events-")


def _meta_row(meta: SessionMeta) -> dict[str, Any]:
    return {
        "title": meta.title,
        "party_a": meta.party_a,
        "party_b": meta.party_b,
        "moderator": meta.moderator,
        "created": meta.created,
        "ended": meta.ended,
        "status": meta.status,
    }


def _bank_row(bank: BankCopy) -> dict[str, Any]:
    return {"source": bank.source, "sha256": bank.sha256, "path": bank.path}


def _event_row(event: Event) -> dict[str, Any]:
    return {"seq": event.seq, "time": event.time, "type": event.type, "payload": event.payload}


def _answer_row(answer: Answer) -> dict[str, Any]:
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


def _insert_event(event: Event, db: TinyDB) -> None:
    db.table(events_table(event.seq)).insert(Document(_event_row(event), doc_id=event.seq))


def _save_answer(event: Event, answer: Answer, doc_id: int, db: TinyDB) -> None:
    _insert_event(event, db)
    db.table(ANSWERS).upsert(Document(_answer_row(answer), doc_id=doc_id))


def _end(event: Event, db: TinyDB) -> None:
    _insert_event(event, db)
    db.table(META).update({"ended": event.time, "status": ENDED}, doc_ids=[_ONLY])


def _file_stem(created: float, title: str) -> str:
    slug = slugify(title)[:_SLUG_LENGTH].strip("-")
    return f"{time.strftime('%Y-%m-%d', time.localtime(created))}-{slug or 'session'}"


def _write_new(directory: Path, stem: str, data: bytes) -> Path:
    """Write `data` to `<stem>.json`, or `<stem>-2.json`... if taken; never replaces a file.

    The content is written and synced under a private name first, then linked to the first free
    name, so no one sees a partly written session.
    """
    staging = directory / f".{stem}.{uuid.uuid4().hex}.new"
    write_atomic(staging, data)
    try:
        return link_first_free(
            staging, lambda n: directory / (f"{stem}.json" if n == 1 else f"{stem}-{n}.json")
        )
    finally:
        staging.unlink()
        fsync_dir(directory)
