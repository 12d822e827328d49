"""The replay screen, driven through the Pilot with an injected clock: play, pause, speed, step,
section jumps, seeking, and what it shows at a moment. Nothing here writes to a session."""

import asyncio
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, Label, Static, TabbedContent

from facilitator.base.clock import ManualClock
from facilitator.base.durations import format_clock
from facilitator.base.settings import Settings
from facilitator.live.replay import Replay
from facilitator.live.workshop import Workshop
from facilitator.session.records import REVEAL
from screens.app import FacilitatorApp
from screens.goto import GoToDialog
from screens.replay import ReplayScreen
from screens.start import ReplaySession
from screens.widgets.answer_pane import AnswerPane
from screens.widgets.countdown import Countdown
from screens.widgets.dashboard import Dashboard
from screens.widgets.timeline import Timeline
from screens.widgets.verdict_list import VerdictList

ROOT = Path(__file__).parents[2]


async def open_replay(pilot, path: Path, clock: ManualClock, **options) -> ReplayScreen:
    screen = ReplayScreen(Replay.open(path), clock=clock, **options)
    await pilot.app.push_screen(screen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def home_app(tmp_path: Path) -> FacilitatorApp:
    return FacilitatorApp(sessions_dir=tmp_path / "sessions", settings=Settings())


async def test_play_follows_the_clock_at_the_chosen_speed_and_pause_holds(tmp_path, demo_copy):
    clock = ManualClock(5_000)
    async with home_app(tmp_path).run_test(size=(120, 40)) as pilot:
        screen = await open_replay(pilot, demo_copy, clock)
        assert screen.position == 0 and not screen.head.playing
        assert "❚❚ 1x  0:00 / " in text_of(screen, "#topbar")
        await pilot.press("space")
        clock.advance(30)
        await screen.refresh_view()
        assert screen.position == 30
        assert "▶ 1x  0:30 / " in text_of(screen, "#topbar")
        await pilot.press("3")
        clock.advance(10)
        await screen.refresh_view()
        assert screen.position == 30 + 160
        await pilot.press("plus")
        assert screen.head.speed == 60
        await pilot.press("minus", "minus")
        assert screen.head.speed == 4
        await pilot.press("space")
        held = screen.position
        clock.advance(600)
        await screen.refresh_view()
        assert screen.position == held
        assert "❚❚ 4x" in text_of(screen, "#topbar")
        assert screen.state == screen.replay.state_at(held)


async def test_playing_to_the_end_stops_there_with_the_session_ended(tmp_path, demo_copy):
    clock = ManualClock()
    async with home_app(tmp_path).run_test(size=(120, 40)) as pilot:
        screen = await open_replay(pilot, demo_copy, clock, speed=60)
        await pilot.press("space")
        clock.advance(3600)
        await screen.refresh_view()
        assert screen.position == screen.replay.duration
        assert not screen.head.playing
        assert screen.state.ended
        assert "session ended" in text_of(screen, "#statusline")
        await pilot.press("space")  # from the end, play starts again
        assert screen.position == 0 and screen.head.playing


async def test_stepping_shows_one_event_more_or_less_and_pauses(tmp_path, demo_copy):
    clock = ManualClock()
    async with home_app(tmp_path).run_test(size=(120, 40)) as pilot:
        screen = await open_replay(pilot, demo_copy, clock, at=600)
        before = screen.count
        await pilot.press("space", "right", "right", "right")
        assert not screen.head.playing
        assert screen.count == before + 3
        assert screen.state == screen.replay.state_after(before + 3)
        assert screen.position == screen.replay.offset_of(before + 3)
        await pilot.press("left")
        assert screen.count == before + 2
        assert f"event {before + 2} of {len(screen.replay.events)}" in text_of(
            screen, "#statusline"
        )
        await pilot.press("home")
        at_start = screen.replay.count_at(0)
        assert screen.count == at_start > 1, "the start, the first section and its timer at 0:00"
        await pilot.press(*["left"] * at_start)
        assert (screen.count, screen.position) == (0, 0)


async def test_section_keys_jump_between_the_starts_of_sections(tmp_path, demo_copy):
    clock = ManualClock()
    async with home_app(tmp_path).run_test(size=(120, 40)) as pilot:
        screen = await open_replay(pilot, demo_copy, clock)
        markers = screen.replay.markers()
        await pilot.press("right_square_bracket")
        assert screen.position == markers[1].offset
        assert screen.state.section == 1
        assert "Why each other" in text_of(screen, "#position")
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.state.section == 3
        await pilot.press("left_square_bracket")
        assert screen.state.section == 2
        await screen.seek(markers[2].offset + 60)
        await pilot.press("left_square_bracket")
        assert screen.position == markers[2].offset, "first back to where this section began"
        await pilot.press("end", "right_square_bracket")
        assert screen.position == screen.replay.duration


async def test_go_to_takes_a_moment_and_explains_a_bad_one(tmp_path, demo_copy):
    clock = ManualClock()
    async with home_app(tmp_path).run_test(size=(120, 40)) as pilot:
        screen = await open_replay(pilot, demo_copy, clock)
        await pilot.press("g")
        dialog = pilot.app.screen
        assert isinstance(dialog, GoToDialog)
        await pilot.press("ctrl+u", *"7:5", "enter")
        assert pilot.app.screen is dialog
        assert "MM:SS" in str(dialog.query_one("#problem", Label).render())
        await pilot.press("ctrl+u", *"9:59:00", "enter")
        assert "the session lasts" in str(dialog.query_one("#problem", Label).render())
        await pilot.press("ctrl+u", *"47:30", "enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert screen.position == 47 * 60 + 30
        assert screen.state.section == 3
        await pilot.press("g", "escape")
        assert pilot.app.screen is screen and screen.position == 2850


async def test_answers_are_masked_until_the_moment_they_were_revealed(tmp_path, demo_copy):
    clock = ManualClock()
    async with home_app(tmp_path).run_test(size=(120, 40)) as pilot:
        screen = await open_replay(pilot, demo_copy, clock)
        events = screen.replay.events
        reveal = next(
            i for i, e in enumerate(events)
            if e.type == REVEAL and e.payload["question"] == "customer-owner"
        )  # fmt: skip
        await screen.seek(screen.replay.offset_of(reveal))
        await pilot.press("right", "left")  # exactly the moment before the reveal
        panes = [screen.query_one(f"#pane-{party}", AnswerPane) for party in "ab"]
        views = [str(pane.query_one("#view", Static).render()) for pane in panes]
        assert views == ["ready ✓  hidden until reveal"] * 2
        await pilot.press("right")
        views = [str(pane.query_one("#view", Static).render()) for pane in panes]
        assert views == ["We do · must-have"] * 2
        await pilot.press("p")
        views = [str(pane.query_one("#view", Static).render()) for pane in panes]
        assert views == [
            "Whoever brought in the customer · preferred",
            "The partner does · flexible",
        ]
        assert pilot.app.focused is None


async def test_the_timer_agenda_and_notes_show_the_moment(tmp_path, demo_copy):
    clock = ManualClock()
    async with home_app(tmp_path).run_test(size=(160, 48)) as pilot:
        screen = await open_replay(pilot, demo_copy, clock)
        markers = screen.replay.markers()
        await screen.seek(markers[4].offset - 1)  # the last second of the non-negotiables
        countdown = screen.query_one(Countdown)
        assert countdown.has_class("-overtime")
        timer = screen.state.timers[3]
        left = timer.remaining(screen.moment())
        assert left < 0 and timer.budget == 25 * 60
        assert str(countdown.query_one("Digits").value) == "+" + format_clock(-left)
        notes = text_of(screen, "#notes")
        assert "Channel conflict from the first deal" in notes
        assert "Send the completed security questionnaire" not in notes
        assert "✓ Why each other" in text_of(screen, "#agenda")
        await pilot.press("end")
        assert "Send the completed security questionnaire" in text_of(screen, "#notes")


async def test_a_click_on_the_timeline_seeks_there(tmp_path, demo_copy):
    clock = ManualClock()
    async with home_app(tmp_path).run_test(size=(120, 40)) as pilot:
        screen = await open_replay(pilot, demo_copy, clock)
        timeline = screen.query_one(Timeline)
        width = timeline.content_region.width
        await pilot.click(Timeline, offset=(1 + (width - 1) // 2, 1))
        await pilot.pause()
        assert screen.position == pytest.approx(screen.replay.duration / 2, rel=0.02)


async def test_replaying_through_the_screen_never_touches_a_session_open_elsewhere(tmp_path):
    clock = ManualClock()
    live = Workshop.start(tmp_path / "sessions", ROOT / "questionbanks" / "workshop.md",
                          clock=clock)  # fmt: skip
    try:
        clock.advance(30)
        live.commit_answer("in-the-room", "a", ["Ana"]).result(timeout=5)
        clock.advance(30)
        live.next_question()
        live.store.flush()
        folder = live.store.path.parent
        before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
        async with home_app(tmp_path).run_test(size=(120, 40)) as pilot:
            screen = await open_replay(pilot, live.store.path, ManualClock())
            await pilot.press("space", "4", "right", "left", "end", "home", "right_square_bracket")
            await pilot.press("g", *"0:30", "enter", "q")
            await pilot.pause()
            assert pilot.app.screen is not screen
        after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
        assert after == before
    finally:
        live.close()


async def test_the_palette_lists_replay_actions_and_each_section(tmp_path, demo_copy):
    clock = ManualClock()
    async with home_app(tmp_path).run_test(size=(120, 40)) as pilot:
        screen = await open_replay(pilot, demo_copy, clock)
        titles = [command.title for command in screen.commands()]
        assert "Play/pause" in titles
        assert "Go to section 4: Non-negotiables" in titles
        (jump,) = [c for c in screen.commands() if c.title.startswith("Go to section 4")]
        await jump.callback()
        assert screen.state.section == 3
        current = screen.state.bank.sections[3].questions[screen.state.question].id
        dashboard = screen.query_one(Dashboard)
        assert dashboard.followed == current
        assert dashboard.selected is not None and dashboard.selected.question.id == current
        assert not screen.query(Input)


SNEAKY = "[@click=app.quit]x[/]"


async def test_a_section_title_in_the_palette_is_never_read_as_markup(tmp_path):
    bank = tmp_path / "sneaky.md"
    bank.write_text(f"# Bank\n\n## {SNEAKY} {{#only time=5m}}\n\n### One question\n")
    clock = ManualClock()
    live = Workshop.start(tmp_path / "sessions", bank, clock=clock)
    path = live.store.path
    live.close()
    app = home_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_replay(pilot, path, clock)
        await pilot.press("ctrl+p")
        await pilot.press(*"Go to section")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        commands = palette.query_one(CommandList)
        for _ in range(20):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if commands.option_count:
                break
        shown = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
        assert any(f"Go to section 1: {SNEAKY}" in line for line in shown), shown


async def test_arrows_step_through_events_even_with_a_dashboard_row_focused(tmp_path, demo_copy):
    clock = ManualClock()
    async with home_app(tmp_path).run_test(size=(120, 40)) as pilot:
        screen = await open_replay(pilot, demo_copy, clock, at=600)
        dashboard = screen.query_one(Dashboard)
        dashboard.focus_rows()
        await pilot.pause()
        assert isinstance(screen.focused, VerdictList)
        before = screen.count
        await pilot.press("right", "right")
        assert screen.count == before + 2
        await pilot.press("left")
        assert screen.count == before + 1
        await pilot.press("d")
        await pilot.pause()
        full = pilot.app.screen.query_one(Dashboard)
        assert full is not dashboard
        tabs = full.query_one(TabbedContent)
        tab = tabs.active
        await pilot.press("right")
        assert tabs.active != tab, "the full view still switches tabs with the arrows"


async def test_the_newest_moment_asked_for_is_the_one_drawn(tmp_path, demo_copy, monkeypatch):
    """A tick and a key each redraw; the older draw, held up mid-way, must not finish last."""
    clock = ManualClock()
    async with home_app(tmp_path).run_test(size=(120, 40)) as pilot:
        screen = await open_replay(pilot, demo_copy, clock)
        markers = screen.replay.markers()
        older, newer = (screen.replay.count_at(m.offset) for m in markers[1:3])
        pane = screen.query_one("#pane-a", AnswerPane)
        load = pane.load
        entered, release = asyncio.Event(), asyncio.Event()

        async def held_load(*args, **kwargs) -> None:
            if not entered.is_set():
                entered.set()
                await release.wait()
            await load(*args, **kwargs)

        monkeypatch.setattr(pane, "load", held_load)
        screen.pinned = older
        first = asyncio.create_task(screen.refresh_view())
        await entered.wait()
        screen.pinned = newer
        second = asyncio.create_task(screen.refresh_view())
        for _ in range(200):  # let the second draw run as far as it can
            if second.done():
                break
            await asyncio.sleep(0)
        release.set()
        await asyncio.gather(first, second)
        await pilot.pause()
        state = screen.replay.state_after(newer)
        question = state.bank.sections[state.section].questions[state.question]
        assert screen.count == newer
        assert pane.question == question
        assert screen.query_one("#pane-b", AnswerPane).question == question
        assert question.text in text_of(screen, "#question")


async def test_the_empty_notes_panel_of_a_replay_offers_no_key_to_add_one(tmp_path, demo_copy):
    clock = ManualClock(5_000)
    async with home_app(tmp_path).run_test(size=(120, 40)) as pilot:
        screen = await open_replay(pilot, demo_copy, clock)
        assert text_of(screen, "#notes") == "Nothing was noted by this moment."
        await pilot.press("l")
        await pilot.pause()
        assert "o adds" not in str(pilot.app.screen.query_one(Static).render())


async def test_q_from_a_replay_started_from_the_shell_returns_to_the_shell(tmp_path, demo_copy):
    app = FacilitatorApp(
        sessions_dir=tmp_path / "sessions",
        settings=Settings(),
        start=ReplaySession(Replay.open(demo_copy)),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_a_replay_shows_each_name_as_it_was_at_that_moment(tmp_path):
    clock = ManualClock(1_790_000_000.0)
    bank = tmp_path / "bank.md"
    bank.write_text("# B\n\n## S {time=10m}\n\n### Q\n", encoding="utf-8")
    live = Workshop.start(tmp_path / "sessions", bank, title="Kick-off", party_a="Acme",
                          party_b="Globex", clock=clock)  # fmt: skip
    clock.advance(60)
    live.rename(party_a="Acme Analytics", title="Kick-off, renamed")
    clock.advance(60)
    live.end()
    live.close()
    async with home_app(tmp_path).run_test(size=(120, 40)) as pilot:
        screen = await open_replay(pilot, live.store.path, clock)
        assert "Acme ⟷ Globex" in text_of(screen, "#topbar")
        assert "Kick-off" in text_of(screen, "#topbar")
        assert screen.query_one("#pane-a", AnswerPane).border_title == "Acme"
        await pilot.press("end")
        await pilot.pause()
        assert "Acme Analytics ⟷ Globex" in text_of(screen, "#topbar")
        assert "Kick-off, renamed" in text_of(screen, "#topbar")
        assert screen.query_one("#pane-a", AnswerPane).border_title == "Acme Analytics"
        await pilot.press("home")
        await pilot.pause()
        assert screen.query_one("#pane-a", AnswerPane).border_title == "Acme"
