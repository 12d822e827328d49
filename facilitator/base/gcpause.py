"""Pausing Python's cyclic garbage collector while a session is read or folded.

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
