"""`PageTinyDB`: a write to a table costs what it changes, not the table's size, and leaves the
same data as stock TinyDB."""

from __future__ import annotations

from typing import Any

import pytest
from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document, Table

from facilitator.store.pagetable import PageTable, PageTinyDB


class _CountedId(int):
    """A document id class that counts how many ids TinyDB converts."""

    made = 0

    def __new__(cls, value: Any) -> _CountedId:
        _CountedId.made += 1
        return super().__new__(cls, value)


class _CountedStock(Table):
    document_id_class = _CountedId


class _CountedPage(PageTable):
    document_id_class = _CountedId


def _conversions_per_insert(table_class: type[Table], size: int) -> int:
    class Db(TinyDB):
        pass

    Db.table_class = table_class
    db = Db(storage=MemoryStorage)
    events = db.table("events-0000")
    events.insert_multiple(Document({"n": n}, doc_id=n) for n in range(1, size + 1))
    _CountedId.made = 0
    events.insert(Document({"n": size + 1}, doc_id=size + 1))
    return _CountedId.made


def test_an_insert_converts_no_ids_however_large_the_table() -> None:
    # Stock TinyDB rebuilds the whole table per write (the counter sees every id), which made
    # a commit's Python grow with its events page; PageTable touches only the new document.
    assert _conversions_per_insert(_CountedStock, 1000) >= 1000
    assert _conversions_per_insert(_CountedPage, 10) == 0
    assert _conversions_per_insert(_CountedPage, 1000) == 0


def test_a_write_hands_the_storage_a_new_table_leaving_the_old_one_alone() -> None:
    db = PageTinyDB(storage=MemoryStorage)
    table = db.table("answers")
    table.insert(Document({"v": 1}, doc_id=1))
    before = db.storage.read()["answers"]
    table.insert(Document({"v": 2}, doc_id=2))
    after = db.storage.read()["answers"]
    # JournalStorage finds the tables a write changed by identity, and diffs append-only ones
    # by their length before and after.
    assert after is not before
    assert before == {"1": {"v": 1}}
    assert after == {"1": {"v": 1}, "2": {"v": 2}}


def _operations(db: TinyDB) -> None:
    row = Query()
    answers = db.table("answers")
    answers.insert_multiple({"q": f"q{n}", "v": n} for n in range(6))
    answers.insert(Document({"q": "x", "v": 9}, doc_id=20))
    answers.upsert(Document({"q": "q1", "v": 11}, doc_id=2))
    answers.upsert(Document({"q": "new", "v": 12}, doc_id=30))
    answers.update({"v": 0}, row.v == 3)
    answers.update({"seen": True}, doc_ids=[1, 99])
    answers.update_multiple([({"v": 5}, row.q == "q4")])
    answers.remove(row.v == 2)
    answers.remove(doc_ids=[20, 98])
    answers.insert({"q": "after", "v": 7})
    db.table("drafts").insert({"d": 1})
    db.table("drafts").truncate()
    db.table("gone").insert({"g": 1})
    db.drop_table("gone")
    with pytest.raises(ValueError, match="already exists"):
        answers.insert(Document({"q": "dup"}, doc_id=1))


def test_the_same_operations_leave_the_same_data_in_the_same_order() -> None:
    stock, pages = TinyDB(storage=MemoryStorage), PageTinyDB(storage=MemoryStorage)
    _operations(stock)
    _operations(pages)
    assert pages.storage.read() == stock.storage.read()
    for name, table in stock.storage.read().items():
        assert list(pages.storage.read()[name].items()) == list(table.items())
