"""The end-of-session summary, and exporting a report from the app (live and saved)."""

import gc
import weakref
from pathlib import Path

import pytest
from rich.style import Style
from textual.color import Color
from textual.widgets import Static
from workshop_support import app_for, start_workshop

from facilitator.base.clock import ManualClock
from facilitator.base.settings import Settings
from facilitator.live.workshop import Workshop
from facilitator.report import PARTY_COLOURS
from facilitator.report.model import report_of_session
from screens.app import FacilitatorApp
from screens.export_dialog import ExportDialog
from screens.library import LibraryScreen
from screens.replay import ReplayScreen
from screens.start import RunSession
from screens.summary import SummaryScreen

BANK = """# Summary workshop

## Terms {#terms time=10m}

### Months to the first deal? {#months kind=number unit=months near=3 far=9 compare=goal}

### Who owns the customer? {#owner kind=stance}

- We do
- The partner does
"""


@pytest.fixture
def workshop(tmp_path: Path) -> Workshop:
    clock = ManualClock(1_750_000_000.0)
    workshop = start_workshop(tmp_path, BANK, clock, title="[bold]Acme[/] deal", party_a="Acme")
    workshop.commit_answer("months", "a", 3)
    workshop.commit_answer("months", "b", 18)
    workshop.commit_answer("owner", "a", {"position": "We do", "firmness": "must-have"})
    workshop.commit_answer("owner", "b", {"position": "We do", "firmness": "must-have"})
    workshop.add_note("Send the deck [@click=app.quit]x[/]", kind="action", owner="Tom")
    clock.advance(400)
    return workshop


def colours_in(text) -> set[str]:
    """Every colour (as lower-case #rrggbb) the spans of a rich Text use."""
    found = set()
    for span in text.spans:
        style = span.style if isinstance(span.style, Style) else Style.parse(span.style)
        if style.color is not None and style.color.triplet is not None:
            found.add(style.color.triplet.hex.lower())
    return found


def exports(workshop: Workshop) -> list[Path]:
    folder = workshop.store.path.parent / "exports"
    return sorted(folder.iterdir()) if folder.exists() else []


async def test_x_exports_the_live_session_and_the_session_goes_on(workshop, wait_for_workers):
    app = app_for(workshop)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("h")
        await wait_for_workers(pilot)
        assert not workshop.state.ended
        [written] = exports(workshop)
        assert written.suffix == ".html"
        page = written.read_text(encoding="utf-8")
        assert "Send the deck [@click=app.quit]x[/]" in page
        assert "conflict" in page
        await pilot.press("x", "escape")
        await wait_for_workers(pilot)
        assert len(exports(workshop)) == 1


async def test_ending_shows_the_summary_then_exports_and_replays(workshop, wait_for_workers):
    app = app_for(workshop)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+e", "y")
        await wait_for_workers(pilot)
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        title = str(screen.query_one("#summary-title", Static).content)
        assert "[bold]Acme[/] deal" in title
        conflicts = str(screen.query_one("#conflicts", Static).content)
        assert "Who owns the customer?" in conflicts and "Months to the first deal?" in conflicts
        actions = str(screen.query_one("#actions", Static).content)
        assert "Send the deck [@click=app.quit]x[/]" in actions and "Tom" in actions
        await pilot.press("x", "m")
        await wait_for_workers(pilot)
        [written] = exports(workshop)
        assert written.suffix == ".md"
        assert "# \\[bold\\]Acme\\[/\\] deal" in written.read_text(encoding="utf-8")
        await pilot.press("v")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, ReplayScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen), "leaving the replay goes back to the summary"
        await pilot.press("escape")
        await wait_for_workers(pilot)
        assert not app.is_running, "a session run from the shell ends there"


