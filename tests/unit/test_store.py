"""The session store: files, round trips, locking, corruption, recovery, listing, group commit."""

from __future__ import annotations

import errno
import fcntl
import gc
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import platformdirs
import pytest
from tinydb import TinyDB

from facilitator import journal as journal_module
from facilitator.atomic import write_atomic
from facilitator.clock import ManualClock
from facilitator.errors import FacilitatorError
from facilitator.journal import (
    CorruptSessionError,
    SessionBusyError,
    SessionNotFoundError,
    SessionWriteError,
    backup_journal_path,
    backup_path,
    journal_path,
)
from facilitator.lock import SessionLockedError, lock_path
from facilitator.recovery import RecoveryError
from facilitator.session import (
    ANSWER_COMMITTED,
    ANSWER_EDITED,
    ENDED,
    IN_PROGRESS,
    NOTE,
    SECTION_ENTERED,
    SESSION_ENDED,
    SESSION_STARTED,
    Answer,
    AnswerKey,
    Event,
)
from facilitator.store import (
    EVENTS_PER_TABLE,
    SessionStore,
    default_sessions_dir,
    list_sessions,
    read_session,
    recover,
)

REPO = Path(__file__).resolve().parents[2]
BANK = "---\ntitle: Partnership\n---\n\n## Goals\n\n### What do you want?\n"
START = 1_700_000_000.0


def create(directory: Path, clock: ManualClock | None = None, **options: object) -> SessionStore:
    settings: dict[str, object] = {
        "title": "Team Offsite",
        "party_a": "Acme",
        "party_b": "Globex",
        "moderator": "Mo",
        "bank_source": BANK,
        "bank_path": "banks/partner.md",
        "clock": clock or ManualClock(START),
    }
    settings.update(options)
    return SessionStore.create(directory, **settings)  # type: ignore[arg-type]


def files(directory: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.name: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(directory.iterdir())
    }


def crash_image(store: SessionStore, destination: Path) -> Path:
    """The files a kill -9 would leave right now: every acknowledged change, no compaction."""
    store.flush()
    destination.mkdir()
    for source in (store.path, journal_path(store.path)):
        shutil.copyfile(source, destination / source.name)
    return destination / store.path.name


def settle(store: SessionStore) -> None:
    """Flush twice: the second waits out a compaction the first batch may have started."""
    store.flush()
    store.flush()


def session_files(directory: Path) -> dict[str, tuple[bytes, int]]:
    """`files` without the lock file, whose pid `recover` rewrites when it takes the lock."""
    return {name: data for name, data in files(directory).items() if not name.endswith(".lock")}


def answer_values(answers: Mapping[AnswerKey, Answer]) -> dict[str, object]:
    return {key.question: answer.value for key, answer in answers.items()}


def test_a_session_round_trips_through_close_and_open(tmp_path: Path) -> None:
    clock = ManualClock(START)
    store = create(tmp_path, clock)
    clock.advance(5)
    store.record(SECTION_ENTERED, {"section": "goals"})
    clock.advance(10)
    store.commit_answer("want", "a", "growth")
    clock.advance(3)
    store.commit_answer("want", "b", ["reach", "price"], prediction=True)
    clock.advance(7)
    store.commit_answer("want", "a", "profit")
    store.close()

    with SessionStore.open(store.path, clock=clock) as reopened:
        assert reopened.meta.title == "Team Offsite"
        assert (reopened.meta.party_a, reopened.meta.party_b) == ("Acme", "Globex")
        assert reopened.meta.moderator == "Mo"
        assert reopened.meta.created == START
        assert (reopened.meta.ended, reopened.meta.status) == (None, IN_PROGRESS)
        assert reopened.bank.source == BANK
        assert reopened.bank.sha256 == hashlib.sha256(BANK.encode()).hexdigest()
        assert reopened.bank.path == "banks/partner.md"
        assert [(e.seq, e.time, e.type) for e in reopened.events] == [
            (1, START, SESSION_STARTED),
            (2, START + 5, SECTION_ENTERED),
            (3, START + 15, ANSWER_COMMITTED),
            (4, START + 18, ANSWER_COMMITTED),
            (5, START + 25, ANSWER_EDITED),
        ]
        assert reopened.events[1].payload == {"section": "goals"}
        assert reopened.events[4].payload == {
            "question": "want",
            "party": "a",
            "prediction": False,
            "value": "profit",
            "revision": 2,
        }
        mine = reopened.answers[AnswerKey("want", "a", False)]
        guess = reopened.answers[AnswerKey("want", "b", True)]
        assert (mine.value, mine.revision, mine.time) == ("profit", 2, START + 25)
        assert (guess.value, guess.revision) == (["reach", "price"], 1)
        assert len(reopened.answers) == 2


