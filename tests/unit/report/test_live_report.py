"""A report of a live workshop at this moment, and what a workshop lets a reader see of its
session (its meta and its file) without reaching into its store."""

from __future__ import annotations

from pathlib import Path

from facilitator.base.clock import ManualClock
from facilitator.live.workshop import Workshop
from facilitator.report import report_of_workshop
from facilitator.report.model import airtime_shares

BANK = """# Live report

## Terms {#terms time=10m}

### Months to the first deal? {#months kind=number unit=months near=3 far=9 compare=goal}
"""


def started(tmp_path: Path, clock: ManualClock) -> Workshop:
    bank = tmp_path / "bank.md"
    bank.write_text(BANK, encoding="utf-8")
    return Workshop.start(tmp_path / "sessions", bank, party_a="Acme", clock=clock)


def test_a_workshop_shows_its_meta_and_file(tmp_path):
    workshop = started(tmp_path, ManualClock(1_750_000_000.0))
    workshop.rename(party_a="Acme Analytics").result()
    assert workshop.meta.party_a == "Acme Analytics"
    assert workshop.path.parent == tmp_path / "sessions" and workshop.path.suffix == ".json"
    workshop.close()


def test_a_live_report_is_at_this_moment_and_an_ended_one_at_its_end(tmp_path):
    clock = ManualClock(1_750_000_000.0)
    workshop = started(tmp_path, clock)
    workshop.commit_answer("months", "a", 3).result()
    clock.advance(120)
    live = report_of_workshop(workshop)
    assert live.at == clock()
    assert live.elapsed == 120
    assert live.entries[0].a == "3 months"
    workshop.end().result()
    ended_at = workshop.meta.ended
    clock.advance(600)
    ended = report_of_workshop(workshop)
    assert ended.at == ended_at and ended.elapsed == 120
    workshop.close()


def test_airtime_shares_are_none_until_someone_speaks():
    assert airtime_shares({"a": 0.0, "b": 0.0}) is None
    assert airtime_shares({"a": 90.0, "b": 30.0}) == {"a": 0.75, "b": 0.25}
