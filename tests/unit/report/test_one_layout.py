"""Issue 16.1: the report's layout is written once, over a markup each format implements, so a
section added to the walk appears in Markdown and HTML at once."""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any

import pytest

from facilitator import demo
from facilitator.report import layout
from facilitator.report.html_markup import HtmlMarkup, to_html
from facilitator.report.layout import Lines, Markup, Toned, lay_out
from facilitator.report.markdown_markup import MarkdownMarkup, to_markdown
from facilitator.report.model import Report, report_of_session
from facilitator.session.status import Status

pytestmark = pytest.mark.usefixtures("utc")

MARKUP_METHODS = sorted(
    name for name, _ in inspect.getmembers(Markup, inspect.isfunction) if not name.startswith("_")
)


@pytest.fixture(scope="module")
def report() -> Report:
    return report_of_session(demo.DEMO)


class Recorder:
    """A markup that writes every call down as its line: the walk's skeleton, format-free."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def _note(self, name: str, *args: Any) -> str:
        self.calls.append((name, args))
        return f"{name}{args!r}"

    def escape(self, text: str) -> str:
        return self._note("escape", text)

    def heading(self, level: int, text: str) -> Lines:
        return [self._note("heading", level, text)]

    def paragraph(self, body: str, tone: str = "") -> Lines:
        return [self._note("paragraph", tone)]

    def table(self, head: Sequence[str], rows: Sequence[Sequence[str]]) -> Lines:
        return [self._note("table", len(head), len(rows))]

    def list(
        self, items: Sequence[str | Toned], *, ordered: bool = False, lead: Lines | None = None
    ) -> Lines:
        return [*(lead or []), self._note("list", len(items), ordered)]

    def link(self, text: str, question: str) -> str:
        return self._note("link", question)

    def anchor(self, text: str, question: str) -> str:
        return self._note("anchor", question)

    def party(self, name: str, party: str) -> str:
        return self._note("party", party)

    def parties(self, name_a: str, name_b: str) -> str:
        return self._note("parties")

    def status(self, status: Status, suffix: str = "", *, in_text: bool = False) -> str:
        return self._note("status", status, in_text)

    def strong(self, body: str) -> str:
        return self._note("strong")

    def placeholder(self, text: str) -> str:
        return self._note("placeholder", text)

    def aside(self, text: str) -> str:
        return self._note("aside")

    def document(self, title: str, body: Lines) -> str:
        return "\n".join(body)


@pytest.mark.parametrize("markup", [MarkdownMarkup, HtmlMarkup, Recorder])
def test_every_markup_has_the_whole_interface_with_its_signatures(markup: type) -> None:
    for name in MARKUP_METHODS:
        expected = inspect.signature(getattr(Markup, name))
        assert inspect.signature(getattr(markup, name)) == expected, f"{markup.__name__}.{name}"


def test_the_walk_goes_through_the_sections_in_order(report: Report) -> None:
    recorder = Recorder()
    lay_out(report, recorder)
    headings = [args for name, args in recorder.calls if name == "heading"]
    top = [title for level, title in headings if level <= 2]
    shown = [c.title for c in report.categories if c.entries]
    assert top[:2] == [report.title, "Summary"]
    assert report.guesses and report.notes and report.parking  # the demo shows every section
    assert top[2:] == [*shown, "Perception gaps", "Action items", "Notes", "Parking lot", "Time",
                       "Joint plan (draft)"]  # fmt: skip
    plan = [title for level, title in headings if level == 3][1:]
    assert plan == [heading.title for heading in report.plan]
    assert ("paragraph", ("facts",)) in recorder.calls


def test_text_from_the_session_goes_through_the_markup(report: Report) -> None:
    """The walk writes no user text itself: each answer reaches the markup to be escaped."""
    recorder = Recorder()
    lay_out(report, recorder)
    answers = {e.a for e in report.entries if e.a} | {e.b for e in report.entries if e.b}
    escaped = {args[0] for name, args in recorder.calls if name == "escape"}
    assert answers
    assert answers <= escaped


def _extra(report: Report, m: Markup) -> Lines:
    return [*m.heading(2, "Next steps <b>"), *m.list([m.escape(f"ask {report.party_a} & co")])]


def test_a_section_added_to_the_walk_appears_in_both_formats(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    before_md, before_html = to_markdown(report), to_html(report)
    monkeypatch.setattr(layout, "SECTIONS", (*layout.SECTIONS, _extra))
    md, page = to_markdown(report), to_html(report)
    assert md == before_md + f"\n## Next steps \\<b\\>\n\n- ask {report.party_a} \\& co\n"
    assert page.endswith(
        f"<h2>Next steps &lt;b&gt;</h2>\n<ul>\n<li>ask {report.party_a} &amp; co</li>\n</ul>\n"
        "</body>\n</html>\n"
    )
    assert page.startswith(before_html.removesuffix("</body>\n</html>\n"))


def test_html_escapes_what_the_walk_hands_it() -> None:
    m = HtmlMarkup()
    assert m.link('"><script>', 'q" onclick="x') == (
        '<a href="#q-q&quot; onclick=&quot;x">&quot;&gt;&lt;script&gt;</a>'
    )
    assert m.party("<i>A</i>", "a") == '<span class="party-a">&lt;i&gt;A&lt;/i&gt;</span>'
    assert m.heading(2, "a & b") == ["<h2>a &amp; b</h2>"]
    assert m.list([Toned("x", 'y" z')]) == ["<ul>", '<li class="y&quot; z">x</li>', "</ul>"]
