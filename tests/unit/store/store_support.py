"""Helpers shared by the store's tests: a session to work on, its files, a crash image."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from facilitator.base.clock import ManualClock
from facilitator.session.records import (
    SECTION_ENTERED,
    Answer,
    AnswerKey,
    Event,
)
from facilitator.store.journal import (
    backup_path,
    journal_path,
)
from facilitator.store.sessionstore import SessionStore

REPO = Path(__file__).resolve().parents[3]


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


def edit_snapshot(path: Path, table: str, doc_id: str, **fields: object) -> None:
    """Hand-edit a closed session's file: set `fields` in one row."""
    raw = json.loads(path.read_text())
    raw[table][doc_id].update(fields)
    path.write_text(json.dumps(raw))


def open_fds() -> set[str]:
    return set(os.listdir("/proc/self/fd"))
