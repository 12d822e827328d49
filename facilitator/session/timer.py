"""The countdown of one agenda section: pause, resume, extend, and the phase its color shows.

A timer is a value: each action returns a new timer. What is left is always computed from the clock
(`budget - elapsed(now)`), never by counting ticks, so a busy screen that drops ticks stays exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

WARNING_AT = 0.20
"""Fraction of the budget left when the timer turns to warning."""
URGENT_AT = 0.05
"""Fraction of the budget left when the timer turns urgent."""


class Phase(StrEnum):
    CALM = "calm"
    WARNING = "warning"
    URGENT = "urgent"
    OVERTIME = "overtime"


@dataclass(frozen=True)
class SectionTimer:
    budget: float
    """Seconds planned for the section, including extensions."""
    spent: float = 0.0
    """Seconds counted before the current run (earlier runs, or a resumed session)."""
    running_since: float | None = None
    """Clock time of the current run's start; None while paused or not started."""

    @property
    def running(self) -> bool:
        return self.running_since is not None

    # Built by `_timer` rather than by dataclasses.replace or even the constructor: a replay
    # folds a timer change at every pause and resume of a long session.
    def start(self, now: float) -> SectionTimer:
        return self if self.running_since is not None else _timer(self.budget, self.spent, now)

    def pause(self, now: float) -> SectionTimer:
        if self.running_since is None:
            return self
        return _timer(self.budget, self.spent + now - self.running_since, None)

    def extend(self, seconds: float) -> SectionTimer:
        return _timer(self.budget + seconds, self.spent, self.running_since)

    def elapsed(self, now: float) -> float:
        if self.running_since is None:
            return self.spent
        return self.spent + max(0.0, now - self.running_since)

    def remaining(self, now: float) -> float:
        """Seconds left; negative in overtime."""
        return self.budget - self.elapsed(now)

    def phase(self, now: float) -> Phase:
        left = self.remaining(now)
        if left <= 0:
            return Phase.OVERTIME
        if left <= self.budget * URGENT_AT:
            return Phase.URGENT
        if left <= self.budget * WARNING_AT:
            return Phase.WARNING
        return Phase.CALM


def _timer(budget: float, spent: float, running_since: float | None) -> SectionTimer:
    """`SectionTimer(budget, spent, running_since)` without the frozen dataclass's __init__,
    whose three `object.__setattr__` calls were most of the cost of a pause or resume in a
    replay's fold (10,000 of them in a 100,000-event session)."""
    timer = object.__new__(SectionTimer)
    object.__setattr__(
        timer, "__dict__", {"budget": budget, "spent": spent, "running_since": running_since}
    )
    return timer
