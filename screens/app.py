"""The Textual App: shared settings, themes, and routing between screens; nothing else.

Only the home screen is imported with the app: every other screen (and the domain it needs) is
imported when first shown, so a start pays for the home screen alone.
"""

from __future__ import annotations

import gc
import re
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal, TypeGuard, overload

from textual import events, work
from textual.app import App, CSSPathType, SystemCommand
from textual.filter import LineFilter
from textual.screen import Screen

from facilitator.base import (
    FacilitatorError,
    Settings,
    exports_dir,
    load_settings,
    save_settings,
    settle_start,
    write_new,
)
from facilitator.report import party_colours

from .home import HomeScreen
from .terminal_safe import DropControls
from .themes import PROJECTOR, THEME_NAMES

if TYPE_CHECKING:
    from facilitator.live import Replay, Workshop
    from facilitator.seats import Candidate, SeatOptions, SeatServer

    from .editor import EditorScreen
    from .replay import ReplayScreen
    from .run import RunScreen
    from .start import Start
    from .summary import SummaryScreen

    SeatFactory = Callable[[Workshop, SeatOptions], tuple[SeatServer, tuple[Candidate, ...]]]
    """Makes a session's seat server (not yet listening) and the addresses it may switch to."""


# Typed per screen, so that what a caller reads from the screen is checked.
@overload
def _shown(
    screen: Screen, module: Literal["editor"], name: Literal["EditorScreen"]
) -> TypeGuard[EditorScreen]: ...
@overload
def _shown(
    screen: Screen, module: Literal["run"], name: Literal["RunScreen"]
) -> TypeGuard[RunScreen]: ...
@overload
def _shown(
    screen: Screen, module: Literal["replay"], name: Literal["ReplayScreen"]
) -> TypeGuard[ReplayScreen]: ...
@overload
def _shown(
    screen: Screen, module: Literal["summary"], name: Literal["SummaryScreen"]
) -> TypeGuard[SummaryScreen]: ...
def _shown(screen: Screen, module: str, name: str) -> bool:
    """Whether `screen` is a `screens.<module>.<name>`, without importing that module: a screen
    whose module was never imported was never shown."""
    loaded = sys.modules.get(f"{__package__}.{module}")
    return loaded is not None and isinstance(screen, getattr(loaded, name))


_DROP_CONTROLS = DropControls()


def _letter_after_escape(event: events.Key) -> str | None:
    """The letter of an `alt+r` / `alt+shift+r` key: what a terminal sends for escape and then
    `r` typed soon after it (see `FacilitatorApp.on_event`); None for any other key."""
    match = re.fullmatch(r"alt\+(shift\+)?([a-z])", event.key)
    if match is None:
        return None
    return match[2].upper() if match[1] else match[2]


