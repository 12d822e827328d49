"""Verdicts per kind of question: text, list, choice, rank, scale and number, and the states that
are not scored (context, one-sided, nobody or one side answered)."""

import pytest
from compare_support import bank_of, verdict

from facilitator.compare.comparison import assess
from facilitator.compare.matching import split_items
from facilitator.compare.measures import Gap, Items, Ranking, kendall_tau
from facilitator.session.records import Answer, AnswerKey
from facilitator.session.status import Status

GAINS = (
    "### What do you hope to gain? {#gains kind=list compare=goal}\n\n"
    "### What must you protect? {#protect kind=list compare=non-negotiable}\n\n"
    "### Why now? {#why compare=goal}\n\n"
    "### Who is in the room? {#room kind=list}\n"
)


def test_lists_that_say_mostly_the_same_are_aligned_with_the_shared_items_paired():
    found = verdict(
        GAINS,
        "gains",
        ["Access to your customers", "Your brand", "A reference customer"],
        ["access to our customers", "our brand", "reference customers", "patents"],
    )
    assert found.status is Status.ALIGNED
    assert isinstance(found.detail, Items)
    assert [(m.a, m.b) for m in found.detail.shared] == [
        ("Access to your customers", "access to our customers"),
        ("Your brand", "our brand"),
        ("A reference customer", "reference customers"),
    ]
    assert found.detail.only_b == ("patents",)
    assert found.detail.similarity == pytest.approx(3 / 4)


def test_different_goals_that_do_not_collide_are_complementary():
    # The startup wants the enterprise's brand; the enterprise wants to fill a portfolio gap.
    found = verdict(
        GAINS,
        "gains",
        ["Your brand, to lower the risk customers see", "Access to your customers"],
        ["A product that fills a gap in our portfolio", "Access to your customers"],
    )
    assert found.status is Status.COMPLEMENTARY
    assert found.detail.only_a == ("Your brand, to lower the risk customers see",)
    assert found.detail.only_b == ("A product that fills a gap in our portfolio",)
    assert "“Access to your customers”" in found.reason

    # Goals that share no word give no evidence either way (they may be a paraphrase): different,
    # with a reason that says so (issue 13, class 6).
    apart = verdict(GAINS, "gains", ["Technical guidance"], ["Use of your patents"])
    assert apart.status is Status.DIFFERENT
    assert apart.detail.shared == ()
    assert apart.reason == "no words in common: check whether they mean the same"


def test_a_non_negotiable_both_sides_protect_is_flagged_for_a_check():
    both = verdict(
        GAINS, "protect", ["Our source code", "Our list price"], ["the source code", "Brand rules"]
    )
    assert both.status is Status.DIFFERENT
    assert "both protect “Our source code”" in both.reason
    each = verdict(GAINS, "protect", ["Our list price"], ["Brand guidelines"])
    assert each.status is Status.COMPLEMENTARY


def test_a_text_answer_is_split_into_sentences_lines_and_semicolon_parts():
    assert split_items("We need their brand. And their customers!\n- a pilot; 3.5 million") == (
        "We need their brand",
        "And their customers",
        "a pilot",
        "3.5 million",
    )
    found = verdict(
        GAINS,
        "why",
        "We need access to your customers. A reference would help.",
        "We want a reference; also your product fills our portfolio gap",
    )
    assert isinstance(found.detail, Items)
    assert [m.a for m in found.detail.shared] == ["A reference would help"]


CHOICES = (
    "### How often should you review progress? {#cadence kind=choice compare=goal}\n\n"
    "- Every two weeks\n- Monthly\n- Every quarter\n\n"
    "### Which teams will work on it? {#teams kind=choice pick=4 compare=goal}\n\n"
    "- Sales\n- Marketing\n- Engineering\n- Support\n"
)


def test_the_same_single_choice_is_aligned_and_another_is_different():
    assert verdict(CHOICES, "cadence", ["Monthly"], ["Monthly"]).status is Status.ALIGNED
    found = verdict(CHOICES, "cadence", ["Every two weeks"], ["Every quarter"])
    assert found.status is Status.DIFFERENT
    assert found.reason == "Startup chose “Every two weeks”, Enterprise “Every quarter”"


