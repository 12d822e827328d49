"""The bank's problems under the editor, each with its line and column; selecting one goes there."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.content import Content
from textual.widgets import OptionList

from facilitator.bank import Problem
from facilitator.base import plural

from ..messages import GoToLine


def problem_text(problem: Problem) -> Text:
    """`12:42  unknown kind 'sclae' …`: where first, so a column of line numbers lines up."""
    where = f"{problem.line}:{problem.column}" if problem.column else str(problem.line)
    text = Text(f"{where:>8}  ", style="bold")
    text.append(problem.message)
    return text


class ProblemList(OptionList):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.problems: tuple[Problem, ...] = ()

    def show(self, problems: tuple[Problem, ...]) -> None:
        if problems == self.problems:
            return
        self.problems = problems
        count = len(problems)
        self.border_title = Content(
            f"{plural(count, 'problem')} · F8 next" if count else "No problems"
        )
        self.set_options(problem_text(problem) for problem in problems)
        self.display = bool(problems)

    def select_problem(self, problem: Problem) -> None:
        if problem in self.problems:
            self.highlighted = self.problems.index(problem)

    @on(OptionList.OptionSelected)
    def go_to_problem(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        problem = self.problems[event.option_index]
        self.post_message(GoToLine(problem.line - 1, max(0, problem.column - 1)))
