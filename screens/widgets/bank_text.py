"""The bank's Markdown in a TextArea, with a marker in the gutter of each line that has a problem.

The marker is drawn over the gutter of lines already rendered (and cached) by the TextArea, so
new problems never throw away its rendering cache; only the first row of a wrapped line is marked.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.segment import Segment
from textual.geometry import Offset
from textual.strip import Strip
from textual.widgets import TextArea

MARKER = "✖"


class BankTextArea(TextArea):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"bank-text--problem"}
    DEFAULT_CSS = """
    BankTextArea {
        & > .bank-text--problem {
            color: $text-error;
            background: $error-muted;
            text-style: bold;
        }
    }
    """

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(
            text,
            language="markdown",
            soft_wrap=True,
            show_line_numbers=True,
            tab_behavior="focus",
            **kwargs,
        )
        self.problem_lines: frozenset[int] = frozenset()
        """0-based lines with a problem."""

    def mark(self, lines: frozenset[int]) -> None:
        """Mark these 0-based lines (and only these)."""
        if lines != self.problem_lines:
            self.problem_lines = lines
            self.refresh()

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if not self.problem_lines or not self.show_line_numbers:
            return strip
        wrapped = self.wrapped_document
        row = self.scroll_offset.y + y
        if row >= wrapped.height:
            return strip
        line, _ = wrapped.offset_to_location(Offset(0, row))
        if line not in self.problem_lines or wrapped.location_to_offset((line, 0)).y != row:
            return strip
        width = self.gutter_width
        number = str(line + self.line_number_start)
        style = self.rich_style + self.get_component_rich_style("bank-text--problem")
        gutter = Strip([Segment(f"{number:>{width - 2}}{MARKER} ", style)], width)
        return Strip.join([gutter, strip.crop(width)])
