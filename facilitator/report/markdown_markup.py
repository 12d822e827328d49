"""The report in Markdown: the markup `layout` walks with, and the escaping of text for it.

In Markdown, the characters that would start markup or break a table are backslash-escaped, so
an answer like `| [x](javascript:…) <b>` shows exactly as it was typed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from ..base.text import clean_text
from ..session.status import MARKS, Status
from .layout import Lines, Toned, lay_out
from .model import Report

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
"""Characters that start inline markup (emphasis, code, links, HTML, entities) or end a cell."""
_MD_BLOCK = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")
"""A start that would make a heading, quote, list or rule of a line."""
_MD_LINKISH = re.compile(r"((?<=\w)[.@](?=\w)|:(?=//))")
"""What GFM autolinking (and linkify's fuzzy links) need whole: the dots of a domain, the `@` of
an address, the `:` of `://`. A backslash before each splits the text a linkifier sees and
still renders as the character."""


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


class MarkdownMarkup:
    """Each block is followed by a blank line; tones and asides are plain text in Markdown."""

    def escape(self, text: str) -> str:
        return md_escape(text)

    def heading(self, level: int, text: str) -> Lines:
        return [f"{'#' * level} {md_escape(text)}", ""]

    def paragraph(self, body: str, tone: str = "") -> Lines:
        return [body, ""]

    def table(self, head: Sequence[str], rows: Sequence[Sequence[str]]) -> Lines:
        lines = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
        # An empty cell would leave `||`, which some renderers read as one cell.
        lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
        return [*lines, ""]

    def list(
        self, items: Sequence[str | Toned], *, ordered: bool = False, lead: Lines | None = None
    ) -> Lines:
        texts = [item.text if isinstance(item, Toned) else item for item in items]
        shown = [f"{f'{n}.' if ordered else '-'} {text}" for n, text in enumerate(texts, 1)]
        return [*(lead or []), *shown, ""]

    def link(self, text: str, question: str) -> str:
        return f"[{md_escape(text)}](#q-{question})"

    def anchor(self, text: str, question: str) -> str:
        return f'<a id="q-{html.escape(question)}"></a>{md_escape(text)}'

    def party(self, name: str, party: str) -> str:
        return md_escape(name)

    def parties(self, name_a: str, name_b: str) -> str:
        # Escaped as one line: B's name does not start a line, so it is not block-escaped.
        return md_escape(f"{name_a} ⟷ {name_b}")

    def status(self, status: Status, suffix: str = "", *, in_text: bool = False) -> str:
        word = md_escape(f"{MARKS[status]} {status.value}{suffix}")
        return f"({word})" if in_text else word

    def strong(self, body: str) -> str:
        return f"**{body}**"

    def placeholder(self, text: str) -> str:
        return f"*{md_escape(text)}*"

    def aside(self, text: str) -> str:
        return text

    def document(self, title: str, body: Lines) -> str:
        return "\n".join(body).rstrip("\n") + "\n"


def to_markdown(report: Report) -> str:
    return lay_out(report, MarkdownMarkup())
