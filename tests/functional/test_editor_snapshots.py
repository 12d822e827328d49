"""SVG snapshots of the bank editor and the bank library at 80x24 and at 160x48."""

from pathlib import Path

import pytest

from facilitator.base.settings import Settings
from screens.app import FacilitatorApp
from screens.start import EditBank
from screens.widgets.bank_text import BankTextArea

SIZES = [(80, 24), (160, 48)]

BANK = """---
description: Tailored for the Acme and Globex meeting
party-a: Acme
party-b: Globex
duration: 30m
---
# Acme and Globex

## Why each other {#why time=10m}

Keep it frank.

### What is the most compelling reason to work together now? {#reason compare=goal predict}

Look for a need-to-have, not a nice-to-have.

A: Why does Globex matter to you now?
B: Why does Acme matter to you now?

### Which of these do you hope to gain? {#gains kind=choice pick=2 compare=goal}

- Access to customers
- Their brand
- Technical guidance

## Terms {#terms time=15x}

### How important is this partnership? {#importance kind=sclae}
"""


@pytest.fixture(autouse=True)
def steady_places(monkeypatch, tmp_path, utc):
    """UTC, private settings, and relative folders, so no temporary path shows on screen."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACILITATOR_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("FACILITATOR_BANKS_DIR", "banks")
    (tmp_path / "banks").mkdir()
    (tmp_path / "banks" / "acme-globex.md").write_text(BANK, encoding="utf-8")
    (tmp_path / "banks" / "ready.md").write_text(
        "# Ready to run\n\n## Only {time=5m}\n\n### One question\n", encoding="utf-8"
    )


@pytest.fixture
def on_the_choice_question(steady):
    async def run_before(pilot) -> None:
        await steady(pilot)
        pilot.app.screen.query_one(BankTextArea).move_cursor((19, 4), center=True)
        await steady(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_editor_with_problems(snap_compare, size, on_the_choice_question):
    app = FacilitatorApp(
        sessions_dir=Path("sessions"),
        settings=Settings(),
        start=EditBank(Path("banks/acme-globex.md")),
    )
    assert snap_compare(app, terminal_size=size, run_before=on_the_choice_question)


def test_editor_at_80x24_with_the_side_panels_shown(snap_compare, steady, on_the_choice_question):
    async def side_shown(pilot) -> None:
        await on_the_choice_question(pilot)
        await pilot.press("f2")
        await steady(pilot)

    app = FacilitatorApp(
        sessions_dir=Path("sessions"),
        settings=Settings(),
        start=EditBank(Path("banks/acme-globex.md")),
    )
    assert snap_compare(app, terminal_size=(80, 24), run_before=side_shown)


@pytest.mark.parametrize("size", SIZES)
def test_bank_library(snap_compare, size, steady):
    async def library(pilot) -> None:
        await steady(pilot)
        await pilot.press("b")
        await steady(pilot)

    app = FacilitatorApp(sessions_dir=Path("sessions"), settings=Settings())
    assert snap_compare(app, terminal_size=size, run_before=library)
