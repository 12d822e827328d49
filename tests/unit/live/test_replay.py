"""Replay rebuilds exactly what the room saw, at any moment, without touching the file."""

import gc
import json
from itertools import accumulate
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.base.clock import ManualClock
from facilitator.live.replay import CHECKPOINT_EVERY, Replay
from facilitator.live.workshop import Workshop
from facilitator.session.state import WorkshopState, apply, fold
from facilitator.store.rows import RowEvents

BANK = (
    "# Replay bank\n\n## One {time=5m}\n\n### First {#first predict}\n\n### Second {kind=list}\n\n"
    "## Two {time=3m}\n\n### Third\n\n## Three {time=2m}\n\n### Fourth\n"
)

ACTIONS = {
    "next": lambda w, n: w.next_question(),
    "previous": lambda w, n: w.previous_question(),
    "next section": lambda w, n: w.next_section(),
    "previous section": lambda w, n: w.previous_section(),
    "timer": lambda w, n: w.toggle_timer(),
    "extend": lambda w, n: w.extend(1),
    "answer": lambda w, n: w.commit_answer(
        w.question.id, "ab"[n % 2], f"answer {n}" if w.question.kind.value == "text" else [f"{n}"]
    ),
    "reveal": lambda w, n: w.reveal(w.question.id),
    "speaker": lambda w, n: w.set_speaker("ab"[n % 2]),
    "note": lambda w, n: w.add_note(f"note {n}", kind=("note", "action", "parking")[n % 3]),
    "guess": lambda w, n: (
        w.question.predict
        and w.commit_answer(w.question.id, "ab"[n % 2], f"guess {n}", prediction=True)
    ),
    "override": lambda w, n: w.override(
        w.question.id, (None, "aligned", "different", "conflict")[n % 4], f"comment {n}" * (n % 2)
    ),
}


def start(tmp_path: Path, clock: ManualClock) -> Workshop:
    bank = tmp_path / "bank.md"
    bank.write_text(BANK, encoding="utf-8")
    return Workshop.start(tmp_path / "sessions", bank, clock=clock)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    script=st.lists(
        st.tuples(st.sampled_from(sorted(ACTIONS)), st.integers(1, 120)), min_size=1, max_size=40
    ),
    data=st.data(),
)
def test_the_replayed_state_at_any_moment_is_the_live_state_then(tmp_path_factory, script, data):
    clock = ManualClock()
    live = start(tmp_path_factory.mktemp("replay"), clock)
    moments = [(clock() - live.store.events[0].time, live.state)]
    for number, (action, pause) in enumerate(script):
        clock.advance(pause)
        ACTIONS[action](live, number)
        moments.append((clock() - live.store.events[0].time, live.state))
    if data.draw(st.booleans(), label="end"):
        clock.advance(1)
        live.end().result()
        moments.append((clock() - live.store.events[0].time, live.state))
    clock.advance(1)  # quitting records a pause: after every moment compared, not at the last
    live.close()
    replay = Replay.open(live.store.path)
    offset, expected = data.draw(st.sampled_from(moments))
    assert replay.state_at(offset) == expected


def test_seeking_across_checkpoints_matches_a_fold_from_the_start(tmp_path):
    clock = ManualClock()
    live = start(tmp_path, clock)
    for number in range(CHECKPOINT_EVERY * 2 + 40):
        clock.advance(1)
        ACTIONS[("speaker", "timer", "next", "answer")[number % 4]](live, number)
    live.close()
    replay = Replay.open(live.store.path)
    for count in (0, 1, CHECKPOINT_EVERY, CHECKPOINT_EVERY + 7, len(replay.events)):
        assert replay.state_after(count) == fold(replay.bank, replay.events[:count])


@settings(max_examples=30, deadline=None)
@given(every=st.integers(1, 9), seeks=st.lists(st.integers(-3, 60), min_size=1, max_size=30))
def test_seeks_in_any_order_match_applying_each_event_in_turn(long_session, every, seeks):
    """Checkpoints are built lazily, the last state is reused, and the events between them are
    folded on a working copy frozen only where a state is kept: none of it may change a result
    from `apply`'s, one event at a time."""
    replay = Replay.open(long_session, checkpoint_every=every)
    states = list(accumulate(replay.events, apply, initial=WorkshopState.begin(replay.bank)))
    for count in seeks:
        assert replay.state_after(count) == states[max(0, min(count, len(replay.events)))]


@pytest.fixture(scope="module")
def long_session(tmp_path_factory) -> Path:
    clock = ManualClock()
    live = start(tmp_path_factory.mktemp("long"), clock)
    for number in range(50):
        clock.advance(number % 3)
        ACTIONS[("speaker", "note", "next", "answer", "timer", "reveal")[number % 6]](live, number)
    live.close()
    return live.store.path


def test_opening_folds_nothing_and_seeking_builds_only_the_checkpoints_it_passes(long_session):
    replay = Replay.open(long_session, checkpoint_every=4)
    assert len(replay._checkpoints) == 1
    replay.state_after(9)
    assert len(replay._checkpoints) == 3
    replay.state_after(len(replay.events))
    assert len(replay._checkpoints) == len(replay.events) // 4 + 1


