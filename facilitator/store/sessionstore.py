"""Recorded sessions on disk: create them and open them for writing.

A `SessionStore` answers every question from memory on the caller's thread. Each change updates
that memory at once and is handed to a `Committer`, whose thread applies it to TinyDB (stored by
a `JournalStorage`); the returned Future resolves once the change is durable. What that thread
applies is in `changes`; reading sessions without opening them, in `reading`.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from contextlib import suppress
from dataclasses import replace
from functools import partial
from pathlib import Path
from types import TracebackType

from tinydb import TinyDB
from tinydb.table import Document

from ..base.atomic import make_private_dir, temporary_names, write_new
from ..base.clock import Clock, system_clock
from ..base.text import cut_to_bytes, slugify
from ..session.records import (
    ANSWER_COMMITTED,
    ANSWER_EDITED,
    ENDED,
    EVENT_TYPES,
    IN_PROGRESS,
    NAME_FIELDS,
    PARTIES,
    SESSION_ENDED,
    SESSION_RENAMED,
    SESSION_STARTED,
    Answer,
    AnswerKey,
    BankCopy,
    Event,
    EventType,
    JSONValue,
    SessionMeta,
    SessionRecord,
)
from .changes import end_session, insert_event, remove_row, rename_session, save_answer, upsert_row
from .committer import Committer
from .journal import (
    SessionWriteError,
    Tables,
    backup_path,
    encode_snapshot,
    journal_path,
)
from .lock import SessionLock
from .pagetable import PageTinyDB
from .rows import (
    ANSWERS,
    BANK,
    DRAFTS,
    META,
    ONLY,
    bank_row,
    draft_row,
    drafts_from_tables,
    event_row,
    events_table,
    is_events_table,
    meta_row,
    record_from_tables,
)
from .storage import JournalStorage

__all__ = ["SessionStore"]

_SLUG_BYTES = 100
"""Keeps file names well under the 255-byte limit, whatever the title's letters: the longest
name kept beside a session adds about 50 bytes (`.`, the date, `-99.json`, then
`.journal.corrupt-20260101T000000-99`)."""

_WRITTEN_BY = {
    SESSION_STARTED: "SessionStore.create",
    ANSWER_COMMITTED: "commit_answer",
    ANSWER_EDITED: "commit_answer",
    SESSION_ENDED: "end",
    SESSION_RENAMED: "rename",
}
"""Event types whose tables must change with them, so only their own method may write them."""


_Checked = tuple[SessionRecord, dict[AnswerKey, int], dict[AnswerKey, tuple[int, JSONValue]]]
"""A session read and checked: the record, each answer's document id, and the drafts."""


