"""The dashboard's colors: a `Palette` container holds the theme's style per comparison status
(and a few more names), and the parts inside it (`Painted`) color their text with them.

Styling a set of component classes for every row would cost Textual seconds on a large bank, so
the palette resolves each name once per theme and hands out plain rich styles.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.style import Style
from textual.containers import Vertical
from textual.widget import Widget

from facilitator.session import Status

PAINTS = (
    *(status.value for status in Status),
    *("hidden", "muted", "heading", "bar-a", "bar-b", "party-a", "party-b"),
)


class Palette(Vertical):
    """A container whose theme colors its `Painted` parts use; `repaint` after a new theme."""

    DEFAULT_CSS = """
    Palette {
        & > .paint--aligned { color: $text-success; }
        & > .paint--complementary { color: $text-primary; }
        & > .paint--different { color: $text-warning; }
        & > .paint--conflict { color: $text-error; text-style: bold; }
        & > .paint--missing { color: $text-muted; }
        & > .paint--unscored { color: $text-muted; }
        & > .paint--hidden { color: $text-muted; text-style: italic; }
        & > .paint--muted { color: $text-muted; }
        & > .paint--heading { text-style: bold; }
        & > .paint--bar-a { color: $party-a; }
        & > .paint--bar-b { color: $party-b; }
        & > .paint--party-a { color: $party-a; text-style: bold; }
        & > .paint--party-b { color: $party-b; text-style: bold; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"paint--{name}" for name in PAINTS}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.palette: dict[str, Style] = {}

    def paint(self, name: str) -> Style:
        """The theme's style for `name` without its background, which a row's highlight sets."""
        if name not in self.palette:
            full = self.get_component_rich_style(f"paint--{name}")
            self.palette[name] = Style(color=full.color, bold=full.bold, italic=full.italic)
        return self.palette[name]

    def repaint(self) -> None:
        """Forget the old theme's styles and draw every part again with the new ones."""
        self.palette.clear()
        for part in self.walk_children(Painted):
            part.repaint()


class Painted(Widget):
    """A part of a `Palette` that colors its text by comparison status."""

    _palette: Palette | None = None

    def paint(self, name: str) -> Style:
        if self._palette is None:
            self._palette = self.query_ancestor(Palette)
        return self._palette.paint(name)

    def repaint(self) -> None:
        """Draw again in the palette's current colors."""
        self.refresh(layout=True)
