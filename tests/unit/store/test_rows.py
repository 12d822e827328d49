"""The row schema: a row of the wrong shape is a corrupt session, named, and frees the lock."""

from __future__ import annotations

import json
import operator
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_support import (
    START,
    create,
    edit_snapshot,
)

from facilitator.base.clock import ManualClock
from facilitator.session.records import (
    NOTE,
)
from facilitator.store import rows as rows_module
from facilitator.store.journal import (
    CorruptSessionError,
)
from facilitator.store.reading import list_sessions, read_session
from facilitator.store.rows import EVENTS_PER_TABLE
from facilitator.store.sessionstore import SessionStore

TIME = "a time (seconds since 1970, before the year 9999)"
WRONG_TYPES = [
    ("meta", {"created": "yesterday"}, f"meta 'created' is not {TIME}"),
    ("meta", {"ended": "x"}, f"meta 'ended' is not {TIME} or null"),
    ("meta", {"title": None}, "meta 'title' is not text"),
    ("meta", {"status": ["ended"]}, "meta 'status' is not 'in-progress' or 'ended'"),
    ("bank", {"source": 7}, "bank 'source' is not text"),
    ("events-0000", {"payload": [1]}, "events-0000 row 2 'payload' is not an object"),
    ("events-0000", {"seq": 2.5}, "events-0000 row 2 'seq' is not a whole number from 1"),
    ("events-0000", {"time": True}, f"events-0000 row 2 'time' is not {TIME}"),
    ("events-0000", {"type": None}, "events-0000 row 2 'type' is not text"),
    ("answers", {"prediction": [1]}, "answers row 1 'prediction' is not true or false"),
    ("answers", {"party": "c"}, "answers row 1 'party' is not 'a' or 'b'"),
    ("answers", {"revision": True}, "answers row 1 'revision' is not a whole number from 1"),
]


@pytest.mark.parametrize(("table", "fields", "problem"), WRONG_TYPES)
def test_a_value_of_the_wrong_type_is_a_corrupt_session(
    tmp_path: Path, table: str, fields: dict[str, object], problem: str
) -> None:
    with create(tmp_path) as store:
        store.commit_answer("q", "a", 1)
    doc_id = "2" if table.startswith("events-") else "1"
    edit_snapshot(store.path, table, doc_id, **fields)
    for attempt in (read_session, SessionStore.open):
        with pytest.raises(CorruptSessionError) as failure:
            attempt(store.path)
        message = str(failure.value)
        assert message.startswith(f"{store.path}: not a facilitator session ({problem})")
        assert "\n" not in message


def test_a_missing_field_is_a_corrupt_session(tmp_path: Path) -> None:
    with create(tmp_path) as store:
        pass
    raw = json.loads(store.path.read_text())
    del raw["meta"]["1"]["moderator"]
    store.path.write_text(json.dumps(raw))
    with pytest.raises(CorruptSessionError, match=re.escape("meta has no 'moderator'")):
        read_session(store.path)


def test_an_event_row_missing_a_field_is_named_even_among_a_thousand_good_ones(
    tmp_path: Path,
) -> None:
    """Whole tables of rows as the store writes them are checked at once; one bad row sends its
    table to the row-by-row check, which must still name it."""
    with create(tmp_path) as store:
        for number in range(EVENTS_PER_TABLE + 10):
            store.record(NOTE, {"text": f"{number}"})
    raw = json.loads(store.path.read_text())
    del raw["events-0001"]["1005"]["payload"]
    raw["events-0001"]["1006"]["extra"] = "ignored"
    store.path.write_text(json.dumps(raw))
    problem = "events-0001 row 1005 has no 'payload'"
    with pytest.raises(CorruptSessionError, match=re.escape(problem)):
        read_session(store.path)


def test_an_answer_row_id_that_is_not_a_number_is_corrupt_and_frees_the_lock(
    tmp_path: Path,
) -> None:
    with create(tmp_path) as store:
        store.commit_answer("q", "a", 1)
    raw = json.loads(store.path.read_text())
    raw["answers"] = {"abc": raw["answers"]["1"]}
    store.path.write_text(json.dumps(raw))
    message = f"{store.path}: not a facilitator session (answers row abc has an id that is not"
    for _ in range(2):  # not SessionLockedError the second time: the failed open let go
        with pytest.raises(CorruptSessionError, match="^" + re.escape(message)):
            SessionStore.open(store.path)


def test_list_sessions_lists_files_with_wrong_types_as_unreadable(tmp_path: Path) -> None:
    clock = ManualClock(START)
    for title, (table, fields, _) in enumerate(WRONG_TYPES):
        with create(tmp_path, clock, title=str(title)) as store:
            store.commit_answer("q", "a", 1)
        edit_snapshot(store.path, table, "2" if table.startswith("events-") else "1", **fields)
    with create(tmp_path, clock, title="good"):
        pass

    summaries = list_sessions(tmp_path)
    assert [summary.meta.title for summary in summaries if summary.meta] == ["good"]
    errors = sorted(summary.error for summary in summaries if summary.error)
    assert len(errors) == len(WRONG_TYPES)
    assert all("not a facilitator session" in error for error in errors)


