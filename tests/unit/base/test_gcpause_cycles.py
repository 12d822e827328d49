"""What a pause freezes: everything alive, not only what the block built. An object alive during
a large read or fold and later dropped in a cycle (a screen: its widgets point at their parent)
is frozen, so the cyclic collector never frees it; only `unsettle` hands it back, and only the
editor calls that. Each replay opened (a read and folds, each freezing) and closed in the app
then keeps its screen, and through it the Replay, every event and checkpoint, until the end."""

from __future__ import annotations

import subprocess
import sys

import pytest

_CYCLE = """
import gc
import weakref
from facilitator.base.gcpause import FREEZE_ABOVE, collection_paused

class Screen:
    pass

gc.collect()
screen = Screen()
screen.parent = screen  # a cycle, as a screen's widgets and their parent are
gone = weakref.ref(screen)
with collection_paused():
    fold = [[] for _ in range(FREEZE_ABOVE + 1)]  # a seek in a long session
del screen
gc.collect()
print(gone() is None)
"""


@pytest.mark.xfail(
    strict=True,
    reason="review finding, not fixed: collection_paused freezes everything alive; a screen "
    "alive during a fold and closed later is never collected (see the module's docstring)",
)
def test_a_cycle_alive_during_a_large_pause_is_freed_once_dropped():
    # In a process of its own: freezing is for the whole process, and the test run must not be.
    result = subprocess.run(
        [sys.executable, "-c", _CYCLE], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True"]
