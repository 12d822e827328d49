"""The end of a session: how aligned the two sides are, the conflicts, the actions, the time,
and how much each party talked.

Shown when a session ends; from here the report can be exported or the session replayed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Header, Static

from facilitator.base import format_clock
from facilitator.report import Report, airtime_shares, time_used
from facilitator.session import PARTIES, SCORED, Status

from .parties import party_style
from .widgets.footer import ReleasingFooter

if TYPE_CHECKING:
    from textual import getters

    from .app import FacilitatorApp

BAR = 24


def status_styles(theme: Theme) -> dict[str, str]:
    """Colors from the theme, so they read on the projector's white as on the dark default."""
    return {
        Status.ALIGNED: f"bold {theme.success}",
        Status.COMPLEMENTARY: f"{theme.success}",
        Status.DIFFERENT: f"bold {theme.warning}",
        Status.CONFLICT: f"bold {theme.error}",
    }


def _alignment(report: Report, styles: dict[str, str]) -> Text:
    text = Text()
    for category in report.categories:
        if not category.counts:
            continue
        text.append(f"{category.title:<26}", "bold")
        if category.alignment is None:
            text.append("nothing to compare yet\n", "dim")
            continue
        filled = round(category.alignment * BAR)
        text.append("█" * filled, styles[Status.COMPLEMENTARY])
        text.append("░" * (BAR - filled), "dim")
        text.append(f" {round(category.alignment * 100):>3}%\n{'':<26}")
        counts = [
            (f"{category.counts[status]} {status.value}", styles[status])
            for status in SCORED
            if category.counts.get(status)
        ]
        for index, (words, style) in enumerate(counts):
            text.append(" · " if index else "")
            text.append(words, style)
        text.append("\n")
    return text


def _conflicts(report: Report, styles: dict[str, str]) -> Text:
    if not report.conflicts:
        return Text("No conflicts.", styles[Status.ALIGNED])
    text = Text()
    for number, entry in enumerate(report.conflicts[:5], 1):
        text.append(f"{number}. ", styles[Status.CONFLICT])
        text.append(entry.text, "bold")
        text.append("\n   ")
        text.append(entry.reason)
        if entry.comment:
            text.append(f"\n   moderator: {entry.comment}", "italic")
        text.append("\n")
    if len(report.conflicts) > 5:
        text.append(f"… and {len(report.conflicts) - 5} more in the report\n", "dim")
    return text


def _actions(report: Report) -> Text:
    if not report.actions:
        return Text("No action items recorded.", "dim")
    text = Text()
    for item in report.actions:
        text.append("☑ " if item.done else "☐ ", "bold")
        text.append(item.text)
        details = " · ".join(part for part in (item.owner, item.due) if part)
        if details:
            text.append(f"  ({details})", "italic")
        text.append("\n")
    return text


def _time(report: Report, styles: dict[str, str]) -> Text:
    """Planned, budget (planned plus extensions) and actual per section, then their totals;
    over or under is counted against the budget (the rule is `facilitator.session.times`)."""
    text = Text(f"{'':<32}{'planned':>8}{'budget':>9}{'actual':>9}\n", "dim")
    rows = [(s.title, s.planned, s.budget, s.actual, s.visited, "") for s in report.sections]
    rows.append(("Total", report.planned, report.budget, report.elapsed, True, "bold"))
    for title, planned, budget, actual, visited, style in rows:
        text.append(f"{title[:30]:<32}", style)
        text.append(f"{format_clock(planned):>8} {format_clock(budget):>8} ")
        if not visited:
            text.append(f"{'—':>8}  not reached\n", "dim")
            continue
        text.append(f"{format_clock(actual):>8}  ")
        over = actual - budget
        if abs(over) >= 30:
            word = "over" if over > 0 else "under"
            style = styles[Status.DIFFERENT] if over > 0 else styles[Status.COMPLEMENTARY]
            text.append(f"{format_clock(abs(over))} {word}", style)
        text.append("\n")
    return text


def _airtime(report: Report, styles: dict[str, str]) -> Text:
    """Each party's talking time and share per section and in all, in the party's colour (the
    `styles` of "a" and "b"): the shares the report shows (`airtime_shares`)."""
    if airtime_shares(report.airtime) is None:
        return Text("Nobody was marked as speaking (keys 1 and 2).", "dim")
    text = Text(f"{'':<32}")
    for party in PARTIES:
        name = report.party(party)
        name = name if len(name) <= 14 else f"{name[:13]}…"
        text.append(f"{name:>16}", styles[party])
    text.append("\n")
    rows = [(s.title, s.airtime, "") for s in report.sections if s.visited]
    rows.append(("Total", report.airtime, "bold"))
    for title, airtime, style in rows:
        text.append(f"{title[:30]:<32}", style)
        shares = airtime_shares(airtime)
        for party in PARTIES:
            if shares is None:
                text.append(f"{'—':>16}", "dim")
                continue
            share = f"{round(100 * shares[party])}%"
            text.append(f"{format_clock(airtime[party]):>11}{share:>5}", styles[party])
        text.append("\n")
    return text


class SummaryScreen(Screen[None]):
    CSS_PATH = "summary.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "export", "Export"),
        Binding("v", "replay", "Replay"),
        Binding("t", "app.toggle_theme", "Theme", show=False),
        # Dismissed, not popped: the app closes the ended session's seats when it is left.
        Binding("escape,q", "dismiss", "Home"),
    ]

    if TYPE_CHECKING:
        # Textual types `app` as any App; this screen is only shown by the FacilitatorApp.
        app = getters.app(FacilitatorApp)

    def __init__(self, report: Report, session: Path) -> None:
        super().__init__()
        self.report = report
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(id="summary-title")
            yield Static("Alignment", classes="heading")
            yield Static(id="alignment")
            yield Static("Conflicts", classes="heading")
            yield Static(id="conflicts")
            yield Static("Action items", classes="heading")
            yield Static(id="actions")
            yield Static("Time", classes="heading")
            yield Static(id="time")
            yield Static("Airtime", classes="heading")
            yield Static(id="airtime")
        yield ReleasingFooter()

    def on_mount(self) -> None:
        self.show_report()
        # The colours come from the theme: a switch of theme redraws them in its shades.
        self.app.theme_changed_signal.subscribe(self, lambda _: self.show_report())

    def on_unmount(self) -> None:
        # The signal keeps its subscribers weakly, but the callback holds this screen: without
        # this, a closed summary stays alive until the theme next changes.
        self.app.theme_changed_signal.unsubscribe(self)

    def show_report(self) -> None:
        report = self.report
        styles = status_styles(self.app.current_theme)
        parties = {party: party_style(self.app, party, bold=False) for party in PARTIES}
        heading = Text(report.title, "bold")
        heading.append("\n")
        heading.append(report.party_a, party_style(self.app, "a"))
        heading.append(" ⟷ ")
        heading.append(report.party_b, party_style(self.app, "b"))
        heading.append(f"\nSession ended · {time_used(report)}", "dim")
        shown = {
            "summary-title": heading,
            "alignment": _alignment(report, styles),
            "conflicts": _conflicts(report, styles),
            "actions": _actions(report),
            "time": _time(report, styles),
            "airtime": _airtime(report, parties),
        }
        for name, text in shown.items():
            self.query_one(f"#{name}", Static).update(text)

    def action_export(self) -> None:
        self.app.export_report(self.session)

    def action_replay(self) -> None:
        self.app.replay_session(self.session)


class ShellSummaryScreen(SummaryScreen):
    """The summary of a session started from the shell: leaving it ends the app, and the
    footer says so."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "dismiss", "Quit")]
