"""The comparison dashboard as a full-screen view over the run screen (key `d`, escape closes).

The run screen keeps the `Comparison` up to date and passes each change on to `show_changes`;
this screen only shows it and, when given the workshop, lets the moderator override a status.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from facilitator.base import hold
from facilitator.compare import Comparison
from facilitator.live import Workshop

from .messages import OverrideRequested
from .override import ask_override
from .widgets.dashboard import Dashboard
from .widgets.footer import ReleasingFooter


class DashboardScreen(Screen[None]):
    CSS_PATH = "dashboard.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,d,q", "close", "Close"),
        Binding("t", "app.toggle_theme", "Theme", show=False),
    ]

    def __init__(
        self,
        comparison: Comparison,
        title: str,
        workshop: Workshop | None = None,
        *,
        current: str | None = None,
    ) -> None:
        """`workshop`: the live session, whose statuses the moderator may override (a replay
        gives none); `current`: the question on screen, whose tab and row are shown first."""
        super().__init__()
        # The collector stays off from here (pushing the screen reads its CSS the first time)
        # until its `Dashboard` is built and settled, or goes (`gcpause.hold`).
        hold()
        self.comparison = comparison
        self.title_text = title
        self.workshop = workshop
        self.current = current

    def compose(self) -> ComposeResult:
        labels = self.comparison.labels
        top = Text()
        top.append(" Dashboard ", "bold reverse")
        top.append("  ")
        top.append(labels["a"], "bold")
        top.append("  ⟷  ")
        top.append(labels["b"], "bold")
        top.append("   ")
        top.append(self.title_text)
        yield Static(top, id="dashboard-top")
        yield Dashboard(
            self.comparison, overridable=self.workshop is not None, current=self.current,
            focused=True,
        )  # fmt: skip
        yield ReleasingFooter()

    @property
    def dashboard(self) -> Dashboard:
        return self.query_one(Dashboard)

    def show_changes(self, changed: Iterable[str]) -> None:
        self.dashboard.show_changes(changed)

    @on(OverrideRequested)
    def on_override_requested(self, message: OverrideRequested) -> None:
        if self.workshop is not None:
            ask_override(self, self.workshop, self.comparison.verdict(message.question))

    def action_close(self) -> None:
        self.dismiss(None)
