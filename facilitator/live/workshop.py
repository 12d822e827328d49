"""The live workshop: every action a moderator takes, recorded in the store and folded into state.

A `Workshop` owns the open `SessionStore`, the bank copied into the session, and the current
`WorkshopState`. Each action records one or more events, applies them to the state at once, and
tells listeners (plain callbacks; the UI turns them into messages). Answer commits also return the
store's Future, which resolves when the answer is durable: only then may a pane say "saved".

The note actions are in `notes.NoteTaking` (a part of `Workshop`); what a change is refused
with is in `refusals`, the bank copy a session keeps in `stored_bank`.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from ..bank.answers import AnswerError, validate
from ..bank.model import Bank, Question
from ..bank.parser import decode_bank, parse_bank
from ..base.clock import Clock, system_clock
from ..base.files import read_regular
from ..session.records import (
    PARTIES,
    QUESTION_SHOWN,
    REVEAL,
    SECTION_ENTERED,
    SPEAKER,
    STATUS_OVERRIDDEN,
    TIMER_EXTENDED,
    TIMER_PAUSED,
    TIMER_RESUMED,
    TIMER_STARTED,
    AnswerKey,
    Event,
    EventType,
    SessionMeta,
    SessionRecord,
)
from ..session.state import EventError, WorkshopState, apply, check_events, fold
from ..session.status import SCORED, Status
from ..store.sessionstore import SessionStore
from .notes import NoteTaking
from .refusals import RevealCheck, RevisionConflict, SessionEndedError
from .stored_bank import stored_bank

Listener = Callable[[WorkshopState], object]
"""Told each new state; what it returns is ignored."""


class Workshop(NoteTaking):
    def __init__(
        self,
        store: SessionStore,
        *,
        clock: Clock,
        autostart: bool = True,
        bank: Bank | None = None,
    ) -> None:
        """`bank` is the bank copied into the session, when the caller has parsed it already."""
        self.store = store
        self.clock = clock
        self.autostart = autostart
        """Start each section's countdown when the section begins (moderators forget)."""
        self.bank: Bank = bank or stored_bank(store.path, store.bank)
        try:
            self.state = fold(self.bank, store.events)
        except EventError as error:
            raise EventError(f"{store.path}: {error}") from None
        self._listeners: list[Listener] = []
        self.closed = False

    @classmethod
    def start(
        cls,
        sessions_dir: Path,
        bank_path: Path,
        *,
        title: str = "",
        party_a: str = "",
        party_b: str = "",
        moderator: str = "",
        clock: Clock = system_clock,
        autostart: bool = True,
    ) -> Workshop:
        """Create the session file for `bank_path` and open its first section."""
        source = decode_bank(read_regular(Path(bank_path)), str(bank_path))
        bank = parse_bank(source, str(bank_path))
        store = SessionStore.create(
            sessions_dir,
            title=title.strip() or bank.title,
            party_a=party_a.strip() or bank.party_a or "Party A",
            party_b=party_b.strip() or bank.party_b or "Party B",
            moderator=moderator.strip(),
            bank_source=source,
            bank_path=str(bank_path),
            clock=clock,
        )
        workshop = cls(store, clock=clock, autostart=autostart, bank=bank)
        workshop.enter_section(0)
        return workshop

    @classmethod
    def resume(cls, path: Path, *, clock: Clock = system_clock, autostart: bool = True) -> Workshop:
        """Reopen a session where it stopped: section, question, answers, notes and timer."""
        banks: list[Bank] = []

        def usable(record: SessionRecord) -> None:
            """Refuses, before the store writes anything, what this engine cannot run."""
            banks.append(stored_bank(path, record.bank))
            try:
                check_events(banks[0], record.events)
            except EventError as error:
                raise EventError(f"{path}: {error}") from None

        store = SessionStore.open(path, clock=clock, check=usable)
        try:
            workshop = cls(store, clock=clock, autostart=autostart, bank=banks[0])
            if store.meta.ended is not None:
                raise SessionEndedError(f"{path}: this session has ended; replay or export it")
        except BaseException:
            store.close()
            raise
        # A clean quit suspended the clocks; after a crash, the last recorded event is the latest
        # moment known to have been in the room, so the break is counted from there.
        was_running = workshop.state.timers[workshop.state.section].running or (
            workshop._paused_by_quit()
        )
        workshop._suspend(at=workshop.state.time)
        if autostart and (was_running or not workshop.state.timers[workshop.state.section].spent):
            workshop._start_timer()
        return workshop

    def _paused_by_quit(self) -> bool:
        """Whether the current section's timer last stopped because the app was quit (so it
        runs on after a resume), rather than because the moderator paused it."""
        for event in reversed(self.store.events):
            if event.payload.get("section") == self.section_id and event.type.startswith("timer."):
                return event.type == TIMER_PAUSED and bool(event.payload.get("quit"))
        return False

    def _suspend(self, at: float | None = None, *, quit: bool = False) -> None:
        """Stop everything that counts time (the section timer, the speaker's airtime)."""
        moment = {} if at is None else {"at": at}
        if self.state.timers[self.state.section].running:
            self._record(TIMER_PAUSED, section=self.section_id, quit=quit, **moment)
        if self.state.speaker is not None:
            self._record(SPEAKER, party=None, **moment)

    def _start_timer(self) -> None:
        timer = self.state.timers[self.state.section]
        if not timer.running:
            self._record(TIMER_RESUMED if timer.spent else TIMER_STARTED, section=self.section_id)

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop telling `listener` (a seat server that stops while the session goes on)."""
        self._listeners.remove(listener)

    def _saving(self) -> None:
        """Before each change: after a failed save, take the session again from the disk (and
        redraw from it), so that saving again works once the cause is gone (a full disk
        freed). While it is not gone, the change fails as the last one did."""
        if self.store.failed and self.store.reload():
            self.state = fold(self.bank, self.store.events)
            for listener in self._listeners:
                listener(self.state)

    def _record(self, type: EventType, **payload: Any) -> Future[Event]:
        self._saving()
        future = self.store.record(type, payload)
        self._apply_last()
        return future

    def _apply_last(self) -> None:
        event = self.store.last_event
        assert event is not None
        self.state = apply(self.state, event)
        for listener in self._listeners:
            listener(self.state)

    @property
    def meta(self) -> SessionMeta:
        """The session as it stands: title, names (renames applied), bank, times, status."""
        return self.store.meta

    @property
    def path(self) -> Path:
        """The session's file: what its exports, journal and backups are named after."""
        return self.store.path

    @property
    def section_id(self) -> str:
        return self.bank.sections[self.state.section].id

    @property
    def question(self) -> Question:
        return self.bank.sections[self.state.section].questions[self.state.question]

    def enter_section(self, index: int) -> None:
        if not 0 <= index < len(self.bank.sections):
            return
        self._record(SECTION_ENTERED, section=self.bank.sections[index].id)
        if self.autostart:
            self._start_timer()

    def next_section(self) -> None:
        """Skip ahead: the timer never blocks moving on."""
        self.enter_section(self.state.section + 1)

    def previous_section(self) -> None:
        self.enter_section(self.state.section - 1)

    def show_question(self, index: int) -> None:
        questions = self.bank.sections[self.state.section].questions
        if 0 <= index < len(questions) and index != self.state.question:
            self._record(QUESTION_SHOWN, question=questions[index].id)

    def next_question(self) -> None:
        """The next question, or the first question of the next section after the last one."""
        if self.state.question + 1 < len(self.bank.sections[self.state.section].questions):
            self.show_question(self.state.question + 1)
        else:
            self.next_section()

    def previous_question(self) -> None:
        if self.state.question > 0:
            self.show_question(self.state.question - 1)

    def toggle_timer(self) -> None:
        if self.state.timers[self.state.section].running:
            self._record(TIMER_PAUSED, section=self.section_id)
        else:
            self._start_timer()

    def extend(self, minutes: int) -> None:
        """Add `minutes` to the current section (fewer than zero take time away, never below an
        empty budget); recorded as an extension, so the budget stays the plan plus every change."""
        budget = self.state.timers[self.state.section].budget
        seconds = max(minutes * 60, -budget)
        if seconds:
            self._record(TIMER_EXTENDED, section=self.section_id, seconds=seconds)

    def set_time_left(self, seconds: float) -> None:
        """Make the current section's countdown show `seconds` left from now: an extension (or
        a reduction) by the difference, with the time asked for kept in the event as `left`."""
        if seconds < 0:
            raise ValueError("the time left cannot be negative")
        timer = self.state.timers[self.state.section]
        change = seconds - timer.remaining(self.clock())
        change = max(change, -timer.budget)
        if change:
            self._record(TIMER_EXTENDED, section=self.section_id, seconds=change, left=seconds)

    def commit_answer(
        self,
        question_id: str,
        party: str,
        value: Any,
        *,
        prediction: bool = False,
        source: str | None = None,
        expected_revision: int | None = None,
    ) -> Future[Event]:
        """Validate and record an answer (AnswerError if the question does not accept it).

        `source` records who sent it (`session.MODERATOR_SOURCE` or `seat:<device id>`).
        `expected_revision` is the revision the sender's edit was based on (0: no answer yet);
        if the answer has moved on since, nothing is recorded and RevisionConflict says so.
        The check and the commit happen together: a Workshop is used from one thread.
        """
        question = self.bank.question(question_id)
        if prediction and not question.predict:
            raise AnswerError("this question does not ask for guesses")
        checked = validate(question, value)
        self._saving()
        if expected_revision is not None:
            # After `_saving`, which may have taken the session again from the disk.
            current = self.state.answers.get(AnswerKey(question_id, party, prediction))
            if (current.revision if current else 0) != expected_revision:
                raise RevisionConflict(current)
        future = self.store.commit_answer(
            question_id, party, checked, prediction=prediction, source=source
        )
        self._apply_last()
        return future

    @property
    def drafts(self) -> dict[AnswerKey, Any]:
        """Answers being written and not committed, for the moderator's screen only: never in
        the state, the comparison, a reveal, a replay or a report."""
        return self.store.drafts

    def keep_draft(
        self, question_id: str, party: str, value: Any, *, prediction: bool = False
    ) -> None:
        """Keep what is typed for an answer (or a guess) until it is committed, overwriting the
        draft before; nothing kept when it is empty or just the committed answer again."""
        question = self.bank.question(question_id)
        key = AnswerKey(question_id, party, prediction)
        committed = self.state.answers.get(key)
        try:
            same = committed is not None and validate(question, value) == committed.value
        except AnswerError:
            same = False
        self._saving()
        if same or value in (None, "", [], {}):
            self.store.discard_draft(key)
        else:
            self.store.save_draft(key, value)

    def check_reveal(self, question_id: str) -> RevealCheck:
        """Who has not answered `question_id` yet, of the parties it is asked of (nothing stands
        in the way of a question already revealed). The one reveal check: see `RevealCheck`."""
        question = self.bank.question(question_id)
        missing: tuple[str, ...] = ()
        if question_id not in self.state.revealed:
            missing = tuple(
                party
                for party in PARTIES
                if question.asks(party)
                and AnswerKey(question_id, party, False) not in self.state.answers
            )
        meta = self.store.meta
        names = {"a": meta.party_a, "b": meta.party_b}
        return RevealCheck(question_id, missing, tuple(names[party] for party in missing))

    def reveal(self, question_id: str) -> None:
        """Show a question's answers in the room. Every way of revealing asks `check_reveal`
        first and, when it names a side that has not answered, the moderator's confirmation."""
        if question_id not in self.state.revealed:
            self._record(REVEAL, question=question_id)

    def override(self, question_id: str, status: Status | str | None, comment: str = "") -> None:
        """Set the comparison status of a question as the moderator sees it, with a comment.
        A status of None with a comment keeps the computed status; neither clears the override."""
        self.bank.question(question_id)
        if status is not None:
            status = Status(status)
            if status not in SCORED:
                raise ValueError(f"an override sets one of: {', '.join(SCORED)}")
        self._record(
            STATUS_OVERRIDDEN,
            question=question_id,
            status=None if status is None else status.value,
            comment=comment.strip(),
        )

    def set_speaker(self, party: str | None) -> None:
        """Mark who is talking; marking the current speaker again stops the count."""
        if party == self.state.speaker:
            party = None
        self._record(SPEAKER, party=party)

    def rename(
        self,
        *,
        title: str | None = None,
        party_a: str | None = None,
        party_b: str | None = None,
        moderator: str | None = None,
    ) -> Future[Event] | None:
        """Rename the session, a party or the moderator; a "session.renamed" event with only the
        fields that change (None when nothing does). A title or a party cannot be blank."""
        given = {"title": title, "party_a": party_a, "party_b": party_b, "moderator": moderator}
        meta = self.store.meta
        changes: dict[str, str] = {}
        for name, value in given.items():
            if value is None:
                continue
            # One line of plain text: control characters would reach the terminal and the page.
            value = " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())
            if not value and name != "moderator":
                raise ValueError(f"the {name.replace('_', ' ')} cannot be blank")
            if value != getattr(meta, name):
                changes[name] = value
        if not changes:
            return None
        self._saving()
        future = self.store.rename(changes)
        self._apply_last()
        return future

    def end(self) -> Future[Event]:
        """End the session explicitly (quitting does not end it)."""
        self._saving()
        future = self.store.end()
        self._apply_last()
        return future

    def close(self) -> None:
        """Quit without ending: stop the clocks so a resume does not count the break."""
        if self.closed:
            return
        self.closed = True
        if not self.state.ended:
            self._suspend(quit=True)
        self.store.close()
