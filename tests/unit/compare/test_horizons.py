"""Time horizons in words, read into months and compared like numbers (issue 13, class 4).
Relative dates resolve against the session's start, given here, never today's date."""

from datetime import UTC, date, datetime

import pytest
from compare_support import LABELS, bank_of, state_with

from facilitator.compare.comparison import Comparison
from facilitator.compare.horizons import answer_horizon, horizon
from facilitator.compare.measures import Gap, Items
from facilitator.session.status import Status

START = date(2026, 12, 1)
START_EPOCH = datetime(2026, 12, 1, 9, 30, tzinfo=UTC).timestamp()

QUESTIONS = (
    "### What does success look like? {#success compare=goal}\n\n"
    "### When do you expect the first joint deal? {#first-deal kind=list compare=goal}\n\n"
    "### How soon must the pilot start? {#pilot compare=non-negotiable near=2 far=4}\n"
)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("within six months", 6),
        ("about 26 weeks", 6),
        ("in 2 years", 24),
        ("a year and a half", 18),
        ("one and a half years", 18),
        ("a quarter", 3),
        ("half a year", 6),
        ("three weeks", 0.69),
        ("immediately", 0),
    ],
)
def test_durations_need_no_calendar(text, months):
    assert horizon(text) is not None
    assert horizon(text).months == pytest.approx(months, abs=0.05)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("by the end of this month", 0.99),
        ("by the end of next year", 12.98),
        ("some time the year after next", 19.02),
        ("by mid-year", 7.0),
        ("next spring", 4.47),
        ("in Q3", 8.48),
        ("by the end of Q1 next year", 3.94),
        ("by June 2027", 6.47),
    ],
)
def test_relative_dates_resolve_against_the_session_start(text, months):
    assert horizon(text, START).months == pytest.approx(months, abs=0.05)
    assert horizon(text) is None


def test_the_same_words_mean_another_horizon_for_a_session_started_elsewhere_in_the_year():
    assert horizon("by the end of this month", date(2026, 12, 25)).months < 0.3
    assert horizon("next spring", date(2026, 3, 15)).months == pytest.approx(13.0, abs=0.1)


def test_a_duration_wins_over_a_date_in_the_same_answer():
    assert horizon("by mid-year, about 26 weeks", START).phrase == "26 weeks"


def test_a_time_inside_an_answer_about_something_else_is_not_a_horizon():
    gain = "What do you hope to gain?"
    assert answer_horizon(gain, ("Two engineers for a month",), START) is None
    assert answer_horizon("What do you hope to gain?", ("We may grow",), START) is None
    when = answer_horizon("When is the decision?", ("A decision by March",), START)
    assert when is not None and when.months == pytest.approx(3.45, abs=0.05)


def _verdict(question, a, b, start=START_EPOCH):
    state = state_with(bank_of(QUESTIONS), {(question, "a"): a, (question, "b"): b})
    return Comparison.of(state, LABELS, start=start).verdict(question)


def test_six_months_and_twenty_six_weeks_are_the_same_horizon():
    found = _verdict("success", "Within six months", "By mid-year, about 26 weeks")
    assert found.status is Status.ALIGNED
    assert isinstance(found.detail, Gap) and found.detail.unit == "months"
    assert found.reason == (
        "Startup “six months” (6 months), Enterprise “26 weeks” (6 months): "
        "the same time horizon, read as time horizons"
    )


def test_the_end_of_this_month_and_the_year_after_next_are_far_apart():
    found = _verdict("success", "By the end of this month", "Some time the year after next")
    assert found.status is Status.CONFLICT
    assert "far apart: conflict from 9.5 months" in found.reason


def test_list_answers_to_a_question_about_time_are_read_as_horizons():
    found = _verdict("first-deal", ["A signed pilot by March"], ["Three months"])
    assert found.status is Status.ALIGNED


def test_the_banks_near_and_far_judge_horizons_in_months():
    assert _verdict("pilot", "within a month", "within five months").status is Status.CONFLICT
    assert _verdict("pilot", "within a month", "within four months").status is Status.DIFFERENT
    assert _verdict("pilot", "within a month", "within three months").status is Status.ALIGNED


def test_without_the_session_start_a_relative_date_is_compared_as_text():
    found = _verdict("success", "By the end of this month", "Within six months", start=None)
    assert isinstance(found.detail, Items)


def test_a_guessed_horizon_is_measured_in_months_too():
    bank = bank_of(QUESTIONS.replace("{#success compare=goal}", "{#success compare=goal predict}"))
    state = state_with(
        bank,
        {("success", "a"): "In two years", ("success", "b", True): "about 26 weeks"},
    )
    (gap,) = Comparison.of(state, LABELS, start=START_EPOCH).verdict("success").perception
    assert gap.status is Status.CONFLICT
    assert gap.reason == "Enterprise guessed “26 weeks”, Startup said “two years” (18 months off)"
