"""The row under the mouse is highlighted in the dashboard's list (as the list items were),
without rendering any row again: only the hovered rows' lines are painted again."""

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


async def test_the_row_under_the_mouse_is_highlighted_and_no_row_is_rendered_again(
    workshop, monkeypatch
):
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        listed = screen.query_one(VerdictList)
        assert screen.dashboard.selected.question.id == "why"
        second = listed._tops[1]

        def backgrounds(line: int) -> set:
            """The backgrounds of the text the list paints on a line of the second row."""
            strip = listed.render_line(line - listed.scroll_offset.y)
            return {segment.style.bgcolor for segment in strip if segment.text.strip()}

        plain = backgrounds(second)
        rendered: list[str] = []
        render = VerdictRow.render
        monkeypatch.setattr(VerdictRow, "render", lambda row: rendered.append(row) or render(row))

        await pilot.hover(VerdictList, offset=(10, second))
        await pilot.pause()
        hovered = backgrounds(second)
        hover = listed.get_component_rich_style("verdict-list--hover").bgcolor
        assert hovered == {hover} and hovered != plain
        # The selected row keeps its own highlight under the mouse.
        selected = backgrounds(listed._tops[0])
        await pilot.hover(VerdictList, offset=(10, listed._tops[0]))
        await pilot.pause()
        assert backgrounds(listed._tops[0]) == selected
        assert backgrounds(second) == plain

        await pilot.hover(VerdictList, offset=(10, second))
        await pilot.hover("#dashboard-top")
        await pilot.pause()
        assert backgrounds(second) == plain
        assert rendered == []
