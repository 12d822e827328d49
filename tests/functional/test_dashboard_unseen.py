"""The full view built unseen while the moderator is on the run screen (issue 14.5): composed,
mounted and laid out off the stack, so that the first `d` only pushes it; opened, it draws what a
full view built at the key draws, with what changed meanwhile. And what a commit in the split
view no longer does: lay the whole screen out for a list's rows or a summary line that shrank."""

from pathlib import Path

from test_dashboard import settle, start_revealed
from textual.screen import Screen
from workshop_support import app_for

import screens.run
from facilitator.base.clock import ManualClock
from screens.dashboard import DashboardScreen
from screens.run import RunScreen
from screens.widgets.dashboard import Dashboard
from screens.widgets.dashboard_summary import SummaryLine
from screens.widgets.verdict_list import VerdictList


def _never(monkeypatch) -> None:
    """No full view built unseen (the timer far off): `d` builds it, as before."""
    monkeypatch.setattr(screens.run, "FULL_VIEW_AFTER", 3600)


def _callers(monkeypatch, owner: type, name: str) -> list:
    """The objects whose method `name` of `owner` is called from now on, in call order (the
    method still runs)."""
    called: list = []
    real = getattr(owner, name)

    def spy(self, *args, **kwargs):
        called.append(self)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(owner, name, spy)
    return called


async def _opened_at_the_key(tmp_path: Path, clock: ManualClock, monkeypatch) -> str:
    _never(monkeypatch)
    (tmp_path / "at-key").mkdir()
    workshop = start_revealed(tmp_path / "at-key", clock)
    workshop.override("why", "aligned", "close enough")
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        shot = app.export_screenshot()
    workshop.close()
    return shot


async def test_built_unseen_it_opens_composing_nothing_and_draws_what_one_built_at_the_key_does(
    tmp_path: Path, clock: ManualClock, monkeypatch
):
    at_key = await _opened_at_the_key(tmp_path, clock, monkeypatch)
    monkeypatch.setattr(screens.run, "FULL_VIEW_AFTER", 0.05)
    (tmp_path / "unseen").mkdir()
    workshop = start_revealed(tmp_path / "unseen", clock)
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.pause(0.1)
        view = run.full_view
        assert view is not None
        await view.built.wait()
        # Built and laid out at the app's size, never shown: the run screen is still on top.
        assert app.screen is run and view not in app.screen_stack
        assert view.dashboard.size.width == 140 and view.query_one(VerdictList).size.height
        composed: list[Dashboard] = _callers(monkeypatch, Dashboard, "compose")
        laid_out: list[Screen] = _callers(monkeypatch, Screen, "_refresh_layout")
        # A change while it waits unseen shows when it opens.
        workshop.override("why", "aligned", "close enough")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert app.screen is view and composed == []
        # Laid out unseen at this size: the opening lays nothing out again.
        assert view not in laid_out
        assert app.export_screenshot() == at_key
    workshop.close()


async def test_d_while_it_is_being_built_unseen_opens_it_once_it_is(
    tmp_path: Path, clock: ManualClock, monkeypatch
):
    _never(monkeypatch)
    workshop = start_revealed(tmp_path, clock)
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        run._build_full_view()
        view = run.full_view
        assert view is not None and not view.built.is_set()
        await pilot.press("d")
        await settle(pilot)
        assert app.screen is view and view.built.is_set()
        assert "why" in view.dashboard.rows
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is run
    workshop.close()


async def test_not_built_unseen_while_another_screen_is_on_top(
    tmp_path: Path, clock: ManualClock, monkeypatch
):
    _never(monkeypatch)
    workshop = start_revealed(tmp_path, clock)
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.press("l")  # the notes
        await settle(pilot)
        assert app.screen is not run
        run._build_full_view()
        assert run.full_view is None
    workshop.close()


async def test_rows_rendered_after_the_first_frame_lay_nothing_out_and_the_scroll_follows(
    tmp_path: Path, clock: ManualClock, monkeypatch
):
    _never(monkeypatch)
    workshop = start_revealed(tmp_path, clock)
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("D")
        await settle(pilot)
        listed = app.screen.query_one("#split", Dashboard).query_one(VerdictList)
        rows = list(listed.rows)
        listed.extend(rows * 30)  # rows enough to scroll: the scrollbar shows (a layout)
        await pilot.pause(0.3)
        await settle(pilot)
        assert not listed.rendering and listed.max_scroll_y > 0
        laid_out: list[Screen] = _callers(monkeypatch, Screen, "_refresh_layout")
        fills: list[VerdictList] = _callers(monkeypatch, VerdictList, "_fill")
        before = listed.virtual_size.height
        listed.extend(rows * 300)  # rendered after the frame, a few milliseconds at a time
        await pilot.pause(0.5)
        await settle(pilot)
        assert not listed.rendering and listed.virtual_size.height > 5 * before
        assert len(fills) > 1 and laid_out == []
        # The scroll's limits follow the rows: the last row can be scrolled to.
        shown = listed.scrollable_content_region.height
        assert listed.max_scroll_y == listed.virtual_size.height - shown
        listed.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert listed.scroll_offset.y == listed.max_scroll_y > 0
    workshop.close()


async def test_a_summary_line_that_shrinks_keeps_its_height_and_lays_nothing_out(
    tmp_path: Path, clock: ManualClock, monkeypatch
):
    _never(monkeypatch)
    workshop = start_revealed(tmp_path, clock)
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("D")
        await settle(pilot)
        line = app.screen.query_one("#split", Dashboard).query(SummaryLine).first()
        one_line = line.size.height
        workshop.override("why", "conflict")  # a second line: the conflicts named
        await settle(pilot)
        assert line.size.height == one_line + 1
        laid_out: list[Screen] = _callers(monkeypatch, Screen, "_refresh_layout")
        workshop.override("why", None)  # no conflict now: the line is shorter
        await settle(pilot)
        assert "conflicts" not in str(line.render())
        assert line.size.height == one_line + 1 and laid_out == []
        workshop.override("why", "conflict")  # and back, in the lines it kept
        await settle(pilot)
        assert line.size.height == one_line + 1 and laid_out == []
    workshop.close()
