"""Moving between questions leaves nothing behind: after a warm-up (Textual's bounded caches of
regions, styles and cell widths fill with what this screen draws), going back and forth between
two questions keeps the number of objects alive level. Textual caches each lookup by id per
node under a count of that node's DOM changes, and each next question mounts new editors, so
every lookup after it was a new entry kept until 1,024 newer ones: ~50 objects a key
(`gone_lines.forget_stale_queries`)."""

from __future__ import annotations

import gc
from pathlib import Path

from workshop_support import app_for, first_workshop

WARM_UP = 12
PRESSES = 24
PER_PRESS = 15
"""Objects a move may add for good: the session's own event, and what Textual's bounded caches
still take in (7 a move here; 43 when every lookup was kept)."""


async def test_moving_between_questions_keeps_the_objects_alive_level(tmp_path: Path) -> None:
    workshop = first_workshop(tmp_path / "sessions")
    app = app_for(workshop)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()

        async def back_and_forth(presses: int) -> None:
            for index in range(presses):
                await pilot.press("n" if index % 2 == 0 else "p")
                await pilot.pause()

        await back_and_forth(WARM_UP)
        gc.collect()
        before = len(gc.get_objects())
        await back_and_forth(PRESSES)
        gc.collect()
        grown = len(gc.get_objects()) - before
        assert grown <= PER_PRESS * PRESSES, f"{grown / PRESSES:.0f} objects a move stay alive"
    workshop.close()
