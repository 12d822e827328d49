"""Issue 12: the stricter checks lock no one out of what they saved. The demo, and a session
left by a kill in the journal format written before batches were one line, open, replay and
export, and reading them changes no byte."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from facilitator import demo
from facilitator.live.replay import Replay
from facilitator.report.export import render
from facilitator.report.model import report_of_session
from facilitator.store.journal import journal_path
from facilitator.store.reading import read_session
from facilitator.store.sessionstore import SessionStore

pytestmark = pytest.mark.usefixtures("utc")


def _unchanged_after_reading(session: Path) -> None:
    before = {path.name: path.read_bytes() for path in session.parent.iterdir()}
    record = read_session(session)
    replay = Replay.open(session)
    end = replay.state_after(len(replay.events))
    assert len(end.answers) == len(record.answers) > 0
    report = report_of_session(session)
    for fmt in ("md", "html", "json"):
        assert render(report, fmt)
    after = {path.name: path.read_bytes() for path in session.parent.iterdir()}
    assert after == before


def test_the_demo_opens_replays_and_exports_unchanged(tmp_path: Path) -> None:
    session = tmp_path / "demo.json"
    shutil.copy(demo.DEMO, session)
    _unchanged_after_reading(session)
    with SessionStore.open(session) as store:
        assert store.meta.status == "ended"
    assert session.read_bytes() == demo.DEMO.read_bytes()


def test_a_session_killed_with_an_old_style_journal_reads_and_resumes(tmp_path: Path) -> None:
    """The demo's last events moved back into a journal, one record per line, as a kill
    left it before batches were written as one line."""
    raw = json.loads(demo.DEMO.read_text())
    events = [(name, doc_id) for name in sorted(raw) if name.startswith("events-")
              for doc_id in raw[name]]  # fmt: skip
    moved = events[-5:]
    marker = 1000
    lines = []
    for seq, (name, doc_id) in enumerate(moved, marker + 1):
        doc = raw[name].pop(doc_id)
        lines.append(json.dumps({"seq": seq, "table": name, "id": doc_id, "doc": doc}) + "\n")
    raw["_journal"] = {"1": {"seq": marker}}
    session = tmp_path / "old.json"
    session.write_text(json.dumps(raw))
    journal_path(session).write_text("".join(lines))
    _unchanged_after_reading(session)
    assert read_session(session).events == read_session(demo.DEMO).events
    with SessionStore.open(session) as store:
        assert store.events == read_session(demo.DEMO).events
    assert journal_path(session).read_bytes() == b"", "folded in on opening"
