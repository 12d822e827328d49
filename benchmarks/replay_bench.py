"""Replay speed on generated sessions. At 10,000 events (issue #5): opening one, the first seek
to its end (the worst cold seek: it folds every event and builds the checkpoints), and seeks to
random moments afterwards, each next to the figures before that work and the first baseline. At
100,000 events (issue 14, item 4): opening against `orjson.loads` of the same file's bytes alone,
alternating, and the cold seek to the end; goals: open <= 1.5x the loads, cold seek <= 100 ms,
each quoted on the median over runs of each run's p99, with the max. Asserts nothing.
"""

from __future__ import annotations

import gc
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import orjson

from facilitator.base.clock import ManualClock
from facilitator.live.replay import Replay
from facilitator.live.workshop import Workshop

EVENTS = 10_000
RUNS = 15
SEEKS = 200
LONG_EVENTS = 100_000
LONG_ROUNDS = 5
LONG_OPENINGS = 11

BASELINE = {"open": "~300 ms", "end": "~2 ms", "seek": "1.4 ms"}
"""Before lazy checkpoints: opening folded the whole log, so a seek after it was always warm."""
BEFORE = {"open": "45 (42) ms", "end": "63 (62) ms", "seek": "0.8 ms, p99 1.8"}
"""Median (best) of this script on the code before orjson, the table-wide row check and the
working-copy fold (commit 09685dc), on the same machine at load ~1."""


def _generated_session(folder: Path, events: int = EVENTS) -> Path:
    """A session driven through the engine like a long workshop: speakers, timers, notes."""
    bank = Path(__file__).resolve().parents[1] / "questionbanks" / "workshop.md"
    clock = ManualClock()
    live = Workshop.start(folder, bank, clock=clock)
    rng = random.Random(7)
    while live.store.last_event.seq < events:
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


def _p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def _long_figures(path: Path) -> dict[str, list[list[float]]]:
    """Per round, per opening: orjson.loads of the file's bytes, opening it, the cold seek."""
    data = path.read_bytes()
    runs: dict[str, list[list[float]]] = {"loads": [], "bare": [], "open": [], "end": []}
    for _ in range(LONG_ROUNDS):
        for times in runs.values():
            times.append([])
        for _ in range(LONG_OPENINGS):
            # The last replay is freed before both timings: alive, it would be walked by every
            # full collection the loads' allocations set off (where it is not frozen).
            replay = None
            started = time.perf_counter()
            loaded = orjson.loads(data)
            runs["loads"][-1].append(time.perf_counter() - started)
            del loaded
            # The same call with the collector off, as opening reads (`collection_paused`):
            # shown beside the baseline, since a third or more of the loads' time is the
            # collector's passes over what they build.
            gc.disable()
            started = time.perf_counter()
            loaded = orjson.loads(data)
            runs["bare"][-1].append(time.perf_counter() - started)
            del loaded
            gc.enable()
            started = time.perf_counter()
            replay = Replay.open(path)
            opened = time.perf_counter()
            replay.state_at(replay.duration)
            runs["open"][-1].append(opened - started)
            runs["end"][-1].append(time.perf_counter() - opened)
    return runs


def _long_line(name: str, runs: list[list[float]]) -> str:
    every = [sample for run in runs for sample in run]
    p99 = statistics.median(map(_p99, runs))
    return (
        f"  {name:36} median {statistics.median(every) * 1000:6.1f} ms   p99 {p99 * 1000:6.1f} ms"
        f"   max {max(every) * 1000:6.1f} ms"
    )


def long_session(given: Path | None = None) -> None:
    """The 100,000-event figures of issue 14, item 4; on `given`, a session kept from an earlier
    run, to compare two versions of the code on the very same file (generating takes a while)."""
    with tempfile.TemporaryDirectory() as temporary:
        path = given or _generated_session(Path(temporary), LONG_EVENTS)
        runs = _long_figures(path)
        size = path.stat().st_size
        events = len(Replay.open(path).events)
    print(
        f"Replay: session of {events:,} events ({size / 1e6:.1f} MB); {LONG_ROUNDS} runs of "
        f"{LONG_OPENINGS} openings, alternating with the baseline; p99: median of the runs' p99"
    )
    print(_long_line("orjson.loads of the file (baseline)", runs["loads"]))
    print(_long_line("orjson.loads, the collector off", runs["bare"]))
    print(_long_line("open", runs["open"]))
    print(_long_line("first seek to the end (cold)", runs["end"]))
    ratio = statistics.median(map(_p99, runs["open"])) / statistics.median(map(_p99, runs["loads"]))
    medians = statistics.median(sample for run in runs["open"] for sample in run) / (
        statistics.median(sample for run in runs["loads"] for sample in run)
    )
    print(f"  open / loads: {ratio:.2f}x of p99s, {medians:.2f}x of medians   (goal: <= 1.5x)")
    bare = statistics.median(map(_p99, runs["open"])) / statistics.median(map(_p99, runs["bare"]))
    print(f"  open / loads with the collector off: {bare:.2f}x of p99s")
    seek = statistics.median(sample for run in runs["end"] for sample in run) / (
        statistics.median(sample for run in runs["loads"] for sample in run)
    )
    # The issue measured the loads at 104 ms: this ratio carries the seek over to that machine.
    print(f"  cold seek goal: <= 100 ms; its median is {seek:.2f}x the loads' median")


def main() -> None:
    ten_thousand()
    print()
    long_session()


def ten_thousand() -> None:
    """The 10,000-event figures of issue #5."""
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
    if len(sys.argv) > 1:
        long_session(Path(sys.argv[1]))
    else:
        main()
