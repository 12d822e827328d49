"""Where a replay's playhead is: a position anchored to a clock time, moving at a speed.

The position is always computed (`anchor + (now - since) * speed`), never advanced tick by tick,
so a screen that redraws late or seldom still shows exactly the right moment.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

SPEEDS = (1, 4, 16, 60)
"""The speeds the replay screen offers, slowest first."""


@dataclass(frozen=True)
class Playhead:
    duration: float
    """Seconds in the session: the playhead stays between 0 and this."""
    anchor: float = 0.0
    """The position when `since` was read (or the position itself while paused)."""
    since: float | None = None
    """Clock time playing started from `anchor`; None while paused."""
    speed: float = 1

    @property
    def playing(self) -> bool:
        return self.since is not None

    def at(self, now: float) -> float:
        """The position in seconds from the start of the session at clock time `now`."""
        if self.since is None:
            return self.anchor
        return min(self.duration, max(0.0, self.anchor + (now - self.since) * self.speed))

    def finished(self, now: float) -> bool:
        """Playing, and the end has been reached."""
        return self.playing and self.at(now) >= self.duration

    def play(self, now: float) -> Playhead:
        """Play on from here; from the start when already at the end."""
        start = 0.0 if self.at(now) >= self.duration else self.at(now)
        return replace(self, anchor=start, since=now)

    def pause(self, now: float) -> Playhead:
        return replace(self, anchor=self.at(now), since=None)

    def toggle(self, now: float) -> Playhead:
        return self.pause(now) if self.playing else self.play(now)

    def seek(self, position: float, now: float) -> Playhead:
        """Move to `position` (clamped), still playing if it was."""
        anchor = min(self.duration, max(0.0, position))
        return replace(self, anchor=anchor, since=now if self.playing else None)

    def with_speed(self, speed: float, now: float) -> Playhead:
        """The same position now, moving at `speed` from here on."""
        return replace(self, anchor=self.at(now), since=now if self.playing else None, speed=speed)


def faster(speed: float) -> float:
    """The next offered speed above `speed` (the fastest stays)."""
    return next((s for s in SPEEDS if s > speed), SPEEDS[-1])


def slower(speed: float) -> float:
    """The next offered speed below `speed` (the slowest stays)."""
    return next((s for s in reversed(SPEEDS) if s < speed), SPEEDS[0])
