"""The session report and its exports: golden files for Markdown, HTML and JSON, and escaping.

Set UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change; then read the diff.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from facilitator.bank.model import PlanPart
from facilitator.base.clock import ManualClock
from facilitator.cli import main
from facilitator.live.workshop import Workshop
from facilitator.report.export import default_export_path, render, write_export
from facilitator.report.markdown_markup import md_escape
from facilitator.report.model import report_of_session
from facilitator.session.status import Status

pytestmark = pytest.mark.usefixtures("utc")  # reports and lists show local times

GOLDEN = Path(__file__).parent / "golden"
TRICKY = "[@click=app.quit]x[/] | <script>alert(1)</script> *bold* # not a heading"

BANK = """\
---
party-a: Startup
party-b: Enterprise
---

# Golden workshop

## Why each other {#why time=10m}

### What is the one reason that matters most? {#reason compare=goal predict plan=goals}

### Months until the first deal? {#months kind=number unit=months far=9 compare=goal plan=metrics}

### How often should you review progress? {#cadence kind=choice compare=goal plan=cadence}

- Monthly
- Quarterly

## Expectations {#expectations time=10m}

### What do you expect from the other side? {#expects kind=list compare=expectation pair=offers}

### What will you give the other side? {#offers kind=list compare=offer}

## Non-negotiables {#musts time=10m}

### Who owns the relationship with the end customer? {#owner kind=stance plan=roles}

- We do
- The partner does
- Shared, agreed account by account

