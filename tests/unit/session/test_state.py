"""Folding the event log into the workshop state: position, timers, answers, airtime, notes."""

from collections.abc import Iterator
from dataclasses import replace
from itertools import count

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.bank.parser import parse_bank
from facilitator.session.moderation import Note
from facilitator.session.records import (
    ANSWER_COMMITTED,
    ANSWER_EDITED,
    NOTE,
    NOTE_DELETED,
    NOTE_DONE,
    NOTE_EDITED,
    QUESTION_SHOWN,
    REVEAL,
    SECTION_ENTERED,
    SESSION_ENDED,
    SESSION_STARTED,
    SPEAKER,
    STATUS_OVERRIDDEN,
    TIMER_EXTENDED,
    TIMER_PAUSED,
    TIMER_RESUMED,
    TIMER_STARTED,
    AnswerKey,
    Event,
)
from facilitator.session.state import EventError, WorkingState, WorkshopState, apply, fold
from facilitator.session.status import Status
from facilitator.session.timer import Phase, SectionTimer

BANK = parse_bank(
    "# Workshop\n\n## Why {time=10m}\n\n### Reason\n\n### Gains {kind=list}\n\n"
    "## Terms {time=5m}\n\n### Price {kind=stance}\n"
)


class Log:
    """Builds events with increasing seq at the given clock times."""

    def __init__(self) -> None:
        self.seq = count(1)

    def __call__(self, time: float, type: str, **payload: object) -> Event:
        return Event(next(self.seq), time, type, payload)

    def enter(self, time: float, section: str) -> list[Event]:
        """The moderator entering `section`, whose timer starts at once (as the workshop does)."""
        return [
            self(time, SECTION_ENTERED, section=section),
            self(time, TIMER_STARTED, section=section),
        ]


@pytest.fixture
def log() -> Log:
    return Log()


def test_entering_a_section_moves_there_and_stops_the_previous_timer(log):
    state = fold(
        BANK,
        [
            *log.enter(0, "why"),
            log(100, QUESTION_SHOWN, question="gains"),
            *log.enter(400, "terms"),
        ],
    )
    assert (state.section, state.question) == (1, 0)
    assert not state.timers[0].running
    assert state.timers[0].remaining(9999) == 200
    assert state.timers[1].remaining(460) == 240
    assert state.visited == {0, 1}


def test_going_back_resumes_a_section_with_its_time_already_spent(log):
    state = fold(
        BANK,
        [
            *log.enter(0, "why"),
            log(300, SECTION_ENTERED, section="terms"),
            *log.enter(310, "why"),
        ],
    )
    assert state.timers[0].remaining(410) == 200


def test_pause_and_extend_change_only_their_section(log):
    state = fold(
        BANK,
        [
            *log.enter(0, "why"),
            log(500, TIMER_PAUSED, section="why"),
            log(550, TIMER_EXTENDED, section="why", seconds=300),
        ],
    )
    timer = state.timers[0]
    assert timer.remaining(10_000) == 400
    assert timer.phase(10_000) is Phase.CALM
    assert state.timers[1].budget == 300


def test_answers_keep_their_latest_revision(log):
    state = fold(
        BANK,
        [
            log(1, ANSWER_COMMITTED, question="reason", party="a", prediction=False,
                value="reach", revision=1),
            log(2, ANSWER_EDITED, question="reason", party="a", prediction=False,
                value="reach buyers", revision=2),
            log(3, ANSWER_COMMITTED, question="reason", party="b", prediction=True,
                value="money", revision=1),
        ],
    )  # fmt: skip
    mine = state.answers[AnswerKey("reason", "a", False)]
    assert (mine.value, mine.revision, mine.time) == ("reach buyers", 2, 2)
    assert state.answers[AnswerKey("reason", "b", True)].value == "money"


def test_reveal_marks_the_question(log):
    state = fold(BANK, [log(5, REVEAL, question="reason")])
    assert state.revealed == {"reason"}


def test_airtime_is_counted_per_section_and_party(log):
    state = fold(
        BANK,
        [
            log(0, SECTION_ENTERED, section="why"),
            log(10, SPEAKER, party="a"),
            log(40, SPEAKER, party="b"),
            log(100, SPEAKER, party=None),
            log(120, SPEAKER, party="a"),
            log(130, SECTION_ENTERED, section="terms"),
        ],
    )
    assert state.airtime_in("why", 999) == {"a": 40, "b": 60}
    assert state.airtime_in("terms", 150) == {"a": 20, "b": 0}


