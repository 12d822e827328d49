"""The summary per category: counts, the alignment figure, the top conflicts and the chart."""

from dataclasses import replace
from types import MappingProxyType

import pytest
from compare_support import LABELS, bank_of, stance, state_with

from facilitator.bank.model import Compare
from facilitator.compare.comparison import Comparison
from facilitator.compare.tally import alignment
from facilitator.session.moderation import Override
from facilitator.session.status import Status

QUESTIONS = (
    "### How important is it? {#importance kind=scale range=1-5 near=1 far=3 compare=goal}\n\n"
    "### Months to the first deal {#months kind=number unit=months near=3 far=9 compare=goal}\n\n"
    "### Review how often? {#cadence kind=choice compare=goal}\n\n- Monthly\n- Quarterly\n\n"
    "### What do you expect? {#expects kind=list compare=expectation pair=offers}\n\n"
    "### What do you offer? {#offers kind=list compare=offer}\n\n"
    "### Who owns the customer? {#owner kind=stance}\n\n- We do\n- The partner does\n\n"
    "### Who sets the price? {#price kind=stance}\n\n- We set it\n- The partner sets it\n\n"
    "### Who leads accounts? {#lead kind=stance}\n\n- We lead\n- The partner leads\n\n"
    "### How likely is competing? {#compete kind=scale range=1-5}\n"
)

ANSWERS = {
    ("importance", "a"): 5,
    ("importance", "b"): 2,
    ("months", "a"): 3,
    ("months", "b"): 18,
    ("cadence", "a"): ["Monthly"],
    ("cadence", "b"): ["Monthly"],
    ("expects", "a"): ["Access to your customers"],
    ("offers", "b"): ["Technical guidance", "A press release"],
    ("expects", "b"): ["A reference"],
    ("offers", "a"): ["A reference"],
    ("owner", "a"): stance("We do"),
    ("owner", "b"): stance("We do"),
    ("price", "a"): stance("We set it", "preferred"),
    ("price", "b"): stance("We set it"),
    ("lead", "a"): stance("We lead"),
    ("lead", "b"): stance("The partner leads"),
    ("compete", "a"): 4,
    ("compete", "b"): 1,
}


def _summary(answers=ANSWERS, revealed=True, **options):
    bank = bank_of(QUESTIONS)
    return Comparison.of(state_with(bank, answers, revealed=revealed), LABELS).summary(**options)


def test_alignment_weighs_aligned_and_complementary_1_different_half_conflict_0():
    assert alignment([Status.ALIGNED, Status.COMPLEMENTARY]) == 1
    assert alignment([Status.ALIGNED, Status.DIFFERENT, Status.CONFLICT]) == pytest.approx(0.5)
    assert alignment([Status.MISSING, Status.UNSCORED]) is None


def test_counts_and_alignment_per_category():
    summary = _summary()
    goal = summary.category(Compare.GOAL)
    assert goal.questions == 3
    assert {s: n for s, n in goal.counts.items() if n} == {Status.ALIGNED: 1, Status.CONFLICT: 2}
    assert goal.alignment == pytest.approx(1 / 3)
    expectation = summary.category(Compare.EXPECTATION)
    assert summary.category(Compare.OFFER) is expectation
    assert expectation.questions == 2
    assert expectation.counts[Status.CONFLICT] == 1
    assert expectation.counts[Status.UNSCORED] == 1
    assert expectation.alignment == 0
    non_negotiable = summary.category(Compare.NON_NEGOTIABLE)
    assert non_negotiable.counts[Status.CONFLICT] == 1
    assert non_negotiable.counts[Status.DIFFERENT] == 1
    assert non_negotiable.counts[Status.ALIGNED] == 1
    assert non_negotiable.alignment == pytest.approx(0.5)


def test_top_conflicts_put_non_negotiables_first_then_expectations_then_the_widest_gaps():
    summary = _summary()
    assert [v.question.id for v in summary.top_conflicts] == [
        "owner",
        "expects",
        "months",
        "importance",
    ]
    assert len(_summary(top=2).top_conflicts) == 2
    goal = summary.category(Compare.GOAL)
    assert [v.question.id for v in goal.conflicts] == ["months", "importance"]


def test_hidden_questions_are_counted_as_hidden_and_leak_nothing_live():
    summary = _summary(revealed={"cadence"})
    goal = summary.category(Compare.GOAL)
    assert goal.hidden == 2
    assert {s: n for s, n in goal.counts.items() if n} == {Status.ALIGNED: 1}
    assert summary.top_conflicts == ()
    (importance,) = summary.chart[Compare.GOAL]
    assert (importance.a, importance.b, importance.hidden) == (None, None, True)
    everything = _summary(revealed={"cadence"}, include_hidden=True)
    assert everything.category(Compare.GOAL).hidden == 0
    assert len(everything.top_conflicts) == 4


def test_overrides_count_as_the_moderator_set_them():
    bank = bank_of(QUESTIONS)
    state = state_with(bank, ANSWERS)
    state = replace(
        state,
        overrides=MappingProxyType(
            {"owner": Override(Status.ALIGNED, "credit, not ownership", 9, 1.0)}
        ),
    )
    summary = Comparison.of(state, LABELS).summary()
    assert "owner" not in [v.question.id for v in summary.top_conflicts]
    assert summary.category(Compare.NON_NEGOTIABLE).alignment == pytest.approx(2.5 / 3)


def test_the_chart_holds_both_sides_scale_answers_per_category():
    chart = _summary().chart
    assert set(chart) == {Compare.GOAL, Compare.CONTEXT}
    (importance,) = chart[Compare.GOAL]
    assert (importance.low, importance.high, importance.a, importance.b) == (1, 5, 5, 2)
    assert importance.status is Status.CONFLICT
    (compete,) = chart[Compare.CONTEXT]
    assert (compete.a, compete.b, compete.status) == (4, 1, Status.UNSCORED)
