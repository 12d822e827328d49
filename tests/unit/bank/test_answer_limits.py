"""The size limits every answer obeys, whoever sends it (a party's device cannot make the session
file hold a novel)."""

import pytest

from facilitator.bank.answers import MAX_ITEM, MAX_ITEMS, MAX_TEXT, AnswerError, validate
from facilitator.bank.model import Kind, Question


def test_answers_obey_the_domain_limits():
    text, listing = Question("t", "T"), Question("l", "L", kind=Kind.LIST)
    assert validate(text, "x" * MAX_TEXT) == "x" * MAX_TEXT
    with pytest.raises(AnswerError, match=f"at most {MAX_TEXT} characters"):
        validate(text, "x" * (MAX_TEXT + 1))
    with pytest.raises(AnswerError, match=f"at most {MAX_ITEMS} items"):
        validate(listing, [f"item {n}" for n in range(MAX_ITEMS + 1)])
    with pytest.raises(AnswerError, match="longer than"):
        validate(listing, ["y" * (MAX_ITEM + 1)])
    stance = Question("s", "S", kind=Kind.STANCE)
    with pytest.raises(AnswerError, match="at most"):
        validate(stance, {"position": "p" * (MAX_TEXT + 1), "firmness": "flexible"})
