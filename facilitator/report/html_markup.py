"""The report as one self-contained HTML page: the markup `layout` walks with.

Every piece of text from a user or a bank is HTML-escaped (and cleaned of terminal controls);
each party's name is in its colour for a white page, each status in a class of its own.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..base.text import clean_text
from ..session.status import MARKS, Status
from .colours import party_colours
from .layout import Lines, Toned, lay_out
from .model import Report

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


def html_escape(text: str) -> str:
    """`text` as literal HTML: escaped (quotes too, so it is safe in an attribute), terminal
    controls cleaned, line breaks as `<br>`."""
    return html.escape(clean_text(text), quote=True).replace("\n", "<br>")


def _class(tone: str) -> str:
    return f' class="{html_escape(tone)}"' if tone else ""


class HtmlMarkup:
    """Blocks are elements, one line each; a list's lead shares its first line."""

    def escape(self, text: str) -> str:
        return html_escape(text)

    def heading(self, level: int, text: str) -> Lines:
        return [f"<h{level}>{html_escape(text)}</h{level}>"]

    def paragraph(self, body: str, tone: str = "") -> Lines:
        return [f"<p{_class(tone)}>{body}</p>"]

    def table(self, head: Sequence[str], rows: Sequence[Sequence[str]]) -> Lines:
        out = ["<table>", "<tr>" + "".join(f"<th>{cell}</th>" for cell in head) + "</tr>"]
        out += ["<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows]
        return [*out, "</table>"]

    def list(
        self, items: Sequence[str | Toned], *, ordered: bool = False, lead: Lines | None = None
    ) -> Lines:
        tag = "ol" if ordered else "ul"
        shown = [
            f"<li{_class(item.tone)}>{item.text}</li>"
            if isinstance(item, Toned)
            else f"<li>{item}</li>"
            for item in items
        ]
        opening = [*lead[:-1], f"{lead[-1]}<{tag}>"] if lead else [f"<{tag}>"]
        return [*opening, *shown, f"</{tag}>"]

    def link(self, text: str, question: str) -> str:
        return f'<a href="#q-{html_escape(question)}">{html_escape(text)}</a>'

    def anchor(self, text: str, question: str) -> str:
        return f'<span id="q-{html_escape(question)}">{html_escape(text)}</span>'

    def party(self, name: str, party: str) -> str:
        """The party's name in its colour (a class per party)."""
        return f'<span class="party-{html_escape(party)}">{html_escape(name)}</span>'

    def parties(self, name_a: str, name_b: str) -> str:
        return f"{self.party(name_a, 'a')} ⟷ {self.party(name_b, 'b')}"

    def status(self, status: Status, suffix: str = "", *, in_text: bool = False) -> str:
        # The styled span sets itself apart in running text as in a cell.
        word = f"{MARKS[status]} {status.value}{html_escape(suffix)}"
        return f'<span class="status {status.value}">{word}</span>'

    def strong(self, body: str) -> str:
        return f"<strong>{body}</strong>"

    def placeholder(self, text: str) -> str:
        return self.aside(html_escape(text))

    def aside(self, text: str) -> str:
        return f'<span class="muted">{text}</span>'

    def document(self, title: str, body: Lines) -> str:
        head = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            '<head><meta charset="utf-8">',
            f"<title>{html_escape(title)}</title>",
            f"<style>{_STYLE}</style></head>",
            "<body>",
        ]
        return "\n".join([*head, *body, "</body>", "</html>"]) + "\n"


def to_html(report: Report) -> str:
    return lay_out(report, HtmlMarkup())