### Who else is in the room? {#room kind=list compare=context}
"""


def run_session(tmp_path: Path, *, end: bool = True) -> Workshop:
    bank = tmp_path / "golden.md"
    bank.write_text(BANK)
    clock = ManualClock(1_790_000_000.0)
    workshop = Workshop.start(
        tmp_path / "sessions",
        bank,
        title="Golden <session> | one",
        party_a="Acme [bold]",
        party_b="Globex",
        moderator="Mo",
        clock=clock,
    )
    answers = {
        ("reason", "a"): f"Reach enterprise buyers {TRICKY}",
        ("reason", "b"): "Fill a gap in our portfolio",
        ("months", "a"): 3,
        ("months", "b"): 18,
        ("cadence", "a"): ["Monthly"],
        ("cadence", "b"): ["Monthly"],
        ("expects", "a"): ["Introductions to customers", "A reference quote"],
        ("expects", "b"): ["A pilot within six months"],
        ("offers", "a"): ["A pilot within six months", "Engineering support"],
        ("offers", "b"): ["Technical guidance"],
        ("owner", "a"): {"position": "We do", "firmness": "must-have"},
        ("owner", "b"): {"position": "We do", "firmness": "must-have"},
        ("room", "a"): ["Lena, CEO"],
    }
    workshop.set_speaker("a")
    for index, section in enumerate(workshop.bank.sections):
        if index:
            workshop.enter_section(index)
        for question in section.questions:
            workshop.show_question(section.questions.index(question))
            for party in ("a", "b"):
                if (question.id, party) in answers:
                    clock.advance(40)
                    workshop.commit_answer(question.id, party, answers[question.id, party])
            workshop.reveal(question.id)
            clock.advance(60)
        workshop.set_speaker("b" if index % 2 == 0 else "a")
        clock.advance(120 * (index + 1))
    workshop.commit_answer("reason", "a", "Fill a gap in their portfolio", prediction=True)
    workshop.commit_answer("reason", "b", "Our customers", prediction=True)
    workshop.override("reason", "complementary", "Different goals that fit together")
    workshop.add_note("Settle account ownership before any deal", kind="parking")
    workshop.add_note(
        f"Send the questionnaire {TRICKY}", kind="action", owner="Tom", due="2026-12-04",
        question="owner",
    )  # fmt: skip
    workshop.add_note("Both named the same customer segment")
    clock.advance(30)
    if end:
        workshop.end().result()
    workshop.close()
    return workshop


@pytest.fixture
def session(tmp_path: Path) -> Path:
    return run_session(tmp_path).store.path


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_exports_match_the_golden_files(session: Path, fmt: str) -> None:
    text = render(report_of_session(session), fmt)
    golden = GOLDEN / f"report.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_the_report_holds_every_part_the_issue_lists(session: Path) -> None:
    report = report_of_session(session)
    assert (report.party_a, report.party_b, report.status) == ("Acme [bold]", "Globex", "ended")
    titles = [category.title for category in report.categories]
    assert titles == ["Goals", "Expectations and offers", "Non-negotiables", "Context"]
    by_id = {entry.id: entry for entry in report.entries}
    assert by_id["months"].status is Status.CONFLICT
    assert by_id["owner"].status is Status.CONFLICT
    assert by_id["reason"].overridden and by_id["reason"].comment.startswith("Different goals")
    assert [e.id for e in report.conflicts][:1] == ["owner"]  # non-negotiables first
    unmatched = {
        (d.expecting, m.expectation)
        for d in by_id["expects"].pair
        for m in d.matches
        if m.match.value == "unmatched"
    }
    assert ("a", "Introductions to customers") in unmatched
    assert [g.party for g in by_id["reason"].guesses] == ["a", "b"]
    [action] = report.actions
    assert (action.owner, action.due, action.question) == ("Tom", "2026-12-04", "owner")
    assert [i.text for i in report.parking] == ["Settle account ownership before any deal"]
    assert [s.visited for s in report.sections] == [True, True, True]
    assert all(s.actual > 0 for s in report.sections)
    plan = {heading.part: heading.lines for heading in report.plan}
    assert [line.question for line in plan[PlanPart.METRICS]] == ["months"]
    assert plan[PlanPart.CADENCE][0].status is Status.ALIGNED


def test_markdown_shows_user_text_literally_and_keeps_tables_whole(session: Path) -> None:
    text = render(report_of_session(session), "md")
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "<em>bold</em>" not in rendered and "*bold*" in rendered
    assert "[@click=app.quit]x[/]" in rendered
    # Every table row keeps its column count: a `|` in an answer did not split a cell.
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    for line in rows:
        cells = line.replace("\\|", "").count("|")
        assert cells in (6, 7, 8), line


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("# not a heading", "# not a heading"),
        ("- not a list", "- not a list"),
        ("12. not a list", "12. not a list"),
        ("a | b", "a | b"),
        ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
        ("`code` *em* _em_ ~~del~~ &amp; <b>", "`code` *em* _em_ ~~del~~ &amp; <b>"),
        ("line one\nline two", "line one<br>line two"),
    ],
)
def test_md_escape_round_trips_through_a_markdown_renderer(raw: str, shown: str) -> None:
    rendered = MarkdownIt("commonmark").enable("strikethrough").render(md_escape(raw))
    assert html.unescape(rendered.removeprefix("<p>").removesuffix("</p>\n")) == shown


def test_html_escapes_all_user_text(session: Path) -> None:
    text = render(report_of_session(session), "html")
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "Golden &lt;session&gt; | one" in text
    assert "Acme [bold]" in text


def test_json_is_the_whole_report_as_plain_data(session: Path) -> None:
    document = json.loads(render(report_of_session(session), "json"))
    assert (document["format"], document["version"]) == ("facilitator-report", 1)
    assert document["party_a"] == "Acme [bold]"
    owner = next(e for c in document["categories"] for e in c["entries"] if e["id"] == "owner")
    assert (owner["status"], owner["category"]) == ("conflict", "non-negotiable")


def test_a_live_session_can_be_exported_mid_way(tmp_path: Path) -> None:
    workshop = run_session(tmp_path, end=False)
    report = report_of_session(workshop.store.path)
    assert report.status == "in-progress" and report.ended is None
    assert "in progress" in render(report, "md").splitlines()[2]


def test_exports_are_written_atomically_into_an_exports_folder(session: Path) -> None:
    target = default_export_path(session, session.parent, "json")
    assert target.parent.name == "exports" and target.parent.parent == session.parent
    write_export("{}", target)
    assert target.read_text() == "{}"
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_the_export_command_prints_or_writes_a_file(session: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    printed = runner.invoke(main, ["export", str(session)])
    assert printed.exit_code == 0
    assert printed.output == (GOLDEN / "report.md").read_text(encoding="utf-8")
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    written = runner.invoke(main, ["export", str(session), "--format", "html", "-o", str(target)])
    assert written.exit_code == 0
    assert target.read_text(encoding="utf-8") == (GOLDEN / "report.html").read_text(
        encoding="utf-8"
    )


def test_the_export_command_fails_in_one_line(session: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(tmp_path / "gone.json")])
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'gone.json'}: no such session file\n"
    nowhere = tmp_path / "missing" / "report.md"
    unwritable = CliRunner().invoke(main, ["export", str(session), "-o", str(nowhere)])
    assert unwritable.exit_code == 1
    assert unwritable.output == f"Error: {nowhere}: the folder {nowhere.parent} does not exist\n"
    bad = CliRunner().invoke(main, ["export", str(tmp_path / "gone.json"), "--format", "pdf"])
    assert bad.exit_code == 2 and "'pdf' is not one of" in bad.output


def test_exporting_a_session_open_in_a_live_workshop_changes_nothing(tmp_path: Path) -> None:
    bank = tmp_path / "golden.md"
    bank.write_text(BANK)
    workshop = Workshop.start(tmp_path / "sessions", bank, clock=ManualClock(1_790_000_000.0))
    workshop.commit_answer("reason", "a", "Reach buyers").result()
    path = workshop.store.path
    before = {p.name: p.read_bytes() for p in path.parent.iterdir()}
    result = CliRunner().invoke(main, ["export", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["status"] == "in-progress"
    assert {p.name: p.read_bytes() for p in path.parent.iterdir()} == before
    workshop.close()
