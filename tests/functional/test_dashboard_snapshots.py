"""SVG snapshots of the comparison dashboard at 80x24 and 160x48, on a session of the flagship bank
part way through: answers revealed in every category, a conflict, an unmatched expectation, a
hidden answer, a moderator's override, guesses, and a scale for the chart."""

from pathlib import Path

import pytest
from workshop_support import app_for, first_workshop

from facilitator.base.clock import ManualClock
from facilitator.base.settings import Settings
from facilitator.live.workshop import Workshop
from screens.app import FacilitatorApp

SIZES = [(80, 24), (160, 48)]

pytestmark = pytest.mark.usefixtures("utc")


def session(folder: Path) -> Workshop:
    """Forty minutes into a first workshop between a startup and an equipment maker."""
    clock = ManualClock(1_763_900_000.0)
    w = first_workshop(
        folder, clock, title="First partnership workshop", party_a="Kestrel Labs",
        party_b="Hallmark Climate",
    )  # fmt: skip
    w.next_question()
    w.commit_answer("importance", "a", 5)
    w.commit_answer("importance", "b", 2)
    w.commit_answer("importance", "a", 4, prediction=True)
    w.commit_answer("importance", "b", 5, prediction=True)
    w.reveal("importance")
    clock.advance(6 * 60)
    w.next_section()
    w.commit_answer("main-reason", "a", "Put our analytics in front of the owners you service")
    w.commit_answer("main-reason", "b", "Predictive maintenance without a data science team")
    w.reveal("main-reason")
    w.override("main-reason", "complementary", "Different goals that fit together")
    w.next_question()
    w.commit_answer("startup-hopes", "a", [
        "Introductions to the enterprise's customers and prospects",
        "The enterprise's brand, so customers see the startup as a safer choice",
        "The enterprise's sales force, to grow volume quickly",
    ])  # fmt: skip
    w.commit_answer("enterprise-can-give", "b", [
        "The enterprise's brand, so customers see the startup as a safer choice",
        "Technical advice from the enterprise's engineering teams",
    ])  # fmt: skip
    w.reveal("startup-hopes")
    w.reveal("enterprise-can-give")
    w.next_question()
    w.next_question()
    clock.advance(20 * 60)
    w.commit_answer("enterprise-hopes", "b", [
        "Expertise the enterprise is missing",
        "Access to the startup's customers",
        "Use of the startup's patents",
    ])  # fmt: skip
    w.next_section()
    clock.advance(15 * 60)
    w.next_section()
    w.commit_answer("customer-owner", "a", {"position": "We do", "firmness": "must-have"})
    w.commit_answer("customer-owner", "b", {"position": "We do", "firmness": "must-have"})
    w.reveal("customer-owner")
    w.next_question()
    w.commit_answer("price-setter", "a", {"position": "We set it", "firmness": "preferred"})
    w.commit_answer("price-setter", "b", {"position": "We set it", "firmness": "flexible"})
    w.reveal("price-setter")
    w.next_question()
    w.commit_answer("margin-share", "a", 40).result(timeout=5)
    clock.advance(8 * 60)
    return w


def session_app(tmp_path: Path, theme: str = "dark") -> FacilitatorApp:
    return app_for(session(tmp_path / "sessions"), Settings(theme=theme))


@pytest.mark.parametrize("size", SIZES)
def test_goals(snap_compare, tmp_path, size, steady):
    assert snap_compare(session_app(tmp_path), terminal_size=size, press=["d"], run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_expectations_with_an_unmatched_hope(snap_compare, tmp_path, size, steady):
    app = session_app(tmp_path)
    assert snap_compare(app, terminal_size=size, press=["d", "right"], run_before=steady)


def test_non_negotiables_in_the_projector_theme(snap_compare, tmp_path, steady):
    app = session_app(tmp_path, theme="projector")
    press = ["d", "right", "right"]
    assert snap_compare(app, terminal_size=(160, 48), press=press, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_scale_chart(snap_compare, tmp_path, size, steady):
    app = session_app(tmp_path)
    assert snap_compare(app, terminal_size=size, press=["d", "left"], run_before=steady)


def test_split_view_beside_the_question(snap_compare, tmp_path, steady):
    app = session_app(tmp_path)
    assert snap_compare(app, terminal_size=(160, 48), press=["D"], run_before=steady)
