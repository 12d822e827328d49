"""The outline beside the editor: sections with their time budgets, questions with their kind and
compare category. Each row remembers the line it starts on; selecting one goes there.

Rows are rebuilt only when what they show changes: typing inside help text or moving lines only
updates the line numbers behind the rows, so a 1,000-question bank stays cheap to keep in sync.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.content import Content
from textual.widgets import OptionList

from facilitator.bank import Ask, Bank, Compare, Kind, Place, Question, Section
from facilitator.base import format_duration, plural

from ..messages import GoToLine


@dataclass(frozen=True)
class _Row:
    """What one row shows: a section (with its budget) or a question (with its kind...)."""

    title: str
    budget: int | None = None
    kind: Kind | None = None
    compare: Compare | None = None
    ask: Ask = Ask.BOTH
    predict: bool = False

    @classmethod
    def of_section(cls, section: Section) -> _Row:
        return cls(section.title, budget=section.budget)

    @classmethod
    def of_question(cls, question: Question) -> _Row:
        return cls(question.text, kind=question.kind, compare=question.compare, ask=question.ask,
                   predict=question.predict)  # fmt: skip

    def prompt(self) -> Text:
        if self.budget is not None:
            prompt = Text(self.title or "(untitled section)", style="bold")
            budget = format_duration(self.budget) if self.budget else "no time yet"
            prompt.append(f"  {budget}", "bold italic")
            return prompt
        prompt = Text("  ")
        prompt.append(self.title or "(untitled question)")
        details = f"\n  {self.kind} · {self.compare}"
        if self.ask is not Ask.BOTH:
            details += f" · {self.ask.value.upper()} only"
        if self.predict:
            details += " · predict"
        prompt.append(details, "dim italic")
        return prompt


def summary(bank: Bank) -> str:
    """`3 sections · 8 questions · 45m`, and the intended duration when it differs."""
    questions = bank.question_count
    text = (
        f"{plural(len(bank.sections), 'section')} · "
        f"{plural(questions, 'question')} · {format_duration(bank.total)}"
    )
    if bank.duration is not None and bank.duration != bank.total:
        text += f" (planned {format_duration(bank.duration)})"
    return text


class Outline(OptionList):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rows: list[_Row] = []
        self.lines: list[int] = []
        """The 0-based line each row starts on."""
        self.index_of: dict[Place, int] = {}
        self.sections: dict[int, tuple[Section, list[_Row]]] = {}
        """Rows of each section object seen last time: the parser hands back the very same
        object for a section that did not change, so its rows need not be built again."""

    def _section_rows(self, section: Section) -> list[_Row]:
        known = self.sections.get(id(section))
        if known is not None and known[0] is section:
            return known[1]
        rows = [_Row.of_section(section), *map(_Row.of_question, section.questions)]
        return rows

    def show(self, bank: Bank) -> None:
        rows: list[_Row] = []
        lines: list[int] = []
        index_of: dict[Place, int] = {}
        sections: dict[int, tuple[Section, list[_Row]]] = {}
        for s, section in enumerate(bank.sections):
            section_rows = self._section_rows(section)
            sections[id(section)] = (section, section_rows)
            index_of[Place(s)] = len(rows)
            lines.append(section.line)
            for q, question in enumerate(section.questions):
                index_of[Place(s, q)] = len(rows) + 1 + q
                lines.append(question.line)
            rows.extend(section_rows)
        self.lines, self.index_of, self.sections = lines, index_of, sections
        self.border_title = Content(f"Outline · {summary(bank)}")
        if rows == self.rows:
            return
        if len(rows) == len(self.rows):
            for index, (old, new) in enumerate(zip(self.rows, rows, strict=True)):
                if old != new:
                    self.replace_option_prompt_at_index(index, new.prompt())
        else:
            highlighted = self.highlighted
            self.set_options(row.prompt() for row in rows)
            if highlighted is not None and rows:
                self.highlighted = min(highlighted, len(rows) - 1)
        self.rows = rows

    def follow(self, place: Place) -> None:
        """Highlight the row of `place` (the cursor's), without taking the focus."""
        index = self.index_of.get(place)
        if index is not None and index != self.highlighted:
            self.highlighted = index

    @on(OptionList.OptionSelected)
    def go_to_row(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.lines):
            self.post_message(GoToLine(self.lines[event.option_index]))
