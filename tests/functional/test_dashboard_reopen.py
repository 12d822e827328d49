"""The full view is built once per run (or replay) screen and pushed again at each opening: the
same screen, nothing composed again, and up to date when it comes back: the verdicts that
changed while it was hidden (and only those redrawn, at the opening, not at each commit), the
question on screen selected, the theme's colours, the party names and title as they are now.
The screen goes with its owner."""

import io
from pathlib import Path

from rich.console import Console
from test_dashboard import after_reveal, row, settle, show_replay, start_revealed, text_of
from textual.widgets import Static, TabbedContent
from workshop_support import app_for

from facilitator.base.clock import ManualClock
from facilitator.base.settings import Settings
from screens.app import FacilitatorApp
from screens.dashboard import DashboardScreen
from screens.run import RunScreen
from screens.widgets.dashboard import Dashboard
from screens.widgets.verdict_list import VerdictList
from screens.widgets.verdict_row import ColumnHeads, VerdictRow


async def open_full(pilot) -> DashboardScreen:
    await pilot.press("d")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DashboardScreen)
    return screen


async def close_full(pilot) -> None:
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(pilot.app.screen, RunScreen)


async def test_the_same_screen_comes_back_with_what_changed_while_it_was_hidden(
    tmp_path: Path, clock: ManualClock, monkeypatch
):
    workshop = start_revealed(tmp_path, clock)
    app = app_for(workshop)
    composed: list[Dashboard] = []
    real_compose = Dashboard.compose
    monkeypatch.setattr(Dashboard, "compose", lambda self: (composed.append(self),
                                                            real_compose(self))[1])  # fmt: skip
    async with app.run_test(size=(140, 44)) as pilot:
        first = await open_full(pilot)
        dashboard = first.dashboard
        assert "▲ different" in row(dashboard, "why")
        await pilot.press("right")  # the moderator looks at another tab
        assert dashboard.query_one(TabbedContent).active == "tab-expectation"
        await close_full(pilot)

        redrawn: list[str] = []
        real_show = VerdictRow.show
        monkeypatch.setattr(
            VerdictRow, "show", lambda self, v: (redrawn.append(v.question.id), real_show(self, v))
        )
        workshop.override("why", "aligned", "close enough")
        workshop.commit_answer("importance", "a", 4).result(timeout=5)
        await settle(pilot)
        # Hidden, it draws nothing: the changes wait for the next opening.
        assert redrawn == []
        workshop.next_question()
        await settle(pilot)

        again = await open_full(pilot)
        assert again is first and again.dashboard is dashboard
        assert composed == [dashboard]
        assert sorted(redrawn) == ["importance", "why"]
        assert "✔ aligned" in row(dashboard, "why") and "close enough" in row(dashboard, "why")
        assert "ready ✓" in row(dashboard, "importance")
        # It opens at the question on screen, as a new one would, not at the tab left open.
        assert dashboard.query_one(TabbedContent).active == "tab-goal"
        assert dashboard.selected is not None
        assert dashboard.selected.question.id == "importance"
        assert isinstance(app.focused, VerdictList)
        # Open, it follows commits at once.
        workshop.commit_answer("importance", "b", 4).result(timeout=5)
        await settle(pilot)
        assert "ready ✓" in row(dashboard, "importance")
        assert "not answered" not in row(dashboard, "importance")
        await close_full(pilot)
    workshop.close()


async def test_opened_again_unchanged_it_looks_as_it_did(tmp_path: Path, clock: ManualClock):
    # Pushed again, Textual does not style it anew (`DashboardScreen.on_screen_resume`): what
    # it draws must still be what it drew, the focused list and its selected row included.
    workshop = start_revealed(tmp_path, clock)
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        await open_full(pilot)
        first = app.export_screenshot()
        await close_full(pilot)
        await open_full(pilot)
        assert app.export_screenshot() == first
        await pilot.press("down")
        moved = app.export_screenshot()
        assert moved != first
        await close_full(pilot)
        await open_full(pilot)
        # At the question on screen again, as a new screen would open.
        assert app.export_screenshot() == first
    workshop.close()


async def test_a_theme_and_names_changed_while_hidden_show_when_it_opens_again(
    tmp_path: Path, clock: ManualClock
):
    workshop = start_revealed(tmp_path, clock)
    workshop.override("why", "conflict")
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        screen = await open_full(pilot)
        dashboard = screen.dashboard
        listed = dashboard.query_one(VerdictList)

        def drawn_colors() -> set:
            """The colours the list paints the conflict in on screen."""
            lines = [listed.render_line(y) for y in range(listed.size.height)]
            return {s.style.color for line in lines for s in line if "✖ conflict" in s.text}

        before = drawn_colors()
        assert before == {dashboard.paint("conflict").color}
        await close_full(pilot)

        await pilot.press("t")  # a new theme, on the run screen
        await settle(pilot)
        workshop.rename(title="Renamed talk", party_a="Initech").result(timeout=5)
        await settle(pilot)

        assert await open_full(pilot) is screen
        await pilot.pause()
        after = drawn_colors()
        assert after == {dashboard.paint("conflict").color} and after != before
        console = Console(width=140, file=io.StringIO())
        lines = console.render_lines(dashboard.rows["why"].render(), console.options)
        assert {s.style.color for line in lines for s in line if "✖ conflict" in s.text} == after
        heads = text_of(dashboard.query(ColumnHeads).first())
        assert "Initech" in heads and "Acme" not in heads
        top = str(screen.query_one("#dashboard-top", Static).content)
        assert "Initech" in top and "Renamed talk" in top and "Acme" not in top
        await close_full(pilot)
    workshop.close()


async def test_the_full_view_goes_with_its_run_screen(tmp_path: Path, clock: ManualClock):
    workshop = start_revealed(tmp_path, clock)
    app = FacilitatorApp(sessions_dir=tmp_path / "sessions", settings=Settings())
    async with app.run_test(size=(140, 44)) as pilot:
        await app.push_screen(RunScreen(workshop, ask_before_leaving=False))
        await settle(pilot)
        full = await open_full(pilot)
        listed = full.dashboard.query_one(VerdictList)
        await close_full(pilot)
        assert app.is_screen_installed(full) and full.is_running
        await pilot.press("q")
        await settle(pilot)
        await pilot.pause()
        assert not isinstance(app.screen, RunScreen)
        # Removed with all it built (its lists' lines dropped), not kept installed.
        assert not app.is_screen_installed(full)
        assert not full.is_running and not full.is_attached
        assert not listed.is_running and listed.rendering is False


async def test_the_replay_full_view_comes_back_at_the_moment_sought(tmp_path, demo_copy):
    after = after_reveal(demo_copy)
    app = FacilitatorApp(sessions_dir=tmp_path / "sessions", settings=Settings())
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await show_replay(app, pilot, demo_copy)
        await screen.seek(after - 2)
        await pilot.pause()
        full = await open_full(pilot)
        assert "◌ hidden" in row(full.dashboard, "customer-owner")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await screen.seek(after)
        await pilot.pause()
        assert await open_full(pilot) is full
        assert "✖ conflict" in row(full.dashboard, "customer-owner")
        assert full.dashboard.query_one(TabbedContent).active == "tab-non-negotiable"
        assert full.dashboard.selected is not None
        assert full.dashboard.selected.question.id == "customer-owner"