def test_seeking_folds_the_columns_and_asks_for_no_event(long_session, monkeypatch):
    """A session read from a file makes its events only when asked for (`RowEvents`: 100,000
    took ~30 ms); the fold reads the record's columns, so a seek to the end asks for none of
    them (answers and overrides included) and its state is the fold of the events themselves."""
    replay = Replay.open(long_session, checkpoint_every=4)
    assert isinstance(replay.events, RowEvents)
    asked = []
    monkeypatch.setattr(RowEvents, "__getitem__", lambda events, index: asked.append(index))
    monkeypatch.setattr(RowEvents, "every", lambda events: asked.append("every"))
    end = replay.state_after(len(replay.events))
    assert asked == []
    monkeypatch.undo()
    assert end.answers and end.notes and end.overrides is not None
    assert end == fold(replay.bank, replay.events)


def test_prepare_builds_every_checkpoint_and_changes_no_answer(long_session):
    replay = Replay.open(long_session, checkpoint_every=4)
    middle = replay.state_after(10)
    replay.prepare()
    assert gc.isenabled()  # folding pauses the collector and must leave it running
    assert len(replay._checkpoints) == len(replay.events) // 4 + 1
    assert replay.state_after(10) == middle
    assert replay.state_after(len(replay.events)) == fold(replay.bank, replay.events)


def test_an_event_row_written_by_hand_reads_like_one_written_by_the_store(tmp_path):
    """The store reads rows as it writes them by a fast path; other valid rows take the checked
    path, which must build the same events."""
    clock = ManualClock()
    live = start(tmp_path, clock)
    live.close()
    path = live.store.path
    data = json.loads(path.read_text())
    data["events-0000"]["1"]["time"] = int(data["events-0000"]["1"]["time"])
    data["events-0000"]["2"]["extra"] = "ignored"
    path.write_text(json.dumps(data))
    events = Replay.open(path).events
    assert events == live.store.events
    assert type(events[0].time) is int


def test_markers_name_each_section_where_it_began(tmp_path):
    clock = ManualClock()
    live = start(tmp_path, clock)
    clock.advance(90)
    live.next_section()
    clock.advance(30)
    live.next_section()
    live.close()
    replay = Replay.open(live.store.path)
    assert [(m.offset, m.section, m.title) for m in replay.markers()] == [
        (0, 0, "One"),
        (90, 1, "Two"),
        (120, 2, "Three"),
    ]
    assert replay.duration == 120
    replay.markers().clear()
    assert len(replay.markers()) == 3


def test_replay_leaves_the_files_byte_for_byte_even_while_the_session_is_open(tmp_path):
    clock = ManualClock()
    live = start(tmp_path, clock)
    live.commit_answer("first", "a", "hello").result(timeout=5)
    live.store.flush()
    files = sorted(live.store.path.parent.iterdir())
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in files}
    replay = Replay.open(live.store.path)
    assert replay.state_at(replay.duration).answers
    assert {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in files} == before
    assert sorted(live.store.path.parent.iterdir()) == files
    live.close()


def test_replay_runs_the_bank_copied_into_the_session_after_the_file_is_gone(tmp_path):
    clock = ManualClock()
    live = start(tmp_path, clock)
    live.close()
    (tmp_path / "bank.md").unlink()
    assert Replay.open(live.store.path).bank.title == "Replay bank"


@pytest.mark.parametrize(
    ("event_type", "payload"),
    [("section.entered", {"section": "nope"}), ("answer.committed", {"question": "x"})],
)
def test_an_event_the_session_cannot_hold_is_a_one_line_error(tmp_path, event_type, payload):
    from click.testing import CliRunner

    from facilitator.base.errors import FacilitatorError
    from facilitator.cli import main

    bank = tmp_path / "bank.md"
    bank.write_text("# B\n\n## S {#s time=5m}\n\n### Q {#q}\n", encoding="utf-8")
    workshop = Workshop.start(tmp_path / "sessions", bank, clock=ManualClock(1_750_000_000.0))
    workshop.close()
    path = workshop.store.path
    data = json.loads(path.read_text(encoding="utf-8"))
    events = next(table for name, table in data.items() if name.startswith("events"))
    last = max(events, key=int)
    events[last] = {**events[last], "type": event_type, "payload": payload}
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(FacilitatorError, match=rf"^{path}: .*event {last}\b|^{path}: a section"):
        replay = Replay.open(path)
        replay.markers()
        replay.state_after(len(replay.events))
    with pytest.raises(FacilitatorError, match=rf"^{path}: "):
        Workshop.resume(path, clock=ManualClock(1_750_000_100.0))
    result = CliRunner().invoke(main, ["export", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path}: ") and result.output.count("\n") == 1


@settings(max_examples=30, deadline=None)
@given(
    every=st.integers(1, 9),
    seeks=st.lists(st.integers(0, 60), max_size=8),
    prepare=st.booleans(),
)
def test_every_checkpoint_kept_is_the_fold_from_the_start_to_its_place(
    long_session, every, seeks, prepare
):
    """The fold runs from one checkpoint's place to the next in one call and keeps a state at
    each place it reaches first: whatever the seeks before (and `prepare` among them), the state
    kept at place k is the fold of the first k * every events, and one is kept at each place."""
    replay = Replay.open(long_session, checkpoint_every=every)
    for count in seeks:
        replay.state_after(count)
    if prepare:
        replay.prepare()
    for number, checkpoint in enumerate(replay._checkpoints):
        assert checkpoint == fold(replay.bank, replay.events[: number * every])
    furthest = min(max([0, *seeks]), len(replay.events))
    expected = len(replay.events) if prepare else furthest
    assert len(replay._checkpoints) == expected // every + 1
