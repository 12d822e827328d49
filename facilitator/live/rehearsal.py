"""A rehearsal: a throwaway live session of a bank's text, to try it before the workshop.

Its session lives in a temporary folder, never among the user's saved sessions, and `discard`
removes the folder with everything in it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..bank.parser import parse_bank
from ..base.atomic import write_atomic
from ..base.clock import Clock, system_clock
from .workshop import Workshop


class Rehearsal:
    def __init__(self, folder: Path, workshop: Workshop) -> None:
        self.folder = folder
        self.workshop = workshop

    @classmethod
    def start(
        cls,
        text: str,
        name: str = "bank.md",
        *,
        autostart: bool = True,
        clock: Clock = system_clock,
    ) -> Rehearsal:
        """A rehearsal of `text` (named `name` in messages); BankError while it has problems."""
        bank = parse_bank(text, name)
        folder = Path(tempfile.mkdtemp(prefix="facilitator-rehearsal-"))
        try:
            source = folder / (Path(name).name or "bank.md")
            write_atomic(source, text)
            workshop = Workshop.start(
                folder / "sessions", source, title=f"Rehearsal · {bank.title}",
                autostart=autostart, clock=clock,
            )  # fmt: skip
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return cls(folder, workshop)

    def discard(self) -> None:
        """Close the session and remove every file of the rehearsal; safe to call twice."""
        self.workshop.close()
        shutil.rmtree(self.folder, ignore_errors=True)
