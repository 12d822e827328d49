"""The comparison dashboard as a full-screen view over the run screen (key `d`, escape closes).

The run screen keeps the `Comparison` up to date and passes each change on to `show_changes`;
this screen only shows it and, when given the workshop, lets the moderator override a status.

One such screen is built per run (or replay) screen, at its first opening, and kept: installed
(`App.install_screen`), Textual leaves it mounted when it is closed, and each later opening
pushes the same screen again, which composes, mounts and styles nothing new, and leaves no
widgets' cycles for the collector when it closes (building a new one each time cost two thirds
of an opening, and its garbage a full collection every few closings; docs/benchmarks.md, item
5). While it is hidden, the changes it is told of wait (`show_changes`); `reopen` shows them,
with the names and title as they are now, the theme's colours and the question on screen, just
before the owner pushes it again. The owner removes it when it goes itself (`discard`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import ScreenResume
from textual.screen import Screen
from textual.widgets import Static

from facilitator.base import hold
from facilitator.compare import Comparison
from facilitator.live import Workshop

from .messages import OverrideRequested
from .override import ask_override
from .widgets.dashboard import Dashboard
from .widgets.footer import KeyFooter

UNSEEN_LAYOUTS = 4
"""Layouts of a screen built unseen, at most, until no widget asks for another."""
UNSEEN_PAUSE = 0.05
"""Seconds between them: the widgets handle what the last one told them, the owner its keys."""


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
        self.waiting: set[str] = set()
        """The questions whose verdicts changed while the screen was hidden."""
        self.theme_shown = ""
        """The theme when it was last closed (a new one repaints the rows at `reopen`)."""
        self.resumed = False
        """Whether it was shown before (its styles are applied)."""
        self.built = asyncio.Event()
        """Set once it is composed, mounted and laid out (shown, or unseen: `build_unseen`)."""

    def _top(self) -> Text:
        labels = self.comparison.labels
        top = Text()
        top.append(" Dashboard ", "bold reverse")
        top.append("  ")
        top.append(labels["a"], "bold")
        top.append("  ⟷  ")
        top.append(labels["b"], "bold")
        top.append("   ")
        top.append(self.title_text)
        return top

    def build_unseen(self) -> None:
        """Compose, mount, style and lay the screen out now, without showing it, so that its
        first opening only pushes it, as a later one does (composing and mounting it at the
        key was the first opening's longest stall; docs/benchmarks.md, item 5). Textual does
        it in the steps it always takes, each widget's compose and mount a step of its own
        between the owner's keys and frames; the layout is one more (`on_mount`)."""
        self.theme_shown = self.app.theme
        # Private (tests/functional/test_textual_privates.py): what `push_screen` does to a
        # screen not running yet, without putting it on the stack.
        self.app._register(self.app, self)

    def on_mount(self) -> None:
        if self.shown:
            self.built.set()
        else:
            # Built unseen: laid out at the app's size once its widgets have handled their
            # mounting, so the first push finds it at the size it is shown at.
            self.call_later(self._lay_out_unseen, UNSEEN_LAYOUTS)

    def _lay_out_unseen(self, passes: int, *, first: bool = True) -> None:
        """The screen laid out unseen, then looked at again a moment later and laid out once
        more while a widget asked for it (widgets resized or styled by a layout ask for the
        next; Textual lays a screen on show out until none does): `passes` layouts at most."""
        if self.shown:
            self.built.set()
            return
        # Private (tests/functional/test_textual_privates.py), as Textual's own frame does it
        # for the screen on show: the flag cleared, then the layout.
        if first or self._layout_required:
            self._layout_required = False
            self._refresh_layout(self.app.size)
            # Styled as it mounted: its first push need not style every node again (a new
            # theme by then is applied by `reopen`).
            self.resumed = True
            if passes > 1:
                later = partial(self._lay_out_unseen, passes - 1, first=False)
                self.set_timer(UNSEEN_PAUSE, later)
                return
        self.built.set()

    def compose(self) -> ComposeResult:
        yield Static(self._top(), id="dashboard-top")
        yield Dashboard(
            self.comparison, overridable=self.workshop is not None, current=self.current,
            focused=True,
        )  # fmt: skip
        yield KeyFooter()

    @property
    def dashboard(self) -> Dashboard:
        return self.query_one(Dashboard)

    @property
    def shown(self) -> bool:
        """On the screen stack (on top, or under a dialog), not kept hidden."""
        return self in self.app.screen_stack

    def show_changes(self, changed: Iterable[str]) -> None:
        """Redraw the changed rows now if shown, else at `reopen` (a hidden screen draws
        nothing, and the rows would be rendered for every commit while nobody looks)."""
        if self.shown:
            self._show_names(self.title_text)
            self.dashboard.show_changes(changed)
        else:
            self.waiting.update(changed)

    def _show_names(self, title: str) -> None:
        """The party names and the title on top as they are now (the rows' follow with the
        dashboard's `show_changes`)."""
        if title != self.title_text or self.dashboard.labels is not self.comparison.labels:
            self.title_text = title
            self.query_one("#dashboard-top", Static).update(self._top())

    async def reopen(self, title: str, current: str) -> None:
        """Bring the kept screen up to date before it is pushed again: the changes it waited
        for, the party names and title as they are now, a new theme, and the tab and row of
        the question on screen selected (as a new screen would open)."""
        # Built unseen and not done yet (`d` pressed meanwhile): a few frames at most.
        await self.built.wait()
        self._show_names(title)
        waiting, self.waiting = self.waiting, set()
        dashboard = self.dashboard
        dashboard.show_changes(waiting)
        if self.app.theme != self.theme_shown:
            # A hidden screen's styles are not updated with the theme (only the stack's are):
            # the rows are painted from them, so before they render again.
            self.app.stylesheet.update(self)
            dashboard.repaint()
        await dashboard.follow(current, again=True)
        dashboard.focus_rows()

    def on_screen_resume(self, event: ScreenResume) -> None:
        """Pushed again, its styles are what they were when it closed (a new theme is applied
        by `reopen`): Textual's own handler, which runs after this one, then does not style
        every node again, which also made every widget paint all its lines anew."""
        if self.resumed:
            event.refresh_styles = False
        self.resumed = True

    def on_screen_suspend(self) -> None:
        self.theme_shown = self.app.theme

    def discard(self) -> None:
        """The owner goes, and so does this screen with all it built (unless it is on the stack,
        as when the app exits with it open: the app closes it then)."""
        if not self.shown:
            self.app.uninstall_screen(self)
            self.remove()

    @on(OverrideRequested)
    def on_override_requested(self, message: OverrideRequested) -> None:
        if self.workshop is not None:
            ask_override(self, self.workshop, self.comparison.verdict(message.question))

    def action_close(self) -> None:
        self.dismiss(None)