def test_end_records_the_time_and_status_once(tmp_path: Path) -> None:
    clock = ManualClock(START)
    store = create(tmp_path, clock)
    clock.advance(60)
    ended = store.end().result(timeout=10)
    assert (ended.type, ended.time) == (SESSION_ENDED, START + 60)
    assert (store.meta.ended, store.meta.status) == (START + 60, ENDED)
    with pytest.raises(ValueError, match="already ended"):
        store.end()
    store.close()
    assert read_session(store.path).meta.ended == START + 60
    assert read_session(store.path).meta.status == ENDED


def test_futures_resolve_to_the_recorded_events(tmp_path: Path) -> None:
    with create(tmp_path) as store:
        note = store.record(NOTE, {"text": "coffee"}).result(timeout=10)
        answer = store.commit_answer("q", "b", 4).result(timeout=10)
    assert (note.seq, note.type, note.payload) == (2, NOTE, {"text": "coffee"})
    assert (answer.seq, answer.payload["value"]) == (3, 4)


def test_events_are_paged_over_tables_and_read_back_in_order(tmp_path: Path) -> None:
    clock = ManualClock(START)
    with create(tmp_path, clock) as store:
        for n in range(2, EVENTS_PER_TABLE * 2 + 3):
            clock.advance(1)
            store.record(NOTE, {"n": n})
    events = read_session(store.path).events
    assert [event.seq for event in events] == list(range(1, EVENTS_PER_TABLE * 2 + 3))
    assert [event.time for event in events] == [START + n for n in range(len(events))]
    with TinyDB(store.path, access_mode="r") as db:
        pages = sorted(name for name in db.tables() if name.startswith("events-"))
        assert pages == ["events-0000", "events-0001", "events-0002"]
        assert [len(db.table(name)) for name in pages] == [EVENTS_PER_TABLE, EVENTS_PER_TABLE, 2]


def test_changes_show_in_memory_before_they_reach_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = create(tmp_path)
    entered, gate = threading.Event(), threading.Event()
    syncs: list[int] = []
    real_sync = os.fdatasync

    def slow_sync(fd: int) -> None:
        syncs.append(fd)
        if len(syncs) == 1:
            entered.set()
            gate.wait(timeout=10)
        real_sync(fd)

    monkeypatch.setattr(os, "fdatasync", slow_sync)
    first = store.commit_answer("q0", "a", 0)
    assert entered.wait(timeout=10)
    queued = [store.commit_answer(f"q{n}", "a", n) for n in range(1, 50)]
    assert len(store.answers) == 50
    assert not first.done()
    gate.set()
    assert [future.result(timeout=10).payload["value"] for future in queued] == list(range(1, 50))
    store.flush()
    assert len(syncs) == 2, "the 49 queued commits should share one sync"
    store.close()
    assert len(read_session(store.path).answers) == 50


def test_events_are_not_served_stale_after_another_thread_records(tmp_path: Path) -> None:
    store = create(tmp_path)
    writers: list[threading.Thread] = []

    class RecordedDuringTheCopy(list[Event]):
        """Lets another thread record while `events` is copying the list, the first time."""

        def __iter__(self) -> Iterator[Event]:
            items = list(super().__iter__())
            if not writers:
                writer = threading.Thread(target=store.record, args=(NOTE, {"text": "meanwhile"}))
                writers.append(writer)
                writer.start()
                writer.join(timeout=0.5)  # done by now, unless it waits for the copy to finish
            return iter(items)

    store._events = RecordedDuringTheCopy(store._events)
    store._events_view = None
    assert [event.type for event in store.events] == [SESSION_STARTED]
    writers[0].join()
    assert [event.type for event in store.events] == [SESSION_STARTED, NOTE]
    store.close()


