"""A journaled write looks at the tables it changed, not at every table of the session: the work
of a commit must not grow with the number of event pages (issue 14, item 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
