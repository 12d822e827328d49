"""The one background thread that owns a session's TinyDB: it applies queued changes, syncs once
per batch (group commit) and resolves each change's Future when it is durable.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import suppress
from queue import Empty, SimpleQueue
from typing import TypeVar, cast

from tinydb import TinyDB

from .journal import SessionWriteError
from .storage import JournalStorage

T = TypeVar("T")

Change = Callable[[TinyDB], None]
_Job = tuple[Change, object, Future]


class _Commit(Future[T]):
    """A Future whose `result()` waits on one bare lock, released once it has resolved.

    `Future.result()` waits on a Condition: a new lock, a list of waiters, and an RLock that the
    waiting thread takes back on waking, often while the writer still holds it or the GIL, so
    it sleeps again. A round trip to a thread that resolves at once took ~47 us that way and
    ~30 us with this (medians of 3,000 on the 2-core test machine). Everything else is
    `Future`'s; the lock is released once the done-callbacks have run.
    """

    def __init__(self) -> None:
        super().__init__()
        self._settled = threading.Lock()
        self._settled.acquire()

    def set_result(self, result: T) -> None:
        super().set_result(result)  # raises if resolved already: the lock is released once
        self._settled.release()

    def set_exception(self, exception: BaseException | None) -> None:
        super().set_exception(exception)
        self._settled.release()

    def result(self, timeout: float | None = None) -> T:
        # Once resolved, no wait: a done-callback runs before the lock is released, and one
        # that asks for the result would otherwise wait for itself (on the writer thread).
        if not self.done() and self._settled.acquire(
            timeout=-1 if timeout is None else max(timeout, 0)
        ):
            self._settled.release()  # for the next waiter
        return super().result(0)


def _nothing(db: TinyDB) -> None:
    """A change that changes nothing: its Future resolves once everything before it has."""


class Committer:
    """Runs `submit`ted changes on its own thread, in order; `close()` drains, compacts, stops."""

    def __init__(self, db: TinyDB, name: str) -> None:
        self._db = db
        self._storage = cast(JournalStorage, db.storage)
        self._name = name
        self._queue: SimpleQueue[_Job | None] = SimpleQueue()
        self._guard = threading.Lock()
        self._closed = False
        self._failure: SessionWriteError | None = None
        """Set once the thread has stopped on an error: every Future after it gets this."""
        # A daemon, so a program that forgets close() can still exit; what it had not
        # acknowledged is then lost, which is what a kill would do too.
        self._thread = threading.Thread(target=self._run, name=f"writer {name}", daemon=True)
        self._thread.start()

    @property
    def failed(self) -> bool:
        """Whether a change failed: nothing submitted from then on is saved."""
        return self._failure is not None or self._storage.failed

    def submit(self, change: Change, result: T) -> Future[T]:
        """Queue `change`; the Future gets `result` once it is durable, or a SessionWriteError."""
        future: Future[T] = _Commit()
        # Queued changes are already visible in memory, so they cannot be called off.
        future.set_running_or_notify_cancel()
        with self._guard:
            if self._closed:
                raise ValueError("the session store is closed")
            if self._failure is not None:
                future.set_exception(self._failure)
            else:
                self._queue.put((change, result, future))
        return future

    def flush(self) -> None:
        """Wait until every change submitted so far is durable; raises SessionWriteError if not."""
        self.submit(_nothing, None).result()

    def close(self) -> None:
        """Write what is queued, compact and stop; raises SessionWriteError if that failed."""
        with self._guard:
            if self._closed:
                return
            self._closed = True
            self._queue.put(None)
        self._thread.join()
        if self._failure is not None:
            raise self._failure

    def _run(self) -> None:
        batch: list[_Job] = []
        try:
            running = True
            while running:
                jobs = [self._next()]
                while True:
                    try:
                        jobs.append(self._queue.get_nowait())
                    except Empty:
                        break
                batch = [job for job in jobs if job is not None]
                running = len(batch) == len(jobs)
                self._commit(batch)
            try:
                self._db.close()
            except SessionWriteError as error:
                self._failure = error
        except BaseException as error:
            # Only a bug gets here, but a dead thread must not leave Futures waiting for ever.
            self._stop(error, batch)

    def _next(self) -> _Job | None:
        """The next job; until one comes, the storage prepares its next compaction."""
        while True:
            try:
                return self._queue.get_nowait()
            except Empty:
                if not self._storage.warm():
                    return self._queue.get()

    def _stop(self, error: BaseException, batch: list[_Job]) -> None:
        """Fail this batch's unresolved Futures, and every queued or later one, with `error`."""
        failure = SessionWriteError(
            f"{self._name}: the writer stopped ({error!r}); nothing after this is saved, "
            "close and reopen the session"
        )
        failure.__cause__ = error
        with self._guard:
            self._failure = failure
        # Nothing is queued after `_failure` is set (submit checks it under the guard), so this
        # drains the queue for good.
        while True:
            try:
                job = self._queue.get_nowait()
            except Empty:
                break
            if job is not None:
                batch.append(job)
        for _, _, future in batch:
            if not future.done():
                future.set_exception(failure)
        # The journal on disk is the truth now: memory may hold changes it lacks, so no compaction.
        with suppress(OSError):
            self._storage.close(compact=False)

    def _commit(self, jobs: list[_Job]) -> None:
        failure: SessionWriteError | None = None
        try:
            with self._storage.batch():
                for change, _, _ in jobs:
                    change(self._db)
        except SessionWriteError as error:
            failure = error
        for _, result, future in jobs:
            if failure is None:
                future.set_result(result)
            else:
                future.set_exception(failure)
        if failure is None:
            # A failed compaction loses nothing (these changes are in the journal); the storage
            # keeps the error and raises it at the next batch, whose Futures report it.
            with suppress(SessionWriteError):
                self._storage.compact_if_due()
