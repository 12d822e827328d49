"""The live workshop engine over a real store, with an injected clock."""

from pathlib import Path

import pytest

from facilitator.bank.answers import AnswerError
from facilitator.base.clock import ManualClock
from facilitator.live.refusals import SessionEndedError
from facilitator.live.workshop import Workshop
from facilitator.session.records import AnswerKey
from facilitator.session.timer import Phase
from facilitator.store.reading import read_session
from facilitator.store.sessionstore import SessionStore

BANK = (
    "---\nparty-a: Startup\nparty-b: Enterprise\n---\n# Workshop\n\n"
    "## Why {time=10m}\n\n### Reason {predict}\n\n"
    "### Gains {kind=choice pick=2}\n\n- Brand\n- Reach\n- Cash\n\n"
    "## Terms {time=5m}\n\n### Price {kind=stance}\n\n- We set it\n- They set it\n\n"
    "### First deal {kind=number unit=months}\n"
)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(1_000_000.0)


@pytest.fixture
def bank_file(tmp_path: Path) -> Path:
    path = tmp_path / "bank.md"
    path.write_text(BANK, encoding="utf-8")
    return path


@pytest.fixture
def workshop(tmp_path, bank_file, clock):
    live = Workshop.start(tmp_path / "sessions", bank_file, title="Acme and Globex", clock=clock)
    yield live
    live.close()


def test_starting_creates_the_session_and_opens_the_first_section_with_its_clock(workshop, clock):
    assert workshop.store.meta.title == "Acme and Globex"
    assert (workshop.store.meta.party_a, workshop.store.meta.party_b) == ("Startup", "Enterprise")
    assert workshop.question.id == "reason"
    clock.advance(60)
    assert workshop.state.timers[0].remaining(clock()) == 540


def test_autostart_can_be_turned_off(tmp_path, bank_file, clock):
    live = Workshop.start(tmp_path / "s", bank_file, clock=clock, autostart=False)
    assert not live.state.timers[0].running
    live.close()


def test_moving_through_questions_and_sections(workshop):
    workshop.next_question()
    assert workshop.question.id == "gains"
    workshop.next_question()
    assert (workshop.state.section, workshop.question.id) == (1, "price")
    workshop.previous_question()
    assert workshop.question.id == "price"
    workshop.next_question()
    workshop.next_question()
    assert workshop.question.id == "first-deal"
    workshop.previous_section()
    assert workshop.question.id == "reason"


def test_pause_resume_and_extend_with_the_clock(workshop, clock):
    clock.advance(100)
    workshop.toggle_timer()
    clock.advance(1000)
    assert workshop.state.timers[0].remaining(clock()) == 500
    workshop.toggle_timer()
    workshop.extend(5)
    clock.advance(500)
    assert workshop.state.timers[0].remaining(clock()) == 300
    clock.advance(301)
    assert workshop.state.timers[0].phase(clock()) is Phase.OVERTIME


def test_skipping_ahead_is_never_blocked_by_the_timer(workshop, clock):
    clock.advance(2000)
    workshop.next_section()
    assert workshop.state.section == 1
    assert workshop.state.behind_plan(clock()) == 1400


def test_answers_are_validated_committed_and_durable(workshop):
    saved = workshop.commit_answer("gains", "a", ["Brand", "Reach"])
    assert saved.result(timeout=5).type == "answer.committed"
    workshop.commit_answer("gains", "a", ["Cash"]).result(timeout=5)
    workshop.commit_answer("price", "b", {"position": "We set it", "firmness": "must-have"})
    workshop.commit_answer("reason", "b", "Their product", prediction=True)
    with pytest.raises(AnswerError):
        workshop.commit_answer("gains", "b", ["Brand", "Reach", "Cash"])
    workshop.store.flush()
    record = read_session(workshop.store.path)
    assert record.answers[AnswerKey("gains", "a", False)].value == ["Cash"]
    assert record.answers[AnswerKey("gains", "a", False)].revision == 2
    assert record.answers[AnswerKey("reason", "b", True)].value == "Their product"
    assert [e.type for e in record.events].count("answer.edited") == 1