def test_notes_action_items_and_parked_topics_are_kept_in_order(log):
    state = fold(
        BANK,
        [
            log(1, NOTE, section="why", kind="note", text="[@click=app.quit]x[/]"),
            log(2, NOTE, section="why", kind="action", text="Send deck", owner="Ana",
                due="2026-12-01", question="reason"),
            log(3, NOTE, section="terms", kind="parking", text="Exclusivity"),
        ],
    )  # fmt: skip
    assert [note.kind for note in state.notes] == ["note", "action", "parking"]
    action = Note(2, "why", "action", "Send deck", owner="Ana", due="2026-12-01", question="reason")
    assert state.notes[1] == action and hash(state.notes[1]) == hash(action)
    assert state.notes[2] == Note(3, "terms", "parking", "Exclusivity")
    assert state.notes[0].text == "[@click=app.quit]x[/]"
    assert (state.notes[1].owner, state.notes[1].due, state.notes[1].question) == (
        "Ana",
        "2026-12-01",
        "reason",
    )


def test_ending_stops_the_clock_and_the_speaker(log):
    state = fold(
        BANK,
        [
            *log.enter(0, "why"),
            log(0, SPEAKER, party="b"),
            log(90, SESSION_ENDED),
        ],
    )
    assert state.ended
    assert state.timers[0].remaining(5000) == 510
    assert state.speaker is None
    assert state.airtime_in("why", 5000) == {"a": 0, "b": 90}


def test_behind_plan_counts_overruns_of_done_sections_and_of_the_current_one(log):
    state = fold(
        BANK,
        [
            *log.enter(0, "why"),
            *log.enter(720, "terms"),
        ],
    )
    assert state.behind_plan(720) == 120
    assert state.behind_plan(1020) == 120
    assert state.behind_plan(1080) == 180


def test_apply_returns_a_new_state_and_leaves_the_old_one_alone(log):
    before = WorkshopState.begin(BANK)
    after = apply(before, log(3, REVEAL, question="reason"))
    assert before.revealed == frozenset()
    assert after.revealed == {"reason"} and after.time == 3


SECTIONS = st.sampled_from(["why", "terms", "nowhere"])
QUESTIONS = st.sampled_from(["reason", "gains", "price"])
MOMENTS = st.floats(0, 5000, allow_nan=False)
EVENTS = st.one_of(
    st.tuples(st.sampled_from([SECTION_ENTERED, TIMER_STARTED, TIMER_RESUMED]),
              st.fixed_dictionaries({"section": SECTIONS})),
    st.tuples(st.just(QUESTION_SHOWN), st.fixed_dictionaries({"question": QUESTIONS})),
    st.tuples(st.just(TIMER_PAUSED),
              st.fixed_dictionaries({"section": SECTIONS}, optional={"at": MOMENTS})),
    st.tuples(st.just(TIMER_EXTENDED),
              st.fixed_dictionaries({"section": SECTIONS, "seconds": st.integers(-60, 600)})),
    st.tuples(st.sampled_from([ANSWER_COMMITTED, ANSWER_EDITED]), st.fixed_dictionaries({
        "question": QUESTIONS, "party": st.sampled_from("ab"), "prediction": st.booleans(),
        "value": st.text(max_size=3), "revision": st.integers(1, 9)})),
    st.tuples(st.just(REVEAL), st.fixed_dictionaries({"question": QUESTIONS})),
    st.tuples(st.just(SPEAKER), st.fixed_dictionaries(
        {"party": st.sampled_from(["a", "b", None])}, optional={"at": MOMENTS})),
    st.tuples(st.just(NOTE), st.fixed_dictionaries(
        {"section": SECTIONS, "text": st.text(max_size=3)},
        optional={"kind": st.sampled_from(["note", "action", "parking"]), "owner": st.just("Ana"),
                  "question": QUESTIONS})),
    st.tuples(st.just(STATUS_OVERRIDDEN), st.fixed_dictionaries(
        {"question": QUESTIONS, "status": st.sampled_from([None, *Status])},
        optional={"comment": st.sampled_from(["", "see notes"])})),
    st.tuples(st.sampled_from([SESSION_ENDED, SESSION_STARTED]), st.just({})),
)  # fmt: skip
KEPT_BY_IDENTITY = ("answers", "revealed", "overrides", "airtime", "timers", "notes")


