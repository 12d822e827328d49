"""How far apart two answers to the same question are, per kind, before any status is given.

Each function takes two stored answer values (as `answers.validate` returns them) and returns a
detail dataclass a view can show: the items both gave and each gave alone, the top picks in common
and how alike the orders are, or the gap between two numbers with the thresholds that judge it.
The same measures serve the verdict (A against B) and the perception gaps (a guess against the
other side's answer).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any

from ..bank.model import Kind, Question
from ..session.status import Status
from .matching import ItemMatch, Synonyms, pair_items, split_items
from .stances import mirrors, pick_key

DEFAULT_SCALE_NEAR = 0.25
"""Without `near=`, a scale gap of a quarter of its range or less is agreement (1 on 1-5)."""
DEFAULT_SCALE_FAR = 0.5
"""Without `far=`, a scale gap of half its range or more is a conflict (2 on 1-5)."""
DEFAULT_NUMBER_NEAR = 0.2
"""Without `near=`, numbers within 20% of the larger one agree (10 and 12 months)."""
DEFAULT_NUMBER_FAR = 0.5
"""Without `far=`, numbers 50% of the larger one apart or more conflict (3 and 18 months)."""
DEFAULT_WHOLE_FAR = 0.25
"""Without `far=`, two claims on a whole that add up to a quarter of it too much collide."""
TOP_WHEN_ALL_RANKED = 3
"""A rank question without `pick=` ranks every option; its top picks are the first three."""
_EPSILON = 1e-9


@dataclass(frozen=True)
class Items:
    """Text, list and choice answers as items: what both said and what each said alone."""

    shared: tuple[ItemMatch, ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]
    similarity: float
    """0-1: shared items over all distinct items (`shared / (|A| + |B| - shared)`)."""


@dataclass(frozen=True)
class Ranking:
    """Two rankings: the top picks in common and how alike the two orders are."""

    shared: tuple[str, ...]
    """Options in both sides' top picks, in A's order."""
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]
    top: int
    """How many top picks are compared."""
    overlap: float
    """0-1: `len(shared) / top`."""
    tau: float | None
    """Kendall's tau (-1 to 1) over the options both sides ranked; None with fewer than two."""
    similarity: float
    """0-1: `overlap * (1 + tau) / 2`, or `overlap` when tau is None."""


@dataclass(frozen=True)
class Gap:
    """Two numbers (scale or number answers) and the gap between them."""

    a: float
    b: float
    gap: float
    """`abs(a - b)`, in the question's unit."""
    measured: float
    """What is held against `near` and `far`: the gap, or, when `relative`, the gap as a share
    of the larger of the two values."""
    near: float
    far: float
    relative: bool
    unit: str
    whole: float | None = None
    """Set when both answers claim a share of one thing (`whole=`): `measured` is then how much
    the two add up to beyond it (0 when they fit)."""

    @property
    def total(self) -> float:
        return self.a + self.b


Detail = Items | Ranking | Gap


def items_of(question: Question, value: Any) -> tuple[str, ...]:
    """An answer as items: a text answer split into sentences, lines and `;` parts."""
    if question.kind is Kind.TEXT:
        return split_items(value)
    return tuple(value)


def compare_items(
    items_a: tuple[str, ...],
    items_b: tuple[str, ...],
    *,
    exact: bool,
    synonyms: Synonyms = (),
    pairs: dict[str, int] | None = None,
) -> Items:
    """Shared items and items unique to each side; `exact` for a choice's options, where `pairs`
    are the options that mirror each other (read from each side, see `stances.pick_key`)."""
    if exact:
        keys_b = {pick_key(item, "b", pairs or {}): item for item in items_b}
        keys_a = {pick_key(item, "a", pairs or {}): item for item in items_a}
        shared = tuple(
            ItemMatch(item, keys_b[key], 100.0) for key, item in keys_a.items() if key in keys_b
        )
        only_a = tuple(item for key, item in keys_a.items() if key not in keys_b)
        only_b = tuple(item for key, item in keys_b.items() if key not in keys_a)
    else:
        shared, only_a, only_b = pair_items(items_a, items_b, synonyms=synonyms)
    union = len(shared) + len(only_a) + len(only_b)
    return Items(shared, only_a, only_b, len(shared) / union if union else 1.0)


