"""`facilitator recover`: rebuild a session whose snapshot or journal cannot be read.

The previous snapshot `x.json.bak` plus the journal moved aside at the last compaction
(`x.json.journal.bak`) plus the current journal replay to exactly what `x.json` held, so a
corrupt snapshot costs nothing that was acknowledged. Unreadable files are kept under a
`.corrupt-<time>` name, never deleted.
"""

from __future__ import annotations

import time
from pathlib import Path

from ..base.atomic import fsync_dir, link_first_free, write_atomic
from ..base.errors import FacilitatorError
from ..base.files import read_regular
from .journal import (
    Change,
    CorruptSessionError,
    Tables,
    apply_changes,
    backup_journal_path,
    backup_path,
    encode_snapshot,
    journal_path,
    parse_journal,
    parse_snapshot,
    read_optional,
    read_tables,
)
from .lock import SessionLock
from .rows import record_from_tables


class RecoveryError(FacilitatorError):
    """Nothing readable to rebuild the session from; no file was changed."""


def recover(session: Path) -> str:
    """Rebuild `session` if it cannot be read and say in one line what was done."""
    lock = SessionLock(session)
    try:
        report = _recover(session)
    except BaseException:
        lock.discard()
        raise
    lock.release()
    return report


def _recover(session: Path) -> str:
    # The same test as opening: a file that parses but holds no session (an empty `meta`, say)
    # is as broken as one that does not parse, and `open` sends its user here.
    try:
        tables, _, _ = read_tables(session)
        record_from_tables(session, tables)
    except CorruptSessionError:
        pass
    else:
        return f"{session} reads fine; nothing changed"
    journal = journal_path(session)
    changes, skipped = _changes(session)
    try:
        source = session
        tables, applied, seq, last = _rebuild(session, source, changes)
    except CorruptSessionError:
        source = backup_path(session)
        tables, applied, seq, last = _rebuild_from_backup(session, changes)
    lost = _missing(applied, seq)

    stamp = time.strftime("%Y%m%dT%H%M%S")
    kept: list[Path] = []
    if source != session:
        kept.append(_keep_aside(session, stamp))
    write_atomic(session, encode_snapshot(tables, last))
    if not _readable(session, journal):
        kept.append(_keep_aside(journal, stamp))
        journal.unlink()
        fsync_dir(session.parent)

    report = f"{session}: rebuilt from {source.name} and {len(applied)} journal records"
    if lost:
        report += f"; {lost} changes could not be recovered"
    if skipped:
        report += f"; skipped {skipped} unreadable journal lines"
    return report + "; unreadable files kept as " + ", ".join(path.name for path in kept)


def _rebuild(
    session: Path, source: Path, changes: list[Change]
) -> tuple[Tables, list[Change], int, int]:
    """`source`'s snapshot plus the journal records after it: (tables, records applied, the
    snapshot's seq, the last seq); CorruptSessionError unless that is a whole session."""
    tables, seq = parse_snapshot(session, read_regular(source, follow=False), name=source)
    if changes and seq > changes[-1].seq:
        # Every compaction's snapshot includes exactly the records before it: a marker beyond
        # the last record is damaged, and trusting it would skip records it never held.
        raise CorruptSessionError(
            session, str(source), f"its journal marker {seq} is beyond the last record"
        )
    applied = [change for change in changes if change.seq > seq]
    last = apply_changes(tables, applied, seq)
    record_from_tables(session, tables)
    return tables, applied, seq, last


def _rebuild_from_backup(
    session: Path, changes: list[Change]
) -> tuple[Tables, list[Change], int, int]:
    backup = backup_path(session)
    try:
        return _rebuild(session, backup, changes)
    except FileNotFoundError:
        raise RecoveryError(
            f"{session} is unreadable and there is no {backup.name} to restore; nothing changed"
        ) from None
    except CorruptSessionError:
        raise RecoveryError(
            f"{session} and {backup.name} are both unreadable; nothing changed"
        ) from None


def _changes(session: Path) -> tuple[list[Change], int]:
    """Every readable record of both journals, oldest first, and how many lines were not."""
    changes: list[Change] = []
    skipped = 0
    for path in (backup_journal_path(session), journal_path(session)):
        found, unreadable = parse_journal(session, path, read_optional(path), skip_unreadable=True)
        changes.extend(found)
        skipped += unreadable
    return changes, skipped


def _missing(applied: list[Change], after: int) -> int:
    """How many seqs between `after` and the last applied record have no record."""
    return applied[-1].seq - after - len(applied) if applied else 0


def _readable(session: Path, journal: Path) -> bool:
    try:
        parse_journal(session, journal, read_optional(journal))
    except CorruptSessionError:
        return False
    return True


def _keep_aside(path: Path, stamp: str) -> Path:
    """Give `path`'s content a second, unused `.corrupt-<stamp>` name."""
    return link_first_free(
        path, lambda n: path.with_name(f"{path.name}.corrupt-{stamp}" + (f"-{n}" if n > 1 else ""))
    )
