"""The Textual App: shared settings, themes, and routing between screens; nothing else.

Only the home screen is imported with the app: every other screen (and the domain it needs) is
imported when first shown, so a start pays for the home screen alone.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.filter import LineFilter
from textual.screen import Screen
from textual.theme import Theme

from facilitator.base import (
    FacilitatorError,
    Settings,
    load_settings,
    save_settings,
    settle_start,
)

from .home import HomeScreen
from .terminal_safe import DropControls

if TYPE_CHECKING:
    from facilitator.live import Replay, Workshop


def _shown(screen: Screen, module: str, name: str) -> bool:
    """Whether `screen` is a `screens.<module>.<name>`, without importing that module: a screen
    whose module was never imported was never shown."""
    loaded = sys.modules.get(f"{__package__}.{module}")
    return loaded is not None and isinstance(screen, getattr(loaded, name))


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

_DROP_CONTROLS = DropControls()


class FacilitatorApp(App[None]):
    TITLE = "facilitator"
    CSS_PATH = "app.tcss"

    def __init__(
        self,
        *,
        sessions_dir: Path,
        workshop: Workshop | None = None,
        settings: Settings | None = None,
        edit: Path | None = None,
        replay: Replay | None = None,
        replay_at: float = 0.0,
        replay_speed: float = 1,
    ) -> None:
        super().__init__()
        self.sessions_dir = sessions_dir
        self.initial_workshop = workshop
        self.initial_edit = edit
        self.initial_replay = replay
        self.replay_options = {"at": replay_at, "speed": replay_speed}
        self.settings = settings or load_settings()
        self._settings_lock = threading.Lock()
        self.register_theme(PROJECTOR)
        self.theme = THEME_NAMES[self.settings.theme]

    def get_line_filters(self) -> Sequence[LineFilter]:
        # Every widget asks the app for its filters: this one guards all that is drawn.
        return [*super().get_line_filters(), _DROP_CONTROLS]

    def on_mount(self) -> None:
        if not gc.isenabled():
            # The start (facilitator/cli.py) keeps the collector off until the first frame.
            self.call_after_refresh(settle_start)
        self.push_screen(HomeScreen(self.sessions_dir))
        if self.initial_workshop is not None:
            self.open_workshop(self.initial_workshop)
        if self.initial_edit is not None:
            self.open_editor(self.initial_edit)
        if self.initial_replay is not None:
            self.open_replay(self.initial_replay, **self.replay_options)

    def open_workshop(self, workshop: Workshop, after: Callable[[], None] | None = None) -> None:
        """Run `workshop`; `after` runs once the run screen is left (a rehearsal cleans up)."""

        def left(_: None) -> None:
            self.refresh_home()
            if after is not None:
                after()
            elif workshop.state.ended:
                self.show_summary(workshop)

        from .run import RunScreen

        self.push_screen(RunScreen(workshop), left)

    def show_summary(self, workshop: Workshop) -> None:
        """The end-of-session summary, from the state the run screen ended with."""
        from facilitator.report import build_report

        from .summary import SummaryScreen

        meta = workshop.store.meta
        report = build_report(meta, workshop.state, meta.ended or workshop.state.time)
        self.push_screen(SummaryScreen(report, workshop.store.path))

    def export_report(self, source: Path | Workshop) -> None:
        """Ask for a format, then write the report of a saved session or of the live one."""

        def chosen(fmt: str | None) -> None:
            if fmt is not None:
                self.write_report(source, fmt)

        from .export_dialog import ExportDialog

        self.push_screen(ExportDialog(), chosen)

    @work(thread=True, group="export")
    def write_report(self, source: Path | Workshop, fmt: str) -> None:
        from facilitator.report import build_report, export_report, report_of_session

        try:
            if isinstance(source, Path):
                target = export_report(report_of_session(source), source, self.sessions_dir, fmt)
            else:
                # The live state, not the file: nothing the room has seen is left out.
                report = build_report(source.store.meta, source.state, source.clock())
                target = export_report(report, source.store.path, self.sessions_dir, fmt)
        except (FacilitatorError, OSError) as error:
            self.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.call_from_thread(self.notify, f"Report written to {target}", markup=False)

    def action_open_banks(self) -> None:
        from .banks import BanksScreen

        self.push_screen(BanksScreen(), lambda _: self.refresh_home())

    def open_editor(self, path: Path) -> None:
        from facilitator.bank import is_bundled

        from .editor import EditorScreen

        self.push_screen(EditorScreen(path, read_only=is_bundled(path)))

    def open_replay(self, replay: Replay, *, at: float = 0.0, speed: float = 1) -> None:
        from .replay import ReplayScreen

        self.push_screen(ReplayScreen(replay, at=at, speed=speed))

    def action_open_library(self) -> None:
        from .library import LibraryScreen

        self.push_screen(LibraryScreen(self.sessions_dir), lambda _: self.refresh_home())

    @work(thread=True, exclusive=True, group="open")
    def replay_session(self, path: Path) -> None:
        """Read a saved session (never writing it) off the UI thread, then replay it."""
        from facilitator.live import Replay

        try:
            replay = Replay.open(path)
        except (FacilitatorError, OSError) as error:
            self.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.call_from_thread(self.open_replay, replay)

    @work(thread=True, exclusive=True, group="open")
    def resume_session(self, path: Path) -> None:
        """Reopen a session for writing off the UI thread, then run it."""
        from facilitator.live import Workshop

        try:
            workshop = Workshop.resume(path, autostart=self.settings.autostart)
        except (FacilitatorError, OSError) as error:
            self.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.call_from_thread(self.open_workshop, workshop)

    async def action_quit(self) -> None:
        """Quitting asks first while a bank being edited has unsaved changes."""
        for screen in reversed(self.screen_stack):
            if _shown(screen, "editor", "EditorScreen") and screen.dirty:  # type: ignore[attr-defined]
                screen.confirm_leave(self.exit)  # type: ignore[attr-defined]
                return
        self.exit()

    def refresh_home(self) -> None:
        if isinstance(self.screen, HomeScreen):
            self.screen.action_refresh()

    def action_toggle_theme(self) -> None:
        theme = "projector" if self.settings.theme == "dark" else "dark"
        self.settings = replace(self.settings, theme=theme)
        self.theme = THEME_NAMES[theme]
        self.save_settings()

    def action_toggle_autostart(self) -> None:
        autostart = not self.settings.autostart
        self.settings = replace(self.settings, autostart=autostart)
        if _shown(self.screen, "run", "RunScreen"):
            self.screen.workshop.autostart = autostart  # type: ignore[attr-defined]
        self.notify(f"Section timers start {'by themselves' if autostart else 'with space'}")
        self.save_settings()

    @work(thread=True, group="settings")
    def save_settings(self) -> None:
        """Write `self.settings` off the UI thread. Two quick toggles start two writers; each
        writes the settings as they are when it runs, so the last one on disk is the newest."""
        with self._settings_lock:
            save_settings(self.settings)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Question banks: library and editor",
            "Edit, copy or start a bank; key b on the home screen",
            self.action_open_banks,
        )
        yield SystemCommand(
            "Saved sessions: library",
            "Resume, replay or delete a session; key l on the home screen",
            self.action_open_library,
        )
        yield SystemCommand(
            "Switch theme (dark / projector)",
            "High contrast for projectors",
            self.action_toggle_theme,
        )
        state = "on" if self.settings.autostart else "off"
        yield SystemCommand(
            f"Timer autostart ({state}): switch",
            "Start each section's countdown as the section begins",
            self.action_toggle_autostart,
        )
        if _shown(screen, "run", "RunScreen") or _shown(screen, "replay", "ReplayScreen"):
            yield from screen.commands()  # type: ignore[attr-defined]
