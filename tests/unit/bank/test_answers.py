"""Answers by kind: what each question accepts, and how an answer reads as one line."""

import pytest

from facilitator.bank.answers import AnswerError, describe, validate
from facilitator.bank.parser import parse_bank

BANK = parse_bank(
    "# B\n\n## S {time=10m}\n\n"
    "### Text\n\n### List {kind=list}\n\n"
    "### Choice {kind=choice pick=2}\n\n- Brand\n- Customers\n- Sales force\n\n"
    "### Rank {kind=rank pick=2}\n\n- Speed\n- Product\n- Patents\n\n"
    "### Scale {kind=scale range=0-10}\n\n"
    "### Number {kind=number unit=months}\n\n"
    "### Stance {kind=stance}\n\n- We own it\n- They own it\n\n"
    "### Free stance {kind=stance}\n"
)
Q = {question.id: question for question in BANK.questions}


@pytest.mark.parametrize(
    ("question", "given", "stored"),
    [
        ("text", "  reach buyers  ", "reach buyers"),
        ("list", "intro to buyers\n\n  a pilot  \n", ["intro to buyers", "a pilot"]),
        ("list", ["one", " two "], ["one", "two"]),
        ("choice", ["Brand", "Sales force"], ["Brand", "Sales force"]),
        ("rank", ["Product", "Speed"], ["Product", "Speed"]),
        ("scale", "7", 7),
        ("scale", 0, 0),
        ("number", "18", 18),
        ("number", "2.5", 2.5),
        ("stance", {"position": "We own it", "firmness": "must-have"},
         {"position": "We own it", "firmness": "must-have"}),
        ("free-stance", {"position": " share   it ", "firmness": "flexible"},
         {"position": "share it", "firmness": "flexible"}),
    ],
)  # fmt: skip
def test_accepted_answers_are_stored_normalised(question, given, stored):
    assert validate(Q[question], given) == stored


@pytest.mark.parametrize(
    ("question", "given", "reason"),
    [
        ("text", "   ", "write an answer first"),
        ("list", "\n \n", "add at least one item"),
        ("choice", [], "pick an option"),
        ("choice", ["Brand", "Customers", "Sales force"], "pick at most 2"),
        ("choice", ["Money"], "not an option: Money"),
        ("choice", ["Brand", "Brand"], "picked twice"),
        ("rank", ["Speed"], "rank 2 options"),
        ("scale", "11", "from 0 to 10"),
        ("scale", "seven", "from 0 to 10"),
        ("scale", True, "whole number"),
        ("number", "soon", "expected a number"),
        ("number", "inf", "expected a number"),
        ("stance", {"position": "Nobody", "firmness": "must-have"}, "not a position"),
        ("stance", {"position": "We own it", "firmness": "very"}, "how firm"),
        ("stance", {"position": "", "firmness": "flexible"}, "state a position"),
    ],
)
def test_answers_a_question_does_not_accept_say_why(question, given, reason):
    with pytest.raises(AnswerError, match=reason):
        validate(Q[question], given)


def test_each_kind_reads_as_one_line():
    assert describe(Q["list"], ["a", "b"]) == "a; b"
    assert describe(Q["rank"], ["Product", "Speed"]) == "1. Product  2. Speed"
    assert describe(Q["number"], 18) == "18 months"
    assert describe(Q["scale"], 7) == "7 of 0-10"
    assert describe(Q["stance"], {"position": "We own it", "firmness": "must-have"}) == (
        "We own it · must-have"
    )
    assert describe(Q["text"], "[bold]x[/]") == "[bold]x[/]"
