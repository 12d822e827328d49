"""The next question (`n`) on the run screen (headless, 160x48) of the generated 200-question
session, every question answered and revealed, against a bare Textual screen that switches the
same widgets (the position, wording and help texts, and both answer editors, removed and mounted
anew for each question). The figure per key is the longest stretch the UI thread was busy.
Runs of the two alternate; the goal is quoted on the median of each run's p99. Both start as the
app does (`app_start.run_app`): the collector off until the first frame, which freezes what is
alive (`gcpause.settle_start`). Prints figures; asserts nothing."""

from __future__ import annotations

import asyncio
import gc
import os
import random
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.dashboard_bench import _fresh_process, _FullCollections, _session, _Stalls
from facilitator.bank.model import Question
from facilitator.base.gcpause import settle_start

PRESSES = 80
ROUNDS = 3


def _p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


async def _run_screen(folder: Path) -> list[float]:
    from screens.app import FacilitatorApp
    from screens.start import RunSession

    _fresh_process()
    workshop = _session(folder, random.Random(4))
    # As `app_start.run_app`: the collector off from here; the app's first frame freezes what
    # is alive and turns it on (`settle_start`, in `FacilitatorApp.on_mount`).
    gc.disable()
    app = FacilitatorApp(sessions_dir=folder / "sessions", start=RunSession(workshop))
    stalls, samples = _Stalls(_FullCollections()), []
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        watcher = asyncio.create_task(stalls.watch())

        async def next_question() -> None:
            await pilot.press("n")
            await pilot.pause()

        for _ in range(PRESSES):
            await stalls.during(next_question, samples, "next")
        stalls.running = False
        await watcher
    workshop.close()
    return samples


async def _bare_screen(questions: list[Question]) -> list[float]:
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
    stalls, samples = _Stalls(_FullCollections()), []
    async with app.run_test(size=(160, 48)) as pilot:
        await app.show(0)
        await pilot.pause()
        watcher = asyncio.create_task(stalls.watch())
        for index in range(1, PRESSES + 1):

            async def switch(index: int = index) -> None:
                await app.show(index)
                await pilot.pause()

            await stalls.during(switch, samples, "switch")
        stalls.running = False
        await watcher
    return samples


async def _figures() -> dict[str, list[list[float]]]:
    from facilitator.bank.parser import parse_bank

    folder = Path(tempfile.mkdtemp(prefix="facilitator-next-"))
    os.environ["FACILITATOR_CONFIG_DIR"] = str(folder / "config")
    os.environ["FACILITATOR_CACHE_DIR"] = str(folder / "cache")
    runs: dict[str, list[list[float]]] = {"run": [], "bare": []}
    for round_ in range(ROUNDS):
        (folder / str(round_)).mkdir()
        runs["run"].append(await _run_screen(folder / str(round_)))
        bank = folder / str(round_) / "generated.md"
        questions = list(parse_bank(bank.read_text(encoding="utf-8")).questions)
        runs["bare"].append(await _bare_screen(questions))
    return runs


def _line(name: str, runs: list[list[float]]) -> str:
    every = [sample for run in runs for sample in run]
    p99s = [_p99(run) for run in runs]
    return (
        f"  {name:44s}median {statistics.median(every) * 1000:6.1f} ms   "
        f"p99 {statistics.median(p99s) * 1000:6.1f} ms (median of {len(runs)} runs)   "
        f"max {max(every) * 1000:6.1f} ms"
    )


def main() -> None:
    runs = asyncio.run(_figures())
    print(f"Next question (n), 160x48, {PRESSES} keys a run, {ROUNDS} alternating runs each;")
    print("  longest UI-thread stall per key:")
    print(_line("run screen, generated 200-question session", runs["run"]))
    print(_line("bare screen switching the same widgets", runs["bare"]))
    ratio = statistics.median(_p99(r) for r in runs["run"]) / statistics.median(
        _p99(r) for r in runs["bare"]
    )
    print(f"  ratio of p99s, run / bare                   {ratio:.2f}x   (goal: p99 <= 100 ms)")


if __name__ == "__main__":
    main()