def test_reveal_speaker_and_notes_are_recorded_and_in_state(workshop, clock):
    calls = []
    workshop.subscribe(calls.append)
    workshop.reveal("reason")
    workshop.reveal("reason")
    workshop.set_speaker("a")
    clock.advance(30)
    workshop.set_speaker("a")
    workshop.add_note("Send the deck", kind="action", owner="Ana", due="2026-12-01")
    workshop.add_note("   ")
    assert workshop.state.revealed == {"reason"}
    assert workshop.state.airtime_in("why", clock()) == {"a": 30, "b": 0}
    assert workshop.state.notes[0].owner == "Ana"
    assert len(calls) == 4


def test_resume_restores_where_the_session_stopped_and_skips_the_break(tmp_path, bank_file, clock):
    live = Workshop.start(tmp_path / "s", bank_file, clock=clock)
    live.next_question()
    live.commit_answer("gains", "a", ["Brand"])
    live.reveal("gains")
    clock.advance(120)
    live.close()
    clock.advance(3600)
    again = Workshop.resume(live.store.path, clock=clock)
    assert again.question.id == "gains"
    assert again.state.revealed == {"gains"}
    assert again.state.answers[AnswerKey("gains", "a", False)].value == ["Brand"]
    assert again.state.timers[0].running
    assert again.state.timers[0].remaining(clock()) == 480
    again.close()


def test_a_timer_paused_on_purpose_stays_paused_after_a_resume(tmp_path, bank_file, clock):
    live = Workshop.start(tmp_path / "s", bank_file, clock=clock)
    live.add_note("Parked: exclusivity", kind="parking")
    clock.advance(60)
    live.toggle_timer()
    live.close()
    again = Workshop.resume(live.store.path, clock=clock)
    assert not again.state.timers[0].running
    assert again.state.timers[0].remaining(clock()) == 540
    assert [note.text for note in again.state.notes] == ["Parked: exclusivity"]
    again.close()


def test_after_a_crash_the_break_counts_from_the_last_recorded_moment(tmp_path, bank_file, clock):
    live = Workshop.start(tmp_path / "s", bank_file, clock=clock)
    clock.advance(200)
    live.reveal("reason")
    clock.advance(50)
    live.store.close()  # the app dies: nothing paused the clock
    clock.advance(3600)
    again = Workshop.resume(live.store.path, clock=clock)
    assert again.state.timers[0].remaining(clock()) == 400
    again.close()


def test_an_ended_session_cannot_be_resumed(tmp_path, bank_file, clock):
    live = Workshop.start(tmp_path / "s", bank_file, clock=clock)
    live.end()
    assert live.state.ended
    live.close()
    with pytest.raises(SessionEndedError, match="has ended"):
        Workshop.resume(live.store.path, clock=clock)
    assert read_session(live.store.path).meta.status == "ended"
    SessionStore.open(live.store.path).close()  # the refused resume released its lock


def test_a_guess_is_refused_where_the_question_asks_for_none(workshop):
    with pytest.raises(AnswerError, match="does not ask for guesses"):
        workshop.commit_answer("gains", "a", ["Brand"], prediction=True)


def test_the_break_counts_as_nobodys_airtime_after_a_quit_or_a_crash(tmp_path, bank_file, clock):
    live = Workshop.start(tmp_path / "s", bank_file, clock=clock)
    live.set_speaker("a")
    clock.advance(30)
    live.close()
    clock.advance(3600)
    again = Workshop.resume(live.store.path, clock=clock)
    assert again.state.airtime_in("why", clock()) == {"a": 30, "b": 0}
    again.set_speaker("b")
    clock.advance(20)
    again.reveal("reason")
    again.store.close()  # a crash: nothing stopped the speaker
    clock.advance(3600)
    third = Workshop.resume(live.store.path, clock=clock)
    assert third.state.airtime_in("why", clock()) == {"a": 30, "b": 20}
    third.close()


def test_going_back_to_a_section_resumes_its_timer(workshop, clock):
    clock.advance(100)
    workshop.next_section()
    workshop.previous_section()
    types = [event.type for event in workshop.store.events]
    assert types[-1] == "timer.resumed"
    assert workshop.state.timers[0].remaining(clock()) == 500


