"""Issue 12, items 6 and 8: planted symbolic links and FIFOs neither leak, truncate nor hang."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_support import BANK, REPO, answer_values, create

from facilitator.bank.editing import BankFile
from facilitator.bank.library import load_entries
from facilitator.bank.parser import read_bank
from facilitator.base.errors import FacilitatorError
from facilitator.base.files import NotRegularFileError
from facilitator.cli import main
from facilitator.store.journal import journal_path
from facilitator.store.lock import lock_path
from facilitator.store.reading import list_sessions, read_session
from facilitator.store.sessionstore import SessionStore


def _closed_session(directory: Path) -> Path:
    with create(directory) as store:
        store.commit_answer("q", "a", 1)
    return store.path


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_kept(tmp_path: Path) -> None:
    session = _closed_session(tmp_path / "s")
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    lock_path(session).unlink(missing_ok=True)
    lock_path(session).symlink_to(precious)
    with pytest.raises(NotRegularFileError, match="symbolic link"):
        SessionStore.open(session)
    assert precious.read_text() == "keep me"


def test_a_journal_that_is_a_link_is_refused_and_gets_no_answers(tmp_path: Path) -> None:
    session = _closed_session(tmp_path / "s")
    public = tmp_path / "public.txt"
    public.write_text("")
    public.chmod(0o644)
    journal_path(session).unlink(missing_ok=True)
    journal_path(session).symlink_to(public)
    with pytest.raises(NotRegularFileError, match="symbolic link"):
        SessionStore.open(session)
    with pytest.raises(NotRegularFileError):
        read_session(session)
    assert public.read_text() == ""


def test_a_sessions_folder_that_is_a_link_keeps_working(tmp_path: Path) -> None:
    real = tmp_path / "synced"
    real.mkdir()
    (tmp_path / "sessions").symlink_to(real)
    session = _closed_session(tmp_path / "sessions")
    with SessionStore.open(session) as store:
        store.commit_answer("r", "b", 2)
    assert answer_values(read_session(session).answers) == {"q": 1, "r": 2}
    assert {path.name for path in real.iterdir()} >= {session.name, session.name + ".bak"}
    assert all(oct(path.stat().st_mode & 0o777) == "0o600" for path in real.iterdir())


def test_saving_a_bank_that_is_a_link_writes_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text(BANK)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    bank = BankFile(link)
    assert bank.load() == BANK
    bank.save(BANK + "\n### Another?\n")
    assert link.is_symlink()
    assert real.read_text() == BANK + "\n### Another?\n"
    assert (tmp_path / "real.md.bak").read_text() == BANK


def _returns_within(seconds: float, call: Callable[[], object]) -> object:
    """What `call()` returns or raises, or a failure if it blocks (a FIFO opened for reading)."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(call())
        except Exception as error:  # handed back to the test to inspect
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "blocked on a FIFO"
    return outcome[0]


def test_fifos_are_refused_without_blocking(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    good = _closed_session(sessions)
    fifo = sessions / "2020-01-01-fifo.json"
    os.mkfifo(fifo)
    bank_fifo = tmp_path / "bank.md"
    os.mkfifo(bank_fifo)
    for call in (
        lambda: read_session(fifo),
        lambda: SessionStore.open(fifo),
        lambda: read_bank(bank_fifo),
        lambda: BankFile(bank_fifo).load(),
    ):
        error = _returns_within(5, call)
        assert isinstance(error, FacilitatorError) and "not a regular file" in str(error)
    summaries = _returns_within(5, lambda: list_sessions(sessions))
    assert isinstance(summaries, list)
    assert {summary.path: summary.error is None for summary in summaries} == {
        good: True,
        fifo: False,
    }
    result = _returns_within(
        5, lambda: CliRunner().invoke(main, ["check", str(bank_fifo), str(tmp_path / "none.md")])
    )
    assert result.exit_code == 1
    assert "not a regular file" in result.output


def test_a_bank_that_is_a_link_to_a_file_still_opens(tmp_path: Path) -> None:
    bundled = REPO / "questionbanks" / "workshop.md"
    (tmp_path / "link.md").symlink_to(bundled)
    assert read_bank(tmp_path / "link.md") == read_bank(bundled)


def test_a_fifo_among_the_banks_is_listed_as_unreadable_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    entries = _returns_within(5, lambda: load_entries([fifo], bundled=False))
    assert isinstance(entries, list)
    assert [entry.error for entry in entries] == [f"{fifo}: not a regular file (a FIFO)"]
