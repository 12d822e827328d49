"""One writer per session: an exclusive `flock` on `<session>.lock`, which holds the owner's pid.

The kernel drops a `flock` when its holder dies, even by kill -9, so a leftover lock file never
blocks anyone; only a live holder does.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from ..base.errors import FacilitatorError
from ..base.files import open_regular, require_regular
from .journal import SessionNotFoundError


class SessionLockedError(FacilitatorError):
    """The session is open for writing elsewhere (another process or another store)."""


def lock_path(session: Path) -> Path:
    return session.with_name(session.name + ".lock")


class SessionLock:
    """An acquired lock; `release()` (or the end of the process) gives it up."""

    def __init__(self, session: Path) -> None:
        try:
            # Checked first so that a mistyped path leaves no stray lock file behind.
            require_regular(session)
        except FileNotFoundError:
            raise SessionNotFoundError(session) from None
        self._path = lock_path(session)
        while True:
            fd, self._created = _open_or_create(self._path)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
                os.close(fd)
                raise SessionLockedError(
                    f"{session}: already open in another window or process (pid {holder})"
                ) from None
            except BaseException:
                os.close(fd)
                raise
            if _is_still_named(fd, self._path):
                break
            # `discard()` removed the file after we opened it: a lock on it excludes no one.
            os.close(fd)
        # Written in place, not atomically: replacing the file would leave the flock on an
        # unlinked inode. The pid is only informative, so a torn write costs nothing.
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def discard(self) -> None:
        """Release, and remove the lock file if this lock created it: for a failed first use,
        such as recovering a file that is no session, which should leave nothing behind."""
        if self._fd is not None and self._created:
            # Removed while still held, so whoever opened it meanwhile finds it gone once they
            # get the lock, and starts again with a new file.
            self._path.unlink(missing_ok=True)
        self.release()


def _open_or_create(path: Path) -> tuple[int, bool]:
    """An open lock file and whether this call created it."""
    while True:
        try:
            # O_EXCL never follows a link; the second open must not either, or a planted link
            # would have its target truncated below.
            return open_regular(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, follow=False), True
        except FileExistsError:
            pass
        try:
            return open_regular(path, os.O_RDWR, follow=False), False
        except FileNotFoundError:
            pass  # discarded between the two calls: create it afresh


def _is_still_named(fd: int, path: Path) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False
