"""Building what the Pilot tests drive: a workshop on a bank written for the test, and the app
running it. Imported by name (tests have no packages): `from workshop_support import app_for`."""

from pathlib import Path

from facilitator.base.clock import Clock, ManualClock
from facilitator.base.settings import Settings
from facilitator.live.workshop import Workshop
from screens.app import FacilitatorApp
from screens.start import RunSession

FIRST_WORKSHOP = Path(__file__).parents[2] / "questionbanks" / "workshop.md"
"""The bundled first-workshop bank, which most screens are shown on."""


def start_workshop(tmp_path: Path, bank: str, clock: Clock, **names: str) -> Workshop:
    """A new session of `bank` (the Markdown text, written to `tmp_path/bank.md`) in
    `tmp_path/sessions`; `names` are `Workshop.start`'s title, party_a, party_b, moderator."""
    path = tmp_path / "bank.md"
    path.write_text(bank, encoding="utf-8")
    return Workshop.start(tmp_path / "sessions", path, clock=clock, **names)


def first_workshop(sessions: Path, clock: Clock | None = None, **names: str) -> Workshop:
    """A new session of the bundled first-workshop bank in `sessions`; unless given, the clock
    stands still at 2025-11-23 12:13 UTC, the moment the snapshots show."""
    clock = clock or ManualClock(1_763_900_000.0)
    return Workshop.start(sessions, FIRST_WORKSHOP, clock=clock, **names)


def app_for(workshop: Workshop, settings: Settings | None = None) -> FacilitatorApp:
    """The app running `workshop`, with default settings unless given."""
    return FacilitatorApp(
        sessions_dir=workshop.path.parent,
        start=RunSession(workshop),
        settings=settings or Settings(),
    )
