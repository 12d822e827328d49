"""Updating a Static only when what it shows changes.

Every `Static.update` lays the whole screen out again (tens of milliseconds at 120x40), and a
live session redraws on every event: each answer a party's device saves, each clock tick. Text
that did not change must not cost a layout.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


def show_text(widget: Static, text: Text) -> None:
    """Put `text` in `widget` unless it already shows exactly that (same characters, styles)."""
    if widget.content != text:
        widget.update(text)
