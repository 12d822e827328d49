"""The run screen: the live workshop on a shared screen.

It only calls the `Workshop` engine and shows what it reports: the engine's listener posts a
`WorkshopChanged` message, and each answer's Future posts `AnswerSaved` once the answer is durable.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, Static

from facilitator.bank import AnswerError
from facilitator.base import format_clock, format_duration
from facilitator.compare import Comparison
from facilitator.live import Workshop
from facilitator.session import PARTIES, Event, WorkshopState

from .confirm import ConfirmDialog
from .dashboard import DashboardScreen
from .messages import AnswerSaved, OverrideRequested, WorkshopChanged
from .note import NoteDialog, NoteInput
from .notes import NotesScreen
from .override import ask_override
from .widgets.agenda import Agenda, plan_delta
from .widgets.answer_pane import AnswerPane
from .widgets.countdown import Countdown
from .widgets.dashboard import Dashboard, live_line
from .widgets.question_text import show_question

_WHILE_EDITING = frozenset({"commit", "leave_editor", "edit"})
_STAYS = 24 * 3600.0
"""Seconds a failed save's notification stays: until it is dismissed, in practice."""

NARROW = 110
"""Below this width the agenda sidebar collapses, so 80x24 keeps room for both answers."""


class RunScreen(Screen[None]):
    CSS_PATH = "run.tcss"
    AUTO_FOCUS = None
    """Nothing starts focused: single-letter keys act on the session until a pane is opened."""
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("ctrl+s", "commit", "Save answer"),
        Binding("escape", "leave_editor", "Leave editor", show=False),
        Binding("a", "edit('a')", "Edit A"),
        Binding("b", "edit('b')", "Edit B"),
        Binding("n", "next_question", "Next"),
        Binding("p", "previous_question", "Prev"),
        Binding("r", "reveal", "Reveal"),
        Binding("g", "toggle_prediction", "Guesses"),
        Binding("d", "dashboard", "Dashboard"),
        Binding("D,ctrl+d", "toggle_split", "Split view"),
        Binding("1", "speaker('a')", "A speaks"),
        Binding("2", "speaker('b')", "B speaks"),
        Binding("space", "toggle_timer", "Pause"),
        Binding("plus,+", "extend(1)", "+1 min"),
        Binding("5", "extend(5)", "+5 min"),
        Binding("right_square_bracket", "next_section", "Next section"),
        Binding("left_square_bracket", "previous_section", "Prev section", show=False),
        Binding("o", "note", "Note"),
        Binding("l", "notes", "Notes"),
        Binding("x", "export", "Export", show=False),
        Binding("t", "app.toggle_theme", "Theme", show=False),
        Binding("ctrl+e", "end", "End session"),
        Binding("q", "quit_session", "Quit"),
    ]

    def __init__(self, workshop: Workshop) -> None:
        super().__init__()
        self.workshop = workshop
        self.predicting = False
        self.shown_section = -1
        meta = workshop.store.meta
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

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")
        if self.is_mounted:
            self.call_after_refresh(self.refresh_clocks)

    @on(WorkshopChanged)
    async def on_workshop_changed(self, message: WorkshopChanged) -> None:
        changed = self.comparison.update(message.state)
        if changed:
            for dashboard in self.dashboards():
                dashboard.show_changes(changed)
        await self.show_state(message.state)

    async def show_state(self, state: WorkshopState) -> None:
        section = state.bank.sections[state.section]
        question = section.questions[state.question]
        self.predicting = self.predicting and question.predict
        for split in self.query(Dashboard):
            await split.follow(question.id)
        await show_question(self, state, self.names, self.predicting)
        new_section = state.section != self.shown_section
        self.shown_section = state.section
        countdown = self.query_one("#countdown", Countdown)
        countdown.show(state.timers[state.section], new_section=new_section)
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
        statusline.update(line, layout=False)

    def topbar(self, now: float) -> Text:
        """Both parties, the title, and elapsed against planned time for the whole agenda."""
        elapsed = sum(timer.elapsed(now) for timer in self.workshop.state.timers)
        top = Text()
        top.append(self.names["a"], "bold")
        top.append("  ⟷  ")
        top.append(self.names["b"], "bold")
        top.append("   ")
        top.append(self.workshop.store.meta.title)
        top.append(f"   {format_clock(elapsed)} / {format_duration(self.workshop.bank.total)}")
        return top

    def refresh_clocks(self) -> None:
        now = self.workshop.clock()
        # The top bar and the status line are one line high whatever they say (run.tcss): the
        # clocks' redraw every second must not lay out the whole screen again.
        self.query_one("#topbar", Static).update(self.topbar(now), layout=False)
        self.query_one("#agenda", Agenda).show(self.workshop.state, now, self.names)
        self.show_statusline(self.workshop.state, now)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While an answer is open, only answer keys act: a letter typed into a choice or a
        ranking must not move the session on or lose the edit."""
        return action in _WHILE_EDITING or self._focused_pane() is None

    def commands(self) -> Iterable[SystemCommand]:
        """Every run-screen action for the command palette, plus a jump to each section."""
        for binding in self.BINDINGS:
            key = self.app.get_key_display(binding)
            yield SystemCommand(binding.description, f"key: {key}",
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
        meta, current = self.workshop.store.meta, self.workshop.question.id
        self.app.push_screen(
            DashboardScreen(self.comparison, meta.title, self.workshop, current=current)
        )

    async def action_toggle_split(self) -> None:
        """The dashboard beside the question; too narrow for both, the full view instead."""
        split = self.query("#split")
        if split:
            await split.remove()
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
        focused = self.focused
        while focused is not None and not isinstance(focused, AnswerPane):
            focused = focused.parent  # type: ignore[assignment]
        return focused

    def action_commit(self) -> None:
        pane = self._focused_pane()
        if pane is None:
            self.notify("Open an answer first: a or b", severity="warning")
            return
        question = self.workshop.question
        try:
            future = self.workshop.commit_answer(
                question.id, pane.party, pane.value(), prediction=self.predicting
            )
        except AnswerError as error:
            pane.set_status(f"✗ {error}")
            return
        pane.set_status("saving…")
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

    def action_leave_editor(self) -> None:
        pane = self._focused_pane()
        self.set_focus(None)
        if pane is not None:
            pane.show_view()

    def action_edit(self, party: str) -> None:
        self.query_one(f"#pane-{party}", AnswerPane).edit()

    def action_next_question(self) -> None:
        self.workshop.next_question()

    def action_previous_question(self) -> None:
        self.workshop.previous_question()

    def action_next_section(self) -> None:
        self.workshop.next_section()

    def action_previous_section(self) -> None:
        self.workshop.previous_section()

    def action_reveal(self) -> None:
        self.workshop.reveal(self.workshop.question.id)

    async def action_toggle_prediction(self) -> None:
        self.predicting = not self.predicting and self.workshop.question.predict
        await self.show_state(self.workshop.state)

    def action_speaker(self, party: str) -> None:
        self.workshop.set_speaker(party)

    def action_toggle_timer(self) -> None:
        self.workshop.toggle_timer()

    def action_extend(self, minutes: int) -> None:
        self.workshop.extend(minutes)

    def action_note(self) -> None:
        def add(note: NoteInput | None) -> None:
            if note is not None:
                self.workshop.add_note(
                    note.text, kind=note.kind, owner=note.owner, due=note.due,
                    question=self.workshop.question.id,
                )  # fmt: skip

        self.app.push_screen(NoteDialog(), add)

    def action_notes(self) -> None:
        self.app.push_screen(NotesScreen(self.workshop.state))

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
        self.close_and_leave()

    @work(thread=True, exclusive=True, group="leave")
    def close_and_leave(self) -> None:
        """Closing flushes and compacts the session file: off the UI thread, then leave."""
        self.workshop.close()
        self.app.call_from_thread(self.dismiss, None)

    def on_unmount(self) -> None:
        # The app is exiting with this screen open: the session must be closed before it ends.
        self.workshop.close()
