"""What one row of the dashboard says: a question's two answers side by side with the comparison's
status and reason, the expectation/offer matching, the guesses and the moderator's override; and
the column titles above the rows, laid out as the rows are.

A `VerdictRow` is plain data (a verdict, the party labels and the palette's paint), not a widget:
a `VerdictList` draws many of them in one widget. A hidden question shows who is ready, never an
answer, a status or a reason. Every text from a user or a bank goes into a rich `Text`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from facilitator.bank import Kind, describe
from facilitator.compare import Match, PairResult, PerceptionGap, Verdict
from facilitator.session import MARKS, Status

from .answer_text import answer_text
from .dashboard_paint import Painted

WIDE = 96
"""From this row width the question gets a column of its own; below it, a line above the answers."""
STATUS_WIDTH = 17
"""The status column: room for "◆ complementary ✎"."""
HIDDEN_MARK = "◌"
OVERRIDE_MARK = "✎"
MATCH_MARKS = {
    Match.MATCHED: "✔ matched  ",
    Match.PARTLY: "◐ partly   ",
    Match.UNMATCHED: "✖ unmatched",
}
MATCH_STATUS = {
    Match.MATCHED: Status.ALIGNED,
    Match.PARTLY: Status.DIFFERENT,
    Match.UNMATCHED: Status.CONFLICT,
}


@lru_cache(maxsize=64)
def column_widths(width: int, wide: bool) -> tuple[int, ...]:
    """The text width of each column at a row width, as a rich grid (question 5 : A 4 : status :
    B 4, one space between) lays them out. The widths depend on the ratios alone, not on the
    cells, so rich's own arithmetic runs once on an empty grid instead of measuring every cell of
    every row: measuring is most of what a grid of a row costs."""
    grid = Table.grid(expand=True, padding=(0, 1))
    if wide:
        grid.add_column(ratio=5)
    grid.add_column(ratio=4)
    grid.add_column(width=STATUS_WIDTH)
    grid.add_column(ratio=4)
    console = Console(width=max(width, 1))
    # Rich's method (private, but the arithmetic it owns); the gaps are the padding it counts.
    spans = grid._calculate_column_widths(console, console.options.update_width(width))
    return tuple(span - (index < len(spans) - 1) for index, span in enumerate(spans))


class _Columns:
    """A row laid out by the width it gets: question | A | status | B when wide, else the
    question on a line above A | status | B; then detail lines, indented."""

    def __init__(
        self,
        question: Text,
        cells: tuple[Text, Text, Text],
        details: Iterable[Text] = (),
        *,
        stacked_question: bool = True,
    ) -> None:
        self.question = question
        self.cells = cells
        self.details = tuple(details)
        self.stacked_question = stacked_question
        """Whether the question keeps its own line when narrow (column titles do without)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        wide = options.max_width >= WIDE
        if not wide and self.stacked_question:
            yield self.question
        cells = ((self.question,) if wide else ()) + self.cells
        widths = column_widths(options.max_width, wide)
        shown = [
            console.render_lines(
                cell, options.update(width=width, height=None, justify="left", overflow="ellipsis")
            )
            for cell, width in zip(cells, widths, strict=True)
        ]
        gap = Segment(" ")
        for index in range(max(map(len, shown))):
            for column, (lines, width) in enumerate(zip(shown, widths, strict=True)):
                if column:
                    yield gap
                yield from lines[index] if index < len(lines) else (Segment(" " * width),)
            yield Segment.line()
        for detail in self.details:
            yield Padding(detail, (0, 0, 0, 2))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


def _quoted(text: str) -> str:
    return f"“{text}”"


