"""Sessions on disk: the one writer (store, committer, journal, lock), the row schema, recovery,
and the session library with its trash.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..base.lazy import lazy_exports

if TYPE_CHECKING:
    from .listing import COLUMNS, SessionRow, filtered, library, trash
    from .recovery import recover
    from .sessionstore import SessionStore, read_session

__all__ = [
    "COLUMNS",
    "SessionRow",
    "SessionStore",
    "filtered",
    "library",
    "read_session",
    "recover",
    "trash",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "COLUMNS": "listing",
        "SessionRow": "listing",
        "SessionStore": "sessionstore",
        "filtered": "listing",
        "library": "listing",
        "read_session": "sessionstore",
        "recover": "recovery",
        "trash": "listing",
    },
)
