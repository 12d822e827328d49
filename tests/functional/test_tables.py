"""Tables show their rows at the measured column widths, also when a frame is painted between
adding the rows and measuring them (issue 11, item 18).

The reproduction, deterministic: the home screen gets its rows, and one frame is painted before
the tables idle (what a terminal resized just after the start does: its layout refresh paints
first). Textual's DataTable measured the rows on idle but kept serving the rows it had cached
at the labels' widths ("Is t", "bund") until something else redrew it.
"""

import shutil
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import DataTable

from facilitator import demo
from facilitator.bank import bank_list, bundled_banks
from facilitator.base.settings import Settings
from facilitator.store import COLUMNS, library
from screens.app import FacilitatorApp
from screens.home import HomeScreen


def painted(table: DataTable) -> list[str]:
    """The table's lines as the compositor asks for them (one frame)."""
    return [strip.text for strip in table.render_lines(Region(0, 0, *table.outer_size))]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_rows_painted_before_they_are_measured_are_redrawn_measured(
    sessions_dir: Path, monkeypatch: pytest.MonkeyPatch, size, tmp_path: Path
):
    shutil.copy(demo.DEMO, sessions_dir / "demo.json")
    # The rows come when we say (the bank-list cache is empty, so none come before the frame).
    monkeypatch.setattr(HomeScreen, "load", lambda self, banks=True: None)
    app = FacilitatorApp(sessions_dir=sessions_dir, settings=Settings())
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        await pilot.pause()
        screen.show_banks(bank_list(tmp_path / "no-banks"))
        screen.show_sessions(COLUMNS, library(sessions_dir))
        banks = screen.query_one("#banks", DataTable)
        sessions = screen.query_one("#sessions", DataTable)
        for table in (banks, sessions):
            painted(table)  # a frame, before the tables idle and measure their rows
        await pilot.pause()
        first_bank = bundled_banks()[0].bank
        assert first_bank is not None
        assert any(first_bank.title in line for line in painted(banks))
        assert any("bundled" in line for line in painted(banks))
        assert any("First workshop" in line for line in painted(sessions))
