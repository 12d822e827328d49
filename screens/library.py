"""The session library: every saved session, filtered by words; resume, replay or delete one;
and its trash, where a deleted session is restored or deleted for good.

Listing, deleting and restoring touch the disk, so they run in thread workers; the screens only
show the rows `facilitator.store.listing` returns.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label

from facilitator.base import FacilitatorError, plural, trash_dir
from facilitator.store import (
    COLUMNS,
    SessionRow,
    delete_for_good,
    doomed,
    empty_trash,
    filtered,
    library,
    restore,
    trash,
    trashed,
)

from .confirm import ConfirmDialog
from .widgets.footer import ReleasingFooter
from .widgets.table import RowTable

if TYPE_CHECKING:
    from textual import getters

    from .app import FacilitatorApp


class SessionList(Screen[None]):
    """A filtered table of sessions read from disk; the library and the trash say which."""

    if TYPE_CHECKING:
        # Textual types `app` as any App; this screen is only ever shown by FacilitatorApp.
        app = getters.app(FacilitatorApp)

    CSS_PATH = "library.tcss"

    def __init__(self, sessions_dir: Path) -> None:
        super().__init__()
        self.sessions_dir = sessions_dir
        self.rows: list[SessionRow] = []
        self.shown: dict[str, SessionRow] = {}

    def compose(self) -> ComposeResult:
        yield Label(Text(self.heading()), classes="heading")
        yield Input(placeholder="Filter: words from the title, bank, parties, date or status (/)",
                    id="filter")  # fmt: skip
        yield RowTable(*COLUMNS, id="sessions")
        yield Label("", id="count")
        yield ReleasingFooter()

    def on_mount(self) -> None:
        self.query_one("#sessions", DataTable).focus()
        self.load()

    def on_screen_resume(self) -> None:
        # Back from a run or a replay: a resumed session may have moved on or ended.
        if self.is_mounted:
            self.load()

    def heading(self) -> str:
        raise NotImplementedError

    def read_rows(self) -> list[SessionRow]:
        """The rows to list (called in a thread worker)."""
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="list")
    def load(self) -> None:
        rows = self.read_rows()
        self.app.call_from_thread(self.show, rows)

    def show(self, rows: list[SessionRow]) -> None:
        self.rows = rows
        self.apply_filter()

    @on(Input.Changed, "#filter")
    def apply_filter(self) -> None:
        table = self.query_one("#sessions", DataTable)
        selected = self.selected()
        table.clear()
        query = self.query_one("#filter", Input).value
        rows = filtered(self.rows, query)
        self.shown = {str(row.path): row for row in rows}
        for row in rows:
            cells = [Text(cell) for cell in row.cells]
            if not row.readable:
                cells[2].stylize("red")
            table.add_row(*cells, key=str(row.path))
        if selected is not None and str(selected.path) in self.shown:
            table.move_cursor(row=table.get_row_index(str(selected.path)))
        count = plural(len(rows), "session")
        if query:
            count = f"{len(rows)} of {plural(len(self.rows), 'session')}"
        self.query_one("#count", Label).update(Text(count))

    @on(Input.Submitted, "#filter")
    def leave_filter(self) -> None:
        self.query_one("#sessions", DataTable).focus()

    def selected(self) -> SessionRow | None:
        return self.shown.get(self.query_one("#sessions", RowTable).selected_key() or "")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        raise NotImplementedError

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_back(self) -> None:
        if self.query_one("#filter", Input).has_focus:
            self.query_one("#sessions", DataTable).focus()
        else:
            self.dismiss(None)


class LibraryScreen(SessionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "replay", "Replay"),
        Binding("r", "resume", "Resume"),
        Binding("x", "export", "Export"),
        Binding("d,delete", "delete", "Delete"),
        Binding("T", "open_trash", "Trash"),
        Binding("slash", "filter", "Filter"),
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
    ]

    def heading(self) -> str:
        return f"Saved sessions in {self.sessions_dir}"

    def read_rows(self) -> list[SessionRow]:
        return library(self.sessions_dir)

    def action_open(self) -> None:
        """A session still in progress is resumed; an ended one is replayed."""
        row = self.selected()
        if row is not None:
            if row.ended:
                self.action_replay()
            else:
                self.action_resume()

    def action_replay(self) -> None:
        row = self.selected()
        if row is not None and self._readable(row):
            self.app.replay_session(row.path)

    def action_export(self) -> None:
        """The selected session's report, as it stands (a session in progress too)."""
        row = self.selected()
        if row is not None and self._readable(row):
            self.app.export_report(row.path)

    def action_resume(self) -> None:
        row = self.selected()
        if row is None or not self._readable(row):
            return
        if row.ended:
            self.notify("This session has ended: v replays it", severity="warning")
            return
        self.app.resume_session(row.path)

    def _readable(self, row: SessionRow) -> bool:
        if not row.readable:
            self.notify(f"{row.path.name} cannot be read: facilitator recover may restore it",
                        severity="error", markup=False)  # fmt: skip
        return row.readable

    def action_delete(self) -> None:
        row = self.selected()
        if row is None:
            return
        title = row.cells[1]

        def answered(yes: bool | None) -> None:
            if yes:
                self.move_to_trash(row.path)

        question = (
            f"Move “{title}” to the trash, with its exports? It is kept in "
            f"{trash_dir(self.sessions_dir)} (T shows the trash) until you delete it for good."
        )
        self.app.push_screen(ConfirmDialog(question), answered)

    @work(thread=True, exclusive=True, group="trash")
    def move_to_trash(self, path: Path) -> None:
        try:
            moved = trash(path)
        except (FacilitatorError, OSError) as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(self.notify, f"Moved to {moved}", markup=False)
        self.app.call_from_thread(self.load)

    def action_open_trash(self) -> None:
        self.app.push_screen(TrashScreen(self.sessions_dir))


