"""Durable answer commits in the session store against stock TinyDB inserts, at 1k and 10k events.

Run from the repository root: `python benchmarks/store_bench.py`. It prints figures and checks
nothing, so a slow machine never fails a build.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tinydb import TinyDB

from facilitator.session.records import NOTE
from facilitator.store.sessionstore import SessionStore

SIZES = (1_000, 10_000)
STORE_SAMPLES = 500
STOCK_SAMPLES = {1_000: 150, 10_000: 25}
"""Stock TinyDB rewrites the whole file per insert, so it gets fewer samples where that is slow."""


def _note(seq: int) -> dict[str, object]:
    return {
        "seq": seq,
        "time": 1_700_000_000.0 + seq,
        "type": "note",
        "payload": {"text": "x" * 40},
    }


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _session_with(directory: Path, events: int) -> Path:
    """A closed session holding `events` events, so the measured store starts compacted."""
    with SessionStore.create(
        directory,
        title=f"bench {events}",
        party_a="A",
        party_b="B",
        moderator="M",
        bank_source="# Bank\n",
        bank_path="bank.md",
    ) as store:
        for _ in range(events - 1):
            store.record(NOTE, {"text": "x" * 40})
    return store.path


def measure_store(directory: Path, events: int) -> tuple[list[float], list[float], float]:
    """(seconds until each commit is durable, seconds the caller is held per call, close)."""
    durable: list[float] = []
    held: list[float] = []
    with SessionStore.open(_session_with(directory, events)) as store:
        for n in range(STORE_SAMPLES):
            start = time.perf_counter()
            future = store.commit_answer(f"q{n % 40}", "ab"[n % 2], f"answer {n}")
            held.append(time.perf_counter() - start)
            future.result()
            durable.append(time.perf_counter() - start)
        closing = _timed(store.close)
    return durable, held, closing


def measure_stock(directory: Path, events: int) -> list[float]:
    """Seconds per insert into stock TinyDB (JSONStorage) holding `events` documents."""
    with TinyDB(directory / f"stock-{events}.json") as db:
        table = db.table("events")
        table.insert_multiple(_note(seq) for seq in range(1, events + 1))
        return [
            _timed(lambda seq=seq: table.insert(_note(seq)))
            for seq in range(events + 1, events + 1 + STOCK_SAMPLES[events])
        ]


def main() -> None:
    print("durable commit: SessionStore.commit_answer until its Future resolves (fdatasync)")
    print("stock insert:   TinyDB(JSONStorage).insert, which rewrites and fsyncs the whole file")
    print(f"{'events':>7} {'':>14} {'median ms':>10} {'p99 ms':>8} {'samples':>8}")
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        for events in SIZES:
            durable, held, closing = measure_store(directory, events)
            stock = measure_stock(directory, events)
            rows = (("durable commit", durable), ("caller held", held), ("stock insert", stock))
            for label, samples in rows:
                median = _percentile(samples, 0.5) * 1000
                p99 = _percentile(samples, 0.99) * 1000
                print(f"{events:>7} {label:>14} {median:>10.3f} {p99:>8.3f} {len(samples):>8}")
            ratio = _percentile(stock, 0.5) / _percentile(durable, 0.5)
            ratio99 = _percentile(stock, 0.99) / _percentile(durable, 0.99)
            print(f"{events:>7} {'speed-up':>14} {ratio:>9.1f}x {ratio99:>7.1f}x")
            print(f"{events:>7} {'close+compact':>14} {closing * 1000:>10.3f}")


if __name__ == "__main__":
    main()
