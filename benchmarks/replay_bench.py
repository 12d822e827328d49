"""Replay speed on a generated 10,000-event session: opening it, the first seek to its end (which
builds the checkpoints), and seeks to random moments afterwards. The issue's aim is well under
100 ms for each. Prints figures next to the baseline measured before #5 was finished; asserts
nothing."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.clock import ManualClock
from facilitator.engine import Workshop
from facilitator.replay import Replay

EVENTS = 10_000
RUNS = 7

BASELINE = {"open": "~300 ms", "end": "~2 ms", "seek": "1.4 ms"}
"""Before lazy checkpoints: opening folded the whole log, so a seek after it was always warm."""


def _generated_session(folder: Path) -> Path:
    """A session driven through the engine like a long workshop: answers, speakers, timers."""
    bank = Path(__file__).resolve().parents[1] / "questionbanks" / "workshop.md"
    clock = ManualClock()
    live = Workshop.start(folder, bank, clock=clock)
    rng = random.Random(7)
    while len(live.store.events) < EVENTS:
        clock.advance(rng.uniform(0.5, 3))
        roll = rng.random()
        if roll < 0.5:
            live.set_speaker(rng.choice("ab"))
        elif roll < 0.6:
            live.toggle_timer()
        elif roll < 0.62:
            live.next_question()
        else:
            live.add_note(f"note {len(live.store.events)}")
    live.close()
    return live.store.path


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        path = _generated_session(Path(temporary))
        opens, ends = [], []
        for _ in range(RUNS):
            started = time.perf_counter()
            replay = Replay.open(path)
            opened = time.perf_counter()
            replay.state_at(replay.duration)
            opens.append(opened - started)
            ends.append(time.perf_counter() - opened)
        rng = random.Random(3)
        seeks = []
        for _ in range(200):
            offset = rng.uniform(0, replay.duration)
            started = time.perf_counter()
            replay.state_at(offset)
            seeks.append(time.perf_counter() - started)
    seeks.sort()
    p99 = seeks[int(len(seeks) * 0.99) - 1]
    print(f"Replay: session of {len(replay.events)} events; median (best) of {RUNS} runs")
    print(
        f"  open (read the file, parse the bank)  {_ms(statistics.median(opens))} "
        f"({min(opens) * 1000:.1f})   baseline {BASELINE['open']}, folding everything"
    )
    print(
        f"  first seek to the end (cold)          {_ms(statistics.median(ends))} "
        f"({min(ends) * 1000:.1f})   baseline {BASELINE['end']}, already folded at open"
    )
    print(f"  seek to a random moment after that    {_ms(statistics.median(seeks))} "
          f"p99 {p99 * 1000:.2f} ms   baseline {BASELINE['seek']}")  # fmt: skip
    print("  aim (issue #5): each well under 100 ms")


if __name__ == "__main__":
    main()
