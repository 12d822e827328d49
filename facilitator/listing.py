"""The columns of a session listing, shared by `facilitator sessions` and the home screen."""

from __future__ import annotations

from datetime import datetime

from .durations import format_clock
from .session import SessionSummary

COLUMNS = ("Created", "Title", "Parties", "Duration", "Status", "Events")


def summary_cells(summary: SessionSummary) -> tuple[str, ...]:
    """One row of text per session, in `COLUMNS` order; an unreadable file says why."""
    meta = summary.meta
    if meta is None:
        return ("", summary.path.name, "", "", f"unreadable: {summary.error}", "")
    created = datetime.fromtimestamp(meta.created).strftime("%Y-%m-%d %H:%M")
    duration = format_clock(meta.ended - meta.created) if meta.ended is not None else ""
    return (
        created,
        meta.title,
        f"{meta.party_a} ⟷ {meta.party_b}",
        duration,
        meta.status,
        str(summary.event_count),
    )
