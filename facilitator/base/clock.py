"""Injectable clocks: every timestamp and timer reads one, so tests never sleep."""

import time
from collections.abc import Callable

Clock = Callable[[], float]
"""Returns seconds since the epoch, like `time.time`."""

system_clock: Clock = time.time


class ManualClock:
    """A clock that moves only when told to: for tests, rehearsals and generated sessions."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock does not run backwards")
        self.now += seconds
