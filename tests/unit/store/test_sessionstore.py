"""The session store: files, round trips, readers beside a writer, group commit, listing."""

from __future__ import annotations

import errno
import gc
import hashlib
import os
import re
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_support import (
    BANK,
    START,
    answer_values,
    create,
    files,
)
from tinydb import TinyDB

from facilitator.base.clock import ManualClock
from facilitator.base.errors import FacilitatorError
from facilitator.session.records import (
    ANSWER_COMMITTED,
    ANSWER_EDITED,
    ENDED,
    IN_PROGRESS,
    NOTE,
    SECTION_ENTERED,
    SESSION_ENDED,
    SESSION_STARTED,
    AnswerKey,
    Event,
)
from facilitator.store.journal import (
    CorruptSessionError,
    SessionNotFoundError,
    SessionWriteError,
    backup_path,
    journal_path,
)
from facilitator.store.lock import lock_path
from facilitator.store.reading import list_sessions, read_session
from facilitator.store.rows import EVENTS_PER_TABLE
from facilitator.store.sessionstore import SessionStore


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


def test_opening_a_missing_session_says_so_and_leaves_no_files(tmp_path: Path) -> None:
    with pytest.raises(SessionNotFoundError, match=re.escape("nothing.json")):
        SessionStore.open(tmp_path / "nothing.json")
    assert list(tmp_path.iterdir()) == []


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


def test_list_sessions_survives_a_dangling_symlink(tmp_path: Path) -> None:
    with create(tmp_path):
        pass
    (tmp_path / "gone.json").symlink_to(tmp_path / "deleted.json")
    summaries = list_sessions(tmp_path)
    assert [summary.meta.title for summary in summaries if summary.meta] == ["Team Offsite"]
    assert [summary.error for summary in summaries if summary.error] == [
        f"{tmp_path / 'gone.json'}: is a symbolic link; "
        "facilitator does not open its own files through one"
    ]


def test_opening_a_file_that_is_not_a_session_leaves_nothing_beside_it(tmp_path: Path) -> None:
    stranger = tmp_path / "notes.json"
    stranger.write_text('{"shopping": {"1": {"item": "milk"}}}')
    with pytest.raises(FacilitatorError):
        SessionStore.open(stranger)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.json"]


def test_a_draft_is_overwritten_kept_apart_from_events_and_gone_once_committed(tmp_path: Path):
    store = create(tmp_path)
    key = AnswerKey("goals", "a", False)
    guess = AnswerKey("goals", "a", True)
    events_before = len(store.events)
    store.save_draft(key, "first")
    store.save_draft(key, "second")
    store.save_draft(guess, "they want reach")
    assert store.drafts == {key: "second", guess: "they want reach"}
    assert len(store.events) == events_before
    store.close()
    # Never part of the record that replays, reports and exports read.
    record = read_session(store.path)
    assert len(record.events) == events_before and not record.answers
    again = SessionStore.open(store.path, clock=ManualClock(START))
    assert again.drafts == {key: "second", guess: "they want reach"}
    again.commit_answer("goals", "a", "final").result()
    assert again.drafts == {guess: "they want reach"}
    assert again.discard_draft(guess) is not None
    assert again.discard_draft(guess) is None
    again.close()
    third = SessionStore.open(store.path, clock=ManualClock(START))
    assert third.drafts == {}
    third.close()
