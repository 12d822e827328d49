"""The end of a session: how aligned the two sides are, the conflicts, the actions, the time.

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
from textual.widgets import Footer, Header, Static

from facilitator.base import format_clock
from facilitator.report import Report, time_used
from facilitator.session import SCORED, Status

from .parties import party_style

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


class SummaryScreen(Screen[None]):
    CSS_PATH = "summary.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "export", "Export"),
        Binding("v", "replay", "Replay"),
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
        report = self.report
        styles = status_styles(self.app.current_theme)
        yield Header()
        with VerticalScroll():
            heading = Text(report.title, "bold")
            heading.append("\n")
            heading.append(report.party_a, party_style(self.app, "a"))
            heading.append(" ⟷ ")
            heading.append(report.party_b, party_style(self.app, "b"))
            heading.append(f"\nSession ended · {time_used(report)}", "dim")
            yield Static(heading, id="summary-title")
            yield Static("Alignment", classes="heading")
            yield Static(_alignment(report, styles), id="alignment")
            yield Static("Conflicts", classes="heading")
            yield Static(_conflicts(report, styles), id="conflicts")
            yield Static("Action items", classes="heading")
            yield Static(_actions(report), id="actions")
            yield Static("Time", classes="heading")
            yield Static(_time(report, styles), id="time")
        yield Footer()

    def action_export(self) -> None:
        self.app.export_report(self.session)

    def action_replay(self) -> None:
        self.app.replay_session(self.session)
