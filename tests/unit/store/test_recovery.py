"""Recovery: corrupt snapshots named and kept, `recover` rebuilding every acknowledged change."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import (
    answer_values,
    corrupt,
    create,
    one_compaction,
    session_files,
    two_generations,
)

from facilitator.session.records import (
    ENDED,
)
from facilitator.store.journal import (
    CorruptSessionError,
    backup_path,
)
from facilitator.store.lock import lock_path
from facilitator.store.reading import read_session
from facilitator.store.recovery import RecoveryError, recover
from facilitator.store.sessionstore import SessionStore


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
