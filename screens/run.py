"""The run screen: the live workshop on a shared screen.

It only calls the `Workshop` engine and shows what it reports: the engine's listener posts a
`WorkshopChanged` message, and each answer's Future posts `AnswerSaved` once the answer is durable.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, Static

from facilitator.bank import AnswerError
from facilitator.base import FacilitatorError, format_clock, format_duration
from facilitator.compare import Comparison
from facilitator.live import Workshop
from facilitator.seats import SeatOptions
from facilitator.session import (
    MODERATOR_SOURCE,
    PARTIES,
    AnswerKey,
    Event,
    WorkshopState,
    newest_names,
    party_names,
    session_times,
)

from .confirm import ConfirmDialog
from .dashboard import DashboardScreen
from .messages import AnswerSaved, OverrideRequested, SeatsChanged, WorkshopChanged
from .note import NoteDialog, NoteInput
from .notes import NotesScreen
from .override import ask_override
from .parties import party_style
from .rename import RenameDialog
from .seats import SeatsPanel
from .time_left import TimeLeftDialog
from .widgets.agenda import Agenda, plan_delta
from .widgets.answer_pane import AnswerPane
from .widgets.countdown import Countdown
from .widgets.dashboard import Dashboard, live_line
from .widgets.question_text import show_question
from .widgets.updates import show_text
from .widgets.verdict_banner import VerdictBanner

if TYPE_CHECKING:
    from textual import getters

    from facilitator.seats import Seating, SeatServer

    from .app import FacilitatorApp

_WHILE_EDITING = frozenset({"commit", "leave_editor", "edit"})
_STAYS = 24 * 3600.0
"""Seconds a failed save's notification stays: until it is dismissed, in practice."""

NARROW = 110
"""Below this width the agenda sidebar collapses, so 80x24 keeps room for both answers."""

TOPBAR_PADDING = 2
"""The top bar's padding left and right (run.tcss)."""


