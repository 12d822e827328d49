"""The rows' lines kept from one dashboard to the next over the same comparison: the full view
opened again renders no row whose verdict, width, theme and names are unchanged, and renders
again the rows that changed, in a new theme, or after a rename."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_dashboard import start_revealed
from workshop_support import app_for

from facilitator.base.clock import ManualClock
from facilitator.live.workshop import Workshop
from screens.dashboard import DashboardScreen
from screens.widgets.verdict_list import VerdictList
from screens.widgets.verdict_row import VerdictRow


@pytest.fixture
def workshop(tmp_path: Path, clock: ManualClock) -> Workshop:
    return start_revealed(tmp_path, clock)


async def _open(pilot) -> list[str]:
    """Open the full view, let its rows render, and close it: the questions rendered."""
    await pilot.press("d")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause(0.05)
    screen = pilot.app.screen
    assert isinstance(screen, DashboardScreen)
    painted = [
        listed.render_line(y).text for listed in screen.query(VerdictList)
        for y in range(listed.size.height)
    ]  # fmt: skip
    await pilot.press("escape")
    await pilot.pause()
    return painted


async def test_a_reopened_dashboard_renders_only_the_rows_that_changed(workshop, monkeypatch):
    rendered: list[str] = []
    render = VerdictRow.render

    def counted(self: VerdictRow):
        rendered.append(self.verdict.question.id)
        return render(self)

    monkeypatch.setattr(VerdictRow, "render", counted)
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        first = await _open(pilot)
        assert sorted(rendered) == ["importance", "why"]
        rendered.clear()
        again = await _open(pilot)
        assert rendered == [] and again == first

        workshop.commit_answer("importance", "a", 4).result(timeout=5)
        await pilot.pause()
        await _open(pilot)
        assert rendered == ["importance"]
        rendered.clear()

        app.theme = "textual-light" if app.current_theme.dark else "textual-dark"
        await pilot.pause()
        await _open(pilot)
        assert sorted(rendered) == ["importance", "why"]
        rendered.clear()

        workshop.rename(party_a="Initech").result(timeout=5)
        await pilot.pause()
        await _open(pilot)
        assert sorted(rendered) == ["importance", "why"]
