"""The live comparison dashboard: tabs of Goals, Expectations and Non-negotiables, each a summary
line, the column titles and the list of its questions (`VerdictList`, rows in `verdict_row`),
and a tab with a chart of the scale answers (`dashboard_summary`).

It shows a `Comparison` that its screen keeps up to date: after `comparison.update(state)`, the
screen passes the ids it returned to `Dashboard.show_changes`, which redraws those rows and the
summaries and nothing else. Every text from a user or a bank goes into a rich `Text`, never
through markup.

What a dashboard builds (its widgets and the rows' lines: over 100,000 objects for 200
questions) lives as long as it is open, and so does the session's state it shows: the cyclic
collector is held off while it is built (`gcpause.hold`), and once the tab shown has rendered
all its rows, everything alive is frozen (`gcpause.settle`, as the editor does), so that the
full collections a commit's allocations set off walk only what is new. When it goes, its lists
drop their lines (freed by reference counting, frozen or not) and the frozen objects are
collected once the heap has doubled since they last were (`gcpause.unsettle_when_grown`); the
full view's screen is kept and pushed again, so that happens when its owner goes, or when the
split view closes. A tab built later is held
and frozen the same way once its rows are rendered.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar
from weakref import WeakKeyDictionary

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import TabbedContent, TabPane

from facilitator.bank import Compare, Kind
from facilitator.base import hold, release, settle, unsettle_when_grown
from facilitator.compare import (
    CATEGORIES,
    CATEGORY_TITLES,
    SUMMED_AS,
    Comparison,
    Summary,
    Verdict,
)
from facilitator.session import SCORED

from ..messages import OverrideRequested
from .dashboard_paint import Palette
from .dashboard_summary import ScaleChart, SummaryLine
from .gone_lines import forget_gone_lines
from .verdict_list import KeptLines, VerdictList
from .verdict_row import ColumnHeads, VerdictRow

TABS = tuple((category, CATEGORY_TITLES[category]) for category in CATEGORIES)
CHART_TAB = "tab-scales"


_KEPT: WeakKeyDictionary[Comparison, KeptLines] = WeakKeyDictionary()
"""The rows' lines kept per comparison, for the next dashboard over it (`KeptLines`)."""


def tab_id(category: Compare) -> str:
    return f"tab-{category.value}"


def shown_in_tab(verdict: Verdict) -> Compare | None:
    """The tab a verdict's row belongs to: context questions have none, and a paired offer is
    shown within its expectation's row (where it is matched), not as a row of its own."""
    if verdict.category is Compare.OFFER and verdict.paired_with:
        return None
    return SUMMED_AS.get(verdict.category)


