"""The Workshop's part in party seats: answer sources, guarded commits, the reveal check."""

from pathlib import Path

import pytest

from facilitator.base.clock import ManualClock
from facilitator.live.refusals import RevisionConflict
from facilitator.live.workshop import Workshop
from facilitator.session.records import MODERATOR_SOURCE, AnswerKey, describe_source
from facilitator.store.reading import read_session
from facilitator.store.sessionstore import SessionStore

BANK = (
    "---\nparty-a: Acme\nparty-b: Globex\n---\n# Workshop\n\n"
    "## Why {time=10m}\n\n### Reason {predict}\n\n"
    "### Only us {ask=a}\n\n"
)


@pytest.fixture
def workshop(tmp_path: Path):
    bank = tmp_path / "bank.md"
    bank.write_text(BANK, encoding="utf-8")
    live = Workshop.start(tmp_path / "sessions", bank, clock=ManualClock(1_000_000.0))
    yield live
    live.close()


def test_an_answer_records_its_source_in_the_event_the_answer_and_the_file(workshop):
    workshop.commit_answer("reason", "a", "Reach", source="seat:K3F9").result(timeout=5)
    workshop.commit_answer("reason", "b", "Cash", source=MODERATOR_SOURCE).result(timeout=5)
    answers = workshop.state.answers
    assert answers[AnswerKey("reason", "a", False)].source == "seat:K3F9"
    assert answers[AnswerKey("reason", "b", False)].source == MODERATOR_SOURCE
    record = read_session(workshop.store.path)
    sources = [e.payload.get("source") for e in record.events if e.type == "answer.committed"]
    assert sources == ["seat:K3F9", "moderator"]
    assert record.answers[AnswerKey("reason", "a", False)].source == "seat:K3F9"


def test_an_answer_without_a_source_is_written_as_before_and_reads_as_not_recorded(workshop):
    workshop.commit_answer("reason", "a", "Reach").result(timeout=5)
    path = workshop.store.path
    workshop.close()
    with SessionStore.open(path) as store:
        answer = store.answers[AnswerKey("reason", "a", False)]
        event = store.events[-2]
    assert "source" not in event.payload
    assert answer.source is None and describe_source(answer.source) == "not recorded"
    assert describe_source("seat:K3F9") == "seat device K3F9"
    assert describe_source(MODERATOR_SOURCE) == "the moderator"


def test_a_commit_against_an_older_revision_is_refused_and_names_the_newer_answer(workshop):
    workshop.commit_answer("reason", "a", "First", expected_revision=0)
    workshop.commit_answer("reason", "a", "Second", expected_revision=1)
    with pytest.raises(RevisionConflict, match="changed on another device") as refused:
        workshop.commit_answer("reason", "a", "Late", expected_revision=1)
    assert refused.value.current is not None and refused.value.current.value == "Second"
    with pytest.raises(RevisionConflict):
        workshop.commit_answer("reason", "b", "Late", expected_revision=3)
    assert workshop.state.answers[AnswerKey("reason", "a", False)].revision == 2


def test_the_reveal_check_names_the_asked_parties_that_have_not_answered(workshop):
    check = workshop.check_reveal("reason")
    assert check.missing == ("a", "b") and check.message == "not answered yet: Acme, Globex"
    workshop.commit_answer("reason", "a", "Reach")
    check = workshop.check_reveal("reason")
    assert not check.ok and check.message == "not answered yet: Globex"
    workshop.commit_answer("reason", "b", "Cash", prediction=True)
    assert workshop.check_reveal("reason").missing == ("b",), "a guess is not an answer"
    workshop.commit_answer("reason", "b", "Cash")
    assert workshop.check_reveal("reason").ok and workshop.check_reveal("reason").message == ""
    assert workshop.check_reveal("only-us").names == ("Acme",), "only the parties asked"


def test_a_revealed_question_has_nothing_in_the_way(workshop):
    workshop.reveal("reason")
    assert workshop.check_reveal("reason").ok


def test_a_listener_can_unsubscribe(workshop):
    seen = []
    workshop.subscribe(seen.append)
    workshop.toggle_timer()
    workshop.unsubscribe(seen.append)
    workshop.toggle_timer()
    assert len(seen) == 1
