"""What counts as an answer to each kind of question, and how to show one as a line of text."""

from __future__ import annotations

import math
from typing import Any

from ..base.text import amount
from .model import Firmness, Kind, Question

MAX_TEXT = 4000
"""Characters in a text answer or a stance's position: a long paragraph, not a document. An
answer is read aloud and compared; this also bounds what a party's device can make the session
file hold."""
MAX_ITEMS = 100
"""Items in a list, choice or rank answer."""
MAX_ITEM = 500
"""Characters in one item."""


class AnswerError(ValueError):
    """An answer the question does not accept; the message says why, for the answer pane."""


def _items(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise AnswerError("expected a list of items")
    items = [" ".join(item.split()) for item in value if item.strip()]
    if len(items) > MAX_ITEMS:
        raise AnswerError(f"at most {MAX_ITEMS} items")
    if any(len(item) > MAX_ITEM for item in items):
        raise AnswerError(f"an item is longer than {MAX_ITEM} characters")
    return items


def _text(value: str) -> str:
    if len(value) > MAX_TEXT:
        raise AnswerError(f"at most {MAX_TEXT} characters (this is {len(value)})")
    return value


def _known_options(question: Question, picked: list[str]) -> None:
    unknown = [item for item in picked if item not in question.options]
    if unknown:
        raise AnswerError(f"not an option: {unknown[0]}")
    if len(set(picked)) != len(picked):
        raise AnswerError("an option is picked twice")


def validate(question: Question, value: Any) -> Any:
    """The answer as stored (normalised), or AnswerError."""
    kind = question.kind
    if kind is Kind.TEXT:
        if not isinstance(value, str) or not value.strip():
            raise AnswerError("write an answer first")
        return _text(value.strip())
    if kind is Kind.LIST:
        items = _items(value)
        if not items:
            raise AnswerError("add at least one item")
        return items
    if kind is Kind.CHOICE:
        picked = _items(value)
        _known_options(question, picked)
        limit = question.pick or 1
        if not picked:
            raise AnswerError("pick an option")
        if len(picked) > limit:
            raise AnswerError(f"pick at most {limit}")
        return picked
    if kind is Kind.RANK:
        ranked = _items(value)
        _known_options(question, ranked)
        wanted = question.pick or len(question.options)
        if len(ranked) != wanted:
            raise AnswerError(f"rank {wanted} options")
        return ranked
    if kind is Kind.SCALE:
        scale = question.scale
        assert scale is not None
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise AnswerError("expected a whole number")
        try:
            number = int(value)
        except ValueError:
            raise AnswerError(f"a whole number from {scale.low} to {scale.high}") from None
        if not scale.low <= number <= scale.high:
            raise AnswerError(f"a whole number from {scale.low} to {scale.high}")
        return number
    if kind is Kind.NUMBER:
        try:
            real = float(value)
        except (TypeError, ValueError):
            raise AnswerError("expected a number") from None
        if not math.isfinite(real):
            raise AnswerError("expected a number")
        return int(real) if real.is_integer() else real
    if kind is Kind.STANCE:
        if not isinstance(value, dict):
            raise AnswerError("expected a position and how firm it is")
        position = _text(" ".join(str(value.get("position", "")).split()))
        if not position:
            raise AnswerError("state a position")
        if question.options and position not in question.options:
            raise AnswerError(f"not a position: {position}")
        try:
            firmness = Firmness(str(value.get("firmness")))
        except ValueError:
            raise AnswerError(
                "say how firm: must-have, preferred, flexible or indifferent"
            ) from None
        return {"position": position, "firmness": firmness.value}
    raise AnswerError(f"unknown kind {kind}")


def describe(question: Question, value: Any) -> str:
    """A stored answer as one line of plain text (never markup), for panes, tables and reports."""
    if question.kind in (Kind.LIST, Kind.CHOICE):
        return "; ".join(value)
    if question.kind is Kind.RANK:
        return "  ".join(f"{n}. {item}" for n, item in enumerate(value, 1))
    if question.kind is Kind.NUMBER and question.unit:
        return amount(value, question.unit)
    if question.kind is Kind.SCALE and question.scale is not None:
        return f"{value} of {question.scale.low}-{question.scale.high}"
    if question.kind is Kind.STANCE:
        return f"{value['position']} · {value['firmness']}"
    return str(value)
