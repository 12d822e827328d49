"""The one rule for a session's times, used by every screen, listing and report.

- planned: the section's time in the bank;
- budget: planned plus every extension and reduction given during the session;
- actual: the time the section's timer ran; pauses and quit breaks are left out;
- total: the sum of the section actuals (never the wall time since the start).

Seconds are rounded once, to whole seconds (`whole`), before any difference is taken, so a
column of actuals adds up to the total shown and "planned - actual" is never off by one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .records import (
    SECTION_ENTERED,
    SESSION_ENDED,
    TIMER_PAUSED,
    TIMER_RESUMED,
    TIMER_STARTED,
    Event,
)

if TYPE_CHECKING:
    from .state import WorkshopState


def whole(seconds: float) -> int:
    """Whole seconds, as a clock counting up shows them (a countdown then shows budget - this)."""
    return math.floor(seconds + 1e-9)


@dataclass(frozen=True)
class SectionTimes:
    planned: int
    budget: int
    actual: int
    visited: bool

    @property
    def over(self) -> int:
        """Seconds over the budget (negative: under)."""
        return self.actual - self.budget

    @property
    def left(self) -> int:
        """Seconds left of the budget (negative: overtime)."""
        return self.budget - self.actual


@dataclass(frozen=True)
class SessionTimes:
    sections: tuple[SectionTimes, ...]

    @property
    def planned(self) -> int:
        return sum(section.planned for section in self.sections)

    @property
    def budget(self) -> int:
        return sum(section.budget for section in self.sections)

    @property
    def total(self) -> int:
        """The sum of the section actuals."""
        return sum(section.actual for section in self.sections)


def session_times(state: WorkshopState, now: float) -> SessionTimes:
    """Every section's planned, budget and actual time at `now`, by the rule above."""
    return SessionTimes(
        tuple(
            SectionTimes(
                planned=whole(section.budget),
                budget=whole(timer.budget),
                actual=whole(timer.elapsed(now)),
                visited=index in state.visited,
            )
            for index, (section, timer) in enumerate(
                zip(state.bank.sections, state.timers, strict=True)
            )
        )
    )


def total_from_events(events: Iterable[Event]) -> int:
    """The session total (the sum of the section actuals) from its event log alone, for a
    listing that does not parse each bank: the same runs of the same timers the state fold
    counts. A timer left running (a crash) counts up to the last event, as a resume does.
    A listing must not fail on a damaged file, so an event without a section is passed over."""
    running: dict[str, float] = {}
    spent: dict[str, float] = {}
    current = ""
    last = 0.0

    def stop(section: str, at: float) -> None:
        since = running.pop(section, None)
        if since is not None:
            spent[section] = spent.get(section, 0.0) + max(0.0, at - since)

    for event in events:
        last = event.time
        section = event.payload.get("section")
        if event.type == SESSION_ENDED:
            stop(current, event.time)
        elif not isinstance(section, str):
            continue
        elif event.type in (TIMER_STARTED, TIMER_RESUMED):
            running.setdefault(section, event.time)
        elif event.type == TIMER_PAUSED:
            at = event.payload.get("at", event.time)
            stop(section, float(at) if isinstance(at, int | float) else event.time)
        elif event.type == SECTION_ENTERED:
            stop(current, event.time)
            current = section
    for section in list(running):
        stop(section, last)
    return sum(whole(seconds) for seconds in spent.values())