class FacilitatorApp(App[None]):
    TITLE = "facilitator"
    # The home screen's CSS with the app's: as the default screen, the home screen is not pushed,
    # and Textual reads a screen's own CSS_PATH only when one is (and then parses every CSS source
    # again).
    CSS_PATH: ClassVar[CSSPathType] = ["app.tcss", "home.tcss"]

    def __init__(
        self,
        *,
        sessions_dir: Path,
        start: Start | None = None,
        settings: Settings | None = None,
        seat_factory: SeatFactory | None = None,
    ) -> None:
        """The home screen for `sessions_dir`, with what `start` describes above it (a session,
        a bank in the editor, a replay: `screens.start`); `settings` default to the saved ones."""
        super().__init__()
        self.sessions_dir = sessions_dir
        self.opening = start
        """What opens above the home screen as the app starts."""
        self.seat_factory = seat_factory
        """Makes the seat server; None: the real one, imported only when seats first open."""
        self.seats: SeatServer | None = None
        """The running session's seat server, while seats are open (one session at a time)."""
        self.seat_candidates: tuple[Candidate, ...] = ()
        self.startup_error = ""
        """Why the session asked for on the command line could not open (its seats failed)."""
        self.settings = settings or load_settings()
        self._settings_lock = threading.Lock()
        self.register_theme(PROJECTOR)
        self.theme = THEME_NAMES[self.settings.theme]

    async def on_event(self, event: events.Event) -> None:
        """Escape, then a letter: never one alt+letter key that nothing is bound to.

        A terminal sends escape as a lone ESC byte, and alt+r as ESC followed by `r`; so ESC and
        an `r` typed soon after it arrive as one alt+r. tmux waits 500 ms (its escape-time) for
        that second byte, Textual 100 ms (ESCDELAY). That is the key "ignored about 0.5 s after
        escape": the moderator left an answer and pressed `r` or `g`, and the app got alt+r,
        bound to nothing (the answer even stayed open). No screen binds an alt key, so an
        alt+letter is taken for what was typed: escape's binding runs, then the letter."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            letter = _letter_after_escape(event)
            if letter is not None:
                # Escape's binding runs now (leaving the editor moves the focus at once), so
                # the letter reaches the bindings of whatever has the focus after it.
                # `_check_bindings` is a Textual private (fenced: test_textual_privates.py).
                if not await self._check_bindings("escape", priority=True):
                    await self._check_bindings("escape")
                event = events.Key(letter, letter)
        await super().on_event(event)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """`$party-a` and `$party-b`: each party's colour, in the shade for this theme's
        background, for every theme (the CSS and `party_style` read them)."""
        colours = party_colours(dark=self.current_theme.dark)
        return {f"party-{party}": colour for party, colour in colours.items()}

    def get_line_filters(self) -> Sequence[LineFilter]:
        # Every widget asks the app for its filters: this one guards all that is drawn.
        return [*super().get_line_filters(), _DROP_CONTROLS]

    def get_default_screen(self) -> Screen:
        """The home screen is the bottom of the stack, instead of above Textual's blank default
        screen: one screen fewer to compose, style and lay out before the first frame."""
        return HomeScreen(self.sessions_dir)

    def on_mount(self) -> None:
        if not gc.isenabled():
            # The start (facilitator/app_start.py) keeps the collector off until the first frame.
            self.call_after_refresh(settle_start)
        if self.opening is None:
            return
        # Only a start from the shell describes one: a plain start does not define the three
        # dataclasses (~4 ms).
        from .start import EditBank, ReplaySession, RunSession

        # A session or replay started from the shell returns there when it is left.
        match self.opening:
            case RunSession(workshop, seats):
                self.open_workshop(workshop, from_shell=True, seats=seats)
            case EditBank(bank):
                self.open_editor(bank)
            case ReplaySession(replay, at, speed):
                self.open_replay(replay, at=at, speed=speed, from_shell=True)

    def open_workshop(
        self,
        workshop: Workshop,
        after: Callable[[], None] | None = None,
        *,
        from_shell: bool = False,
        throwaway: bool = False,
        seats: SeatOptions | None = None,
    ) -> None:
        """Run `workshop`; `after` runs once the run screen is left (a rehearsal cleans up).
        An ended session shows its summary; leaving a session started `from_shell` (quit, or
        its summary once ended) ends the app.
        A `throwaway` session (a rehearsal) is left without asking: nothing of it is kept.
        With `seats`, the session's party seats open at once (`--seats`)."""

        async def left(_: None) -> None:
            self.refresh_home()
            if after is not None:
                await self.stop_seats()
                after()
            elif workshop.state.ended:
                # Seats stay open on the summary: every party's page offers its results.
                self.show_summary(workshop, from_shell=from_shell)
            elif from_shell:
                await self.stop_seats()
                self.exit()
            else:
                await self.stop_seats()

        from .run import RunScreen

        screen = RunScreen(workshop, ask_before_leaving=not throwaway, seats=seats)
        self.push_screen(screen, left)

    def show_summary(self, workshop: Workshop, *, from_shell: bool = False) -> None:
        """The end-of-session summary, from the state the run screen ended with; leaving it
        goes home, or back to the shell for a session started there."""
        from facilitator.report import report_of_workshop

        from .summary import ShellSummaryScreen, SummaryScreen

        report = report_of_workshop(workshop)
        summary = (ShellSummaryScreen if from_shell else SummaryScreen)(report, workshop.path)

        async def closed(_: None) -> None:
            await self.stop_seats()
            if from_shell:
                self.exit()

        self.push_screen(summary, closed)

    async def start_seats(self, workshop: Workshop, options: SeatOptions) -> SeatServer:
        """Open seats for `workshop`, listening in this app's own event loop (one process, one
        writer). FacilitatorError, one line, when that cannot be done (no address, port taken)."""
        if self.seats is not None:
            if self.seats.workshop is workshop:
                return self.seats
            await self.stop_seats()
        factory = self.seat_factory
        if factory is None:
            from facilitator.seats import make_server

            factory = make_server
        server, candidates = factory(workshop, options)
        await server.start()
        self.seats, self.seat_candidates = server, candidates
        return server

    async def stop_seats(self) -> None:
        """Close the seats' port (promptly: open event streams end at once)."""
        server, self.seats = self.seats, None
        if server is not None:
            await server.stop()

    async def on_unmount(self) -> None:
        await self.stop_seats()

    def export_report(self, source: Path | Workshop) -> None:
        """Ask for a format, then write the report of a saved session or of the live one."""

        def chosen(fmt: str | None) -> None:
            if fmt is not None:
                self.write_report(source, fmt)

        from .export_dialog import ExportDialog

        self.push_screen(ExportDialog(), chosen)

    @work(thread=True, group="export")
    def write_report(self, source: Path | Workshop, fmt: str) -> None:
        from facilitator.report import export_report, report_of_session, report_of_workshop

        try:
            if isinstance(source, Path):
                target = export_report(report_of_session(source), source, self.sessions_dir, fmt)
            else:
                # The live state, not the file: nothing the room has seen is left out.
                report = report_of_workshop(source)
                target = export_report(report, source.path, self.sessions_dir, fmt)
        except (FacilitatorError, OSError) as error:
            self.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.call_from_thread(self.notify, f"Report written to {target}", markup=False)

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        """The palette's Screenshot: an SVG of the screen, into the sessions folder's exports.

        Textual's own default folder (~/Downloads) may not exist, and a screenshot can hold
        revealed positions or join links: it is written like a report (atomic, 0600, never
        replacing a file) and named after the session on screen. `filename` and `path`, when a
        caller gives them, choose the name and the folder; `time_format` shapes the time in it.
        """
        svg = self.export_screenshot()
        folder = Path(path) if path else exports_dir(self.sessions_dir)
        if filename:
            stem = Path(filename).stem
        else:
            moment = datetime.now().strftime(time_format or "%Y%m%dT%H%M%S")
            session = self._session_shown()
            stem = f"{session.stem}.screenshot-{moment}" if session else f"screenshot-{moment}"
        self.write_screenshot(svg, folder, stem)
        return None

    def _session_shown(self) -> Path | None:
        """The file of the session on screen (run, replay or summary), if any."""
        screen = self.screen
        if _shown(screen, "run", "RunScreen"):
            return screen.workshop.path
        if _shown(screen, "replay", "ReplayScreen"):
            return screen.replay.record.path
        if _shown(screen, "summary", "SummaryScreen"):
            return screen.session
        return None

    @work(thread=True, group="export")
    def write_screenshot(self, svg: str, folder: Path, stem: str) -> None:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            target = write_new(
                svg.encode("utf-8"),
                lambda n: folder / (f"{stem}.svg" if n == 1 else f"{stem}-{n}.svg"),
            )
        except OSError as error:
            message = f"Screenshot not saved: {folder}: {error.strerror or error}"
            self.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.call_from_thread(self.notify, f"Screenshot saved to {target}", markup=False)

    def action_open_banks(self) -> None:
        from .banks import BanksScreen

        self.push_screen(BanksScreen(), lambda _: self.refresh_home())

    def open_editor(self, path: Path) -> None:
        from facilitator.bank import is_bundled

        from .editor import EditorScreen

        self.push_screen(EditorScreen(path, read_only=is_bundled(path)))

    def open_replay(
        self, replay: Replay, *, at: float = 0.0, speed: float = 1, from_shell: bool = False
    ) -> None:
        """Replay a session; leaving a replay started `from_shell` ends the app."""
        from .replay import ReplayScreen

        left = (lambda _: self.exit()) if from_shell else None
        self.push_screen(ReplayScreen(replay, at=at, speed=speed), left)

    def action_open_library(self) -> None:
        from .library import LibraryScreen

        self.push_screen(LibraryScreen(self.sessions_dir), lambda _: self.refresh_home())

    def action_open_trash(self) -> None:
        from .library import TrashScreen

        self.push_screen(TrashScreen(self.sessions_dir), lambda _: self.refresh_home())

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
        """Quitting asks first while a bank being edited has unsaved changes, and keeps what was
        typed and not committed in a live session as drafts, as `q` does."""
        for screen in reversed(self.screen_stack):
            if _shown(screen, "editor", "EditorScreen") and screen.dirty:
                screen.confirm_leave(self.exit)
                return
        for screen in self.screen_stack:
            if _shown(screen, "run", "RunScreen"):
                screen.keep_drafts()
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
            self.screen.workshop.autostart = autostart
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
            "Trash: restore or delete sessions for good",
            "Deleted sessions with their journals, backups and exports; key T in the library",
            self.action_open_trash,
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
            yield from screen.commands()
