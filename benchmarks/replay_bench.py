"""Replay speed on a generated 10,000-event session: opening it, the first seek to its end (the
worst cold seek: it folds every event and builds the checkpoints), and seeks to random moments
afterwards. The issue's aim is well under 100 ms for each. Prints median and best next to the
figures before this work and the first baseline; asserts nothing."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.base.clock import ManualClock
from facilitator.live.replay import Replay
from facilitator.live.workshop import Workshop

EVENTS = 10_000
RUNS = 15
SEEKS = 200

BASELINE = {"open": "~300 ms", "end": "~2 ms", "seek": "1.4 ms"}
"""Before lazy checkpoints: opening folded the whole log, so a seek after it was always warm."""
BEFORE = {"open": "45 (42) ms", "end": "63 (62) ms", "seek": "0.8 ms, p99 1.8"}
"""Median (best) of this script on the code before orjson, the table-wide row check and the
working-copy fold (commit 09685dc), on the same machine at load ~1."""


def _generated_session(folder: Path) -> Path:
    """A session driven through the engine like a long workshop: answers, speakers, timers."""
    bank = Path(__file__).resolve().parents[1] / "questionbanks" / "workshop.md"
    clock = ManualClock()
    live = Workshop.start(folder, bank, clock=clock)
    rng = random.Random(7)
    while live.store.last_event.seq < EVENTS:
        clock.advance(rng.uniform(0.5, 3))
        roll = rng.random()
        if roll < 0.5:
            live.set_speaker(rng.choice("ab"))
        elif roll < 0.6:
            live.toggle_timer()
        elif roll < 0.62:
            live.next_question()
        else:
            live.add_note(f"note {live.store.last_event.seq}")
    live.close()
    return live.store.path


def _ms(seconds: float, digits: int) -> str:
    return f"{seconds * 1000:.{digits}f} ms"


def _row(name: str, times: list[float], before: str, baseline: str, digits: int = 1) -> None:
    figures = f"{_ms(statistics.median(times), digits)} ({_ms(min(times), digits)})"
    print(f"  {name:<24} {figures:>22}   {before:>16}   {baseline:>8}")


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        path = _generated_session(Path(temporary))
        opens, ends = [], []
        replay: Replay | None = None
        for _ in range(RUNS):
            # The last run's replay is dropped first, so freeing it is not timed as an opening.
            replay = None
            started = time.perf_counter()
            replay = Replay.open(path)
            opened = time.perf_counter()
            replay.state_at(replay.duration)
            opens.append(opened - started)
            ends.append(time.perf_counter() - opened)
        assert replay is not None
        rng = random.Random(3)
        seeks = []
        for _ in range(SEEKS):
            offset = rng.uniform(0, replay.duration)
            started = time.perf_counter()
            replay.state_at(offset)
            seeks.append(time.perf_counter() - started)
    seeks.sort()
    p99 = seeks[int(len(seeks) * 0.99) - 1]
    print(f"Replay: session of {len(replay.events)} events; median (best) of {RUNS} runs")
    print(f"  {'':<24} {'now':>22}   {'before':>16}   {'baseline':>8}")
    _row("open", opens, BEFORE["open"], BASELINE["open"])
    _row("first seek to the end", ends, BEFORE["end"], BASELINE["end"])
    _row(f"later seek, p99 {p99 * 1000:.2f}", seeks, BEFORE["seek"], BASELINE["seek"], 2)
    print("  aim (issue #5): each well under 100 ms")


if __name__ == "__main__":
    main()
