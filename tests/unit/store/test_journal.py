"""The journal: torn and corrupt lines, deep nesting, compaction, reads during a compaction."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from store_support import (
    answer_values,
    crash_image,
    create,
    open_fds,
    settle,
    two_generations,
)
from tinydb import TinyDB

from facilitator.base.atomic import write_atomic
from facilitator.store import journal as journal_module
from facilitator.store import sessionstore
from facilitator.store.journal import (
    CorruptSessionError,
    SessionBusyError,
    backup_journal_path,
    backup_path,
    encode_snapshot,
    journal_path,
)
from facilitator.store.reading import read_session
from facilitator.store.recovery import recover
from facilitator.store.sessionstore import SessionStore
from facilitator.store.storage import JournalStorage

ATTEMPTS = journal_module._READ_ATTEMPTS


@pytest.mark.parametrize("compactions", [1, ATTEMPTS - 1, ATTEMPTS])
def test_a_read_retries_while_a_writer_compacts_and_never_mixes_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compactions: int
) -> None:
    store = create(tmp_path)
    store.commit_answer("q", "a", 1)
    store.close()
    read_journal = journal_module.read_optional
    replaced = 0

    def compacting_meanwhile(path: Path) -> bytes:
        """Reads the journal as a compaction lands between the snapshot and journal reads."""
        nonlocal replaced
        if replaced < compactions:
            replaced += 1
            write_atomic(store.path, store.path.read_bytes())
        return read_journal(path)

    monkeypatch.setattr(journal_module, "read_optional", compacting_meanwhile)
    if compactions < ATTEMPTS:
        assert answer_values(read_session(store.path).answers) == {"q": 1}
    else:
        with pytest.raises(SessionBusyError, match="^" + re.escape(f"{store.path}: ")):
            read_session(store.path)


@pytest.mark.parametrize("tail", [b'{"seq": 99, "table": "ans', b"garbage\n"])
def test_a_torn_last_journal_line_is_ignored(tmp_path: Path, tail: bytes) -> None:
    store = create(tmp_path / "live")
    store.commit_answer("q", "a", "kept")
    crashed = crash_image(store, tmp_path / "crashed")
    store.close()
    journal = journal_path(crashed)
    with journal.open("ab") as handle:
        handle.write(tail)

    assert answer_values(read_session(crashed).answers) == {"q": "kept"}
    with SessionStore.open(crashed) as reopened:
        assert journal.read_bytes() == b"", "opening folds the journal and drops the torn line"
        reopened.commit_answer("r", "b", "after")
    assert answer_values(read_session(crashed).answers) == {"q": "kept", "r": "after"}


def test_a_corrupt_middle_journal_line_is_an_error_until_recovered(tmp_path: Path) -> None:
    store = create(tmp_path / "live")
    for n in range(3):
        store.commit_answer(f"q{n}", "a", n).result(timeout=10)  # a batch, a line each
    crashed = crash_image(store, tmp_path / "crashed")
    store.close()
    journal = journal_path(crashed)
    lines = journal.read_bytes().split(b"\n")
    lines[1] = b"{" + lines[1]
    journal.write_bytes(b"\n".join(lines))
    broken = journal.read_bytes()

    with pytest.raises(CorruptSessionError, match="^" + re.escape(f"{journal}:2:2: invalid JSON")):
        read_session(crashed)
    with pytest.raises(CorruptSessionError):
        SessionStore.open(crashed)
    assert journal.read_bytes() == broken

    report = recover(crashed)
    assert "skipped 1 unreadable journal lines" in report
    assert "2 changes could not be recovered" in report
    assert [path.read_bytes() for path in crashed.parent.glob("*.journal.corrupt-*")] == [broken]
    recovered = read_session(crashed)
    assert len(recovered.answers) == 2, "line 2 was q1's batch: its event and its answer"
    assert [event.seq for event in recovered.events] == [1, 2, 4]


def test_deeply_nested_json_is_corrupt_not_a_crash(tmp_path: Path) -> None:
    store = two_generations(tmp_path)
    store.path.write_bytes(b"[" * 100_000)
    for attempt in (read_session, SessionStore.open):
        with pytest.raises(
            CorruptSessionError, match="^" + re.escape(f"{store.path}: invalid JSON")
        ):
            attempt(store.path)
    assert "rebuilt" in recover(store.path)
    assert answer_values(read_session(store.path).answers) == {"first": 1, "second": 2}


def test_a_deeply_nested_journal_line_is_corrupt_not_a_crash(tmp_path: Path) -> None:
    store = create(tmp_path / "live")
    store.commit_answer("q", "a", 1)
    crashed = crash_image(store, tmp_path / "crashed")
    store.close()
    journal = journal_path(crashed)
    journal.write_bytes(b"[" * 100_000 + b"\n" + journal.read_bytes())
    with pytest.raises(CorruptSessionError, match="^" + re.escape(f"{journal}:1:1: invalid JSON")):
        read_session(crashed)


def test_the_journal_is_compacted_past_the_threshold(tmp_path: Path) -> None:
    store = create(tmp_path, compact_every=4)
    for n in range(10):
        store.commit_answer(f"q{n}", "a", n)
    settle(store)
    assert len(journal_path(store.path).read_bytes().splitlines()) < 4
    assert backup_path(store.path).exists()
    assert backup_journal_path(store.path).exists()
    assert len(read_session(store.path).answers) == 10
    store.close()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_failed_open_releases_the_lock_and_closes_the_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with create(tmp_path) as store:
        pass
    before = open_fds()

    def broken(*args: object) -> None:
        raise RuntimeError("no thread for you")

    monkeypatch.setattr(sessionstore, "Committer", broken)
    with pytest.raises(RuntimeError):
        SessionStore.open(store.path)
    assert open_fds() == before
    monkeypatch.undo()
    with SessionStore.open(store.path) as reopened:
        reopened.commit_answer("q", "a", 1).result(timeout=10)


def test_a_dropped_table_stays_dropped_after_reopening(tmp_path: Path) -> None:
    """TinyDB's Storage contract (its own suite runs in tinydb_contract/ too)."""
    session = tmp_path / "db.json"
    write_atomic(session, encode_snapshot({}, 0))
    db = TinyDB(session, storage=JournalStorage)
    db.table("gone").insert({"x": 1})
    db.table("kept").insert({"y": 2})
    db.drop_table("gone")
    assert db.tables() == {"kept"}
    db.storage.close(compact=False)  # as a kill leaves it: only the journal knows
    db = TinyDB(session, storage=JournalStorage)
    assert db.tables() == {"kept"}
    db.drop_tables()
    db.close()
    assert TinyDB(session, storage=JournalStorage).tables() == set()
