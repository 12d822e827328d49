"""The session report laid out as Markdown, HTML or JSON, and written to a file atomically.

Every piece of text from a user or a bank is escaped for the format: HTML-escaped in HTML;
in Markdown, the characters that would start markup or break a table are backslash-escaped,
so an answer like `| [x](javascript:…) <b>` shows exactly as it was typed.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any

from ..base.atomic import make_private_dir, write_atomic
from ..base.durations import format_clock
from ..base.errors import FacilitatorError
from ..base.locations import exports_dir
from ..base.text import UNSAFE, clean_text
from ..compare.offers import Match
from ..session.status import MARKS, SCORED, Status
from .colours import party_colours
from .model import Entry, PlanLine, Report, airtime_shares

FORMATS = ("md", "html", "json")
JSON_FORMAT = "facilitator-report"
JSON_VERSION = 1

MATCH_MARKS = {Match.MATCHED: "✔", Match.PARTLY: "◐", Match.UNMATCHED: "✖"}

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
"""Characters that start inline markup (emphasis, code, links, HTML, entities) or end a cell."""
_MD_BLOCK = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")
"""A start that would make a heading, quote, list or rule of a line."""
_MD_LINKISH = re.compile(r"((?<=\w)[.@](?=\w)|:(?=//))")
"""What GFM autolinking (and linkify's fuzzy links) need whole: the dots of a domain, the `@` of
an address, the `:` of `://`. A backslash before each splits the text a linkifier sees and
still renders as the character."""


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


def _status_word(entry: Entry) -> str:
    word = f"{MARKS[entry.status]} {entry.status.value}"
    return f"{word} (set by moderator)" if entry.overridden else word


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


def _summary_table(report: Report) -> tuple[list[str], list[list[str]]]:
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
    return head, rows


def _time_table(report: Report) -> tuple[list[str], list[list[str]]]:
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
    rows.append(
        [
            "Total",
            format_clock(report.planned),
            format_clock(report.budget),
            format_clock(report.elapsed),
            _delta(report.elapsed, report.budget),
            "",
            "",
        ]
    )
    return head, rows


def time_used(report: Report) -> str:
    """`41:07 of 45:00 budget (planned 40:00)`: the total against the budget and the plan."""
    used, planned = format_clock(report.elapsed), format_clock(report.planned)
    if report.budget == report.planned:
        return f"{used} of {planned} planned"
    return f"{used} of {format_clock(report.budget)} budget (planned {planned})"


def _header_facts(report: Report) -> list[str]:
    state = "ended" if report.ended is not None else "in progress"
    facts = [
        f"{report.party_a} ⟷ {report.party_b}",
        f"bank: {report.bank}",
        _when(report.created),
        time_used(report),
        state,
    ]
    if report.moderator:
        facts.insert(1, f"moderator: {report.moderator}")
    return facts


def _agreed(line: PlanLine) -> bool:
    """Both sides gave the same answer: the plan can take it as it is."""
    return line.status is Status.ALIGNED and line.a is not None and line.a == line.b


# Markdown ---------------------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """`text` as literal Markdown on one line: markup characters escaped, line breaks as `<br>`
    (which is also what keeps a table row on one line), terminal controls cleaned, and what a
    renderer would turn into a link (a URL, `www.`, a domain, an e-mail) broken up."""
    lines = clean_text(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    return "<br>".join(
        _MD_LINKISH.sub(r"\\\1", _MD_BLOCK.sub(_escape_block, _MD_INLINE.sub(r"\\\1", line)))
        for line in lines
    )


def _escape_block(match: re.Match[str]) -> str:
    indent, mark = match.groups()
    return f"{indent}{mark[:-1]}\\{mark[-1]}"


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _md_answer(value: str | None) -> str:
    return "*no answer yet*" if value is None else md_escape(value)


def _md_question(entry: Entry) -> str:
    return f'<a id="q-{html.escape(entry.id)}"></a>{md_escape(entry.text)}'


def to_markdown(report: Report) -> str:
    a, b = md_escape(report.party_a), md_escape(report.party_b)
    out = [
        f"# {md_escape(report.title)}",
        "",
        " · ".join(md_escape(f) for f in _header_facts(report)),
        "",
    ]
    out += ["## Summary", ""]
    head, rows = _summary_table(report)
    out += _md_table([md_escape(h) for h in head], [[md_escape(c) for c in r] for r in rows])
    out += ["### Conflicts", ""]
    if report.conflicts:
        out += [
            f"{n}. [{md_escape(e.text)}](#q-{e.id}): {md_escape(_why(e))}"
            for n, e in enumerate(report.conflicts, 1)
        ]
    else:
        out.append("No conflicts.")
    out.append("")
    for category in report.categories:
        if not category.entries:
            continue
        out += [f"## {md_escape(category.title)}", ""]
        rows = [
            [
                _md_question(e),
                _md_answer(_answer_or_gap(e, "a")),
                _md_answer(_answer_or_gap(e, "b")),
                md_escape(_status_word(e)),
                md_escape(_why(e)),
            ]
            for e in category.entries
        ]
        out += _md_table(["Question", a, b, "Status", "Why"], rows)
        for entry in category.entries:
            for direction in entry.pair:
                out += [
                    f"**{md_escape(report.party(direction.expecting))} expects, "
                    f"{md_escape(report.party(direction.offering))} offers** "
                    f"({md_escape(entry.text)}): {md_escape(direction.reason)}",
                    "",
                ]
                for match in direction.matches:
                    offer = f" ← {md_escape(match.offer)}" if match.offer else ""
                    out.append(
                        f"- {MATCH_MARKS[match.match]} {match.match.value}: "
                        f"{md_escape(match.expectation)}{offer}"
                    )
                for extra in direction.extras:
                    out.append(f"- offered, not asked for: {md_escape(extra)}")
                out.append("")
    if report.guesses:
        out += ["## Perception gaps", ""]
        rows = [
            [
                f"[{md_escape(e.text)}](#q-{e.id})",
                md_escape(report.party(g.party)),
                md_escape(g.guess),
                _md_answer(g.actual),
                f"{MARKS[g.status]} {g.status.value}",
            ]
            for e in report.guesses
            for g in e.guesses
        ]
        out += _md_table(["Question", "Who guessed", "Guess", "Actual answer", "How close"], rows)
    out += ["## Action items", ""]
    if report.actions:
        rows = [
            [
                md_escape(i.text) + (" (done)" if i.done else ""),
                md_escape(i.owner),
                md_escape(i.due),
                md_escape(i.section),
                f"[{md_escape(i.question_text)}](#q-{i.question})" if i.question else "",
            ]
            for i in report.actions
        ]
        out += _md_table(["Action", "Owner", "Due", "Section", "From question"], rows)
    else:
        out += ["None recorded.", ""]
    for title, items in (("Notes", report.notes), ("Parking lot", report.parking)):
        if items:
            out += [f"## {title}", ""]
            out += [f"- {md_escape(i.text)} ({md_escape(i.section)})" for i in items]
            out.append("")
    out += ["## Time", ""]
    head, rows = _time_table(report)
    out += _md_table([md_escape(h) for h in head], [[md_escape(c) for c in r] for r in rows])
    out += ["## Joint plan (draft)", ""]
    for heading in report.plan:
        out += [f"### {heading.title}", ""]
        if not heading.lines:
            out += ["To agree.", ""]
            continue
        for line in heading.lines:
            link = f"[{md_escape(line.text)}](#q-{line.question})"
            if _agreed(line):
                out.append(f"- {link} — agreed: {_md_answer(line.a)}")
                continue
            out.append(
                f"- {link} — to settle: {a}: {_md_answer(line.a)}; {b}: {_md_answer(line.b)} "
                f"({MARKS[line.status]} {line.status.value})"
            )
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# HTML -------------------------------------------------------------------------------------------

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; color: #111; margin: 2em auto; max-width: 72em;
       padding: 0 1em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: .35em .5em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
.facts { color: #444; }
.status { white-space: nowrap; font-weight: 600; }
.aligned, .complementary { color: #0a6b2d; }
.different { color: #8a5a00; }
.conflict { color: #b00020; }
.missing, .unscored, .muted { color: #666; }
.matched { color: #0a6b2d; } .partly { color: #8a5a00; } .unmatched { color: #b00020; }
""" + "".join(
    f".party-{party} {{ color: {colour}; font-weight: 600; }}\n"
    for party, colour in party_colours(dark=False).items()
)
"""Printed or read on white: each party in its colour for a light background, as on screen."""


def _h(text: str) -> str:
    return html.escape(clean_text(text), quote=True).replace("\n", "<br>")


def _html_party(report: Report, party: str) -> str:
    """The party's name in its colour (a class per party)."""
    return f'<span class="party-{party}">{_h(report.party(party))}</span>'


def _html_answer(value: str | None) -> str:
    return '<span class="muted">no answer yet</span>' if value is None else _h(value)


def _html_status(status: Status, suffix: str = "") -> str:
    return f'<span class="status {status.value}">{MARKS[status]} {status.value}{_h(suffix)}</span>'


def _html_table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["<table>", "<tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>"]
    out += ["<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows]
    return [*out, "</table>"]


def to_html(report: Report) -> str:
    a, b = _html_party(report, "a"), _html_party(report, "b")
    # The first fact is the two parties: each in its colour.
    facts = [f"{a} ⟷ {b}", *(_h(fact) for fact in _header_facts(report)[1:])]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        f"<title>{_h(report.title)}</title>",
        f"<style>{_STYLE}</style></head>",
        "<body>",
        f"<h1>{_h(report.title)}</h1>",
        f'<p class="facts">{" · ".join(facts)}</p>',
        "<h2>Summary</h2>",
    ]
    head, rows = _summary_table(report)
    out += _html_table([_h(h) for h in head], [[_h(c) for c in r] for r in rows])
    out.append("<h3>Conflicts</h3>")
    if report.conflicts:
        out.append("<ol>")
        out += [
            f'<li><a href="#q-{_h(e.id)}">{_h(e.text)}</a>: {_h(_why(e))}</li>'
            for e in report.conflicts
        ]
        out.append("</ol>")
    else:
        out.append("<p>No conflicts.</p>")
    for category in report.categories:
        if not category.entries:
            continue
        out.append(f"<h2>{_h(category.title)}</h2>")
        rows = [
            [
                f'<span id="q-{_h(e.id)}">{_h(e.text)}</span>',
                _html_answer(_answer_or_gap(e, "a")),
                _html_answer(_answer_or_gap(e, "b")),
                _html_status(e.status, " (set by moderator)" if e.overridden else ""),
                _h(_why(e)),
            ]
            for e in category.entries
        ]
        out += _html_table(["Question", a, b, "Status", "Why"], rows)
        for entry in category.entries:
            for direction in entry.pair:
                out.append(
                    f"<p><strong>{_html_party(report, direction.expecting)} expects, "
                    f"{_html_party(report, direction.offering)} offers</strong> "
                    f"({_h(entry.text)}): {_h(direction.reason)}</p><ul>"
                )
                for match in direction.matches:
                    offer = f" ← {_h(match.offer)}" if match.offer else ""
                    out.append(
                        f'<li class="{match.match.value}">{MATCH_MARKS[match.match]} '
                        f"{match.match.value}: {_h(match.expectation)}{offer}</li>"
                    )
                out += [
                    f"<li>offered, not asked for: {_h(extra)}</li>" for extra in direction.extras
                ]
                out.append("</ul>")
    if report.guesses:
        out.append("<h2>Perception gaps</h2>")
        out += _html_table(
            ["Question", "Who guessed", "Guess", "Actual answer", "How close"],
            [
                [
                    f'<a href="#q-{_h(e.id)}">{_h(e.text)}</a>',
                    _html_party(report, g.party),
                    _h(g.guess),
                    _html_answer(g.actual),
                    _html_status(g.status),
                ]
                for e in report.guesses
                for g in e.guesses
            ],
        )
    out.append("<h2>Action items</h2>")
    if report.actions:
        out += _html_table(
            ["Action", "Owner", "Due", "Section", "From question"],
            [
                [
                    _h(i.text) + (" (done)" if i.done else ""),
                    _h(i.owner),
                    _h(i.due),
                    _h(i.section),
                    f'<a href="#q-{_h(i.question)}">{_h(i.question_text)}</a>'
                    if i.question
                    else "",
                ]
                for i in report.actions
            ],
        )
    else:
        out.append("<p>None recorded.</p>")
    for title, items in (("Notes", report.notes), ("Parking lot", report.parking)):
        if items:
            out.append(f"<h2>{title}</h2><ul>")
            out += [
                f'<li>{_h(i.text)} <span class="muted">({_h(i.section)})</span></li>' for i in items
            ]
            out.append("</ul>")
    out.append("<h2>Time</h2>")
    head, rows = _time_table(report)
    out += _html_table([_h(h) for h in head], [[_h(c) for c in r] for r in rows])
    out.append("<h2>Joint plan (draft)</h2>")
    for heading in report.plan:
        out.append(f"<h3>{_h(heading.title)}</h3>")
        if not heading.lines:
            out.append("<p>To agree.</p>")
            continue
        out.append("<ul>")
        for line in heading.lines:
            link = f'<a href="#q-{_h(line.question)}">{_h(line.text)}</a>'
            if _agreed(line):
                out.append(f"<li>{link} — agreed: {_html_answer(line.a)}</li>")
                continue
            out.append(
                f"<li>{link} — to settle: {a}: {_html_answer(line.a)}; {b}: "
                f"{_html_answer(line.b)} {_html_status(line.status)}</li>"
            )
        out.append("</ul>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


# JSON -------------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(_plain(key)): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def to_json(report: Report) -> str:
    document = {"format": JSON_FORMAT, "version": JSON_VERSION, **_plain(report)}
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    # Text stays as typed; the controls json.dumps leaves raw (C1, bidi) are escaped too, so the
    # file can be shown in a terminal. They can only occur inside strings, where \\u is valid.
    return UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


RENDERERS: Mapping[str, Callable[[Report], str]] = {
    "md": to_markdown,
    "html": to_html,
    "json": to_json,
}


def render(report: Report, format: str) -> str:
    if format not in RENDERERS:
        raise ValueError(
            f"unknown export format '{format}' (expected one of: {', '.join(FORMATS)})"
        )
    return RENDERERS[format](report)


class ExportError(FacilitatorError):
    """The report cannot be written where it was asked for."""


def write_export(text: str, path: Path) -> Path:
    """Write an export atomically (a reader never sees half a report)."""
    if not path.parent.is_dir():
        raise ExportError(f"{path}: the folder {path.parent} does not exist")
    write_atomic(path, text.encode("utf-8"))
    return path


def export_report(report: Report, session: Path, sessions_dir: Path, format: str) -> Path:
    """Write `report` of `session` into the sessions folder's exports; the file written."""
    text = render(report, format)
    return write_export(text, default_export_path(session, sessions_dir, format))


def default_export_path(session: Path, sessions_dir: Path, format: str) -> Path:
    """`<sessions>/exports/<session name>.<format>`: never beside the session, where a JSON
    report would be taken for a session file."""
    folder = exports_dir(sessions_dir)
    make_private_dir(folder)
    return folder / f"{session.stem}.{format}"
