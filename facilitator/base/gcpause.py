"""Pausing Python's cyclic garbage collector while a session is read or folded, and freezing
what lives long (the start, the editor's bank) so that no full collection walks it again.

Reading or folding a long session builds tens of thousands of objects and keeps nearly all of
them; the rest are freed by reference counting, as none of them form cycles. The collector
cannot find anything there, yet the allocations alone set it off: dozens of young collections,
and now and then a full one over every object in the process. Paused, it looks at the new
objects once, at its next run.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic collection inside the block, unless another thread's block ends first and turns
    the collector back on (harmless: only slower). Once every block has ended, the collector is
    on again if it was on before the first began."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_settled = False
"""Whether this process froze its start (`settle_start`): the app does, a test run never."""


def settle_start() -> None:
    """Freeze everything alive now and turn the collector on: what the start built (modules,
    classes, the app and its first screen) lives as long as the process, so no collection need
    walk it again. Called once, at the app's first frame; the start kept the collector off."""
    global _settled
    gc.freeze()
    gc.enable()
    _settled = True


def settle() -> None:
    """Freeze what a screen just built to keep (the editor's bank: the text, the parsed sections,
    the outline; well over 100,000 objects): the full collections that every few keystrokes'
    allocations set off then walk only what is new. Only in a process that froze its start."""
    if _settled:
        gc.freeze()


def unsettle() -> None:
    """When such a screen goes: hand every frozen object back, collect once (the screen's cycles
    are garbage now), and freeze what is left. Only in a process that froze its start."""
    if _settled:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
