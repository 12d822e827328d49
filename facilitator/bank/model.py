"""The question-bank model: immutable dataclasses for a bank, its sections and its questions.

Source positions (`line`, `path`) are kept for error messages and the editor but take no part in
equality, so a bank parsed from differently laid-out Markdown compares equal when it means the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"
    LIST = "list"
    CHOICE = "choice"
    RANK = "rank"
    SCALE = "scale"
    NUMBER = "number"
    STANCE = "stance"


class Compare(StrEnum):
    GOAL = "goal"
    EXPECTATION = "expectation"
    OFFER = "offer"
    NON_NEGOTIABLE = "non-negotiable"
    CONTEXT = "context"


class Ask(StrEnum):
    BOTH = "both"
    A = "a"
    B = "b"


class PlanPart(StrEnum):
    """The heading of the joint-plan outline that a question's answers pre-fill."""

    GOALS = "goals"
    METRICS = "metrics"
    ROLES = "roles"
    CADENCE = "cadence"


class Firmness(StrEnum):
    """How firmly a side holds a stance, from firmest to loosest."""

    MUST_HAVE = "must-have"
    PREFERRED = "preferred"
    FLEXIBLE = "flexible"
    INDIFFERENT = "indifferent"


KINDS_WITH_OPTIONS = frozenset({Kind.CHOICE, Kind.RANK, Kind.STANCE})
KINDS_NEEDING_OPTIONS = frozenset({Kind.CHOICE, Kind.RANK})
DEFAULT_SCALE = (1, 5)


def default_compare(kind: Kind) -> Compare:
    return Compare.NON_NEGOTIABLE if kind is Kind.STANCE else Compare.CONTEXT


@dataclass(frozen=True)
class Scale:
    """The ends of a scale question and their labels."""

    low: int = DEFAULT_SCALE[0]
    high: int = DEFAULT_SCALE[1]
    low_label: str = ""
    high_label: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    kind: Kind = Kind.TEXT
    compare: Compare = Compare.CONTEXT
    help: str = ""
    options: tuple[str, ...] = ()
    wording_a: str = ""
    wording_b: str = ""
    ask: Ask = Ask.BOTH
    predict: bool = False
    pair: str | None = None
    pick: int | None = None
    scale: Scale | None = None
    unit: str = ""
    near: float | None = None
    far: float | None = None
    whole: float | None = None
    """A scale or number question whose two answers claim shares of one thing of this size
    ("what share of the margin should go to you?"): compared by their sum against it."""
    plan: PlanPart | None = None
    line: int = field(default=0, compare=False)

    def asks(self, party: str) -> bool:
        return self.ask is Ask.BOTH or self.ask.value == party


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    budget: int
    """Planned time in seconds."""
    intro: str = ""
    questions: tuple[Question, ...] = ()
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Bank:
    title: str
    sections: tuple[Section, ...]
    description: str = ""
    intro: str = ""
    party_a: str = ""
    party_b: str = ""
    duration: int | None = None
    """Intended total time in seconds, as written; `total` is what the sections add up to."""
    synonyms: tuple[tuple[str, ...], ...] = ()
    """Groups of terms the comparison reads as the same (front matter `synonyms:` lines)."""
    path: str = field(default="", compare=False)

    @property
    def total(self) -> int:
        return sum(section.budget for section in self.sections)

    @property
    def questions(self) -> Iterator[Question]:
        for section in self.sections:
            yield from section.questions

    @property
    def question_count(self) -> int:
        return sum(len(section.questions) for section in self.sections)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def paired_with(self, question_id: str) -> Question | None:
        """The question linked to this one by `pair=`, whichever side the link was written on."""
        for question in self.questions:
            if question.id == question_id and question.pair:
                return self.question(question.pair)
            if question.pair == question_id:
                return question
        return None
