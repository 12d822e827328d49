"""Perception gaps: each side's guess of the other side's answer against that answer."""

import pytest
from compare_support import stance, verdict

from facilitator.compare.measures import Gap, Items
from facilitator.session.status import Status

QUESTIONS = (
    "### How important is it? {#importance kind=scale range=1-5 near=1 far=3 compare=goal "
    "predict}\n\n"
    "### Months to the first deal? {#months kind=number unit=months near=3 far=9 compare=goal "
    "predict}\n\n"
    "### What will you gain? {#gain kind=list compare=goal predict}\n\n"
    "### Review how often? {#cadence kind=choice compare=goal predict}\n\n"
    "- Monthly\n- Quarterly\n- Yearly\n\n"
    "### Rank criteria {#criteria kind=rank pick=2 compare=goal predict}\n\n"
    "- Customers\n- Product\n- Money\n\n"
    "### Who owns the customer? {#owner kind=stance predict}\n\n"
    "- We do\n- The partner does\n- Shared\n"
)


def test_a_startup_that_expects_a_five_from_an_enterprise_saying_two_is_far_off():
    found = verdict(QUESTIONS, "importance", 5, 2, importance__a__guess=5, importance__b__guess=4)
    startup, enterprise = found.perception
    assert (startup.guesser, startup.status) == ("a", Status.CONFLICT)
    assert isinstance(startup.detail, Gap)
    assert startup.detail.gap == 3
    assert startup.reason == "Startup guessed 5, Enterprise said 2 (3 off)"
    assert (enterprise.guesser, enterprise.status) == ("b", Status.ALIGNED)
    assert enterprise.actual.value == 5


def test_a_right_guess_says_so_and_a_guess_before_the_answer_waits():
    found = verdict(QUESTIONS, "months", None, 18, months__b__guess=3)
    (guess,) = found.perception
    assert guess.status is Status.MISSING
    assert guess.reason == "Enterprise guessed; Startup has not answered yet"
    answered = verdict(QUESTIONS, "months", 3, 18, months__b__guess=3)
    assert (
        answered.perception[0].reason
        == "Enterprise guessed 3 months, Startup said 3 months (right)"
    )
    assert answered.perception[0].status is Status.ALIGNED


def test_list_and_choice_guesses_use_the_same_item_measure():
    found = verdict(
        QUESTIONS,
        "gain",
        ["revenue", "references"],
        ["a product for our portfolio"],
        gain__a__guess=["a product for your portfolio", "your patents"],
    )
    (guess,) = found.perception
    assert isinstance(guess.detail, Items)
    assert [m.b for m in guess.detail.shared] == ["a product for our portfolio"]
    assert guess.status is Status.ALIGNED
    wrong = verdict(QUESTIONS, "cadence", ["Monthly"], ["Yearly"], cadence__a__guess=["Monthly"])
    assert wrong.perception[0].status is Status.CONFLICT
    assert wrong.perception[0].reason == "Startup's guess of Enterprise: far off"


def test_a_rank_guess_in_the_wrong_order_is_far_off():
    ranked = verdict(
        QUESTIONS,
        "criteria",
        ["Customers", "Product"],
        ["Product", "Customers"],
        criteria__a__guess=["Customers", "Product"],
    )
    assert ranked.perception[0].status is Status.CONFLICT


@pytest.mark.parametrize(
    ("a", "guess", "status"),
    [
        ("We do", ("We do", "preferred"), Status.ALIGNED),
        ("We do", ("We do", "indifferent"), Status.DIFFERENT),
        ("Shared", ("Shared", "flexible"), Status.CONFLICT),
    ],
    ids=["right", "firmness-misjudged", "position-missed"],
)
def test_a_stance_guess_is_judged_on_position_then_firmness(a, guess, status):
    """A's guess of B's stance (B says "We do", a must-have)."""
    found = verdict(QUESTIONS, "owner", stance(a), stance("We do"), owner__a__guess=stance(*guess))
    assert found.perception[0].status is status
    if status is Status.DIFFERENT:
        assert found.perception[0].reason.endswith("right position, firmness misjudged")


def test_questions_without_guesses_have_no_perception_gaps():
    assert verdict(QUESTIONS, "importance", 3, 3).perception == ()


def test_a_guess_one_month_off_says_month_in_the_singular():
    found = verdict(QUESTIONS, "months", 4, 1, months__a__guess=1, months__b__guess=5)
    startup, enterprise = found.perception
    assert startup.reason == "Startup guessed 1 month, Enterprise said 1 month (right)"
    assert enterprise.reason == "Enterprise guessed 5 months, Startup said 4 months (1 month off)"
    assert found.reason.startswith("Startup 4 months, Enterprise 1 month: 3 months apart")
