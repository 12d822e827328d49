"""The large countdown of the current section; its color follows the timer's phase."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Label

from facilitator.base import Clock, format_clock
from facilitator.session import Phase, SectionTimer, whole

_RINGS_AT = (Phase.WARNING, Phase.OVERTIME)


class Countdown(Vertical):
    """Reads the clock twice a second; what it shows is computed, never counted."""

    DEFAULT_CSS = """
    Countdown {
        width: 26;
        height: auto;
        padding: 0 1;
        border: round $success;
    }
    Countdown #timer-state {
        width: 100%;
        content-align: center middle;
    }
    Countdown.-calm { border: round $success; color: $success; }
    Countdown.-warning { border: round $warning; color: $warning; }
    Countdown.-urgent { border: heavy $error; color: $error; }
    Countdown.-overtime { border: heavy $error; background: $error 30%; color: $text; }
    """

    def __init__(self, clock: Clock, *, bell: bool = True, **kwargs: Any) -> None:
        """`bell`: ring at the warning and at zero (a replay shows the moment, silently)."""
        super().__init__(**kwargs)
        self.clock = clock
        self.bell = bell
        self.timer = SectionTimer(budget=1)
        self.phase: Phase | None = None

    def compose(self) -> ComposeResult:
        yield Digits("0:00", id="digits")
        yield Label("", id="timer-state")

    def on_mount(self) -> None:
        self.set_interval(0.5, self.refresh_time)

    def show(self, timer: SectionTimer, *, new_section: bool = False) -> None:
        self.timer = timer
        if new_section:
            self.phase = None
        self.refresh_time()

    def refresh_time(self) -> None:
        now = self.clock()
        # Whole seconds by the one rule (`whole`), so the countdown agrees with the agenda.
        left = whole(self.timer.budget) - whole(self.timer.elapsed(now))
        phase = self.timer.phase(now)
        text = format_clock(left) if left >= 0 else "+" + format_clock(-left)
        digits = self.query_one(Digits)
        if digits.value != text:  # shown again on every change of the session: repaint only news
            digits.update(text)
        for name in Phase:
            self.set_class(phase is name, f"-{name.value}")
        state = "paused" if not self.timer.running else phase.value
        label = self.query_one("#timer-state", Label)
        if label.content != state:  # one short word on a line of fixed width: no layout
            label.update(state, layout=False)
        if self.bell and self.phase is not None and phase is not self.phase and phase in _RINGS_AT:
            self.app.bell()
        self.phase = phase
