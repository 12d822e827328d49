"""The live comparison dashboard, driven through the Pilot: the full view (d) and the split view
(D), rows and masking, overrides recorded as events, the incremental refresh, markup shown as
typed, and the dashboard of the replay screen at a moment."""

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Input, RadioButton, Static, TabbedContent
from workshop_support import app_for, start_workshop

import facilitator.compare.comparison
from facilitator.base.clock import ManualClock
from facilitator.base.settings import Settings
from facilitator.live.replay import Replay
from facilitator.live.workshop import Workshop
from facilitator.session.records import STATUS_OVERRIDDEN
from facilitator.store.reading import read_session
from screens.app import FacilitatorApp
from screens.dashboard import DashboardScreen
from screens.override import OverrideDialog
from screens.replay import ReplayScreen
from screens.run import RunScreen
from screens.widgets.dashboard import Dashboard
from screens.widgets.dashboard_summary import ScaleChart, SummaryLine
from screens.widgets.verdict_list import VerdictList
from screens.widgets.verdict_row import ColumnHeads, VerdictRow

BANK = """---
party-a: Startup
party-b: Enterprise
---
# Dashboard test

## Why {time=10m}

### Why this partnership? {#why compare=goal}

### How important is it? {#importance kind=scale range=1-5 near=1 far=3 compare=goal predict}

## Give and take {time=10m}

### What do you expect? {#expects kind=list compare=expectation pair=offers}

### What do you offer? {#offers kind=list compare=offer}

## Terms {time=5m}

### Who owns the customer? {#owner kind=stance compare=non-negotiable}

- We do
- The partner does
"""


def start(tmp_path: Path, clock: ManualClock, a: str = "Acme", b: str = "Globex") -> Workshop:
    return start_workshop(tmp_path, BANK, clock, party_a=a, party_b=b)


def start_revealed(tmp_path: Path, clock: ManualClock) -> Workshop:
    """A session whose first question is answered by both parties and revealed: one row."""
    workshop = start(tmp_path, clock)
    workshop.commit_answer("why", "a", "Reach enterprise buyers")
    workshop.commit_answer("why", "b", "A product our clients ask for").result(timeout=5)
    workshop.reveal("why")
    return workshop


@pytest.fixture
def workshop(tmp_path: Path, clock: ManualClock) -> Workshop:
    return start(tmp_path, clock)


def text_of(widget, width: int = 140) -> str:
    """What a dashboard widget draws, as plain text."""
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(widget.render())
    return console.export_text()


def row(dashboard: Dashboard, question: str) -> str:
    return text_of(dashboard.rows[question])


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_d_opens_the_dashboard_with_each_category_and_escape_closes_it(workshop):
    workshop.commit_answer("why", "a", "Reach enterprise buyers")
    workshop.commit_answer("why", "b", "A product our clients ask for").result(timeout=5)
    workshop.reveal("why")
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        dashboard = screen.dashboard
        # A paired offer is shown within its expectation's row, not as a row of its own; the
        # rows of a tab are built when it is first shown.
        assert list(dashboard.places) == ["why", "importance", "expects", "owner"]
        assert list(dashboard.rows) == ["why", "importance"]
        assert isinstance(app.focused, VerdictList)
        first = row(dashboard, "why")
        assert "Why this partnership?" in first
        assert "Reach enterprise buyers" in first and "A product our clients ask for" in first
        assert "▲ different" in first
        heads = text_of(screen.query(ColumnHeads).first())
        assert "Acme" in heads and "Globex" in heads and "status" in heads
        tabs = screen.query_one(TabbedContent)
        await pilot.press("right")
        assert tabs.active == "tab-expectation"
        assert "expects" in dashboard.rows
        await pilot.press("left", "left")
        assert tabs.active == "tab-scales"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)

        workshop.next_section()
        workshop.next_section()
        await pilot.press("d")
        await settle(pilot)
        # It opens where the session is: the non-negotiable on screen, selected.
        assert app.screen.query_one(TabbedContent).active == "tab-non-negotiable"
        assert app.screen.dashboard.selected.question.id == "owner"


