"""The live dashboard in the running app (headless, 160x48) on a generated 200-question session,
every question answered by both sides and revealed: what one committed answer costs the UI thread
with the split view open, against the run screen alone, and what opening the full view costs,
against a bare Textual screen that shows the same rows as one DataTable (issue 14.5). The figure
per action is the longest stretch the UI thread was busy. Runs of the app and the bare screen
alternate; goals are quoted on the median over runs of each run's p99. Prints; asserts nothing.

The app runs as `facilitator run` starts it: the session is built with the collector on, then
`app_start.run_app` turns it off and the app freezes what is alive at its first frame
(`gcpause.settle_start`, from `FacilitatorApp.on_mount`); so the collector here walks what it
walks in the app, not the start's modules and objects. The bare screen's app is started the
same way (the collector off to its first frame, then the same `settle_start`), so the ratio
compares the screens, not what the collector finds in the process. Each run begins from a
process whose objects are thawed and collected. The full collections that ran during each kind
of action are counted (`gc.callbacks`) and printed with their longest pass, and the objects a
full pass walks (tracked, not frozen) once the split view and the full view are open."""

from __future__ import annotations

import argparse
import asyncio
import gc
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
from facilitator.base.gcpause import settle_start
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


def _fresh_process() -> None:
    """As a process that has not started an app yet: nothing frozen, no garbage left, and the
    collector on (an earlier run, or an earlier benchmark of `make bench`, froze its start)."""
    gc.unfreeze()
    gc.collect()
    gc.enable()


class _FullCollections:
    """The full (oldest-generation) collections that ran during each kind of action, and the
    time each took: `gc.callbacks` is told at the start and the end of every collection."""

    def __init__(self) -> None:
        self.phase: str | None = None
        self.times: dict[str, list[float]] = {}
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if info["generation"] != 2 or self.phase is None:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.times.setdefault(self.phase, []).append(time.perf_counter() - self._started)

    def __enter__(self) -> _FullCollections:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self)


class _Stalls:
    """The longest stretch the UI thread was busy: a late wake-up of a 1 ms sleep; and the full
    collections during each action, by the name of its figures."""

    def __init__(self, collections: _FullCollections) -> None:
        self.longest = 0.0
        self.running = True
        self.collections = collections

    async def watch(self) -> None:
        while self.running:
            started = time.perf_counter()
            await asyncio.sleep(0.001)
            self.longest = max(self.longest, time.perf_counter() - started - 0.001)

    async def during(
        self, action: Callable[[], Awaitable[Any]], into: list[float], name: str
    ) -> None:
        await asyncio.sleep(0.01)
        self.longest = 0.0
        self.collections.phase = name
        try:
            await action()
        finally:
            self.collections.phase = None
        into.append(self.longest)


def _walked() -> int:
    """The objects a full collection walks now: those tracked and not frozen."""
    return len(gc.get_objects())


class _Run:
    """What one run of the app measured."""

    def __init__(self) -> None:
        self.figures: dict[str, list[float]] = {
            name: []
            for name in (
                "alone",
                "unseen",
                "split",
                "update",
                "show",
                "open",
                "open 1",
                "open 2+",
                "close",
                "key",
            )
        }
        self.collections = _FullCollections()
        self.walked: dict[str, int] = {}
        """The objects a full collection would walk, once the split view / the full view is open."""
        self.rows: list[list[Any]] = []
        self.shown = ""


