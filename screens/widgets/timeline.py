"""A replay's timeline: a labelled stretch per section entered, and the playhead; a click seeks."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

from facilitator.live import Marker

from ..messages import SeekRequested


class Timeline(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--section",
        "timeline--current",
        "timeline--played",
        "timeline--head",
    }
    DEFAULT_CSS = """
    Timeline { height: 2; }
    Timeline > .timeline--section { color: $text-muted; }
    Timeline > .timeline--current { color: $accent; text-style: bold; }
    Timeline > .timeline--played { color: $accent; }
    Timeline > .timeline--head { color: $warning; text-style: bold; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.markers: list[Marker] = []
        self.duration = 0.0
        self.position = 0.0

    def show(self, markers: list[Marker], duration: float, position: float) -> None:
        self.markers, self.duration, self.position = markers, duration, position
        self.refresh()

    def column_of(self, offset: float, width: int) -> int:
        if self.duration <= 0 or width <= 1:
            return 0
        return min(width - 1, max(0, round(offset / self.duration * (width - 1))))

    def render(self) -> Text:
        width = self.content_region.width
        if width <= 0:
            return Text()
        section, current, played, head = (
            self.get_component_rich_style(f"timeline--{name}")
            for name in ("section", "current", "played", "head")
        )
        return Text("\n").join(
            [self._sections(width, section, current), self._bar(width, played, head)]
        )

    def _sections(self, width: int, style: Style, current: Style) -> Text:
        """Each section's stretch, from where it began to where the next began: ├─Title───."""
        line = Text(no_wrap=True, overflow="crop")
        if not self.markers:
            return Text("─" * width, style)
        starts = [self.column_of(marker.offset, width) for marker in self.markers]
        now = self._current_marker()
        for index, (marker, start) in enumerate(zip(self.markers, starts, strict=True)):
            end = starts[index + 1] if index + 1 < len(starts) else width
            if end <= start:
                continue
            label = f"├{marker.title}"[: end - start].ljust(end - start, "─")
            line.append(label, current if index == now else style)
        return line

    def _bar(self, width: int, played: Style, head: Style) -> Text:
        at = self.column_of(self.position, width)
        bar = Text(no_wrap=True, overflow="crop")
        bar.append("━" * at, played)
        bar.append("●", head)
        bar.append("─" * (width - at - 1))
        return bar

    def _current_marker(self) -> int:
        started = [i for i, marker in enumerate(self.markers) if marker.offset <= self.position]
        return started[-1] if started else -1

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.duration <= 0:
            return
        width = self.content_region.width
        self.post_message(SeekRequested(offset.x / max(1, width - 1) * self.duration))
