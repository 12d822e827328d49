"""Small builders for the comparison tests: a bank from a few questions, workshop states
holding given answers (validated as the engine would store them), and a live workshop."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from facilitator.bank.answers import validate
from facilitator.bank.model import Bank
from facilitator.bank.parser import parse_bank
from facilitator.base.clock import ManualClock
from facilitator.compare.comparison import Comparison
from facilitator.compare.verdicts import Verdict
from facilitator.live.workshop import Workshop
from facilitator.session.records import Answer, AnswerKey
from facilitator.session.state import WorkshopState

LABELS = ("Startup", "Enterprise")


def bank_of(questions: str, *, party_a: str = "Startup", party_b: str = "Enterprise") -> Bank:
    """A one-section bank of the given `### ...` questions (Markdown)."""
    return parse_bank(
        f"---\nparty-a: {party_a}\nparty-b: {party_b}\n---\n# Test\n\n"
        f"## Section {{#s time=30m}}\n\n{questions}\n"
    )


@contextmanager
def live_workshop(folder: Path, bank_text: str) -> Iterator[Workshop]:
    """A workshop started in `folder` on a bank file holding `bank_text`, closed after."""
    bank = folder / "bank.md"
    bank.write_text(bank_text, encoding="utf-8")
    live = Workshop.start(folder / "sessions", bank, clock=ManualClock(1_000.0))
    try:
        yield live
    finally:
        live.close()


def state_with(
    bank: Bank,
    answers: dict[tuple[str, str] | tuple[str, str, bool], Any],
    *,
    revealed: bool | set[str] = True,
    base: WorkshopState | None = None,
) -> WorkshopState:
    """A state with `answers` ((question, party[, prediction]) -> value) added to `base`, every
    question revealed unless `revealed` says otherwise."""
    state = base or WorkshopState.begin(bank)
    held = dict(state.answers)
    for key, value in answers.items():
        question, party, *rest = key
        prediction = bool(rest and rest[0])
        answer_key = AnswerKey(question, party, prediction)
        previous = held.get(answer_key)
        stored = validate(bank.question(question), value)
        revision = previous.revision + 1 if previous else 1
        held[answer_key] = Answer(answer_key, stored, revision, 1.0)
    if revealed is True:
        shown = frozenset(q.id for q in bank.questions)
    elif revealed is False:
        shown = frozenset()
    else:
        shown = frozenset(revealed)
    return replace(state, answers=MappingProxyType(held), revealed=shown)


def verdict(questions: str, question_id: str, a: Any = None, b: Any = None, **more: Any) -> Verdict:
    """The verdict of `question_id` when A answered `a` and B `b` (None: not answered);
    `more` adds other answers, keyed "question__party" or "question__party__guess"."""
    bank = bank_of(questions)
    answers: dict[Any, Any] = {}
    if a is not None:
        answers[(question_id, "a")] = a
    if b is not None:
        answers[(question_id, "b")] = b
    for name, value in more.items():
        question, party, *guess = name.split("__")
        answers[(question.replace("_", "-"), party, bool(guess))] = value
    return Comparison.of(state_with(bank, answers), LABELS).verdict(question_id)


def stance(position: str, firmness: str = "must-have") -> dict[str, str]:
    return {"position": position, "firmness": firmness}
