"""The home screen: the banks one can run and the sessions saved so far.

It is the one screen a start imports: the bank list comes from the cache of summaries, banks are
parsed when one is chosen, and the set-up screen and the live domain load when first needed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label

from facilitator.bank import (
    BankEntry,
    BankSummary,
    bank_list,
    cached_bank_list,
    load_entry,
    user_banks_dir,
)
from facilitator.base import FacilitatorError, format_duration, inflect, plural

from .widgets.footer import KeyFooter
from .widgets.table import RowTable

if TYPE_CHECKING:
    from textual import getters

    from facilitator.live import Workshop
    from facilitator.store import SessionRow

    from .app import FacilitatorApp
    from .setup import SetupInput


class HomeScreen(Screen[None]):
    """The banks one can run and the sessions saved so far: start, resume, replay, export."""

    if TYPE_CHECKING:
        # Textual types `app` as any App; this screen is only ever shown by FacilitatorApp.
        app = getters.app(FacilitatorApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "app.open_banks", "Banks"),
        Binding("l", "app.open_library", "Sessions"),
        Binding("v", "replay", "Replay"),
        Binding("x", "export", "Export"),
        Binding("t", "app.toggle_theme", "Theme"),
        Binding("r", "refresh", "Refresh"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, sessions_dir: Path) -> None:
        super().__init__()
        self.sessions_dir = sessions_dir
        self.entries: dict[str, BankSummary] = {}
        self.sessions: dict[str, SessionRow] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Question banks · Enter starts a session", classes="heading")
        yield RowTable("Bank", "Sections", "Questions", "Time", "From", id="banks")
        yield Label("Saved sessions · Enter resumes one (replays an ended one) · v replays · "
                    "x exports", classes="heading")  # fmt: skip
        yield RowTable(id="sessions")
        yield KeyFooter()

    def on_mount(self) -> None:
        # When the cache holds every bank as it is (the usual start), the first frame shows the
        # list: one read of a small file and a stat per bank, no parse.
        listed = cached_bank_list(self.banks_folder())
        if listed is None:
            self.load()
            return
        self.show_banks(listed)
        # The sessions come after that frame anyway: so does their worker (a thread, and the
        # import of the thread pool, which nothing else in a start needs).
        self.call_after_refresh(self.load, banks=False)

    def action_refresh(self) -> None:
        self.load()

    def banks_folder(self) -> Path:
        return user_banks_dir(self.app.settings.banks_dir)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click) on a bank sets up a new session; on a saved session, resumes it,
        or replays it once it has ended."""
        key = event.row_key.value
        if key is None:
            return
        if event.data_table.id == "banks":
            summary = self.entries.get(key)
            if summary is not None:
                self.set_up(summary)
        elif key in self.sessions and self.sessions[key].ended:
            self.app.replay_session(Path(key))
        else:
            self.app.resume_session(Path(key))

    def selected_session(self) -> Path | None:
        """The saved session under the cursor of the sessions list."""
        key = self.query_one("#sessions", RowTable).selected_key()
        return None if key is None else Path(key)

    def action_replay(self) -> None:
        if (session := self.selected_session()) is not None:
            self.app.replay_session(session)

    def action_export(self) -> None:
        """The selected session's report, as it stands (a session in progress too)."""
        if (session := self.selected_session()) is not None:
            self.app.export_report(session)

    @work(thread=True, exclusive=True, group="open")
    def set_up(self, summary: BankSummary) -> None:
        """Parse the chosen bank (off the UI thread: a bank may be long), then set up a session
        of it, or say why it cannot run."""
        entry = load_entry(summary.path, bundled=summary.bundled)
        self.app.call_from_thread(self.show_set_up, entry)

    def show_set_up(self, entry: BankEntry) -> None:
        if entry.bank is not None:
            from .setup import SetupScreen

            self.app.push_screen(SetupScreen(entry.bank), partial(self.start, entry.path))
            return
        count = entry.problem_count or 1
        self.notify(
            f"{entry.path.name} has {plural(count, 'problem')}: "
            "b opens the bank library, where the editor shows "
            f"{inflect(count, 'it', 'them')}",
            severity="warning",
            markup=False,
        )

    def start(self, bank_path: Path, setup: SetupInput | None) -> None:
        from facilitator.live import Workshop

        if setup is not None:
            self.open_in_worker(
                lambda: Workshop.start(
                    self.sessions_dir, bank_path, title=setup.title, party_a=setup.party_a,
                    party_b=setup.party_b, moderator=setup.moderator,
                    autostart=self.app.settings.autostart,
                )
            )  # fmt: skip

    @work(thread=True, exclusive=True, group="open")
    def open_in_worker(self, opening: Callable[[], Workshop]) -> None:
        """Creating a session touches the disk: never on the UI thread."""
        try:
            workshop = opening()
        except (FacilitatorError, OSError) as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(self.app.open_workshop, workshop)

    @work(thread=True, exclusive=True)
    def load(self, banks: bool = True) -> None:
        """The banks first (unless `banks` is false: shown already), parsing only those the
        cache does not hold; then, once they are on screen, the sessions, which are read from
        their files (and need the store, imported here rather than before the first frame)."""
        if banks:
            self.app.call_from_thread(self.show_banks, bank_list(self.banks_folder()))
        # mypy solves `T | Awaitable[T]` in call_from_thread's type as Never for any coroutine
        # function; Textual awaits it and returns its None, as the call means.
        self.app.call_from_thread(self.painted)  # type: ignore[arg-type]
        from facilitator.store import COLUMNS, library

        self.app.call_from_thread(self.show_sessions, COLUMNS, library(self.sessions_dir))

    async def painted(self) -> None:
        """Returns once the screen has been drawn with what came before, or after a second if
        no frame comes (an app closing drops the callback; the worker must not wait forever)."""
        drawn = asyncio.Event()
        self.call_after_refresh(drawn.set)
        waiting = asyncio.ensure_future(drawn.wait())
        await asyncio.wait([waiting], timeout=1.0)
        waiting.cancel()

    def show_banks(self, summaries: list[BankSummary]) -> None:
        banks = self.query_one("#banks", DataTable)
        banks.clear()
        self.entries = {str(summary.path): summary for summary in summaries}
        for summary in summaries:
            origin = "bundled" if summary.bundled else "yours"
            if not summary.runnable:
                cells = (Text(summary.path.name), Text(summary.error, style="red"), "", "", origin)
                banks.add_row(*cells, key=str(summary.path))
                continue
            banks.add_row(
                Text(summary.title),
                Text(str(summary.sections), justify="right"),
                Text(str(summary.questions), justify="right"),
                Text(format_duration(summary.total), justify="right"),
                Text(origin, style="dim"),
                key=str(summary.path),
            )

    def show_sessions(self, columns: tuple[str, ...], rows: list[SessionRow]) -> None:
        sessions = self.query_one("#sessions", DataTable)
        sessions.clear()
        if not sessions.columns:
            sessions.add_columns(*map(Text, columns))
        self.sessions = {str(row.path): row for row in rows}
        for row in rows:
            sessions.add_row(*(Text(cell) for cell in row.cells), key=str(row.path))