def kendall_tau(order_a: tuple[str, ...], order_b: tuple[str, ...]) -> float | None:
    """Kendall's tau over the items both orders contain: (agreeing pairs - disagreeing pairs)
    over all pairs. None when fewer than two items are common."""
    position_b = {item: index for index, item in enumerate(order_b)}
    common = [item for item in order_a if item in position_b]
    if len(common) < 2:
        return None
    pairs = list(combinations(common, 2))
    agreeing = sum(1 for first, second in pairs if position_b[first] < position_b[second])
    return (2 * agreeing - len(pairs)) / len(pairs)


def compare_ranks(question: Question, rank_a: tuple[str, ...], rank_b: tuple[str, ...]) -> Ranking:
    top = question.pick or min(TOP_WHEN_ALL_RANKED, len(question.options))
    top_a, top_b = rank_a[:top], rank_b[:top]
    shared = tuple(item for item in top_a if item in top_b)
    only_a = tuple(item for item in top_a if item not in top_b)
    only_b = tuple(item for item in top_b if item not in top_a)
    overlap = len(shared) / top if top else 1.0
    tau = kendall_tau(rank_a, rank_b)
    similarity = overlap if tau is None else overlap * (1 + tau) / 2
    return Ranking(shared, only_a, only_b, top, overlap, tau, similarity)


def thresholds(question: Question) -> tuple[float, float, bool]:
    """(near, far, relative) for a scale or number question: the bank's, else the defaults."""
    if question.kind is Kind.SCALE:
        scale = question.scale
        span = (scale.high - scale.low) if scale else 4
        near = question.near if question.near is not None else span * DEFAULT_SCALE_NEAR
        far = question.far if question.far is not None else span * DEFAULT_SCALE_FAR
        return near, max(far, near), False
    if question.near is None and question.far is None:
        return DEFAULT_NUMBER_NEAR, DEFAULT_NUMBER_FAR, True
    near = question.near if question.near is not None else 0.0
    far = question.far if question.far is not None else float("inf")
    return near, far, False


def compare_claims(question: Question, a: float, b: float) -> Gap:
    """Two claims on one whole (`whole=`): what they add up to beyond it, against `near` (0 when
    unset: any excess is a difference) and `far` (a quarter of the whole when unset)."""
    whole = question.whole or 0.0
    near = question.near if question.near is not None else 0.0
    far = question.far if question.far is not None else whole * DEFAULT_WHOLE_FAR
    excess = max(0.0, a + b - whole)
    return Gap(a, b, abs(a - b), excess, near, max(far, near), False, question.unit, whole)


def compare_numbers(question: Question, a: float, b: float) -> Gap:
    """The gap between two numbers (also a guess against the answer it guesses)."""
    near, far, relative = thresholds(question)
    gap = abs(a - b)
    larger = max(abs(a), abs(b))
    measured = (gap / larger if larger else 0.0) if relative else gap
    return Gap(a, b, gap, measured, near, far, relative, question.unit)


def gap_status(gap: Gap) -> Status:
    """Within `near`: aligned; at `far` or beyond: conflict; between: different."""
    if gap.measured <= gap.near + _EPSILON:
        return Status.ALIGNED
    if gap.measured >= gap.far - _EPSILON:
        return Status.CONFLICT
    return Status.DIFFERENT


def measure(
    question: Question,
    value_a: Any,
    value_b: Any,
    synonyms: Synonyms = (),
    *,
    claims: bool = True,
    names: dict[str, str] | None = None,
) -> Detail:
    """The measure of two answers to `question` (any kind but stance). `claims=False` measures
    the answers as written, for a guess against its answer: two numbers as a plain gap even on
    a `whole=` question, a choice's options without reading mirrored ones from each side.
    `names` are the bank's party labels."""
    kind = question.kind
    if kind in (Kind.SCALE, Kind.NUMBER):
        if claims and question.whole is not None:
            return compare_claims(question, float(value_a), float(value_b))
        return compare_numbers(question, float(value_a), float(value_b))
    if kind is Kind.RANK:
        return compare_ranks(question, tuple(value_a), tuple(value_b))
    return compare_items(
        items_of(question, value_a),
        items_of(question, value_b),
        exact=kind is Kind.CHOICE,
        synonyms=synonyms,
        pairs=mirrors(question.options, names) if kind is Kind.CHOICE and claims else None,
    )
