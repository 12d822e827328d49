"""Updating a Static only when what it shows changes.

Every `Static.update` lays the whole screen out again (tens of milliseconds at 120x40), and a
live session redraws on every event: each answer a party's device saves, each clock tick. Text
that did not change must not cost a layout.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


def show_text(widget: Static, text: Text, *, layout: bool = True) -> None:
    """Put `text` in `widget` unless it already shows exactly that (same characters, styles).

    `layout=False` for a widget whose size is fixed whatever it says (a one-line bar, the
    sidebar): a new text then repaints it without laying out the whole screen again."""
    if widget.content != text:
        widget.update(text, layout=layout)