class VerdictRow:
    """One question of the comparison as a row of its tab's list; `show` takes a new verdict,
    and the list redraws this row and nothing else."""

    def __init__(
        self, verdict: Verdict, labels: Mapping[str, str], paint: Callable[[str], Style]
    ) -> None:
        self.verdict = verdict
        self.labels = labels
        self.paint = paint
        self.shown: Callable[[VerdictRow], None] | None = None
        """Told when the row shows a new verdict: the list that draws it."""

    def show(self, verdict: Verdict) -> None:
        self.verdict = verdict
        if self.shown is not None:
            self.shown(self)

    def render(self) -> _Columns:
        verdict = self.verdict
        cells = (self._answer(verdict, "a"), self._status(verdict), self._answer(verdict, "b"))
        return _Columns(Text(verdict.question.text, self.paint("heading")), cells, self._details())

    def _answer(self, verdict: Verdict, party: str) -> Text:
        if not verdict.question.asks(party):
            return Text("not asked", self.paint("muted"))
        answer = verdict.answer_a if party == "a" else verdict.answer_b
        if answer is None:
            return Text("—", self.paint("muted"))
        if verdict.masked:
            return Text("ready ✓", self.paint("hidden"))
        return answer_text(verdict.question, answer.value)

    def _status(self, verdict: Verdict) -> Text:
        if verdict.masked:
            return Text(f"{HIDDEN_MARK} hidden", self.paint("hidden"))
        status = verdict.status
        text = Text(f"{MARKS[status]} {status.value}", self.paint(status.value))
        if verdict.override is not None:
            text.append(f" {OVERRIDE_MARK}", self.paint("heading"))
        return text

    def _details(self) -> list[Text]:
        verdict = self.verdict
        muted = self.paint("muted")
        if verdict.masked:
            return [Text("hidden until the question is revealed", self.paint("hidden"))]
        override = verdict.override
        reason = verdict.reason
        if override is not None and override.status is not None:
            reason = f"computed {verdict.computed.value}: {reason}"
        details = [Text(reason, muted)]
        if verdict.status is Status.UNSCORED and not any(verdict.answered) and override is None:
            # Nobody has answered yet: the dashes say so, without a line of its own.
            details = []
        if override is not None:
            line = Text(f"{OVERRIDE_MARK} moderator", self.paint("heading"))
            if override.status is not None:
                line.append(": set ")
                line.append(override.status.value, self.paint(override.status.value))
            if override.comment:
                line.append(": " if override.status is None else " · ")
                line.append(_quoted(override.comment))
            details.append(line)
        if verdict.pair is not None:
            details.extend(self._pair(verdict.pair))
        details.extend(self._guess(gap) for gap in verdict.perception)
        return details

    def _pair(self, pair: PairResult) -> list[Text]:
        lines = []
        for direction in pair.directions:
            wants, gives = direction.expecting, direction.offering
            head = Text.assemble(
                (self.labels[wants], self.paint(f"party-{wants}")),
                (" expects → ", self.paint("heading")),
                (self.labels[gives], self.paint(f"party-{gives}")),
                (" offers", self.paint("heading")),
            )
            head.append(f"  {direction.coverage:.0%} met", self.paint(direction.status.value))
            lines.append(head)
            for match in direction.matches:
                line = Text("  ")
                line.append(MATCH_MARKS[match.match], self.paint(MATCH_STATUS[match.match].value))
                line.append("  ")
                line.append(match.expectation)
                if match.offer is not None and match.offer != match.expectation:
                    line.append("  ← ", self.paint("muted"))
                    line.append(_quoted(match.offer), self.paint("muted"))
                lines.append(line)
            if direction.extras:
                extras = Text("  also offered: ", self.paint("muted"))
                extras.append("; ".join(direction.extras), self.paint("muted"))
                lines.append(extras)
        return lines

    def _guess(self, gap: PerceptionGap) -> Text:
        line = Text("guess ", self.paint("muted"))
        line.append(f"{MARKS[gap.status]} ", self.paint(gap.status.value))
        line.append(gap.reason)
        if self.verdict.question.kind not in (Kind.SCALE, Kind.NUMBER):
            # Number reasons already say what was guessed; other kinds show the guess itself.
            line.append(f" (guessed {_quoted(describe(self.verdict.question, gap.guess.value))})",
                        self.paint("muted"))  # fmt: skip
        return line


class ColumnHeads(Painted):
    """The column titles above a tab's rows, laid out as the rows are."""

    DEFAULT_CSS = "ColumnHeads { height: auto; }"

    def __init__(self, labels: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.labels = labels

    def render(self) -> _Columns:
        muted = self.paint("muted") + Style(bold=True)
        cells = (
            Text(self.labels["a"], self.paint("party-a")),
            Text("status", muted),
            Text(self.labels["b"], self.paint("party-b")),
        )
        return _Columns(Text("Question", muted), cells, stacked_question=False)
