"""Form fields to answers for every kind, validated by the domain, and back again."""

import pytest
from seats_support import BANK

from facilitator.bank.answers import AnswerError, validate
from facilitator.bank.model import Question
from facilitator.bank.parser import parse_bank
from facilitator.seats.forms import decode, fields_of

QUESTIONS = {q.id: q for q in parse_bank(BANK, "bank.md").questions}


def _saved(question: Question, fields):
    return validate(question, decode(question, fields))


@pytest.mark.parametrize(
    ("question", "fields", "value"),
    [
        ("why", {"value": ["  Reach\r\nbuyers \u202e "]}, "Reach\nbuyers"),
        ("bring", {"value": ["Data\r\n\r\n  Sales team "]}, ["Data", "Sales team"]),
        ("cadence", {"value": ["Monthly"]}, ["Monthly"]),
        ("channels", {"value": ["Email", "Chat"]}, ["Email", "Chat"]),
        (
            "matters",
            {"rank-0": ["2"], "rank-1": ["3"], "rank-2": ["1"]},
            ["Quality", "Price", "Speed"],
        ),
        ("importance", {"value": ["4"]}, 4),
        ("months", {"value": ["3,5"]}, 3.5),
        (
            "price",
            {"position": ["We do"], "firmness": ["must-have"]},
            {"position": "We do", "firmness": "must-have"},
        ),
        (
            "roadmap",
            {"position": ["Jointly"], "firmness": ["flexible"]},
            {"position": "Jointly", "firmness": "flexible"},
        ),
    ],
)
def test_every_kind_decodes_to_what_the_domain_stores_and_shows_back(question, fields, value):
    q = QUESTIONS[question]
    assert _saved(q, fields) == value
    assert _saved(q, fields_of(q.kind, q.options, value)) == value


@pytest.mark.parametrize(
    ("question", "fields", "message"),
    [
        ("why", {}, "write an answer first"),
        ("cadence", {"value": ["Weekly", "Monthly"]}, "pick at most 1"),
        ("channels", {"value": ["Fax"]}, "not an option: Fax"),
        (
            "matters",
            {"rank-0": ["1"], "rank-1": ["1"], "rank-2": ["2"]},
            "two options are ranked 1",
        ),
        ("matters", {"rank-0": ["1"]}, "rank 3 options"),
        ("matters", {"rank-0": ["9"]}, "not a place"),
        ("importance", {"value": ["9"]}, "from 1 to 5"),
        ("months", {"value": ["soon"]}, "expected a number"),
        ("price", {"position": ["Nobody"], "firmness": ["flexible"]}, "not a position"),
        ("price", {"position": ["We do"]}, "say how firm"),
    ],
)
def test_a_bad_form_gets_the_domains_message(question, fields, message):
    with pytest.raises(AnswerError, match=message):
        _saved(QUESTIONS[question], fields)
