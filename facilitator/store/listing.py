"""The session library: saved sessions as rows to list and filter, and deleting one to the trash.

Deleting never destroys anything: the session file and every file kept beside it (its journal,
backups, lock, files set aside by `recover`) move together into `<sessions>/.trash/`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..bank.catalog import bank_titles
from ..base.atomic import fsync_dir
from ..base.durations import format_clock
from ..base.errors import FacilitatorError
from ..base.locations import trash_dir
from ..base.text import clean_text
from ..session.records import ENDED, BankCopy, SessionSummary
from .lock import SessionLock, SessionLockedError
from .sessionstore import list_sessions

COLUMNS = ("Date", "Title", "Status", "Duration", "Parties", "Bank")
"""Long names (parties, bank) last: a narrow screen crops them, not the status."""

STATUS_WORDS = {ENDED: "ended"}
"""How a status reads in a list; anything else is a session one can still resume."""


class TrashError(FacilitatorError):
    """The session cannot be moved to the trash now; nothing was moved."""


@dataclass(frozen=True)
class SessionRow:
    """One saved session as the library and `facilitator sessions` show it."""

    path: Path
    cells: tuple[str, ...]
    """Text in `COLUMNS` order."""
    ended: bool
    readable: bool = True

    def matches(self, query: str) -> bool:
        """Every word of `query` appears in some cell or in the file name, ignoring case."""
        haystack = " ".join((*self.cells, self.path.name)).casefold()
        return all(word in haystack for word in query.casefold().split())


def library(directory: Path) -> list[SessionRow]:
    """Every session in `directory`, newest first; an unreadable file says why in its row."""
    summaries = list_sessions(directory)
    titles = bank_titles((s.bank.source, s.bank.sha256) for s in summaries if s.bank)
    return [row_of(summary, titles) for summary in summaries]


def filtered(rows: list[SessionRow], query: str) -> list[SessionRow]:
    return [row for row in rows if row.matches(query)]


def row_of(summary: SessionSummary, titles: dict[str, str] | None = None) -> SessionRow:
    """`summary` as a row; `titles` holds the titles of the banks (by sha256) if known."""
    meta = summary.meta
    if meta is None:
        cells = ("", summary.path.name, f"unreadable: {summary.error}", "", "", "")
        return SessionRow(summary.path, tuple(map(clean_text, cells)), ended=False, readable=False)
    end = meta.ended if meta.ended is not None else summary.last_time
    cells = (
        datetime.fromtimestamp(meta.created).strftime("%Y-%m-%d %H:%M"),
        meta.title,
        STATUS_WORDS.get(meta.status, "in progress"),
        format_clock(end - meta.created) if end is not None else "",
        f"{meta.party_a} ⟷ {meta.party_b}",
        bank_title(summary.bank, titles) if summary.bank else "",
    )
    # Shown in a terminal (`facilitator sessions`, the library): no control character of a
    # title or a party name may reach it raw.
    cells = tuple(map(clean_text, cells))
    return SessionRow(summary.path, cells, ended=meta.status == ENDED)


def bank_title(bank: BankCopy, titles: dict[str, str] | None = None) -> str:
    """The title of the bank a session ran, or its file name if that copy no longer parses.
    Titles are cached by content (`bank.catalog`): most sessions share a handful of banks, and
    parsing one takes ~10 ms."""
    if titles is None or bank.sha256 not in titles:
        titles = bank_titles([(bank.source, bank.sha256)])
    return titles[bank.sha256] or Path(bank.path).name


def companions(session: Path) -> list[Path]:
    """The session file and every file kept beside it under its name, the session first."""
    prefixes = (session.name + ".", "." + session.name + ".")
    found = sorted(path for path in session.parent.iterdir() if path.name.startswith(prefixes))
    return [session, *found]


def trash(session: Path) -> Path:
    """Move `session` and its companions into the trash folder beside it; returns its new path.

    Refused (TrashError) while the session is open for writing anywhere. Files are linked into
    the trash before any is unlinked, the session itself first: a crash midway leaves copies in
    both places, never a session without its journal.
    """
    try:
        lock = SessionLock(session)
    except SessionLockedError as error:
        raise TrashError(f"{error}; close it there before deleting it") from None
    try:
        folder = trash_dir(session.parent)
        folder.mkdir(mode=0o700, exist_ok=True)
        files = companions(session)
        moved = _link_group(files, folder, session.name)
        for path in files:
            path.unlink()
        fsync_dir(folder)
        fsync_dir(session.parent)
    finally:
        lock.release()
    return moved


def _link_group(files: list[Path], folder: Path, name: str) -> Path:
    """Hard-link every file into `folder` under names free there (the first number that frees
    all of them, so they stay together); returns the session's new path."""
    stem = name.removesuffix(".json")
    number = 1
    while True:
        renamed = f"{stem}.json" if number == 1 else f"{stem}~{number}.json"
        targets = [folder / path.name.replace(name, renamed, 1) for path in files]
        linked: list[Path] = []
        try:
            for source, target in zip(files, targets, strict=True):
                os.link(source, target)
                linked.append(target)
        except FileExistsError:
            # That name is taken: undo this attempt (its sources are all still in place).
            for target in linked:
                target.unlink()
            number += 1
        else:
            return targets[0]
