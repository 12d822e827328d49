"""One writer per session: the lock across threads and processes, and lock files not trusted."""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from store_support import (
    REPO,
    create,
)

from facilitator.store.journal import (
    CorruptSessionError,
)
from facilitator.store.lock import SessionLockedError, lock_path
from facilitator.store.recovery import RecoveryError, recover
from facilitator.store.sessionstore import SessionStore


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
        from facilitator.store.lock import SessionLockedError
        from facilitator.store.sessionstore import SessionStore
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


def test_a_file_that_is_no_session_is_left_without_a_stray_lock_file(tmp_path: Path) -> None:
    stranger = tmp_path / "stranger.json"
    stranger.write_text('{"_default": {}}')
    with pytest.raises(RecoveryError, match=re.escape(f"{stranger} is unreadable")):
        recover(stranger)
    assert [path.name for path in tmp_path.iterdir()] == ["stranger.json"]
    with pytest.raises(CorruptSessionError):
        SessionStore.open(stranger)
    assert not lock_path(stranger).exists()


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