async def test_the_summary_shows_each_partys_airtime_in_its_colour_as_the_report_does(
    tmp_path, wait_for_workers
):
    bank = tmp_path / "bank.md"
    bank.write_text(BANK, encoding="utf-8")
    clock = ManualClock(1_750_000_000.0)
    workshop = Workshop.start(tmp_path / "sessions", bank, party_a="Acme", clock=clock)
    workshop.set_speaker("a")
    clock.advance(90)
    workshop.set_speaker("b")
    clock.advance(30)
    workshop.set_speaker(None)
    app = app_for(workshop)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+e", "y")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, SummaryScreen)
        for theme in ("dark", "light"):
            await pilot.pause()
            airtime = app.screen.query_one("#airtime", Static).content
            shown = str(airtime)
            rows = {line.split()[0]: line.split() for line in shown.splitlines()}
            # The same figures as the HTML report's "talking" columns: 75% and 25%.
            assert rows["Terms"][1:] == ["1:30", "75%", "0:30", "25%"]
            assert rows["Total"][1:] == ["1:30", "75%", "0:30", "25%"]
            assert shown.splitlines()[0].split() == ["Acme", "Party", "B"]
            wanted = {Color.parse(PARTY_COLOURS[theme][p]).hex.lower() for p in ("a", "b")}
            assert wanted <= colours_in(airtime)
            await pilot.press("t")  # the projector theme: the shades for white


async def test_x_on_home_exports_the_selected_saved_session(workshop, wait_for_workers):
    workshop.close()
    app = FacilitatorApp(sessions_dir=workshop.store.path.parent, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        app.screen.query_one("#sessions").focus()
        await pilot.press("x", "j")
        await wait_for_workers(pilot)
        [written] = exports(workshop)
        assert written.suffix == ".json"
        assert '"title": "[bold]Acme[/] deal"' in written.read_text(encoding="utf-8")
        # The export is not taken for a session: the list still holds one.
        await pilot.press("r")
        await wait_for_workers(pilot)
        assert app.screen.query_one("#sessions").row_count == 1


async def test_x_in_the_library_and_in_a_replay_exports_the_session(demo_copy, wait_for_workers):
    sessions = demo_copy.parent
    app = FacilitatorApp(sessions_dir=sessions, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("l")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("x", "m")
        await wait_for_workers(pilot)
        report = sessions / "exports" / "demo.md"
        assert report.read_text(encoding="utf-8").startswith("# First workshop")
        report.unlink()
        await pilot.press("v")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, ReplayScreen)
        await pilot.press("x", "h")
        await wait_for_workers(pilot)
        assert (sessions / "exports" / "demo.html").exists()


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_summary_snapshot(snap_compare, steady, demo_copy, size):
    sessions = demo_copy.parent
    report = report_of_session(sessions / "demo.json")
    app = FacilitatorApp(sessions_dir=sessions, settings=Settings())

    async def summary(pilot) -> None:
        await pilot.app.push_screen(SummaryScreen(report, sessions / "demo.json"))
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=summary)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_summary_snapshot_scrolled_to_the_airtime(snap_compare, steady, demo_copy, size):
    sessions = demo_copy.parent
    report = report_of_session(sessions / "demo.json")
    app = FacilitatorApp(sessions_dir=sessions, settings=Settings())

    async def airtime(pilot) -> None:
        await pilot.app.push_screen(SummaryScreen(report, sessions / "demo.json"))
        await steady(pilot)
        pilot.app.screen.query_one("VerticalScroll").scroll_end(animate=False)
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=airtime)


async def test_a_report_from_a_session_kept_elsewhere_goes_to_the_sessions_exports(
    workshop, tmp_path, wait_for_workers
):
    """A rehearsal runs in a temporary folder that goes when it ends; its report must not."""
    sessions = tmp_path / "my-sessions"
    app = FacilitatorApp(sessions_dir=sessions, start=RunSession(workshop), settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x", "j")
        await wait_for_workers(pilot)
    written = [path.name for path in (sessions / "exports").iterdir()]
    assert written == [f"{workshop.store.path.stem}.json"]
    assert exports(workshop) == []


async def test_a_closed_summary_is_not_kept_alive(workshop, wait_for_workers):
    app = FacilitatorApp(sessions_dir=workshop.path.parent, settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_workshop(workshop)
        await pilot.pause()
        await pilot.press("ctrl+e", "y")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, SummaryScreen)
        summary = weakref.ref(app.screen)
        await pilot.press("escape")
        await wait_for_workers(pilot)
        assert not isinstance(app.screen, SummaryScreen) and app.is_running
        gc.collect()
        assert summary() is None, "the theme signal still holds the closed summary"
