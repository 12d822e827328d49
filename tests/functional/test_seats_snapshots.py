"""SVG snapshots of the join panel at 80x24 and 160x48: the QR code in its own dark-on-light
colours with the whole join URL as one line under it, the secret in groups of four, the
addresses, an admitted device, and the plain-HTTP warning. The secret comes from seeded
entropy and the server is not listening (its port is fixed), so every run draws the same."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from workshop_support import app_for, first_workshop

from facilitator.base.clock import ManualClock
from facilitator.base.settings import Settings
from facilitator.seats.addresses import Candidate
from facilitator.seats.server import SeatServer
from screens.app import FacilitatorApp
from screens.seats import SeatsPanel
from screens.start import RunSession

SIZES = [(80, 24), (160, 48)]
CANDIDATES = (
    Candidate("192.168.1.20", "wlan0", "LAN"),
    Candidate("10.8.0.2", "tun0", "VPN"),
)

pytestmark = pytest.mark.usefixtures("utc")


def panel_app(tmp_path: Path, *, waiting: bool) -> tuple[FacilitatorApp, SeatsPanel]:
    clock = ManualClock(1_763_900_000.0)
    workshop = first_workshop(tmp_path / "sessions", clock, party_a="Acme", party_b="Globex")
    server = SeatServer(
        workshop, bind="192.168.1.20", port=8765, clock=clock, entropy=random.Random(3).randbytes
    )
    seating = server.seating
    device, _ = seating.ask("a", seating.secret("a"), "iPhone · Safari")
    seating.admit(device.id)
    if waiting:
        seating.ask("a", seating.secret("a"), "Android · Chrome")
    app = app_for(workshop)
    return app, SeatsPanel(server, CANDIDATES)


@pytest.mark.parametrize("size", SIZES)
def test_join_panel(snap_compare, tmp_path, size, steady):
    app, panel = panel_app(tmp_path, waiting=False)

    async def before(pilot) -> None:
        await app.push_screen(panel)
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=before)


def test_join_panel_asks_about_a_waiting_device(snap_compare, tmp_path, steady):
    app, panel = panel_app(tmp_path, waiting=True)

    async def before(pilot) -> None:
        await app.push_screen(panel)
        await steady(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_run_screen_with_seats_open(snap_compare, tmp_path, size, steady):
    """Acme answered on its phone (ready, hidden), Globex has not; the help text is off the
    projected screen (`h`, remembered), and each pane's title names the party's device."""
    from functools import partial

    from facilitator.seats.launch import SeatOptions, make_server

    clock = ManualClock(1_763_900_000.0)
    workshop = first_workshop(tmp_path / "sessions", clock, party_a="Acme", party_b="Globex")
    app = FacilitatorApp(
        sessions_dir=tmp_path / "sessions",
        start=RunSession(workshop, SeatOptions(bind="127.0.0.1", port=0)),
        settings=Settings(seats_hide_help=True),
        seat_factory=partial(make_server, clock=clock, entropy=random.Random(5).randbytes),
    )

    async def before(pilot) -> None:
        await pilot.pause()
        await pilot.press("escape")
        seating = app.seats.seating
        device, _ = seating.ask("a", seating.secret("a"), "iPhone · Safari")
        seating.admit(device.id)
        workshop.commit_answer(
            "in-the-room", "a", ["Jane, CEO"], source=f"seat:{device.id}"
        ).result(timeout=5)
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=before)
