"""The one pluralising helper: counts, units as banks write them, and pronouns agree."""

from hypothesis import given
from hypothesis import strategies as st

from facilitator.base.text import amount, inflect, plural, singular


def test_one_is_singular_and_every_other_count_plural():
    assert [plural(n, "problem") for n in (0, 1, 2)] == ["0 problems", "1 problem", "2 problems"]
    assert plural(1, "person", "people") == "1 person"
    assert plural(3, "person", "people") == "3 people"
    assert f"fix {inflect(1, 'it', 'them')}" == "fix it"
    assert f"fix {inflect(2, 'it', 'them')}" == "fix them"


def test_units_written_in_the_plural_read_in_the_singular_for_one():
    assert amount(1, "months") == "1 month"
    assert amount(1.0, "months") == "1 month"
    assert amount(-1, "days") == "-1 day"
    assert amount(2.5, "months") == "2.5 months"
    assert amount(1, "hours of support") == "1 hour of support"
    assert amount(1, "companies") == "1 company"
    assert amount(1, "boxes") == "1 box"
    assert amount(1, "%") == "1 %"
    assert amount(1, "USD") == "1 USD"
    assert amount(1_000_000, "EUR") == "1000000 EUR", "every digit, never 1e+06"
    assert amount(12, "") == "12"


@given(st.sampled_from(["months", "FTEs", "weeks", "people", "status", "EUR", "k€"]))
def test_the_singular_of_a_unit_never_grows_and_keeps_its_first_letters(unit):
    one = singular(unit)
    assert len(one) <= len(unit)
    assert unit.startswith(one[:-1] if len(one) > 1 else one)