def test_an_event_number_out_of_order_across_two_tables_is_named(tmp_path: Path) -> None:
    """Each table's rows are checked on their own; the order is also checked where one table
    ends and the next begins."""
    with create(tmp_path) as store:
        for number in range(EVENTS_PER_TABLE + 2):
            store.record(NOTE, {"text": f"{number}"})
    raw = json.loads(store.path.read_text())
    first = raw["events-0001"][str(EVENTS_PER_TABLE + 1)]
    first["seq"] = 5
    store.path.write_text(json.dumps(raw))
    with pytest.raises(CorruptSessionError, match="event 5 is out of order or given twice"):
        read_session(store.path)


_SCALARS = (
    st.none() | st.booleans() | st.integers(-5, 2**64) | st.floats(-1.0, 2e11) | st.text(max_size=3)
)
_JSON_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
)
_FIELD_VALUES = {
    "seq": st.integers(1, 40) | _JSON_VALUES,
    "time": st.floats(0, 2e9) | st.integers(0, 2 * 10**9) | _JSON_VALUES,
    "type": st.sampled_from(["note", "speaker"]) | _JSON_VALUES,
    "payload": st.dictionaries(st.text(max_size=3), st.integers(), max_size=2) | _JSON_VALUES,
}
_ROW = st.fixed_dictionaries({}, optional={**_FIELD_VALUES, "extra": _JSON_VALUES})
"""Rows are objects: a table of anything else is refused before its rows are read."""


@settings(max_examples=300, deadline=None)
@given(st.lists(_ROW, max_size=6) | st.lists(st.fixed_dictionaries(_FIELD_VALUES), max_size=6))
def test_a_table_checked_at_once_reads_exactly_as_one_checked_row_by_row(rows):
    """The fast check of a whole events table either takes every row as the row-by-row check
    would (the same events and numbers), or sends the table to that check; it never accepts a
    row the other refuses."""
    table = {str(number): row for number, row in enumerate(rows, 1)}
    columns = rows_module._columns_if_as_written(list(table.values()))
    try:
        slow = [rows_module._event_from_row("t", doc_id, row) for doc_id, row in table.items()]
    except rows_module._InvalidRow:
        assert columns is None
        return
    values = list(table.values())
    built, numbers, times, types, payloads, kinds = rows_module._events_from_table(
        "t", table, values
    )
    # Taken at once, the events are made from the rows when asked for, and only where their
    # numbers grow (then no pass looks at their order again).
    assert (built is None) == (columns is not None)
    events = list(rows_module._events_of(values)) if built is None else built
    assert events == slow
    assert built is not None or all(map(operator.lt, numbers, numbers[1:]))
    assert list(numbers) == [event.seq for event in slow]
    assert list(times) == [event.time for event in slow]
    assert list(types) == [event.type for event in slow]
    # Taken at once, the types are the interned strings, so later passes over them compare
    # strings that lie together in memory.
    assert columns is None or all(kind is sys.intern(kind) for kind in types)
    assert all(map(operator.is_, payloads, [event.payload for event in events]))
    assert len(payloads) == len(events)
    assert kinds == {event.type for event in slow}
    if columns is not None:
        assert all(event.__dict__ is row for event, row in zip(events, rows, strict=True))


@pytest.mark.parametrize("as_written", [True, False])
def test_a_session_read_keeps_its_events_columns_and_makes_its_events_when_asked(
    tmp_path: Path, as_written: bool
) -> None:
    """The record's columns are its events' fields, in order, whether each table was checked
    at once (its events then made from the rows when asked for) or row by row."""
    with create(tmp_path) as store:
        for number in range(EVENTS_PER_TABLE + 2):
            store.record(NOTE, {"text": f"{number}"})
    if not as_written:
        # A field the store never writes sends the first table to the row-by-row check.
        edit_snapshot(store.path, "events-0000", "2", extra=1)
    record = read_session(store.path)
    assert isinstance(record.events, rows_module.RowEvents) is as_written
    events = tuple(record.events)
    assert len(events) == EVENTS_PER_TABLE + 3  # the session's start, and the notes
    assert record.event_seqs == tuple(event.seq for event in events)
    assert record.event_times == tuple(event.time for event in events)
    assert record.event_types == tuple(event.type for event in events)
    assert all(map(operator.is_, record.event_payloads, (event.payload for event in events)))
    assert record.event_kinds == {event.type for event in events}


@pytest.mark.parametrize("row", [["seq", "time", "type", "payload"], "seq!", 7, None])
def test_an_events_row_that_is_no_object_is_named(tmp_path: Path, row: object) -> None:
    """Reading leaves the events rows to the row check (`rows_checked`), which names the one
    that is no object; the writer's opening still refuses the file as a whole."""
    with create(tmp_path) as store:
        store.record(NOTE, {"text": "x"})
    raw = json.loads(store.path.read_text())
    raw["events-0000"]["2"] = row
    store.path.write_text(json.dumps(raw))
    with pytest.raises(CorruptSessionError, match="events-0000 row 2 is not an object"):
        read_session(store.path)
    with pytest.raises(CorruptSessionError, match="not a TinyDB database"):
        SessionStore.open(store.path)
    raw["meta"]["1"] = ["title"]
    store.path.write_text(json.dumps(raw))
    with pytest.raises(CorruptSessionError, match="not a TinyDB database"):
        read_session(store.path)
