"""The section countdown, driven by an injected clock (no sleeping)."""

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.base.clock import ManualClock
from facilitator.session.timer import Phase, SectionTimer


def test_counts_down_from_the_clock_and_runs_into_overtime():
    clock = ManualClock()
    timer = SectionTimer(budget=600).start(clock())
    clock.advance(100)
    assert timer.remaining(clock()) == 500
    clock.advance(520)
    assert timer.remaining(clock()) == -20
    assert timer.phase(clock()) is Phase.OVERTIME


def test_phases_follow_the_share_of_time_left():
    timer = SectionTimer(budget=1000).start(0)
    assert timer.phase(799) is Phase.CALM
    assert timer.phase(800) is Phase.WARNING
    assert timer.phase(949) is Phase.WARNING
    assert timer.phase(950) is Phase.URGENT
    assert timer.phase(1000) is Phase.OVERTIME


def test_pause_stops_the_count_and_resume_continues_it():
    clock = ManualClock()
    timer = SectionTimer(budget=300).start(clock())
    clock.advance(60)
    timer = timer.pause(clock())
    clock.advance(1000)
    assert timer.remaining(clock()) == 240
    assert not timer.running
    timer = timer.start(clock())
    clock.advance(40)
    assert timer.remaining(clock()) == 200


def test_pausing_twice_or_starting_twice_changes_nothing():
    timer = SectionTimer(budget=300).start(10)
    assert timer.start(50) == timer
    paused = timer.pause(70)
    assert paused.pause(90) == paused


def test_extending_adds_minutes_and_can_leave_overtime():
    timer = SectionTimer(budget=60).start(0)
    assert timer.phase(90) is Phase.OVERTIME
    timer = timer.extend(60)
    assert timer.remaining(90) == 30
    assert timer.phase(90) is Phase.CALM
    assert timer.extend(300).remaining(90) == 330


def test_time_already_spent_counts_after_a_resume():
    timer = SectionTimer(budget=600, spent=500).start(1000)
    assert timer.remaining(1000) == 100
    assert timer.phase(1000) is Phase.WARNING


@given(
    budget=st.integers(1, 10_000),
    runs=st.lists(st.tuples(st.integers(0, 500), st.integers(0, 500)), max_size=8),
)
def test_remaining_is_budget_minus_the_running_time_however_it_is_split(budget, runs):
    timer, now, running_total = SectionTimer(budget=budget), 0.0, 0.0
    for gap, run in runs:
        now += gap
        timer = timer.start(now)
        now += run
        running_total += run
        timer = timer.pause(now)
    assert timer.remaining(now + 999) == budget - running_total


@given(
    budget=st.floats(0, 3600),
    spent=st.floats(0, 3600),
    since=st.none() | st.floats(0, 1e6),
    now=st.floats(0, 1e6),
)
def test_a_changed_timer_is_the_timer_its_fields_make(budget, spent, since, now):
    """Changes build their timers without the dataclass's constructor (a replay's fold makes
    thousands): each must be the very timer the constructor makes, frozen like it."""
    timer = SectionTimer(budget, spent, since)
    for changed, fields in (
        (timer.start(now), (budget, spent, now if since is None else since)),
        (timer.pause(now), (budget, spent if since is None else spent + now - since, None)),
        (timer.extend(60), (budget + 60, spent, since)),
    ):
        made = SectionTimer(*fields)
        assert changed == made and hash(changed) == hash(made) and repr(changed) == repr(made)
        assert dataclasses.astuple(changed) == fields
        with pytest.raises(dataclasses.FrozenInstanceError):
            changed.spent = 0  # type: ignore[misc]
