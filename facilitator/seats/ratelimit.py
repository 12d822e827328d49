"""Failed joins, counted per client address, so a guessed or stale link cannot be tried at speed.

Time is read from an injected clock: a client is blocked while `limit` failures lie within the
last `window` seconds, and free again once the oldest of them has aged out.
"""

from __future__ import annotations

from collections import deque

from ..base.clock import Clock

FAILURES = 5
WINDOW = 60.0
CLIENTS = 4096
"""Clients remembered at most; the oldest entries go first, so a flood cannot fill memory."""


class FailureLimiter:
    def __init__(self, clock: Clock, *, limit: int = FAILURES, window: float = WINDOW) -> None:
        self._clock = clock
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, client: str) -> deque[float]:
        times = self._failures.get(client, deque())
        horizon = self._clock() - self.window
        while times and times[0] <= horizon:
            times.popleft()
        return times

    def blocked(self, client: str) -> float:
        """Seconds until `client` may try again; 0 when it may now."""
        times = self._recent(client)
        if len(times) < self.limit:
            return 0.0
        return max(0.0, times[0] + self.window - self._clock())

    def failed(self, client: str) -> None:
        times = self._recent(client)
        times.append(self._clock())
        self._failures.pop(client, None)
        self._failures[client] = times
        while len(self._failures) > CLIENTS:
            del self._failures[next(iter(self._failures))]
