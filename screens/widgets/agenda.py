"""The agenda sidebar: sections with planned time, done / current / to come, and the plan delta."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from facilitator.base import format_clock, format_duration
from facilitator.session import WorkshopState, session_times

from ..parties import party_style
from .updates import show_text


def plan_delta(seconds: float) -> str:
    """How far the session is behind (positive) or ahead of its plan, in words."""
    if abs(seconds) < 30:
        return "on plan"
    word = "behind" if seconds > 0 else "ahead"
    return f"{format_clock(abs(seconds))} {word}"


class Agenda(Static):
    """The sections, the plan, and the current section's airtime in each party's colour."""

    DEFAULT_CSS = """
    Agenda {
        width: 30;
        height: 100%;
        padding: 0 1;
        border-right: solid $primary;
    }
    """

    def show(self, state: WorkshopState, now: float, names: dict[str, str]) -> None:
        text = Text()
        times = session_times(state, now).sections
        for index, section in enumerate(state.bank.sections):
            time = times[index]
            if index == state.section:
                mark, style = "▶ ", "bold"
            elif index in state.visited:
                mark, style = "✓ ", "dim"
            else:
                mark, style = "  ", ""
            text.append(mark, style)
            text.append(section.title, style)
            budget = format_duration(time.budget)
            spent = format_clock(time.actual)
            text.append(f"\n   {spent} of {budget}", "dim" if index != state.section else "")
            over = time.over
            if index in state.visited and (index != state.section or over > 0):
                sign = "+" if over >= 0 else "-"
                text.append(f" {sign}{format_clock(abs(over))}", "bold" if over > 0 else "")
            text.append("\n")
        text.append("\n")
        text.append(plan_delta(state.behind_plan(now)), "bold")
        airtime = state.airtime_in(state.bank.sections[state.section].id, now)
        total = sum(airtime.values())
        if total:
            text.append("\n\nAirtime, this section\n")
            width = max(len(name) for name in names.values())
            for party in ("a", "b"):
                share = airtime[party] / total
                bar = "█" * round(share * 10)
                text.append(names[party].ljust(width), party_style(self.app, party))
                text.append(f" {bar:<10}", party_style(self.app, party, bold=False))
                text.append(f" {share:4.0%}\n")
        # The sidebar's size is fixed (run.tcss): redrawing it every second needs no layout.
        show_text(self, text, layout=False)
