"""The replay screen: a saved session as it stood at any moment, played back at a chosen speed.

It only reads a `Replay` (which never writes the session file) and shows the state folded for the
playhead's position, with the run screen's widgets used read-only. The position is computed from
the injected clock at each refresh (`Playhead`), never counted.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, CSSPathType, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Static

from facilitator.base import Clock, format_clock, plural, system_clock
from facilitator.compare import Comparison
from facilitator.live import Playhead, Replay, faster, slower
from facilitator.session import (
    EVENT_WORDS,
    WorkshopState,
    names_at,
    party_names,
)

from .dashboard import DashboardScreen
from .goto import GoToDialog
from .messages import SeekRequested
from .notes import READ_ONLY_HINT, NotesScreen, notes_text
from .widgets.agenda import Agenda, plan_delta
from .widgets.answer_pane import AnswerPane
from .widgets.bars import StatusLine, TopBar
from .widgets.countdown import Countdown
from .widgets.dashboard import Dashboard
from .widgets.footer import KeyFooter
from .widgets.session_view import BREAKPOINTS, SessionView, apply_breakpoints, binding_commands
from .widgets.timeline import Timeline

if TYPE_CHECKING:
    from textual import getters

    from .app import FacilitatorApp


REFRESH_EVERY = 0.25
"""Seconds between redraws while playing; at 60x that is 15 s of session per frame."""


class ReplayScreen(Screen[None]):
    if TYPE_CHECKING:
        # Textual types `app` as any App; this screen is only ever shown by FacilitatorApp.
        app = getters.app(FacilitatorApp)

    # The full view's CSS with this screen's: read at its first opening instead, a new CSS file
    # has Textual parse every source and style every node of the app again (~40% of that
    # opening's longest stall; docs/benchmarks.md, item 5).
    CSS_PATH: ClassVar[CSSPathType] = ["replay.tcss", "dashboard.tcss"]
    HORIZONTAL_BREAKPOINTS = BREAKPOINTS
    AUTO_FOCUS = ""
    """Nothing takes focus (None would mean the app's "*"): every key drives the playback."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_play", "Play/pause"),
        Binding("left", "step(-1)", "◀ Event"),
        Binding("right", "step(1)", "Event ▶"),
        Binding("left_square_bracket", "previous_section", "◀ Section"),
        Binding("right_square_bracket", "next_section", "Section ▶"),
        Binding("1", "speed(1)", "1x", show=False),
        Binding("2", "speed(4)", "4x", show=False),
        Binding("3", "speed(16)", "16x", show=False),
        Binding("4", "speed(60)", "60x", show=False),
        Binding("plus,+", "faster", "Faster"),
        Binding("minus,-", "slower", "Slower", show=False),
        Binding("g", "go_to", "Go to"),
        Binding("home", "seek(0)", "Start", show=False),
        Binding("end", "seek_end", "End", show=False),
        Binding("p", "toggle_prediction", "Guesses", show=False),
        Binding("l", "notes", "Notes"),
        Binding("d", "dashboard", "Dashboard"),
        Binding("x", "export", "Export", show=False),
        Binding("t", "app.toggle_theme", "Theme", show=False),
        Binding("q,escape", "leave", "Back"),
    ]

    def __init__(
        self,
        replay: Replay,
        *,
        clock: Clock = system_clock,
        speed: float = 1,
        at: float = 0.0,
        play: bool = False,
    ) -> None:
        super().__init__()
        self.replay = replay
        self.clock = clock
        self.head = Playhead(replay.duration, speed=speed).seek(at, clock())
        if play:
            self.head = self.head.play(clock())
        self.pinned: int | None = None
        """The event count chosen by stepping; None while the position alone decides."""
        self.count = -1
        self.state: WorkshopState = replay.state_after(0)
        self.predicting = False
        self.first_names = replay.first_names()
        """The names the session started with; renames are folded into each moment's state."""
        self.title = self.first_names["title"]
        self.names = party_names(self.first_names)
        self.comparison = Comparison(
            self.state.bank, (self.names["a"], self.names["b"]), start=replay.meta.created
        )
        self.comparison.update(self.state)
        self.full_view: DashboardScreen | None = None
        """The full-view dashboard, built at its first opening and kept (`DashboardScreen`)."""
        self.drawing = asyncio.Lock()
        """Held while the panes are drawn: the timer's ticks run in their own task, beside the
        keys, and an older draw finishing last would leave an older moment on screen."""

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        yield Timeline(id="timeline")
        with Horizontal(id="body"):
            yield Agenda(id="agenda")
            dashboard = Dashboard(self.comparison, overridable=False, tab_keys=False)
            yield SessionView(self.moment, self.names, live=False, id="main",
                              below=[Vertical(dashboard, id="dashboard-slot")])  # fmt: skip
            yield Static(id="notes")
        yield StatusLine(id="statusline")
        yield KeyFooter()

    async def on_mount(self) -> None:
        apply_breakpoints(self)
        self.set_interval(REFRESH_EVERY, self.refresh_view)
        self.prepare()
        await self.refresh_view()

    def on_resize(self) -> None:
        if self.is_mounted:
            # The status line says more when narrow: Textual's breakpoints set `-narrow` after
            # this handler, so it is drawn again once they have.
            self.call_after_refresh(self.refresh_view)

    @work(thread=True, exclusive=True, group="prepare")
    def prepare(self) -> None:
        """Build the replay's checkpoints off the UI thread, so every later seek is quick."""
        self.replay.prepare()

    @property
    def position(self) -> float:
        """Seconds from the start of the session to the moment shown."""
        return self.head.at(self.clock())

    def moment(self) -> float:
        """The session's own clock time at the moment shown (what its timers are read at)."""
        return self.replay.start + self.position

    async def refresh_view(self) -> None:
        """Draw the moment the playhead is at when this call's turn comes, so the last moment
        asked for is the one left on screen."""
        async with self.drawing:
            await self._draw()

    async def _draw(self) -> None:
        now = self.clock()
        if self.head.finished(now):
            self.head = self.head.pause(now)
        position = self.head.at(now)
        count = self.pinned if self.pinned is not None else self.replay.count_at(position)
        if count != self.count:
            self.count = count
            self.state = self.replay.state_after(count)
            self.show_names(names_at(self.first_names, self.state))
            # Seeking back works too: the comparison redraws whichever verdicts differ.
            changed = self.comparison.update(self.state)
            section = self.state.bank.sections[self.state.section]
            below = self.query_one(Dashboard)
            below.show_changes(changed)
            await below.follow(section.questions[self.state.question].id)
            if self.full_view is not None:
                # Hidden, it shows them when opened again, at the question then on screen.
                self.full_view.show_changes(changed)
                if self.full_view.shown:
                    await self.full_view.dashboard.follow(section.questions[self.state.question].id)
            await self.show_state(self.state)
        moment = self.replay.start + position
        self.query_one("#topbar", Static).update(self.topbar(position))
        self.query_one(Timeline).show(self.replay.markers(), self.replay.duration, position)
        self.query_one(Agenda).show(self.state, moment, self.names)
        self.query_one(Countdown).refresh_time()
        self.show_statusline(moment)

    def show_names(self, names: dict[str, str]) -> None:
        """The names as they were at this moment (a rename later in the session not yet)."""
        self.title = names["title"]
        parties = party_names(names)
        if parties != self.names:
            self.names = parties
            self.comparison.relabel((parties["a"], parties["b"]))
            for party, other in (("a", "b"), ("b", "a")):
                self.query_one(f"#pane-{party}", AnswerPane).rename(parties[party], parties[other])

    async def show_state(self, state: WorkshopState) -> None:
        section = state.bank.sections[state.section]
        question = section.questions[state.question]
        self.predicting = self.predicting and question.predict
        await self.query_one(SessionView).show(state, self.names, self.predicting)
        self.query_one("#notes", Static).update(notes_text(state, empty=READ_ONLY_HINT))

    def topbar(self, position: float) -> Text:
        """Play state, speed and position first (they must survive 80 columns), then the session."""
        meta = self.replay.meta
        top = Text(no_wrap=True, overflow="ellipsis")
        top.append(" Replay ", "bold reverse")
        mark = "▶" if self.head.playing else "❚❚"
        top.append(f" {mark} {self.head.speed:g}x  ", "bold")
        top.append(f"{format_clock(position)} / {format_clock(self.replay.duration)}   ")
        top.append(self.names["a"], "bold")
        top.append(" ⟷ ")
        top.append(self.names["b"], "bold")
        top.append(f" · {datetime.fromtimestamp(meta.created):%Y-%m-%d} · ")
        top.append(self.title or "")
        return top

    def show_statusline(self, moment: float) -> None:
        state = self.state
        parts = [f"event {self.count} of {len(self.replay.events)}"]
        if self.count:
            kind = self.replay.events[self.count - 1].type
            parts[0] += f" ({EVENT_WORDS.get(kind, kind)})"
        if self.has_class("-narrow"):
            parts.append(plan_delta(state.behind_plan(moment)))
            notes = state.current_notes()
            if notes:
                parts.append(f"{plural(len(notes), 'note')} (l)")
        if self.predicting:
            parts.append("Guesses: each side's prediction of the other's answer")
        if state.speaker:
            parts.append(f"{self.names[state.speaker]} speaking")
        if state.ended:
            parts.append("session ended")
        self.query_one("#statusline", Static).update(Text("   ·   ".join(parts)))

    def commands(self) -> Iterable[SystemCommand]:
        """Every replay action for the command palette, plus a jump to each section entered."""
        yield from binding_commands(self, self.BINDINGS)
        for marker in self.replay.markers():
            yield SystemCommand(
                # The palette reads a command's title as markup; a bank's title is only text.
                f"Go to section {marker.section + 1}: {escape(marker.title)}",
                f"at {format_clock(marker.offset)}",
                partial(self.seek, marker.offset),
            )

    async def seek(self, offset: float) -> None:
        self.pinned = None
        self.head = self.head.seek(offset, self.clock())
        await self.refresh_view()

    @on(SeekRequested)
    async def on_seek_requested(self, message: SeekRequested) -> None:
        await self.seek(message.offset)

    async def action_toggle_play(self) -> None:
        self.pinned = None
        self.head = self.head.toggle(self.clock())
        await self.refresh_view()

    async def action_speed(self, speed: float) -> None:
        self.head = self.head.with_speed(speed, self.clock())
        await self.refresh_view()

    async def action_faster(self) -> None:
        await self.action_speed(faster(self.head.speed))

    async def action_slower(self) -> None:
        await self.action_speed(slower(self.head.speed))

    async def action_step(self, by: int) -> None:
        """One event forward or back; pauses, as stepping while playing would be lost at once."""
        count = max(0, min(len(self.replay.events), self.count + by))
        self.pinned = count
        self.head = self.head.pause(self.clock()).seek(self.replay.offset_of(count), self.clock())
        await self.refresh_view()

    async def action_next_section(self) -> None:
        position = self.position
        later = [m.offset for m in self.replay.markers() if m.offset > position]
        if later:
            await self.seek(later[0])

    async def action_previous_section(self) -> None:
        """To the start of this section; from its very start, to the one before."""
        position = self.position
        earlier = [m.offset for m in self.replay.markers() if m.offset < position]
        await self.seek(earlier[-1] if earlier else 0.0)

    async def action_seek(self, offset: float) -> None:
        await self.seek(offset)

    async def action_seek_end(self) -> None:
        await self.seek(self.replay.duration)

    def action_go_to(self) -> None:
        async def go(offset: float | None) -> None:
            if offset is not None:
                await self.seek(offset)

        self.app.push_screen(GoToDialog(self.replay.duration, self.position), go)

    async def action_toggle_prediction(self) -> None:
        question = self.state.bank.sections[self.state.section].questions[self.state.question]
        self.predicting = not self.predicting and question.predict
        if not question.predict:
            self.notify("This question asks for no guesses", severity="warning")
        async with self.drawing:
            await self.show_state(self.state)

    def action_notes(self) -> None:
        self.app.push_screen(NotesScreen(self.state, empty=READ_ONLY_HINT))

    async def action_dashboard(self) -> None:
        question = self.state.bank.sections[self.state.section].questions[self.state.question]
        if self.full_view is None:
            self.full_view = DashboardScreen(self.comparison, self.title or "", current=question.id)
            self.app.install_screen(self.full_view, f"dashboard-{id(self)}")
        else:
            await self.full_view.reopen(self.title or "", question.id)
        self.app.push_screen(self.full_view)

    def action_export(self) -> None:
        """The whole session's report (as the file holds it now), wherever the playhead is."""
        self.app.export_report(self.replay.record.path)

    def action_leave(self) -> None:
        self.dismiss(None)

    def on_unmount(self) -> None:
        if self.full_view is not None:
            self.full_view.discard()
