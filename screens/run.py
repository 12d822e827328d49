"""The run screen: the live workshop on a shared screen.

It only calls the `Workshop` engine and shows what it reports: the engine's listener posts a
`WorkshopChanged` message, and each answer's Future posts `AnswerSaved` once the answer is durable.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, CSSPathType, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Static

from facilitator.base import format_duration
from facilitator.compare import Comparison
from facilitator.live import Workshop
from facilitator.seats import SeatOptions
from facilitator.session import WorkshopState, newest_names, party_names

from .confirm import ConfirmDialog
from .dashboard import DashboardScreen
from .messages import AnswerSaved, OverrideRequested, SeatsChanged, WorkshopChanged
from .note import NoteDialog, NoteInput
from .notes import NotesScreen
from .override import ask_override
from .rename import RenameDialog
from .run_answers import commit_open_answer, focused_pane, keep_drafts, open_answer, show_saved
from .run_bars import status_text, topbar_text
from .run_seats import RoomSeats
from .time_left import TimeLeftDialog
from .widgets.agenda import Agenda
from .widgets.answer_pane import AnswerPane
from .widgets.bars import StatusLine, TopBar
from .widgets.dashboard import Dashboard
from .widgets.footer import KeyFooter
from .widgets.session_view import BREAKPOINTS, SessionView, apply_breakpoints, binding_commands
from .widgets.updates import show_text
from .widgets.verdict_banner import VerdictBanner

if TYPE_CHECKING:
    from textual import getters

    from .app import FacilitatorApp

_WHILE_EDITING = frozenset({"commit", "leave_editor", "edit"})
FULL_VIEW_AFTER = 1.0
"""Seconds after the screen starts when the full-view dashboard is built unseen."""


class RunScreen(Screen[None]):
    if TYPE_CHECKING:
        # Textual types `app` as any App; this screen is only ever shown by FacilitatorApp.
        app = getters.app(FacilitatorApp)

    # The full view's CSS with this screen's: read at its first opening instead, a new CSS file
    # has Textual parse every source and style every node of the app again (~40% of that
    # opening's longest stall; docs/benchmarks.md, item 5).
    CSS_PATH: ClassVar[CSSPathType] = ["run.tcss", "dashboard.tcss"]
    HORIZONTAL_BREAKPOINTS = BREAKPOINTS
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
        self.room_seats = RoomSeats(self, workshop, self._on_seats)
        self.predicting = False
        self._redraw_pending = False
        """A redraw is queued (`redraw_soon`): later changes until it runs join it."""
        self._stale_state = False
        """The queued redraw has a new session state to show, not only the seats."""
        meta = workshop.meta
        self.names = {"a": meta.party_a, "b": meta.party_b}
        self.comparison = Comparison(
            workshop.bank, (meta.party_a, meta.party_b), start=meta.created
        )
        """Kept up to date on every change, so a dashboard opens at once and redraws only the
        rows that changed."""
        self.comparison.update(workshop.state)
        self.full_view: DashboardScreen | None = None
        """The full-view dashboard, built at its first opening and kept (`DashboardScreen`)."""

    def compose(self) -> ComposeResult:
        yield TopBar(self.topbar(self.workshop.clock()), id="topbar")
        with Horizontal(id="body"):
            yield Agenda(id="agenda")
            yield SessionView(self.workshop.clock, self.names, live=True, id="main",
                              between=[VerdictBanner(id="verdict")],
                              below=[StatusLine(id="statusline")])  # fmt: skip
        yield KeyFooter()

    async def on_mount(self) -> None:
        apply_breakpoints(self)
        self.workshop.subscribe(lambda state: self.post_message(WorkshopChanged(state)))
        self.set_interval(1, self.refresh_clocks)
        await self.show_state(self.workshop.state)
        # The status line fits its live summary to its width, known once laid out.
        self.call_after_refresh(self.refresh_clocks)
        if self.initial_seats is not None:
            await self.room_seats.open(self.initial_seats, at_start=True)
        self.set_timer(FULL_VIEW_AFTER, self._build_full_view)

    def on_resize(self) -> None:
        if self.is_mounted:
            # The top bar and the status line fit their text to the new width.
            self.call_after_refresh(self.refresh_clocks)

    @on(WorkshopChanged)
    def on_workshop_changed(self) -> None:
        self.redraw_soon(state=True)

    def redraw_soon(self, *, state: bool) -> None:
        """Redraw once for a burst of changes: twenty seat devices saving at once queue twenty
        messages while the loop is busy, and the screen draws the newest state once, after the
        messages already queued (so the seats' answers are not held up behind the drawing)."""
        self._stale_state = self._stale_state or state
        if not self._redraw_pending:
            self._redraw_pending = True
            self.call_later(self._redraw)

    async def _redraw(self) -> None:
        self._redraw_pending = False
        if not self._stale_state:
            self.show_seats()
            return
        self._stale_state = False
        state = self.workshop.state
        names = party_names(newest_names(self.workshop.meta))
        if names != self.names:
            self.rename_parties(names)
        # The comparison follows from what it saw last: a state skipped in a burst loses nothing.
        changed = self.comparison.update(state)
        if changed:
            for dashboard in self.dashboards():
                dashboard.show_changes(changed)
        # One layout for all it changes (a new question mounts editors): not one per step.
        with self.app.batch_update():
            await self.show_state(state)

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
        view = self.query_one(SessionView)
        await view.show(state, self.names, self.predicting, self.workshop.drafts)
        self.query_one("#verdict", VerdictBanner).show(self.comparison.verdict(question.id))
        self.show_seats()
        self.refresh_clocks()

    def show_statusline(self, state: WorkshopState, now: float) -> None:
        statusline = self.query_one("#statusline", Static)
        hidden = self.has_class("-narrow") or self.has_class("-split")
        line = status_text(state, now, self.workshop.question, self.names, self.comparison,
                           agenda_hidden=hidden, predicting=self.predicting,
                           width=statusline.size.width)  # fmt: skip
        show_text(statusline, line, layout=False)  # one line high whatever it says (run.tcss)

    def topbar(self, now: float) -> Text:
        title = self.workshop.meta.title
        return topbar_text(self.app, self.workshop.state, now, self.names, title)

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
        yield from binding_commands(self, self.BINDINGS)
        for index, section in enumerate(self.workshop.bank.sections):
            yield SystemCommand(
                # The palette reads titles as markup; a bank's title must show as written.
                f"Go to section {index + 1}: {escape(section.title)}",
                format_duration(section.budget),
                partial(self.workshop.enter_section, index),
            )

    def dashboards(self) -> Iterable[Dashboard | DashboardScreen]:
        """The dashboards showing this screen's comparison: the split view and the full view
        (which, while hidden, keeps the changes for its next opening)."""
        yield from self.query(Dashboard)
        if self.full_view is not None:
            yield self.full_view

    def _new_full_view(self) -> DashboardScreen:
        self.full_view = DashboardScreen(
            self.comparison, self.workshop.meta.title, self.workshop,
            current=self.workshop.question.id,
        )  # fmt: skip
        self.app.install_screen(self.full_view, f"dashboard-{id(self)}")
        return self.full_view

    def _build_full_view(self) -> None:
        """The full view built unseen while the moderator is on this screen, so that `d`
        only pushes it (`DashboardScreen.build_unseen`)."""
        if self.full_view is None and self.app.screen is self:
            self._new_full_view().build_unseen()

    async def action_dashboard(self) -> None:
        view = self.full_view
        if view is None:
            view = self._new_full_view()
        else:
            await view.reopen(self.workshop.meta.title, self.workshop.question.id)
        self.app.push_screen(view)

    async def action_toggle_split(self) -> None:
        """The dashboard beside the question; too narrow for both, the full view instead."""
        shown = self.query("#split")
        if shown:
            await shown.remove()
            self.set_class(False, "-split")
        elif self.has_class("-narrow"):
            await self.action_dashboard()
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
        return focused_pane(self)

    def action_commit(self) -> None:
        commit_open_answer(self)

    @on(AnswerSaved)
    def on_answer_saved(self, message: AnswerSaved) -> None:
        show_saved(self, message)

    def keep_drafts(self) -> None:
        keep_drafts(self)

    def action_leave_editor(self) -> None:
        pane = self._focused_pane()
        self.set_focus(None)
        self.keep_drafts()
        if pane is not None:
            pane.show_view()

    def action_edit(self, party: str) -> None:
        open_answer(self, party)

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

    # Seats: each party answers on its own device (screens/run_seats.py)

    def _on_seats(self) -> None:
        self.post_message(SeatsChanged())

    @on(SeatsChanged)
    def on_seats_changed(self) -> None:
        self.redraw_soon(state=False)
        self.room_seats.announce()

    def show_seats(self) -> None:
        self.room_seats.show()

    async def action_seats(self) -> None:
        """The join panel; the first time, the seats open on the best address found."""
        await self.room_seats.panel()

    def action_toggle_help(self) -> None:
        self.room_seats.toggle_help()

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
        if self.full_view is not None:
            self.full_view.discard()
        self.room_seats.stop()
        # The app is exiting with this screen open: the session must be closed before it ends.
        self.workshop.close()
