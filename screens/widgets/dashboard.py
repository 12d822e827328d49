"""The live comparison dashboard: per category, each question's two answers side by side with the
comparison's status and reason, the expectation/offer matching, the guesses and the moderator's
overrides; a summary line per category, and a chart of the scale answers.

It shows a `Comparison` that its screen keeps up to date: after `comparison.update(state)`, the
screen passes the ids it returned to `Dashboard.show_changes`, which redraws those rows and the
summaries and nothing else. A hidden question shows who is ready, never an answer, a status or a
reason. Every text from a user or a bank goes into a rich `Text`, never through markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import ListItem, ListView, TabbedContent, TabPane

from facilitator.bank import Compare, Kind, describe
from facilitator.base import plural
from facilitator.compare import (
    CATEGORIES,
    CATEGORY_TITLES,
    SUMMED_AS,
    CategorySummary,
    Comparison,
    Match,
    PairResult,
    PerceptionGap,
    ScalePoint,
    Summary,
    Verdict,
)
from facilitator.session import MARKS, PARTIES, SCORED, Status

from ..messages import OverrideRequested
from .answer_text import answer_text

TABS = tuple((category, CATEGORY_TITLES[category]) for category in CATEGORIES)
CHART_TAB = "tab-scales"

WIDE = 96
"""From this row width the question gets a column of its own; below it, a line above the answers."""
STATUS_WIDTH = 17
"""The status column: room for "◆ complementary ✎"."""
BAR_WIDTH = 50
"""The longest bar: wider, the two bars and the scale's ends drift too far apart to compare."""
SHOWN_CONFLICTS = 3
"""Conflicts named on a summary line; the rows show the rest."""

HIDDEN_MARK = "◌"
OVERRIDE_MARK = "✎"
MATCH_MARKS = {
    Match.MATCHED: "✔ matched  ",
    Match.PARTLY: "◐ partly   ",
    Match.UNMATCHED: "✖ unmatched",
}
MATCH_STATUS = {
    Match.MATCHED: Status.ALIGNED,
    Match.PARTLY: Status.DIFFERENT,
    Match.UNMATCHED: Status.CONFLICT,
}
PAINTS = (
    *(status.value for status in Status),
    *("hidden", "muted", "heading", "bar-a", "bar-b", "party-a", "party-b"),
)


def tab_id(category: Compare) -> str:
    return f"tab-{category.value}"


def shown_in_tab(verdict: Verdict) -> Compare | None:
    """The tab a verdict's row belongs to: context questions have none, and a paired offer is
    shown within its expectation's row (where it is matched), not as a row of its own."""
    if verdict.category is Compare.OFFER and verdict.paired_with:
        return None
    return SUMMED_AS.get(verdict.category)


class Painted(Widget):
    """A part of the dashboard that colors its text by comparison status, with the theme's
    colors that its `Dashboard` holds (styling a set of component classes for every row would
    cost Textual seconds on a large bank)."""

    _dashboard: Dashboard | None = None

    def paint(self, name: str) -> Style:
        if self._dashboard is None:
            self._dashboard = self.query_ancestor(Dashboard)
        return self._dashboard.paint(name)


