"""The comparison's results: a verdict per question, what it was assessed from, and each side's
perception gap. Kept apart from the rules that compute them, so the summary can name them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..bank.model import Compare, Question
from ..session.moderation import Override
from ..session.records import Answer
from ..session.status import Status
from .measures import Gap, Items, Ranking
from .offers import PairResult
from .stances import StanceDetail

HIDDEN = "hidden"
"""The label a verdict shows before its question is revealed, once anyone has answered."""

AnyDetail = Items | Ranking | Gap | StanceDetail


@dataclass(frozen=True)
class PerceptionGap:
    """How far one side's guess of the other side's answer was from that answer."""

    guesser: str
    """"a" or "b": whose guess."""
    guess: Answer
    actual: Answer | None
    """The other side's own answer; None while it has not answered."""
    status: Status
    """aligned: the guess was right or close; different: partly right; conflict: far off;
    missing: the other side has not answered yet."""
    reason: str
    detail: AnyDetail | None
    """The guess measured against the actual answer, guess in the A position."""


@dataclass(frozen=True)
class Assessment:
    """What `assess` computes from a question's answers, before reveal and override."""

    status: Status
    reason: str
    detail: AnyDetail | None = None
    pair: PairResult | None = None
    perception: tuple[PerceptionGap, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """One question's comparison, as a dashboard row or a report entry needs it."""

    question: Question
    status: Status
    """What counts: the moderator's override when set, else `computed`."""
    computed: Status
    reason: str
    """Why `computed`, in one sentence a moderator can read out."""
    override: Override | None
    revealed: bool
    """Whether the question (and, for an expectation with a pair, its offer question) has been
    revealed. Before that, a live view shows `label` and whether each side is `answered`,
    never the answers, the status or the reason."""
    answer_a: Answer | None
    answer_b: Answer | None
    detail: AnyDetail | None
    """Items, Ranking, Gap or StanceDetail by kind; None until both sides have answered."""
    pair: PairResult | None
    """On the expectation question of a pair: the expectations matched against the offers."""
    paired_with: str | None
    """The id of the other question of its pair, if any."""
    perception: tuple[PerceptionGap, ...]
    """One per side that made a guess, A first."""

    @property
    def category(self) -> Compare:
        return self.question.compare

    @property
    def answered(self) -> tuple[bool, bool]:
        return self.answer_a is not None, self.answer_b is not None

    @property
    def masked(self) -> bool:
        """True while the question is hidden and someone has answered or guessed: show `label`
        only (a guess of the other side's answer is as private as one's own answer)."""
        if self.revealed:
            return False
        return self.answer_a is not None or self.answer_b is not None or bool(self.perception)

    @property
    def label(self) -> str:
        """The status to show now: "hidden" while masked, else the status's value."""
        return HIDDEN if self.masked else self.status.value

    @property
    def comment(self) -> str:
        return self.override.comment if self.override else ""
