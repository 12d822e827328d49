"""Sessions on disk: the one writer (store, committer, journal, lock), the row schema, recovery,
and the session library with its trash.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..base.lazy import lazy_exports

if TYPE_CHECKING:
    from .listing import (
        COLUMNS,
        Doomed,
        SessionRow,
        delete_for_good,
        doomed,
        empty_trash,
        filtered,
        library,
        restore,
        trash,
        trashed,
    )
    from .reading import read_session
    from .recovery import recover
    from .sessionstore import SessionStore

__all__ = [
    "COLUMNS",
    "Doomed",
    "SessionRow",
    "SessionStore",
    "delete_for_good",
    "doomed",
    "empty_trash",
    "filtered",
    "library",
    "read_session",
    "recover",
    "restore",
    "trash",
    "trashed",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "COLUMNS": "listing",
        "Doomed": "listing",
        "delete_for_good": "listing",
        "doomed": "listing",
        "empty_trash": "listing",
        "restore": "listing",
        "trashed": "listing",
        "SessionRow": "listing",
        "SessionStore": "sessionstore",
        "filtered": "listing",
        "library": "listing",
        "read_session": "reading",
        "recover": "recovery",
        "trash": "listing",
    },
)