@given(
    script=st.lists(st.tuples(EVENTS, st.floats(0, 90, allow_nan=False)), max_size=60),
    freezes=st.sets(st.integers(0, 60)),
)
def test_a_working_state_frozen_anywhere_equals_applying_the_events_one_by_one(script, freezes):
    """Replay steps a `WorkingState` through many events and freezes it only now and then: each
    frozen state must equal `apply`'s, keep the same objects where nothing changed, and stay as
    it was while the working state goes on."""
    states, events, now = [WorkshopState.begin(BANK)], [], 0.0
    for (type, payload), pause in script:
        now += pause
        event = Event(len(events) + 1, now, type, payload)
        try:
            states.append(apply(states[-1], event))
        except EventError:
            continue  # an event naming a section or question the bank lacks
        events.append(event)
    working = WorkingState(states[0])
    assert working.freeze() is states[0]
    kept = [(0, states[0])]
    for done, event in enumerate(events, 1):
        working.step(event)
        if done in freezes or done == len(events):
            frozen = working.freeze()
            assert working.freeze() is frozen
            assert frozen == states[done]
            before, last = kept[-1]
            for name in KEPT_BY_IDENTITY:
                changed = any(
                    getattr(states[n], name) is not getattr(states[n - 1], name)
                    for n in range(before + 1, done + 1)
                )
                assert (getattr(frozen, name) is not getattr(last, name)) == changed, name
            kept.append((done, frozen))
    assert all(frozen == states[done] for done, frozen in kept)


SPEAKING = st.one_of(
    st.tuples(st.just(SPEAKER), st.fixed_dictionaries(
        {}, optional={"party": st.sampled_from(["a", "b", "", None]), "at": MOMENTS})),
    st.tuples(st.just(NOTE), st.fixed_dictionaries(
        {"section": SECTIONS, "text": st.text(max_size=3)},
        optional={"kind": st.sampled_from(["note", "action"]), "owner": st.text(max_size=2),
                  "due": st.just("2026-12-01"), "question": QUESTIONS, "extra": st.just(1)})),
    st.tuples(st.just(SECTION_ENTERED), st.fixed_dictionaries({"section": SECTIONS})),
    st.tuples(st.sampled_from([TIMER_STARTED, TIMER_PAUSED]),
              st.fixed_dictionaries({"section": st.sampled_from(["why", "terms"])})),
)  # fmt: skip


@given(st.lists(st.tuples(SPEAKING, st.floats(0, 90, allow_nan=False)), max_size=40))
def test_speakers_and_notes_fold_as_their_rules_say(script):
    """The fold writes out the rules of speaker changes and notes in its loop (nine events in
    ten of a long session); here they are again as the rules read, one event at a time."""
    sections = [section.id for section in BANK.sections]
    section, speaker, since, airtime, notes = 0, None, None, {}, []
    events, now = [], 0.0
    for (type, payload), pause in script:
        now += pause
        event = Event(len(events) + 1, now, type, payload)
        if type == SECTION_ENTERED and payload["section"] not in sections:
            continue  # refused by the fold: tested elsewhere
        events.append(event)
        if type in (SPEAKER, SECTION_ENTERED):
            stop = float(payload.get("at", now)) if type == SPEAKER else now
            if speaker is not None and since is not None:
                key = (sections[section], speaker)
                airtime[key] = airtime.get(key, 0.0) + max(0.0, stop - since)
            if type == SPEAKER:
                speaker = payload.get("party")
                since = now if speaker else None
            else:
                section = sections.index(payload["section"])
                since = now if speaker is not None else None
        elif type == NOTE:
            notes.append(Note(event.seq, payload["section"], payload.get("kind", "note"),
                              payload["text"], payload.get("owner", ""), payload.get("due", ""),
                              payload.get("question", "")))  # fmt: skip
    state = fold(BANK, events)
    assert (state.section, state.speaker, state.speaking_since) == (section, speaker, since)
    assert dict(state.airtime) == airtime
    assert list(state.notes) == notes
    assert [hash(note) for note in state.notes] == [hash(note) for note in notes]
    # Field by field as the constructor sets them: a field missing from a note's __dict__
    # would read as the class's default and compare equal.
    assert [vars(note) for note in state.notes] == [vars(note) for note in notes]
    assert state.time == (events[-1].time if events else 0.0)
    working = WorkingState(WorkshopState.begin(BANK))
    working.steps(events)
    assert working.freeze() == state


