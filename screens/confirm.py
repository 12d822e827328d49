"""A yes/no question that dismisses with the answer."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from screens.dialog import Dialog


class ConfirmDialog(Dialog[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, *, deliberate: bool = False) -> None:
        """`deliberate`: only `y` (or a click on Yes) says yes; the focus starts on No, so an
        Enter meant for something else never admits a device that popped up meanwhile."""
        super().__init__()
        self.question = question
        self.deliberate = deliberate

    def on_mount(self) -> None:
        if self.deliberate:
            self.query_one("#no", Button).focus()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question))
            with Horizontal(classes="buttons"):
                yield Button("Yes (y)", id="yes", variant="error")
                yield Button("No (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
