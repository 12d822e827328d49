"""The bank's Markdown in a TextArea, with a marker in the gutter of each line that has a problem.

The marker is drawn over the gutter of lines already rendered (and cached) by the TextArea, so
new problems never throw away its rendering cache; only the first row of a wrapped line is marked.

Two costs of Textual 8.2.8's TextArea grow with the whole document and are paid on every
keystroke; a bank of a thousand questions made them longer than a frame, so this subclass keeps
them to what is on screen (both through Textual privates, fenced by
tests/functional/test_textual_privates.py, which names the one that changes on an upgrade):
- after each edit, every syntax highlight of the document is queried again: here only the lines
  around the viewport are (again when scrolling leaves them);
- the height of the wrapped document is summed over every line, once per line drawn: here it is
  the length of the row index Textual keeps anyway.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.segment import Segment
from textual.document._wrapped_document import WrappedDocument
from textual.geometry import Offset
from textual.strip import Strip
from textual.widgets import TextArea

MARKER = "✖"

HIGHLIGHT_MARGIN = 200
"""Lines highlighted above and below the viewport; documents up to twice this are highlighted
whole, as Textual does."""


class _WrappedDocument(WrappedDocument):
    # A class from Textual's private module, and its private row index `_offset_to_line_info`:
    # both fenced in tests/functional/test_textual_privates.py.
    @property
    def height(self) -> int:
        return len(self._offset_to_line_info)


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
        self.problem_lines: frozenset[int] = frozenset()
        """0-based lines with a problem."""
        self._highlighted: tuple[int, int] | None = None
        """The lines whose highlights are known, when not the whole document."""
        super().__init__(
            text,
            language="markdown",
            soft_wrap=True,
            show_line_numbers=True,
            tab_behavior="focus",
            **kwargs,
        )

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
        line, _ = wrapped.offset_to_location(Offset(0, row))
        # Below the text, the row maps to the last line but is not that line's first row.
        if line not in self.problem_lines or wrapped.location_to_offset((line, 0)).y != row:
            return strip
        width = self.gutter_width
        number = str(line + self.line_number_start)
        style = self.rich_style + self.get_component_rich_style("bank-text--problem")
        gutter = Strip([Segment(f"{number:>{width - 2}}{MARKER} ", style)], width)
        return Strip.join([gutter, strip.crop(width)])

    # A Textual private, fenced in tests/functional/test_textual_privates.py.
    def _set_document(self, text: str, language: str | None) -> None:
        super()._set_document(text, language)
        # Same state and methods, a cheaper `height` (see the module docstring); the fence
        # checks both against Textual's WrappedDocument.
        self.wrapped_document.__class__ = _WrappedDocument

    def _viewport_lines(self) -> tuple[int, int]:
        """The first document line on screen, and a line at or below the last one."""
        top = self.scroll_offset.y
        wrapped = self.wrapped_document
        if wrapped.height:
            top = wrapped.offset_to_location(Offset(0, min(top, wrapped.height - 1)))[0]
        return top, top + self.size.height

    def _highlight_window(self) -> tuple[int, int]:
        top, bottom = self._viewport_lines()
        return max(0, top - HIGHLIGHT_MARGIN), bottom + HIGHLIGHT_MARGIN

    def _build_highlight_map(self) -> None:
        """Textual's highlight map, but of the lines around the viewport only (see the module
        docstring). The method and the privates it fills (`_highlight_query`, `_line_cache`,
        `_highlights`) are fenced in tests/functional/test_textual_privates.py."""
        if not self._highlight_query or self.document.line_count <= 2 * HIGHLIGHT_MARGIN:
            self._highlighted = None
            super()._build_highlight_map()
            return
        self._line_cache.clear()
        highlights = self._highlights
        highlights.clear()
        start, end = self._highlighted = self._highlight_window()
        captures = self.document.query_syntax_tree(self._highlight_query, (start, 0), (end, 0))
        for name, nodes in captures.items():
            for node in nodes:
                (first_row, first_column), (last_row, last_column) = (
                    node.start_point,
                    node.end_point,
                )
                if first_row == last_row:
                    highlights[first_row].append((first_column, last_column, name))
                    continue
                highlights[first_row].append((first_column, None, name))
                for row in range(first_row + 1, last_row):
                    highlights[row].append((0, None, name))
                highlights[last_row].append((0, last_column, name))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._highlighted is None:
            return
        start, end = self._highlighted
        top, bottom = self._viewport_lines()
        if (
            start > 0 and top < start + HIGHLIGHT_MARGIN // 2
        ) or bottom > end - HIGHLIGHT_MARGIN // 2:
            self._build_highlight_map()