def test_notes_are_edited_ticked_and_deleted_at_their_moment_and_old_notes_stay(log):
    from facilitator.session.records import NOTE_DELETED, NOTE_DONE, NOTE_EDITED

    events = [
        log(0, SECTION_ENTERED, section="why"),
        log(1, NOTE, section="why", kind="action", text="Deck", owner="", due="next week"),
        log(2, NOTE, section="why", kind="parking", text="Pricing"),
        log(3, NOTE_EDITED, note=2, text="Send the deck", due="2026-12-01"),
        log(4, NOTE_DONE, note=2, done=True),
        log(5, NOTE_DELETED, note=3),
    ]
    before = fold(BANK, events[:3])
    assert [(n.text, n.due, n.done) for n in before.current_notes()] == [
        ("Deck", "next week", False),  # an old session's due date is kept as written
        ("Pricing", "", False),
    ]
    after = fold(BANK, events)
    assert [(n.text, n.due, n.done) for n in after.current_notes()] == [
        ("Send the deck", "2026-12-01", True)
    ]
    assert len(after.notes) == 2  # the notes as taken; current_notes applies the changes
    with pytest.raises(EventError, match="was deleted"):
        fold(BANK, [*events, log(6, NOTE_EDITED, note=3, text="x")])


EXACT_NOTE = st.fixed_dictionaries({
    "section": SECTIONS, "kind": st.sampled_from(["note", "action", "parking"]),
    "text": st.text(max_size=2), "owner": st.just("Ana"), "due": st.just(""),
    "question": QUESTIONS})  # fmt: skip
"""A note's payload as the store writes it: the fold copies it (the rule's fast path)."""
TAKING_NOTES = st.one_of(
    st.tuples(st.just(NOTE), EXACT_NOTE),
    st.tuples(st.just(NOTE), EXACT_NOTE),
    st.tuples(st.just(NOTE), st.fixed_dictionaries(
        {}, optional={"section": SECTIONS, "text": st.just("t"), "kind": st.just("action"),
                      "extra": st.just(1)})),
    st.tuples(st.sampled_from([NOTE_EDITED, NOTE_DONE, NOTE_DELETED]), st.fixed_dictionaries(
        {"note": st.integers(1, 8), "text": st.just("x"), "done": st.booleans()})),
    st.tuples(st.just(SPEAKER), st.fixed_dictionaries({"party": st.sampled_from(["a", None])})),
    st.tuples(st.just(TIMER_STARTED), st.fixed_dictionaries({"section": SECTIONS})),
)  # fmt: skip


def notes_by_the_rules(events):
    """The notes as taken and as they stand after each event, by the rules as they read, one
    event at a time; and the seq of the first event they refuse (None if none)."""
    taken, changes, after = [], {}, []
    for event in events:
        payload = event.payload
        if event.type == TIMER_STARTED and payload["section"] == "nowhere":
            return after, event.seq
        if event.type == NOTE:
            if "section" not in payload or "text" not in payload:
                return after, event.seq
            taken.append(Note(event.seq, payload["section"], payload.get("kind", "note"),
                              payload["text"], payload.get("owner", ""), payload.get("due", ""),
                              payload.get("question", "")))  # fmt: skip
        elif event.type in (NOTE_EDITED, NOTE_DONE, NOTE_DELETED):
            seq = payload["note"]
            note = changes[seq] if seq in changes else next(
                (note for note in taken if note.seq == seq), None)  # fmt: skip
            if note is None:
                return after, event.seq
            if event.type == NOTE_EDITED:
                changes[seq] = replace(note, text=payload["text"])
            elif event.type == NOTE_DONE:
                changes[seq] = replace(note, done=payload["done"])
            else:
                changes[seq] = None
        shown = (changes.get(note.seq, note) for note in taken)
        after.append((list(taken), [note for note in shown if note is not None]))
    return after, None