def _cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, ending in `…` when cut."""
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)] + "…" if width > 0 else ""


class RunScreen(Screen[None]):
    if TYPE_CHECKING:
        # Textual types `app` as any App; this screen is only ever shown by FacilitatorApp.
        app = getters.app(FacilitatorApp)

    CSS_PATH = "run.tcss"
    AUTO_FOCUS = None
    """Nothing starts focused: single-letter keys act on the session until a pane is opened."""
    BINDINGS: ClassVar[list[BindingType]] = [
        # The footer shows keys in this order and cuts what does not fit: the essential ones
        # (save, next, reveal, notes, end) come first so that 80 columns show them all. The
        # tooltip is the longer name the command palette lists.
        Binding("ctrl+s", "commit", "Save", tooltip="Save the open answer"),
        Binding("n", "next_question", "Next", tooltip="Next question"),
        Binding("r", "reveal", "Reveal", tooltip="Reveal both answers"),
        Binding("o", "note", "Note", tooltip="Add a note, an action item or a parking topic"),
        Binding("l", "notes", "Notes", tooltip="List the notes, actions and parking lot"),
        Binding("ctrl+e", "end", "End", tooltip="End the session"),
        Binding("a", "edit('a')", "Edit A", tooltip="Open party A's answer"),
        Binding("b", "edit('b')", "Edit B", tooltip="Open party B's answer"),
        Binding("escape", "leave_editor", "Leave editor", show=False),
        Binding("p", "previous_question", "Prev", tooltip="Previous question"),
        Binding("g", "toggle_prediction", "Guesses", tooltip="Answers or guesses"),
        Binding("d", "dashboard", "Dashboard", tooltip="The comparison dashboard"),
        Binding("D,ctrl+d", "toggle_split", "Split view", tooltip="The dashboard beside it"),
        Binding("space", "toggle_timer", "Pause", tooltip="Pause or resume the section timer"),
        Binding("plus,+", "extend(1)", "+1 min", tooltip="Add 1 minute to the section"),
        Binding("5", "extend(5)", "+5 min", tooltip="Add 5 minutes to the section"),
        Binding("minus,-", "extend(-1)", "-1 min", show=False, tooltip="Take 1 minute off"),
        Binding("equals_sign,=", "set_time_left", "Set time", show=False, tooltip="Set time left"),
        Binding("1", "speaker('a')", "A speaks", tooltip="Party A is speaking (again: nobody)"),
        Binding("2", "speaker('b')", "B speaks", tooltip="Party B is speaking (again: nobody)"),
        Binding("right_square_bracket", "next_section", "Next section"),
        Binding("left_square_bracket", "previous_section", "Prev section", show=False),
        Binding("N", "rename", "Rename", show=False),
        Binding("s", "seats", "Seats", tooltip="Party seats: each party answers on its own device"),
        Binding("h", "toggle_help", "Help text", show=False, tooltip="Help text off / on (seats)"),
        Binding("x", "export", "Export", show=False, tooltip="Export the report as it stands"),
        Binding("t", "app.toggle_theme", "Theme", show=False),
        Binding("q", "quit_session", "Quit", tooltip="Quit to home (the session stays open)"),
    ]

    def __init__(
        self,
        workshop: Workshop,
        *,
        ask_before_leaving: bool = True,
        seats: SeatOptions | None = None,
    ) -> None:
        super().__init__()
        self.workshop = workshop
        self.ask_before_leaving = ask_before_leaving
        """Whether q asks first: a live session does, a throwaway rehearsal does not."""
        self.initial_seats = seats
        """Seats to open as the screen starts (`--seats`): a failure then ends the app."""
        self.seating: Seating | None = None
        """The seats this screen follows, while they are open."""
        self.announced: set[str] = set()
        """Waiting devices the room screen has told the moderator about (once each)."""
        self.predicting = False
        self.shown_section = -1
        meta = workshop.meta
        self.names = {"a": meta.party_a, "b": meta.party_b}
        self.comparison = Comparison(
            workshop.bank, (meta.party_a, meta.party_b), start=meta.created
        )
        """Kept up to date on every change, so a dashboard opens at once and redraws only the
        rows that changed."""
        self.comparison.update(workshop.state)

    def compose(self) -> ComposeResult:
        yield Static(self.topbar(self.workshop.clock()), id="topbar")
        with Horizontal(id="body"):
            yield Agenda(id="agenda")
            with Vertical(id="main"):
                with Horizontal(id="question-row"):
                    with VerticalScroll(id="question-box"):
                        yield Static(id="position")
                        yield Static(id="question")
                        yield Static(id="help")
                    yield Countdown(self.workshop.clock, id="countdown")
                yield VerdictBanner(id="verdict")
                with Horizontal(id="panes"):
                    yield AnswerPane("a", self.names["a"], self.names["b"], id="pane-a")
                    yield AnswerPane("b", self.names["b"], self.names["a"], id="pane-b")
                yield Static(id="statusline")
        yield Footer()

    async def on_mount(self) -> None:
        self.workshop.subscribe(lambda state: self.post_message(WorkshopChanged(state)))
        self.set_interval(1, self.refresh_clocks)
        self.set_class(self.app.size.width < NARROW, "-narrow")
        await self.show_state(self.workshop.state)
        # The status line fits its live summary to its width, known once laid out.
        self.call_after_refresh(self.refresh_clocks)
        if self.initial_seats is not None:
            await self.open_seats(self.initial_seats, at_start=True)

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")
        if self.is_mounted:
            # The top bar and the status line fit their text to the new width.
            self.call_after_refresh(self.refresh_clocks)

    @on(WorkshopChanged)
    async def on_workshop_changed(self, message: WorkshopChanged) -> None:
        names = party_names(newest_names(self.workshop.meta))
        if names != self.names:
            self.rename_parties(names)
        changed = self.comparison.update(message.state)
        if changed:
            for dashboard in self.dashboards():
                dashboard.show_changes(changed)
        await self.show_state(message.state)

    def rename_parties(self, names: dict[str, str]) -> None:
        """Show new party names everywhere on this screen, reasons included."""
        self.names = names
        self.comparison.relabel((names["a"], names["b"]))
        for party, other in (("a", "b"), ("b", "a")):
            self.query_one(f"#pane-{party}", AnswerPane).rename(names[party], names[other])

    def action_rename(self) -> None:
        """Rename the session, either party or the moderator (recorded as an event)."""

        def apply(values: dict[str, str]) -> None:
            self.workshop.rename(**values)

        self.app.push_screen(RenameDialog(newest_names(self.workshop.meta), apply))

    async def show_state(self, state: WorkshopState) -> None:
        section = state.bank.sections[state.section]
        question = section.questions[state.question]
        self.predicting = self.predicting and question.predict
        for split in self.query(Dashboard):
            await split.follow(question.id)
        self.keep_drafts()
        await show_question(self, state, self.names, self.predicting, self.workshop.drafts)
        self.query_one("#verdict", VerdictBanner).show(self.comparison.verdict(question.id))
        new_section = state.section != self.shown_section
        self.shown_section = state.section
        countdown = self.query_one("#countdown", Countdown)
        countdown.show(state.timers[state.section], new_section=new_section)
        self.show_seats()
        self.refresh_clocks()

    def show_statusline(self, state: WorkshopState, now: float) -> None:
        question = self.workshop.question
        parts = []
        if self.has_class("-narrow") or self.has_class("-split"):
            # The agenda is hidden: keep the plan and the airtime in sight.
            parts.append(plan_delta(state.behind_plan(now)))
            shares = state.airtime_in(state.bank.sections[state.section].id, now)
            total = sum(shares.values())
            if total:
                parts.append(" ".join(f"{self.names[p]} {shares[p] / total:.0%}" for p in PARTIES))
        if self.predicting:
            parts.append("Guesses: each side predicts the other's answer")
        elif question.predict:
            parts.append("g: ask each side to predict the other's answer")
        if state.speaker:
            parts.append(f"{self.names[state.speaker]} speaking")
        line = Text("   ·   ".join(parts))
        statusline = self.query_one("#statusline", Static)
        live = live_line(self.comparison.summary(), question.compare)
        if live is not None:
            # The live summary comes last and only as far as the line has room for it.
            gap = "   ·   " if line else ""
            for shown in (live + " (d: dashboard)", live):
                if line.cell_len + len(gap) + shown.cell_len <= statusline.size.width:
                    line.append(gap)
                    line.append_text(shown)
                    break
        show_text(statusline, line, layout=False)  # one line high whatever it says (run.tcss)

    def topbar(self, now: float) -> Text:
        """Both parties, the title, and the total time against the budget (planned plus every
        extension), by the one rule of `session_times`.

        The clock always shows: when the line is too long for the screen the title is cut
        first, then both names, each to an even share of what is left."""
        times = session_times(self.workshop.state, now)
        clock = f"   {format_clock(times.total)} / {format_clock(times.budget)}"
        room = self.app.size.width - TOPBAR_PADDING - len(clock)
        a, b, title = self.names["a"], self.names["b"], self.workshop.meta.title
        between = "  ⟷  "
        names = len(a) + len(b) + len(between)
        title = _cut(title, room - names - 3) if names + 3 < room else ""
        if names > room:
            share = max(1, (room - len(between)) // 2)
            # A short name leaves the rest of its share to the other.
            a = _cut(a, max(share, room - len(between) - len(b)))
            b = _cut(b, max(1, room - len(between) - len(a)))
        top = Text()
        top.append(a, party_style(self.app, "a"))
        top.append(between)
        top.append(b, party_style(self.app, "b"))
        if title:
            top.append("   ")
            top.append(title)
        top.append(clock)
        return top

    def refresh_clocks(self) -> None:
        now = self.workshop.clock()
        # The top bar and the status line are one line high whatever they say (run.tcss): the
        # clocks' redraw every second must not lay out the whole screen again.
        show_text(self.query_one("#topbar", Static), self.topbar(now), layout=False)
        self.query_one("#agenda", Agenda).show(self.workshop.state, now, self.names)
        self.show_statusline(self.workshop.state, now)
        # "typing" lasts a few seconds after a device's last edit: it ends on the clock alone.
        self.show_seats()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While an answer is open, only answer keys act: a letter typed into a choice or a
        ranking must not move the session on or lose the edit."""
        return action in _WHILE_EDITING or self._focused_pane() is None

    def commands(self) -> Iterable[SystemCommand]:
        """Every run-screen action for the command palette, plus a jump to each section."""
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)  # each is written as one, never as a tuple
            key = self.app.get_key_display(binding)
            yield SystemCommand(binding.tooltip or binding.description, f"key: {key}",
                                partial(self.run_action, binding.action))  # fmt: skip
        for index, section in enumerate(self.workshop.bank.sections):
            yield SystemCommand(
                # The palette reads titles as markup; a bank's title must show as written.
                f"Go to section {index + 1}: {escape(section.title)}",
                format_duration(section.budget),
                partial(self.workshop.enter_section, index),
            )

    def dashboards(self) -> Iterable[Dashboard]:
        """The dashboards showing this screen's comparison: the split view and a full view."""
        yield from self.query(Dashboard)
        for screen in self.app.screen_stack:
            if isinstance(screen, DashboardScreen) and screen.comparison is self.comparison:
                yield screen.dashboard

    def action_dashboard(self) -> None:
        meta, current = self.workshop.meta, self.workshop.question.id
        self.app.push_screen(
            DashboardScreen(self.comparison, meta.title, self.workshop, current=current)
        )

    async def action_toggle_split(self) -> None:
        """The dashboard beside the question; too narrow for both, the full view instead."""
        shown = self.query("#split")
        if shown:
            await shown.remove()
            self.set_class(False, "-split")
        elif self.size.width < NARROW:
            self.action_dashboard()
            return
        else:
            split = Dashboard(self.comparison, current=self.workshop.question.id, id="split")
            await self.query_one("#body").mount(split)
            self.set_class(True, "-split")
        self.call_after_refresh(self.refresh_clocks)

    @on(OverrideRequested)
    def on_override_requested(self, message: OverrideRequested) -> None:
        ask_override(self, self.workshop, self.comparison.verdict(message.question))

    def _focused_pane(self) -> AnswerPane | None:
        node: DOMNode | None = self.focused
        while node is not None and not isinstance(node, AnswerPane):
            node = node.parent
        return node

    def action_commit(self) -> None:
        pane = self._focused_pane()
        if pane is None:
            self.notify("Open an answer first: a or b", severity="warning")
            return
        question = self.workshop.question
        try:
            future = self.workshop.commit_answer(
                question.id,
                pane.party,
                pane.value(),
                prediction=self.predicting,
                source=MODERATOR_SOURCE,
            )
        except AnswerError as error:
            pane.set_status(f"✗ {error}")
            return
        pane.set_status("saving…")
        pane.committed()
        prediction = self.predicting

        def saved(done: Future[Event]) -> None:
            error = done.exception()
            self.post_message(
                AnswerSaved(question.id, pane.party, prediction, str(error) if error else "")
            )

        future.add_done_callback(saved)
        self.set_focus(None)
        pane.show_view()

    @on(AnswerSaved)
    def on_answer_saved(self, message: AnswerSaved) -> None:
        if message.error:
            # Stays until dismissed, and is raised even when the question has moved on.
            self.notify(
                message.error, title="Not saved", severity="error", timeout=_STAYS, markup=False
            )
        if message.question != self.workshop.question.id or message.prediction != self.predicting:
            return
        pane = self.query_one(f"#pane-{message.party}", AnswerPane)
        if message.error:
            pane.set_status(f"✗ not saved: {message.error}", failed=True)
        else:
            pane.set_status("saved ✓")

    def keep_drafts(self) -> None:
        """Keep what was typed and not committed in either pane, through the workshop (one
        overwritten draft per question, party, answer or guess); called on leaving an editor,
        on every move and on quitting, never per keystroke."""
        if self.workshop.closed or self.workshop.state.ended:
            return
        for pane in self.query(AnswerPane):
            edit = pane.take_edit()
            if edit is not None:
                question, value = edit
                self.workshop.keep_draft(question.id, pane.party, value,
                                         prediction=pane.predicting)  # fmt: skip
                key = AnswerKey(question.id, pane.party, pane.predicting)
                pane.draft = self.workshop.drafts.get(key)

    def action_leave_editor(self) -> None:
        pane = self._focused_pane()
        self.set_focus(None)
        self.keep_drafts()
        if pane is not None:
            pane.show_view()

    def action_edit(self, party: str) -> None:
        """Open a party's answer; a committed one still hidden asks first, since opening it
        puts it on the shared screen. A party answering on a live seat device is refused."""
        question = self.workshop.question.id
        hidden = question not in self.workshop.state.revealed
        if self.seating is not None and hidden and self.seating.live(party):
            # The party answers on its own device: opening its answer here would project it.
            self.notify(
                f"{self.names[party]} answers on its own device: its answer stays hidden here "
                "until the reveal (r)",
                severity="warning",
                markup=False,
            )
            return
        pane = self.query_one(f"#pane-{party}", AnswerPane)
        if pane.answer is None or not pane.masked or pane.has_focus_within:
            pane.edit()
            return

        def opened(confirmed: bool | None) -> None:
            if confirmed:
                pane.edit()

        hidden_kind = "hidden guess" if self.predicting else "hidden answer"
        whose = f"{self.names[party]}'s {hidden_kind}"
        self.app.push_screen(ConfirmDialog(f"Open it? The room will see {whose}."), opened)

    def action_next_question(self) -> None:
        state, sections = self.workshop.state, self.workshop.bank.sections
        last_section = state.section + 1 == len(sections)
        if last_section and state.question + 1 == len(sections[state.section].questions):
            self.notify("This is the last question: ctrl+e ends the session", markup=False)
            return
        self.workshop.next_question()

    def action_previous_question(self) -> None:
        self.workshop.previous_question()

    def action_next_section(self) -> None:
        self.workshop.next_section()

    def action_previous_section(self) -> None:
        self.workshop.previous_section()

    def action_reveal(self) -> None:
        """Reveal both answers; with a side still answering, ask first (the domain's one reveal
        check names who), and the moderator may still go ahead."""
        question = self.workshop.question.id
        check = self.workshop.check_reveal(question)
        if check.ok:
            self.workshop.reveal(question)
            return

        def reveal(confirmed: bool | None) -> None:
            # The moderator's page may have moved on while the prompt was open: reveal only
            # the question the prompt was about, and only while it is still on screen.
            if confirmed and self.workshop.question.id == question:
                self.workshop.reveal(question)

        waiting = " and ".join(check.names)
        verb = "has" if len(check.names) == 1 else "have"
        self.app.push_screen(
            ConfirmDialog(f"{waiting} {verb} not answered yet. Reveal anyway?"), reveal
        )

    # Seats: each party answers on its own device

    @property
    def seat_server(self) -> SeatServer | None:
        server = self.app.seats
        return server if server is not None and server.workshop is self.workshop else None

    async def open_seats(self, options: SeatOptions, *, at_start: bool = False) -> None:
        """Start the seats (in this app's event loop) and show the join panel. A failure is one
        line: at the start (`--seats` on the command line) the app ends with it."""
        try:
            server = await self.app.start_seats(self.workshop, options)
        except FacilitatorError as error:
            if at_start:
                self.app.startup_error = str(error)
                self.app.exit(return_code=1)
            else:
                self.notify(str(error), severity="error", markup=False)
            return
        self.follow_seats(server.seating)
        self.show_panel()

    def follow_seats(self, seating: Seating | None) -> None:
        if seating is self.seating:
            return
        if self.seating is not None:
            self.seating.unsubscribe(self._on_seats)
        self.seating = seating
        if seating is not None:
            seating.subscribe(self._on_seats)
        self.show_seats()

    def _on_seats(self, seating: Seating) -> None:
        self.post_message(SeatsChanged())

    @on(SeatsChanged)
    def on_seats_changed(self) -> None:
        self.show_seats()
        if self.seating is None or any(isinstance(s, SeatsPanel) for s in self.app.screen_stack):
            return  # the join panel, when open, asks about waiting devices itself
        for device in self.seating.pending():
            if device.id not in self.announced:
                self.announced.add(device.id)
                name = self.names.get(device.role, "the moderator's page")
                self.notify(
                    f"A device asks to join {name} (code {device.match_code}): "
                    "s opens the seats panel",
                    markup=False,
                )

    def show_seats(self) -> None:
        """Each pane's readiness and devices from the seats; the help text off the room screen
        when the moderator asked for that (`h`) and seats are open."""
        if self.seating is not None and self.seat_server is None:
            self.follow_seats(None)  # the seats were closed (the app quits them with the session)
            return
        seating, state = self.seating, self.workshop.state
        for party in PARTIES:
            pane = self.query_one(f"#pane-{party}", AnswerPane)
            if seating is None:
                pane.show_seat(None, "")
                continue
            devices = seating.admitted(party)
            if not devices:
                title = ""
            elif len(devices) == 1:
                title = devices[0].browser
            else:
                title = f"{len(devices)} devices"
            pane.show_seat(seating.readiness(state, party).value, title)
        hide = seating is not None and self.app.settings.seats_hide_help
        self.query_one("#help", Static).display = not hide

    def show_panel(self) -> None:
        server = self.seat_server
        if server is not None:
            self.app.push_screen(SeatsPanel(server, self.app.seat_candidates))

    async def action_seats(self) -> None:
        """The join panel; the first time, the seats open on the best address found."""
        if self.seat_server is None:
            await self.open_seats(SeatOptions())
        else:
            self.show_panel()

    def action_toggle_help(self) -> None:
        hide = not self.app.settings.seats_hide_help
        self.app.settings = replace(self.app.settings, seats_hide_help=hide)
        self.app.save_settings()
        state = "hidden" if hide else "shown"
        when = "" if self.seating is not None else " (once seats are open: s)"
        self.notify(f"Help text {state} on the room screen while seats are open{when}")
        self.show_seats()

    async def action_toggle_prediction(self) -> None:
        self.predicting = not self.predicting and self.workshop.question.predict
        await self.show_state(self.workshop.state)

    def action_speaker(self, party: str) -> None:
        self.workshop.set_speaker(party)

    def action_toggle_timer(self) -> None:
        self.workshop.toggle_timer()

    def action_extend(self, minutes: int) -> None:
        self.workshop.extend(minutes)

    def action_set_time_left(self) -> None:
        workshop = self.workshop

        def chosen(seconds: float | None) -> None:
            if seconds is not None:
                workshop.set_time_left(seconds)

        timer = workshop.state.timers[workshop.state.section]
        section = workshop.bank.sections[workshop.state.section].title
        self.app.push_screen(TimeLeftDialog(section, timer.remaining(workshop.clock())), chosen)

    def action_note(self) -> None:
        question = self.workshop.question.id

        def add(note: NoteInput) -> None:
            self.workshop.add_note(note.text, kind=note.kind, owner=note.owner, due=note.due,
                                   question=question)  # fmt: skip

        self.app.push_screen(NoteDialog(add))

    def action_notes(self) -> None:
        """The notes, to edit, tick done or delete."""
        self.app.push_screen(NotesScreen(self.workshop.state, workshop=self.workshop))

    def action_export(self) -> None:
        """The report as it stands now; the session goes on."""
        self.app.export_report(self.workshop)

    def action_end(self) -> None:
        def end(confirmed: bool | None) -> None:
            if confirmed:
                self.workshop.end()
                self.close_and_leave()

        self.app.push_screen(
            ConfirmDialog("End this session? It can be replayed, not resumed."), end
        )

    def action_quit_session(self) -> None:
        """Leaving a live session asks first; it stays in progress and can be resumed."""

        def leave(confirmed: bool | None) -> None:
            if confirmed:
                self.keep_drafts()
                self.close_and_leave()

        if not self.ask_before_leaving:
            leave(True)
            return

        self.app.push_screen(
            ConfirmDialog(
                "Leave this session? It stays in progress: resume it from the home screen "
                "or with facilitator resume."
            ),
            leave,
        )

    @work(thread=True, exclusive=True, group="leave")
    def close_and_leave(self) -> None:
        """Closing flushes and compacts the session file: off the UI thread, then leave."""
        self.workshop.close()
        self.app.call_from_thread(self.dismiss, None)

    def on_unmount(self) -> None:
        if self.seating is not None:
            self.seating.unsubscribe(self._on_seats)
            self.seating = None
        # The app is exiting with this screen open: the session must be closed before it ends.
        self.workshop.close()
