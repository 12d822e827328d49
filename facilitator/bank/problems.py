"""Problems in an input file, shown as `FILE:LINE:COL: message` with the line quoted beneath."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from ..base.errors import FacilitatorError
from ..base.text import clean_text

QUOTE_WIDTH = 80
"""How much of the offending line a problem quotes, around its column."""
PER_LINE = 10
"""Problems listed for one line; the rest are counted in one more entry."""
LISTED = 200
"""Problems listed for a bank; the rest are counted in one last entry."""


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    """1-based."""
    column: int
    """1-based; 0 when the whole line is at fault."""
    message: str
    source: str = ""
    """The offending line as written, quoted under the message."""
    more: int = field(default=0, compare=False)
    """Not 0: this entry stands for that many problems not listed (see `bounded`)."""

    def format(self) -> str:
        where = (
            f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}"
        )
        text = f"{where}: {clean_text(self.message)}"
        if self.source:
            # A window of a long line, so a line with thousands of problems is not quoted in
            # full thousands of times.
            start = max(0, min(self.column - 1 - QUOTE_WIDTH // 2, len(self.source) - QUOTE_WIDTH))
            window = self.source[start : start + QUOTE_WIDTH]
            before = "…" if start else ""
            after = "…" if start + QUOTE_WIDTH < len(self.source) else ""
            # Cleaned character for character, so the caret below still lines up.
            text += f"\n    {before}{clean_text(window).expandtabs(4)}{after}"
            if self.column:
                # The caret goes under the column as shown, where tabs became spaces.
                indent = len(before) + len(window[: self.column - 1 - start].expandtabs(4))
                text += "\n    " + " " * indent + "^"
        return text


class BankError(FacilitatorError):
    """A bank with one or more problems; `str()` lists all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = bounded(problems)
        super().__init__("\n".join(problem.format() for problem in self.problems))


def bounded(problems: Iterable[Problem]) -> list[Problem]:
    """`problems` in order, at most `PER_LINE` a line and `LISTED` in all: each cut is one
    entry saying how many more there are, so the work of showing them stays bounded however
    many a hostile file holds."""
    listed = list(problems)
    if any(problem.more for problem in listed):
        return listed  # bounded already: sorting again would move its counts
    ordered = sorted(listed)
    if len(ordered) <= PER_LINE:
        return ordered
    kept: list[Problem] = []
    for (path, line), group in groupby(ordered, key=lambda problem: (problem.path, problem.line)):
        on_line = list(group)
        kept += on_line[:PER_LINE]
        if len(on_line) > PER_LINE:
            kept.append(_more(path, line, len(on_line) - PER_LINE, " on this line"))
    if len(kept) > LISTED:
        hidden = sum(problem.more or 1 for problem in kept[LISTED:])
        kept[LISTED:] = [_more(kept[LISTED].path, kept[LISTED].line, hidden, "")]
    return kept


def _more(path: str, line: int, count: int, where: str) -> Problem:
    noun = "problem" if count == 1 else "problems"
    return Problem(path, line, 0, f"… and {count:,} more {noun}{where}", more=count)
