"""Finding banks: the bundled ones (shipped as package data) and any others the user points at."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .bank import Bank
from .errors import FacilitatorError
from .parser import read_bank


@dataclass(frozen=True)
class BankEntry:
    """A bank as a list shows it; `error` is set instead of `bank` when the file does not parse."""

    path: Path
    bundled: bool
    bank: Bank | None = None
    error: str = ""


def bundled_bank_paths() -> list[Path]:
    """The bundled banks, whether running from a clone or from an installed wheel."""
    folder = resources.files("questionbanks")
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".md"))


def load_entries(paths: list[Path], *, bundled: bool) -> list[BankEntry]:
    entries = []
    for path in paths:
        try:
            entries.append(BankEntry(path, bundled, bank=read_bank(path)))
        except (FacilitatorError, OSError) as error:
            entries.append(BankEntry(path, bundled, error=str(error).splitlines()[0]))
    return entries


def bundled_banks() -> list[BankEntry]:
    return load_entries(bundled_bank_paths(), bundled=True)