def folded_in_parts(
    events: list[Event], cuts: set[int], freezes: set[int]
) -> Iterator[tuple[int, WorkshopState]]:
    """`events` folded from the start by `fold_columns` calls cut at `cuts`: the count and the
    state at each of `freezes` where a call ends, and at the end (EventError as the fold
    raises it)."""
    working, start = WorkingState(WorkshopState.begin(BANK)), 0
    for stop in [*sorted(cut for cut in cuts if cut < len(events)), len(events)]:
        part = events[start:stop]
        working.fold_columns(([e.type for e in part], [e.time for e in part],
                              [e.payload for e in part], [e.seq for e in part]))  # fmt: skip
        if stop and (stop in freezes or stop == len(events)):
            yield stop, working.freeze()
        start = stop


@given(
    script=st.lists(TAKING_NOTES, max_size=40),
    cuts=st.sets(st.integers(0, 40)),
    freezes=st.sets(st.integers(0, 40)),
)
def test_notes_fold_as_their_rules_say_with_edits_ticks_and_deletions_however_the_log_is_cut(
    script, cuts, freezes
):
    """Notes as the store writes them (the fold's fast path), as an older version wrote them,
    or damaged, among edits, ticks and deletions of earlier, later or missing notes, folded in
    `steps` calls cut anywhere: the notes as taken and as they stand, at every freeze and
    wherever a call ends, are the rules' one event at a time, Note for Note, and a damaged log
    fails at the very event the rules refuse."""
    events = [Event(seq, float(seq), type, payload) for seq, (type, payload) in
              enumerate(script, 1)]  # fmt: skip
    expected, refused = notes_by_the_rules(events)
    try:
        for stop, state in folded_in_parts(events, cuts, freezes):
            assert (list(state.notes), list(state.current_notes())) == expected[stop - 1]
            assert state.time == events[stop - 1].time
    except EventError as error:
        assert str(error).startswith(f"event {refused} (")
    else:
        assert refused is None
    if refused is None and events:
        # Each event by itself (`apply`) gives the same notes, Note for Note.
        state = WorkshopState.begin(BANK)
        for event in events:
            state = apply(state, event)
        assert (list(state.notes), list(state.current_notes())) == expected[-1]
        assert [vars(note) for note in state.notes] == [vars(note) for note in expected[-1][0]]


TIMED_SECTIONS = st.sampled_from(["why", "terms", "nowhere", 0, 1, 2, -1, True, 1.0, None])
"""A timer event's section: by id, by index (as `_change_timer` takes it), and damaged."""
TIMES = st.one_of(st.floats(0, 5000, allow_nan=False), st.integers(0, 5000))
TIMING = st.one_of(
    st.tuples(st.sampled_from([TIMER_STARTED, TIMER_RESUMED, TIMER_PAUSED, TIMER_EXTENDED]),
              st.fixed_dictionaries({"section": TIMED_SECTIONS}, optional={
                  "at": st.one_of(TIMES, st.just("12.5"), st.just("soon")),
                  "seconds": st.sampled_from([60, -30, 2.5, "x"]), "quit": st.booleans()})),
    st.tuples(st.sampled_from([TIMER_STARTED, TIMER_RESUMED, TIMER_PAUSED]), st.fixed_dictionaries(
        {}, optional={"at": TIMES})),
    st.tuples(st.just(SPEAKER), st.fixed_dictionaries(
        {}, optional={"party": st.sampled_from(["a", "b", "", None]), "at": TIMES})),
    st.tuples(st.just(SECTION_ENTERED), st.fixed_dictionaries({"section": SECTIONS})),
    st.tuples(st.just(QUESTION_SHOWN), st.fixed_dictionaries({"question": QUESTIONS})),
    st.tuples(st.sampled_from([SESSION_ENDED, SESSION_STARTED]), st.just({})),
)  # fmt: skip


