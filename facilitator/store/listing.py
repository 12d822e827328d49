"""The session library: saved sessions as rows to list and filter; the trash.

Deleting moves, never destroys: the session file, every file kept beside it (its journal,
backups, lock, files set aside by `recover`) and the reports exported from it
(`<sessions>/exports/<name>.*`) move together into `<sessions>/.trash/` (the exports into its
`exports/`). From there a session is restored as it was, or deleted for good (alone, or with the
whole trash emptied): only then is anything destroyed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..bank.catalog import bank_titles
from ..base.atomic import fsync_dir
from ..base.durations import format_clock
from ..base.errors import FacilitatorError
from ..base.locations import EXPORTS, exports_dir, trash_dir
from ..base.text import clean_text, inflect, plural
from ..session.records import ENDED, BankCopy, SessionSummary
from .lock import SessionLock, SessionLockedError
from .reading import list_sessions

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


def trashed(directory: Path) -> list[SessionRow]:
    """Every session in the trash of the sessions folder `directory`, newest first."""
    folder = trash_dir(directory)
    return library(folder) if folder.is_dir() else []


def filtered(rows: list[SessionRow], query: str) -> list[SessionRow]:
    return [row for row in rows if row.matches(query)]


def row_of(summary: SessionSummary, titles: dict[str, str] | None = None) -> SessionRow:
    """`summary` as a row; `titles` holds the titles of the banks (by sha256) if known."""
    meta = summary.meta
    if meta is None:
        cells = ("", summary.path.name, f"unreadable: {summary.error}", "", "", "")
        return SessionRow(summary.path, tuple(map(clean_text, cells)), ended=False, readable=False)
    cells = (
        datetime.fromtimestamp(meta.created).strftime("%Y-%m-%d %H:%M"),
        meta.title,
        STATUS_WORDS.get(meta.status, "in progress"),
        format_clock(summary.total) if summary.total is not None else "",
        f"{meta.party_a} ⟷ {meta.party_b}",
        bank_title(summary.bank, titles) if summary.bank else "",
    )
    # Shown in a terminal (`facilitator sessions`, the library): no control character of a
    # title or a party name may reach it raw.
    return SessionRow(summary.path, tuple(map(clean_text, cells)), ended=meta.status == ENDED)


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


def exports_of(session: Path, exports: Path) -> list[Path]:
    """The reports (and screenshots) exported from `session` into the folder `exports`: every
    `<session name>.<anything>` there (a session `x-2.json` never claims `x.md`)."""
    if not exports.is_dir():
        return []
    prefix = session.stem + "."
    return sorted(path for path in exports.iterdir() if path.name.startswith(prefix))


def trash(session: Path) -> Path:
    """Move `session`, its companions and its exports into the trash; returns its new path.

    Refused (TrashError) while the session is open for writing anywhere. Files are linked into
    the trash before any is unlinked, the session itself first: a crash midway leaves copies in
    both places, never a session without its journal.
    """
    folder = trash_dir(session.parent)
    exports = exports_dir(session.parent)
    return _move(session, folder, session.stem, exports, folder / EXPORTS, "deleting")


def restore(session: Path) -> Path:
    """Move a trashed `session`, its companions and exports back where they were; returns its
    path in the sessions folder: its old name, or `<name>~2.json`... when a session has taken
    that name since (nothing there is ever replaced)."""
    if session.parent.name != trash_dir(Path()).name:
        raise TrashError(f"{session} is not in a trash folder")
    sessions = session.parent.parent
    original = re.sub(r"~\d+$", "", session.stem)
    exports = exports_dir(sessions)
    return _move(session, sessions, original, session.parent / EXPORTS, exports, "restoring")


@dataclass(frozen=True)
class Doomed:
    """What deleting a trashed session for good removes."""

    session: Path
    files: tuple[Path, ...]
    """Every file, the session first."""

    def describe(self) -> str:
        """`the session, its journal, 2 backups and 1 export`, for the confirmation."""
        names = [path.name for path in self.files[1:]]
        journals = sum(name.endswith(".journal") for name in names)
        backups = sum(name.endswith(".bak") or ".corrupt-" in name for name in names)
        exports = sum(path.parent.name == EXPORTS for path in self.files)
        parts = ["the session"]
        if journals:
            parts.append(f"its {inflect(journals, 'journal')}")
        if backups:
            parts.append(plural(backups, "backup"))
        if exports:
            parts.append(plural(exports, "export"))
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def doomed(session: Path) -> Doomed:
    """The files deleting the trashed `session` for good would remove."""
    files = [*companions(session), *exports_of(session, session.parent / EXPORTS)]
    return Doomed(session, tuple(files))


def delete_for_good(session: Path) -> Doomed:
    """Remove a trashed session and everything that went to the trash with it; what went.

    Only a session already in the trash: deleting for good is always the second step. The
    session file goes last, so a crash midway leaves a session the trash still lists.
    """
    if session.parent.name != trash_dir(Path()).name:
        raise TrashError(f"{session} is not in the trash: move it there first")
    try:
        lock = SessionLock(session)
    except SessionLockedError as error:
        raise TrashError(f"{error}; close it there before deleting it") from None
    try:
        gone = doomed(session)
        for path in reversed(gone.files):
            path.unlink(missing_ok=True)
        for folder in {path.parent for path in gone.files}:
            fsync_dir(folder)
    finally:
        lock.release()
    return gone


def empty_trash(directory: Path) -> int:
    """Delete every session in the trash of the sessions folder `directory` for good, and
    anything else left there; the number of sessions deleted."""
    folder = trash_dir(directory)
    if not folder.is_dir():
        return 0
    sessions = [row.path for row in trashed(directory)]
    for session in sessions:
        delete_for_good(session)
    # Whatever no session claims any more (an export whose session went, a stray file).
    for root, dirs, files in os.walk(folder, topdown=False):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            os.unlink(os.path.join(root, name))
        fsync_dir(Path(root))
    return len(sessions)


def _move(
    session: Path, folder: Path, stem: str, exports: Path, exports_to: Path, doing: str
) -> Path:
    """Move `session`, its companions and its exports into `folder` (exports into
    `exports_to`) under the first name free for all of them: `stem.json`, `stem~2.json`..."""
    try:
        lock = SessionLock(session)
    except SessionLockedError as error:
        raise TrashError(f"{error}; close it there before {doing} it") from None
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        files = companions(session)
        reports = exports_of(session, exports)
        if reports:
            exports_to.mkdir(mode=0o700, exist_ok=True)

        def targets(number: int) -> list[tuple[Path, Path]]:
            renamed = stem if number == 1 else f"{stem}~{number}"
            pairs = [(path, folder / path.name.replace(session.stem, renamed, 1)) for path in files]
            pairs += [(path, exports_to / (renamed + path.name[len(session.stem) :]))
                      for path in reports]  # fmt: skip
            return pairs

        moved = _link_group(targets)
        for path in [*files, *reports]:
            path.unlink()
        for changed in {folder, session.parent, exports, exports_to}:
            if changed.is_dir():
                fsync_dir(changed)
    finally:
        lock.release()
    return moved


def _link_group(targets: Callable[[int], list[tuple[Path, Path]]]) -> Path:
    """Hard-link every source to its target of `targets(1)`, else of `targets(2)`... (the first
    number that frees all of them, so they stay together); returns the first target."""
    number = 1
    while True:
        pairs = targets(number)
        linked: list[Path] = []
        try:
            for source, target in pairs:
                os.link(source, target)
                linked.append(target)
        except FileExistsError:
            # That name is taken: undo this attempt (its sources are all still in place).
            for target in linked:
                target.unlink()
            number += 1
        else:
            return pairs[0][1]
