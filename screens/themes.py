"""The app's two themes: Textual's dark default and a projector theme of its own."""

from __future__ import annotations

from textual.theme import Theme

PROJECTOR = Theme(
    name="projector",
    primary="#0b3d91",
    secondary="#5a2d82",
    accent="#b3008f",
    warning="#8a5a00",
    error="#b00020",
    success="#0a6b2d",
    foreground="#000000",
    background="#ffffff",
    surface="#f2f2f2",
    panel="#e0e0e0",
    dark=False,
)
"""High contrast on white: projectors wash out dark themes and thin colors."""

THEME_NAMES = {"dark": "textual-dark", "projector": "projector"}
"""The Textual theme of each of the settings' theme names."""
