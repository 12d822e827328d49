"""The bank list, cheap: what a list shows of each bank, cached so that a start parses none.

A list (the home screen) shows each bank's title, number of sections and questions and time, or
its first problem. Parsing every bank for that costs the Markdown parser's import and ~10 ms a
bank on every start. The cache keeps each file's summary under its path, size and modification
time and the parser's version, so a file changed in any way, or a changed parser, is parsed
again; it keeps the titles of banks copied into sessions under their sha256 the same way. It is
one JSON file in the user's cache folder, written atomically at 0600 and only when something was
parsed. A cache that cannot be read counts as empty and is rebuilt; one that cannot be written
costs the next start a parse, nothing else: the list itself never depends on the cache.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..base.atomic import make_private_dir, write_atomic
from ..base.errors import FacilitatorError
from ..base.files import read_regular
from ..base.locations import cache_dir

CACHE_FILE = "banks.json"
_PARSER_MODULES = ("parser.py", "model.py", "attributes.py", "problems.py")
"""What a summary is computed by: a change to any of these files is a new parser."""
_lock = threading.Lock()
"""One reader-and-writer of the cache file at a time within the process."""


@dataclass(frozen=True)
class BankSummary:
    """A bank as a list shows it; `error` (its first problem) is set when it cannot be run."""

    path: Path
    bundled: bool
    title: str = ""
    sections: int = 0
    questions: int = 0
    total: int = 0
    """Planned time in seconds, what the sections add up to."""
    error: str = ""
    problem_count: int = 0

    @property
    def runnable(self) -> bool:
        return not self.error


def parser_version() -> str:
    """The package's version and the size and modification time of every module the parse
    runs: an edited parser in a source tree invalidates the cache as a new release does."""
    folder = Path(__file__).parent
    stats = (os.stat(folder / name) for name in _PARSER_MODULES)
    return ";".join([__version__, *(f"{stat.st_size}:{stat.st_mtime_ns}" for stat in stats)])


def summaries(paths: Iterable[tuple[Path, bool]]) -> list[BankSummary]:
    """A summary of each (path, bundled) in order, parsing only the files the cache does not
    hold as they are now."""
    with _lock:
        cache = _Cache.load()
        found = [cache.summary(path, bundled) for path, bundled in paths]
        cache.save()
    return found


def cached_summaries(paths: Iterable[tuple[Path, bool]]) -> list[BankSummary] | None:
    """The summaries `summaries` gives if the cache holds every file as it is now, else None:
    what a screen can show before its first frame without parsing anything (a read of the
    cache and a stat per file, well under a millisecond)."""
    with _lock:
        cache = _Cache.load()
        held = [cache.held(path, bundled) for path, bundled in paths]
    found = [summary for summary in held if summary is not None]
    return found if len(found) == len(held) else None


def bank_titles(copies: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The title of each bank copied into a session, as (source, sha256), by sha256; "" for a
    copy that does not parse."""
    with _lock:
        cache = _Cache.load()
        titles = {sha256: cache.title(source, sha256) for source, sha256 in copies}
        cache.save()
    return titles


class _Cache:
    """The cache file's contents: summaries by path, titles by sha256, for one parser version."""

    def __init__(self, path: Path, version: str, data: dict[str, Any]) -> None:
        self.path = path
        self.version = version
        self.banks: dict[str, Any] = data.get("banks", {})
        self.titles: dict[str, str] = data.get("titles", {})
        self.changed = False

    @classmethod
    def load(cls) -> _Cache:
        path = cache_dir() / CACHE_FILE
        version = parser_version()
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            # Missing, unreadable or damaged: the cache is only a shortcut, so start empty.
            data = {}
        if not isinstance(data, dict) or data.get("version") != version:
            data = {}
        return cls(path, version, data)

    def held(self, path: Path, bundled: bool) -> BankSummary | None:
        """The summary of `path` as the file is now, if the cache holds it."""
        try:
            stat = path.stat()
        except OSError:
            return None
        held = self.banks.get(str(path))
        key = [stat.st_size, stat.st_mtime_ns]
        if isinstance(held, dict) and held.get("key") == key and _well_formed(held["summary"]):
            return BankSummary(path=path, bundled=bundled, **held["summary"])
        return None

    def summary(self, path: Path, bundled: bool) -> BankSummary:
        found = self.held(path, bundled)
        if found is not None:
            return found
        try:
            stat = path.stat()
        except OSError as error:
            return BankSummary(path, bundled, error=str(error).splitlines()[0])
        key = [stat.st_size, stat.st_mtime_ns]
        found, cacheable = _parse(path, bundled)
        if cacheable:
            fields = asdict(found)
            del fields["path"], fields["bundled"]
            self.banks[str(path)] = {"key": key, "summary": fields}
            self.changed = True
        return found

    def title(self, source: str, sha256: str) -> str:
        held = self.titles.get(sha256)
        if isinstance(held, str):
            return held
        from .parser import parse_bank

        try:
            title = parse_bank(source, stored=True).title
        except FacilitatorError:
            title = ""
        self.titles[sha256] = title
        self.changed = True
        return title

    def save(self) -> None:
        if not self.changed:
            return
        data = {"version": self.version, "banks": self.banks, "titles": self.titles}
        try:
            make_private_dir(self.path.parent)
            write_atomic(self.path, json.dumps(data, ensure_ascii=False))
        except OSError:
            # A cache folder one cannot write (read-only home, full disk) only means the next
            # start parses again; the list shown is right either way.
            return


def _well_formed(fields: Any) -> bool:
    """Whether a cached entry has exactly a summary's fields, of their types (a cache written by
    hand or by another program is parsed again rather than trusted)."""
    types = {"title": str, "sections": int, "questions": int, "total": int, "error": str}
    types["problem_count"] = int
    return (
        isinstance(fields, dict)
        and fields.keys() == types.keys()
        and all(type(fields[name]) is kind for name, kind in types.items())
    )


def _parse(path: Path, bundled: bool) -> tuple[BankSummary, bool]:
    """The summary of the file as it reads now, and whether it may be cached: a file that
    cannot be read is not (it may be readable next time)."""
    from .parser import BankParser, decode_bank

    try:
        data = read_regular(path)
    except (FacilitatorError, OSError) as failure:
        # Not a regular file (a FIFO never blocks the list) or unreadable now: not cached.
        return BankSummary(path, bundled, error=str(failure).splitlines()[0]), False
    try:
        review = BankParser(str(path)).review(decode_bank(data, str(path)))
    except FacilitatorError as failure:
        return BankSummary(path, bundled, error=str(failure).splitlines()[0]), True
    bank = review.draft
    error = review.problems[0].format().splitlines()[0] if review.problems else ""
    summary = BankSummary(
        path, bundled, bank.title, len(bank.sections), bank.question_count, bank.total, error,
        len(review.problems),
    )  # fmt: skip
    return summary, True
