"""Judging two answers to one question: the status, the reason in words and the detail, by the
question's kind and category (docs/comparison.md has the rules)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..bank.model import Compare, Kind, Question
from ..base.text import amount
from ..session.status import Status
from .horizons import Horizon, answer_horizon
from .matching import Synonyms, common_words
from .measures import Detail, Gap, Items, Ranking, gap_status, items_of, measure
from .stances import compare_stances, stance_reason
from .verdicts import AnyDetail

SHARED_ENOUGH = 0.5
"""Text and list answers sharing at least half their distinct items say mostly the same."""
RANK_ALIGNED = 2 / 3
"""A rank similarity from which two rankings are aligned (the same top three, one swap)."""
RANK_COMPLEMENTARY = 1 / 3
"""A rank similarity from which two rankings still fit together."""
HORIZON_NEAR = (0.2, 1.0)
"""Without `near=`, two time horizons agree within 20% of the longer one, or a month."""
HORIZON_FAR = (0.5, 3.0)
"""Without `far=`, two time horizons collide 50% of the longer one apart, or three months."""


def _number(value: float) -> str:
    return f"{value:g}"


def in_unit(question: Question, value: float) -> str:
    """`value` with the question's unit, as reasons write it."""
    return amount(value, question.unit)


def _quoted(items: tuple[str, ...], limit: int = 2) -> str:
    text = ", ".join(f"“{item}”" for item in items[:limit])
    return f"{text} and {len(items) - limit} more" if len(items) > limit else text


def _claims_reason(question: Question, gap: Gap, labels: Mapping[str, str]) -> str:
    whole = gap.whole or 0.0
    said = f"{labels['a']} {in_unit(question, gap.a)}, {labels['b']} {in_unit(question, gap.b)}: "
    total = f"together {in_unit(question, gap.total)} of {in_unit(question, whole)}"
    if gap.measured <= 0:
        left = whole - gap.total
        return said + total + (f", {in_unit(question, left)} left" if left else ": it adds up")
    over = f"{in_unit(question, gap.measured)} more than the whole"
    status = gap_status(gap)
    if status is Status.ALIGNED:
        return said + f"{total}, {over} (close: within {_number(gap.near)})"
    if status is Status.CONFLICT:
        far = _number(gap.far)
        return said + f"{total}, {over}: both claim the same share (conflict from {far})"
    return said + f"{total}, {over}: agree who gives up what"


def _gap_reason(question: Question, gap: Gap, labels: Mapping[str, str]) -> str:
    if gap.whole is not None:
        return _claims_reason(question, gap, labels)
    said = f"{labels['a']} {in_unit(question, gap.a)}, {labels['b']} {in_unit(question, gap.b)}: "
    if gap.relative:
        apart = f"{gap.measured:.0%} apart"
        near, far = f"{gap.near:.0%}", f"{gap.far:.0%}"
    else:
        apart = f"{in_unit(question, gap.gap)} apart"
        near, far = _number(gap.near), _number(gap.far)
    status = gap_status(gap)
    if status is Status.ALIGNED:
        return said + (f"{apart} (close: within {near})" if gap.gap else "the same")
    if status is Status.CONFLICT:
        return said + f"{apart} (far apart: conflict from {far})"
    return said + f"{apart} (more than {near}, less than {far})"


UNSURE = "no words in common: check whether they mean the same"
"""The reason where word rules have no evidence either way (a paraphrase shares no word)."""


def _choice_verdict(items: Items, labels: Mapping[str, str]) -> tuple[Status, str]:
    shared = tuple(match.a for match in items.shared)
    if not items.only_a and not items.only_b:
        said = ", said from each side" if any(m.a != m.b for m in items.shared) else ""
        same = "the same choice" if len(shared) == 1 else "the same choices"
        return Status.ALIGNED, same + said
    if shared:
        total = len(shared) + len(items.only_a) + len(items.only_b)
        return Status.COMPLEMENTARY, f"{len(shared)} of {total} picks in common"
    if items.only_a == items.only_b:
        # The same words picked by both sides, where they mean opposite arrangements.
        return (
            Status.DIFFERENT,
            f"both chose {_quoted(items.only_a)}: from each side that is the opposite arrangement",
        )
    return (
        Status.DIFFERENT,
        f"{labels['a']} chose {_quoted(items.only_a)}, {labels['b']} {_quoted(items.only_b)}",
    )


