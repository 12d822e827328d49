"""Opening and closing the full dashboard again and again keeps nothing more alive: every
opening pushes the one screen kept for the run screen (no new dashboard built), and the objects
alive (after a full collection) stay put.

Each opening used to keep about 15,000 objects for good, through three of Textual's structures
that hold what a widget gone no longer needs: the app's watchers of `theme` (the dashboard and
all under it), `StylesCache.get_inner_outer`'s lru_cache (each widget's rendered lines), and the
run screen's Footer's watchers of `compact` (the keys it rebuilt as the screen came back); and
then each opening built a new dashboard, whose widgets' cycles the collector had to find."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from workshop_support import app_for, first_workshop

from facilitator.base.clock import ManualClock
from screens.dashboard import DashboardScreen
from screens.widgets.dashboard import Dashboard

OPENINGS = 6
GROWN_AT_MOST = 400
"""Objects alive after `OPENINGS` more openings: Textual's bounded caches of small values still
take a few per opening (some 15 here); one dashboard kept took thousands."""


def _alive() -> int:
    gc.collect()
    return len(gc.get_objects())


async def test_opening_and_closing_the_full_view_keeps_nothing_of_it(tmp_path: Path):
    workshop = first_workshop(tmp_path / "sessions", ManualClock(1_763_900_000.0))
    app = app_for(workshop)
    shown: list[weakref.ref[Dashboard]] = []

    async def open_and_close() -> None:
        await pilot.press("d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        shown.append(weakref.ref(screen.dashboard))
        del screen
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()

    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        # The first openings fill what lives as long as the app (styles, Textual's caches).
        for _ in range(2):
            await open_and_close()
        before = _alive()
        for _ in range(OPENINGS):
            await open_and_close()
        grown = _alive() - before
        dashboards = {id(dashboard()) for dashboard in shown}
    workshop.close()
    assert len(dashboards) == 1, f"{len(dashboards)} dashboards built for one run screen"
    assert grown <= GROWN_AT_MOST, f"{grown:,} more objects alive after {OPENINGS} openings"
