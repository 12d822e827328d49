"""Live validation in the bank editor on a generated 1,000-question bank: a full parse against the
re-validation one keystroke costs, in the domain and in the running app (headless). Prints
figures next to the issue's baseline; asserts nothing."""

from __future__ import annotations

import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from markdown_it import MarkdownIt

from benchmarks.generate import generated_bank
from facilitator.bank.editing import LiveValidator
from facilitator.bank.parser import BankParser

KEYSTROKES = 120
TYPED_INTO = "Help text that tells the moderator"
"""Keystrokes go into the help text of a question in the middle of the bank."""


def _p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def _ms(samples: list[float]) -> str:
    return (
        f"median {statistics.median(samples) * 1000:6.1f} ms   p99 {_p99(samples) * 1000:6.1f} ms"
        f"   max {max(samples) * 1000:6.1f} ms"
    )


def _timed(action: Callable[[], Any], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def _typing_position(text: str) -> int:
    """Just after the first words of a help paragraph halfway through the bank."""
    return text.index(TYPED_INTO, len(text) // 2) + len(TYPED_INTO)


def domain_figures(text: str) -> None:
    markdown = MarkdownIt("commonmark")
    raw = _timed(lambda: markdown.parse(text), 5)
    cold = _timed(lambda: BankParser("generated.md").review(text), 5)
    validator = LiveValidator("generated.md")
    validator.submit(text)
    validator.run()
    position = _typing_position(text)
    keystrokes = []
    for n in range(KEYSTROKES):
        text = text[:position] + "abcdefghij"[n % 10] + text[position:]
        position += 1
        started = time.perf_counter()
        validator.submit(text)
        validation = validator.run()
        keystrokes.append(time.perf_counter() - started)
        assert validation is not None and not validation.problems
    print(f"  full parse, markdown-it-py alone               {_ms(raw)}")
    print(f"  full validation (cold: every section parsed)   {_ms(cold)}")
    print(f"  one keystroke in one section, re-validation    {_ms(keystrokes)}")


class _FullCollections:
    """How many full (oldest-generation) collections ran, and for how long, while counting."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.times.append(time.perf_counter() - self._started)

    def __enter__(self) -> _FullCollections:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self)


async def _stock_figures(text: str) -> tuple[list[float], list[float]]:
    """The baseline: a stock TextArea with the editor's settings (Markdown, soft wrap, line
    numbers) on the same text at 160x48, the same keys typed at the same place."""
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class Stock(App[None]):
        def compose(self) -> ComposeResult:
            yield TextArea(text, language="markdown", soft_wrap=True, show_line_numbers=True)

    app = Stock()
    stalls: list[float] = []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        area = app.query_one(TextArea)
        area.focus()
        position = _typing_position(text)
        line = text.count("\n", 0, position)
        area.move_cursor((line, position - (text.rfind("\n", 0, position) + 1)))
        await pilot.pause()
        with _FullCollections() as collections:
            longest = 0.0
            running = True

            async def watch_the_loop() -> None:
                nonlocal longest
                while running:
                    started = time.perf_counter()
                    await asyncio.sleep(0.001)
                    longest = max(longest, time.perf_counter() - started - 0.001)

            watcher = asyncio.create_task(watch_the_loop())
            for n in range(KEYSTROKES):
                longest = 0.0
                await pilot.press("abcdefghij"[n % 10])
                await pilot.pause()
                stalls.append(longest)
            running = False
            await watcher
    return stalls, collections.times


async def _app_figures(
    text: str,
) -> tuple[list[float], list[float], list[float], list[float]]:
    """In the running app (headless), per keystroke: the longest stretch the UI thread was busy,
    the UI-thread time to show the validation that came back, and the time from the edit
    reaching the editor to its validation shown (parsed in a worker thread meanwhile); and the
    full collections that ran meanwhile.

    The collector is off until the app's first frame, as when `facilitator` starts it."""
    gc.disable()
    from screens.app import FacilitatorApp
    from screens.editor import EditorScreen
    from screens.start import EditBank
    from screens.widgets.bank_text import BankTextArea

    folder = Path(tempfile.mkdtemp(prefix="facilitator-bench-"))
    os.environ["FACILITATOR_CONFIG_DIR"] = str(folder / "config")
    os.environ["FACILITATOR_BANKS_DIR"] = str(folder / "banks")
    bank = folder / "generated.md"
    bank.write_text(text, encoding="utf-8")
    app = FacilitatorApp(sessions_dir=folder / "sessions", start=EditBank(bank))
    stalls: list[float] = []
    showing: list[float] = []
    latency: list[float] = []
    submitted: dict[int, float] = {}
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        validate, show_validation = screen.validate, screen.show_validation

        def timed_validate(edited: str) -> None:
            validate(edited)
            submitted[screen.validator.latest] = time.perf_counter()

        async def timed_show(validation: Any) -> None:
            started = time.perf_counter()
            await show_validation(validation)
            done = time.perf_counter()
            showing.append(done - started)
            latency.append(done - submitted[validation.generation])

        screen.validate = timed_validate  # type: ignore[method-assign]
        screen.show_validation = timed_show  # type: ignore[method-assign]
        area = screen.query_one(BankTextArea)
        position = _typing_position(text)
        line = text.count("\n", 0, position)
        column = position - (text.rfind("\n", 0, position) + 1)
        area.move_cursor((line, column))
        await pilot.pause()
        longest = 0.0
        running = True

        async def watch_the_loop() -> None:
            """A late wake-up of this 1 ms sleep is the time the UI thread was busy."""
            nonlocal longest
            while running:
                started = time.perf_counter()
                await asyncio.sleep(0.001)
                longest = max(longest, time.perf_counter() - started - 0.001)

        watcher = asyncio.create_task(watch_the_loop())
        with _FullCollections() as collections:
            for n in range(KEYSTROKES):
                longest = 0.0
                await pilot.press("abcdefghij"[n % 10])
                generation = screen.validator.latest
                while screen.validation is None or screen.validation.generation < generation:
                    await asyncio.sleep(0.001)
                stalls.append(longest)
        running = False
        await watcher
    return stalls, showing, latency, collections.times


def _collections(times: list[float]) -> str:
    longest = max(times, default=0.0) * 1000
    return f"{len(times)} full collections, longest {longest:.0f} ms"


def app_figures(text: str) -> None:
    stock, stock_collections = asyncio.run(_stock_figures(text))
    stalls, showing, latency, collections = asyncio.run(_app_figures(text))
    print(f"  stock TextArea (baseline): stall per key       {_ms(stock)}")
    print(f"    {_collections(stock_collections)} in {KEYSTROKES} keys")
    print(f"  in the app: longest UI-thread stall per key    {_ms(stalls)}")
    print(f"    {_collections(collections)} in {KEYSTROKES} keys")
    ratio = _p99(stalls) / _p99(stock)
    print(f"  p99 ratio, app / stock TextArea                {ratio:.2f}x   (goal <= 1.5x)")
    print(f"  in the app: showing a validation (UI thread)   {_ms(showing)}")
    print(f"  in the app: edit to its problems shown         {_ms(latency)}")


def main() -> None:
    text = generated_bank()
    questions = text.count("\n### ")
    print(f"Editor: generated bank of {questions} questions, {len(text) / 1024:.0f} KB")
    domain_figures(text)
    app_figures(text)
    print("  baseline (issue): full markdown-it-py parse ~300 ms; a keystroke validated within one")
    print("  frame (16 ms), off the UI thread")


if __name__ == "__main__":
    main()
