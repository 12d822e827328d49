"""The comparison summed up per category: counts per status, one alignment figure, the top
conflicts, and the scale answers of both sides for a chart.

Live, hidden questions (not yet revealed) are left out and only counted as hidden, so a summary
line never leaks an answer; an export passes `include_hidden=True`. docs/comparison.md defines the
alignment figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..bank.model import Compare, Firmness, Kind, Question
from ..session.status import WEIGHT, Status
from .measures import Gap
from .stances import StanceDetail
from .verdicts import Verdict

CATEGORIES = (Compare.GOAL, Compare.EXPECTATION, Compare.NON_NEGOTIABLE)
"""The categories summed up, in the order a report shows them."""
SUMMED_AS = {
    Compare.GOAL: Compare.GOAL,
    Compare.EXPECTATION: Compare.EXPECTATION,
    Compare.OFFER: Compare.EXPECTATION,
    Compare.NON_NEGOTIABLE: Compare.NON_NEGOTIABLE,
}
"""Offers are summed up with the expectations they answer (a paired offer is not scored itself)."""
CATEGORY_TITLES = {
    Compare.GOAL: "Goals",
    Compare.EXPECTATION: "Expectations",
    Compare.OFFER: "Offers",
    Compare.NON_NEGOTIABLE: "Non-negotiables",
    Compare.CONTEXT: "Context",
}
"""Each category's title, everywhere one is shown: the dashboard's tabs and charts, the report."""
CONFLICT_ORDER = (Compare.NON_NEGOTIABLE, Compare.EXPECTATION, Compare.OFFER, Compare.GOAL)
TOP_CONFLICTS = 5


def summed_title(category: Compare) -> str:
    """The title of `category` with every category summed up with it ("Expectations and
    offers"); a category that nothing is summed up as (context) keeps its own title."""
    members = [c for c in Compare if SUMMED_AS.get(c, Compare.CONTEXT) is category]
    first, *others = (CATEGORY_TITLES[member] for member in members)
    return " and ".join([first, *(title.lower() for title in others)])


@dataclass(frozen=True)
class CategorySummary:
    category: Compare
    questions: int
    """Questions summed up in this category, hidden ones included."""
    counts: Mapping[Status, int]
    """Every status (effective: overrides count as set), for the questions not hidden."""
    hidden: int
    """Questions answered but not revealed yet (0 when the summary includes hidden ones)."""
    alignment: float | None
    """0-1, the mean weight of the scored statuses (aligned 1, complementary 1, different 0.5,
    conflict 0); None while nothing is scored."""
    conflicts: tuple[Verdict, ...]
    """This category's conflicts, most pressing first."""


@dataclass(frozen=True)
class ScalePoint:
    """One scale question's two answers, for a bar chart."""

    question: Question
    low: int
    high: int
    a: int | None
    """None while unanswered or hidden."""
    b: int | None
    status: Status
    hidden: bool


@dataclass(frozen=True)
class Summary:
    categories: tuple[CategorySummary, ...]
    """Goal, expectation (offers included), non-negotiable."""
    top_conflicts: tuple[Verdict, ...]
    """Across categories: non-negotiables first, then the most firmly held, then the widest gaps."""
    chart: Mapping[Compare, tuple[ScalePoint, ...]]
    """Scale answers per category (every category that has a scale question, context too)."""

    def category(self, category: Compare) -> CategorySummary:
        for summary in self.categories:
            if summary.category is SUMMED_AS.get(category, category):
                return summary
        raise KeyError(category)


def alignment(statuses: Iterable[Status]) -> float | None:
    weights = [WEIGHT[status] for status in statuses if status in WEIGHT]
    return sum(weights) / len(weights) if weights else None


def _pressure(verdict: Verdict) -> float:
    """How hard a conflict presses, to order conflicts of the same category: must-haves held,
    then how far beyond the conflict threshold a gap is, or how little of an expectation is met."""
    detail = verdict.detail
    if isinstance(detail, StanceDetail):
        return sum(c.firmness is Firmness.MUST_HAVE for c in (detail.a, detail.b)) * 10.0
    if isinstance(detail, Gap) and detail.far:
        return detail.measured / detail.far
    if verdict.pair is not None and verdict.pair.directions:
        return 1.0 - min(direction.coverage for direction in verdict.pair.directions)
    return 0.0


def ordered_conflicts(verdicts: Iterable[Verdict]) -> tuple[Verdict, ...]:
    conflicts = [(index, v) for index, v in enumerate(verdicts) if v.status is Status.CONFLICT]
    order = {category: rank for rank, category in enumerate(CONFLICT_ORDER)}
    conflicts.sort(
        key=lambda entry: (
            order.get(entry[1].category, len(order)),
            -_pressure(entry[1]),
            entry[0],
        )
    )
    return tuple(verdict for _, verdict in conflicts)


def summarise(
    verdicts: Iterable[Verdict], *, include_hidden: bool = False, top: int = TOP_CONFLICTS
) -> Summary:
    """The summary of `verdicts` (in bank order). Live views keep hidden questions out."""
    verdicts = tuple(verdicts)
    visible = tuple(v for v in verdicts if include_hidden or not v.masked)
    categories = []
    for category in CATEGORIES:
        members = [v for v in verdicts if SUMMED_AS.get(v.category) is category]
        shown = [v for v in members if include_hidden or not v.masked]
        counts = dict.fromkeys(Status, 0)
        for verdict in shown:
            counts[verdict.status] += 1
        categories.append(
            CategorySummary(
                category=category,
                questions=len(members),
                counts=MappingProxyType(counts),
                hidden=len(members) - len(shown),
                alignment=alignment(v.status for v in shown),
                conflicts=ordered_conflicts(shown),
            )
        )
    return Summary(
        categories=tuple(categories),
        top_conflicts=ordered_conflicts(visible)[:top],
        chart=chart(verdicts, include_hidden=include_hidden),
    )


def chart(
    verdicts: Iterable[Verdict], *, include_hidden: bool = False
) -> Mapping[Compare, tuple[ScalePoint, ...]]:
    """Both sides' scale answers per category, in bank order; hidden answers left out."""
    points: dict[Compare, list[ScalePoint]] = {}
    for verdict in verdicts:
        question = verdict.question
        if question.kind is not Kind.SCALE or question.scale is None:
            continue
        hidden = verdict.masked and not include_hidden
        a = None if hidden or verdict.answer_a is None else verdict.answer_a.value
        b = None if hidden or verdict.answer_b is None else verdict.answer_b.value
        status = Status.UNSCORED if hidden else verdict.status
        point = ScalePoint(question, question.scale.low, question.scale.high, a, b, status, hidden)
        points.setdefault(question.compare, []).append(point)
    return MappingProxyType({category: tuple(found) for category, found in points.items()})
