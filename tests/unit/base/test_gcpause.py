"""Reading and folding pause the cyclic garbage collector and leave it as they found it."""

import gc
import subprocess
import sys

import pytest

from facilitator.base.gcpause import collection_paused


@pytest.fixture
def collector():
    yield
    gc.enable()


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_inside_and_as_it_was_after(collector, enabled):
    (gc.enable if enabled else gc.disable)()
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled() is enabled
    with pytest.raises(KeyError), collection_paused():
        raise KeyError("x")
    assert gc.isenabled() is enabled


def test_a_pause_inside_another_leaves_the_outer_one_in_force(collector):
    with collection_paused():
        with collection_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


_SETTLING = """
import gc, weakref
from facilitator.base import gcpause

class Node:
    pass

gcpause.settle()
print(gc.get_freeze_count())  # not started by the app: nothing frozen
gc.disable()
gcpause.settle_start()
print(gc.isenabled(), gc.get_freeze_count() > 0)
node = Node()
node.me = node
gone = weakref.ref(node)
gcpause.settle()
del node
gc.collect()
print(gone() is not None)  # frozen: no collection walks it
gcpause.unsettle()
print(gone() is None, gc.get_freeze_count() > 0)  # collected once handed back; the rest frozen
"""


def test_a_settled_screen_is_never_walked_and_its_cycles_are_freed_when_it_goes():
    # In a process of its own: freezing is for the whole process, and the test run must not be.
    result = subprocess.run(
        [sys.executable, "-c", _SETTLING], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["0", "True", "True", "True", "True", "True"]


_FREEZING = """
import gc
from facilitator.base.gcpause import FREEZE_ABOVE, collection_paused

gc.collect()
with collection_paused():
    few = [[] for _ in range(100)]
print(gc.get_freeze_count())  # a small block: left to the collector
with collection_paused():
    many = [[] for _ in range(FREEZE_ABOVE + 1)]
print(gc.get_freeze_count() > FREEZE_ABOVE, gc.isenabled(), gc.get_count()[0] < 100)
frozen = gc.get_freeze_count()
del many
print(gc.get_freeze_count() <= frozen - FREEZE_ABOVE)  # still freed when no longer used
"""


def test_a_pause_that_built_many_objects_freezes_them_and_they_are_still_freed():
    # In a process of its own: freezing is for the whole process, and the test run must not be.
    result = subprocess.run(
        [sys.executable, "-c", _FREEZING], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["0", "True", "True", "True", "True"]


_HOLDING = """
import gc, sys, weakref
from facilitator.base import gcpause

class Node:
    pass

gcpause.hold()
print(gc.isenabled())  # not started by the app: nothing held
gc.disable()
gcpause.settle_start()
gcpause.hold()
print(gc.isenabled())  # held while a screen builds
gcpause.settle()
print(gc.isenabled())  # on again once settled
gcpause.hold()
gcpause.release()
print(gc.isenabled())  # on again when the screen went unsettled
gc.disable()
gcpause.hold()
gcpause.settle()
print(gc.isenabled())  # a pause the hold did not make stays in force
gc.enable()
start = sys.getallocatedblocks()
node = Node()
node.me = node
gone = weakref.ref(node)
gcpause.settle()
del node
gcpause.unsettle_when_grown()
print(gone() is not None)  # a few frozen cycles wait: no full collection for them
cycle = Node()
cycle.me = cycle
gone = weakref.ref(cycle)
filler = [[] for _ in range(2 * start)]  # a block each, at least
gcpause.settle()
del cycle
gcpause.unsettle_when_grown()
print(gone() is None, sys.getallocatedblocks() > 2 * start)  # doubled: collected, the rest frozen
"""


def test_a_hold_keeps_the_collector_off_until_settled_and_frozen_cycles_go_once_doubled():
    # In a process of its own: freezing is for the whole process, and the test run must not be.
    result = subprocess.run(
        [sys.executable, "-c", _HOLDING], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "False", "True", "True", "False"] + ["True"] * 3
