"""A TinyDB storage that saves each change by appending a JSON line, not by rewriting the file.

Files beside a session `x.json`:

* `x.json` is a plain TinyDB JSON snapshot. Its `_journal` table (one document, `{"seq": N}`)
  says which journal records it already includes; stock TinyDB reads it like any other table.
* `x.json.journal` holds the changed documents since the last compaction, one record each:
  `{"seq": N, "table": T, "id": ID, "doc": {...} | null}` (null: the document was removed;
  an `id` of null too: the whole table was dropped).
  A batch of records is one line, a JSON array of them (a single record stands alone, as
  every line did before batches), so a batch cut short by a kill or a full disk is a torn last
  line, dropped whole. A change is durable once its line is appended and `fdatasync`ed.
* Compaction links the current snapshot to `x.json.bak`, writes the new one atomically and moves
  the journal to `x.json.journal.bak`, so `x.json.bak` plus the two journals always rebuild
  `x.json` exactly (see `recovery.py`). Records with a seq the snapshot already includes are
  skipped on load, so a crash at any step of a compaction loses nothing.
"""

from __future__ import annotations

import errno
import json
import math
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from itertools import islice, repeat
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from ..base.atomic import fsync_dir, write_atomic
from ..base.errors import FacilitatorError
from ..base.files import open_regular, read_all, read_regular
from ..base.text import byte_position

Tables = dict[str, dict[str, dict[str, Any]]]
"""TinyDB's whole-database shape: table name -> document id -> document."""

SEQ_TABLE = "_journal"

_JOURNAL_FLAGS = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC
_DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})
_READ_ATTEMPTS = 5
"""Each failed attempt means a compaction overlapped it; those are `compact_every` commits apart."""
_TOO_DEEP = "invalid JSON (nested too deeply to read)"
"""json.loads recurses per nesting level, so a file of a million `[` exhausts the stack."""
_MOST_DIGITS = 4000
"""Python refuses to read whole numbers of more than 4,300 digits (a guard against slow input)."""
_DIGITS = bytes.maketrans(b"123456789", b"000000000")
_LONG_NUMBER = b"0" * 19
"""Every digit turned into 0 by `_DIGITS`, this finds any number of 19 digits or more: orjson
reads a whole number beyond 64 bits as a float, and those have at least 19."""


class SessionNotFoundError(FacilitatorError):
    """There is no session file at the given path."""

    def __init__(self, session: Path) -> None:
        super().__init__(f"{session}: no such session file")


class CorruptSessionError(FacilitatorError):
    """A session file cannot be read; it is left untouched for `facilitator recover`."""

    def __init__(self, session: Path, where: str, problem: str) -> None:
        self.session = session
        backup = backup_path(session)
        kept = f", previous version kept as {backup.name}" if backup.exists() else ""
        super().__init__(
            f"{where}: {problem}; left untouched{kept}; run `facilitator recover {session}`"
        )


class SessionBusyError(FacilitatorError):
    """A session kept changing while it was read; reading it again a moment later will work."""


class SessionWriteError(FacilitatorError):
    """A change could not be made durable; nothing after it is saved either."""


def journal_path(session: Path) -> Path:
    return session.with_name(session.name + ".journal")


def backup_path(session: Path) -> Path:
    return session.with_name(session.name + ".bak")


def backup_journal_path(session: Path) -> Path:
    return session.with_name(session.name + ".journal.bak")


@dataclass(frozen=True)
class Change:
    """One journal record: a document put (or removed, when `doc` is None) at `seq`."""

    seq: int
    table: str
    doc_id: str | None
    """None: the table was dropped (and `doc` is None)."""
    doc: dict[str, Any] | None


def sync_data(fd: int) -> None:
    """Make appended bytes durable; macOS has no `fdatasync`, and `fsync` is its equivalent."""
    if hasattr(os, "fdatasync"):
        os.fdatasync(fd)
    else:
        os.fsync(fd)


def encode_snapshot(tables: Tables, seq: int) -> bytes:
    return json.dumps({**tables, SEQ_TABLE: {"1": {"seq": seq}}}).encode("ascii")


