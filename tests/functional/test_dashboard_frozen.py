"""The dashboard in a process that froze its start, as the app does: the collector is held off
while a dashboard is built and what it built is frozen once its rows are rendered (no full
collection during an opening), and opening and closing it again and again does not grow the
frozen set without bound: the closed dashboards are freed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OPENINGS = 12

_OPEN_AND_CLOSE = f"""
import asyncio, gc, sys, weakref
from pathlib import Path
sys.path.insert(0, "tests/functional")
from workshop_support import app_for, first_workshop
from facilitator.base import gcpause
from screens.dashboard import DashboardScreen

full = []
gc.callbacks.append(lambda phase, info: info["generation"] == 2 and full.append(phase))


async def main(sessions):
    workshop = first_workshop(Path(sessions))
    gc.disable()  # as app_start.run_app: the app freezes its start at its first frame
    app = app_for(workshop)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        print(gc.isenabled(), gc.get_freeze_count() > 0)
        screens, frozen, during = [], [], []
        for _ in range({OPENINGS}):
            before = len(full)
            await pilot.press("d")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            for _ in range(200):
                if screen.dashboard.settled:
                    break
                await asyncio.sleep(0.01)
            during.append(len(full) - before)
            screens.append(weakref.ref(screen))
            print(screen.dashboard.settled, gc.isenabled())
            del screen
            await pilot.press("escape")
            await pilot.pause()
            frozen.append(f"{{sys.getallocatedblocks()}}/{{gcpause._collected_heap}}")
        print(*during)
        print(*frozen)
        print(*(int(screen() is not None) for screen in screens))
    workshop.close()


asyncio.run(main(sys.argv[1]))
"""


@pytest.mark.slow
def test_opening_and_closing_the_dashboard_settles_it_and_does_not_grow_the_frozen_set(tmp_path):
    # In a process of its own: freezing is for the whole process, and the test run must not be.
    (tmp_path / "sessions").mkdir()
    result = subprocess.run(
        [sys.executable, "-c", _OPEN_AND_CLOSE, str(tmp_path / "sessions")],
        capture_output=True, text=True, cwd=ROOT, check=True, timeout=300,
        env=os.environ | {"FACILITATOR_CONFIG_DIR": str(tmp_path / "config"),
                          "FACILITATOR_CACHE_DIR": str(tmp_path / "cache")},
    )  # fmt: skip
    started, *opened, during, frozen, kept = result.stdout.splitlines()
    assert started == "True True"
    # Each dashboard was settled, with the collector on again once it was.
    assert opened == ["True True"] * OPENINGS
    # No full collection while a dashboard was built: the collector was held off.
    assert during.split() == ["0"] * OPENINGS
    counts = [[int(n) for n in pair.split("/")] for pair in frozen.split()]
    # After each closing the heap is at most twice what it was at the last collection of the
    # frozen set (a closed dashboard's cycles wait there; they are collected once it doubled).
    assert all(heap <= 2 * collected for heap, collected in counts), frozen
    # A collection changed what was left (it shrinks: nothing of the closed dashboards is kept
    # alive, test_dashboard_leak.py).
    assert any(collected != counts[0][1] for _, collected in counts), "never collected"
    # The closed dashboards still alive are those closed since that collection, no older one.
    alive = [int(flag) for flag in kept.split()]
    assert alive[0] == 0 and alive == sorted(alive), kept
