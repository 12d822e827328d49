"""Session files and journal lines are read by orjson where it reads them exactly as the json
module does, and by json (with its own error messages) wherever it might not."""

import json
from functools import partial

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.store.journal import read_json

VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


def outcome(read, data: bytes) -> tuple[str, str]:
    """What reading `data` gives, compared as text so 1 and 1.0 (or 0.0 and -0.0) differ."""
    try:
        return "value", json.dumps(read(data))
    except (ValueError, RecursionError) as error:
        return type(error).__name__, str(error)


def snapshot_json(data: bytes) -> object:
    """How a snapshot is read when orjson is not used."""
    return json.loads(data.decode("utf-8"))


@given(VALUES, st.booleans())
def test_any_json_value_reads_as_the_json_module_reads_it(value, ascii_only):
    data = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    for slow in (snapshot_json, json.loads):
        assert outcome(partial(read_json, slow=slow), data) == outcome(slow, data)


@pytest.mark.parametrize(
    "data",
    [
        b"123456789012345678901234567890",  # orjson would read a float
        b"-9223372036854775809",
        b"[18446744073709551615, -9223372036854775808]",
        b"[1e400, NaN, -Infinity]",
        b'"\\ud800"',
        b'\xef\xbb\xbf{"a": 1}',
        b'{"a": "\xe9"}',
        b"[1,]",
        b'{"a": 1, "a": 2}',
        b"-0",
        b"[-0.0, 5e-324, 1.7976931348623157e308, 0.1]",
        b"[" * 100_000,
        b"",
    ],
)
def test_what_orjson_refuses_or_reads_differently_is_left_to_json(data):
    for slow in (snapshot_json, json.loads):
        assert outcome(partial(read_json, slow=slow), data) == outcome(slow, data)


def test_a_session_as_the_store_writes_it_is_read_by_orjson():
    def refuse(data: bytes) -> object:
        raise AssertionError("json was asked")

    row = {"seq": 7, "time": 1_700_000_000.25, "type": "note", "payload": {"text": "é [b]x[/]"}}
    data = json.dumps({"events-0000": {"7": row}}).encode("ascii")
    assert read_json(data, refuse) == {"events-0000": {"7": row}}
