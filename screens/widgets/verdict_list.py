"""A tab's rows of the dashboard in one widget: a line-API list of `VerdictRow`s with a cursor.

A widget per row made Textual lay out, style and measure every row on opening and lay the screen
out again on a commit. This list draws the rows itself: each row's lines are rendered once per
width and kept; a new verdict renders its row again and repaints only its lines (the rows below
move only when its height changes), and only the lines on screen are painted. It looks as the
list of items did: a blank edge on the left that the focused list's selected row fills with the
accent, the selected row on a lighter background, a blank line after each row.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .verdict_row import VerdictRow

EDGE = "█"
"""The selected row's left edge while the list has the focus: a thick border's side."""
GAP = 1
"""Blank lines after each row."""


class VerdictList(ScrollView, can_focus=True):
    """The rows of one tab; up/down move the selection, a click selects a row."""

    DEFAULT_CSS = """
    VerdictList {
        height: 1fr;
        overflow-x: hidden;
        background: $surface;
        color: $foreground;
        &:focus { background-tint: $foreground 5%; }
        & > .verdict-list--selected { background: $boost; color: $foreground; }
        & > .verdict-list--edge { color: $accent; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"verdict-list--selected", "verdict-list--edge"}
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rows: list[VerdictRow] = []
        self._index: int | None = None
        self._width = 0
        """The width the rows' lines were rendered at; 0 before the first layout."""
        self._lines: list[list[Strip]] = []
        self._tops: list[int] = []
        """Each row's first line; rows are laid out when the list knows its width."""
        self._styles: tuple[Style, Style, Style] | None = None
        """The list's own style, the selected row's and its edge's: looked up once per change
        of style (a lookup walks every ancestor), not for every line painted."""

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None

    def extend(self, rows: Sequence[VerdictRow]) -> None:
        for row in rows:
            row.shown = self._redraw
        self.rows.extend(rows)
        if self._width:
            self._lines.extend(self._render_row(row) for row in rows)
            self._layout()
        if self._index is None and self.rows:
            self._index = 0

    @property
    def index(self) -> int | None:
        return self._index

    @index.setter
    def index(self, index: int | None) -> None:
        if index is not None:
            index = max(0, min(index, len(self.rows) - 1)) if self.rows else None
        old, self._index = self._index, index
        if old != index:
            for changed in (old, index):
                self._refresh_row(changed)
            self._scroll_to_index()

    @property
    def selected(self) -> VerdictRow | None:
        return None if self._index is None else self.rows[self._index]

    def action_move(self, step: int) -> None:
        if self.rows:
            self.index = 0 if self._index is None else self._index + step

    def on_click(self, event: events.Click) -> None:
        line = event.y + self.scroll_offset.y
        index = bisect_right(self._tops, line) - 1
        if 0 <= index < len(self.rows) and line < self._tops[index] + len(self._lines[index]):
            self.index = index

    def on_focus(self) -> None:
        self._refresh_row(self._index)

    def on_blur(self) -> None:
        self._refresh_row(self._index)

    def repaint(self) -> None:
        """Render every row again, as after a new theme."""
        self._width = 0
        self.refresh()

    def on_resize(self) -> None:
        self._ensure_width()

    def _row_width(self) -> int:
        # The left edge and one column of space on the right, as the items had.
        return max(1, self.scrollable_content_region.width - 2)

    def _ensure_width(self) -> None:
        width = self._row_width()
        if width != self._width and self.scrollable_content_region.width:
            self._width = width
            self._lines = [self._render_row(row) for row in self.rows]
            self._layout()
            # Laid out while painting: the selected row comes into view once this frame is done.
            self.call_after_refresh(self._scroll_to_index)

    def _render_row(self, row: VerdictRow) -> list[Strip]:
        console = self.app.console
        options = console.options.update(width=self._width, height=None)
        lines = console.render_lines(row.render(), options, pad=True)
        return [Strip(line, self._width) for line in lines]

    def _layout(self) -> None:
        """Each row's first line and the list's height from the rows' heights."""
        top, tops = 0, []
        for lines in self._lines:
            tops.append(top)
            top += len(lines) + GAP
        self._tops = tops
        self.virtual_size = Size(self.scrollable_content_region.width, top)
        self.refresh()

    def _redraw(self, row: VerdictRow) -> None:
        """A row's new verdict: its lines again, and the rows below moved if its height changed."""
        if not self._width:
            return
        index = self.rows.index(row)
        old = self._lines[index]
        self._lines[index] = new = self._render_row(row)
        if len(new) != len(old):
            self._layout()
        else:
            self._refresh_row(index)

    def _refresh_row(self, index: int | None) -> None:
        if index is None or not self._width or index >= len(self._tops):
            return
        top = self._tops[index] - self.scroll_offset.y
        self.refresh(Region(0, top, self.size.width, len(self._lines[index])))

    def _scroll_to_index(self) -> None:
        if self._index is None or not self._width:
            return
        top = self._tops[self._index]
        region = Region(0, top, 1, len(self._lines[self._index]) + GAP)
        self.scroll_to_region(region, animate=False, immediate=True, force=True)

    def render_line(self, y: int) -> Strip:
        self._ensure_width()
        line = y + self.scroll_offset.y
        index = bisect_right(self._tops, line) - 1
        width = self.scrollable_content_region.width
        if self._styles is None:
            self._styles = (
                self.rich_style,
                self.get_component_rich_style("verdict-list--selected"),
                self.get_component_rich_style("verdict-list--edge"),
            )
        base, selected, edge_style = self._styles
        if index < 0 or line >= self._tops[index] + len(self._lines[index]):
            return Strip.blank(width, base)
        strip = self._lines[index][line - self._tops[index]]
        edge, right = Segment(" "), Segment(" ")
        if index == self._index:
            if self.has_focus:
                edge = Segment(EDGE, edge_style + selected.background_style)
            strip = Strip([edge, *strip, right]).apply_style(selected)
            return strip.apply_style(base).adjust_cell_length(width, base)
        return Strip([edge, *strip, right]).apply_style(base).adjust_cell_length(width, base)