def test_picks_overlapping_in_part_are_complementary_with_the_unique_picks_listed():
    found = verdict(CHOICES, "teams", ["Sales", "Engineering"], ["Engineering", "Support"])
    assert found.status is Status.COMPLEMENTARY
    assert [m.a for m in found.detail.shared] == ["Engineering"]
    assert (found.detail.only_a, found.detail.only_b) == (("Sales",), ("Support",))
    assert found.detail.similarity == pytest.approx(1 / 3)
    assert found.reason == "1 of 3 picks in common"
    same = verdict(CHOICES, "teams", ["Sales", "Support"], ["Support", "Sales"])
    assert same.status is Status.ALIGNED


RANK = (
    "### Rank what matters {#criteria kind=rank pick=3 compare=goal}\n\n"
    "- Access to customers\n- Complementary product\n- Financial strength\n"
    "- Culture and pace\n- Reputation\n\n"
    "### Rank all {#all kind=rank compare=goal}\n\n- One\n- Two\n- Three\n- Four\n"
)


def test_kendall_tau_counts_pairs_ordered_alike_over_the_common_items():
    assert kendall_tau(("x", "y", "z"), ("x", "y", "z")) == 1
    assert kendall_tau(("x", "y", "z"), ("z", "y", "x")) == -1
    assert kendall_tau(("x", "y", "z"), ("y", "x", "z")) == pytest.approx(1 / 3)
    assert kendall_tau(("x", "y", "q"), ("y", "x", "z")) == -1
    assert kendall_tau(("x", "q"), ("x", "z")) is None


def test_the_same_top_picks_in_the_same_order_are_aligned():
    top = ["Access to customers", "Reputation", "Culture and pace"]
    found = verdict(RANK, "criteria", top, top)
    assert found.status is Status.ALIGNED
    assert isinstance(found.detail, Ranking)
    assert (found.detail.overlap, found.detail.tau) == (1, 1)
    assert found.reason == "3 of the top 3 in common, ranked the same way"


def test_the_same_top_picks_in_opposite_order_are_different_priorities():
    top = ["Access to customers", "Reputation", "Culture and pace"]
    found = verdict(RANK, "criteria", top, top[::-1])
    assert found.status is Status.DIFFERENT
    assert found.detail.tau == -1
    assert "opposite order" in found.reason


def test_one_top_pick_in_common_still_fits():
    one = verdict(
        RANK,
        "criteria",
        ["Access to customers", "Reputation", "Culture and pace"],
        ["Financial strength", "Access to customers", "Complementary product"],
    )
    assert one.status is Status.COMPLEMENTARY
    assert one.detail.tau is None
    assert one.detail.only_b == ("Financial strength", "Complementary product")


def test_a_full_ranking_compares_its_first_three_and_the_whole_order():
    found = verdict(RANK, "all", ["One", "Two", "Three", "Four"], ["One", "Two", "Four", "Three"])
    assert found.detail.top == 3
    assert found.detail.overlap == pytest.approx(2 / 3)
    assert found.detail.tau == pytest.approx(4 / 6)
    assert found.status is Status.COMPLEMENTARY


TIMING = (
    "### How many months until the first joint deal? "
    "{#first-deal kind=number unit=months near=3 far=9 compare=goal}\n\n"
    "### What does now mean, in months? {#now kind=number unit=months compare=goal}\n\n"
    "### How important is it? {#importance kind=scale range=1-5 near=1 far=3 compare=goal}\n\n"
    "### How ready are you? {#ready kind=scale range=1-10 compare=goal}\n\n"
    "### How many partners can you run? {#capacity kind=number}\n"
)


def test_now_meaning_three_months_to_one_side_and_eighteen_to_the_other_is_a_conflict():
    found = verdict(TIMING, "first-deal", 3, 18)
    assert found.status is Status.CONFLICT
    assert isinstance(found.detail, Gap)
    assert (found.detail.gap, found.detail.near, found.detail.far) == (15, 3, 9)
    assert found.reason == (
        "Startup 3 months, Enterprise 18 months: 15 months apart (far apart: conflict from 9)"
    )


