"""Replay speed on a generated 10,000-event session: opening it, and seeking to random moments.
The issue's aim is well under 100 ms for both. Prints figures; asserts nothing."""

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


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        path = _generated_session(Path(temporary))
        opens = []
        for _ in range(5):
            started = time.perf_counter()
            replay = Replay.open(path)
            opens.append(time.perf_counter() - started)
        rng = random.Random(3)
        seeks = []
        for _ in range(200):
            offset = rng.uniform(0, replay.duration)
            started = time.perf_counter()
            replay.state_at(offset)
            seeks.append(time.perf_counter() - started)
    seeks.sort()
    print(f"Replay: session of {len(replay.events)} events")
    print(f"  open (read + fold + checkpoints) median {statistics.median(opens) * 1000:7.1f} ms")
    print(f"  seek to a random moment          median {statistics.median(seeks) * 1000:7.2f} ms"
          f"   p99 {seeks[int(len(seeks) * 0.99) - 1] * 1000:.2f} ms")  # fmt: skip
    print("  aim (issue #5): both well under 100 ms")


if __name__ == "__main__":
    main()
