"""A snapshot is encoded and written in pieces (so a compaction never holds the GIL for long):
the bytes are exactly the one-shot `json.dumps` every version wrote, a write that fails midway
changes nothing, and pieces kept from the last compaction are reused only for unchanged tables."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import TinyDB
from tinydb.table import Document

from facilitator.base.atomic import temporary_names, write_atomic, write_atomic_pieces
from facilitator.store import journal
from facilitator.store.journal import (
    SEQ_TABLE,
    SessionWriteError,
    encode_snapshot,
    journal_path,
    read_tables,
    snapshot_pieces,
)
from facilitator.store.storage import JournalStorage

TEXT = st.text() | st.text(st.characters(categories=["Cs", "Lo", "Cc"]))
"""Any text, lone surrogates and control characters included (json escapes them all)."""
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(TEXT, children, max_size=3),
    max_leaves=5,
)
DOCUMENTS = st.dictionaries(TEXT, VALUES, max_size=3)
TABLES = st.dictionaries(TEXT, st.dictionaries(TEXT, DOCUMENTS, max_size=6), max_size=3)


def one_shot(tables: journal.Tables, seq: int) -> bytes:
    """The snapshot as every version before pieces wrote it."""
    return json.dumps({**tables, SEQ_TABLE: {"1": {"seq": seq}}}).encode("ascii")


@given(TABLES, st.integers(0, 2**40), st.integers(1, 4))
def test_the_pieces_are_the_one_shot_dump(tables, seq, per_piece):
    with mock.patch.object(journal, "_PIECE_DOCUMENTS", per_piece):
        pieces = list(snapshot_pieces(tables, seq))
    assert b"".join(pieces) == one_shot(tables, seq)
    assert encode_snapshot(tables, seq) == one_shot(tables, seq)
    biggest = max((len(table) for table in tables.values()), default=0)
    assert len(pieces) >= 2 + len(tables) + biggest // per_piece, "big tables come in pieces"


@given(TABLES, TABLES, st.data())
def test_kept_pieces_serve_only_the_very_same_table(first, replacements, data):
    known: journal.Encoded = {}
    with mock.patch.object(journal, "_PIECE_DOCUMENTS", 2):
        assert b"".join(snapshot_pieces(first, 1, known)) == one_shot(first, 1)
        # The next state: some tables kept as they are (the same objects), some replaced by
        # new ones (as TinyDB does at every write), some dropped, some added.
        kept = data.draw(st.lists(st.sampled_from(sorted(first)), unique=True)) if first else []
        second = {name: first[name] for name in kept} | replacements
        assert b"".join(snapshot_pieces(second, 2, known)) == one_shot(second, 2)
    assert known.keys() == {*second, SEQ_TABLE}


def test_a_large_table_is_written_in_pieces_that_tinydb_reads(tmp_path):
    rows = {str(n): {"seq": n, "text": f"note {n} é"} for n in range(1, 1204)}
    tables = {"events": rows, "empty": {}}
    pieces = list(snapshot_pieces(tables, 7))
    assert len(pieces) > 1203 // journal._PIECE_DOCUMENTS
    assert max(map(len, pieces)) < len(b"".join(pieces)) / 2
    path = tmp_path / "s.json"
    write_atomic_pieces(path, iter(pieces))
    assert path.stat().st_mode & 0o777 == 0o600
    with TinyDB(path) as db:  # stock TinyDB, its own JSONStorage
        assert db.tables() == {"events", "empty", SEQ_TABLE}
        assert len(db.table("events")) == 1203
        assert db.table("events").get(doc_id=1203) == rows["1203"]
    assert read_tables(path)[:2] == (tables, 7)


def test_a_write_that_fails_midway_leaves_the_file_as_it_was(tmp_path):
    path = tmp_path / "s.json"
    write_atomic(path, b"old")

    def pieces():
        yield b"new, "
        yield b"half of it"
        raise ValueError("the encoder failed")

    with pytest.raises(ValueError, match="the encoder failed"):
        write_atomic_pieces(path, pieces())
    assert path.read_bytes() == b"old"
    assert [entry.name for entry in tmp_path.iterdir()] == ["s.json"], "no temporary file left"


def test_writing_in_pieces_replaces_a_link_and_never_follows_it(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"keep me")
    path = tmp_path / "s.json"
    path.symlink_to(elsewhere)
    write_atomic_pieces(path, [b"{", b"}"])
    assert not path.is_symlink()
    assert path.read_bytes() == b"{}"
    assert elsewhere.read_bytes() == b"keep me"


def new_session(folder: Path) -> Path:
    path = folder / "s.json"
    write_atomic(path, encode_snapshot({}, 0))
    return path


def test_a_compaction_that_fails_midway_changes_nothing_on_disk(tmp_path, monkeypatch):
    path = new_session(tmp_path)
    db = TinyDB(path, storage=JournalStorage, compact_every=10**9)
    db.table("events").insert_multiple({"n": n} for n in range(2000))
    before = path.read_bytes()
    journal_before = journal_path(path).read_bytes()
    real_write = os.write
    calls = []

    def write(fd: int, data: bytes) -> int:
        calls.append(fd)
        if len(calls) == 3:  # the snapshot's third piece: the disk fills up
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    with pytest.raises(SessionWriteError, match="the disk is full"):
        storage.compact()
    monkeypatch.undo()
    db.close()  # a failed storage does not try to compact again
    assert path.read_bytes() == before
    assert journal_path(path).read_bytes() == journal_before
    left = temporary_names(path)
    assert not [entry for entry in tmp_path.iterdir() if left.fullmatch(entry.name)]
    tables, _, _ = read_tables(path)
    assert [doc["n"] for doc in tables["events"].values()] == list(range(2000))


FINITE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(TEXT, children, max_size=3),
    max_leaves=8,
)
"""What a session can hold: the store refuses NaN and infinities, and so does reading a file."""
OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["insert", "upsert", "update", "remove", "truncate", "drop"]),
        st.sampled_from(["events", "answers", "meta"]),
        st.integers(1, 5),
        FINITE,
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(OPERATIONS, st.integers(1, 3))
def test_every_compaction_after_any_tinydb_writes_is_the_one_shot_dump(operations, per_piece):
    """The kept pieces rest on TinyDB giving a table a new dict at every write to it, including
    `update`, which changes a document in place: here each write compacts, and each snapshot
    must be what a fresh dump of the state gives."""
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(
        journal, "_PIECE_DOCUMENTS", per_piece
    ):
        path = new_session(Path(folder))
        with TinyDB(path, storage=JournalStorage, compact_every=1) as db:
            storage = db.storage
            assert isinstance(storage, JournalStorage)
            for operation, name, doc_id, value in operations:
                snapshot = path.stat().st_ino
                table = db.table(name)
                if operation == "insert" and not table.contains(doc_id=doc_id):
                    table.insert(Document({"v": value}, doc_id=doc_id))
                elif operation == "upsert":
                    table.upsert(Document({"v": value, f"k{doc_id}": 1}, doc_id=doc_id))
                elif operation == "update" and table.contains(doc_id=doc_id):
                    table.update({"v": value}, doc_ids=[doc_id])
                elif operation == "remove" and table.contains(doc_id=doc_id):
                    table.remove(doc_ids=[doc_id])
                elif operation == "truncate":
                    table.truncate()
                elif operation == "drop":
                    db.drop_table(name)
                if path.stat().st_ino == snapshot:
                    continue  # a write that changed nothing: nothing journaled, no compaction
                data = storage.read()
                tables, seq, _ = read_tables(path)
                assert path.read_bytes() == one_shot(data, seq)
                assert tables == json.loads(json.dumps(data))


def test_warming_encodes_each_table_once_and_the_compaction_only_what_changed(tmp_path):
    path = new_session(tmp_path)
    with TinyDB(path, storage=JournalStorage, compact_every=10) as db:
        for n in range(3):
            db.table(f"events-{n}").insert_multiple({"n": i} for i in range(30))
    # Reopened: no table's pieces are known.
    with TinyDB(path, storage=JournalStorage, compact_every=10) as db:
        storage = db.storage
        assert isinstance(storage, JournalStorage)
        db.table("answers").insert({"v": 1})
        assert not storage.warm(), "nothing to do before the compaction is half due"
        db.table("answers").insert_multiple({"v": n} for n in range(4))
        warmed = 0
        while storage.warm():
            warmed += 1
        assert warmed == 3, "each table the file held, once (answers is new: not known to be cold)"
        db.table("answers").insert({"v": 9})
        encoded = mock.Mock(wraps=journal.table_pieces)
        with mock.patch.object(journal, "table_pieces", encoded):
            storage.compact()
        assert [call.args[0] for call in encoded.call_args_list] == ["answers", SEQ_TABLE]
        _, seq, _ = read_tables(path)
        assert path.read_bytes() == one_shot(storage.read(), seq)