class _Columns:
    """A row laid out by the width it gets: question | A | status | B when wide, else the
    question on a line above A | status | B; then detail lines, indented."""

    def __init__(
        self,
        question: Text,
        cells: tuple[Text, Text, Text],
        details: Iterable[Text] = (),
        *,
        stacked_question: bool = True,
    ) -> None:
        self.question = question
        self.cells = cells
        self.details = tuple(details)
        self.stacked_question = stacked_question
        """Whether the question keeps its own line when narrow (column titles do without)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        wide = options.max_width >= WIDE
        grid = Table.grid(expand=True, padding=(0, 1))
        if wide:
            grid.add_column(ratio=5)
        elif self.stacked_question:
            yield self.question
        grid.add_column(ratio=4)
        grid.add_column(width=STATUS_WIDTH)
        grid.add_column(ratio=4)
        grid.add_row(*((self.question,) if wide else ()), *self.cells)
        yield grid
        for detail in self.details:
            yield Padding(detail, (0, 0, 0, 2))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


def _quoted(text: str) -> str:
    return f"“{text}”"


class VerdictRow(ListItem, Painted):
    """One question of the comparison, a row of its tab's list; `show` draws a new verdict,
    nothing else redraws it."""

    DEFAULT_CSS = "VerdictRow { height: auto; }"

    def __init__(self, verdict: Verdict, labels: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.verdict = verdict
        self.labels = labels

    def show(self, verdict: Verdict) -> None:
        self.verdict = verdict
        self.refresh()
        width, height = self.size
        # A new layout of the screen costs more than drawing the row: only when its height changes.
        if not width or self.get_content_height(self.size, self.size, width) != height:
            self.refresh(layout=True)

    def render(self) -> _Columns:
        verdict = self.verdict
        cells = (self._answer(verdict, "a"), self._status(verdict), self._answer(verdict, "b"))
        return _Columns(Text(verdict.question.text, self.paint("heading")), cells, self._details())

    def _answer(self, verdict: Verdict, party: str) -> Text:
        if not verdict.question.asks(party):
            return Text("not asked", self.paint("muted"))
        answer = verdict.answer_a if party == "a" else verdict.answer_b
        if answer is None:
            return Text("—", self.paint("muted"))
        if verdict.masked:
            return Text("ready ✓", self.paint("hidden"))
        return answer_text(verdict.question, answer.value)

    def _status(self, verdict: Verdict) -> Text:
        if verdict.masked:
            return Text(f"{HIDDEN_MARK} hidden", self.paint("hidden"))
        status = verdict.status
        text = Text(f"{MARKS[status]} {status.value}", self.paint(status.value))
        if verdict.override is not None:
            text.append(f" {OVERRIDE_MARK}", self.paint("heading"))
        return text

    def _details(self) -> list[Text]:
        verdict = self.verdict
        muted = self.paint("muted")
        if verdict.masked:
            return [Text("hidden until the question is revealed", self.paint("hidden"))]
        override = verdict.override
        reason = verdict.reason
        if override is not None and override.status is not None:
            reason = f"computed {verdict.computed.value}: {reason}"
        details = [Text(reason, muted)]
        if verdict.status is Status.UNSCORED and not any(verdict.answered) and override is None:
            # Nobody has answered yet: the dashes say so, without a line of its own.
            details = []
        if override is not None:
            line = Text(f"{OVERRIDE_MARK} moderator", self.paint("heading"))
            if override.status is not None:
                line.append(": set ")
                line.append(override.status.value, self.paint(override.status.value))
            if override.comment:
                line.append(": " if override.status is None else " · ")
                line.append(_quoted(override.comment))
            details.append(line)
        if verdict.pair is not None:
            details.extend(self._pair(verdict.pair))
        details.extend(self._guess(gap) for gap in verdict.perception)
        return details

    def _pair(self, pair: PairResult) -> list[Text]:
        lines = []
        for direction in pair.directions:
            wants, gives = direction.expecting, direction.offering
            head = Text.assemble(
                (self.labels[wants], self.paint(f"party-{wants}")),
                (" expects → ", self.paint("heading")),
                (self.labels[gives], self.paint(f"party-{gives}")),
                (" offers", self.paint("heading")),
            )
            head.append(f"  {direction.coverage:.0%} met", self.paint(direction.status.value))
            lines.append(head)
            for match in direction.matches:
                line = Text("  ")
                line.append(MATCH_MARKS[match.match], self.paint(MATCH_STATUS[match.match].value))
                line.append("  ")
                line.append(match.expectation)
                if match.offer is not None and match.offer != match.expectation:
                    line.append("  ← ", self.paint("muted"))
                    line.append(_quoted(match.offer), self.paint("muted"))
                lines.append(line)
            if direction.extras:
                extras = Text("  also offered: ", self.paint("muted"))
                extras.append("; ".join(direction.extras), self.paint("muted"))
                lines.append(extras)
        return lines

    def _guess(self, gap: PerceptionGap) -> Text:
        line = Text("guess ", self.paint("muted"))
        line.append(f"{MARKS[gap.status]} ", self.paint(gap.status.value))
        line.append(gap.reason)
        if self.verdict.question.kind not in (Kind.SCALE, Kind.NUMBER):
            # Number reasons already say what was guessed; other kinds show the guess itself.
            line.append(f" (guessed {_quoted(describe(self.verdict.question, gap.guess.value))})",
                        self.paint("muted"))  # fmt: skip
        return line


class ColumnHeads(Painted):
    """The column titles above a tab's rows, laid out as the rows are."""

    DEFAULT_CSS = "ColumnHeads { height: auto; }"

    def __init__(self, labels: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.labels = labels

    def render(self) -> _Columns:
        muted = self.paint("muted") + Style(bold=True)
        cells = (
            Text(self.labels["a"], self.paint("party-a")),
            Text("status", muted),
            Text(self.labels["b"], self.paint("party-b")),
        )
        return _Columns(Text("Question", muted), cells, stacked_question=False)


class SummaryLine(Painted):
    """A category's counts, alignment figure, unmatched expectations and first conflicts."""

    DEFAULT_CSS = "SummaryLine { height: auto; }"

    def __init__(self, category: Compare, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.category = category
        self.summary: CategorySummary | None = None
        self.unmatched = 0

    def show(self, summary: CategorySummary, unmatched: int = 0) -> None:
        if (summary, unmatched) != (self.summary, self.unmatched):
            self.summary, self.unmatched = summary, unmatched
            self.refresh(layout=True)

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


class ScaleChart(Painted):
    """The scale answers of both parties per category, side by side; hidden points show no bars."""

    DEFAULT_CSS = "ScaleChart { height: auto; }"

    def __init__(self, labels: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.labels = labels
        self.points: Mapping[Compare, tuple[ScalePoint, ...]] = {}

    def show(self, points: Mapping[Compare, tuple[ScalePoint, ...]]) -> None:
        if points != self.points:
            self.points = points
            self.refresh(layout=True)

    def render(self) -> _Bars:
        return _Bars(self)


class Dashboard(Vertical):
    """Tabs of Goals, Expectations, Non-negotiables and Scales over one `Comparison`.

    `overridable`: `s` asks the screen (an `OverrideRequested` message) to override the selected
    row's status; a replay's dashboard is read-only. `tab_keys`: left/right switch tabs; off where
    the screen uses those keys itself (the replay steps through events with them)."""

    DEFAULT_CSS = """
    Dashboard {
        height: 1fr;
        & TabPane { padding: 0; }
        & SummaryLine { padding: 0 1; margin-bottom: 1; }
        & ColumnHeads { padding: 0 2 0 2; }
        & ListView {
            height: 1fr;
            scrollbar-size-vertical: 1;
            scrollbar-gutter: stable;
            & > ListItem {
                padding: 0 1 0 0;
                margin-bottom: 1;
                border-left: blank;
                &.-highlight { background: $boost; color: $foreground; text-style: none; }
            }
            &:focus > ListItem.-highlight {
                border-left: thick $accent;
                background: $boost;
                color: $foreground;
                text-style: none;
            }
        }
        & #scales { height: 1fr; padding: 0 1; }
        & > .paint--aligned { color: $text-success; }
        & > .paint--complementary { color: $text-primary; }
        & > .paint--different { color: $text-warning; }
        & > .paint--conflict { color: $text-error; text-style: bold; }
        & > .paint--missing { color: $text-muted; }
        & > .paint--unscored { color: $text-muted; }
        & > .paint--hidden { color: $text-muted; text-style: italic; }
        & > .paint--muted { color: $text-muted; }
        & > .paint--heading { text-style: bold; }
        & > .paint--bar-a { color: $party-a; }
        & > .paint--bar-b { color: $party-b; }
        & > .paint--party-a { color: $party-a; text-style: bold; }
        & > .paint--party-b { color: $party-b; text-style: bold; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"paint--{name}" for name in PAINTS}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "override", "Set status"),
        # Priority: the focused list would otherwise scroll sideways instead.
        Binding("right", "tab(1)", "Next tab", show=False, priority=True),
        Binding("left", "tab(-1)", "Previous tab", show=False, priority=True),
    ]

    def __init__(
        self,
        comparison: Comparison,
        *,
        overridable: bool = True,
        tab_keys: bool = True,
        current: str | None = None,
        focused: bool = False,
        **kwargs: Any,
    ) -> None:
        """`current`: the question on screen, whose tab opens first with its row selected;
        `focused`: take the focus once built, so arrows and `s` act at once."""
        super().__init__(**kwargs)
        self.comparison = comparison
        self.overridable = overridable
        self.tab_keys = tab_keys
        self.current = current
        self.focused = focused
        self.rows: dict[str, VerdictRow] = {}
        """Question id -> its row, once its tab has been shown."""
        self.places: dict[str, tuple[str, int]] = {}
        """Question id -> the id of its tab and its index there."""
        self.unbuilt: dict[str, list[str]] = {}
        """Tab id -> the questions whose rows are built when the tab is first shown: building
        every tab's rows up front costs Textual most of a second on a 200-question bank."""
        self.scales = frozenset(q.id for q in comparison.bank.questions if q.kind is Kind.SCALE)
        self.followed: str | None = None
        self.palette: dict[str, Style] = {}

    def compose(self) -> ComposeResult:
        labels = self.comparison.labels
        by_tab: dict[Compare, list[Verdict]] = {category: [] for category, _ in TABS}
        for verdict in self.comparison.verdicts:
            category = shown_in_tab(verdict)
            if category is not None:
                by_tab[category].append(verdict)
        with TabbedContent(id="dashboard-tabs"):
            for category, title in TABS:
                with TabPane(title, id=tab_id(category)):
                    yield SummaryLine(category)
                    yield ColumnHeads(labels)
                    questions = [verdict.question.id for verdict in by_tab[category]]
                    for index, question_id in enumerate(questions):
                        self.places[question_id] = (tab_id(category), index)
                    self.unbuilt[tab_id(category)] = questions
                    yield ListView()
            with TabPane("Scales", id=CHART_TAB), VerticalScroll(id="scales", can_focus=True):
                yield ScaleChart(labels)

    async def on_mount(self) -> None:
        self.show_summary()
        self.watch(self.app, "theme", self._new_theme, init=False)
        if self.current is not None:
            await self.follow(self.current)
        await self.build(self.query_one(TabbedContent).active)
        if self.focused:
            self.focus_rows()

    @on(TabbedContent.TabActivated)
    async def on_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        await self.build(event.pane.id or "")

    async def build(self, tab: str) -> None:
        """The rows of `tab`, unless they are built already."""
        questions = self.unbuilt.pop(tab, None)
        if not questions:
            return
        labels = self.comparison.labels
        rows = [VerdictRow(self.comparison.verdict(q), labels) for q in questions]
        self.rows.update(zip(questions, rows, strict=True))
        listed = self.query_one(f"#{tab}", TabPane).query_one(ListView)
        await listed.extend(rows)
        if listed.index is None:
            listed.index = 0

    def paint(self, name: str) -> Style:
        """The theme's style for `name` without its background, which a row's highlight sets."""
        if name not in self.palette:
            full = self.get_component_rich_style(f"paint--{name}")
            self.palette[name] = Style(color=full.color, bold=full.bold, italic=full.italic)
        return self.palette[name]

    def _new_theme(self) -> None:
        # Once the new theme's styles are applied, every part draws again with its colors.
        self.call_after_refresh(self._repaint)

    def _repaint(self) -> None:
        self.palette.clear()
        for part in self.walk_children(Painted):
            part.refresh(layout=True)

    def show_changes(self, changed: Iterable[str]) -> None:
        """Redraw the rows of the questions whose verdicts changed, then the summaries."""
        changed = frozenset(changed)
        if not changed:
            return
        for question_id in changed:
            row = self.rows.get(question_id)
            if row is not None:
                row.show(self.comparison.verdict(question_id))
        self.show_summary(charted=not changed.isdisjoint(self.scales))

    def show_summary(self, *, charted: bool = True) -> None:
        summary: Summary = self.comparison.summary()
        for line in self.query(SummaryLine):
            unmatched = 0
            if line.category is Compare.EXPECTATION:
                unmatched = sum(
                    len(verdict.pair.flagged)
                    for verdict in self.comparison.verdicts
                    if verdict.pair is not None and not verdict.masked
                )
            line.show(summary.category(line.category), unmatched)
        if charted:
            self.query_one(ScaleChart).show(summary.chart)

    async def follow(self, question_id: str) -> None:
        """Show the tab of the question on screen with its row selected; only when that question
        changes, so a tab the moderator picked stays until the next question."""
        if question_id == self.followed:
            return
        self.followed = question_id
        if question_id not in self.places:
            return
        tab, index = self.places[question_id]
        await self.build(tab)
        self.query_one(TabbedContent).active = tab
        self.query_one(f"#{tab}", TabPane).query_one(ListView).index = index

    @property
    def selected(self) -> Verdict | None:
        """The highlighted row of the tab on show, if any."""
        active = self.query_one(TabbedContent).active
        if active == CHART_TAB:
            return None
        pane = self.query_one(f"#{active}", TabPane)
        row = pane.query_one(ListView).highlighted_child
        return row.verdict if isinstance(row, VerdictRow) else None

    def focus_rows(self) -> None:
        """Focus the list (or the chart) of the tab on show: arrows move between rows, `s` acts."""
        active = self.query_one(TabbedContent).active
        self.query_one(f"#{active}", TabPane).query("ListView, #scales").first().focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "override":
            return self.overridable
        if action == "tab":
            # Declined, the key goes on past the list (which cannot scroll sideways) to the screen.
            return self.tab_keys
        return True

    def action_override(self) -> None:
        verdict = self.selected
        if verdict is None:
            self.notify("Select a row first (↑/↓)", severity="warning")
            return
        self.post_message(OverrideRequested(verdict.question.id))

    def action_tab(self, step: int) -> None:
        tabbed = self.query_one(TabbedContent)
        ids = [pane.id for pane in tabbed.query(TabPane) if pane.id]
        if not ids:
            return
        index = ids.index(tabbed.active) if tabbed.active in ids else 0
        tabbed.active = ids[(index + step) % len(ids)]
        self.focus_rows()


def live_line(summary: Summary, category: Compare) -> Text | None:
    """A one-line summary for the run screen's status line: the counts of `category` (or of all
    three when it is not summed up, as context), None while nothing in it is scored or hidden."""
    summed = SUMMED_AS.get(category)
    chosen = [summary.category(summed)] if summed else list(summary.categories)
    counts = {status: sum(c.counts.get(status, 0) for c in chosen) for status in SCORED}
    hidden = sum(c.hidden for c in chosen)
    if not any(counts.values()) and not hidden:
        return None
    name = next((title for cat, title in TABS if cat is summed), "all").lower()
    parts = [f"{count} {status}" for status, count in counts.items() if count]
    if hidden:
        parts.append(f"{hidden} hidden")
    return Text(f"Live: {name} " + " · ".join(parts))
