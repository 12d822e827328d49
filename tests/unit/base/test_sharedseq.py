"""A Chain behaves as an immutable tuple, whichever of its versions is appended to."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.base.sharedseq import Chain


@given(st.lists(st.tuples(st.integers(0, 50), st.lists(st.integers(), max_size=3)), max_size=60))
def test_every_version_keeps_exactly_its_items_whatever_is_appended_later(steps):
    versions: list[tuple[Chain[int], tuple[int, ...]]] = [(Chain(), ())]
    for pick, items in steps:
        chain, model = versions[pick % len(versions)]
        grown = chain.extended(iter(items))
        versions.append((grown, (*model, *items)))
    for chain, model in versions:
        assert list(chain) == list(model)
        assert len(chain) == len(model)
        assert chain == model
        assert model == chain
        assert chain == Chain(model)
        assert hash(chain) == hash(Chain(model))
        assert chain[1:] == model[1:]
        if model:
            assert (chain[0], chain[-1]) == (model[0], model[-1])


def test_indexing_past_the_end_fails_even_when_a_later_version_is_longer():
    short = Chain([1])
    short.extended((2,))
    assert len(short) == 1
    with pytest.raises(IndexError):
        short[1]
    with pytest.raises(IndexError):
        short[-2]


def test_a_chain_is_not_equal_to_a_list_or_other_sequences():
    assert Chain([1]) != [1]
    assert repr(Chain([1, 2])) == "Chain([1, 2])"