def test_a_minute_off_and_setting_the_time_left_are_extensions(workshop, clock):
    clock.advance(100)
    workshop.extend(-1)
    assert workshop.state.timers[0].remaining(clock()) == 440
    workshop.set_time_left(4 * 60 + 30)
    assert workshop.state.timers[0].remaining(clock()) == 270
    assert workshop.state.timers[0].budget == 370
    workshop.extend(-60)  # never below an empty budget
    assert workshop.state.timers[0].budget == 0
    with pytest.raises(ValueError):
        workshop.set_time_left(-1)
    extensions = [e.payload for e in workshop.store.events if e.type == "timer.extended"]
    assert [p["seconds"] for p in extensions] == [-60, -170, -370]
    assert extensions[1]["left"] == 270
    workshop.store.flush()
    events = read_session(workshop.store.path).events
    assert sum(e.payload["seconds"] for e in events if e.type == "timer.extended") == -600


def test_renaming_records_an_event_and_keeps_the_newest_names_in_the_meta_row(workshop, clock):
    from facilitator.live.replay import Replay
    from facilitator.session.names import first_names, names_at, newest_names
    from facilitator.session.state import fold

    clock.advance(10)
    with pytest.raises(ValueError, match="party a cannot be blank"):
        workshop.rename(party_a=" \t")
    assert workshop.rename(party_b="Enterprise") is None  # nothing changes
    workshop.rename(party_a=" Acme\x1b[31m Analytics ", moderator="Mo")
    middle = workshop.state
    clock.advance(10)
    workshop.rename(title="Renamed", party_a="Acme Inc.")
    assert workshop.store.meta.party_a == "Acme Inc."
    renames = [e.payload for e in workshop.store.events if e.type == "session.renamed"]
    assert renames[0] == {
        "party_a": "Acme [31m Analytics",
        "moderator": "Mo",
        "before": {"party_a": "Startup", "moderator": ""},
    }
    workshop.close()
    record = read_session(workshop.store.path)
    assert (record.meta.title, record.meta.party_a, record.meta.moderator) == (
        "Renamed",
        "Acme Inc.",
        "Mo",
    )
    first = first_names(record.meta, record.events)
    assert first == {
        "title": "Acme and Globex",
        "party_a": "Startup",
        "party_b": "Enterprise",
        "moderator": "",
    }
    # A replay finds the same names from the column of types.
    assert Replay(record).first_names() == first
    assert names_at(first, middle)["party_a"] == "Acme [31m Analytics"
    assert names_at(first, middle)["title"] == "Acme and Globex"
    assert names_at(first, fold(workshop.bank, record.events)) == newest_names(record.meta)
    resumed = Workshop.resume(workshop.store.path, clock=clock)
    assert resumed.state.renamed["party_a"] == "Acme Inc."
    resumed.close()


def test_after_a_full_disk_saving_again_works_once_space_is_freed(workshop, monkeypatch):
    """Issue 12, item 9: the advice "free some space, then save again" is true."""
    import errno
    import os

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    first = workshop.bank.sections[0].questions[0].id
    workshop.commit_answer(first, "a", "kept").result(timeout=10)
    monkeypatch.setattr(os, "fdatasync", full)
    monkeypatch.setattr(os, "fsync", full)
    failure = workshop.commit_answer(first, "a", "lost").exception(timeout=10)
    assert failure is not None and "free some space, then save again" in str(failure)
    still = workshop.commit_answer(first, "a", "still full").exception(timeout=10)
    assert still is not None and "No space left" in str(still)
    monkeypatch.undo()
    event = workshop.commit_answer(first, "a", "saved again").result(timeout=10)
    assert event.payload["revision"] == 2, "the failed ones were never saved"
    assert workshop.state.answers[AnswerKey(first, "a", False)].value == "saved again"
    workshop.add_note("after the disk filled")
    workshop.store.flush()
    record = read_session(workshop.store.path)
    values = [e.payload.get("value") for e in record.events if e.type.startswith("answer.")]
    assert values == ["kept", "saved again"]
    assert [e.seq for e in record.events] == list(range(1, len(record.events) + 1))
    assert [e.seq for e in workshop.store.events] == [e.seq for e in record.events]