class Dashboard(Palette):
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
        & VerdictList { scrollbar-size-vertical: 1; scrollbar-gutter: stable; }
        & #scales { height: 1fr; padding: 0 1; }
    }
    """
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
        self.labels = comparison.labels
        """The party names shown: the comparison's until a rename (`relabel`)."""
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
        every tab's rows up front would render rows nobody may look at."""
        self.scales = frozenset(q.id for q in comparison.bank.questions if q.kind is Kind.SCALE)
        self.followed: str | None = None
        self.settled = False
        """Whether what it built is frozen (`gcpause.settle`)."""

    def compose(self) -> ComposeResult:
        hold()
        labels = self.labels
        kept = _KEPT.setdefault(self.comparison, KeptLines())
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
                    yield VerdictList(kept)
            with TabPane("Scales", id=CHART_TAB), VerticalScroll(id="scales", can_focus=True):
                yield ScaleChart(labels)

    async def on_mount(self) -> None:
        self.show_summary()
        # A signal, not `self.watch(self.app, "theme", ...)`: Textual keeps a watcher on the app
        # (its `__watchers` list) until the theme next changes, and with it this dashboard and
        # every widget and line under it; a signal's subscription goes at `on_unmount`.
        self.app.theme_changed_signal.subscribe(self, self._new_theme)
        if self.current is not None:
            await self.follow(self.current)
        self.build(self.query_one(TabbedContent).active)
        if self.focused:
            self.focus_rows()
        self.call_after_refresh(self._settle_unless_rendering)

    def _settle_unless_rendering(self) -> None:
        """After the first frame: settled now, unless the tab shown still renders its rows off
        screen (then once it has: `VerdictList.Rendered`)."""
        if not self.size:
            # Not laid out yet (a full view built unseen): its rows are rendered once it is.
            return
        active = self.query_one(TabbedContent).active
        listed = self.query_one(f"#{active}", TabPane).query(VerdictList)
        if not any(list_.rendering for list_ in listed):
            self._settle()

    @on(VerdictList.Rendered)
    def _rows_rendered(self, event: VerdictList.Rendered) -> None:
        event.stop()
        self._settle()

    def _settle(self) -> None:
        if not self.settled:
            self.settled = True
            settle()

    def on_unmount(self) -> None:
        # Its subscription's callback holds the dashboard, which the signal's weak keys do not
        # let go of while the value lives: it would stay until the theme next changed.
        self.app.theme_changed_signal.unsubscribe(self)
        # Its widgets are unmounted and drawn no more: Textual's cache would keep their lines.
        forget_gone_lines()
        if self.settled:
            # After the frame that shows what is left: the collection, when one is due, runs
            # once the lists dropped their lines and the screen below is painted.
            self.app.call_after_refresh(unsettle_when_grown)
        else:
            release()

    @on(TabbedContent.TabActivated)
    async def on_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.build(event.pane.id or "")

    def build(self, tab: str) -> None:
        """The rows of `tab`, unless they are built already."""
        questions = self.unbuilt.pop(tab, None)
        if not questions:
            return
        if self.settled:
            # A tab first shown later (another question's, or the moderator's pick): its rows
            # live as long as the dashboard too, frozen once rendered as the first tab's were.
            self.settled = False
            hold()
        labels, verdict = self.labels, self.comparison.verdict
        rows = [VerdictRow(verdict(q), labels, self.paint) for q in questions]
        self.rows.update(zip(questions, rows, strict=True))
        self.query_one(f"#{tab}", TabPane).query_one(VerdictList).extend(rows)

    def _new_theme(self, _theme: object) -> None:
        # Once the new theme's styles are applied, every part draws again with its colors.
        self.call_after_refresh(self.repaint)

    def repaint(self) -> None:
        super().repaint()
        for listed in self.query(VerdictList):
            listed.repaint()

    def relabel(self) -> None:
        """Name the parties as the comparison now does (after a rename): in the column titles,
        the chart and every row (whose kept lines are keyed by the names: each renders again)."""
        labels = self.comparison.labels
        if labels is self.labels:
            return
        self.labels = labels
        for heads in self.query(ColumnHeads):
            heads.labels = labels
            heads.refresh(layout=True)
        chart = self.query_one(ScaleChart)
        chart.labels = labels
        chart.redraw()
        for row in self.rows.values():
            row.labels = labels
        for listed in self.query(VerdictList):
            listed.repaint()

    def show_changes(self, changed: Iterable[str]) -> None:
        """Redraw the rows of the questions whose verdicts changed, then the summaries (and
        everything, with the new names, after a rename)."""
        self.relabel()
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

    async def follow(self, question_id: str, *, again: bool = False) -> None:
        """Show the tab of the question on screen with its row selected; only when that question
        changes, so a tab the moderator picked stays until the next question; `again`: even if
        it has not (a kept full view opened again opens at it, as a new one would)."""
        if question_id == self.followed and not again:
            return
        self.followed = question_id
        if question_id not in self.places:
            return
        tab, index = self.places[question_id]
        self.build(tab)
        self.query_one(TabbedContent).active = tab
        self.query_one(f"#{tab}", TabPane).query_one(VerdictList).index = index

    @property
    def selected(self) -> Verdict | None:
        """The highlighted row of the tab on show, if any."""
        active = self.query_one(TabbedContent).active
        if active == CHART_TAB:
            return None
        pane = self.query_one(f"#{active}", TabPane)
        row = pane.query_one(VerdictList).selected
        return None if row is None else row.verdict

    def focus_rows(self) -> None:
        """Focus the list (or the chart) of the tab on show: arrows move between rows, `s` acts."""
        active = self.query_one(TabbedContent).active
        self.query_one(f"#{active}", TabPane).query("VerdictList, #scales").first().focus()

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
