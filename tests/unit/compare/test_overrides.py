"""Moderator overrides: an event in the store, folded into state, shown beside the result."""

from pathlib import Path

import pytest
from compare_support import live_workshop

from facilitator.base.clock import ManualClock
from facilitator.compare.comparison import Comparison
from facilitator.live.workshop import Workshop
from facilitator.session.records import STATUS_OVERRIDDEN
from facilitator.session.status import Status
from facilitator.store.reading import read_session

BANK = (
    "---\nparty-a: Startup\nparty-b: Enterprise\n---\n# Workshop\n\n"
    "## Terms {time=10m}\n\n"
    "### Who owns the customer? {#owner kind=stance}\n\n- We do\n- The partner does\n\n"
    "### Months to the first deal {#months kind=number unit=months near=3 far=9 compare=goal}\n"
)


@pytest.fixture
def workshop(tmp_path: Path):
    with live_workshop(tmp_path, BANK) as live:
        yield live


def test_an_override_is_an_event_in_the_store_and_in_state(workshop):
    workshop.override("owner", "different", "  both need account visibility, not ownership ")
    override = workshop.state.overrides["owner"]
    assert override.status is Status.DIFFERENT
    assert override.comment == "both need account visibility, not ownership"
    workshop.close()
    record = read_session(workshop.store.path)
    events = [e for e in record.events if e.type == STATUS_OVERRIDDEN]
    assert [e.payload["status"] for e in events] == ["different"]


def test_the_verdict_keeps_the_computed_status_beside_the_override(workshop):
    workshop.commit_answer("owner", "a", {"position": "We do", "firmness": "must-have"})
    workshop.commit_answer("owner", "b", {"position": "We do", "firmness": "must-have"})
    workshop.override("owner", Status.DIFFERENT, "B only needs credit for the revenue")
    verdict = Comparison.of(workshop.state).verdict("owner")
    assert verdict.computed is Status.CONFLICT
    assert verdict.status is Status.DIFFERENT
    assert verdict.comment == "B only needs credit for the revenue"


def test_a_comment_alone_keeps_the_computed_status_and_an_empty_override_clears(workshop):
    workshop.commit_answer("months", "a", 3)
    workshop.commit_answer("months", "b", 18)
    workshop.override("months", None, "budget cycle starts in January")
    verdict = Comparison.of(workshop.state).verdict("months")
    assert (verdict.status, verdict.comment) == (Status.CONFLICT, "budget cycle starts in January")
    workshop.override("months", "aligned")
    workshop.override("months", None)
    assert "months" not in workshop.state.overrides
    assert Comparison.of(workshop.state).verdict("months").override is None


@pytest.mark.parametrize("status", ["missing", "unscored", "sort of"])
def test_an_override_sets_a_scored_status_only(workshop, status):
    with pytest.raises(ValueError):
        workshop.override("owner", status)
    assert not workshop.state.overrides


def test_an_override_names_a_question_of_the_bank(workshop):
    with pytest.raises(KeyError):
        workshop.override("nope", "aligned")


def test_a_resumed_session_keeps_its_overrides(tmp_path, workshop):
    workshop.override("owner", "conflict", "checked with legal")
    workshop.close()
    again = Workshop.resume(workshop.store.path, clock=ManualClock(2_000.0))
    try:
        assert again.state.overrides["owner"].status is Status.CONFLICT
        assert again.state.overrides["owner"].comment == "checked with legal"
    finally:
        again.close()