def parse_snapshot(session: Path, data: bytes, *, name: Path | None = None) -> tuple[Tables, int]:
    """The tables in a snapshot and the journal seq they include.

    `name` is the file the bytes came from when that is not `session` itself (a backup).
    """
    source = name or session
    if not data:
        # Never written by the store (a new session starts with its meta, and every snapshot
        # is written atomically), so this is a truncated file, not an empty session.
        raise CorruptSessionError(session, str(source), "empty file")
    try:
        raw = read_json(data, lambda data: strict_json(data.decode("utf-8")))
    except UnicodeDecodeError as error:
        line, column = byte_position(data, error.start)
        raise CorruptSessionError(session, f"{source}:{line}:{column}", "not UTF-8 text") from None
    except json.JSONDecodeError as error:
        where = f"{source}:{error.lineno}:{error.colno}"
        raise CorruptSessionError(session, where, f"invalid JSON ({error.msg})") from None
    except RecursionError:
        raise CorruptSessionError(session, str(source), _TOO_DEEP) from None
    except ValueError as error:  # a number strict_json refuses
        raise CorruptSessionError(session, str(source), f"invalid JSON ({error})") from None
    if not _is_tables(raw):
        raise CorruptSessionError(session, str(source), "not a TinyDB database")
    marker = raw.pop(SEQ_TABLE, {}).get("1", {}).get("seq", 0)
    if not isinstance(marker, int) or isinstance(marker, bool):
        raise CorruptSessionError(session, str(source), f"{SEQ_TABLE} seq is not a number")
    return raw, marker


def strict_json(text: str) -> Any:
    """`json.loads`, refusing what is no JSON number: NaN, Infinity, a float too large for a
    double (which would read as infinity) and whole numbers of more digits than Python reads.
    Each is ValueError; such values would only fail later, far from the file that held them."""
    return json.loads(text, parse_constant=_not_a_number, parse_float=_finite, parse_int=_whole)


def _not_a_number(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:20]} is too large a number")
    return value


def _whole(text: str) -> int:
    if len(text) > _MOST_DIGITS:
        raise ValueError(f"a whole number of {len(text)} digits is too long")
    return int(text)


def read_json(data: bytes, slow: Callable[[bytes], Any]) -> Any:
    """What `slow(data)` (the json module) returns or raises, found by orjson where it reads
    `data` the same way.

    orjson parses a 10,000-event session about three times as fast, which is most of the time it
    takes to open one. Whatever it refuses goes to `slow`, which reads what orjson cannot (NaN,
    lone surrogates, other encodings) or words the error as it always did; so does any run of 19
    digits, which orjson could turn from a whole number into a float. (orjson also reads JSON
    nested ~1,000 deep, where json runs out of recursion.)
    """
    if _LONG_NUMBER not in data.translate(_DIGITS):
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
    return slow(data)


def parse_journal(
    session: Path, path: Path, data: bytes, *, skip_unreadable: bool = False
) -> tuple[list[Change], int]:
    """The changes in a journal and how many unreadable lines were skipped.

    The text after the last newline, or an unreadable final line, is a write that was cut short
    and never acknowledged, so it is dropped. Any other unreadable line raises
    `CorruptSessionError`, unless `skip_unreadable` (recovery keeps what it can).
    """
    lines = data.split(b"\n")[:-1]
    changes: list[Change] = []
    skipped = 0
    for number, line in enumerate(lines, 1):
        try:
            changes.extend(_decode_line(line))
        except _UnreadableLine as error:
            if number == len(lines):
                break
            if not skip_unreadable:
                raise CorruptSessionError(
                    session, f"{path}:{number}:{error.column}", error.problem
                ) from None
            skipped += 1
    return changes, skipped


def apply_changes(tables: Tables, changes: Iterable[Change], after: int) -> int:
    """Apply the changes with a seq above `after` to `tables`; returns the last seq applied."""
    last = after
    for change in changes:
        if change.seq <= after:
            continue
        if change.doc_id is None:
            tables.pop(change.table, None)
            last = change.seq
            continue
        table = tables.setdefault(change.table, {})
        if change.doc is None:
            table.pop(change.doc_id, None)
        else:
            table[change.doc_id] = change.doc
        last = change.seq
    return last


def read_tables(session: Path) -> tuple[Tables, int, int]:
    """A session's current state without writing anything: (tables, seq, journal size in bytes).

    Safe while a writer has the session open: if a compaction replaces the snapshot between
    reading it and its journal, the journal may already be the next one, which lacks changes the
    snapshot read does not hold either; so both are read again. A pair that never matched is
    refused rather than used: it would be a state the session was never in.
    """
    journal = journal_path(session)
    for _ in range(_READ_ATTEMPTS):
        try:
            fd = open_regular(session, follow=False)
            try:
                snapshot = read_all(fd)
                log = read_optional(journal)
                # Compared while the file is still open, so its inode cannot have been reused.
                if os.lstat(session).st_ino == os.fstat(fd).st_ino:
                    break
            finally:
                os.close(fd)
        except FileNotFoundError:
            raise SessionNotFoundError(session) from None
    else:
        raise SessionBusyError(
            f"{session}: its writer replaced it during each of {_READ_ATTEMPTS} reads; try again"
        )
    tables, seq = parse_snapshot(session, snapshot)
    changes, _ = parse_journal(session, journal, log)
    check_marker(session, journal, changes, seq)
    return tables, apply_changes(tables, changes, seq), len(log)


