"""How the app starts, one small description per mode: the home screen alone (no description),
a live session, a bank in the editor, or a replay, each above the home screen.

`facilitator/cli.py` builds one and hands it to `FacilitatorApp`; nothing here imports Textual,
so building one costs nothing before the app itself is imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from facilitator.live import Replay, Workshop
    from facilitator.seats import SeatOptions


@dataclass(frozen=True)
class RunSession:
    """Run `workshop` (`facilitator run` / `resume`); leaving it, or its summary once ended,
    returns to the shell. With `seats`, the party seats open at once (`--seats`)."""

    workshop: Workshop
    seats: SeatOptions | None = None


@dataclass(frozen=True)
class EditBank:
    """Open `bank` in the bank editor (`facilitator edit` / `new-bank`); a bundled bank opens
    read-only."""

    bank: Path


@dataclass(frozen=True)
class ReplaySession:
    """Replay a saved session from `at` seconds in, `speed` times as fast (`facilitator
    replay`); leaving it returns to the shell."""

    replay: Replay
    at: float = 0.0
    speed: float = 1.0


Start = RunSession | EditBank | ReplaySession
"""What the app opens above the home screen as it starts."""
