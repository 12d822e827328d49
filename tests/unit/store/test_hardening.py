"""Issue 12: nothing lost and nothing leaked under damaged files, full disks and hostile files."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_support import answer_values, create, edit_snapshot, session_files

from facilitator.cli import main
from facilitator.store.journal import (
    CorruptSessionError,
    encode_snapshot,
    journal_path,
    read_tables,
)
from facilitator.store.listing import library
from facilitator.store.reading import read_session
from facilitator.store.recovery import recover
from facilitator.store.sessionstore import SessionStore


def _crashed_with_history(tmp_path: Path) -> Path:
    """A session compacted once (so `.bak` and `.journal.bak` exist), then killed with one
    acknowledged answer in its journal: every file a kill -9 leaves, without the lock."""
    live = tmp_path / "live"
    with create(live) as store:
        store.commit_answer("first", "a", 1)
    store = SessionStore.open(store.path)
    store.commit_answer("second", "a", 2).result(timeout=10)
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for path in live.iterdir():
        if not path.name.endswith(".lock"):
            shutil.copy2(path, crashed / path.name)
    store.close()
    assert journal_path(crashed / store.path.name).stat().st_size
    return crashed / store.path.name


def test_a_bad_snapshot_with_a_journal_is_left_untouched_and_recover_restores_it(
    tmp_path: Path,
) -> None:
    session = _crashed_with_history(tmp_path)
    edit_snapshot(session, "meta", "1", created="yesterday")
    before = session_files(session.parent)
    with pytest.raises(CorruptSessionError, match="left untouched"):
        SessionStore.open(session)
    assert session_files(session.parent) == before, "a failed open moves no copy aside"
    assert "rebuilt from" in recover(session)
    assert answer_values(read_session(session).answers) == {"first": 1, "second": 2}


def test_a_journal_record_that_breaks_the_session_leaves_every_file_untouched(
    tmp_path: Path,
) -> None:
    session = _crashed_with_history(tmp_path)
    journal = journal_path(session)
    last = json.loads(journal.read_bytes().splitlines()[-1])[-1]
    removal = {"seq": last["seq"] + 1, "table": "meta", "id": "1", "doc": None}
    with journal.open("a") as handle:
        handle.write(json.dumps(removal) + "\n")
    before = session_files(session.parent)
    with pytest.raises(CorruptSessionError, match="left untouched"):
        SessionStore.open(session)
    assert session_files(session.parent) == before


def test_a_batch_that_fails_on_a_full_disk_leaves_nothing_of_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = create(tmp_path)
    store.commit_answer("q", "a", "saved").result(timeout=10)
    real_write = os.write
    started = False

    def disk_fills_up(fd: int, data: bytes) -> int:
        """Takes the first part of the failing batch, then the disk is full."""
        nonlocal started
        if b'"lost"' not in data and not started:
            return real_write(fd, data)
        if not started:
            started = True
            return real_write(fd, data[: len(data) * 3 // 4])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", disk_fills_up)
    failure = store.commit_answer("q", "a", "lost").exception(timeout=10)
    assert failure is not None and "No space left" in str(failure)
    monkeypatch.undo()
    store.close()
    kept = read_session(store.path)
    assert answer_values(kept.answers) == {"q": "saved"}
    assert [event.payload.get("value") for event in kept.events][-1] == "saved"
    with SessionStore.open(store.path) as reopened:
        event = reopened.commit_answer("q", "a", "again").result(timeout=10)
    assert event.payload["revision"] == 2
    assert [e.seq for e in read_session(store.path).events] == list(range(1, event.seq + 1))


def test_a_journal_written_before_batches_were_one_line_still_reads(tmp_path: Path) -> None:
    with create(tmp_path) as store:
        pass
    marker = json.loads(store.path.read_text())["_journal"]["1"]["seq"]
    old_journal = "".join(
        json.dumps(record) + "\n"
        for record in [
            {
                "seq": marker + 1,
                "table": "events-0000",
                "id": "2",
                "doc": {
                    "seq": 2,
                    "time": 1.0e9,
                    "type": "answer.committed",
                    "payload": {
                        "question": "q",
                        "party": "a",
                        "prediction": False,
                        "value": "old",
                        "revision": 1,
                    },
                },
            },
            {
                "seq": marker + 2,
                "table": "answers",
                "id": "1",
                "doc": {
                    "question": "q",
                    "party": "a",
                    "prediction": False,
                    "value": "old",
                    "revision": 1,
                    "time": 1.0e9,
                },
            },
        ]
    )
    journal_path(store.path).write_text(old_journal)
    assert answer_values(read_session(store.path).answers) == {"q": "old"}


BAD_NUMBERS = [
    "NaN",
    "Infinity",
    "-Infinity",
    "1e400",
    "1e300",
    "-1e20",
    pytest.param("1" + "0" * 5000, id="5000-digits"),
]


@pytest.mark.parametrize("number", BAD_NUMBERS)
@pytest.mark.parametrize(
    ("table", "doc_id", "field"),
    [
        ("meta", "1", "created"),
        ("meta", "1", "ended"),
        ("events-0000", "2", "time"),
        ("answers", "1", "time"),
        ("answers", "1", "revision"),
    ],
)
def test_numbers_that_are_not_finite_or_out_of_range_are_a_named_corrupt_session(
    tmp_path: Path, number: str, table: str, doc_id: str, field: str
) -> None:
    sessions = tmp_path / "sessions"
    with create(sessions, title="good") as good:
        good.commit_answer("q", "a", 1)
    with create(sessions, title="bad") as bad:
        bad.commit_answer("q", "a", 1)
    text = bad.path.read_text()
    raw = json.loads(text)
    raw[table][doc_id][field] = "@@"
    bad.path.write_text(json.dumps(raw).replace('"@@"', number))
    for attempt in (read_session, SessionStore.open):
        with pytest.raises(CorruptSessionError) as failure:
            attempt(bad.path)
        assert str(failure.value).startswith(f"{bad.path}")
    rows = library(sessions)
    assert [row.readable for row in rows].count(True) == 1
    assert [row.path for row in rows if not row.readable] == [bad.path]
    result = CliRunner().invoke(main, ["export", str(bad.path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bad.path}") and "Traceback" not in result.output
    listing = CliRunner().invoke(main, ["--sessions-dir", str(sessions), "sessions"])
    assert listing.exit_code == 0 and "good" in listing.output


def test_a_payload_that_is_not_finite_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    with create(tmp_path) as store:
        with pytest.raises(ValueError):
            store.record("note.added", {"text": float("nan")})
        assert [event.seq for event in store.events] == [1]


@pytest.mark.parametrize("marker", [10**6, 1])
def test_a_damaged_journal_marker_is_an_error_and_recover_restores_every_record(
    tmp_path: Path, marker: int
) -> None:
    session = _crashed_with_history(tmp_path)
    raw = json.loads(session.read_text())
    raw["_journal"]["1"]["seq"] = marker
    session.write_text(json.dumps(raw))
    for attempt in (read_session, SessionStore.open):
        with pytest.raises(CorruptSessionError) as failure:
            attempt(session)
        message = str(failure.value)
        assert message.startswith(f"{journal_path(session)}: its records")
        assert f"facilitator recover {session}" in message
    assert "reads fine" not in recover(session)
    assert answer_values(read_session(session).answers) == {"first": 1, "second": 2}
    with SessionStore.open(session) as store:
        store.commit_answer("third", "b", 3)
    assert len(read_session(session).answers) == 3


def test_a_snapshot_written_before_its_journal_moved_aside_reads_cleanly(tmp_path: Path) -> None:
    """The compaction step a kill can interrupt: the new snapshot holds every journal record."""
    session = _crashed_with_history(tmp_path)
    tables = read_session(session)
    data, seq, _ = read_tables(session)
    session.write_bytes(encode_snapshot(data, seq))
    assert read_session(session) == tables
    with SessionStore.open(session) as store:
        assert answer_values(store.answers) == {"first": 1, "second": 2}
