"""The home screen: the banks one can run and the sessions saved so far."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label

from facilitator.bank import BankEntry, bundled_banks, user_banks, user_banks_dir
from facilitator.base import FacilitatorError, format_duration, inflect, plural
from facilitator.live import Workshop
from facilitator.store import COLUMNS, SessionRow, library

from .setup import SetupInput, SetupScreen
from .widgets.table import MeasuredTable


@dataclass(frozen=True)
class _Listing:
    banks: list[BankEntry]
    sessions: list[SessionRow]


class HomeScreen(Screen[None]):
    """The banks one can run and the sessions saved so far: start, resume, replay, export."""

    CSS_PATH = "home.tcss"
    BINDINGS: ClassVar[list[Binding]] = [
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
        self.entries: dict[str, BankEntry] = {}
        self.sessions: dict[str, SessionRow] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Question banks · Enter starts a session", classes="heading")
        yield MeasuredTable(id="banks", cursor_type="row", zebra_stripes=True)
        yield Label("Saved sessions · Enter resumes one (replays an ended one) · v replays · "
                    "x exports", classes="heading")  # fmt: skip
        yield MeasuredTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#banks", DataTable).add_columns(
            "Bank", "Sections", "Questions", "Time", "From"
        )
        self.query_one("#sessions", DataTable).add_columns(*COLUMNS)
        self.action_refresh()

    def action_refresh(self) -> None:
        self.load()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click) on a bank sets up a new session; on a saved session, resumes it,
        or replays it once it has ended."""
        key = event.row_key.value
        if key is None:
            return
        if event.data_table.id == "banks":
            entry = self.entries.get(key)
            if entry is not None and entry.bank is not None:
                self.app.push_screen(SetupScreen(entry.bank), partial(self.start, entry.path))
            elif entry is not None:
                count = entry.problem_count or 1
                self.notify(
                    f"{entry.path.name} has {plural(count, 'problem')}: "
                    "b opens the bank library, where the editor shows "
                    f"{inflect(count, 'it', 'them')}",
                    severity="warning",
                    markup=False,
                )
        elif key in self.sessions and self.sessions[key].ended:
            self.app.replay_session(Path(key))  # type: ignore[attr-defined]
        else:
            self.app.resume_session(Path(key))  # type: ignore[attr-defined]

    def selected_session(self) -> Path | None:
        """The saved session under the cursor of the sessions list."""
        table = self.query_one("#sessions", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            if key is not None:
                return Path(key)
        return None

    def action_replay(self) -> None:
        if (session := self.selected_session()) is not None:
            self.app.replay_session(session)  # type: ignore[attr-defined]

    def action_export(self) -> None:
        """The selected session's report, as it stands (a session in progress too)."""
        if (session := self.selected_session()) is not None:
            self.app.export_report(session)  # type: ignore[attr-defined]

    def start(self, bank_path: Path, setup: SetupInput | None) -> None:
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
    def load(self) -> None:
        mine = user_banks(user_banks_dir(self.app.settings.banks_dir))
        listing = _Listing(bundled_banks() + mine, library(self.sessions_dir))
        self.app.call_from_thread(self.show, listing)

    def show(self, listing: _Listing) -> None:
        banks = self.query_one("#banks", DataTable)
        banks.clear()
        self.entries = {str(entry.path): entry for entry in listing.banks}
        for entry in listing.banks:
            if entry.bank is None:
                cells = (Text(entry.path.name), Text(entry.error, style="red"), "", "", "yours")
                banks.add_row(*cells, key=str(entry.path))
                continue
            bank = entry.bank
            banks.add_row(
                Text(bank.title),
                Text(str(len(bank.sections)), justify="right"),
                Text(str(bank.question_count), justify="right"),
                Text(format_duration(bank.total), justify="right"),
                Text("bundled" if entry.bundled else "yours", style="dim"),
                key=str(entry.path),
            )
        sessions = self.query_one("#sessions", DataTable)
        sessions.clear()
        self.sessions = {str(row.path): row for row in listing.sessions}
        for row in listing.sessions:
            sessions.add_row(*(Text(cell) for cell in row.cells), key=str(row.path))
