"""Issue 12, items 4 and 11: terminal controls and bidi overrides never reach a terminal or an
export raw, banks holding them fail `check` (but a bank copy stored in a session still runs),
and bare URLs in user text stay text in Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt
from rich.segment import Segment
from textual.color import Color

from facilitator.base.clock import ManualClock
from facilitator.base.text import UNSAFE, clean_text
from facilitator.cli import main
from facilitator.live.replay import Replay
from facilitator.live.workshop import Workshop
from facilitator.report.export import render
from facilitator.report.markdown_markup import md_escape
from facilitator.report.model import report_of_session
from facilitator.store.sessionstore import SessionStore

pytestmark = pytest.mark.usefixtures("utc")

REPO = Path(__file__).resolve().parents[3]
HOSTILE = (
    "\x1b[2J\x1b[H wiped · \x1b]52;c;aGk=\x07 clipboard · "
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ · \x9b31m · 50\u202e%\u202c \u2066x\u2069"
)


def test_clean_text_replaces_each_control_and_keeps_newlines_and_tabs() -> None:
    assert clean_text("a\tb\nc") == "a\tb\nc"
    cleaned = clean_text(HOSTILE)
    assert UNSAFE.search(cleaned) is None
    assert len(cleaned) == len(HOSTILE), "one visible mark per character: columns stay put"
    assert clean_text("\x1b\x7f\x85\u202e", "") == ""


def test_check_reports_controls_with_file_line_and_column_and_prints_none(
    tmp_path: Path,
) -> None:
    bank = tmp_path / "bank.md"
    text = (REPO / "questionbanks" / "workshop.md").read_text()
    lines = text.splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if line.startswith("### "))
    lines[number] = lines[number].replace("### ", "### \x1b]52;c;aGk=\x07", 1)
    bank.write_text("".join(lines))
    result = CliRunner().invoke(main, ["check", str(bank)])
    assert result.exit_code == 1
    assert f"{bank}:{number + 1}:5: an escape character (U+001B)" in result.output
    assert UNSAFE.search(result.output) is None


def _hostile_session(tmp_path: Path) -> Path:
    """A session whose stored bank copy, title, party names, answer and note hold controls."""
    source = (REPO / "questionbanks" / "workshop.md").read_text()
    heading = next(line for line in source.splitlines() if line.startswith("### "))
    source = source.replace(heading, heading.replace("### ", "### \x1b[31m", 1), 1)
    clock = ManualClock(1_790_000_000.0)
    store = SessionStore.create(
        tmp_path / "sessions", title=f"Title {HOSTILE}", party_a=f"A {HOSTILE}",
        party_b="B\u202e", moderator="M", bank_source=source, bank_path="old.md", clock=clock,
    )  # fmt: skip
    store.close()
    workshop = Workshop.resume(store.path, clock=clock)
    question = workshop.bank.sections[0].questions[0]
    workshop.show_question(0)
    workshop.commit_answer(question.id, "a", f"answer {HOSTILE} https://www.example.com x.org")
    workshop.add_note(f"note {HOSTILE}")
    workshop.close()
    return store.path


def test_a_stored_bank_copy_with_controls_still_resumes_replays_and_exports(
    tmp_path: Path,
) -> None:
    session = _hostile_session(tmp_path)
    assert Replay.open(session).duration >= 0
    report = report_of_session(session)
    for fmt in ("md", "html"):
        assert UNSAFE.search(render(report, fmt)) is None, fmt
    exported = render(report, "json")
    assert UNSAFE.search(exported) is None
    document = json.loads(exported)
    assert document["party_a"] == f"A {HOSTILE}", "JSON keeps the text as typed, escaped"
    printed = CliRunner().invoke(main, ["export", str(session)])
    assert printed.exit_code == 0 and UNSAFE.search(printed.output) is None
    listed = CliRunner().invoke(main, ["--sessions-dir", str(session.parent), "sessions"])
    assert listed.exit_code == 0 and "Title" in listed.output
    assert UNSAFE.search(listed.output) is None


@pytest.mark.parametrize(
    "text",
    ["see https://example.com/x now", "www.acme.org", "mail bob@example.com", "acme.com"],
)
def test_bare_urls_in_user_text_stay_text_in_markdown(text: str) -> None:
    for preset in ("gfm-like", "commonmark"):
        md = MarkdownIt(preset)
        if preset == "gfm-like":
            md.enable("linkify")
        rendered = md.render(md_escape(text))
        assert "<a " not in rendered, (preset, rendered)
        assert text in rendered.replace("&amp;", "&")


def test_the_app_filter_drops_controls_from_whatever_is_drawn() -> None:
    from screens.app import FacilitatorApp
    from screens.terminal_safe import DropControls

    drop = DropControls()
    segments = [Segment("plain"), Segment(HOSTILE), Segment("\x1b[?25l", None, [])]
    out = drop.apply(segments, Color(0, 0, 0))
    assert out[0] is segments[0]
    assert UNSAFE.search(out[1].text) is None and out[1].cell_length == segments[1].cell_length
    assert out[2] is segments[2], "Textual's own control segments pass untouched"
    app = FacilitatorApp(sessions_dir=Path("."))
    assert any(isinstance(f, DropControls) for f in app.get_line_filters())


def test_check_on_a_session_warns_about_controls_in_its_bank_copy(tmp_path: Path) -> None:
    session = _hostile_session(tmp_path)
    result = CliRunner().invoke(main, ["check", str(session)])
    assert result.exit_code == 0, result.output
    assert f"{session} (bank copy):" in result.output
    assert ": warning: an escape character (U+001B)" in result.output
    assert f"{session}: ok" in result.output
    assert UNSAFE.search(result.output) is None
