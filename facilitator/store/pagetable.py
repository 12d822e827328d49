"""A TinyDB table whose writes cost what they change, not what the table holds.

Stock TinyDB's `Table._update_table` rebuilds the written table twice per write: once with
integer ids for the change, once back with string ids for the storage. For an events page of up
to 1,000 documents that was most of a commit's Python (~0.25 ms, against ~0.3 ms for the
`fdatasync` itself). Here the change runs on a plain copy of the table (one C-level dict copy)
seen through integer ids, converting only the ids the change touches. The copy stays: the
storage finds the tables a write changed by identity (`JournalStorage._changed_lines`), and the
copy names the documents the change touched (`WrittenTable`), so the storage compares those
alone with what it journaled before, not every answer of the session.

The documents, their order and the bytes written are the same as stock TinyDB's for the ids
this store writes (`str(int)`), so files stay readable by stock TinyDB.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table


class WrittenTable(dict[str, Any]):
    """A table as a `PageTable` write left it, naming the documents that write may have changed.

    `written` holds every id the change looked up, set or deleted (TinyDB's updaters change a
    document in place after looking it up), in the order first touched; None when the change
    may have touched them all (`clear()`). Reads hand out copies of documents, so a document
    changes only through a write: ids not named are as the table before this write had them.
    The copies are shallow: this holds while no caller changes a stored document's nested values
    in place (the store never does; an answer's value is shared with its event and state), and
    while every change runs in the store's `batch()`, whose failure fails every later write.
    """

    __slots__ = ("written",)

    def __init__(self, table: dict[str, Any]) -> None:
        super().__init__(table)
        self.written: dict[str, None] | None = {}


class _IntIds(MutableMapping[int, Any]):
    """A table's documents by integer id, stored under string ids in `raw`."""

    __slots__ = ("_raw", "_to_id")

    def __init__(self, raw: WrittenTable, to_id: Callable[[str], int]) -> None:
        self._raw = raw
        self._to_id = to_id

    def _touch(self, doc_id: int) -> str:
        key = str(doc_id)
        if self._raw.written is not None:
            self._raw.written[key] = None
        return key

    def __getitem__(self, doc_id: int) -> Any:
        return self._raw[self._touch(doc_id)]

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        self._raw[self._touch(doc_id)] = doc

    def __delitem__(self, doc_id: int) -> None:
        del self._raw[self._touch(doc_id)]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self._raw

    def __iter__(self) -> Iterator[int]:
        return map(self._to_id, list(self._raw))

    def __len__(self) -> int:
        return len(self._raw)

    def clear(self) -> None:
        self._raw.clear()
        self._raw.written = None


class PageTable(Table):
    """`Table` with `_update_table` in O(change) (see the module's docstring)."""

    def _update_table(self, updater: Callable[[dict[int, Mapping[str, Any]]], None]) -> None:
        tables = self._storage.read()
        if tables is None:
            tables = {}
        table = WrittenTable(tables.get(self.name, {}))
        # TinyDB's updaters use only the mapping protocol (in, [], del, pop, keys, clear).
        updater(_IntIds(table, self.document_id_class))  # type: ignore[arg-type]
        tables[self.name] = table
        self._storage.write(tables)
        self.clear_cache()


class PageTinyDB(TinyDB):
    """TinyDB whose tables are `PageTable`s."""

    table_class = PageTable