async def _app_run(folder: Path) -> _Run:
    """One run of the app: commits with the run screen alone, then with the split view open,
    then the full view opened and closed; and the goals tab's rows, for the bare screen."""
    from screens.app import FacilitatorApp
    from screens.dashboard import DashboardScreen
    from screens.start import RunSession
    from screens.widgets.dashboard import Dashboard
    from screens.widgets.verdict_row import VerdictRow

    rng = random.Random(4)
    _fresh_process()
    workshop = _session(folder, rng)
    run = _Run()
    figures = run.figures
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

    # As `app_start.run_app`: the collector off from here; the app's first frame freezes what
    # is alive and turns it on (`settle_start`, in `FacilitatorApp.on_mount`).
    gc.disable()
    app = FacilitatorApp(sessions_dir=folder / "sessions", start=RunSession(workshop))
    stalls = _Stalls(run.collections)
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert gc.isenabled() and gc.get_freeze_count(), "the app froze its start"
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

        def built() -> bool | None:
            """Whether the full view is built (None: not begun; `DashboardScreen.built`)."""
            view = screen.full_view
            return None if view is None else view.built.is_set()

        with run.collections:
            for _ in range(COMMITS):
                before = built()
                await stalls.during(commit, figures["alone"], "alone")
                if before is not True and built() is not None:
                    # The run screen builds the full view unseen a second after it starts:
                    # the commits while it does, apart (they are among those above too).
                    figures["unseen"].append(figures["alone"][-1])
            await pilot.press("D")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await asyncio.sleep(0.2)  # the rows off screen are rendered after the first frame
            split = screen.query_one("#split", Dashboard)
            run.shown = f"{len(split.rows)} rows in the tab shown, of {len(split.places)}"
            run.walked["split view open"] = _walked()
            Comparison.update = timed_update  # type: ignore[method-assign]
            Dashboard.show_changes = timed_show  # type: ignore[method-assign]
            try:
                for _ in range(COMMITS):
                    await stalls.during(commit, figures["split"], "split")
            finally:
                Comparison.update = update  # type: ignore[method-assign]
                Dashboard.show_changes = show_changes  # type: ignore[method-assign]
            await pilot.press("D")
            await pilot.pause()

            async def open_full_view() -> None:
                await pilot.press("d")
                await pilot.pause()
                assert isinstance(app.screen, DashboardScreen)

            async def close_full_view() -> None:
                await pilot.press("escape")
                await pilot.pause()

            for opening in range(OPENINGS):
                await stalls.during(open_full_view, figures["open"], "open")
                # The first opening builds the screen; the later ones push the same one again.
                figures["open 1" if opening == 0 else "open 2+"].append(figures["open"][-1])
                await asyncio.sleep(0.2)  # as a moderator would look at it
                await stalls.during(close_full_view, figures["close"], "close")
                await stalls.during(lambda: pilot.press("n"), figures["key"], "key")
        await pilot.press("d")
        await pilot.pause()
        await asyncio.sleep(0.2)
        run.walked["full view open"] = _walked()
        full = app.screen.query_one(Dashboard)
        run.rows = [_cells(row) for row in full.rows.values() if isinstance(row, VerdictRow)]
        stalls.running = False
        await watcher
    workshop.close()
    return run


def _cells(row: Any) -> list[Any]:
    """A row's question, answers and status, and its detail lines as one cell."""
    from rich.text import Text

    drawn = row.render()
    return [drawn.question, *drawn.cells, Text("\n").join(drawn.details)]


async def _bare_run(rows: list[list[Any]]) -> tuple[list[float], list[float]]:
    """A bare Textual app opening a screen of the same rows as one DataTable (multi-line rows,
    as the dashboard's), and closing it again; started as the app is (the collector off to its
    first frame, which freezes what is alive). The stalls, and the full collections' times."""
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

        def on_mount(self) -> None:
            self.call_after_refresh(settle_start)

        def action_open(self) -> None:
            self.push_screen(Rows())

    _fresh_process()
    gc.disable()
    collections = _FullCollections()
    app, stalls, samples = Bare(), _Stalls(collections), []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        watcher = asyncio.create_task(stalls.watch())

        async def open_rows() -> None:
            await pilot.press("d")
            await pilot.pause()

        with collections:
            for _ in range(OPENINGS):
                await stalls.during(open_rows, samples, "bare")
                await pilot.press("escape")
                await pilot.pause()
        stalls.running = False
        await watcher
    return samples, collections.times.get("bare", [])