def _items_verdict(
    question: Question, items: Items, labels: Mapping[str, str], synonyms: Synonyms = ()
) -> tuple[Status, str]:
    if question.kind is Kind.CHOICE:
        return _choice_verdict(items, labels)
    shared = tuple(match.a for match in items.shared)
    words: tuple[str, ...] = ()
    if not shared:
        words = common_words(
            [*items.only_a, *(m.a for m in items.shared)],
            [*items.only_b, *(m.b for m in items.shared)],
            synonyms,
        )
    if question.compare is Compare.NON_NEGOTIABLE:
        if shared:
            return Status.DIFFERENT, f"both protect {_quoted(shared)}: check they mean the same"
        if words:
            return Status.DIFFERENT, f"both touch {_quoted(words)}: check they can both hold"
        return Status.COMPLEMENTARY, "each protects different things (no words in common)"
    if items.similarity >= SHARED_ENOUGH:
        return Status.ALIGNED, f"mostly the same: {_quoted(shared)}"
    if shared:
        return Status.COMPLEMENTARY, f"both say {_quoted(shared)}; the rest differs"
    if words:
        return (
            Status.COMPLEMENTARY,
            f"nothing said the same, both speak of {_quoted(words)}: check they do not collide",
        )
    return Status.DIFFERENT, UNSURE


def months(value: float) -> str:
    """A time horizon in words: "now", days under a month, else months."""
    if value < 1:
        return f"{value * 30.4:.0f} days" if value else "now"
    return "1 month" if round(value, 1) == 1 else f"{value:.1f}".rstrip("0").rstrip(".") + " months"


def compare_horizons(
    question: Question, a: Horizon, b: Horizon, labels: Mapping[str, str]
) -> tuple[Status, str, Gap]:
    """Two time horizons compared like numbers, in months (docs/comparison.md)."""
    longer = max(a.months, b.months)
    near = question.near if question.near is not None else max(HORIZON_NEAR[0] * longer, 1.0)
    far = question.far if question.far is not None else max(HORIZON_FAR[0] * longer, 3.0)
    gap = abs(a.months - b.months)
    detail = Gap(a.months, b.months, gap, gap, near, max(far, near), False, "months")
    status = gap_status(detail)
    said = (
        f"{labels['a']} “{a.phrase}” ({months(a.months)}), "
        f"{labels['b']} “{b.phrase}” ({months(b.months)}): "
    )
    if status is Status.ALIGNED:
        verdict = "the same time horizon" if gap < 0.5 else f"close ({months(gap)} apart)"
    elif status is Status.CONFLICT:
        verdict = f"{months(gap)} apart (far apart: conflict from {months(far)})"
    else:
        verdict = f"{months(gap)} apart (more than {months(near)}, less than {months(far)})"
    return status, said + verdict + ", read as time horizons", detail


def _ranking_verdict(ranking: Ranking) -> tuple[Status, str]:
    common = f"{len(ranking.shared)} of the top {ranking.top} in common"
    if ranking.tau is None:
        order = ""
    elif ranking.tau == 1:
        order = ", ranked the same way"
    elif ranking.tau == -1:
        order = ", ranked in opposite order"
    else:
        order = ", ranked differently"
    reason = common + order
    if ranking.similarity >= RANK_ALIGNED:
        return Status.ALIGNED, reason
    if ranking.similarity >= RANK_COMPLEMENTARY:
        return Status.COMPLEMENTARY, reason
    return Status.DIFFERENT, reason


def judge(
    question: Question,
    value_a: Any,
    value_b: Any,
    labels: Mapping[str, str],
    names: Mapping[str, str] | None = None,
    synonyms: Synonyms = (),
    start: date | None = None,
) -> tuple[Status, str, AnyDetail]:
    """The status, reason and detail of two answers to `question`, by its kind and category.
    `names` are the bank's party labels, which stance positions may use to name a side;
    `synonyms` the bank's groups of equivalent terms; `start` the session's first day, against
    which relative dates in words resolve ("by the end of this month")."""
    if question.kind in (Kind.TEXT, Kind.LIST):
        horizon_a = answer_horizon(question.text, items_of(question, value_a), start)
        horizon_b = answer_horizon(question.text, items_of(question, value_b), start)
        if horizon_a is not None and horizon_b is not None:
            return compare_horizons(question, horizon_a, horizon_b, labels)
    if question.kind is Kind.STANCE:
        status, stance = compare_stances(
            value_a, value_b, options=bool(question.options), names=names, synonyms=synonyms
        )
        return status, stance_reason(status, stance, labels), stance
    detail: Detail = measure(question, value_a, value_b, synonyms, names=dict(names or {}))
    if isinstance(detail, Gap):
        return gap_status(detail), _gap_reason(question, detail, labels), detail
    if isinstance(detail, Ranking):
        return (*_ranking_verdict(detail), detail)
    return (*_items_verdict(question, detail, labels, synonyms), detail)
