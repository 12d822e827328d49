"""The report's layout, written once: which sections a report has, in which order, and what each
holds, over a small `Markup` that each format (`markdown_markup`, `html_markup`) implements.

A section added to `SECTIONS` appears in every format at once. The walk never writes a
character of markup itself: every piece of text from a user or a bank goes through the markup
(`escape`, or a method that escapes), so each format escapes it in its own way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from ..base.durations import format_clock
from ..compare.offers import Match, PairDirection
from ..session.status import MARKS, SCORED, Status
from .model import CategoryReport, Entry, PlanHeading, PlanLine, Report, airtime_shares

MATCH_MARKS = {Match.MATCHED: "✔", Match.PARTLY: "◐", Match.UNMATCHED: "✖"}


@dataclass(frozen=True)
class Toned:
    """A list item in a tone (a match's word: `matched`, `partly`, `unmatched`) that a format
    may show, as HTML does with a class; `text` is markup already."""

    text: str
    tone: str


Lines = list[str]


class Markup(Protocol):
    """What a format supplies. Methods named for a block return whole lines; the others return
    a piece of a line. Arguments called `text`, `name` or `suffix` are raw (the markup escapes
    them); `head`, `rows`, `items`, `lead` and `body` are markup already."""

    def escape(self, text: str) -> str: ...

    def heading(self, level: int, text: str) -> Lines: ...

    def paragraph(self, body: str, tone: str = "") -> Lines: ...

    def table(self, head: Sequence[str], rows: Sequence[Sequence[str]]) -> Lines: ...

    def list(
        self, items: Sequence[str | Toned], *, ordered: bool = False, lead: Lines | None = None
    ) -> Lines:
        """`lead` (a heading or a paragraph) introduces the list; a format may join the two."""
        ...

    def link(self, text: str, question: str) -> str:
        """A link to the question `question` (its id), which `anchor` marks."""
        ...

    def anchor(self, text: str, question: str) -> str: ...

    def party(self, name: str, party: str) -> str:
        """A party's `name`; `party` is "a" or "b"."""
        ...

    def parties(self, name_a: str, name_b: str) -> str:
        """Both parties, `A ⟷ B`."""
        ...

    def status(self, status: Status, suffix: str = "", *, in_text: bool = False) -> str:
        """A status word with its mark; `in_text` where it ends a sentence rather than fills a
        cell."""
        ...

    def strong(self, body: str) -> str: ...

    def placeholder(self, text: str) -> str:
        """What stands where an answer is not yet."""
        ...

    def aside(self, text: str) -> str:
        """Markup that matters less than the text around it."""
        ...

    def document(self, title: str, body: Lines) -> str: ...


Section = Callable[[Report, Markup], Lines]


def _when(moment: float) -> str:
    return datetime.fromtimestamp(moment).strftime("%Y-%m-%d %H:%M")


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def _delta(actual: float, budget: float) -> str:
    """Against the budget (planned plus extensions), in the whole seconds both already are."""
    over = actual - budget
    if abs(over) < 30:
        return "on time"
    return f"{format_clock(abs(over))} {'over' if over > 0 else 'under'}"


def _share(airtime: Mapping[str, float], party: str) -> str:
    shares = airtime_shares(airtime)
    return "—" if shares is None else f"{round(100 * shares[party])}%"


def _why(entry: Entry) -> str:
    parts = [entry.reason]
    if entry.overridden and entry.computed is not entry.status:
        parts.append(f"computed: {entry.computed.value}")
    if entry.comment:
        parts.append(f"moderator: {entry.comment}")
    if not entry.revealed and (entry.a or entry.b):
        parts.append("not yet revealed in the room")
    return " · ".join(part for part in parts if part)


def _answer_or_gap(entry: Entry, party: str) -> str | None:
    value = entry.a if party == "a" else entry.b
    if value is None:
        return "(not asked)" if party not in entry.asked else None
    return value


def _agreed(line: PlanLine) -> bool:
    """Both sides gave the same answer: the plan can take it as it is."""
    return line.status is Status.ALIGNED and line.a is not None and line.a == line.b


def _answer(m: Markup, value: str | None) -> str:
    return m.placeholder("no answer yet") if value is None else m.escape(value)


def _plain_table(m: Markup, head: Sequence[str], rows: Sequence[Sequence[str]]) -> Lines:
    """A table of plain text: every cell escaped."""
    return m.table([m.escape(cell) for cell in head], [[m.escape(c) for c in r] for r in rows])


def time_used(report: Report) -> str:
    """`41:07 of 45:00 budget (planned 40:00)`: the total against the budget and the plan."""
    used, planned = format_clock(report.elapsed), format_clock(report.planned)
    if report.budget == report.planned:
        return f"{used} of {planned} planned"
    return f"{used} of {format_clock(report.budget)} budget (planned {planned})"


def header(report: Report, m: Markup) -> Lines:
    facts = [m.parties(report.party_a, report.party_b), f"bank: {report.bank}"]
    if report.moderator:
        facts.insert(1, f"moderator: {report.moderator}")
    state = "ended" if report.ended is not None else "in progress"
    facts += [_when(report.created), time_used(report), state]
    shown = [facts[0], *(m.escape(fact) for fact in facts[1:])]
    return [*m.heading(1, report.title), *m.paragraph(" · ".join(shown), tone="facts")]


def summary(report: Report, m: Markup) -> Lines:
    head = ["Category", "Alignment", *(f"{MARKS[s]} {s.value}" for s in SCORED), "missing"]
    rows = [
        [
            category.title,
            _percent(category.alignment),
            *(str(category.counts.get(status, 0)) for status in SCORED),
            str(category.counts.get(Status.MISSING, 0)),
        ]
        for category in report.categories
        if category.counts
    ]
    return [*m.heading(2, "Summary"), *_plain_table(m, head, rows)]


def conflicts(report: Report, m: Markup) -> Lines:
    out = m.heading(3, "Conflicts")
    if not report.conflicts:
        return [*out, *m.paragraph("No conflicts.")]
    items = [f"{m.link(e.text, e.id)}: {m.escape(_why(e))}" for e in report.conflicts]
    return [*out, *m.list(items, ordered=True)]


def _direction(report: Report, m: Markup, entry: Entry, direction: PairDirection) -> Lines:
    who = (
        f"{m.party(report.party(direction.expecting), direction.expecting)} expects, "
        f"{m.party(report.party(direction.offering), direction.offering)} offers"
    )
    lead = m.paragraph(f"{m.strong(who)} ({m.escape(entry.text)}): {m.escape(direction.reason)}")
    items: list[str | Toned] = []
    for match in direction.matches:
        offer = f" ← {m.escape(match.offer)}" if match.offer else ""
        word = f"{MATCH_MARKS[match.match]} {match.match.value}"
        items.append(Toned(f"{word}: {m.escape(match.expectation)}{offer}", match.match.value))
    items += [f"offered, not asked for: {m.escape(extra)}" for extra in direction.extras]
    return m.list(items, lead=lead)


def _category(report: Report, m: Markup, category: CategoryReport) -> Lines:
    rows = [
        [
            m.anchor(e.text, e.id),
            _answer(m, _answer_or_gap(e, "a")),
            _answer(m, _answer_or_gap(e, "b")),
            m.status(e.status, " (set by moderator)" if e.overridden else ""),
            m.escape(_why(e)),
        ]
        for e in category.entries
    ]
    head = ["Question", m.party(report.party_a, "a"), m.party(report.party_b, "b"), "Status", "Why"]
    out = [*m.heading(2, category.title), *m.table(head, rows)]
    for entry in category.entries:
        for direction in entry.pair:
            out += _direction(report, m, entry, direction)
    return out


def categories(report: Report, m: Markup) -> Lines:
    """Each category that has questions: its table, then each expectation's matching."""
    return [
        line
        for category in report.categories
        if category.entries
        for line in _category(report, m, category)
    ]


def guesses(report: Report, m: Markup) -> Lines:
    if not report.guesses:
        return []
    rows = [
        [
            m.link(e.text, e.id),
            m.party(report.party(g.party), g.party),
            m.escape(g.guess),
            _answer(m, g.actual),
            m.status(g.status),
        ]
        for e in report.guesses
        for g in e.guesses
    ]
    head = ["Question", "Who guessed", "Guess", "Actual answer", "How close"]
    return [*m.heading(2, "Perception gaps"), *m.table(head, rows)]


def actions(report: Report, m: Markup) -> Lines:
    out = m.heading(2, "Action items")
    if not report.actions:
        return [*out, *m.paragraph("None recorded.")]
    rows = [
        [
            m.escape(i.text) + (" (done)" if i.done else ""),
            m.escape(i.owner),
            m.escape(i.due),
            m.escape(i.section),
            m.link(i.question_text, i.question) if i.question else "",
        ]
        for i in report.actions
    ]
    return [*out, *m.table(["Action", "Owner", "Due", "Section", "From question"], rows)]


def notes(report: Report, m: Markup) -> Lines:
    """The notes, then the parking lot, each where it has anything."""
    out: Lines = []
    for title, items in (("Notes", report.notes), ("Parking lot", report.parking)):
        if items:
            shown = [f"{m.escape(i.text)} {m.aside(f'({m.escape(i.section)})')}" for i in items]
            out += m.list(shown, lead=m.heading(2, title))
    return out


def time(report: Report, m: Markup) -> Lines:
    talking = [f"{report.party(party)} talking" for party in ("a", "b")]
    head = ["Section", "Planned", "Budget", "Actual", "Against budget", *talking]
    rows = [
        [
            s.title,
            format_clock(s.planned),
            format_clock(s.budget),
            format_clock(s.actual) if s.visited else "not reached",
            _delta(s.actual, s.budget) if s.visited else "",
            _share(s.airtime, "a"),
            _share(s.airtime, "b"),
        ]
        for s in report.sections
    ]
    # The total is the sum of the rows above, by the one rule of session.times.
    total = [format_clock(report.planned), format_clock(report.budget)]
    total += [format_clock(report.elapsed), _delta(report.elapsed, report.budget)]
    rows.append(["Total", *total, "", ""])
    return [*m.heading(2, "Time"), *_plain_table(m, head, rows)]


def _plan_line(report: Report, m: Markup, line: PlanLine) -> str:
    link = m.link(line.text, line.question)
    if _agreed(line):
        return f"{link} — agreed: {_answer(m, line.a)}"
    a, b = m.party(report.party_a, "a"), m.party(report.party_b, "b")
    return (
        f"{link} — to settle: {a}: {_answer(m, line.a)}; {b}: {_answer(m, line.b)} "
        f"{m.status(line.status, in_text=True)}"
    )


def _plan_heading(report: Report, m: Markup, heading: PlanHeading) -> Lines:
    out = m.heading(3, heading.title)
    if not heading.lines:
        return [*out, *m.paragraph("To agree.")]
    return [*out, *m.list([_plan_line(report, m, line) for line in heading.lines])]


def plan(report: Report, m: Markup) -> Lines:
    out = m.heading(2, "Joint plan (draft)")
    for heading in report.plan:
        out += _plan_heading(report, m, heading)
    return out


SECTIONS: tuple[Section, ...] = (
    header,
    summary,
    conflicts,
    categories,
    guesses,
    actions,
    notes,
    time,
    plan,
)
"""The report from top to bottom; each section returns its lines, none when it has nothing."""


def lay_out(report: Report, markup: Markup) -> str:
    """The whole report in `markup`'s format."""
    body = [line for section in SECTIONS for line in section(report, markup)]
    return markup.document(report.title, body)
