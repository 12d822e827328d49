"""The run screen's two one-line bars, as text: the top bar (both parties, the title and the
session's total time against its budget) and the status line under the panes (the plan and
the airtime when the agenda is hidden, guesses, the speaker, the live comparison)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual.app import App

from facilitator.bank import Question
from facilitator.base import format_clock
from facilitator.compare import Comparison
from facilitator.session import PARTIES, WorkshopState, session_times

from .parties import party_style
from .widgets.agenda import plan_delta
from .widgets.dashboard import live_line

TOPBAR_PADDING = 2
"""The top bar's padding left and right (run.tcss)."""

_GAP = "   ·   "


def _cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, ending in `…` when cut."""
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)] + "…" if width > 0 else ""


def topbar_text(
    app: App[Any], state: WorkshopState, now: float, names: Mapping[str, str], title: str
) -> Text:
    """Both parties, the title, and the total time against the budget (planned plus every
    extension), by the one rule of `session_times`.

    The clock always shows: when the line is too long for the screen the title is cut
    first, then both names, each to an even share of what is left."""
    times = session_times(state, now)
    clock = f"   {format_clock(times.total)} / {format_clock(times.budget)}"
    room = app.size.width - TOPBAR_PADDING - len(clock)
    a, b = names["a"], names["b"]
    between = "  ⟷  "
    both = len(a) + len(b) + len(between)
    title = _cut(title, room - both - 3) if both + 3 < room else ""
    if both > room:
        share = max(1, (room - len(between)) // 2)
        # A short name leaves the rest of its share to the other.
        a = _cut(a, max(share, room - len(between) - len(b)))
        b = _cut(b, max(1, room - len(between) - len(a)))
    top = Text()
    top.append(a, party_style(app, "a"))
    top.append(between)
    top.append(b, party_style(app, "b"))
    if title:
        top.append("   ")
        top.append(title)
    top.append(clock)
    return top


def status_text(
    state: WorkshopState,
    now: float,
    question: Question,
    names: Mapping[str, str],
    comparison: Comparison,
    *,
    agenda_hidden: bool,
    predicting: bool,
    width: int,
) -> Text:
    """The status line, in at most `width` cells where the live summary is concerned."""
    parts = []
    if agenda_hidden:
        # The agenda is hidden: keep the plan and the airtime in sight.
        parts.append(plan_delta(state.behind_plan(now)))
        shares = state.airtime_in(state.bank.sections[state.section].id, now)
        total = sum(shares.values())
        if total:
            parts.append(" ".join(f"{names[p]} {shares[p] / total:.0%}" for p in PARTIES))
    if predicting:
        parts.append("Guesses: each side predicts the other's answer")
    elif question.predict:
        parts.append("g: ask each side to predict the other's answer")
    if state.speaker:
        parts.append(f"{names[state.speaker]} speaking")
    line = Text(_GAP.join(parts))
    live = live_line(comparison.summary(), question.compare)
    if live is not None:
        # The live summary comes last and only as far as the line has room for it.
        gap = _GAP if line else ""
        for shown in (live + " (d: dashboard)", live):
            if line.cell_len + len(gap) + shown.cell_len <= width:
                line.append(gap)
                line.append_text(shown)
                break
    return line
