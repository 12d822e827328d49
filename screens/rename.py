"""Renaming a running session: its title, both parties and the moderator, filled in as they
are now. Saving hands the fields to `apply` (the workshop's rename); a refusal shows in the
dialog, which stays open. Enter moves to the next field and saves on the last one."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from screens.dialog import FormDialog

FIELDS = (
    ("title", "Session title"),
    ("party_a", "Party A"),
    ("party_b", "Party B"),
    ("moderator", "Moderator"),
)


class RenameDialog(FormDialog[bool]):
    """Dismisses with True once renamed, False if cancelled."""

    def __init__(self, names: Mapping[str, str], apply: Callable[[dict[str, str]], None]) -> None:
        """`apply` raises ValueError, with a reason to show, when it refuses the names."""
        super().__init__(cancelled=False)
        self.names = dict(names)
        self.apply = apply

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Rename (recorded in the session; replays show each name as it was)"))
            for name, label in FIELDS:
                yield Label(label)
                yield Input(value=self.names[name], id=name.replace("_", "-"))
            yield Label("", id="problem")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def action_save(self) -> None:
        values = {
            name: self.query_one(f"#{name.replace('_', '-')}", Input).value for name, _ in FIELDS
        }
        try:
            self.apply(values)
        except ValueError as error:
            self.show_problem(str(error))
            return
        self.dismiss(True)
