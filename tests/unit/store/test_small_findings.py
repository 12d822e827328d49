"""Issue 12, item 12: leftovers of killed compactions, errors that name the right file, events
that cannot be, and private folders under any umask."""

from __future__ import annotations

import errno
import os
import re
import tempfile
from pathlib import Path

import pytest
from store_support import REPO, create, edit_snapshot, session_files

from facilitator.bank.parser import parse_bank
from facilitator.bank.templates import create_bank, new_bank_path
from facilitator.base.atomic import make_private_dir, write_atomic
from facilitator.base.settings import Settings, load_settings, save_settings
from facilitator.live.replay import Replay, ReplayError
from facilitator.live.stored_bank import StoredBankError
from facilitator.live.workshop import Workshop
from facilitator.session.state import EventError
from facilitator.store.journal import CorruptSessionError, backup_path
from facilitator.store.reading import list_sessions, read_session
from facilitator.store.sessionstore import SessionStore

BANK = (REPO / "questionbanks" / "workshop.md").read_text()
QUESTION = next(parse_bank(BANK).questions).id


def _session(directory: Path, **options: object) -> Path:
    with create(directory, bank_source=BANK, **options) as store:
        store.commit_answer(QUESTION, "a", 1)
    return store.path


def _leftovers(session: Path) -> list[Path]:
    names = [
        f".{session.name}.abcd_123.tmp",
        f".{backup_path(session).name}.link",
    ]
    for name in names:
        (session.parent / name).write_text("left by a killed compaction")
    return [session.parent / name for name in names]


def test_leftovers_of_killed_compactions_go_when_the_session_is_opened(tmp_path: Path) -> None:
    session = _session(tmp_path, title="mine")
    other = session.with_name(session.name + ".x.json")  # a name that starts the same
    other.write_bytes(session.read_bytes())
    other_temp = tmp_path / f".{other.name}.abcd_123.tmp"
    other_temp.write_text("another session's compaction, under way")
    left = _leftovers(session)
    with SessionStore.open(session):
        pass
    assert not any(path.exists() for path in left)
    assert other_temp.exists(), "only the session's own names"


def test_readers_never_remove_what_a_compaction_is_about_to_rename(tmp_path: Path) -> None:
    session = _session(tmp_path)
    left = _leftovers(session)
    read_session(session)
    list_sessions(tmp_path)
    Replay.open(session)
    assert all(path.exists() for path in left)


def test_leftovers_stay_when_the_session_does_not_open(tmp_path: Path) -> None:
    session = _session(tmp_path)
    edit_snapshot(session, "meta", "1", created="yesterday")
    left = _leftovers(session)
    with pytest.raises(CorruptSessionError):
        SessionStore.open(session)
    assert all(path.exists() for path in left)


def test_a_stored_bank_that_no_longer_parses_is_named_after_the_session(tmp_path: Path) -> None:
    session = _session(tmp_path)
    edit_snapshot(session, "bank", "1", source="# only a title\n")
    with pytest.raises(StoredBankError) as failure:
        Workshop.resume(session)
    assert str(failure.value).startswith(f"{session}: the bank stored in this session")


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"type": "made.up"}, "event 2 has an unknown type 'made.up'"),
        (
            {
                "type": "answer.committed",
                "payload": {
                    "question": "nowhere",
                    "party": "a",
                    "prediction": False,
                    "value": 1,
                    "revision": 1,
                },
            },
            "event 2 answers 'nowhere', not a question of its bank",
        ),
    ],
)
def test_events_the_session_cannot_hold_are_named_and_nothing_is_written(
    tmp_path: Path, fields: dict[str, object], problem: str
) -> None:
    session = _session(tmp_path)
    with SessionStore.open(session) as store:
        store.record("note", {"text": "a change in the journal"})
        store.flush()
        crash = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    assert crash[session.name + ".journal"]
    for name, data in crash.items():  # as a kill would have left it: the journal not folded
        (tmp_path / name).write_bytes(data)
    edit_snapshot(session, "events-0000", "2", **fields)
    before = session_files(tmp_path)
    with pytest.raises(EventError) as failure:
        Workshop.resume(session)
    assert str(failure.value) == f"{session}: {problem}"
    assert session_files(tmp_path) == before, "refused before the open-time compaction"
    with pytest.raises(ReplayError, match=re.escape(problem)):
        Replay.open(session)


def test_an_event_number_given_twice_is_a_corrupt_session(tmp_path: Path) -> None:
    session = _session(tmp_path)
    edit_snapshot(session, "events-0000", "2", seq=1)
    with pytest.raises(CorruptSessionError, match="event 1 is out of order or given twice"):
        read_session(session)


def test_a_folder_that_cannot_be_written_is_named_not_a_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(dir: str, prefix: str, suffix: str) -> tuple[int, str]:
        name = os.path.join(dir, f"{prefix}zzzzzzzz{suffix}")
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), name)

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(PermissionError) as failure:
        write_atomic(tmp_path / "x.json", b"{}")
    assert failure.value.filename == str(tmp_path)


def test_folders_are_created_private_under_any_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        make_private_dir(tmp_path / "a" / "b" / "banks")
        save_settings(Settings(), tmp_path / "config" / "deep" / "settings.json")
    finally:
        os.umask(old)
    for folder in ("a", "a/b", "a/b/banks", "config", "config/deep"):
        assert (tmp_path / folder).stat().st_mode & 0o777 == 0o700, folder


def test_settings_that_are_a_fifo_read_as_defaults_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "settings.json")
    assert load_settings(tmp_path / "settings.json") == Settings()


def test_a_long_title_of_four_byte_letters_makes_a_file_name_that_fits(tmp_path: Path) -> None:
    title = "\U0001d504" * 300  # a letter of four bytes in UTF-8
    store = create(tmp_path, title=title)
    store.commit_answer(QUESTION, "a", 1)
    store.close()
    assert len(store.path.name.encode()) < 160
    assert store.path.name.startswith("2023-11-14-\U0001d504")
    assert read_session(store.path).meta.title == title


def test_a_long_bank_name_of_four_byte_letters_makes_a_file_name_that_fits(
    tmp_path: Path,
) -> None:
    path = create_bank(new_bank_path(tmp_path, "\U0001d504" * 300), "\U0001d504" * 300)
    assert path.exists() and len(path.name.encode()) <= 125


def test_readers_during_a_compaction_leave_the_file_it_is_about_to_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = create(tmp_path, bank_source=BANK)
    store.commit_answer(QUESTION, "a", 1)
    real_replace = os.replace
    seen: list[bool] = []

    def readers_first(source: str | Path, target: str | Path) -> None:
        """The compaction's rename of its new snapshot, with readers in between."""
        if Path(target) == store.path and Path(source).name.endswith(".tmp"):
            read_session(store.path)
            list_sessions(tmp_path)
            Replay.open(store.path)
            seen.append(Path(source).exists())
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", readers_first)
    store.close()  # compacts
    assert seen == [True]
    assert read_session(store.path).answers