def test_a_payload_is_copied_and_must_be_json(tmp_path: Path) -> None:
    with create(tmp_path) as store:
        payload = {"tags": ["a"]}
        event = store.record(NOTE, payload).result(timeout=10)
        payload["tags"].append("b")
        assert event.payload == {"tags": ["a"]}
        with pytest.raises(TypeError):
            store.record(NOTE, {"when": object()})


def test_events_are_checked_before_anything_is_written(tmp_path: Path) -> None:
    with create(tmp_path) as store:
        with pytest.raises(ValueError, match="unknown event type"):
            store.record("answer.deleted", {})
        with pytest.raises(ValueError, match="commit_answer"):
            store.record(ANSWER_COMMITTED, {})
        with pytest.raises(ValueError, match="party"):
            store.commit_answer("q", "c", "x")
        assert len(store.events) == 1


def test_files_are_private(tmp_path: Path) -> None:
    directory = tmp_path / "new" / "sessions"
    store = create(directory)
    store.commit_answer("q", "a", "x")
    store.close()
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    for path in (store.path, journal_path(store.path), lock_path(store.path)):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(backup_path(store.path).stat().st_mode) == 0o600


def test_file_names_come_from_the_date_and_title_with_a_suffix_on_a_clash(tmp_path: Path) -> None:
    day = time.strftime("%Y-%m-%d", time.localtime(START))
    names = []
    for title in ("Team Offsite!", "team   offsite", "Team_Offsite", "???"):
        with create(tmp_path, title=title) as store:
            names.append(store.path.name)
    assert names == [
        f"{day}-team-offsite.json",
        f"{day}-team-offsite-2.json",
        f"{day}-team-offsite-3.json",
        f"{day}-session.json",
    ]
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".")]


def test_stock_tinydb_reads_a_closed_session(tmp_path: Path) -> None:
    store = create(tmp_path)
    store.commit_answer("q", "a", "x")
    store.close()
    with TinyDB(store.path, access_mode="r") as db:
        assert db.tables() == {"meta", "bank", "events-0000", "answers", "_journal"}
        events = db.table("events-0000")
        assert [row["type"] for row in events] == [SESSION_STARTED, ANSWER_COMMITTED]
        assert db.table("meta").get(doc_id=1)["title"] == "Team Offsite"  # type: ignore[index]
        assert db.table("answers").all()[0]["value"] == "x"
        for name in db.tables():
            db.table(name).all()


def test_read_session_changes_nothing_and_works_beside_a_writer(tmp_path: Path) -> None:
    store = create(tmp_path)
    store.commit_answer("q", "a", "in the journal only")
    store.flush()
    before = files(tmp_path)
    record = read_session(store.path)
    assert files(tmp_path) == before
    assert answer_values(record.answers) == {"q": "in the journal only"}
    assert [event.seq for event in record.events] == [1, 2]
    store.close()


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


def test_a_second_writer_in_this_process_is_refused(tmp_path: Path) -> None:
    with create(tmp_path) as store:
        with pytest.raises(SessionLockedError) as refused:
            SessionStore.open(store.path)
        message = str(refused.value)
        assert str(store.path) in message
        assert f"pid {os.getpid()}" in message
        assert "\n" not in message
    SessionStore.open(store.path).close()


