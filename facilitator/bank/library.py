"""Finding banks: the bundled ones (shipped as package data) and any others the user points at.

`bank_list` is what a list shows, from the cache (`catalog`); the entries with the parsed banks
(`load_entries`) import the parser when first asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..base.errors import FacilitatorError
from ..base.files import read_regular
from ..base.locations import banks_dir
from .catalog import BankSummary, cached_summaries, summaries

if TYPE_CHECKING:
    from .model import Bank


@dataclass(frozen=True)
class BankEntry:
    """A bank as a list shows it; `error` is set instead of `bank` when the file does not parse."""

    path: Path
    bundled: bool
    bank: Bank | None = None
    error: str = ""
    draft: Bank | None = None
    """The bank as far as it could be read, also when it has problems (None if unreadable)."""
    problem_count: int = 0


def bundled_bank_paths() -> list[Path]:
    """The bundled banks, whether running from a clone or from an installed wheel."""
    folder = resources.files("questionbanks")
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".md"))


def user_banks_dir(configured: str = "") -> Path:
    """Where the user's own banks live (see `locations.banks_dir`)."""
    return banks_dir(configured)


def user_banks(folder: Path | None = None) -> list[BankEntry]:
    """The user's banks (in `folder`, else the default folder); none (not an error) when the
    folder does not exist yet."""
    folder = folder or user_banks_dir()
    return load_entries(sorted(folder.glob("*.md")), bundled=False) if folder.is_dir() else []


def is_bundled(path: Path) -> bool:
    """Whether `path` is one of the bundled banks, which are read-only: duplicate one to edit it."""
    try:
        resolved = Path(path).resolve()
    except OSError:
        return False
    return any(resolved == bundled.resolve() for bundled in bundled_bank_paths())


def bank_list(folder: Path | None = None) -> list[BankSummary]:
    """The bundled banks, then the user's (in `folder`, else the default folder), as a list
    shows them: only the files changed since they were last listed are parsed."""
    return summaries(_listed(folder))


def cached_bank_list(folder: Path | None = None) -> list[BankSummary] | None:
    """What `bank_list` gives, if no bank needs parsing for it; else None."""
    return cached_summaries(_listed(folder))


def _listed(folder: Path | None) -> list[tuple[Path, bool]]:
    folder = folder or user_banks_dir()
    mine = sorted(folder.glob("*.md")) if folder.is_dir() else []
    return [(path, True) for path in bundled_bank_paths()] + [(path, False) for path in mine]


def load_entry(path: Path, *, bundled: bool) -> BankEntry:
    """The bank at `path`, parsed now (a list's summary may be older than the file)."""
    return load_entries([path], bundled=bundled)[0]


def load_entries(paths: list[Path], *, bundled: bool) -> list[BankEntry]:
    from .parser import BankParser, decode_bank

    entries = []
    for path in paths:
        try:
            review = BankParser(str(path)).review(decode_bank(read_regular(path), str(path)))
        except (FacilitatorError, OSError) as failure:
            entries.append(BankEntry(path, bundled, error=str(failure).splitlines()[0]))
            continue
        error = review.problems[0].format().splitlines()[0] if review.problems else ""
        entries.append(
            BankEntry(path, bundled, review.bank, error, review.draft, len(review.problems))
        )
    return entries


def bundled_banks() -> list[BankEntry]:
    return load_entries(bundled_bank_paths(), bundled=True)
