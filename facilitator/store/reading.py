"""Reading recorded sessions without writing or locking anything: one session, or every session in
a folder as the lines of a listing."""

from __future__ import annotations

from pathlib import Path

from ..base.errors import FacilitatorError
from ..base.gcpause import collection_paused
from ..session.records import SessionRecord, SessionSummary
from ..session.times import total_from_events
from .journal import read_tables
from .rows import is_events_table, record_from_tables


def read_session(path: Path) -> SessionRecord:
    """Read a session without writing or locking anything, even while it is open elsewhere."""
    with collection_paused():
        # Each events row is checked by `record_from_tables`, which names it.
        tables, _, _ = read_tables(path, rows_checked=is_events_table)
        record, _ = record_from_tables(path, tables)
    return record


def list_sessions(directory: Path) -> list[SessionSummary]:
    """Every session in `directory`, newest first; unreadable files are listed with the reason."""
    entries = map(_summary, directory.glob("*.json"))
    return [summary for _, summary in sorted(entries, key=lambda entry: entry[0], reverse=True)]


def _summary(path: Path) -> tuple[float, SessionSummary]:
    """One file's line in the listing and when it started (for an unreadable file, its mtime).

    Nothing here may raise: one dangling symlink or file deleted mid-listing must not hide the
    others.
    """
    try:
        record = read_session(path)
    except FacilitatorError as error:
        summary = SessionSummary(path, None, 0, str(error))
    except OSError as error:
        summary = SessionSummary(path, None, 0, f"{path}: {error.strerror}")
    else:
        last = record.events[-1].time if record.events else None
        total = total_from_events(record.events)
        summary = SessionSummary(
            path, record.meta, len(record.events), None, record.bank, last, total
        )
        return record.meta.created, summary
    try:
        return path.stat().st_mtime, summary
    except OSError:
        return 0, summary
