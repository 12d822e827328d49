"""The one-line bars the run, replay and editor screens share: the top bar (who, what, when) and
the status line under the session view. Each screen fills them with its own text; their look
lives here once."""

from __future__ import annotations

from textual.widgets import Static


class TopBar(Static):
    """The screen's first line, on the primary colour."""

    DEFAULT_CSS = """
    TopBar {
        height: 1;
        padding: 0 1;
        background: $primary;
        color: $text;
    }
    """


class StatusLine(Static):
    """One muted line of what is going on now."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        color: $text-muted;
    }
    """
