"""The TinyDB storage that saves each change by appending a line to the session's journal, not
by rewriting the file, and folds the journal into a new snapshot now and then (compaction).

The files and their rules are described in `journal.py`.
"""

from __future__ import annotations

import errno
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from itertools import islice
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from ..base.atomic import fsync_dir, write_atomic_pieces
from ..base.files import open_regular
from .journal import (
    Encoded,
    SessionWriteError,
    Tables,
    backup_journal_path,
    backup_path,
    journal_path,
    read_tables,
    snapshot_pieces,
    table_pieces,
)
from .pagetable import WrittenTable

_JOURNAL_FLAGS = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC
_DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


def sync_data(fd: int) -> None:
    """Make appended bytes durable; macOS has no `fdatasync`, and `fsync` is its equivalent."""
    if hasattr(os, "fdatasync"):
        os.fdatasync(fd)
    else:
        os.fsync(fd)


def link_replace(source: Path, target: Path) -> None:
    """Make `target` another name for `source`'s current content, atomically."""
    temporary = target.with_name(f".{target.name}.link")
    temporary.unlink(missing_ok=True)
    os.link(source, temporary)
    os.replace(temporary, target)


class _Tracked(dict[str, dict[str, dict[str, Any]]]):
    """The tables `JournalStorage.read()` hands out, remembering which names were set or deleted
    since `take()`, so that a write looks at the tables it changed and not at every page of
    events (~100 at 100,000 events). TinyDB changes it only by `[name] = table` and `del`; any
    other change marks every table as possibly changed."""

    __slots__ = ("_everything", "_names")

    def __init__(self, tables: Tables) -> None:
        super().__init__(tables)
        self._names: dict[str, None] = {}
        """A dict for its order: the journal's records follow the order of the changes."""
        self._everything = False

    def __setitem__(self, name: str, table: dict[str, dict[str, Any]]) -> None:
        super().__setitem__(name, table)
        self._names[name] = None

    def __delitem__(self, name: str) -> None:
        super().__delitem__(name)
        self._names[name] = None

    def take(self) -> list[str] | None:
        """The names changed since the last `take()`, in the order they were first changed;
        None if that is not known."""
        names = None if self._everything else list(self._names)
        self._names = {}
        self._everything = False
        return names


def _marking_everything(name: str) -> Callable[..., Any]:
    mutate = getattr(dict, name)

    def changed(self: _Tracked, *args: Any, **kwargs: Any) -> Any:
        self._everything = True
        return mutate(self, *args, **kwargs)

    changed.__name__ = name
    return changed


# dict's other mutators bypass `__setitem__`; nothing here uses them, but a change through one
# must still be journaled, so it costs a look at every table instead of being missed.
for _name in ("pop", "popitem", "setdefault", "update", "clear", "__ior__"):
    setattr(_Tracked, _name, _marking_everything(_name))
del _name


