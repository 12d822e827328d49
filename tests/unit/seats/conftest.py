"""Fixtures for the seat server: a workshop on the support bank, a server on 127.0.0.1 (a free
port) and browsers. The clock is a ManualClock: nothing here sleeps for a timer."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from seats_support import BANK, Browser

from facilitator.base.clock import ManualClock
from facilitator.live.workshop import Workshop
from facilitator.seats.server import SeatServer


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(1_800_000_000.0)


@pytest.fixture
def bank_file(tmp_path: Path) -> Path:
    path = tmp_path / "bank.md"
    path.write_text(BANK, encoding="utf-8")
    return path


@pytest.fixture
def workshop(tmp_path: Path, bank_file: Path, clock: ManualClock):
    live = Workshop.start(tmp_path / "sessions", bank_file, title="Acme & Globex", clock=clock)
    yield live
    live.close()


@pytest.fixture
async def server(workshop: Workshop, clock: ManualClock) -> AsyncIterator[SeatServer]:
    seats = SeatServer(workshop, bind="127.0.0.1", port=0, clock=clock)
    await seats.start()
    yield seats
    await seats.stop()


@pytest.fixture
async def browsers(server: SeatServer):
    made: list[Browser] = []

    def make(**kwargs) -> Browser:
        browser = Browser(server, **kwargs)
        made.append(browser)
        return browser

    yield make
    for browser in made:
        await browser.close()
