"""Editing a bank file: live validation that re-parses only the sections that changed, saving with
a backup of the version replaced, and noticing when something else changes the file.

Everything here may be called from worker threads: the validator and the file guard their state
with locks, so the UI thread never waits on the parser or the disk.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from ..base.atomic import write_atomic
from ..base.errors import FacilitatorError
from ..base.files import open_regular, read_all, read_regular
from .model import Bank, Question, Section
from .parser import BankParser, Review, decode_bank
from .problems import Problem

BACKUP_SUFFIX = ".bak"


def backup_path(path: Path) -> Path:
    """Where a save keeps the version it replaced: `mine.md` → `mine.md.bak`."""
    return path.with_name(path.name + BACKUP_SUFFIX)


@dataclass(frozen=True)
class Signature:
    """What `stat` says about a file's content: cheap to read, and different after any write."""

    mtime_ns: int
    size: int
    inode: int

    @classmethod
    def of(cls, result: os.stat_result) -> Signature:
        return cls(result.st_mtime_ns, result.st_size, result.st_ino)


def signature(path: Path) -> Signature | None:
    """The file's signature now; None when there is no file."""
    try:
        return Signature.of(os.stat(path))
    except FileNotFoundError:
        return None


class Change(StrEnum):
    """What happened to a file behind an editor's back."""

    CHANGED = "changed"
    REMOVED = "removed"


class ReadOnlyBankError(FacilitatorError):
    """A bundled bank: it can be read and tried, not changed."""


class BankFile:
    """The file behind one editor: reads it, saves it keeping a backup, and reports each outside
    change once."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._known: Signature | None = None
        self._lock = threading.Lock()

    def load(self) -> str:
        """The file's text; remembers its signature, so only later changes count as outside ones.
        BankError for a file that is not UTF-8 text, OSError when it cannot be read."""
        with self._lock:
            fd = open_regular(self.path, follow=True)
            try:
                # The signature of the file read, not of the path afterwards: a write that
                # lands in between is then reported as a change instead of being missed.
                known = Signature.of(os.fstat(fd))
                text = decode_bank(read_all(fd), str(self.path))
            finally:
                os.close(fd)
            self._known = known
            return text

    def save(self, text: str) -> Path | None:
        """Write `text` atomically; the version it replaces is kept as the backup, whose path is
        returned (None when there was nothing to keep). Saving what is already there writes
        nothing, so the backup keeps the version before it."""
        if self.read_only:
            raise ReadOnlyBankError(f"{self.path} is a bundled bank: duplicate it to edit it")
        data = text.encode("utf-8")
        # A bank that is a link (say, into a synced folder) is saved where the link points:
        # replacing the link itself would leave the real bank stale.
        target = Path(os.path.realpath(self.path))
        with self._lock:
            try:
                previous: bytes | None = read_regular(target)
                mode = os.stat(target).st_mode & 0o777
            except FileNotFoundError:
                previous, mode = None, 0o600
            backup = None
            if previous != data:
                if previous is not None:
                    backup = backup_path(target)
                    write_atomic(backup, previous, mode=mode)
                write_atomic(target, data, mode=mode)
            self._known = signature(self.path)
            return backup

    def outside_change(self) -> Change | None:
        """Whether the file changed (or went away) since it was last loaded, saved or reported;
        each change is reported once."""
        with self._lock:
            now = signature(self.path)
            if now == self._known:
                return None
            self._known = now
            return Change.CHANGED if now is not None else Change.REMOVED


@dataclass(frozen=True)
class Validation:
    """The review of one version of the text; `generation` orders versions, newest highest."""

    generation: int
    review: Review

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.review.problems

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """What runs but is probably not meant (a question left unscored by omission)."""
        return self.review.warnings

    @property
    def draft(self) -> Bank:
        return self.review.draft


class LiveValidator:
    """Validates the newest text submitted, re-parsing only the sections that changed.

    The UI thread `submit`s each version of the text (no parsing there); a worker thread calls
    `run`, which takes whatever is newest by then. A version replaced before its turn is never
    parsed, so a burst of keystrokes costs one parse, not one per key, and `run` results come out
    in increasing generations.
    """

    def __init__(self, path: str = "<bank>") -> None:
        self._parser = BankParser(path)
        self._parsing = threading.Lock()
        """The parser's chunk cache is not thread-safe: one parse at a time."""
        self._mailbox = threading.Lock()
        self._pending: tuple[int, str] | None = None
        self._generation = 0

    def submit(self, text: str) -> int:
        """Queue `text` for validation; returns its generation."""
        with self._mailbox:
            self._generation += 1
            self._pending = (self._generation, text)
            return self._generation

    @property
    def latest(self) -> int:
        """The generation of the newest text submitted."""
        return self._generation

    def run(self) -> Validation | None:
        """Validate the newest text submitted; None when another call took it already."""
        with self._parsing:
            with self._mailbox:
                pending, self._pending = self._pending, None
            if pending is None:
                return None
            generation, text = pending
            return Validation(generation, self._parser.review(text))


@dataclass(frozen=True)
class Place:
    """Where a line of the text falls in the bank: its section and question (indexes), if any."""

    section: int | None = None
    question: int | None = None

    def of(self, bank: Bank) -> tuple[Section | None, Question | None]:
        if self.section is None or self.section >= len(bank.sections):
            return None, None
        section = bank.sections[self.section]
        if self.question is None or self.question >= len(section.questions):
            return section, None
        return section, section.questions[self.question]


def place_of(bank: Bank, line: int) -> Place:
    """The section and question whose text holds 0-based `line`; a section's notes (before its
    first question) belong to the section alone, and the preamble to neither."""
    place = Place()
    for s, section in enumerate(bank.sections):
        if section.line > line:
            break
        place = Place(s)
        for q, question in enumerate(section.questions):
            if question.line > line:
                break
            place = Place(s, q)
    return place


def next_problem(problems: tuple[Problem, ...], line: int, *, backward: bool = False) -> Problem:
    """The first problem on a line after 1-based `line` (before it, `backward`), wrapping around
    the end of the text. `problems` must not be empty."""
    ordered = sorted(problems, key=lambda problem: (problem.line, problem.column))
    if backward:
        earlier = [problem for problem in ordered if problem.line < line]
        return earlier[-1] if earlier else ordered[-1]
    later = [problem for problem in ordered if problem.line > line]
    return later[0] if later else ordered[0]