@pytest.mark.parametrize(
    ("a", "b", "status"),
    [(6, 6, Status.ALIGNED), (6, 9, Status.ALIGNED), (6, 10, Status.DIFFERENT),
     (6, 14, Status.DIFFERENT), (6, 15, Status.CONFLICT), (0, 9, Status.CONFLICT)],
)  # fmt: skip
def test_a_number_gap_is_judged_against_the_banks_near_and_far(a, b, status):
    assert verdict(TIMING, "first-deal", a, b).status is status


@pytest.mark.parametrize(
    ("a", "b", "status"),
    [(10, 12, Status.ALIGNED), (10, 15, Status.DIFFERENT), (3, 18, Status.CONFLICT),
     (0, 0, Status.ALIGNED), (-2, 2, Status.CONFLICT)],
)  # fmt: skip
def test_without_thresholds_a_number_gap_is_relative_to_the_larger_value(a, b, status):
    found = verdict(TIMING, "now", a, b)
    assert found.status is status
    assert found.detail.relative


def test_the_relative_reason_speaks_in_percent():
    assert verdict(TIMING, "now", 3, 18).reason == (
        "Startup 3 months, Enterprise 18 months: 83% apart (far apart: conflict from 50%)"
    )


@pytest.mark.parametrize(
    ("question", "a", "b", "status"),
    [("importance", 5, 4, Status.ALIGNED), ("importance", 5, 3, Status.DIFFERENT),
     ("importance", 5, 2, Status.CONFLICT),
     # 1-10 without thresholds: near is a quarter of the range (2.25), far half of it (4.5).
     ("ready", 4, 6, Status.ALIGNED), ("ready", 4, 8, Status.DIFFERENT),
     ("ready", 3, 8, Status.CONFLICT)],
)  # fmt: skip
def test_scale_gaps_use_the_banks_thresholds_or_a_share_of_the_range(question, a, b, status):
    assert verdict(TIMING, question, a, b).status is status


def test_context_is_shown_side_by_side_with_its_measure_but_not_scored():
    found = verdict(TIMING, "capacity", 2, 200)
    assert found.status is Status.UNSCORED
    assert found.detail.gap == 198
    assert found.reason.startswith("context, not scored: ")
    room = verdict(GAINS, "room", ["Our CEO"], ["A partner manager"])
    assert room.status is Status.UNSCORED
    assert room.detail.only_a == ("Our CEO",)


ONE_SIDED = (
    "### What do you hope to gain? {#gains kind=choice pick=2 compare=goal ask=a}\n\n"
    "- Brand\n- Customers\n- Cash\n"
)


def test_one_sided_nobody_and_one_side_answered_are_not_scored_or_missing():
    one_sided = verdict(ONE_SIDED, "gains", ["Brand"])
    assert (one_sided.status, one_sided.reason) == (Status.UNSCORED, "asked of Startup only")
    assert one_sided.answer_a.value == ["Brand"]
    nobody = verdict(TIMING, "first-deal")
    assert (nobody.status, nobody.reason) == (Status.UNSCORED, "not answered yet")
    assert nobody.detail is None
    waiting = verdict(TIMING, "first-deal", 3)
    assert (waiting.status, waiting.reason) == (Status.MISSING, "waiting for Enterprise")
    assert waiting.answered == (True, False)


def test_assess_judges_a_question_from_its_answers_alone():
    question = bank_of(TIMING).question("first-deal")
    a = AnswerKey("first-deal", "a", False)
    b = AnswerKey("first-deal", "b", False)
    answers = {a: Answer(a, 3, 1, 0.0), b: Answer(b, 18, 1, 0.0)}
    found = assess(question, answers, {"a": "A", "b": "B"})
    assert found.status is Status.CONFLICT
    assert assess(question, {}, {"a": "A", "b": "B"}).status is Status.UNSCORED