class JournalStorage(Storage):
    """TinyDB storage: in-memory state, each write journaled as the documents it changed.

    TinyDB hands `write()` the whole database each time: the dict `read()` returned, with the
    tables it wrote set in it (`_Tracked` names those, so the others are not even looked at),
    or a new one. A table TinyDB did not touch is the same dict object as before, so it is
    skipped at once. Tables for which `append_only(name)`
    is true only gain documents (TinyDB keeps them in insertion order), so their new documents
    are the last ones and cost nothing to find; updating or removing their documents is not
    supported. Other tables are compared against a private copy, document by document.

    Inside `batch()` the lines are buffered and synced once when the batch ends.

    A compaction runs on the caller's thread (the store's writer) and writes the snapshot in
    pieces, encoding only the tables written since the last one (`snapshot_pieces`): the UI
    thread, which needs the same GIL, never waits for a whole snapshot's encoding.
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
        tables, self._seq, journal_size = read_tables(self._path)
        check(tables)
        self._data = _Tracked(tables)
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
        self._encoded: Encoded = {}
        """The last snapshot's pieces by table: a compaction encodes only the tables written since
        (memory: about the snapshot's size again, ~14 MB at 100,000 events)."""
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
        self._unencoded = list(self._data)
        """Tables `warm()` has yet to look at (their pieces are not known after an opening)."""

    def read(self) -> Tables:
        return self._data

    def write(self, data: Tables) -> None:
        self._check()
        lines = self._changed_lines(data)
        # TinyDB's Storage contract: `read()` returns what was last written, also when that is
        # a new dict (`drop_tables()` writes `{}`): then a tracked copy of it.
        self._data = data if isinstance(data, _Tracked) else _Tracked(data)
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

    def warm(self) -> bool:
        """Encode one table the next compaction would otherwise encode, once that compaction is
        half due; False when there is none to do. The writer calls it when it has nothing else
        to do: after an opening no table's pieces are known, and the first compaction would
        encode the whole snapshot (~125 ms at 100,000 events) while commits wait behind it.
        (Not before half due: a resumed session's first seconds are the UI's, building screens.)
        """
        if self._pending * 2 < self._compact_every or self._failure is not None:
            return False
        while self._unencoded:
            name = self._unencoded.pop()
            table = self._data.get(name)
            known = self._encoded.get(name)
            if table is not None and (known is None or known[0] is not table):
                pieces = []
                for piece in table_pieces(name, table):
                    pieces.append(piece)
                    time.sleep(0)  # hands the GIL over between pieces, as a compaction does
                self._encoded[name] = (table, pieces)
                return True
        return False

    def compact_if_due(self) -> None:
        if self._pending >= self._compact_every:
            self.compact()

    def compact(self) -> None:
        """Write the whole state as the new snapshot and start an empty journal."""
        self._check()
        try:
            link_replace(self._path, backup_path(self._path))
            write_atomic_pieces(self._path, snapshot_pieces(self._data, self._seq, self._encoded))
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
        names = data.take() if data is self._data and isinstance(data, _Tracked) else None
        if names is None:
            names = [*data, *(name for name in self._seen if name not in data)]
        lines: list[str] = []
        for name in names:
            table = data.get(name)
            if table is not None:
                if self._seen.get(name) is not table:
                    lines.extend(self._diff(name, table))
                    self._seen[name] = table
            elif name in self._seen:
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
        written = table.written if isinstance(table, WrittenTable) else None
        if written is not None:
            # A `PageTable` write names the documents it touched. It copied the table `read()`
            # holds, which is the one last journaled, so the others are as `copy` has them:
            # a commit does not compare every answer of the session again. (A change that
            # raised midway may have changed documents in place and written nothing: in the
            # store that happens only inside `batch()`, which then fails every later write.)
            for doc_id in written:
                doc = table.get(doc_id)
                if doc is None:
                    if copy.pop(doc_id, None) is not None:
                        yield self._record(name, doc_id, "null")
                elif copy.get(doc_id) != doc:
                    yield self._put(name, doc_id, doc, copy)
            return
        for doc_id, doc in table.items():
            if copy.get(doc_id) != doc:
                yield self._put(name, doc_id, doc, copy)
        for doc_id in [doc_id for doc_id in copy if doc_id not in table]:
            del copy[doc_id]
            yield self._record(name, doc_id, "null")

    def _put(self, name: str, doc_id: str, doc: dict[str, Any], copy: dict[str, Any]) -> str:
        encoded = json.dumps(doc)
        copy[doc_id] = json.loads(encoded)
        return self._record(name, doc_id, encoded)

    def _record(self, table: str, doc_id: str | None, doc_json: str) -> str:
        self._seq += 1
        return (
            f'{{"seq": {self._seq}, "table": {json.dumps(table)}, '
            f'"id": {json.dumps(doc_id)}, "doc": {doc_json}}}'
        )