async def test_hidden_answers_stay_masked_until_the_reveal_even_while_it_is_open(workshop):
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("d")
        await settle(pilot)
        dashboard = app.screen.query_one(Dashboard)
        workshop.commit_answer("why", "a", "Secret startup plan").result(timeout=5)
        await settle(pilot)
        shown = row(dashboard, "why")
        assert "Secret startup plan" not in shown
        assert "ready ✓" in shown and "—" in shown and "◌ hidden" in shown
        workshop.commit_answer("why", "b", "Secret enterprise plan").result(timeout=5)
        workshop.next_question()
        workshop.commit_answer("importance", "a", 5)
        workshop.commit_answer("importance", "b", 1).result(timeout=5)
        await settle(pilot)
        shown = row(dashboard, "importance")
        assert "conflict" not in shown and "apart" not in shown and "5 of 1-5" not in shown
        summary = text_of(app.screen.query(SummaryLine).first())
        assert "2 hidden" in summary and "conflict" not in summary
        chart = text_of(app.screen.query_one(ScaleChart))
        assert "hidden until reveal" in chart and "█" not in chart

        workshop.reveal("importance")
        await settle(pilot)
        shown = row(dashboard, "importance")
        assert "5 of 1-5" in shown and "1 of 1-5" in shown and "✖ conflict" in shown
        assert "4 apart (far apart: conflict from 3)" in shown
        assert "Secret" not in row(dashboard, "why")
        summary = text_of(app.screen.query(SummaryLine).first())
        assert "alignment 0%" in summary and "1 conflict" in summary and "1 hidden" in summary
        assert "conflicts: How important is it?" in summary
        chart = text_of(app.screen.query_one(ScaleChart))
        assert "█" in chart and "hidden until reveal" not in chart


async def test_an_override_with_a_comment_is_recorded_shown_and_can_be_cleared(workshop):
    workshop.commit_answer("why", "a", "Reach enterprise buyers")
    workshop.commit_answer("why", "b", "A product our clients ask for").result(timeout=5)
    workshop.reveal("why")
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("d")
        await settle(pilot)
        dashboard = app.screen.query_one(Dashboard)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, OverrideDialog)
        await pilot.click(list(app.screen.query(RadioButton))[4])
        app.screen.query_one("#comment", Input).value = "They want different customers"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        workshop.store.flush()
        events = [e for e in read_session(workshop.store.path).events
                  if e.type == STATUS_OVERRIDDEN]  # fmt: skip
        assert [e.payload for e in events] == [
            {"question": "why", "status": "conflict", "comment": "They want different customers"}
        ]
        shown = row(dashboard, "why")
        assert "✖ conflict ✎" in shown
        assert "computed different" in shown
        assert "✎ moderator: set conflict · “They want different customers”" in shown
        assert "1 conflict" in text_of(app.screen.query(SummaryLine).first())

        await pilot.press("s")
        await pilot.pause()
        await pilot.click("#clear")
        await settle(pilot)
        assert "why" not in workshop.state.overrides
        shown = row(dashboard, "why")
        assert "▲ different" in shown and "✎" not in shown


async def test_a_hidden_question_cannot_be_overridden_and_a_cancel_records_nothing(workshop):
    workshop.commit_answer("why", "a", "Reach enterprise buyers").result(timeout=5)
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        workshop.reveal("why")
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert workshop.state.overrides == {}


async def test_the_split_view_toggles_beside_the_question_and_is_the_full_view_when_narrow(
    workshop,
):
    app = app_for(workshop)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = app.screen
        await pilot.press("D")
        await settle(pilot)
        split = screen.query_one("#split", Dashboard)
        assert split.display and screen.has_class("-split")
        assert not screen.query_one("#agenda").display
        assert split.region.x > screen.query_one("#main").region.x
        assert split.query_one(TabbedContent).active == "tab-goal"
        # A row of the split takes a status too: click it, then s.
        await pilot.click(VerdictList, offset=(4, 0))
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, OverrideDialog)
        assert app.screen.verdict.question.id == "why"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await settle(pilot)
        # The split follows the question on screen: its category's tab, its row selected.
        assert split.query_one(TabbedContent).active == "tab-expectation"
        assert split.selected is not None and split.selected.question.id == "expects"
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert not screen.query("#split") and not screen.has_class("-split")
        assert screen.query_one("#agenda").display
    async with app_for(workshop).run_test(size=(100, 30)) as pilot:
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DashboardScreen)


