"""The next question (`n`) on the run screen (headless, 160x48) of the generated 200-question
session, every question answered and revealed, against a bare Textual screen that switches the
same widgets (the position, wording and help texts, and both answer editors, removed and mounted
anew for each question). The figure per key is the longest stretch the UI thread was busy.
Runs of the two alternate; the goal is quoted on the median of each run's p99. Both start as the
app does (`app_start.run_app`): the collector off until the first frame, which freezes what is
alive (`gcpause.settle_start`). Beside the stalls: the UI thread's CPU time per key
(`time.thread_time`, which the machine's other processes do not inflate) and the full
collections that ran during the keys. `--presses` and `--rounds` shorten a run while iterating.
Prints figures; asserts nothing."""

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
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.dashboard_bench import _fresh_process, _FullCollections, _session, _Stalls
from facilitator.bank.model import Question
from facilitator.base.gcpause import settle_start

PRESSES = 80
ROUNDS = 3


@dataclass
class _Keys:
    """One run's figures per key: the longest stall, the UI thread's CPU time; and the time of
    each full collection that ran during the keys."""

    stalls: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    collections: list[float] = field(default_factory=list)

    async def measure(self, stalls: _Stalls, action: Callable[[], Awaitable[None]]) -> None:
        async def timed() -> None:
            started = time.thread_time()
            await action()
            self.cpu.append(time.thread_time() - started)

        await stalls.during(timed, self.stalls, "key")


def _p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


async def _run_screen(folder: Path, presses: int) -> _Keys:
    from screens.app import FacilitatorApp
    from screens.start import RunSession

    _fresh_process()
    workshop = _session(folder, random.Random(4))
    # As `app_start.run_app`: the collector off from here; the app's first frame freezes what
    # is alive and turns it on (`settle_start`, in `FacilitatorApp.on_mount`).
    gc.disable()
    app = FacilitatorApp(sessions_dir=folder / "sessions", start=RunSession(workshop))
    stalls, keys = _Stalls(_FullCollections()), _Keys()
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        watcher = asyncio.create_task(stalls.watch())

        async def next_question() -> None:
            await pilot.press("n")
            await pilot.pause()

        with stalls.collections:
            for _ in range(presses):
                await keys.measure(stalls, next_question)
        stalls.running = False
        await watcher
    workshop.close()
    keys.collections = stalls.collections.times.get("key", [])
    return keys


async def _bare_screen(questions: list[Question], presses: int) -> _Keys:
    """The same widgets switched by a screen that does nothing else."""
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal, Vertical
    from textual.widgets import Footer, Static

    from screens.widgets.editors import editor_for
    from screens.widgets.question_text import help_text, wording_text

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(id="position")
            yield Static(id="question")
            yield Static(id="help")
            with Horizontal():
                yield Vertical(id="slot-a")
                yield Vertical(id="slot-b")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(settle_start)

        async def show(self, index: int) -> None:
            question = questions[index % len(questions)]
            self.query_one("#position", Static).update(f"question {index + 1}")
            self.query_one("#question", Static).update(wording_text(question, {}))
            self.query_one("#help", Static).update(help_text(question))
            for slot in ("#slot-a", "#slot-b"):
                box = self.query_one(slot, Vertical)
                await box.remove_children()
                await box.mount(editor_for(question, "A"))

    # Started as the app is: the collector off to its first frame, which freezes what is alive.
    _fresh_process()
    gc.disable()
    app = Bare()
    stalls, keys = _Stalls(_FullCollections()), _Keys()
    async with app.run_test(size=(160, 48)) as pilot:
        await app.show(0)
        await pilot.pause()
        watcher = asyncio.create_task(stalls.watch())
        with stalls.collections:
            for index in range(1, presses + 1):

                async def switch(index: int = index) -> None:
                    await app.show(index)
                    await pilot.pause()

                await keys.measure(stalls, switch)
        stalls.running = False
        await watcher
    keys.collections = stalls.collections.times.get("key", [])
    return keys


async def _figures(presses: int, rounds: int) -> dict[str, list[_Keys]]:
    from facilitator.bank.parser import parse_bank

    folder = Path(tempfile.mkdtemp(prefix="facilitator-next-"))
    os.environ["FACILITATOR_CONFIG_DIR"] = str(folder / "config")
    os.environ["FACILITATOR_CACHE_DIR"] = str(folder / "cache")
    runs: dict[str, list[_Keys]] = {"run": [], "bare": []}
    for round_ in range(rounds):
        (folder / str(round_)).mkdir()
        runs["run"].append(await _run_screen(folder / str(round_), presses))
        bank = folder / str(round_) / "generated.md"
        questions = list(parse_bank(bank.read_text(encoding="utf-8")).questions)
        runs["bare"].append(await _bare_screen(questions, presses))
    return runs


def _line(name: str, runs: list[list[float]]) -> str:
    every = [sample for run in runs for sample in run]
    p99s = [_p99(run) for run in runs]
    return (
        f"  {name:44s}median {statistics.median(every) * 1000:6.1f} ms   "
        f"p99 {statistics.median(p99s) * 1000:6.1f} ms (median of {len(runs)} runs)   "
        f"max {max(every) * 1000:6.1f} ms"
    )


def _collections(name: str, runs: list[_Keys]) -> str:
    every = [t for run in runs for t in run.collections]
    longest = f"{max(every) * 1000:.1f} ms" if every else "-"
    median = f"{statistics.median(every) * 1000:.1f} ms" if every else "-"
    counts = ", ".join(str(len(run.collections)) for run in runs)
    return f"  {name:44s}{counts} a run; median {median}, longest {longest}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=PRESSES, help="keys a run")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="alternating runs of each")
    options = parser.parse_args()
    runs = asyncio.run(_figures(options.presses, options.rounds))
    print(
        f"Next question (n), 160x48, {options.presses} keys a run, "
        f"{options.rounds} alternating runs each;"
    )
    print("  longest UI-thread stall per key:")
    print(_line("run screen, generated 200-question session", [r.stalls for r in runs["run"]]))
    print(_line("bare screen switching the same widgets", [r.stalls for r in runs["bare"]]))
    ratio = statistics.median(_p99(r.stalls) for r in runs["run"]) / statistics.median(
        _p99(r.stalls) for r in runs["bare"]
    )
    print(f"  ratio of p99s, run / bare                   {ratio:.2f}x   (goal: p99 <= 100 ms)")
    print("  UI thread's CPU time per key (thread_time):")
    print(_line("run screen", [r.cpu for r in runs["run"]]))
    print(_line("bare screen", [r.cpu for r in runs["bare"]]))
    print("  full collections during the keys:")
    print(_collections("run screen", runs["run"]))
    print(_collections("bare screen", runs["bare"]))


if __name__ == "__main__":
    main()
