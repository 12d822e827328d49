"""The current question's comparison status and reason, large on the run screen once revealed,
so the room reads the verdict from the back without opening the dashboard."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from facilitator.compare import Verdict
from facilitator.session import MARKS, Status

from .updates import show_text


def verdict_text(verdict: Verdict) -> Text:
    """`✖ CONFLICT` on its own line, then the reason, then the moderator's comment if any."""
    status = verdict.status
    text = Text(f"{MARKS[status]} {status.value.upper()}", "bold")
    override = verdict.override
    if override is not None and override.status is not None:
        text.append("  set by the moderator", "italic")
    text.append("\n")
    text.append(verdict.reason)
    if verdict.comment:
        text.append("\nModerator: ", "italic")
        text.append(verdict.comment)
    return text


class VerdictBanner(Static):
    """Hidden until the question is revealed; a status class (`-conflict`…) colours it."""

    DEFAULT_CSS = """
    VerdictBanner {
        display: none;
        height: auto;
        padding: 0 1;
        border: heavy $primary;
        text-style: bold;
        &.-shown { display: block; }
        &.-aligned { border: heavy $success; color: $text-success; }
        &.-complementary { border: heavy $primary; color: $text-primary; }
        &.-different { border: heavy $warning; color: $text-warning; }
        &.-conflict { border: heavy $error; color: $text-error; }
        &.-missing { border: heavy $panel; color: $text-muted; }
    }
    """

    def show(self, verdict: Verdict | None) -> None:
        """Show `verdict` once its question is revealed; nothing for an unscored question."""
        status = None
        if verdict is not None and verdict.revealed and verdict.status is not Status.UNSCORED:
            status = verdict.status
        for each in Status:
            self.set_class(each is status, f"-{each.value}")
        self.set_class(status is not None, "-shown")
        # Shown on every change of the session: the same verdict must not lay the screen out.
        show_text(self, Text() if verdict is None or status is None else verdict_text(verdict))
