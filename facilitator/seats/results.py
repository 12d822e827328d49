"""A party's results as a plain-text file, made on request and never written to disk: its own
answers and guesses, and for every revealed question the other side's and the comparison's
status (from the party's view, so nothing unrevealed is in it)."""

from __future__ import annotations

from collections.abc import Iterable

from .safetext import clean
from .views import ResultRow


def _line(text: str | None, missing: str = "(no answer)") -> str:
    """One answer on one line: the file is read as text, so no control character or line break
    of an answer may start a line of its own."""
    return missing if text is None else " ".join(clean(text).split())


def results_text(title: str, name: str, other: str, rows: Iterable[ResultRow]) -> str:
    name, other = _line(name), _line(other)
    lines = [f"# {_line(title)}: {name}'s results", ""]
    section = None
    for row in rows:
        if row.section != section:
            section = row.section
            lines += ["", f"## {_line(section)}", ""]
        lines.append(f"- {_line(row.question)}")
        lines.append(f"    {name}: {_line(row.answer) if row.asked else 'not asked'}")
        if row.guess is not None:
            lines.append(f"    {name}'s guess of {other}: {_line(row.guess)}")
        outcome = row.outcome
        if outcome is None:
            lines.append("    not revealed")
            continue
        lines.append(f"    {other}: {_line(outcome.other)}")
        if outcome.other_guess is not None:
            lines.append(f"    {other}'s guess of {name}: {_line(outcome.other_guess)}")
        if outcome.status is not None:
            by = " (set by the moderator)" if outcome.set_by_moderator else ""
            lines.append(f"    {outcome.status}{by}: {_line(outcome.reason)}")
            lines += [f"    {_line(line)}" for line in outcome.guesses]
    return "\n".join(lines) + "\n"
