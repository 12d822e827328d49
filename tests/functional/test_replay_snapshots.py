"""SVG snapshots of the session library and the replay screen at 80x24 and 160x48."""

import shutil
from pathlib import Path

import pytest

from facilitator import demo
from facilitator.base.clock import ManualClock
from facilitator.base.settings import Settings
from facilitator.live.replay import Replay
from facilitator.live.workshop import Workshop
from facilitator.session.records import REVEAL
from screens.app import FacilitatorApp
from screens.replay import ReplayScreen

ROOT = Path(__file__).parents[2]
SIZES = [(80, 24), (160, 48)]


@pytest.fixture(autouse=True)
def relative_folders(monkeypatch, tmp_path, utc):
    monkeypatch.chdir(tmp_path)  # the library shows its folder: "sessions", not a temporary path


@pytest.mark.parametrize("size", SIZES)
def test_library(snap_compare, size, steady):
    sessions = Path("sessions")
    sessions.mkdir()
    shutil.copy(demo.DEMO, sessions / "demo.json")
    workshop = Workshop.start(
        sessions, ROOT / "questionbanks" / "mutual-interest.md", title="Follow-up on pricing",
        party_a="Kestrel Labs", party_b="Hallmark Climate", clock=ManualClock(1_795_780_800.0),
    )  # fmt: skip
    workshop.close()
    app = FacilitatorApp(sessions_dir=sessions, settings=Settings())
    assert snap_compare(app, terminal_size=size, press=["l"], run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_replay_a_minute_after_a_reveal(snap_compare, size, steady):
    replay = Replay.open(demo.DEMO)
    reveal = next(
        i for i, e in enumerate(replay.events)
        if e.type == REVEAL and e.payload["question"] == "customer-owner"
    )  # fmt: skip
    at = replay.offset_of(reveal + 1) + 60
    app = FacilitatorApp(sessions_dir=Path("sessions"), settings=Settings())

    async def open_replay(pilot) -> None:
        await pilot.app.push_screen(ReplayScreen(replay, clock=ManualClock(), at=at, speed=16))
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_replay)
