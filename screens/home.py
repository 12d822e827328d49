"""The home screen: the banks one can run and the sessions saved so far."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label

from facilitator.durations import format_duration
from facilitator.library import BankEntry, bundled_banks
from facilitator.listing import COLUMNS, summary_cells
from facilitator.session import SessionSummary
from facilitator.store import list_sessions


@dataclass(frozen=True)
class _Listing:
    banks: list[BankEntry]
    sessions: list[SessionSummary]


class HomeScreen(Screen[None]):
    """Lists banks and sessions; running and replaying them arrive with later screens."""

    CSS_PATH = "home.tcss"
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("q", "app.quit", "Quit"),
        Binding("r", "refresh", "Refresh"),
    ]

    def __init__(self, sessions_dir: Path) -> None:
        super().__init__()
        self.sessions_dir = sessions_dir

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Question banks", classes="heading")
        yield DataTable(id="banks", cursor_type="row", zebra_stripes=True)
        yield Label("Saved sessions", classes="heading")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#banks", DataTable).add_columns("Bank", "Sections", "Questions", "Time")
        self.query_one("#sessions", DataTable).add_columns(*COLUMNS)
        self.action_refresh()

    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        listing = _Listing(bundled_banks(), list_sessions(self.sessions_dir))
        self.app.call_from_thread(self.show, listing)

    def show(self, listing: _Listing) -> None:
        banks = self.query_one("#banks", DataTable)
        banks.clear()
        for entry in listing.banks:
            if entry.bank is None:
                banks.add_row(Text(entry.path.name), Text(entry.error, style="red"), "", "")
                continue
            bank = entry.bank
            banks.add_row(
                Text(bank.title),
                Text(str(len(bank.sections)), justify="right"),
                Text(str(sum(1 for _ in bank.questions)), justify="right"),
                Text(format_duration(bank.total), justify="right"),
                key=str(entry.path),
            )
        sessions = self.query_one("#sessions", DataTable)
        sessions.clear()
        for summary in listing.sessions:
            sessions.add_row(
                *(Text(cell) for cell in summary_cells(summary)), key=str(summary.path)
            )
