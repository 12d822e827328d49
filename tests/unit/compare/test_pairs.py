"""Expectations matched against the other side's offers, in each direction the bank asks."""

import pytest
from compare_support import LABELS, bank_of, state_with

from facilitator.compare.comparison import Comparison
from facilitator.compare.offers import Match, PairResult
from facilitator.session.status import Status

LISTS = (
    "### What do you expect from the other side? {#expects kind=list compare=expectation "
    "pair=offers}\n\n"
    "### What will you give the other side? {#offers kind=list compare=offer}\n"
)

HOPES = (
    "### What do you hope to gain? {#hopes kind=rank pick=3 compare=expectation ask=a "
    "pair=can-give}\n\n"
    "- Their brand\n- Introductions to their customers\n- Their sales force\n"
    "- Technical advice\n- Licences to their patents\n\n"
    "### Which of these can you provide? {#can-give kind=choice pick=5 compare=offer ask=b}\n\n"
    "- Their brand\n- Introductions to their customers\n- Their sales force\n"
    "- Technical advice\n- Licences to their patents\n"
)


def _verdicts(questions, answers, revealed=True):
    comparison = Comparison.of(state_with(bank_of(questions), answers, revealed=revealed), LABELS)
    return comparison


def test_an_expectation_nobody_offers_is_unmatched_and_flagged():
    # The startup wants access to the enterprise's customers; the enterprise offers guidance and
    # a press release, neither of them that.
    comparison = _verdicts(
        LISTS,
        {
            ("expects", "a"): ["Access to your customers"],
            ("offers", "b"): ["Technical guidance", "A press release"],
            ("expects", "b"): ["A reference customer"],
            ("offers", "a"): ["Reference customers from our base"],
        },
    )
    found = comparison.verdict("expects")
    assert isinstance(found.pair, PairResult)
    assert found.status is Status.CONFLICT
    startup, enterprise = found.pair.directions
    assert (startup.expecting, startup.offering) == ("a", "b")
    assert startup.matches[0].match is Match.UNMATCHED
    assert startup.reason == (
        "Startup expects “Access to your customers”; "
        "Enterprise offers only “Technical guidance”, “A press release”"
    )
    assert enterprise.status is Status.ALIGNED
    assert enterprise.matches[0].offer == "Reference customers from our base"
    assert found.pair.flagged == (("a", "Access to your customers"),)
    assert found.reason == startup.reason


def test_every_expectation_met_both_ways_is_aligned():
    comparison = _verdicts(
        LISTS,
        {
            ("expects", "a"): ["Access to your customers", "A pilot budget"],
            ("offers", "b"): ["access to our customers", "budget for a pilot", "a press release"],
            ("expects", "b"): ["An engineer for two weeks"],
            ("offers", "a"): ["Two engineers for two weeks"],
        },
    )
    found = comparison.verdict("expects")
    assert found.status is Status.ALIGNED
    assert found.reason == "every expectation is on offer both ways"
    assert found.pair.directions[0].extras == ("a press release",)
    assert found.pair.directions[0].coverage == 1


def test_a_partly_met_expectation_makes_the_pair_different():
    comparison = _verdicts(
        LISTS,
        {
            ("expects", "a"): ["Sales", "A pilot budget"],
            ("offers", "b"): ["Sales of our product to the public sector", "budget for a pilot"],
            ("expects", "b"): ["Your roadmap"],
            ("offers", "a"): ["Our roadmap"],
        },
    )
    found = comparison.verdict("expects")
    direction = found.pair.directions[0]
    assert [m.match for m in direction.matches] == [Match.PARTLY, Match.MATCHED]
    assert direction.coverage == pytest.approx(0.75)
    assert found.status is Status.DIFFERENT
    assert found.reason == "Enterprise only partly offers “Sales”"


def test_ranked_hopes_weigh_by_rank_and_the_same_options_match_exactly():
    top_unmet = _verdicts(
        HOPES,
        {
            ("hopes", "a"): ["Introductions to their customers", "Their brand", "Technical advice"],
            ("can-give", "b"): ["Their brand", "Technical advice"],
        },
    ).verdict("hopes")
    direction = top_unmet.pair.directions[0]
    assert [m.weight for m in direction.matches] == [3, 2, 1]
    assert direction.coverage == pytest.approx(3 / 6)
    assert top_unmet.status is Status.DIFFERENT
    assert direction.unmatched == ("Introductions to their customers",)
    last_unmet = _verdicts(
        HOPES,
        {
            ("hopes", "a"): ["Their brand", "Technical advice", "Their sales force"],
            ("can-give", "b"): ["Their brand", "Technical advice"],
        },
    ).verdict("hopes")
    assert last_unmet.pair.directions[0].coverage == pytest.approx(5 / 6)


def test_a_one_sided_pair_asks_one_direction_only():
    found = _verdicts(
        HOPES,
        {
            ("hopes", "a"): ["Their brand", "Technical advice", "Their sales force"],
            ("can-give", "b"): ["Licences to their patents"],
        },
    ).verdict("hopes")
    assert len(found.pair.directions) == 1
    assert found.status is Status.CONFLICT
    assert found.pair.flagged == (
        ("a", "Their brand"),
        ("a", "Technical advice"),
        ("a", "Their sales force"),
    )


def test_a_pair_waits_for_every_answer_it_needs():
    waiting = _verdicts(LISTS, {("expects", "a"): ["Access to your customers"]})
    found = waiting.verdict("expects")
    assert found.status is Status.MISSING
    assert found.reason == (
        "waiting for Enterprise's offer and Enterprise's expectations and Startup's offer"
    )
    nobody = _verdicts(LISTS, {}).verdict("expects")
    assert nobody.status is Status.UNSCORED


def test_the_offer_question_is_counted_with_its_expectation_and_names_it():
    comparison = _verdicts(
        LISTS,
        {
            ("expects", "a"): ["x"],
            ("offers", "b"): ["y"],
            ("expects", "b"): ["z"],
            ("offers", "a"): ["y"],
        },
    )
    offer = comparison.verdict("offers")
    assert offer.status is Status.UNSCORED
    assert offer.paired_with == "expects"
    assert offer.pair is None
    assert comparison.verdict("expects").paired_with == "offers"


def test_an_expectation_is_revealed_only_with_its_offer():
    answers = {("expects", "a"): ["x"], ("offers", "b"): ["x"]}
    half = _verdicts(LISTS, answers, revealed={"expects"}).verdict("expects")
    assert half.masked
    assert half.label == "hidden"
    both = _verdicts(LISTS, answers, revealed={"expects", "offers"}).verdict("expects")
    assert not both.masked