def check_marker(session: Path, journal: Path, changes: list[Change], seq: int) -> None:
    """Raise CorruptSessionError unless the journal's records fit the snapshot's marker `seq`.

    A crash can leave only two states: the journal's records start right after the snapshot
    (`seq + 1`, the usual case), or they all end at it (a compaction wrote the new snapshot
    but was killed before it moved the journal aside). Records are numbered one after another.
    Anything else is a damaged marker or journal: skipping records at or below a marker that
    is too high would drop them without a word.
    """
    if not changes:
        return
    first, last = changes[0].seq, changes[-1].seq
    if [change.seq for change in changes] != list(range(first, last + 1)):
        raise CorruptSessionError(session, str(journal), "its records are not numbered in order")
    if first != seq + 1 and last != seq:
        raise CorruptSessionError(
            session,
            str(journal),
            f"its records {first}-{last} do not follow the {SEQ_TABLE} seq {seq} in {session.name}",
        )


def read_optional(path: Path) -> bytes:
    """The bytes of one of the store's files (never through a link); a missing file reads as
    empty."""
    try:
        return read_regular(path, follow=False)
    except FileNotFoundError:
        return b""


def link_replace(source: Path, target: Path) -> None:
    """Make `target` another name for `source`'s current content, atomically."""
    temporary = target.with_name(f".{target.name}.link")
    temporary.unlink(missing_ok=True)
    os.link(source, temporary)
    os.replace(temporary, target)


class JournalStorage(Storage):
    """TinyDB storage: in-memory state, each write journaled as the documents it changed.

    TinyDB hands `write()` the whole database each time. A table TinyDB did not touch is the
    same dict object as before, so it is skipped at once. Tables for which `append_only(name)`
    is true only gain documents (TinyDB keeps them in insertion order), so their new documents
    are the last ones and cost nothing to find; updating or removing their documents is not
    supported. Other tables are compared against a private copy, document by document.

    Inside `batch()` the lines are buffered and synced once when the batch ends.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        append_only: Callable[[str], bool] = lambda name: False,
        compact_every: int = 4096,
        check: Callable[[Tables], object] = lambda tables: None,
    ) -> None:
        """Load `path`; `check(tables)` raises if they are no valid database for the caller.

        It runs before anything is written: the open-time compaction replaces `.bak` and
        `.journal.bak`, which must never give way to a state that is itself unusable.
        """
        super().__init__()
        self._path = Path(path)
        self._journal = journal_path(self._path)
        self._append_only = append_only
        self._compact_every = compact_every
        self._data, self._seq, journal_size = read_tables(self._path)
        check(self._data)
        self._seen = dict(self._data)
        self._copies = {
            name: json.loads(json.dumps(table))
            for name, table in self._data.items()
            if not append_only(name)
        }
        self._buffer: list[str] | None = None
        self._pending = 0
        self._failure: SessionWriteError | None = None
        self._closed = False
        self._fd = open_regular(self._journal, _JOURNAL_FLAGS, follow=False)
        try:
            fsync_dir(self._path.parent)
            if journal_size:
                # Folds what a killed writer left and drops a torn last line, so appends
                # start on a clean line.
                self.compact()
        except BaseException:
            os.close(self._fd)
            raise

    def read(self) -> Tables:
        return self._data

    def write(self, data: Tables) -> None:
        self._check()
        lines = self._changed_lines(data)
        # TinyDB's Storage contract: `read()` returns what was last written, also when that is
        # a new dict (`drop_tables()` writes `{}`).
        self._data = data
        if self._buffer is not None:
            self._buffer.extend(lines)
            return
        self._append(lines)
        self.compact_if_due()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Journal every write made inside the block, then sync once.

        If the block raises, nothing of it is written, SessionWriteError is raised, and so is
        every later write: the storage's memory now holds changes its journal lacks.
        """
        self._check()
        buffer: list[str] = []
        self._buffer = buffer
        try:
            yield
        except Exception as error:
            self._failure = SessionWriteError(
                f"{self._path}: could not apply a change ({error!r}); nothing after it is saved"
            )
            raise self._failure from error
        finally:
            self._buffer = None
        self._append(buffer)

    def compact_if_due(self) -> None:
        if self._pending >= self._compact_every:
            self.compact()

    def compact(self) -> None:
        """Write the whole state as the new snapshot and start an empty journal."""
        self._check()
        try:
            link_replace(self._path, backup_path(self._path))
            write_atomic(self._path, encode_snapshot(self._data, self._seq))
            os.replace(self._journal, backup_journal_path(self._path))
            fd = open_regular(self._journal, _JOURNAL_FLAGS, follow=False)
            fsync_dir(self._path.parent)
        except OSError as error:
            raise self._fail(error) from error
        os.close(self._fd)
        self._fd = fd
        self._pending = 0

    def close(self, *, compact: bool = True) -> None:
        """Compact (unless told not to, or a write failed: then the journal on disk is the
        truth) and close."""
        if self._closed:
            return
        try:
            if compact and self._failure is None and self._pending:
                self.compact()
        finally:
            os.close(self._fd)
            self._closed = True

    @property
    def failed(self) -> bool:
        """Whether a write failed: the storage saves nothing more, and its memory may hold
        changes the disk lacks."""
        return self._failure is not None

    def _check(self) -> None:
        if self._failure is not None:
            raise self._failure

    def _fail(self, error: OSError) -> SessionWriteError:
        if error.errno in _DISK_FULL:
            advice = "the disk is full: free some space, then save again"
        else:
            advice = "save again; if that fails too, quit (q) and resume the session"
        self._failure = SessionWriteError(
            f"{self._path}: could not save ({error.strerror or error}); {advice}"
        )
        return self._failure

    def _append(self, records: list[str]) -> None:
        """Append a batch as one line, all or nothing."""
        if not records:
            return
        line = records[0] if len(records) == 1 else f"[{', '.join(records)}]"
        data = (line + "\n").encode("ascii")
        start = os.lseek(self._fd, 0, os.SEEK_END)
        try:
            written = 0
            while written < len(data):
                written += os.write(self._fd, data[written:])
            sync_data(self._fd)
        except OSError as error:
            failure = self._fail(error)
            # A torn last line is dropped on reading anyway; cutting it off here also keeps
            # the journal clean if the process lives on. (Shrinking a file needs no space.)
            with suppress(OSError):
                os.ftruncate(self._fd, start)
            raise failure from error
        self._pending += len(records)

    def _changed_lines(self, data: Tables) -> list[str]:
        lines: list[str] = []
        for name, table in data.items():
            if self._seen.get(name) is not table:
                lines.extend(self._diff(name, table))
                self._seen[name] = table
        for name in [name for name in self._seen if name not in data]:
            # Dropped, not emptied: an empty table would still be listed after reopening.
            lines.append(self._record(name, None, "null"))
            del self._seen[name]
            self._copies.pop(name, None)
        return lines

    def _diff(self, name: str, table: dict[str, dict[str, Any]]) -> Iterator[str]:
        if self._append_only(name):
            added = len(table) - len(self._seen.get(name, ()))
            if added < 0:
                raise ValueError(f"documents were removed from append-only table {name!r}")
            for doc_id, doc in reversed(list(islice(reversed(table.items()), added))):
                yield self._record(name, doc_id, json.dumps(doc))
            return
        copy = self._copies.setdefault(name, {})
        for doc_id, doc in table.items():
            if copy.get(doc_id) != doc:
                encoded = json.dumps(doc)
                copy[doc_id] = json.loads(encoded)
                yield self._record(name, doc_id, encoded)
        for doc_id in [doc_id for doc_id in copy if doc_id not in table]:
            del copy[doc_id]
            yield self._record(name, doc_id, "null")

    def _record(self, table: str, doc_id: str | None, doc_json: str) -> str:
        self._seq += 1
        return (
            f'{{"seq": {self._seq}, "table": {json.dumps(table)}, '
            f'"id": {json.dumps(doc_id)}, "doc": {doc_json}}}'
        )


