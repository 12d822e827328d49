"""Pausing Python's cyclic garbage collector while a session is read or folded, and freezing
what lives long (the start, the editor's bank, the dashboard) so that no full collection walks
it again.

Reading or folding a long session builds tens of thousands of objects and keeps nearly all of
them; the rest are freed by reference counting, as none of them form cycles. The collector
cannot find anything there, yet the allocations alone set it off: dozens of young collections,
and now and then a full one over every object in the process. Paused, it would still walk the
new objects at its next run, and again as they age into the older generations (20-50 ms each
for the ~300,000 objects of a 100,000-event session); so a pause that built many objects ends
by freezing them, which walks nothing.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

FREEZE_ABOVE = 10_000
"""A block that leaves more new objects than this alive freezes them: walking them once would
take over a millisecond, and the collector would walk them again as they age."""


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic collection inside the block, unless another thread's block ends first and turns
    the collector back on (harmless: only slower). Once every block has ended, the collector is
    on again if it was on before the first began.

    Where the block left more than `FREEZE_ABOVE` new objects alive (what the collector counts
    towards its next run), everything alive is frozen before the collector is turned on: freezing
    costs nothing however many there are, and what a read or a fold keeps holds no cycles, so
    reference counting still frees it. The price is that a cycle that became garbage since the
    last collection waits for the next `unsettle` (or for the heap to double, see `_freeze`)
    to be freed; that is rare (a read happens when a session is opened) and small
    (at most the few hundred objects that did not yet set off a young collection, and what the
    older generations hold until their next pass).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            new = gc.get_count()[0]
            if new > FREEZE_ABOVE:
                _freeze()
            gc.enable()


_collected_heap = 0
"""The heap's size (`sys.getallocatedblocks`) when the frozen objects were last collected, or
when the start was frozen. Frozen garbage (cycles that died frozen) keeps its blocks, so the
heap bounds it; counting the frozen objects instead walks every one of them (13-16 ms with a
100,000-event replay alive, at each opening and cold seek), reading the heap's size costs
microseconds."""


def _grown() -> bool:
    """Whether the heap has more than doubled since the frozen objects were last collected."""
    return sys.getallocatedblocks() > 2 * _collected_heap


def _collect_frozen() -> None:
    """Hand every frozen object back, collect once, and freeze what is left."""
    global _collected_heap
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    _collected_heap = sys.getallocatedblocks()


def _freeze() -> None:
    """Freeze everything alive; once the heap is more than twice what it was when the frozen
    objects were last collected, collect them first. A pause freezes all that is alive, not
    only what its block built: a screen open during a fold, later closed, is garbage in cycles
    that no collection would see, and each replay opened and closed would keep its whole
    session. So at most about half of the heap is frozen garbage, at the cost of one full
    collection each time it doubles (as the collector itself waits for its oldest generation
    to grow)."""
    gc.freeze()
    if _grown():
        _collect_frozen()


_settled = False
"""Whether this process froze its start (`settle_start`): the app does, a test run never."""


def settle_start() -> None:
    """Freeze everything alive now and turn the collector on: what the start built (modules,
    classes, the app and its first screen) lives as long as the process, so no collection need
    walk it again. Called once, at the app's first frame; the start kept the collector off."""
    global _settled, _collected_heap
    gc.freeze()
    _collected_heap = sys.getallocatedblocks()
    gc.enable()
    _settled = True


_holding = False
"""Whether `hold` turned the collector off."""


def hold() -> None:
    """Keep the collector off while a screen builds what it will then `settle` (the dashboard's
    rows: well over 100,000 objects, whose allocations would set off a full collection over
    them half-built). The next `settle` or `release` turns it back on. Only in a process that
    froze its start, and only if the collector is on (a pause of its own stays in force)."""
    global _holding
    if _settled and gc.isenabled():
        gc.disable()
        _holding = True


def release() -> None:
    """End a `hold` without settling (the screen went before it was built)."""
    global _holding
    if _holding:
        _holding = False
        gc.enable()


def settle() -> None:
    """Freeze what a screen just built to keep (the editor's bank: the text, the parsed sections,
    the outline; well over 100,000 objects): the full collections that every few keystrokes'
    allocations set off then walk only what is new. Only in a process that froze its start.
    Ends a `hold`."""
    if _settled:
        gc.freeze()
    release()


def unsettle() -> None:
    """When such a screen goes: hand every frozen object back, collect once (the screen's cycles
    are garbage now), and freeze what is left. Only in a process that froze its start."""
    release()
    if _settled:
        _collect_frozen()


def unsettle_when_grown() -> None:
    """`unsettle` once the heap has doubled since the frozen objects were last collected, for a
    screen that opens and closes often and drops what it kept as it goes (reference counting
    frees frozen objects too): what is left of it, the cycles of its widgets, waits in the
    frozen set. A full collection at every close would walk every object of the process (the
    start's too); so, as `_freeze` does, at most about half of the heap is frozen garbage."""
    release()
    if _settled and _grown():
        _collect_frozen()
