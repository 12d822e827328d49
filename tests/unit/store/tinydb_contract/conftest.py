"""TinyDB 4.9.0's `tests/conftest.py` (MIT, see LICENSE), with two more kinds of `db`: the
store's `JournalStorage` on a fresh session file, under stock TinyDB and under the store's own
`PageTinyDB` (tables whose writes cost what they change)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from tinydb import JSONStorage, TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import MemoryStorage

from facilitator.base.atomic import write_atomic
from facilitator.store.journal import encode_snapshot
from facilitator.store.pagetable import PageTinyDB
from facilitator.store.storage import JournalStorage


@pytest.fixture(params=["memory", "json", "journal", "pages"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TinyDB]:
    if request.param == "json":
        db_ = TinyDB(tmp_path / "test.db", storage=JSONStorage)
    elif request.param in ("journal", "pages"):
        session = tmp_path / "session.json"
        write_atomic(session, encode_snapshot({}, 0))
        kind = TinyDB if request.param == "journal" else PageTinyDB
        db_ = kind(session, storage=JournalStorage)
    else:
        db_ = TinyDB(storage=MemoryStorage)

    db_.drop_tables()
    db_.insert_multiple({"int": 1, "char": c} for c in "abc")

    yield db_
    db_.close()


@pytest.fixture
def storage() -> MemoryStorage:
    return CachingMiddleware(MemoryStorage)()


NOT_CONTRACT = {
    f"test_table_repr[{kind}]": "matches the class names of TinyDB's own storages"
    for kind in ("journal", "pages")
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.name in NOT_CONTRACT:
            item.add_marker(pytest.mark.skip(reason=NOT_CONTRACT[item.name]))
