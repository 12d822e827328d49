"""A journaled write looks at the tables it changed, not at every table of the session, and in a
table at the documents it changed: the work of a commit must not grow with the number of event
pages or of answers (issue 14, item 2)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import Query, TinyDB
from tinydb.table import Document

from facilitator.base.atomic import write_atomic
from facilitator.store.journal import encode_snapshot, journal_path, read_tables
from facilitator.store.pagetable import PageTinyDB
from facilitator.store.storage import JournalStorage


class _CountedLookups(dict[str, Any]):
    """The storage's record of the tables it has seen, counting how many it is asked about."""

    asked = 0

    def get(self, name: str, default: Any = None) -> Any:
        _CountedLookups.asked += 1
        return super().get(name, default)

    def __contains__(self, name: object) -> bool:
        _CountedLookups.asked += 1
        return super().__contains__(name)


def _tables_looked_at_per_insert(directory: Path, pages: int) -> int:
    session = directory / f"pages-{pages}.json"
    tables = {f"events-{n:04d}": {"1": {"n": n}} for n in range(pages)}
    write_atomic(session, encode_snapshot(tables, 0))
    db = PageTinyDB(session, storage=JournalStorage)
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    # What a write consults to tell a changed table from an untouched one.
    storage._seen = _CountedLookups(storage._seen)
    events = db.table(f"events-{pages - 1:04d}")
    events.insert(Document({"n": 0}, doc_id=2))
    _CountedLookups.asked = 0
    events.insert(Document({"n": 1}, doc_id=3))
    db.close()
    return _CountedLookups.asked


def test_an_insert_looks_at_one_table_however_many_pages_there_are(tmp_path: Path) -> None:
    assert _tables_looked_at_per_insert(tmp_path, 3) == 1
    assert _tables_looked_at_per_insert(tmp_path, 200) == 1


def test_changes_through_any_mutator_or_a_whole_new_dict_are_journaled(tmp_path: Path) -> None:
    session = tmp_path / "s.json"
    write_atomic(session, encode_snapshot({"a": {"1": {"v": 1}}, "b": {"1": {"v": 2}}}, 0))
    storage = JournalStorage(session)
    data = storage.read()
    data.update({"c": {"1": {"v": 3}}})  # not `[name] =`: every table is looked at
    storage.write(data)
    data = storage.read()
    del data["a"]
    storage.write(data)
    storage.write({"b": {"1": {"v": 4}}})  # as `drop_tables()` does, with a new dict
    storage.write(storage.read())  # nothing changed, nothing written
    lines = journal_path(session).read_text().splitlines()
    assert len(lines) == 3
    storage.close(compact=False)
    assert read_tables(session)[0] == {"b": {"1": {"v": 4}}}


class _CountedCopy(dict[str, Any]):
    """The storage's copy of a table as journaled, counting the documents it is asked about."""

    asked = 0

    def get(self, doc_id: str, default: Any = None) -> Any:
        _CountedCopy.asked += 1
        return super().get(doc_id, default)

    def pop(self, doc_id: str, *default: Any) -> Any:
        _CountedCopy.asked += 1
        return super().pop(doc_id, *default)


def _documents_looked_at_per_upsert(directory: Path, answers: int) -> int:
    session = directory / f"answers-{answers}.json"
    rows = {str(n): {"v": n} for n in range(1, answers + 1)}
    write_atomic(session, encode_snapshot({"answers": rows}, 0))
    db = PageTinyDB(session, storage=JournalStorage)
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    storage._copies["answers"] = _CountedCopy(storage._copies["answers"])
    table = db.table("answers")
    _CountedCopy.asked = 0
    table.upsert(Document({"v": "changed"}, doc_id=1))  # an answer edited
    table.upsert(Document({"v": "new"}, doc_id=answers + 1))  # and a new one
    table.remove(doc_ids=[2])  # a draft given up
    db.close()
    assert read_tables(session)[0]["answers"] == {
        "1": {"v": "changed"},
        **{str(n): {"v": n} for n in range(3, answers + 1)},
        str(answers + 1): {"v": "new"},
    }
    return _CountedCopy.asked


def test_a_write_to_a_table_looks_at_the_documents_it_changed_however_many_it_holds(
    tmp_path: Path,
) -> None:
    # Comparing every answer at each commit cost ~0.4 ms of the writer's Python at 800 answers.
    assert _documents_looked_at_per_upsert(tmp_path, 5) == 3
    assert _documents_looked_at_per_upsert(tmp_path, 500) == 3


_VALUES = st.none() | st.integers() | st.text(max_size=3) | st.lists(st.integers(), max_size=2)
_KINDS = ("insert", "insert_multiple", "upsert", "update", "update_where", "remove")
_OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from([*_KINDS, "remove_where", "truncate", "drop"]),
        st.sampled_from(["answers", "drafts"]),
        st.integers(1, 5),
        _VALUES,
    ),
    max_size=25,
)


def _apply(db: TinyDB, operation: str, name: str, doc_id: int, value: Any) -> None:
    table, row = db.table(name), Query()
    if operation == "insert" and not table.contains(doc_id=doc_id):
        table.insert(Document({"v": value}, doc_id=doc_id))
    elif operation == "insert_multiple":
        table.insert_multiple([{"v": value}, {"v": [value]}])
    elif operation == "upsert":
        table.upsert(Document({"v": value, f"k{doc_id}": 1}, doc_id=doc_id))
    elif operation == "update" and table.contains(doc_id=doc_id):
        table.update({"v": value}, doc_ids=[doc_id])  # in place, after looking it up
    elif operation == "update_where":
        table.update({"w": value}, row.v == value)
    elif operation == "remove" and table.contains(doc_id=doc_id):
        table.remove(doc_ids=[doc_id])
    elif operation == "remove_where":
        table.remove(row.v == value)
    elif operation == "truncate":
        table.truncate()
    elif operation == "drop":
        db.drop_table(name)


@settings(max_examples=60, deadline=None)
@given(_OPERATIONS)
def test_any_writes_journal_the_same_records_as_under_stock_tinydb(operations: list[Any]) -> None:
    """Stock TinyDB's tables are compared document by document; `PageTinyDB`'s name what they
    touched. The journals must be byte for byte the same, and each replays to the state."""
    with tempfile.TemporaryDirectory() as folder:
        stock_path, pages_path = Path(folder) / "stock.json", Path(folder) / "pages.json"
        for path in (stock_path, pages_path):
            write_atomic(path, encode_snapshot({"answers": {"1": {"v": 0}}}, 0))
        stock = TinyDB(stock_path, storage=JournalStorage, compact_every=10**6)
        pages = PageTinyDB(pages_path, storage=JournalStorage, compact_every=10**6)
        for operation in operations:
            _apply(stock, *operation)
            _apply(pages, *operation)
            assert journal_path(pages_path).read_bytes() == journal_path(stock_path).read_bytes()
            # A write that changes nothing journals nothing, not even the empty table it made.
            state = {name: rows for name, rows in pages.storage.read().items() if rows}
            replayed = {name: rows for name, rows in read_tables(pages_path)[0].items() if rows}
            assert replayed == json.loads(json.dumps(state))
        stock.storage.close(compact=False)
        pages.storage.close(compact=False)
