"""A tab's rows of the dashboard in one widget: a line-API list of `VerdictRow`s with a cursor.

A widget per row made Textual lay out, style and measure every row on opening and lay the screen
out again on a commit. This list draws the rows itself: each row's lines are rendered once per
width and kept; a new verdict renders its row again and repaints only its lines (the rows below
move only when its height changes), and only the lines on screen are painted. On opening, only
the rows on screen are rendered before the first frame; the others take a guessed height and are
rendered a few milliseconds at a time after it (the view stays put as the guesses come true),
so that a long tab never holds the screen for the time of all its rows. It looks as the
list of items did: a blank edge on the left that the focused list's selected row fills with the
accent, the selected row on a lighter background, the row under the mouse highlighted, a blank
line after each row.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from facilitator.compare import Verdict

from .verdict_row import VerdictRow

EDGE = "█"
"""The selected row's left edge while the list has the focus: a thick border's side."""
GAP = 1
"""Blank lines after each row."""
GUESS = 2
"""The height a row not rendered yet is taken to have: the answers' line and the reason's."""
BUDGET = 0.005
"""Seconds of rendering rows off screen at a time, between frames and keys."""


WIDTHS_KEPT = 2
"""Widths whose lines `KeptLines` keeps: the split view's and the full view's."""


class KeptLines:
    """Each row's lines as rendered, kept from one dashboard over a comparison to the next (the
    full view opened again, the split view shown again): a row whose verdict (the same object),
    width, theme and party names are unchanged is not rendered again, neither before the first
    frame nor after it. Rendering the rows on screen was most of what an opening costs in our
    code, and the rows off screen most of what it allocates."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, int], tuple[Verdict, tuple[object, ...], list[Strip]]] = {}

    def get(self, row: VerdictRow, width: int, look: tuple[object, ...]) -> list[Strip] | None:
        kept = self._kept.get((row.verdict.question.id, width))
        if kept is None or kept[0] is not row.verdict or kept[1] != look:
            return None
        return kept[2]

    def put(
        self, row: VerdictRow, width: int, look: tuple[object, ...], lines: list[Strip]
    ) -> None:
        key = (row.verdict.question.id, width)
        if key not in self._kept and len({w for _, w in self._kept} | {width}) > WIDTHS_KEPT:
            # A new width (the terminal resized): lines at the old ones are not shown again.
            self._kept.clear()
        self._kept[key] = (row.verdict, look, lines)


