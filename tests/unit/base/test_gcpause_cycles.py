"""What a pause freezes: everything alive, not only what the block built. An object alive during
a large read or fold and later dropped in a cycle (a screen: its widgets point at their parent)
is frozen, and the cyclic collector never looks at frozen objects. Each replay opened (a read
and folds, each freezing) and closed in the app kept its screen, and through it the Replay,
every event and checkpoint, until the app quit: memory grew with every replay."""

from __future__ import annotations

import subprocess
import sys

REPLAYS = 40

_CYCLES = f"""
import gc
import weakref
from facilitator.base.gcpause import FREEZE_ABOVE, collection_paused

class Screen:
    pass

gc.collect()
screens = []
for _ in range({REPLAYS}):
    screen = Screen()
    screen.parent = screen  # a cycle, as a screen's widgets and their parent are
    with collection_paused():
        screen.checkpoints = [[] for _ in range(FREEZE_ABOVE + 1)]  # what its folds built
    screens.append(weakref.ref(screen))
    del screen  # the screen goes
gc.collect()
print(sum(screen() is not None for screen in screens))
"""


def test_screens_alive_during_large_pauses_are_freed_once_dropped_all_but_a_bounded_few():
    # In a process of its own: freezing is for the whole process, and the test run must not be.
    result = subprocess.run(
        [sys.executable, "-c", _CYCLES], capture_output=True, text=True, check=True
    )
    kept = int(result.stdout)
    # The frozen objects are reclaimed each time they have doubled: at most about half of them
    # are garbage at any time, however many replays come and go.
    assert kept <= REPLAYS // 2, f"{kept} of {REPLAYS} dropped screens are never freed"
