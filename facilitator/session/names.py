"""The session's names (title, parties, moderator) at any moment, renames included.

The meta row keeps the newest names; each "session.renamed" event keeps the values it replaced,
so the names a session started with are the first `before` of each renamed field, and the names
at a moment are those with the renames folded so far (`WorkshopState.renamed`) laid over them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .records import NAME_FIELDS, SESSION_RENAMED, Event, SessionMeta

if TYPE_CHECKING:
    from .state import WorkshopState


def newest_names(meta: SessionMeta) -> dict[str, str]:
    return {name: getattr(meta, name) for name in NAME_FIELDS}


def first_names(meta: SessionMeta, events: Iterable[Event]) -> dict[str, str]:
    """The names the session started with."""
    names = newest_names(meta)
    seen: set[str] = set()
    for event in events:
        if event.type != SESSION_RENAMED:
            continue
        before = event.payload.get("before")
        if not isinstance(before, dict):
            continue
        for name in NAME_FIELDS:
            if name in before and name not in seen:
                names[name] = str(before[name])
                seen.add(name)
    return names


def names_at(first: Mapping[str, str], state: WorkshopState) -> dict[str, str]:
    """The names as they were at `state`'s moment."""
    return {**first, **state.renamed}


def party_names(names: Mapping[str, str]) -> dict[str, str]:
    """{"a": ..., "b": ...} from a mapping of `NAME_FIELDS`."""
    return {"a": names["party_a"], "b": names["party_b"]}