async def test_a_commit_redraws_only_its_own_row_without_a_full_recompute(workshop, monkeypatch):
    workshop.commit_answer("why", "b", "A product our clients ask for").result(timeout=5)
    app = app_for(workshop)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("D")
        await settle(pilot)
        split = app.screen.query_one("#split", Dashboard)
        rows = dict(split.rows)
        verdicts = {question: shown.verdict for question, shown in rows.items()}
        assessed, redrawn = [], []
        real_assess, real_show = facilitator.compare.comparison.assess, VerdictRow.show

        def counting_assess(question, *args, **kwargs):
            assessed.append(question.id)
            return real_assess(question, *args, **kwargs)

        def counting_show(self, verdict):
            redrawn.append(verdict.question.id)
            real_show(self, verdict)

        monkeypatch.setattr(facilitator.compare.comparison, "assess", counting_assess)
        monkeypatch.setattr(VerdictRow, "show", counting_show)
        await pilot.press("a", *"Reach enterprise buyers", "ctrl+s")
        await settle(pilot)
        assert assessed == ["why"]
        assert redrawn == ["why"]
        assert split.rows == rows
        assert all(split.rows[q].verdict is verdicts[q] for q in rows if q != "why")
        assert "ready ✓" in row(split, "why")

        # A speaker, a pause or a timer extension changes no verdict: nothing is redrawn.
        await pilot.press("1", "space", "5")
        await settle(pilot)
        assert assessed == ["why"] and redrawn == ["why"]


async def test_the_full_view_follows_commits_while_it_is_open(workshop, monkeypatch):
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("d")
        await settle(pilot)
        dashboard = app.screen.query_one(Dashboard)
        others = {qid: r for qid, r in dashboard.rows.items() if qid != "why"}
        redrawn = []
        real_show = VerdictRow.show
        monkeypatch.setattr(
            VerdictRow, "show", lambda self, v: (redrawn.append(v.question.id), real_show(self, v))
        )
        workshop.commit_answer("why", "a", "Reach enterprise buyers").result(timeout=5)
        await settle(pilot)
        assert redrawn == ["why"]
        assert {qid: r for qid, r in dashboard.rows.items() if qid != "why"} == others
        assert "ready ✓" in row(dashboard, "why")


async def test_expectations_are_matched_against_offers_both_ways_and_unmatched_flagged(workshop):
    for party, expects, offers in (
        ("a", ["Access to your customers", "A pilot budget"], ["Two engineers for a month"]),
        ("b", ["Two engineers for a month"], ["Technical guidance", "A pilot budget"]),
    ):
        workshop.commit_answer("expects", party, expects)
        workshop.commit_answer("offers", party, offers).result(timeout=5)
    workshop.reveal("expects")
    workshop.reveal("offers")
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("d", "right")
        await settle(pilot)
        dashboard = app.screen.query_one(Dashboard)
        shown = row(dashboard, "expects")
        assert "Acme expects → Globex offers  50% met" in shown
        assert "✖ unmatched  Access to your customers" in shown
        assert "✔ matched    A pilot budget" in shown
        assert "also offered: Technical guidance" in shown
        assert "Globex expects → Acme offers  100% met" in shown
        assert "✖ conflict" not in shown and "▲ different" in shown
        summary = text_of(app.screen.query_one("#tab-expectation").query_one(SummaryLine))
        assert "1 unmatched expectation" in summary


async def test_a_new_theme_repaints_the_rows_in_its_colors(workshop):
    workshop.next_question()
    workshop.commit_answer("importance", "a", 5)
    workshop.commit_answer("importance", "b", 1).result(timeout=5)
    workshop.reveal("importance")
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("d")
        await settle(pilot)
        dashboard = app.screen.query_one(Dashboard)
        row = dashboard.rows["importance"]
        listed = dashboard.query_one(VerdictList)

        def conflict_colors() -> set:
            console = Console(width=140, file=io.StringIO())
            lines = console.render_lines(row.render(), console.options)
            return {s.style.color for line in lines for s in line if "✖ conflict" in s.text}

        def drawn_colors() -> set:
            """The colors the list paints the conflict in on screen."""
            lines = [listed.render_line(y) for y in range(listed.size.height)]
            return {s.style.color for line in lines for s in line if "✖ conflict" in s.text}

        dark = conflict_colors()
        assert dark == {dashboard.paint("conflict").color} == drawn_colors()
        await pilot.press("t")
        await settle(pilot)
        await pilot.pause()
        projector = conflict_colors()
        assert projector == {dashboard.paint("conflict").color} and projector != dark
        assert drawn_colors() == projector


