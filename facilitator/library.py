"""Finding banks: the bundled ones (shipped as package data) and any others the user points at."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import platformdirs

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


def user_banks_dir() -> Path:
    """Where the user's own banks live: $FACILITATOR_BANKS_DIR, else the user data folder."""
    override = os.environ.get("FACILITATOR_BANKS_DIR")
    return Path(override) if override else platformdirs.user_data_path("facilitator") / "banks"


def user_banks() -> list[BankEntry]:
    """The user's banks; none (not an error) when the folder does not exist yet."""
    folder = user_banks_dir()
    return load_entries(sorted(folder.glob("*.md")), bundled=False) if folder.is_dir() else []


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
