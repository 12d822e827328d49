"""Problems in an input file, shown as `FILE:LINE:COL: message` with the line quoted beneath."""

from __future__ import annotations

from dataclasses import dataclass

from ..base.errors import FacilitatorError
from ..base.text import clean_text


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

    def format(self) -> str:
        where = (
            f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}"
        )
        text = f"{where}: {clean_text(self.message)}"
        if self.source:
            # Cleaned character for character, so the caret below still lines up.
            shown = clean_text(self.source).expandtabs(4)
            text += f"\n    {shown}"
            if self.column:
                # The caret goes under the column as shown, where tabs became spaces.
                indent = len(self.source[: self.column - 1].expandtabs(4))
                text += "\n    " + " " * indent + "^"
        return text


class BankError(FacilitatorError):
    """A bank with one or more problems; `str()` lists all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(problem.format() for problem in self.problems))