async def _figures() -> tuple[dict[str, list[list[float]]], list[_Run]]:
    folder = Path(tempfile.mkdtemp(prefix="facilitator-bench-"))
    os.environ["FACILITATOR_CONFIG_DIR"] = str(folder / "config")
    os.environ["FACILITATOR_CACHE_DIR"] = str(folder / "cache")
    runs: dict[str, list[list[float]]] = {}
    apps: list[_Run] = []
    try:
        for round_ in range(ROUNDS):
            (folder / str(round_)).mkdir()
            run = await _app_run(folder / str(round_))
            run.figures["bare"], bare = await _bare_run(run.rows)
            run.collections.times["bare"] = bare
            apps.append(run)
            for name, samples in run.figures.items():
                runs.setdefault(name, []).append(samples)
    finally:
        _fresh_process()
    return runs, apps


def _collections_line(name: str, key: str, apps: list[_Run], actions: int) -> str:
    times = [t for run in apps for t in run.collections.times.get(key, [])]
    longest = f", longest {max(times) * 1000:.1f} ms" if times else ""
    return f"  {name:44s}{len(times):3d} in {actions * len(apps)} actions{longest}"


def main(runs: int = ROUNDS, commits: int = COMMITS, openings: int = OPENINGS) -> None:
    """`runs` of the app and the bare screen; `commits` a run, with the split view open and
    not; `openings` of the full view a run (`make bench` takes the defaults)."""
    global ROUNDS, COMMITS, OPENINGS
    ROUNDS, COMMITS, OPENINGS = runs, commits, openings
    runs, apps = asyncio.run(_figures())
    print(f"Dashboard: generated session of {QUESTIONS} questions, all answered and revealed;")
    print(f"  the run screen at 160x48, the split view on goals ({apps[-1].shown});")
    print(f"  {ROUNDS} runs, {COMMITS} commits and {OPENINGS} openings a run; p99: median of runs;")
    print("  the start frozen at the first frame, as the app does (gcpause.settle_start)")
    print("  longest UI-thread stall per action:")
    print(_line("a commit, run screen alone", runs["alone"]))
    unseen = [run for run in runs["unseen"] if run]
    if unseen:
        print(_line("  of which while the full view is built", unseen))
    print(_line("a commit, split view open", runs["split"]))
    print(_line("  of which Comparison.update", runs["update"]))
    print(_line("  of which redrawing the changed rows", runs["show"]))
    print(_line("opening the full view (d)", runs["open"]))
    print(_line("  the first opening of a run", runs["open 1"]))
    if OPENINGS > 1:
        print(_line("  the second and later openings", runs["open 2+"]))
    print(_line("bare screen of the same rows, one DataTable", runs["bare"]))
    print(_line("closing the full view (escape)", runs["close"]))
    print(_line("the next question (n), for reference", runs["key"]))
    ratio = _median_p99(runs["open"]) / _median_p99(runs["bare"])
    print(f"  opening, ratio of p99s, full view / bare        {ratio:.2f}x"
          "   (goal: <= 100 ms and <= 2x)")  # fmt: skip
    print("  goal: a commit's p99 in split view <= 33 ms")
    print("  full collections (gc.callbacks) during:")
    print(_collections_line("commits, run screen alone", "alone", apps, COMMITS))
    print(_collections_line("commits, split view open", "split", apps, COMMITS))
    print(_collections_line("openings of the full view", "open", apps, OPENINGS))
    print(_collections_line("openings of the bare screen", "bare", apps, OPENINGS))
    print(_collections_line("closings of the full view", "close", apps, OPENINGS))
    print(_collections_line("next question (n)", "key", apps, OPENINGS))
    for where in apps[0].walked:
        walked = statistics.median(run.walked[where] for run in apps)
        print(f"  objects a full collection walks, {where}: {walked:,.0f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=ROUNDS)
    parser.add_argument("--commits", type=int, default=COMMITS)
    parser.add_argument("--openings", type=int, default=OPENINGS)
    arguments = parser.parse_args()
    main(arguments.runs, arguments.commits, arguments.openings)