def timers_and_speakers_by_the_rules(events):
    """Position, timers, speaker and airtime after each event, by the rules as they read, one
    event at a time (timers by the constructor); and the message of the first event they refuse
    (None if none)."""
    ids = [section.id for section in BANK.sections]
    timers = [SectionTimer(budget=section.budget) for section in BANK.sections]
    section, speaker, since, airtime, ended, after = 0, None, None, {}, False, []

    def index_of(given):
        return given if isinstance(given, int) else ids.index(given) if given in ids else {}[given]

    def pause(index, at):
        timer = timers[index]
        if timer.running_since is not None:
            timers[index] = SectionTimer(timer.budget, timer.spent + at - timer.running_since)

    def stop_speaker(at):
        nonlocal speaker, since
        if speaker is not None and since is not None:
            key = (ids[section], speaker)
            airtime[key] = airtime.get(key, 0.0) + max(0.0, at - since)
        speaker = since = None

    for event in events:
        payload, now = event.payload, event.time
        try:
            if event.type in (TIMER_STARTED, TIMER_RESUMED):
                index = index_of(payload["section"])
                if timers[index].running_since is None:
                    timers[index] = SectionTimer(timers[index].budget, timers[index].spent, now)
            elif event.type == TIMER_PAUSED:
                at = float(payload.get("at", now))
                pause(index_of(payload["section"]), at)
            elif event.type == TIMER_EXTENDED:
                seconds = float(payload["seconds"])
                index = index_of(payload["section"])
                timer = timers[index]
                timers[index] = SectionTimer(timer.budget + seconds, timer.spent,
                                             timer.running_since)  # fmt: skip
            elif event.type == SPEAKER:
                stop = float(payload["at"]) if "at" in payload else now
                party = payload.get("party")
                stop_speaker(stop)
                speaker, since = party, now if party else None
            elif event.type == SECTION_ENTERED:
                index, was = ids.index(payload["section"]) if payload["section"] in ids else {}[
                    payload["section"]], speaker  # fmt: skip
                stop_speaker(now)
                pause(section, now)
                section = index
                if was is not None:
                    speaker, since = was, now
            elif event.type == QUESTION_SHOWN:
                [question.id for question in BANK.sections[section].questions].index(
                    payload["question"])  # fmt: skip
            elif event.type == SESSION_ENDED:
                stop_speaker(now)
                pause(section, now)
                ended = True
        except (KeyError, IndexError, TypeError, ValueError) as error:
            message = f"{type(error).__name__}: {error}"
            return after, f"event {event.seq} ({event.type}) cannot be applied: {message}"
        after.append((section, list(timers), speaker, since, list(airtime.items()), ended))
    return after, None


def as_folded(state):
    return (state.section, list(state.timers), state.speaker, state.speaking_since,
            list(state.airtime.items()), state.ended)  # fmt: skip


def bits(value):
    """Floats by their bits, so 0.0 and -0.0 differ, as do 1 and 1.0."""
    if isinstance(value, float):
        return value.hex()
    if isinstance(value, SectionTimer):
        return tuple(map(bits, (value.budget, value.spent, value.running_since)))
    if isinstance(value, (list, tuple)):
        return [bits(item) for item in value]
    return repr(value)


@given(
    script=st.lists(st.tuples(TIMING, TIMES), max_size=50),
    cuts=st.sets(st.integers(0, 50)),
    freezes=st.sets(st.integers(0, 50)),
)
def test_timers_and_speakers_fold_as_their_rules_say_however_the_log_is_cut(script, cuts, freezes):
    """The fold writes out the timers' start, resume and pause in its loop and keeps the
    speaker and each party's airtime there between other rules: sections by id, by index and
    damaged, pauses with a moment given (or a bad one), speakers stopped by a section entered or
    the end, in `fold_columns` calls cut anywhere, give at every freeze and wherever a call ends
    what the rules give one event at a time, bit for bit, and what `apply` gives event by event;
    a damaged log fails at the very event, with the very message, the rules give."""
    events, now = [], 0
    for seq, ((type, payload), pause) in enumerate(script, 1):
        now = now + pause
        events.append(Event(seq, now, type, payload))
    expected, refused = timers_and_speakers_by_the_rules(events)
    try:
        for stop, state in folded_in_parts(events, cuts, freezes):
            assert bits(as_folded(state)) == bits(expected[stop - 1])
    except EventError as error:
        assert str(error) == refused
    else:
        assert refused is None
    state = WorkshopState.begin(BANK)
    for done, event in enumerate(events):
        try:
            state = apply(state, event)
        except EventError as error:
            assert str(error) == refused and done == len(expected)
            break
        assert bits(as_folded(state)) == bits(expected[done])
