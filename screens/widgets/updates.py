"""Updating a Static only when what it shows changes, and laying out only when its size does.

Every `Static.update` lays the whole screen out again (tens of milliseconds at 120x40), and a
live session redraws on every event: each answer a party's device saves, each clock tick. Text
that did not change must not cost a layout, and neither must text that changed in the same
number of lines: "not yet" becoming "typing…" in a pane moves nothing else on screen.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


def show_text(widget: Static, text: Text, *, layout: bool = True) -> None:
    """Put `text` in `widget` unless it already shows exactly that (same characters, styles).

    `layout=False` for a widget whose size is fixed whatever it says (a one-line bar, the
    sidebar). Otherwise the screen is laid out again only when the new text's height differs
    from the old one's at the widget's width (or the widget's width follows its text)."""
    if _same(widget.content, text):
        return
    if not layout or not _height_follows_text(widget):
        widget.update(text, layout=layout)
        return
    width = widget.size.width
    before = _content_height(widget, width)
    widget.update(text, layout=False)
    if _content_height(widget, width) != before:
        widget.refresh(layout=True)


def _same(shown: object, text: Text) -> bool:
    # Rich's Text equality compares the characters and the spans only: a text whose base style
    # alone changed (a line turning from muted to a party's colour) would never be redrawn.
    return (
        isinstance(shown, Text)
        and shown == text
        and shown.style == text.style
        and shown.justify == text.justify
    )


def _height_follows_text(widget: Static) -> bool:
    """Whether only the text's height can change the widget's size: true of a widget laid out
    once with a width that does not depend on what it says; false before its first layout."""
    width = widget.styles.width
    return widget.is_mounted and widget.size.width > 0 and not (width is not None and width.is_auto)


def _content_height(widget: Static, width: int) -> int:
    # A Static is no container: its height at a width is its text's (the arguments are unused).
    return widget.get_content_height(widget.size, widget.app.size, width)
