"""The comparison follows the live workshop: a commit recomputes only the question it touches,
a reveal or an override only re-labels its row, and hidden answers stay masked."""

from pathlib import Path

import pytest
from compare_support import live_workshop

import facilitator.compare.comparison as compare
from facilitator.bank.model import Compare
from facilitator.compare.comparison import Comparison
from facilitator.compare.verdicts import HIDDEN
from facilitator.session.status import Status

BANK = (
    "---\nparty-a: Startup\nparty-b: Enterprise\n---\n# Workshop\n\n"
    "## Timing {time=10m}\n\n"
    "### Months to the first deal {#months kind=number unit=months near=3 far=9 compare=goal "
    "predict}\n\n"
    "### How important is it? {#importance kind=scale range=1-5 compare=goal}\n\n"
    "### Who owns the customer? {#owner kind=stance}\n\n- We do\n- The partner does\n\n"
    "## Give and take {time=10m}\n\n"
    "### What do you expect? {#expects kind=list compare=expectation pair=offers}\n\n"
    "### What do you offer? {#offers kind=list compare=offer}\n\n"
    "### Anything else? {#else}\n"
)


@pytest.fixture
def workshop(tmp_path: Path):
    with live_workshop(tmp_path, BANK) as live:
        yield live


@pytest.fixture
def spy(monkeypatch):
    """Records the id of every question `Comparison` assesses."""
    calls: list[str] = []
    real = compare.assess

    def assess(question, *args, **kwargs):
        calls.append(question.id)
        return real(question, *args, **kwargs)

    monkeypatch.setattr(compare, "assess", assess)
    return calls


def test_the_first_update_assesses_every_question_and_reports_them_all(workshop, spy):
    comparison = Comparison(workshop.bank, ("Startup", "Enterprise"))
    changed = comparison.update(workshop.state)
    ids = {q.id for q in workshop.bank.questions}
    assert changed == ids
    assert sorted(spy) == sorted(ids)
    assert [v.question.id for v in comparison.verdicts] == [q.id for q in workshop.bank.questions]


def test_a_commit_recomputes_only_the_question_it_answers(workshop, spy):
    workshop.commit_answer("months", "a", 3)
    comparison = Comparison.of(workshop.state, ("Startup", "Enterprise"))
    spy.clear()
    workshop.commit_answer("months", "b", 18)
    changed = comparison.update(workshop.state)
    assert changed == {"months"}
    assert spy == ["months"]
    assert comparison.verdict("months").computed is Status.CONFLICT


def test_an_edit_and_a_guess_recompute_their_question_too(workshop, spy):
    workshop.commit_answer("months", "a", 3)
    comparison = Comparison.of(workshop.state)
    spy.clear()
    workshop.commit_answer("months", "a", 3)
    assert comparison.update(workshop.state) == {"months"}
    workshop.commit_answer("months", "b", 6, prediction=True)
    assert comparison.update(workshop.state) == {"months"}
    assert spy == ["months", "months"]
    assert comparison.verdict("months").perception[0].guesser == "b"


def test_an_offer_recomputes_its_expectation_as_well(workshop, spy):
    comparison = Comparison.of(workshop.state)
    spy.clear()
    workshop.commit_answer("offers", "b", ["Technical guidance"])
    assert comparison.update(workshop.state) == {"offers", "expects"}
    assert sorted(spy) == ["expects", "offers"]


def test_events_that_touch_no_answer_reveal_or_override_change_nothing(workshop, spy):
    comparison = Comparison.of(workshop.state)
    before = comparison.verdicts
    spy.clear()
    workshop.set_speaker("a")
    workshop.add_note("a note")
    workshop.next_question()
    assert comparison.update(workshop.state) == frozenset()
    assert spy == []
    assert comparison.verdicts == before


def test_a_reveal_and_an_override_relabel_a_row_without_recomputing_it(workshop, spy):
    workshop.commit_answer("months", "a", 3)
    workshop.commit_answer("months", "b", 18)
    comparison = Comparison.of(workshop.state)
    assert comparison.verdict("months").label == HIDDEN
    spy.clear()
    workshop.reveal("months")
    assert comparison.update(workshop.state) == {"months"}
    assert comparison.verdict("months").label == "conflict"
    workshop.override("months", "different", "the pilot can start in month 3")
    assert comparison.update(workshop.state) == {"months"}
    assert comparison.verdict("months").label == "different"
    assert spy == []


def test_hidden_answers_stay_masked_until_revealed(workshop):
    workshop.commit_answer("owner", "a", {"position": "We do", "firmness": "must-have"})
    comparison = Comparison.of(workshop.state)
    found = comparison.verdict("owner")
    assert (found.masked, found.label, found.answered) == (True, HIDDEN, (True, False))
    unanswered = comparison.verdict("importance")
    assert (unanswered.masked, unanswered.label) == (False, "unscored")
    workshop.reveal("owner")
    comparison.update(workshop.state)
    assert comparison.verdict("owner").label == "missing"


def test_a_guess_alone_masks_its_question_until_revealed(workshop):
    workshop.commit_answer("months", "b", 18, prediction=True)
    comparison = Comparison.of(workshop.state)
    guessed = comparison.verdict("months")
    assert (guessed.masked, guessed.label, guessed.answered) == (True, HIDDEN, (False, False))
    assert comparison.summary().category(Compare.GOAL).hidden == 1
    workshop.reveal("months")
    comparison.update(workshop.state)
    assert not comparison.verdict("months").masked


def test_the_summary_is_refreshed_only_after_a_change(workshop):
    comparison = Comparison.of(workshop.state)
    first = comparison.summary()
    assert comparison.summary() is first
    workshop.commit_answer("importance", "a", 4)
    comparison.update(workshop.state)
    assert comparison.summary() is not first


def test_going_back_to_an_earlier_state_as_a_replay_does_restores_its_verdicts(workshop):
    workshop.commit_answer("months", "a", 3)
    earlier = workshop.state
    workshop.commit_answer("months", "b", 18)
    workshop.commit_answer("months", "a", 12)
    workshop.reveal("months")
    comparison = Comparison.of(workshop.state)
    assert comparison.update(earlier) == {"months"}
    assert comparison.verdicts == Comparison.of(earlier).verdicts
    assert comparison.verdict("months").status is Status.MISSING


def test_relabelling_after_a_rename_rewords_every_reason_that_names_a_party():
    from facilitator.bank.parser import parse_bank
    from facilitator.session.records import ANSWER_COMMITTED, Event
    from facilitator.session.state import fold

    bank = parse_bank("# W\n\n## S {time=5m}\n\n### Size {#size kind=scale compare=goal}\n")
    events = [
        Event(1, 0, "section.entered", {"section": bank.sections[0].id}),
        *(
            Event(n, 1, ANSWER_COMMITTED,
                  {"question": "size", "party": p, "prediction": False, "value": v, "revision": 1})
            for n, p, v in ((2, "a", 5), (3, "b", 1))
        ),
    ]  # fmt: skip
    state = fold(bank, events)
    comparison = Comparison(bank, ("Acme", "Globex"))
    comparison.update(state)
    assert "Acme" in comparison.verdict("size").reason
    comparison.relabel(("Acme Analytics", "Globex"))
    assert comparison.update(state) == {"size"}
    assert "Acme Analytics" in comparison.verdict("size").reason
    comparison.relabel(("Acme Analytics", "Globex"))  # the same names: nothing to judge again
    assert comparison.update(state) == frozenset()