class VerdictList(ScrollView, can_focus=True):
    """The rows of one tab; up/down move the selection, a click selects a row."""

    class Rendered(Message):
        """Every row's lines are rendered (posted each time the rows off screen are done)."""

    DEFAULT_CSS = """
    VerdictList {
        height: 1fr;
        overflow-x: hidden;
        background: $surface;
        color: $foreground;
        &:focus { background-tint: $foreground 5%; }
        & > .verdict-list--selected { background: $boost; color: $foreground; }
        & > .verdict-list--edge { color: $accent; }
        & > .verdict-list--hover { background: $block-hover-background; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "verdict-list--selected",
        "verdict-list--edge",
        "verdict-list--hover",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
    ]

    def __init__(self, kept: KeptLines | None = None, **kwargs: Any) -> None:
        """`kept`: rows' lines kept from an earlier list over the same comparison."""
        super().__init__(**kwargs)
        self.kept = kept or KeptLines()
        self.rows: list[VerdictRow] = []
        self._index: int | None = None
        self._hover: int | None = None
        """The row under the mouse, if any."""
        self._width = 0
        """The width the rows' lines were rendered at; 0 before the first layout."""
        self._lines: list[list[Strip] | None] = []
        """Each row's lines at that width; None until rendered."""
        self._heights: list[int] = []
        self._tops: list[int] = []
        """Each row's first line, from the heights (guessed for the rows not rendered yet)."""
        self._filling = False
        self._painted: dict[int, Strip] = {}
        """Each line as last painted, by its line in the list: a frame that lays the screen out
        paints every line on view again, and most have not changed."""
        self._styles: tuple[Style, Style, Style, Style] | None = None
        """The list's own style, the selected row's, its edge's and the hovered row's: looked
        up once per change of style (a lookup walks every ancestor), not for every line
        painted."""

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._painted.clear()

    def extend(self, rows: Sequence[VerdictRow]) -> None:
        for row in rows:
            row.shown = self._redraw
        self.rows.extend(rows)
        self._lines.extend(None for _ in rows)
        self._heights.extend(GUESS for _ in rows)
        if self._width:
            self._layout()
            self._fill_later()
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

    def _row_at(self, y: int) -> int | None:
        """The row drawn at line `y` of the widget, if any (the blank line after a row is
        none)."""
        line = y + self.scroll_offset.y
        index = bisect_right(self._tops, line) - 1
        if 0 <= index < len(self.rows) and line < self._tops[index] + self._heights[index]:
            return index
        return None

    def on_click(self, event: events.Click) -> None:
        index = self._row_at(event.y)
        if index is not None:
            self.index = index

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover_row(self._row_at(event.y))

    def on_leave(self) -> None:
        self._hover_row(None)

    def _hover_row(self, index: int | None) -> None:
        """Highlight the row under the mouse: only its lines and the last one's are painted
        again."""
        old, self._hover = self._hover, index
        if old != index:
            for changed in (old, index):
                self._refresh_row(changed)

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

    def _ensure_width(self) -> None:
        # The left edge and one column of space on the right, as the items had.
        width = max(1, self.scrollable_content_region.width - 2)
        if width != self._width and self.scrollable_content_region.width:
            self._width = width
            self._lines = [None for _ in self.rows]
            self._layout()
            # Laid out while painting: the selected row comes into view once this frame is done.
            self.call_after_refresh(self._scroll_to_index)
            self._fill_later()

    def _row_lines(self, index: int) -> list[Strip]:
        """A row's lines, rendered if they were not yet; its height is known from then on."""
        lines = self._lines[index]
        if lines is None:
            row = self.rows[index]
            look = (self.app.theme, *row.labels.items())
            lines = self.kept.get(row, self._width, look)
            if lines is None:
                console = self.app.console
                options = console.options.update(width=self._width, height=None)
                drawn = console.render_lines(row.render(), options, pad=True)
                lines = [Strip(line, self._width) for line in drawn]
                self.kept.put(row, self._width, look, lines)
            self._lines[index] = lines
            self._heights[index] = len(lines)
        return lines

    def _place(self) -> int:
        """Each row's first line from the rows' heights; the lines of all."""
        top, tops = 0, []
        for height in self._heights:
            tops.append(top)
            top += height + GAP
        self._tops = tops
        return top

    def _layout(self) -> None:
        """The rows placed, the list's height set from them, and all painted again.

        The list's place on screen does not follow its rows (its height is 1fr), so its
        virtual size is set without the layout of the whole screen that setting the reactive
        asks for (20-60 ms a time for the full view: it ran at each step of rendering the rows
        off screen and at each redrawn row whose height changed); the scrollbar and the
        scroll's limits follow it here (`_scroll_update`)."""
        size = Size(self.scrollable_content_region.width, self._place())
        if size != self.virtual_size:
            self.set_reactive(VerdictList.virtual_size, size)
            # Private (tests/functional/test_textual_privates.py): what the reactive's
            # watcher would have done for the scrollbar, without the layout.
            self._scroll_update(size)
        self._painted.clear()
        self.refresh()

    def _fill_later(self) -> None:
        if not self._filling:
            self._filling = True
            self.set_timer(0.001, self._fill)

    def _fill(self) -> None:
        """Render rows not rendered yet for a few milliseconds, then let the screen go on; the
        rows above the view that grew or shrank move the view with them, so nothing on screen
        jumps."""
        self._filling = False
        if not self._width:
            return
        started, above = time.perf_counter(), 0
        for index, lines in enumerate(self._lines):
            if lines is None:
                guess = self._heights[index]
                self._row_lines(index)
                if self._tops[index] < self.scroll_offset.y:
                    above += self._heights[index] - guess
                self._place()
                if time.perf_counter() - started > BUDGET:
                    break
        self._layout()
        if above:
            self.scroll_to(y=self.scroll_offset.y + above, animate=False, immediate=True)
        if any(lines is None for lines in self._lines):
            self._fill_later()
        else:
            self.post_message(self.Rendered())

    def on_unmount(self) -> None:
        # Dropped now, the rows' lines are freed by reference counting (frozen or not), not
        # kept with the widget until a collection finds the widgets' cycles.
        self._lines.clear()
        self._painted.clear()
        for row in self.rows:
            row.shown = None

    @property
    def rendering(self) -> bool:
        """Whether rows are still to be rendered, shown as the list is (a list not on screen
        renders nothing)."""
        return bool(self._width) and any(lines is None for lines in self._lines)

    def _redraw(self, row: VerdictRow) -> None:
        """A row's new verdict: its lines again, and the rows below moved if its height changed;
        a row not rendered yet will be rendered with it."""
        index = self.rows.index(row)
        if self._lines[index] is None:
            return
        height = self._heights[index]
        self._lines[index] = None
        top, view = self._tops[index], self.scroll_offset.y
        if top >= view + self.size.height or top + height <= view:
            # Off screen: rendered after the frame with the others not rendered yet, its old
            # height the guess (a full view opened again after many commits rendered every
            # changed row before its first frame).
            self._fill_later()
            return
        if len(self._row_lines(index)) != height:
            self._layout()
        else:
            self._refresh_row(index)

    def _refresh_row(self, index: int | None) -> None:
        if index is None or not self._width or index >= len(self._tops):
            return
        first = self._tops[index]
        for line in range(first, first + self._heights[index]):
            self._painted.pop(line, None)
        top = first - self.scroll_offset.y
        self.refresh(Region(0, top, self.scrollable_content_region.width, self._heights[index]))

    def _scroll_to_index(self) -> None:
        if self._index is None or not self._width:
            return
        region = Region(0, self._tops[self._index], 1, self._heights[self._index] + GAP)
        self.scroll_to_region(region, animate=False, immediate=True, force=True)

    def render_line(self, y: int) -> Strip:
        self._ensure_width()
        line = y + self.scroll_offset.y
        painted = self._painted.get(line)
        if painted is None:
            self._painted[line] = painted = self._paint(line)
        return painted

    def _paint(self, line: int) -> Strip:
        index = bisect_right(self._tops, line) - 1
        if index >= 0 and self._lines[index] is None:
            self._show_from(index, line)
            index = bisect_right(self._tops, line) - 1
        width = self.scrollable_content_region.width
        if self._styles is None:
            self._styles = (
                self.rich_style,
                self.get_component_rich_style("verdict-list--selected"),
                self.get_component_rich_style("verdict-list--edge"),
                self.get_component_rich_style("verdict-list--hover"),
            )
        base, selected, edge_style, hover = self._styles
        if index < 0 or line >= self._tops[index] + self._heights[index]:
            return Strip.blank(width, base)
        strip = self._row_lines(index)[line - self._tops[index]]
        edge, right = Segment(" "), Segment(" ")
        if index == self._index:
            if self.has_focus:
                edge = Segment(EDGE, edge_style + selected.background_style)
            strip = Strip([edge, *strip, right]).apply_style(selected)
            return strip.apply_style(base).adjust_cell_length(width, base)
        strip = Strip([edge, *strip, right])
        if index == self._hover:
            strip = strip.apply_style(hover)
        return strip.apply_style(base).adjust_cell_length(width, base)

    def _show_from(self, index: int, line: int) -> None:
        """While painting `line`, which falls in a row not rendered yet: render the rows from
        there to the bottom of the view, and lay them out, before any of their lines is painted
        (the lines above, painted already, stay where they are)."""
        bottom = self.scroll_offset.y + self.size.height
        while index < len(self.rows) and self._tops[index] < bottom:
            self._row_lines(index)
            self._place()
            index += 1
        self._layout()