class _UnreadableLine(Exception):
    def __init__(self, column: int, problem: str) -> None:
        self.column = column
        self.problem = problem


def _decode_line(line: bytes) -> list[Change]:
    """A journal line's records: one record, or a batch (an array of them)."""
    try:
        raw = read_json(line, lambda data: strict_json(data.decode("utf-8")))
    except json.JSONDecodeError as error:
        raise _UnreadableLine(error.colno, f"invalid JSON ({error.msg})") from None
    except UnicodeDecodeError:
        raise _UnreadableLine(1, "not UTF-8 text") from None
    except RecursionError:
        raise _UnreadableLine(1, _TOO_DEEP) from None
    except ValueError as error:  # a number strict_json refuses
        raise _UnreadableLine(1, f"invalid JSON ({error})") from None
    if isinstance(raw, list) and raw:
        return list(map(_decode_change, raw))
    return [_decode_change(raw)]


def _decode_change(raw: object) -> Change:
    if isinstance(raw, dict) and raw.keys() >= {"seq", "table", "id", "doc"}:
        seq, table, doc_id, doc = raw["seq"], raw["table"], raw["id"], raw["doc"]
        if (
            type(seq) is int
            and isinstance(table, str)
            and (isinstance(doc_id, str) or doc_id is None is doc)
            and (doc is None or isinstance(doc, dict))
        ):
            return Change(seq, table, doc_id, doc)
    raise _UnreadableLine(1, "not a journal record")


def _is_tables(raw: object) -> bool:
    return isinstance(raw, dict) and all(
        isinstance(table, dict) and all(map(isinstance, table.values(), repeat(dict)))
        for table in raw.values()
    )
