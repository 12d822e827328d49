"""Leaving a bank with unsaved changes: save them, discard them, or stay."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from screens.dialog import Dialog


class Unsaved(StrEnum):
    SAVE = "save"
    DISCARD = "discard"
    STAY = "stay"


class UnsavedDialog(Dialog[Unsaved]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "answer('save')", "Save"),
        Binding("d", "answer('discard')", "Discard"),
        Binding("escape", "answer('stay')", "Stay"),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.bank_name = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            question = Text("Save your changes to ")
            question.append(self.bank_name, "bold")
            question.append(" before leaving?")
            yield Static(question)
            with Horizontal(classes="buttons"):
                yield Button("Save (s)", id="save", variant="primary")
                yield Button("Discard (d)", id="discard", variant="error")
                yield Button("Stay (esc)", id="stay")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        assert event.button.id is not None  # each button above has the id of its answer
        self.dismiss(Unsaved(event.button.id))

    def action_answer(self, answer: str) -> None:
        self.dismiss(Unsaved(answer))
