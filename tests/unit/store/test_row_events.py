"""A session's events read from a file are made from their rows when asked for
(`rows.RowEvents`), and behave as the tuple of them would: length, indexes, slices, order,
comparison."""

from __future__ import annotations

import operator

from hypothesis import given
from hypothesis import strategies as st

from facilitator.session.records import Event
from facilitator.store.rows import RowEvents

_ROWS = st.lists(
    st.builds(
        lambda seq, time, kind, text: {
            "seq": seq, "time": time, "type": kind, "payload": {"text": text}
        },
        st.integers(1, 10**6), st.floats(0, 2e9), st.sampled_from(["note", "speaker"]), st.text(),
    ),
    max_size=8,
)  # fmt: skip


def _tuple(rows: list[dict]) -> tuple[Event, ...]:
    return tuple(Event(**row) for row in rows)


@given(_ROWS, st.integers(-10, 10), st.slices(10), st.booleans())
def test_row_events_read_as_the_tuple_of_their_events(rows, index, cut, all_first):
    events, expected = RowEvents(rows), _tuple(rows)
    if all_first:
        # Asked for all, they are made and kept; before, each one asked for is made alone.
        assert events.every() == expected
    assert len(events) == len(expected) and bool(events) == bool(expected)
    if -len(expected) <= index < len(expected):
        assert events[index] == expected[index]
    assert events[cut] == expected[cut]
    assert isinstance(events[cut], tuple)
    assert list(events) == list(expected)
    assert list(reversed(events)) == list(reversed(expected))
    assert events == expected and events == RowEvents(list(rows)) and events != (*expected, 1)
    assert repr(events) == repr(expected)
    if expected:
        assert expected[-1] in events and events.index(expected[-1]) == expected.index(expected[-1])


def test_each_event_is_its_row_not_a_copy():
    rows = [{"seq": 1, "time": 0.0, "type": "note", "payload": {}}]
    events = RowEvents(rows)
    assert events[0].__dict__ is rows[0]
    assert all(map(operator.is_, (event.__dict__ for event in events), rows))
