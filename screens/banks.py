"""The bank library: the bundled banks (read-only) and the user's own, to open in the editor, copy,
or start anew from a template."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Static

from facilitator.bank import (
    BankEntry,
    bundled_banks,
    create_bank,
    duplicate_bank,
    new_bank_path,
    user_banks,
    user_banks_dir,
)
from facilitator.base import FacilitatorError, format_duration, plural

from .editor import EditorScreen
from .prompt import PromptDialog
from .widgets.footer import ReleasingFooter
from .widgets.table import RowTable

if TYPE_CHECKING:
    from textual import getters

    from .app import FacilitatorApp

COLUMNS = ("Bank", "Sections", "Questions", "Time", "Status", "File")


@dataclass(frozen=True)
class _Listing:
    folder: Path
    bundled: list[BankEntry]
    mine: list[BankEntry]


def entry_cells(entry: BankEntry) -> tuple[Text, ...]:
    """One row: a bank with problems still shows its title and size, and how many problems."""
    draft = entry.draft
    if draft is None:
        return (Text(entry.path.name), Text(""), Text(""), Text(""),
                Text(entry.error, style="red"), Text(entry.path.name))  # fmt: skip
    if entry.problem_count:
        count = entry.problem_count
        status = Text(f"✖ {plural(count, 'problem')}", style="bold red")
    else:
        status = Text("✓ ready", style="green")
    return (
        Text(draft.title or "(no title)"),
        Text(str(len(draft.sections)), justify="right"),
        Text(str(draft.question_count), justify="right"),
        Text(format_duration(draft.total), justify="right"),
        status,
        Text(entry.path.name, style="dim"),
    )


class BanksScreen(Screen[None]):
    if TYPE_CHECKING:
        # Textual types `app` as any App; this screen is only ever shown by FacilitatorApp.
        app = getters.app(FacilitatorApp)

    CSS_PATH = "banks.tcss"
    SUB_TITLE = "Question banks"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit / view"),
        Binding("d", "duplicate", "Duplicate"),
        Binding("n", "new", "New bank"),
        Binding("f", "folder", "Folder"),
        Binding("r", "refresh", "Refresh"),
        Binding("escape,q", "close", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[str, BankEntry] = {}
        self.select_after_load: Path | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(
            "Bundled banks · read-only: d copies one into your folder to edit", classes="heading"
        )
        yield self.table("bundled")
        yield Label(id="mine-heading", classes="heading")
        yield self.table("mine")
        yield Static(id="empty")
        yield ReleasingFooter()

    @staticmethod
    def table(table_id: str) -> RowTable:
        return RowTable(*COLUMNS, id=table_id)

    def on_screen_resume(self) -> None:
        """Back from the editor (or first shown): banks may have been added or changed."""
        self.action_refresh()

    @property
    def folder(self) -> Path:
        return user_banks_dir(self.app.settings.banks_dir)

    def action_refresh(self) -> None:
        self.load(self.folder)

    @work(thread=True, exclusive=True, group="list")
    def load(self, folder: Path) -> None:
        listing = _Listing(folder, bundled_banks(), user_banks(folder))
        self.app.call_from_thread(self.show, listing)

    def show(self, listing: _Listing) -> None:
        self.entries = {str(entry.path): entry for entry in listing.bundled + listing.mine}
        for table_id, entries in (("bundled", listing.bundled), ("mine", listing.mine)):
            table = self.query_one(f"#{table_id}", DataTable)
            table.clear()
            for entry in entries:
                table.add_row(*entry_cells(entry), key=str(entry.path))
        heading = Text("Your banks · ")
        heading.append(str(listing.folder), "dim")
        self.query_one("#mine-heading", Label).update(heading)
        empty = self.query_one("#empty", Static)
        empty.display = not listing.mine
        self.query_one("#mine", DataTable).display = bool(listing.mine)
        empty.update(
            Text(
                "No banks of your own yet: n starts one from a template, "
                "d copies the selected bundled bank."
            )
        )
        mine = self.query_one("#mine", DataTable)
        if self.select_after_load is not None:
            key = str(self.select_after_load)
            self.select_after_load = None
            if key in self.entries and not self.entries[key].bundled:
                mine.move_cursor(row=mine.get_row_index(key))
                mine.focus()

    def selected(self) -> BankEntry | None:
        """The bank under the cursor of the table that has (or last had) the focus."""
        focused = self.focused
        table = focused if isinstance(focused, RowTable) else self.query_one("#bundled", RowTable)
        return self.entries.get(table.selected_key() or "")

    @on(DataTable.RowSelected)
    def row_selected(self, event: DataTable.RowSelected) -> None:
        entry = self.entries.get(event.row_key.value or "")
        if entry is not None:
            self.open(entry.path, read_only=entry.bundled)

    def action_edit(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.open(entry.path, read_only=entry.bundled)

    def open(self, path: Path, *, read_only: bool) -> None:
        self.app.push_screen(EditorScreen(path, read_only=read_only))

    def action_duplicate(self) -> None:
        entry = self.selected()
        if entry is None:
            self.notify("Choose a bank to copy first", severity="warning")
            return
        source, folder = entry.path, self.folder
        self.create(lambda: duplicate_bank(source, folder), "Copied")

    def action_new(self) -> None:
        folder = self.folder

        def named(name: str | None) -> None:
            if name:
                self.create(lambda: create_bank(new_bank_path(folder, name), name), "Created")

        self.app.push_screen(
            PromptDialog("Name of the new bank", placeholder="e.g. Acme and Globex, first meeting"),
            named,
        )

    @work(thread=True, exclusive=True, group="create")
    def create(self, making: Callable[[], Path], done: str) -> None:
        """Writing a bank touches the disk: never on the UI thread."""
        try:
            path = making()
        except (FacilitatorError, OSError) as error:
            message = str(error) if isinstance(error, FacilitatorError) else (
                f"{getattr(error, 'filename', '') or ''}: {error.strerror or error}"
            )  # fmt: skip
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.app.call_from_thread(self.created, path, done)

    def created(self, path: Path, done: str) -> None:
        self.notify(f"{done} {path}", markup=False)
        self.select_after_load = path
        self.open(path, read_only=False)

    def action_folder(self) -> None:
        def chosen(folder: str | None) -> None:
            if folder is None:
                return
            settings = replace(self.app.settings, banks_dir=folder)
            self.app.settings = settings
            self.app.save_settings()
            shown = user_banks_dir(folder)
            if shown != Path(folder).expanduser():
                self.notify(
                    f"FACILITATOR_BANKS_DIR is set, so {shown} is used until it is unset",
                    severity="warning",
                    markup=False,
                )
            self.action_refresh()

        self.app.push_screen(
            PromptDialog("Folder for your own banks", value=str(self.folder)), chosen
        )

    def action_close(self) -> None:
        self.dismiss(None)
