"""Ask for one line of text (a bank's name, a folder); dismisses with it, or None if cancelled."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from screens.dialog import FormDialog


class PromptDialog(FormDialog[str | None]):
    SAVE_BUTTON = ("OK (enter)", "ok")

    def __init__(self, question: str, *, value: str = "", placeholder: str = "") -> None:
        super().__init__(cancelled=None)
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question))
            yield Input(value=self.value, placeholder=self.placeholder, id="answer")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#answer", Input).focus()

    def action_save(self) -> None:
        answer = self.query_one("#answer", Input).value.strip()
        self.dismiss(answer or None)