async def test_guesses_show_how_far_each_side_was(workshop):
    workshop.next_question()
    workshop.commit_answer("importance", "a", 5)
    workshop.commit_answer("importance", "b", 2)
    workshop.commit_answer("importance", "a", 2, prediction=True)
    workshop.commit_answer("importance", "b", 1, prediction=True).result(timeout=5)
    workshop.reveal("importance")
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("d")
        await settle(pilot)
        shown = row(app.screen.query_one(Dashboard), "importance")
        assert "guess ✔ Acme guessed 2, Globex said 2 (right)" in shown
        assert "guess ✖ Globex guessed 1, Acme said 5 (4 off)" in shown


async def test_the_status_line_sums_up_the_current_category_live(workshop):
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        statusline = app.screen.query_one("#statusline", Static)
        assert "Live" not in str(statusline.content)
        workshop.commit_answer("why", "a", "Reach enterprise buyers")
        workshop.commit_answer("why", "b", "A product our clients ask for").result(timeout=5)
        await settle(pilot)
        assert "Live: goals 1 hidden (d: dashboard)" in str(statusline.content)
        workshop.reveal("why")
        await settle(pilot)
        app.screen.refresh_clocks()
        assert "Live: goals 1 different (d: dashboard)" in str(statusline.content)


async def test_markup_in_answers_and_party_names_shows_literally(tmp_path, clock):
    live = start(tmp_path, clock, a="[bold]Acme[/]", b="[@click=app.quit]x[/]")
    live.commit_answer("why", "a", "[@click=app.quit]boom[/]")
    live.commit_answer("why", "b", "[bold]big[/bold]").result(timeout=5)
    live.reveal("why")
    live.override("why", "different", "[@click=app.quit]why[/]")
    app = app_for(live)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        shown = row(screen.dashboard, "why")
        assert "[@click=app.quit]boom[/]" in shown and "[bold]big[/bold]" in shown
        assert "“[@click=app.quit]why[/]”" in shown
        heads = text_of(screen.query(ColumnHeads).first())
        assert "[bold]Acme[/]" in heads and "[@click=app.quit]x[/]" in heads
        top = str(screen.query_one("#dashboard-top", Static).content)
        assert "[bold]Acme[/]" in top and "[@click=app.quit]x[/]" in top
        await pilot.click(VerdictList, offset=(4, 0))
        await pilot.click("#dashboard-top")
        assert app.is_running


def after_reveal(demo_copy: Path, question: str = "customer-owner") -> float:
    """Seconds into the demo session a second after `question` was revealed."""
    replay = Replay.open(demo_copy)
    reveal = next(e for e in replay.events if e.type == "reveal"
                  and e.payload["question"] == question)  # fmt: skip
    return reveal.time - replay.start + 1


async def show_replay(app, pilot, demo_copy: Path) -> ReplayScreen:
    """The demo session's replay screen, pushed and settled."""
    screen = ReplayScreen(Replay.open(demo_copy), clock=ManualClock(5_000))
    await app.push_screen(screen)
    await settle(pilot)
    return screen


async def test_the_replay_dashboard_shows_the_state_at_the_moment_sought(tmp_path, demo_copy):
    after = after_reveal(demo_copy)
    app = FacilitatorApp(sessions_dir=tmp_path / "sessions", settings=Settings())
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await show_replay(app, pilot, demo_copy)
        dashboard = screen.query_one(Dashboard)
        assert not dashboard.overridable
        assert dashboard.query_one(TabbedContent).active == "tab-goal"
        assert "customer-owner" not in dashboard.rows
        await screen.seek(after)
        await pilot.pause()
        # It follows the question the moment shows: the non-negotiables, built when first needed.
        assert dashboard.query_one(TabbedContent).active == "tab-non-negotiable"
        shown = row(dashboard, "customer-owner")
        assert "We do · must-have" in shown and "✖ conflict" in shown
        await screen.seek(after - 2)
        await pilot.pause()
        shown = row(dashboard, "customer-owner")
        assert "ready ✓" in shown and "◌ hidden" in shown and "must-have" not in shown
        fresh = facilitator.compare.comparison.Comparison.of(
            screen.state, ("Kestrel Labs", "Hallmark Climate")
        )
        assert dashboard.comparison.verdicts == fresh.verdicts
        assert dashboard.query_one(TabbedContent).active == "tab-non-negotiable"
        dashboard.focus_rows()
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is screen

        await pilot.press("d")
        await settle(pilot)
        full = app.screen
        assert isinstance(full, DashboardScreen) and not full.dashboard.overridable
        assert "◌ hidden" in row(full.dashboard, "customer-owner")
        await screen.seek(after)
        await pilot.pause()
        assert "✖ conflict" in row(full.dashboard, "customer-owner")
        await pilot.press("s", "escape")
        await pilot.pause()
        assert app.screen is screen


