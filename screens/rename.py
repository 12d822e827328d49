"""Renaming a running session: its title, both parties and the moderator, filled in as they
are now. Saving hands the fields to `apply` (the workshop's rename); a refusal shows in the
dialog, which stays open. Enter moves to the next field and saves on the last one."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

FIELDS = (
    ("title", "Session title"),
    ("party_a", "Party A"),
    ("party_b", "Party B"),
    ("moderator", "Moderator"),
)


class RenameDialog(ModalScreen[bool]):
    """Dismisses with True once renamed, False if cancelled."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, names: Mapping[str, str], apply: Callable[[dict[str, str]], None]) -> None:
        """`apply` raises ValueError, with a reason to show, when it refuses the names."""
        super().__init__()
        self.names = dict(names)
        self.apply = apply

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Rename (recorded in the session; replays show each name as it was)"))
            for name, label in FIELDS:
                yield Label(label)
                yield Input(value=self.names[name], id=name.replace("_", "-"))
            yield Label("", id="problem")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        fields = list(self.query(Input))
        index = fields.index(event.input)
        if index + 1 < len(fields):
            fields[index + 1].focus()
        else:
            self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        values = {
            name: self.query_one(f"#{name.replace('_', '-')}", Input).value for name, _ in FIELDS
        }
        try:
            self.apply(values)
        except ValueError as error:
            self.query_one("#problem", Label).update(Text(str(error), style="bold red"))
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
