"""The one rule for times: planned, budget (plus every extension), actual (pauses and quit
breaks left out), total (the sum of the actuals), whole seconds before any difference; and every
place that shows a time (report, JSON, listing) follows it, so its columns add up."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.base.clock import ManualClock
from facilitator.live.workshop import Workshop
from facilitator.report.export import render
from facilitator.report.model import build_report, report_of_session
from facilitator.session.state import fold
from facilitator.session.times import session_times, total_from_events, whole
from facilitator.store.listing import library
from facilitator.store.reading import read_session

BANK = (
    "# Workshop\n\n## Why {time=20m}\n\n### Reason\n\n### Gains {kind=list}\n\n"
    "## Terms {time=5m}\n\n### Price\n"
)
START = 1_790_000_000.0


@pytest.fixture
def bank_file(tmp_path: Path) -> Path:
    path = tmp_path / "bank.md"
    path.write_text(BANK, encoding="utf-8")
    return path


def test_extensions_pauses_and_a_quit_break_follow_the_one_rule(tmp_path, bank_file):
    clock = ManualClock(START)
    live = Workshop.start(tmp_path / "sessions", bank_file, title="T", clock=clock)
    clock.advance(60.4)
    live.extend(1)
    live.extend(5)
    clock.advance(60.7)
    live.toggle_timer()  # a pause of five minutes is not time in the section
    clock.advance(300)
    live.toggle_timer()
    clock.advance(0.5)
    live.close()  # quit
    clock.advance(3600)  # the break
    live = Workshop.resume(live.store.path, clock=clock)
    clock.advance(30)
    live.next_section()
    clock.advance(90.6)
    live.end()
    live.close()

    times = session_times(live.state, clock())
    why, terms = times.sections
    assert (why.planned, why.budget, why.actual) == (1200, 1560, 151)
    assert (terms.planned, terms.budget, terms.actual) == (300, 300, 90)
    assert times.total == why.actual + terms.actual == 241
    assert why.over == 151 - 1560 and why.left == 1560 - 151

    report = report_of_session(live.store.path)
    assert report.elapsed == sum(s.actual for s in report.sections) == 241
    assert report.budget == sum(s.budget for s in report.sections) == 1860
    assert report.planned == sum(s.planned for s in report.sections) == 1500
    document = json.loads(render(report, "json"))
    assert document["elapsed"] == 241 and document["budget"] == 1860
    markdown = render(report, "md")
    assert "| Why | 20:00 | 26:00 | 2:31 | 23:29 under |" in markdown
    assert "| Total | 25:00 | 31:00 | 4:01 | 26:59 under |" in markdown
    assert "4:01 of 31:00 budget (planned 25:00)" in markdown

    assert total_from_events(read_session(live.store.path).events) == 241
    (row,) = library(tmp_path / "sessions")
    assert row.cells[3] == "4:01"


def test_whole_seconds_are_taken_once_before_differences():
    assert whole(59.99) == 59
    assert whole(60.0) == 60
    assert whole(0.3 + 0.6 + 0.1) == 1  # float noise does not lose a second


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["wait", "pause", "extend", "cut", "next", "prev", "quit"]),
            st.floats(min_value=0, max_value=400, allow_nan=False),
        ),
        max_size=25,
    )
)
def test_the_listing_total_and_the_fold_agree_and_add_up(tmp_path_factory, actions):
    folder = tmp_path_factory.mktemp("s")
    bank = folder / "bank.md"
    bank.write_text(BANK, encoding="utf-8")
    clock = ManualClock(START)
    live = Workshop.start(folder / "sessions", bank, clock=clock)
    for action, seconds in actions:
        clock.advance(seconds)
        if action == "pause":
            live.toggle_timer()
        elif action == "extend":
            live.extend(1)
        elif action == "cut":
            live.extend(-1)
        elif action == "next":
            live.next_section()
        elif action == "prev":
            live.previous_section()
        elif action == "quit":
            live.close()
            clock.advance(1000)
            live = Workshop.resume(live.store.path, clock=clock)
    live.close()
    record = read_session(live.store.path)
    state = fold(live.bank, record.events)
    times = session_times(state, state.time)
    assert times.total == sum(section.actual for section in times.sections)
    assert total_from_events(record.events) == times.total
    report = build_report(record.meta, state, state.time)
    assert report.elapsed == times.total
    assert all(s.budget >= 0 for s in report.sections)


def test_the_listing_total_passes_over_a_damaged_timer_event():
    from facilitator.session.records import Event

    events = [
        Event(1, 0.0, "section.entered", {"section": "why"}),
        Event(2, 0.0, "timer.started", {"section": "why"}),
        Event(3, 5.0, "timer.paused", {}),
        Event(4, 9.0, "timer.paused", {"section": "why", "at": "soon"}),
    ]
    assert total_from_events(events) == 9
