"""The live dashboard in the running app (headless, 160x48) on a generated 200-question session,
every question answered by both sides and revealed: what one committed answer costs the UI thread
with the split view open, against the run screen alone, and what opening the full view costs,
against a bare Textual screen that shows the same rows as one DataTable (issue 14.5). The figure
per action is the longest stretch the UI thread was busy. Runs of the app and the bare screen
alternate; goals are quoted on the median over runs of each run's p99. Prints; asserts nothing."""

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
from typing import Any, ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.compare_bench import _answer
from benchmarks.generate import comparison_bank
from facilitator.base.clock import ManualClock
from facilitator.compare.comparison import Comparison
from facilitator.live.workshop import Workshop
from facilitator.session.records import PARTIES

QUESTIONS = 200
COMMITS = 40
OPENINGS = 6
ROUNDS = 3


def _p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def _line(name: str, runs: list[list[float]]) -> str:
    every = [sample for run in runs for sample in run]
    return (
        f"  {name:44s}median {statistics.median(every) * 1000:6.1f} ms   "
        f"p99 {_median_p99(runs) * 1000:6.1f} ms   max {max(every) * 1000:6.1f} ms"
    )


def _median_p99(runs: list[list[float]]) -> float:
    return statistics.median(_p99(run) for run in runs)


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


async def _app_run(folder: Path) -> tuple[dict[str, list[float]], list[list[Any]], str]:
    """One run of the app: commits with the run screen alone, then with the split view open,
    then the full view opened and closed; and the goals tab's rows, for the bare screen."""
    from screens.app import FacilitatorApp
    from screens.dashboard import DashboardScreen
    from screens.start import RunSession
    from screens.widgets.dashboard import Dashboard
    from screens.widgets.verdict_row import VerdictRow

    rng = random.Random(4)
    workshop = _session(folder, rng)
    figures: dict[str, list[float]] = {
        name: [] for name in ("alone", "split", "update", "show", "open", "key")
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
        try:
            for _ in range(COMMITS):
                await stalls.during(commit, figures["split"])
        finally:
            Comparison.update = update  # type: ignore[method-assign]
            Dashboard.show_changes = show_changes  # type: ignore[method-assign]
        await pilot.press("D")

        async def open_full_view() -> None:
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)

        for _ in range(OPENINGS):
            await stalls.during(open_full_view, figures["open"])
            await pilot.press("escape")
            await pilot.pause()
            await stalls.during(lambda: pilot.press("n"), figures["key"])
        await pilot.press("d")
        await pilot.pause()
        full = app.screen.query_one(Dashboard)
        rows = [_cells(row) for row in full.rows.values() if isinstance(row, VerdictRow)]
        stalls.running = False
        await watcher
    workshop.close()
    return figures, rows, shown


def _cells(row: Any) -> list[Any]:
    """A row's question, answers and status, and its detail lines as one cell."""
    from rich.text import Text

    drawn = row.render()
    return [drawn.question, *drawn.cells, Text("\n").join(drawn.details)]


async def _bare_run(rows: list[list[Any]]) -> list[float]:
    """A bare Textual app opening a screen of the same rows as one DataTable (multi-line rows,
    as the dashboard's), and closing it again."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import DataTable, Footer

    class Rows(Screen[None]):
        BINDINGS: ClassVar[list[tuple[str, str, str]]] = [("escape", "app.pop_screen", "Close")]

        def compose(self) -> ComposeResult:
            yield DataTable[Any](cursor_type="row")
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Question", "A", "status", "B", "details")
            for cells in rows:
                table.add_row(*cells, height=None)

    class Bare(App[None]):
        BINDINGS: ClassVar[list[tuple[str, str, str]]] = [("d", "open", "Open")]

        def compose(self) -> ComposeResult:
            yield Footer()

        def action_open(self) -> None:
            self.push_screen(Rows())

    app, stalls, samples = Bare(), _Stalls(), []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        watcher = asyncio.create_task(stalls.watch())

        async def open_rows() -> None:
            await pilot.press("d")
            await pilot.pause()

        for _ in range(OPENINGS):
            await stalls.during(open_rows, samples)
            await pilot.press("escape")
            await pilot.pause()
        stalls.running = False
        await watcher
    return samples


async def _figures() -> tuple[dict[str, list[list[float]]], str]:
    folder = Path(tempfile.mkdtemp(prefix="facilitator-bench-"))
    os.environ["FACILITATOR_CONFIG_DIR"] = str(folder / "config")
    os.environ["FACILITATOR_CACHE_DIR"] = str(folder / "cache")
    runs: dict[str, list[list[float]]] = {}
    shown = ""
    for round_ in range(ROUNDS):
        (folder / str(round_)).mkdir()
        figures, rows, shown = await _app_run(folder / str(round_))
        figures["bare"] = await _bare_run(rows)
        for name, samples in figures.items():
            runs.setdefault(name, []).append(samples)
    return runs, shown


def main() -> None:
    runs, shown = asyncio.run(_figures())
    print(f"Dashboard: generated session of {QUESTIONS} questions, all answered and revealed;")
    print(f"  the run screen at 160x48, the split view on goals ({shown});")
    print(f"  {ROUNDS} runs, {COMMITS} commits and {OPENINGS} openings a run; p99: median of runs")
    print("  longest UI-thread stall per action:")
    print(_line("a commit, run screen alone", runs["alone"]))
    print(_line("a commit, split view open", runs["split"]))
    print(_line("  of which Comparison.update", runs["update"]))
    print(_line("  of which redrawing the changed rows", runs["show"]))
    print(_line("opening the full view (d)", runs["open"]))
    print(_line("bare screen of the same rows, one DataTable", runs["bare"]))
    print(_line("the next question (n), for reference", runs["key"]))
    ratio = _median_p99(runs["open"]) / _median_p99(runs["bare"])
    print(f"  opening, ratio of p99s, full view / bare        {ratio:.2f}x"
          "   (goal: <= 100 ms and <= 2x)")  # fmt: skip
    print("  goal: a commit's p99 in split view <= 33 ms")


if __name__ == "__main__":
    main()
