"""Event types are `EventType` members in memory and plain strings in the file: both ways."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import create

from facilitator.session.records import EVENT_WORDS, NOTE, SESSION_ENDED, EventType
from facilitator.store.journal import journal_path, parse_journal
from facilitator.store.sessionstore import SessionStore


def test_a_member_is_written_as_its_string_and_read_back_as_one(tmp_path: Path) -> None:
    store = create(tmp_path)
    store.record(NOTE, {"section": "goals", "text": "coffee"}).result(timeout=10)
    store.flush()
    journal = journal_path(store.path)
    changes, _ = parse_journal(store.path, journal, journal.read_bytes())
    assert [change.doc["type"] for change in changes if change.doc and "type" in change.doc] == [
        "note"
    ]
    store.close()

    with SessionStore.open(store.path) as reopened:
        event = reopened.events[-1]
        assert type(event.type) is str
        assert event.type == EventType.NOTE
        assert EVENT_WORDS[event.type] == "note"


def test_a_type_with_its_own_method_is_refused_in_its_plain_words(tmp_path: Path) -> None:
    with create(tmp_path) as store, pytest.raises(ValueError) as refused:
        store.record(SESSION_ENDED, {})
    assert str(refused.value) == "'session.ended' events are written by end()"