class TrashScreen(SessionList):
    """The sessions in the trash: restore one, delete one for good, or empty the trash."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("u", "restore", "Restore"),
        Binding("d,delete", "delete", "Delete for good"),
        Binding("e", "empty", "Empty trash"),
        Binding("slash", "filter", "Filter"),
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
    ]

    def heading(self) -> str:
        return f"The trash: {trash_dir(self.sessions_dir)} (u restores a session)"

    def read_rows(self) -> list[SessionRow]:
        return trashed(self.sessions_dir)

    def action_open(self) -> None:
        """Enter restores: the one harmless thing to do with a trashed session."""
        self.action_restore()

    def action_restore(self) -> None:
        row = self.selected()
        if row is not None:
            self.restore(row.path)

    @work(thread=True, exclusive=True, group="trash")
    def restore(self, path: Path) -> None:
        try:
            back = restore(path)
        except (FacilitatorError, OSError) as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(self.notify, f"Restored to {back}", markup=False)
        self.app.call_from_thread(self.load)

    def action_delete(self) -> None:
        row = self.selected()
        if row is None:
            return
        going = doomed(row.path)

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete_for_good(row.path)

        question = (
            f"Delete “{row.cells[1]}” for good? This removes {going.describe()} "
            f"({plural(len(going.files), 'file')}); it cannot be undone."
        )
        self.app.push_screen(ConfirmDialog(question), answered)

    @work(thread=True, exclusive=True, group="trash")
    def delete_for_good(self, path: Path) -> None:
        try:
            gone = delete_for_good(path)
        except (FacilitatorError, OSError) as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        message = f"Deleted for good: {gone.describe()}"
        self.app.call_from_thread(self.notify, message, markup=False)
        self.app.call_from_thread(self.load)

    def action_empty(self) -> None:
        if not self.rows:
            self.notify("The trash is empty")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.empty()

        question = (
            f"Empty the trash? This deletes {plural(len(self.rows), 'session')} for good, each "
            "with its journal, backups and exports; it cannot be undone."
        )
        self.app.push_screen(ConfirmDialog(question), answered)

    @work(thread=True, exclusive=True, group="trash")
    def empty(self) -> None:
        try:
            count = empty_trash(self.sessions_dir)
        except (FacilitatorError, OSError) as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
        else:
            message = f"The trash is empty: {plural(count, 'session')} deleted for good"
            self.app.call_from_thread(self.notify, message)
        self.app.call_from_thread(self.load)
