"""The one declaration of event types: every type a session holds has its words."""

import json
from pathlib import Path

from facilitator.session import EVENT_TYPES, EVENT_WORDS, EventType


def test_every_event_type_has_its_words_and_nothing_else_does():
    assert set(EVENT_WORDS) == set(EventType) == EVENT_TYPES
    assert all(EVENT_WORDS.values())


def test_a_type_read_from_a_file_finds_its_member_and_its_words():
    """A file holds plain strings: they must find the same words a member does."""
    assert EVENT_WORDS["answer.committed"] == EVENT_WORDS[EventType.ANSWER_COMMITTED] == "answer"
    assert "speaker.changed" in EVENT_TYPES


def test_the_demo_session_holds_only_declared_types():
    """Removing a type nothing recorded ("tag") must leave old sessions readable."""
    demo = json.loads((Path(__file__).parents[3] / "sessions" / "demo.json").read_text())
    types = {row["type"] for name, table in demo.items() if name.startswith("events")
             for row in table.values()}  # fmt: skip
    assert types and types <= EVENT_TYPES
