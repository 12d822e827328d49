"""The live dashboard in the running app (headless, 160x48) on a generated 200-question session,
every question answered by both sides and revealed: what one committed answer costs the UI thread
with the split view open, against the run screen alone, and what opening the full view costs,
against a key that shows the next question. Prints figures; asserts nothing."""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.compare_bench import _answer
from benchmarks.generate import comparison_bank
from facilitator.base.clock import ManualClock
from facilitator.compare.comparison import Comparison
from facilitator.live.workshop import Workshop
from facilitator.session.records import PARTIES

QUESTIONS = 200
COMMITS = 60
OPENINGS = 7


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:6.2f} ms   p99 {p99 * 1000:6.2f} ms"


def _session(folder: Path, rng: random.Random) -> Workshop:
    bank = folder / "generated.md"
    bank.write_text(comparison_bank(QUESTIONS), encoding="utf-8")
    workshop = Workshop.start(folder / "sessions", bank, clock=ManualClock(1_750_000_000.0))
    for question in workshop.bank.questions:
        for party in PARTIES:
            if question.asks(party):
                workshop.commit_answer(question.id, party, _answer(question, rng))
                if question.predict:
                    guess = _answer(question, rng)
                    workshop.commit_answer(question.id, party, guess, prediction=True)
        workshop.reveal(question.id)
    workshop.store.flush()
    return workshop


class _Stalls:
    """The longest stretch the UI thread was busy: a late wake-up of a 1 ms sleep."""

    def __init__(self) -> None:
        self.longest = 0.0
        self.running = True

    async def watch(self) -> None:
        while self.running:
            started = time.perf_counter()
            await asyncio.sleep(0.001)
            self.longest = max(self.longest, time.perf_counter() - started - 0.001)

    async def during(self, action: Callable[[], Awaitable[Any]], into: list[float]) -> None:
        await asyncio.sleep(0.01)
        self.longest = 0.0
        await action()
        into.append(self.longest)


async def _figures() -> tuple[dict[str, list[float]], str]:
    from screens.app import FacilitatorApp
    from screens.dashboard import DashboardScreen
    from screens.start import RunSession
    from screens.widgets.dashboard import Dashboard

    rng = random.Random(4)
    folder = Path(tempfile.mkdtemp(prefix="facilitator-bench-"))
    os.environ["FACILITATOR_CONFIG_DIR"] = str(folder / "config")
    workshop = _session(folder, rng)
    figures: dict[str, list[float]] = {
        name: [] for name in ("alone", "split", "update", "show", "open", "key", "full")
    }
    update, show_changes = Comparison.update, Dashboard.show_changes

    def timed_update(self: Comparison, state: Any) -> frozenset[str]:
        started = time.perf_counter()
        changed = update(self, state)
        figures["update"].append(time.perf_counter() - started)
        return changed

    def timed_show(self: Dashboard, changed: Any) -> None:
        started = time.perf_counter()
        show_changes(self, changed)
        figures["show"].append(time.perf_counter() - started)

    app = FacilitatorApp(sessions_dir=folder / "sessions", start=RunSession(workshop))
    stalls = _Stalls()
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        watcher = asyncio.create_task(stalls.watch())
        goals = [q for q in workshop.bank.questions if q.compare.value == "goal" and q.asks("a")]

        async def commit() -> None:
            """One answer, done once its verdict changed and the app is idle again."""
            question = rng.choice(goals)
            before = screen.comparison.verdict(question.id)
            workshop.commit_answer(question.id, "a", _answer(question, rng))
            while screen.comparison.verdict(question.id) is before:
                await asyncio.sleep(0.0005)
            await pilot.pause()

        for _ in range(COMMITS):
            await stalls.during(commit, figures["alone"])
        await pilot.press("D")
        await app.workers.wait_for_complete()
        await pilot.pause()
        split = screen.query_one("#split", Dashboard)
        shown = f"{len(split.rows)} rows in the tab shown, of {len(split.places)}"
        Comparison.update = timed_update  # type: ignore[method-assign]
        Dashboard.show_changes = timed_show  # type: ignore[method-assign]
        for _ in range(COMMITS):
            await stalls.during(commit, figures["split"])
        Comparison.update = update  # type: ignore[method-assign]
        Dashboard.show_changes = show_changes  # type: ignore[method-assign]
        await pilot.press("D")

        async def open_and_close() -> None:
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)

        for _ in range(OPENINGS):
            await stalls.during(open_and_close, figures["open"])
            await pilot.press("escape")
            await pilot.pause()
            await stalls.during(lambda: pilot.press("n"), figures["key"])
        stalls.running = False
        await watcher
        for _ in range(OPENINGS):
            started = time.perf_counter()
            Comparison.of(workshop.state, ("Startup", "Enterprise"))
            figures["full"].append(time.perf_counter() - started)
    return figures, shown


def main() -> None:
    figures, shown = asyncio.run(_figures())
    print(f"Dashboard: generated session of {QUESTIONS} questions, all answered and revealed;")
    print(f"  the run screen at 160x48, the split view on goals ({shown})")
    print("  longest UI-thread stall per action:")
    print(f"  a commit, run screen alone                    {_ms(figures['alone'])}")
    print(f"  a commit, split view open                     {_ms(figures['split'])}")
    print(f"    of which Comparison.update                  {_ms(figures['update'])}")
    print(f"    of which redrawing the changed rows         {_ms(figures['show'])}")
    print(f"  opening the full view (d)                     {_ms(figures['open'])}")
    print(f"  the next question (n), for reference          {_ms(figures['key'])}")
    print(f"  a full comparison, for reference              {_ms(figures['full'])}")
    print("  aim (issue #4): a commit updates the dashboard without a full recompute")


if __name__ == "__main__":
    main()
