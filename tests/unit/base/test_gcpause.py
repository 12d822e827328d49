"""Reading and folding pause the cyclic garbage collector and leave it as they found it."""

import gc

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
