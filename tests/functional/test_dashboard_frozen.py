"""The dashboard in a process that froze its start, as the app does: the collector is held off
while the full view is built and what it built is frozen once its rows are rendered (no full
collection during the first opening); later openings push the same screen again, so opening
and closing it again and again builds nothing new to freeze or collect: the frozen set stays
put, no closing runs a collection, and what a full collection would walk stays small (a tab
first shown at a later opening is frozen too, once its rows are rendered)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OPENINGS = 12
WALKED_AT_MOST = 40_000
"""Objects a full collection walks (tracked, not frozen) with the full view open: the run
screen's and the app's few thousand, and what the frames allocate; a dashboard's rows and
widgets left unfrozen are over 50,000 more."""

_OPEN_AND_CLOSE = f"""
import asyncio, gc, sys
from pathlib import Path
sys.path.insert(0, "tests/functional")
from workshop_support import app_for, first_workshop
from facilitator.base import gcpause
from screens.dashboard import DashboardScreen

full, unsettled = [], []
gc.callbacks.append(lambda phase, info: info["generation"] == 2 and phase == "start"
                    and full.append(phase))
collect_frozen = gcpause._collect_frozen
gcpause._collect_frozen = lambda: (unsettled.append(1), collect_frozen())[1]


async def main(sessions):
    workshop = first_workshop(Path(sessions))
    gc.disable()  # as app_start.run_app: the app freezes its start at its first frame
    app = app_for(workshop)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        print(gc.isenabled(), gc.get_freeze_count() > 0)
        screens, frozen, opening, closing, walked = set(), [], [], [], []
        for index in range({OPENINGS}):
            if index % 3 == 2:
                # Another section's question: its tab is first shown at the next opening.
                workshop.next_section()
                await pilot.pause()
            before = len(full)
            await pilot.press("d")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            for _ in range(200):
                if screen.dashboard.settled:
                    break
                await asyncio.sleep(0.01)
            opening.append(len(full) - before)
            screens.add(id(screen))
            print(screen.dashboard.settled, gc.isenabled())
            walked.append(len(gc.get_objects()))
            del screen
            before = len(full)
            await pilot.press("escape")
            await pilot.pause()
            await asyncio.sleep(0.05)
            closing.append(len(full) - before)
            frozen.append(gc.get_freeze_count())
        print(len(screens), len(unsettled))
        print(*opening)
        print(*closing)
        print(*frozen)
        print(*walked)
    workshop.close()


asyncio.run(main(sys.argv[1]))
"""


@pytest.mark.slow
def test_opening_and_closing_the_dashboard_settles_it_and_builds_nothing_new(tmp_path):
    # In a process of its own: freezing is for the whole process, and the test run must not be.
    (tmp_path / "sessions").mkdir()
    result = subprocess.run(
        [sys.executable, "-c", _OPEN_AND_CLOSE, str(tmp_path / "sessions")],
        capture_output=True, text=True, cwd=ROOT, check=True, timeout=300,
        env=os.environ | {"FACILITATOR_CONFIG_DIR": str(tmp_path / "config"),
                          "FACILITATOR_CACHE_DIR": str(tmp_path / "cache")},
    )  # fmt: skip
    started, *opened, screens, opening, closing, frozen, walked = result.stdout.splitlines()
    assert started == "True True"
    # Each opening left the dashboard settled, with the collector on again once it was.
    assert opened == ["True True"] * OPENINGS
    # One screen, pushed again at every opening; and closing it frees nothing, so it never
    # collects the frozen objects (`gcpause._collect_frozen`, a pass over every object of the
    # process: a new screen each time left its widgets' cycles there, collected every few
    # closings).
    assert screens == "1 0"
    # No full collection while it was built (the collector was held off); later, only the
    # collector's own now and then: what an opening or a closing allocates is little and
    # short-lived (a pass walks only what is not frozen: see the last check).
    during = [int(n) for n in opening.split()]
    assert during[0] == 0, opening
    assert sum(during) + sum(int(n) for n in closing.split()) <= OPENINGS // 3, (opening, closing)
    # Nothing new is frozen by an opening that shows no new tab (a new question's tab, built
    # and frozen once, is what grows it): no leak into the frozen set.
    counts = [int(n) for n in frozen.split()]
    grown = [counts[i] - counts[i - 1] for i in range(1, OPENINGS) if i % 3 != 2]
    assert max(grown) < 1_000, frozen
    # Tabs first shown at a later opening were frozen too: a full collection walks little.
    assert max(int(n) for n in walked.split()) < WALKED_AT_MOST, walked
