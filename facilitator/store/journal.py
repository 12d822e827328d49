"""The files of a session and how they are read: a snapshot, its journal, and their backups.

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

`storage.py` writes these files (`JournalStorage`); this module names, encodes and reads them.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice, repeat
from pathlib import Path
from typing import Any

import orjson

from ..base.errors import FacilitatorError
from ..base.files import open_regular, read_all, read_regular
from ..base.text import byte_position

Tables = dict[str, dict[str, dict[str, Any]]]
"""TinyDB's whole-database shape: table name -> document id -> document."""
Encoded = dict[str, tuple[object, list[bytes]]]
"""Table name -> (the table, the pieces of the snapshot that encode it): see `snapshot_pieces`."""

SEQ_TABLE = "_journal"

_PIECE_DOCUMENTS = 500
"""Documents per piece of `snapshot_pieces`: about half a millisecond of `json.dumps` for
events, and 500 writes for 250,000 documents."""
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



def _no_table(table: str) -> bool:
    """No table's rows are checked by the caller: every row is checked here."""
    return False

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


def encode_snapshot(tables: Tables, seq: int) -> bytes:
    """The snapshot of `tables` including the journal up to `seq`, as one piece."""
    return b"".join(snapshot_pieces(tables, seq))


def snapshot_pieces(tables: Tables, seq: int, known: Encoded | None = None) -> Iterator[bytes]:
    """The bytes of `json.dumps` of the snapshot (the layout every version wrote), encoded a
    few hundred documents at a time as they are asked for.

    `json.dumps` holds the GIL for a whole call: the whole snapshot of a 100,000-event session in
    one call kept the UI thread waiting ~125 ms. A piece takes well under a millisecond, and the
    thread yields the GIL after each, so the UI thread waits about one piece at most.

    `known`, kept from one snapshot to the next, holds each table's pieces beside the table they
    encode, and a table that is still that very object is not encoded again. This relies on what
    `JournalStorage` already relies on: a write gives its table a new dict (`PageTable`),
    so only tables written since the last snapshot cost anything (full pages of events never do).
    """
    yield b"{"
    whole = {**tables, SEQ_TABLE: {"1": {"seq": seq}}}
    for n, (name, table) in enumerate(whole.items()):
        if n:
            yield b", "
        seen = known.get(name) if known is not None else None
        if seen is not None and seen[0] is table:
            yield from seen[1]
            continue
        pieces: list[bytes] = []
        for piece in table_pieces(name, table):
            pieces.append(piece)
            yield piece
            # Hands the GIL over if another thread waits for it: one that was waiting when the
            # write of a piece released it rarely wins it back before this thread does.
            time.sleep(0)
        if known is not None:
            known[name] = (table, pieces)
    if known is not None:
        for name in known.keys() - whole.keys():
            del known[name]
    yield b"}"


def table_pieces(name: str, table: dict[str, dict[str, Any]]) -> Iterator[bytes]:
    """`"name": {...}` of a snapshot, a few hundred documents a piece."""
    dumps = json.dumps
    start = f"{dumps(name)}: {{"
    rows = iter(table.items())
    while batch := dict(islice(rows, _PIECE_DOCUMENTS)):
        # `{"1": ..., "2": ...}` without its braces: pieces join with `, ` as one dict's rows.
        yield f"{start}{dumps(batch)[1:-1]}".encode("ascii")
        start = ", "
    yield b"}" if start == ", " else f"{start}}}".encode("ascii")


def parse_snapshot(
    session: Path,
    data: bytes,
    *,
    name: Path | None = None,
    rows_checked: Callable[[str], bool] = _no_table,
) -> tuple[Tables, int]:
    """The tables in a snapshot and the journal seq they include.

    `name` is the file the bytes came from when that is not `session` itself (a backup).
    Every row is checked to be an object, but in the tables `rows_checked` names: the caller
    checks each of their rows itself (a session's events, whose check would otherwise meet
    100,000 rows twice, ~13 ms).
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
    if not _is_tables(raw, rows_checked):
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


def read_tables(
    session: Path, *, rows_checked: Callable[[str], bool] = _no_table
) -> tuple[Tables, int, int]:
    """A session's current state without writing anything: (tables, seq, journal size in bytes);
    `rows_checked` as `parse_snapshot` takes it.

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
    tables, seq = parse_snapshot(session, snapshot, rows_checked=rows_checked)
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


def _is_tables(raw: object, rows_checked: Callable[[str], bool]) -> bool:
    return isinstance(raw, dict) and all(
        isinstance(table, dict)
        and (rows_checked(name) or all(map(isinstance, table.values(), repeat(dict))))
        for name, table in raw.items()
    )
