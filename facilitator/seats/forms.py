"""Form fields to answers and back, for every kind of question.

A party's form posts plain fields (`value`, `position`, `firmness`, `rank-<n>`), which
`decode` turns into the value the domain validates (`answers.validate`, called by the Workshop's
commit). `fields_of` goes the other way, so a page fills its form from a saved answer and from
a refused submission the same way. Every string is stripped of hidden controls on the way in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..bank.answers import AnswerError
from ..bank.model import Kind, Question
from ..session.records import JSONValue
from .safetext import clean

Fields = Mapping[str, Sequence[str]]
"""Field name -> every value posted under it, in order."""


def _one(fields: Fields, name: str) -> str:
    values = fields.get(name, ())
    return clean(values[0]) if values else ""


def rank_field(index: int) -> str:
    """The field that holds the place given to option number `index` (0-based)."""
    return f"rank-{index}"


def decode(question: Question, fields: Fields) -> JSONValue:
    """The answer a form's fields give, before validation (AnswerError if they make none)."""
    kind = question.kind
    if kind is Kind.TEXT:
        return _one(fields, "value")
    if kind is Kind.LIST:
        return _one(fields, "value").splitlines()
    if kind is Kind.CHOICE:
        return [clean(value) for value in fields.get("value", ())]
    if kind is Kind.RANK:
        return _ranking(question, fields)
    if kind in (Kind.SCALE, Kind.NUMBER):
        text = _one(fields, "value").strip()
        if kind is Kind.NUMBER and "," in text and "." not in text:
            text = text.replace(",", ".")  # a decimal comma, as many keyboards type it
        return text
    if kind is Kind.STANCE:
        return {"position": _one(fields, "position"), "firmness": _one(fields, "firmness")}
    raise AnswerError(f"unknown kind {kind}")


def _ranking(question: Question, fields: Fields) -> list[str]:
    places: dict[int, str] = {}
    for index, option in enumerate(question.options):
        chosen = _one(fields, rank_field(index)).strip()
        if not chosen:
            continue
        if not chosen.isdigit() or not 1 <= int(chosen) <= len(question.options):
            raise AnswerError(f"not a place: {chosen}")
        place = int(chosen)
        if place in places:
            raise AnswerError(f"two options are ranked {place}: give each place once")
        places[place] = option
    return [places[place] for place in sorted(places)]


def fields_of(kind: Kind, options: Sequence[str], value: JSONValue) -> dict[str, list[str]]:
    """The form fields that show a saved answer `value` to a question of `kind` and `options`."""
    if kind is Kind.LIST:
        return {"value": ["\n".join(value)]}
    if kind is Kind.CHOICE:
        return {"value": list(value)}
    if kind is Kind.RANK:
        return {
            rank_field(options.index(option)): [str(place)]
            for place, option in enumerate(value, 1)
            if option in options
        }
    if kind is Kind.STANCE:
        return {"position": [value["position"]], "firmness": [value["firmness"]]}
    return {"value": [str(value)]}
