"""The dashboard's summaries: a line of counts per category, and a chart of the scale answers.

Each redraws only when what it shows changes, and asks for a new layout of the screen only when
its height changes with it: a commit changes counts, rarely the number of lines they take.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.geometry import Size

from facilitator.bank import Compare
from facilitator.base import plural
from facilitator.compare import CATEGORY_TITLES, CategorySummary, ScalePoint
from facilitator.session import MARKS, PARTIES, SCORED, Status

from .dashboard_paint import Painted
from .verdict_row import HIDDEN_MARK

BAR_WIDTH = 50
"""The longest bar: wider, the two bars and the scale's ends drift too far apart to compare."""
SHOWN_CONFLICTS = 3
"""Conflicts named on a summary line; the rows show the rest."""


class _Redrawn(Painted):
    """A part that draws again in place, and is laid out again only if its height changed (in a
    tab not on show it has no size: showing the tab lays it out)."""

    def redraw(self) -> None:
        width, height = self.size
        self.refresh()
        if width and self.get_content_height(self.size, self.size, width) != height:
            self.refresh(layout=True)


class SummaryLine(_Redrawn):
    """A category's counts, alignment figure, unmatched expectations and first conflicts."""

    DEFAULT_CSS = "SummaryLine { height: auto; }"

    def __init__(self, category: Compare, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.category = category
        self.summary: CategorySummary | None = None
        self.unmatched = 0
        self._tallest = (0, 0)
        """The width it was last measured at, and the most lines it has taken at that width."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Never fewer lines than it has taken at this width: a commit that shortens the text
        (a conflict fewer named, a count gone) leaves a blank line instead of a layout of the
        whole screen (two, with Textual's second pass: 25-75 ms for the run screen with the
        split view, which made the split view's p99 commit; docs/benchmarks.md, item 5), and
        when the text grows back it fits again without one."""
        height = super().get_content_height(container, viewport, width)
        if width != self._tallest[0] or height > self._tallest[1]:
            self._tallest = (width, height)
        return self._tallest[1]

    def show(self, summary: CategorySummary, unmatched: int = 0) -> None:
        if (summary, unmatched) != (self.summary, self.unmatched):
            self.summary, self.unmatched = summary, unmatched
            self.redraw()

    def render(self) -> Text:
        summary = self.summary
        if summary is None or not summary.questions:
            return Text("No questions of this kind in this bank", self.paint("muted"))
        text = Text()
        figure = "—" if summary.alignment is None else f"{summary.alignment:.0%}"
        text.append(f"alignment {figure}", self.paint("heading"))
        for status in (*SCORED, Status.MISSING):
            count = summary.counts.get(status, 0)
            if count:
                text.append(" · ")
                text.append(f"{count} {'waiting' if status is Status.MISSING else status}",
                            self.paint(status.value))  # fmt: skip
        if summary.hidden:
            text.append(" · ")
            text.append(f"{summary.hidden} hidden", self.paint("hidden"))
        if self.unmatched:
            text.append(" · ")
            unmatched = plural(self.unmatched, "unmatched expectation")
            text.append(unmatched, self.paint("conflict"))
        if summary.conflicts:
            text.append("\nconflicts: ", self.paint("conflict"))
            named = summary.conflicts[:SHOWN_CONFLICTS]
            text.append(" · ".join(verdict.question.text for verdict in named))
            if len(summary.conflicts) > len(named):
                text.append(f" and {len(summary.conflicts) - len(named)} more")
        return text


class _Bars:
    """Each scale question: both sides' answers as bars on the same axis, laid out by width."""

    def __init__(self, chart: ScaleChart) -> None:
        self.chart = chart

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        chart, labels = self.chart, self.chart.labels
        points = chart.points
        if not any(points.values()):
            yield Text("No scale questions in this bank", chart.paint("muted"))
            return
        name_width = max(len(labels["a"]), len(labels["b"]))
        bar_width = max(5, min(BAR_WIDTH, options.max_width - name_width - 6))
        for category, found in points.items():
            if not found:
                continue
            yield Text(CATEGORY_TITLES[category], chart.paint("heading"))
            for point in found:
                yield from self._point(point, name_width, bar_width)
            yield Text()

    def _point(self, point: ScalePoint, name_width: int, bar_width: int) -> RenderResult:
        chart = self.chart
        title = Text(point.question.text)
        if point.hidden:
            title.append(f"  {HIDDEN_MARK} hidden", chart.paint("hidden"))
        else:
            title.append(f"  {MARKS[point.status]} {point.status.value}",
                         chart.paint(point.status.value))  # fmt: skip
        yield title
        span = point.high - point.low + 1
        for party, value in zip(PARTIES, (point.a, point.b), strict=True):
            line = Text("  ")
            line.append(chart.labels[party].ljust(name_width), chart.paint(f"party-{party}"))
            line.append(" ")
            if point.hidden or value is None:
                line.append("hidden until reveal" if point.hidden else "—", chart.paint("muted"))
            else:
                filled = round((value - point.low + 1) / span * bar_width)
                line.append("█" * filled, chart.paint(f"bar-{party}"))
                line.append("░" * (bar_width - filled), chart.paint("muted"))
                line.append(f" {value}")
            yield line
        scale = point.question.scale
        ends = Text(" " * (name_width + 3), chart.paint("muted"))
        low = f"{point.low} {scale.low_label}".strip() if scale else str(point.low)
        high = f"{scale.high_label} {point.high}".strip() if scale else str(point.high)
        ends.append(low.ljust(max(0, bar_width - len(high))) + high, chart.paint("muted"))
        yield ends

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


class ScaleChart(_Redrawn):
    """The scale answers of both parties per category, side by side; hidden points show no bars."""

    DEFAULT_CSS = "ScaleChart { height: auto; }"

    def __init__(self, labels: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.labels = labels
        self.points: Mapping[Compare, tuple[ScalePoint, ...]] = {}

    def show(self, points: Mapping[Compare, tuple[ScalePoint, ...]]) -> None:
        if points != self.points:
            self.points = points
            self.redraw()

    def render(self) -> _Bars:
        return _Bars(self)
