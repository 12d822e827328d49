"""The committer's Futures: `result()` waits on a bare lock (a lighter hand-over than
`Future`'s Condition), and everything else behaves as a `concurrent.futures.Future`."""

from __future__ import annotations

import threading
from concurrent.futures import Future, InvalidStateError, TimeoutError, wait
from pathlib import Path

import pytest
from tinydb import TinyDB

from facilitator.base.atomic import write_atomic
from facilitator.store.committer import Committer
from facilitator.store.journal import SessionWriteError, encode_snapshot, read_tables
from facilitator.store.pagetable import PageTinyDB
from facilitator.store.storage import JournalStorage


def _committer(tmp_path: Path) -> Committer:
    session = tmp_path / "s.json"
    write_atomic(session, encode_snapshot({}, 0))
    return Committer(PageTinyDB(session, storage=JournalStorage), str(session))


def test_a_future_resolves_once_its_change_is_applied_and_waiters_all_wake(
    tmp_path: Path,
) -> None:
    committer = _committer(tmp_path)
    release = threading.Event()
    seen: list[Future[str]] = []

    def change(db: TinyDB) -> None:
        release.wait()
        db.table("t").insert({"v": 1})

    future = committer.submit(change, "done")
    future.add_done_callback(seen.append)
    assert isinstance(future, Future)
    with pytest.raises(TimeoutError):
        future.result(timeout=0)
    assert not future.done() and not future.cancel()
    results: list[str] = []
    waiters = [threading.Thread(target=lambda: results.append(future.result())) for _ in range(3)]
    for waiter in waiters:
        waiter.start()
    release.set()
    for waiter in waiters:
        waiter.join(timeout=10)
    assert results == ["done"] * 3
    assert future.result() == "done" and future.result(timeout=0) == "done"
    assert seen == [future]
    assert wait([future], timeout=10).done == {future}
    with pytest.raises(InvalidStateError):
        future.set_result("again")  # type: ignore[attr-defined]
    assert future.result() == "done"
    committer.close()
    assert read_tables(tmp_path / "s.json")[0] == {"t": {"1": {"v": 1}}}


def test_a_failed_change_raises_from_result_and_from_exception(tmp_path: Path) -> None:
    committer = _committer(tmp_path)

    def broken(db: TinyDB) -> None:
        raise RuntimeError("a bug")

    future = committer.submit(broken, None)
    with pytest.raises(SessionWriteError, match="could not apply a change"):
        future.result(timeout=10)
    assert isinstance(future.exception(timeout=0), SessionWriteError)
    # Nothing after a failed change is saved: later Futures fail at once, and still wake.
    later = committer.submit(lambda db: None, None)
    with pytest.raises(SessionWriteError):
        later.result(timeout=10)
    committer.close()


def test_a_done_callback_may_ask_for_the_result_without_stopping_the_writer(
    tmp_path: Path,
) -> None:
    # Callbacks run on the writer thread before the Future's lock is released: a result()
    # that waited on that lock there would wait for itself, and no later commit would land.
    committer = _committer(tmp_path)
    results: list[str] = []
    first = committer.submit(lambda db: db.table("t").insert({"v": 1}), "first")
    first.add_done_callback(lambda done: results.append(done.result()))
    later = committer.submit(lambda db: db.table("t").insert({"v": 2}), "later")
    assert later.result(timeout=10) == "later"
    assert results == ["first"]
    committer.close()
