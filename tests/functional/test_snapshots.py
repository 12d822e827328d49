"""SVG snapshots of the main screens at 80x24 and at a projector-friendly 160x48."""

import pytest
from workshop_support import app_for, first_workshop

from facilitator.base.clock import ManualClock
from facilitator.base.settings import Settings
from facilitator.store.sessionstore import SessionStore
from screens.app import FacilitatorApp

SIZES = [(80, 24), (160, 48)]

pytestmark = pytest.mark.usefixtures("utc")


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, tmp_path, size, steady):
    sessions = tmp_path / "sessions"
    store = SessionStore.create(
        sessions, title="First workshop", party_a="Acme", party_b="Globex", moderator="Mo",
        bank_source="# B\n", bank_path="b.md", clock=ManualClock(1_763_900_000.0),
    )  # fmt: skip
    store.close()
    app = FacilitatorApp(sessions_dir=sessions, settings=Settings())
    assert snap_compare(app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_run_screen_with_one_side_ready(snap_compare, tmp_path, size, steady):
    clock = ManualClock(1_763_900_000.0)
    workshop = first_workshop(tmp_path / "sessions", clock, party_a="Acme", party_b="Globex")
    workshop.commit_answer("in-the-room", "a", ["Jane, CEO", "Raj, CTO"]).result(timeout=5)
    clock.advance(95)
    app = app_for(workshop)
    assert snap_compare(app, terminal_size=size, run_before=steady)


def test_run_screen_revealed_in_the_projector_theme(snap_compare, tmp_path, steady):
    clock = ManualClock(1_763_900_000.0)
    workshop = first_workshop(tmp_path / "sessions", clock, party_a="Acme", party_b="Globex")
    workshop.next_question()
    workshop.commit_answer("importance", "a", 5)
    workshop.commit_answer("importance", "b", 2).result(timeout=5)
    workshop.reveal("importance")
    workshop.set_speaker("b")
    clock.advance(500)
    app = app_for(workshop, Settings(theme="projector"))
    assert snap_compare(app, terminal_size=(160, 48), run_before=steady)
