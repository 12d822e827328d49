"""The changes a `SessionStore` hands its committer's thread, which applies them to TinyDB: one
function per kind of change, each called with the database last."""

from __future__ import annotations

from tinydb import TinyDB
from tinydb.table import Document

from ..session.records import ENDED, Answer, Event
from .rows import ANSWERS, DRAFTS, META, ONLY, answer_row, event_row, events_table


def insert_event(event: Event, db: TinyDB) -> None:
    db.table(events_table(event.seq)).insert(Document(event_row(event), doc_id=event.seq))


def save_answer(
    event: Event, answer: Answer, doc_id: int, draft_id: int | None, db: TinyDB
) -> None:
    insert_event(event, db)
    db.table(ANSWERS).upsert(Document(answer_row(answer), doc_id=doc_id))
    if draft_id is not None:
        remove_row(DRAFTS, draft_id, db)


def upsert_row(table: str, row: Document, db: TinyDB) -> None:
    db.table(table).upsert(row)


def remove_row(table: str, doc_id: int, db: TinyDB) -> None:
    rows = db.table(table)
    if rows.contains(doc_id=doc_id):
        rows.remove(doc_ids=[doc_id])


def end_session(event: Event, db: TinyDB) -> None:
    insert_event(event, db)
    db.table(META).update({"ended": event.time, "status": ENDED}, doc_ids=[ONLY])


def rename_session(event: Event, changes: dict[str, str], db: TinyDB) -> None:
    insert_event(event, db)
    db.table(META).update(changes, doc_ids=[ONLY])
