"""Party seats with the room screen on: the same load as `seats_bench` (2 parties x 10 devices
following and posting on loopback), against the real app (Textual, headless) with `--seats`.

Run from the repository root: `python benchmarks/seats_ui_bench.py [--seconds 60]` (default
10). The app, its run screen and the seat server share one event loop, as in a workshop; the
devices run in a second process. Figures:
- POST -> durable ack, as the devices see it with the room screen redrawing meanwhile;
- commit -> room screen updated: from a seat's answer entering the `Workshop` until the run
  screen has put that state into its panes (the next frame paints it);
- the UI thread's longest stall (how late the loop runs a 5 ms timer), and requests per second;
- how many times the run screen was laid out again during the load, and what that cost;
- how busy the UI thread was (its CPU time per second: unlike latencies, this hardly moves with
  what else the machine runs).
It prints figures and checks nothing, so a slow machine never fails a build.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from multiprocessing import resource_tracker
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.seats_bench import BANK, PARTIES, THINK, _load, _moderator, _row, _stalls


async def _run(folder: Path, seconds: float, think: float) -> tuple[dict, list, list]:
    from facilitator.base.settings import Settings
    from facilitator.live.workshop import Workshop
    from facilitator.seats.launch import SeatOptions
    from facilitator.session.records import AnswerKey
    from screens.app import FacilitatorApp
    from screens.run import RunScreen
    from screens.start import RunSession

    bank = folder / "bank.md"
    bank.write_text(BANK, encoding="utf-8")
    workshop = Workshop.start(folder / "sessions", bank, title="Bench")
    app = FacilitatorApp(
        sessions_dir=folder / "sessions",
        start=RunSession(workshop, SeatOptions(bind="127.0.0.1", port=0)),
        settings=Settings(),
    )
    commits: list[tuple[float, AnswerKey, int]] = []
    updates: list[float] = []
    stalls: list[float] = []
    layouts: list[float] = []

    commit = workshop.commit_answer

    def timed_commit(*arguments, **options):
        future = commit(*arguments, **options)
        key = AnswerKey(arguments[0], arguments[1], bool(options.get("prediction")))
        commits.append((time.perf_counter(), key, workshop.state.answers[key].revision))
        return future

    workshop.commit_answer = timed_commit  # type: ignore[method-assign]
    # The devices' process is started from inside the app, whose stderr is captured (no file
    # descriptor): start multiprocessing's resource tracker now, while stderr is a real one.
    resource_tracker.ensure_running()

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # the join panel closes: the room screen is what is drawn
        screen = app.screen
        assert isinstance(screen, RunScreen) and app.seats is not None
        server = app.seats
        # The moderator admits every device at once (in the app, a y per device).
        server.seating.subscribe(lambda seats: [seats.admit(d.id) for d in seats.pending()])
        show = screen.show_state

        async def timed_show(state) -> None:
            await show(state)
            now = time.perf_counter()
            waiting = []
            for when, key, revision in commits:
                answer = state.answers.get(key)
                if answer is not None and answer.revision >= revision:
                    updates.append(now - when)
                else:
                    waiting.append((when, key, revision))
            commits[:] = waiting

        screen.show_state = timed_show  # type: ignore[method-assign]
        relayout = screen._refresh_layout

        def timed_layout(*arguments, **options) -> None:
            started = time.perf_counter()
            relayout(*arguments, **options)
            layouts.append(time.perf_counter() - started)

        screen._refresh_layout = timed_layout  # type: ignore[method-assign]
        stop, running = asyncio.Event(), asyncio.Event()
        secrets = {party: server.seating.secret(party) for party in PARTIES}
        load = asyncio.ensure_future(
            _load(server.origin, secrets, "/p/{party}", seconds, think, running)
        )
        await running.wait()
        watchers = [
            asyncio.ensure_future(_stalls(stop, stalls)),
            asyncio.ensure_future(_moderator(workshop, stop)),
        ]
        layouts.clear()  # those of the start and the join panel's closing are not the load's
        busy = time.thread_time()
        try:
            out = await load
        finally:
            stop.set()
            await asyncio.gather(*watchers)
        out["layouts"] = layouts[:]
        out["busy"] = time.thread_time() - busy
        await pilot.press("q")
        await app.workers.wait_for_complete()
    workshop.close()
    return out, updates, stalls


def main(seconds: float = 10.0, think: float = THINK) -> None:
    print(
        f"party seats with the room screen: {len(PARTIES)} parties x 10 devices on loopback, "
        f"{seconds:g} s, a post every {think:g} s per device, the app headless at 120x40"
    )
    with tempfile.TemporaryDirectory() as temporary:
        out, updates, stalls = asyncio.run(_run(Path(temporary), seconds, think))
    print(f"{'':>28} {'median ms':>10} {'p99 ms':>8} {'max ms':>8} {'samples':>8}")
    print(_row("POST -> durable ack", out["acks"]))
    print(_row("commit -> room screen", updates))
    print(_row("UI thread stall", stalls))
    print(_row("room screen layout", out["layouts"]))
    print(f"{'layouts per second':>28} {len(out['layouts']) / seconds:.1f}")
    print(f"{'UI thread busy':>28} {out['busy'] / seconds:.0%} (its CPU time per second of load)")
    print(f"{'requests per second':>28} {out['requests'] / seconds:.0f}")
    print(
        f"{'refused saves':>28} {out['conflicts']} changed on another device, {out['errors']} other"
    )


if __name__ == "__main__":
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--seconds", type=float, default=10.0, help="load time (default 10)")
    arguments.add_argument(
        "--think", type=float, default=THINK, help="seconds between a device's posts"
    )
    given = arguments.parse_args()
    main(given.seconds, given.think)