async def test_arrows_and_clicks_select_rows_and_s_acts_on_the_selected_one(workshop):
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("d")
        await settle(pilot)
        dashboard = app.screen.dashboard
        listed = dashboard.query_one(VerdictList)
        assert dashboard.selected.question.id == "why"
        await pilot.press("down")
        assert dashboard.selected.question.id == "importance"
        await pilot.press("down")
        # The last row stays selected.
        assert dashboard.selected.question.id == "importance"
        await pilot.press("up")
        assert dashboard.selected.question.id == "why"
        # A click on the second row's first line selects it.
        await pilot.click(VerdictList, offset=(4, listed._tops[1]))
        assert dashboard.selected.question.id == "importance"
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, OverrideDialog)
        assert app.screen.verdict.question.id == "importance"


async def test_a_row_that_grows_moves_the_rows_below_it(workshop):
    app = app_for(workshop)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("d")
        await settle(pilot)
        listed = app.screen.dashboard.query_one(VerdictList)
        second, height = listed._tops[1], listed.virtual_size.height
        workshop.commit_answer("why", "a", "Reach enterprise buyers " * 12)
        workshop.commit_answer("why", "b", "A product our clients ask for").result(timeout=5)
        workshop.reveal("why")
        await settle(pilot)
        grown = listed._tops[1] - second
        assert grown > 1 and listed.virtual_size.height == height + grown
        lines = [listed.render_line(y).text for y in range(listed.size.height)]
        assert any("How important is it?" in line for line in lines[listed._tops[1]:])


def test_a_row_is_laid_out_as_a_rich_grid_of_the_same_columns():
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from screens.widgets.verdict_row import STATUS_WIDTH, WIDE, _Columns

    question = Text("What does each side want from this partnership, in a sentence or two?")
    cells = (
        Text("Introductions to the customers of the enterprise and its prospects, soon"),
        Text("◆ complementary ✎"),
        Text("Predictive maintenance without a data science team of our own"),
    )
    details = [Text("both name customers; the startup wants reach, the enterprise a product")]

    def grid(width: int) -> list:
        """What the row drew as a rich grid, before it laid its columns out itself."""
        wide = width >= WIDE
        table = Table.grid(expand=True, padding=(0, 1))
        if wide:
            table.add_column(ratio=5)
        table.add_column(ratio=4)
        table.add_column(width=STATUS_WIDTH)
        table.add_column(ratio=4)
        table.add_row(*((question,) if wide else ()), *cells)
        return [*(() if wide else (question,)), table, *(Padding(d, (0, 0, 0, 2)) for d in details)]

    for width in range(40, 201, 3):
        drawn, expected = (Console(width=width, record=True, file=io.StringIO()) for _ in "ab")
        drawn.print(_Columns(question, cells, details))
        for part in grid(width):
            expected.print(part)
        assert drawn.export_text() == expected.export_text(), width


async def test_a_long_tab_opens_at_the_question_on_screen_and_renders_the_rest_after(
    tmp_path, clock
):
    goals = "".join(f"### Goal number {n}? {{#g{n} compare=goal}}\n\n" for n in range(40))
    bank = tmp_path / "long.md"
    bank.write_text(f"# Long\n\n## Goals {{time=10m}}\n\n{goals}", encoding="utf-8")
    workshop = Workshop.start(tmp_path / "sessions", bank, clock=clock)
    for n in range(30):
        workshop.commit_answer(f"g{n}", "a", "A longer answer that wraps " * (1 + n % 4))
        workshop.next_question()
    workshop.store.flush()
    app = app_for(workshop)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d")
        await settle(pilot)
        listed = app.screen.dashboard.query_one(VerdictList)
        for _ in range(200):
            if all(lines is not None for lines in listed._lines):
                break
            await pilot.pause(0.01)
        assert all(lines is not None for lines in listed._lines)
        assert listed._heights == [len(lines) for lines in listed._lines]
        index = listed.index
        assert app.screen.dashboard.selected.question.id == "g30"
        top, bottom = listed.scroll_offset.y, listed.scroll_offset.y + listed.size.height
        assert top <= listed._tops[index] and listed._tops[index] + listed._heights[index] <= bottom
        shown = [listed.render_line(y).text for y in range(listed.size.height)]
        assert any("Goal number 30?" in line for line in shown)