class SessionStore:
    """A session open for writing; at most one per session file, across all processes."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Clock,
        compact_every: int,
        check: Callable[[SessionRecord], object] = lambda record: None,
    ) -> None:
        """Lock and load `path`; use `SessionStore.open` or `SessionStore.create`."""
        self.path = path
        self._clock = clock
        self._compact_every = compact_every
        self._check = check
        self._lock = SessionLock(path)
        self._mutex = threading.Lock()
        journal = journal_path(path)
        journal_existed = journal.exists()
        db: TinyDB | None = None
        try:
            db = self._load()
            _remove_leftovers(path)
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

    def _load(self) -> TinyDB:
        """Open the files as TinyDB and take the session from them into memory."""
        checked: list[_Checked] = []
        db = PageTinyDB(
            self.path,
            storage=JournalStorage,
            append_only=is_events_table,
            compact_every=self._compact_every,
            # Checked before the open-time compaction, which would otherwise replace the good
            # backups with a state that cannot be opened.
            check=lambda tables: checked.append(self._checked(tables)),
        )
        record, self._answer_ids, drafts = checked[0]
        self._drafts = {key: value for key, (_, value) in drafts.items()}
        self._draft_ids = {key: doc_id for key, (doc_id, _) in drafts.items()}
        self._meta = record.meta
        self._bank = record.bank
        self._events = list(record.events)
        self._events_view: tuple[Event, ...] | None = None
        self._answers = dict(record.answers)
        return db

    def _checked(self, tables: Tables) -> _Checked:
        record, answer_ids = record_from_tables(self.path, tables)
        self._check(record)
        return record, answer_ids, drafts_from_tables(self.path, tables)

    @property
    def failed(self) -> bool:
        """Whether a change could not be saved: nothing is saved until `reload()` succeeds."""
        return self._committer.failed

    def reload(self) -> bool:
        """After a failed change: take the session again from the disk, keeping the lock, so
        saving can go on; what memory held beyond the disk is dropped. False (and nothing
        changed) while the disk still refuses, say a full disk: opening compacts first."""
        with self._mutex:
            try:
                db = self._load()  # changes nothing in memory unless it succeeds
            except (SessionWriteError, OSError):
                return False  # the disk still refuses; the failure stands, reported as before
            failed, self._committer = self._committer, Committer(db, str(self.path))
        # The failed writer saves nothing more: its close only stops its thread. An error it
        # raises is the failure this reload leaves behind.
        with suppress(SessionWriteError):
            failed.close()
        return True

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
        make_private_dir(directory)
        created = clock()
        meta = SessionMeta(title, party_a, party_b, moderator, created, None, IN_PROGRESS)
        digest = hashlib.sha256(bank_source.encode("utf-8")).hexdigest()
        bank = BankCopy(bank_source, digest, bank_path)
        started = Event(1, created, SESSION_STARTED, {"bank_sha256": digest})
        tables: Tables = {
            META: {str(ONLY): meta_row(meta)},
            BANK: {str(ONLY): bank_row(bank)},
            events_table(started.seq): {str(started.seq): event_row(started)},
            ANSWERS: {},
        }
        stem = _file_stem(created, title)
        path = write_new(
            encode_snapshot(tables, 0),
            lambda n: directory / (f"{stem}.json" if n == 1 else f"{stem}-{n}.json"),
        )
        return cls(path, clock=clock, compact_every=compact_every)

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        clock: Clock = system_clock,
        compact_every: int = 4096,
        check: Callable[[SessionRecord], object] = lambda record: None,
    ) -> SessionStore:
        """Open an existing session for writing, folding in what a killed writer left.

        `check(record)` raises if the caller cannot use the session; it runs before anything
        is written, so a session refused is left as it was for `facilitator recover`."""
        return cls(path, clock=clock, compact_every=compact_every, check=check)

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

    def record(self, type: EventType, payload: Mapping[str, JSONValue]) -> Future[Event]:
        """Append an event; `payload` is copied, so later changes to it are not recorded."""
        if type not in EVENT_TYPES:
            raise ValueError(f"unknown event type {type!r}")
        if type in _WRITTEN_BY:
            raise ValueError(f"{str(type)!r} events are written by {_WRITTEN_BY[type]}()")
        with self._mutex:
            event = self._next_event(type, payload)
            return self._committer.submit(partial(insert_event, event), event)

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
        `source` (who sent it, see `session.records.MODERATOR_SOURCE`) is recorded when given;
        without it the event is exactly as sessions before sources were recorded wrote it."""
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
            # The committed answer replaces its draft, in the same change.
            self._drafts.pop(key, None)
            draft_id = self._draft_ids.pop(key, None)
            change = partial(save_answer, event, answer, doc_id, draft_id)
            return self._committer.submit(change, event)

    @property
    def drafts(self) -> dict[AnswerKey, JSONValue]:
        """Answers being written, not committed: for the moderator's screen only."""
        with self._mutex:
            return dict(self._drafts)

    def save_draft(self, key: AnswerKey, value: JSONValue) -> Future[None]:
        """Keep `value` as the draft of `key`, replacing the one before (no event is recorded)."""
        if key.party not in PARTIES:
            raise ValueError(f"party must be one of {PARTIES}, not {key.party!r}")
        value = json.loads(json.dumps(value))
        with self._mutex:
            self._drafts[key] = value
            if key not in self._draft_ids:
                self._draft_ids[key] = max(self._draft_ids.values(), default=0) + 1
            row = Document(draft_row(key, value), doc_id=self._draft_ids[key])
            return self._committer.submit(partial(upsert_row, DRAFTS, row), None)

    def discard_draft(self, key: AnswerKey) -> Future[None] | None:
        """Forget the draft of `key`, if there is one."""
        with self._mutex:
            self._drafts.pop(key, None)
            doc_id = self._draft_ids.pop(key, None)
            if doc_id is None:
                return None
            return self._committer.submit(partial(remove_row, DRAFTS, doc_id), None)

    def end(self) -> Future[Event]:
        """End the session: a "session.ended" event, and the end time and status in `meta`."""
        with self._mutex:
            if self._meta.ended is not None:
                raise ValueError(f"{self.path.name} has already ended")
            event = self._next_event(SESSION_ENDED, {})
            self._meta = replace(self._meta, ended=event.time, status=ENDED)
            return self._committer.submit(partial(end_session, event), event)

    def rename(self, changes: Mapping[str, str]) -> Future[Event]:
        """Rename the session or its parties: a "session.renamed" event with the new and the old
        values, and the new ones in `meta`, in one change (so listings show the latest names)."""
        unknown = set(changes) - set(NAME_FIELDS)
        if unknown:
            raise ValueError(f"only {', '.join(NAME_FIELDS)} can be renamed, not {unknown}")
        with self._mutex:
            before = {name: getattr(self._meta, name) for name in changes}
            event = self._next_event(SESSION_RENAMED, {**changes, "before": before})
            meta = self._meta
            self._meta = replace(
                meta,
                title=changes.get("title", meta.title),
                party_a=changes.get("party_a", meta.party_a),
                party_b=changes.get("party_b", meta.party_b),
                moderator=changes.get("moderator", meta.moderator),
            )
            return self._committer.submit(partial(rename_session, event, dict(changes)), event)

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
        payload = json.loads(json.dumps(dict(payload), allow_nan=False))
        event = Event(seq, self._clock(), type, payload)
        self._events.append(event)
        self._events_view = None
        return event


def _remove_leftovers(session: Path) -> None:
    """Remove what killed compactions of `session` left: temporary snapshots and `.bak` links.

    Only here: under the session's lock (no compaction of it can be running), after its files
    were checked (so they are not needed to recover it), and only its own names. A reader must
    never do this: another window's compaction may be about to rename the file.
    """
    temporary = temporary_names(session)
    link = f".{backup_path(session).name}.link"
    for path in session.parent.iterdir():
        if path.name == link or temporary.fullmatch(path.name):
            path.unlink(missing_ok=True)


def _file_stem(created: float, title: str) -> str:
    slug = cut_to_bytes(slugify(title), _SLUG_BYTES).strip("-")
    return f"{time.strftime('%Y-%m-%d', time.localtime(created))}-{slug or 'session'}"