def test_a_second_writer_in_another_process_is_refused(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from facilitator.lock import SessionLockedError
        from facilitator.store import SessionStore
        try:
            SessionStore.open(Path(sys.argv[1]))
        except SessionLockedError as error:
            print(error)
            sys.exit(3)
        """
    )
    with create(tmp_path) as store:
        child = subprocess.run(
            [sys.executable, "-c", script, str(store.path)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
    assert child.returncode == 3, child.stderr
    assert str(store.path) in child.stdout
    assert f"pid {os.getpid()}" in child.stdout


def test_opening_a_missing_session_says_so_and_leaves_no_files(tmp_path: Path) -> None:
    with pytest.raises(SessionNotFoundError, match=re.escape("nothing.json")):
        SessionStore.open(tmp_path / "nothing.json")
    assert list(tmp_path.iterdir()) == []


def two_generations(directory: Path) -> SessionStore:
    """A closed session compacted twice, so `.bak` holds a real earlier version."""
    store = create(directory)
    store.commit_answer("first", "a", 1)
    store.close()
    store = SessionStore.open(store.path)
    store.commit_answer("second", "a", 2)
    store.close()
    return store


def corrupt(path: Path) -> bytes:
    data = path.read_bytes()
    broken = data.replace(b'"events-0000": {', b'"events-0000": {,', 1)
    assert broken != data
    path.write_bytes(broken)
    return broken


def test_a_corrupt_snapshot_is_named_and_left_untouched(tmp_path: Path) -> None:
    store = two_generations(tmp_path)
    broken = corrupt(store.path)
    column = broken.index(b"{,") + 2
    for attempt in (read_session, SessionStore.open):
        with pytest.raises(CorruptSessionError) as failure:
            attempt(store.path)
        message = str(failure.value)
        assert message.startswith(f"{store.path}:1:{column}: invalid JSON")
        assert f"{store.path.name}.bak" in message
        assert f"facilitator recover {store.path}" in message
        assert "\n" not in message
        assert store.path.read_bytes() == broken
    with pytest.raises(CorruptSessionError):
        SessionStore.open(store.path)  # not SessionLockedError: the failed open let go of it


def test_recover_restores_every_change_and_keeps_the_corrupt_file(tmp_path: Path) -> None:
    store = two_generations(tmp_path)
    broken = corrupt(store.path)
    report = recover(store.path)
    assert "\n" not in report
    assert f"rebuilt from {store.path.name}.bak" in report
    kept = [path for path in tmp_path.iterdir() if ".corrupt-" in path.name]
    assert len(kept) == 1 and kept[0].read_bytes() == broken
    assert kept[0].name in report
    assert answer_values(read_session(store.path).answers) == {"first": 1, "second": 2}
    with SessionStore.open(store.path) as reopened:
        reopened.commit_answer("third", "b", 3)
    assert len(read_session(store.path).answers) == 3


def one_compaction(directory: Path) -> tuple[SessionStore, tuple[Event, ...]]:
    """A closed session compacted once: `.bak` is the file as created, `.journal.bak` the rest."""
    with create(directory) as store:
        store.record(SECTION_ENTERED, {"section": "goals"})
        store.commit_answer("first", "a", 1)
        store.commit_answer("first", "a", 2)
        store.end()
        events = store.events
    assert backup_path(store.path).exists()
    return store, events


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"", "empty file"), (b'{"meta": {}}', "not a facilitator session (no 'meta' row)")],
)
def test_recover_rebuilds_a_file_that_parses_but_holds_no_session(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    store, events = one_compaction(tmp_path)
    store.path.write_bytes(content)
    for attempt in (read_session, SessionStore.open):
        with pytest.raises(CorruptSessionError) as failure:
            attempt(store.path)
        assert str(failure.value).startswith(f"{store.path}: {problem}; left untouched")
        assert f"facilitator recover {store.path}" in str(failure.value)
    assert f"rebuilt from {store.path.name}.bak" in recover(store.path)
    assert [path.read_bytes() for path in tmp_path.glob("*.corrupt-*")] == [content]
    recovered = read_session(store.path)
    assert recovered.events == events
    assert answer_values(recovered.answers) == {"first": 2}
    assert recovered.meta.status == ENDED


def test_recover_leaves_a_readable_session_alone(tmp_path: Path) -> None:
    store = two_generations(tmp_path)
    before = session_files(tmp_path)
    assert "nothing changed" in recover(store.path)
    assert session_files(tmp_path) == before


def test_recover_without_a_backup_changes_nothing(tmp_path: Path) -> None:
    store = create(tmp_path)
    store.close()
    assert not backup_path(store.path).exists()
    corrupt(store.path)
    before = session_files(tmp_path)
    with pytest.raises(RecoveryError, match=r"no .*\.json\.bak"):
        recover(store.path)
    assert session_files(tmp_path) == before


def test_a_file_that_is_no_session_is_left_without_a_stray_lock_file(tmp_path: Path) -> None:
    stranger = tmp_path / "stranger.json"
    stranger.write_text('{"_default": {}}')
    with pytest.raises(RecoveryError, match=re.escape(f"{stranger} is unreadable")):
        recover(stranger)
    assert [path.name for path in tmp_path.iterdir()] == ["stranger.json"]
    with pytest.raises(CorruptSessionError):
        SessionStore.open(stranger)
    assert not lock_path(stranger).exists()


def test_a_failed_recover_keeps_a_lock_file_it_did_not_create(tmp_path: Path) -> None:
    with create(tmp_path) as store:
        pass
    store.path.write_text('{"_default": {}}')
    with pytest.raises(RecoveryError):
        recover(store.path)
    assert lock_path(store.path).exists()
    with pytest.raises(CorruptSessionError):
        SessionStore.open(store.path)
    assert lock_path(store.path).exists()


def test_a_lock_file_removed_after_it_was_opened_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As when a failed recover discards the lock file between our open and our flock."""
    with create(tmp_path) as store:
        pass
    real_flock = fcntl.flock
    discarded = []

    def discard_first(fd: int, operation: int) -> None:
        if not discarded:
            discarded.append(True)
            lock_path(store.path).unlink()
        real_flock(fd, operation)

    monkeypatch.setattr(fcntl, "flock", discard_first)
    with SessionStore.open(store.path):
        monkeypatch.undo()
        assert lock_path(store.path).exists(), "locked a new file, not the removed one"
        with pytest.raises(SessionLockedError):
            SessionStore.open(store.path)


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
        store.commit_answer(f"q{n}", "a", n)
    crashed = crash_image(store, tmp_path / "crashed")
    store.close()
    journal = journal_path(crashed)
    lines = journal.read_bytes().split(b"\n")
    lines[2] = b"{" + lines[2]
    journal.write_bytes(b"\n".join(lines))
    broken = journal.read_bytes()

    with pytest.raises(CorruptSessionError, match="^" + re.escape(f"{journal}:3:2: invalid JSON")):
        read_session(crashed)
    with pytest.raises(CorruptSessionError):
        SessionStore.open(crashed)
    assert journal.read_bytes() == broken

    report = recover(crashed)
    assert "skipped 1 unreadable journal lines" in report
    assert "1 changes could not be recovered" in report
    assert [path.read_bytes() for path in crashed.parent.glob("*.journal.corrupt-*")] == [broken]
    recovered = read_session(crashed)
    assert len(recovered.answers) == 3, "line 3 was q1's event; its answer is on line 4"
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


def test_a_failed_sync_is_reported_and_nothing_later_claims_success(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = create(tmp_path)
    store.commit_answer("saved", "a", 1).result(timeout=10)

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fdatasync", full_disk)
    failure = store.commit_answer("lost", "a", 2).exception(timeout=10)
    assert isinstance(failure, SessionWriteError)
    assert str(store.path) in str(failure) and "No space left" in str(failure)
    monkeypatch.undo()
    assert isinstance(store.commit_answer("later", "a", 3).exception(timeout=10), SessionWriteError)
    store.close()
    # "lost" reached the page cache before the sync failed, so it may or may not be on disk.
    assert set(answer_values(read_session(store.path).answers)) - {"lost"} == {"saved"}


@pytest.mark.parametrize("failing", ["_append", "compact_if_due"])
def test_an_unexpected_writer_error_fails_every_later_future_and_never_hangs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """`_append` fails before the batch's Futures resolve, `compact_if_due` after."""
    store = create(tmp_path)
    store.commit_answer("saved", "a", 1).result(timeout=10)

    def bug(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(store._committer._storage, failing, bug)
    first = store.commit_answer("first", "a", 2)
    if failing == "compact_if_due":
        assert first.result(timeout=10) is not None, "durable before the bug struck"
    else:
        assert isinstance(first.exception(timeout=10), SessionWriteError)
    later = store.commit_answer("later", "a", 3).exception(timeout=10)
    assert isinstance(later, SessionWriteError)
    assert str(later).startswith(f"{store.path}: the writer stopped (RuntimeError('a bug'))")
    assert isinstance(later.__cause__, RuntimeError)
    with pytest.raises(SessionWriteError):
        store.flush()
    with pytest.raises(SessionWriteError):
        store.close()
    monkeypatch.undo()
    with SessionStore.open(store.path) as reopened:  # the lock was given up
        assert "saved" in answer_values(reopened.answers)


def test_list_sessions_is_newest_first_and_lists_unreadable_files(tmp_path: Path) -> None:
    clock = ManualClock(START)
    for title in ("Oldest", "Middle", "Newest"):
        with create(tmp_path, clock, title=title) as store:
            store.commit_answer("q", "a", title)
        clock.advance(3600)
    (tmp_path / "broken.json").write_text('{"meta": ')
    (tmp_path / "stranger.json").write_text('{"_default": {}}')

    summaries = list_sessions(tmp_path)
    readable = [summary for summary in summaries if summary.meta is not None]
    assert [summary.meta.title for summary in readable] == ["Newest", "Middle", "Oldest"]  # type: ignore[union-attr]
    assert [summary.event_count for summary in readable] == [2, 2, 2]
    unreadable = {summary.path.name: summary.error for summary in summaries if summary.meta is None}
    assert set(unreadable) == {"broken.json", "stranger.json"}
    assert f"{tmp_path / 'broken.json'}:1:10: invalid JSON" in str(unreadable["broken.json"])
    assert "not a facilitator session" in str(unreadable["stranger.json"])
    assert list_sessions(tmp_path / "missing") == []


def edit_snapshot(path: Path, table: str, doc_id: str, **fields: object) -> None:
    """Hand-edit a closed session's file: set `fields` in one row."""
    raw = json.loads(path.read_text())
    raw[table][doc_id].update(fields)
    path.write_text(json.dumps(raw))


WRONG_TYPES = [
    ("meta", {"created": "yesterday"}, "meta 'created' is not a number"),
    ("meta", {"ended": "x"}, "meta 'ended' is not a number or null"),
    ("meta", {"title": None}, "meta 'title' is not text"),
    ("meta", {"status": ["ended"]}, "meta 'status' is not 'in-progress' or 'ended'"),
    ("bank", {"source": 7}, "bank 'source' is not text"),
    ("events-0000", {"payload": [1]}, "events-0000 row 2 'payload' is not an object"),
    ("events-0000", {"seq": 2.5}, "events-0000 row 2 'seq' is not a whole number"),
    ("events-0000", {"time": True}, "events-0000 row 2 'time' is not a number"),
    ("events-0000", {"type": None}, "events-0000 row 2 'type' is not text"),
    ("answers", {"prediction": [1]}, "answers row 1 'prediction' is not true or false"),
    ("answers", {"party": "c"}, "answers row 1 'party' is not 'a' or 'b'"),
    ("answers", {"revision": True}, "answers row 1 'revision' is not a whole number"),
]


@pytest.mark.parametrize(("table", "fields", "problem"), WRONG_TYPES)
def test_a_value_of_the_wrong_type_is_a_corrupt_session(
    tmp_path: Path, table: str, fields: dict[str, object], problem: str
) -> None:
    with create(tmp_path) as store:
        store.commit_answer("q", "a", 1)
    doc_id = "2" if table.startswith("events-") else "1"
    edit_snapshot(store.path, table, doc_id, **fields)
    for attempt in (read_session, SessionStore.open):
        with pytest.raises(CorruptSessionError) as failure:
            attempt(store.path)
        message = str(failure.value)
        assert message.startswith(f"{store.path}: not a facilitator session ({problem})")
        assert "\n" not in message


def test_a_missing_field_is_a_corrupt_session(tmp_path: Path) -> None:
    with create(tmp_path) as store:
        pass
    raw = json.loads(store.path.read_text())
    del raw["meta"]["1"]["moderator"]
    store.path.write_text(json.dumps(raw))
    with pytest.raises(CorruptSessionError, match=re.escape("meta has no 'moderator'")):
        read_session(store.path)


def test_an_event_row_missing_a_field_is_named_even_among_a_thousand_good_ones(
    tmp_path: Path,
) -> None:
    """Whole tables of rows as the store writes them are checked at once; one bad row sends its
    table to the row-by-row check, which must still name it."""
    with create(tmp_path) as store:
        for number in range(EVENTS_PER_TABLE + 10):
            store.record(NOTE, {"text": f"{number}"})
    raw = json.loads(store.path.read_text())
    del raw["events-0001"]["1005"]["payload"]
    raw["events-0001"]["1006"]["extra"] = "ignored"
    store.path.write_text(json.dumps(raw))
    problem = "events-0001 row 1005 has no 'payload'"
    with pytest.raises(CorruptSessionError, match=re.escape(problem)):
        read_session(store.path)


def test_reading_a_session_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    """Reading pauses the collector (it would only look, many times, at objects all kept)."""
    with create(tmp_path) as store:
        pass
    broken = tmp_path / "broken.json"
    broken.write_text("{}")
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            read_session(store.path)
            with pytest.raises(CorruptSessionError):
                read_session(broken)
            assert gc.isenabled() is enabled
    finally:
        gc.enable()


def open_fds() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


def test_an_answer_row_id_that_is_not_a_number_is_corrupt_and_frees_the_lock(
    tmp_path: Path,
) -> None:
    with create(tmp_path) as store:
        store.commit_answer("q", "a", 1)
    raw = json.loads(store.path.read_text())
    raw["answers"] = {"abc": raw["answers"]["1"]}
    store.path.write_text(json.dumps(raw))
    message = f"{store.path}: not a facilitator session (answers row abc has an id that is not"
    for _ in range(2):  # not SessionLockedError the second time: the failed open let go
        with pytest.raises(CorruptSessionError, match="^" + re.escape(message)):
            SessionStore.open(store.path)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_failed_open_releases_the_lock_and_closes_the_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with create(tmp_path) as store:
        pass
    before = open_fds()

    def broken(*args: object) -> None:
        raise RuntimeError("no thread for you")

    monkeypatch.setattr("facilitator.store.Committer", broken)
    with pytest.raises(RuntimeError):
        SessionStore.open(store.path)
    assert open_fds() == before
    monkeypatch.undo()
    with SessionStore.open(store.path) as reopened:
        reopened.commit_answer("q", "a", 1).result(timeout=10)


def test_list_sessions_lists_files_with_wrong_types_as_unreadable(tmp_path: Path) -> None:
    clock = ManualClock(START)
    for title, (table, fields, _) in enumerate(WRONG_TYPES):
        with create(tmp_path, clock, title=str(title)) as store:
            store.commit_answer("q", "a", 1)
        edit_snapshot(store.path, table, "2" if table.startswith("events-") else "1", **fields)
    with create(tmp_path, clock, title="good"):
        pass

    summaries = list_sessions(tmp_path)
    assert [summary.meta.title for summary in summaries if summary.meta] == ["good"]
    errors = sorted(summary.error for summary in summaries if summary.error)
    assert len(errors) == len(WRONG_TYPES)
    assert all("not a facilitator session" in error for error in errors)


def test_list_sessions_survives_a_dangling_symlink(tmp_path: Path) -> None:
    with create(tmp_path):
        pass
    (tmp_path / "gone.json").symlink_to(tmp_path / "deleted.json")
    summaries = list_sessions(tmp_path)
    assert [summary.meta.title for summary in summaries if summary.meta] == ["Team Offsite"]
    assert [summary.error for summary in summaries if summary.error] == [
        f"{tmp_path / 'gone.json'}: no such session file"
    ]


def test_default_sessions_dir_prefers_the_environment_then_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FACILITATOR_SESSIONS_DIR", raising=False)
    fallback = platformdirs.user_data_path("facilitator") / "sessions"
    assert default_sessions_dir(tmp_path) == fallback
    (tmp_path / "sessions").mkdir()
    assert default_sessions_dir(tmp_path) == tmp_path / "sessions"
    monkeypatch.setenv("FACILITATOR_SESSIONS_DIR", "elsewhere")
    assert default_sessions_dir(tmp_path) == tmp_path / "elsewhere"
    monkeypatch.setenv("FACILITATOR_SESSIONS_DIR", str(tmp_path / "absolute"))
    assert default_sessions_dir(tmp_path) == tmp_path / "absolute"


def test_opening_a_file_that_is_not_a_session_leaves_nothing_beside_it(tmp_path: Path) -> None:
    stranger = tmp_path / "notes.json"
    stranger.write_text('{"shopping": {"1": {"item": "milk"}}}')
    with pytest.raises(FacilitatorError):
        SessionStore.open(stranger)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.json"]
