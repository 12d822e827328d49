"""Setting up a session: the bank is chosen, the parties, moderator and title are named here.

Enter moves to the next field and starts only from the last one, so a name typed and confirmed
never starts a session half filled in; the bank's defaults show as placeholders and are used
for the fields left blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from facilitator.bank import Bank
from facilitator.base import format_duration, plural


@dataclass(frozen=True)
class SetupInput:
    title: str
    party_a: str
    party_b: str
    moderator: str


class SetupScreen(ModalScreen[SetupInput | None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "start", "Start"),
    ]

    def __init__(self, bank: Bank) -> None:
        super().__init__()
        self.bank = bank

    def compose(self) -> ComposeResult:
        bank = self.bank
        with Vertical(classes="dialog"):
            heading = Text(bank.title, style="bold")
            sections = plural(len(bank.sections), "section")
            heading.append(f"\n{sections} · {format_duration(bank.total)}")
            yield Static(heading)
            yield Label("Session title")
            yield Input(placeholder=bank.title, id="title")
            yield Label("The two parties (blank: the bank's names shown)")
            with Horizontal(classes="row"):
                yield Input(placeholder=bank.party_a or "Party A", id="party-a")
                yield Input(placeholder=bank.party_b or "Party B", id="party-b")
            yield Label("Moderator")
            yield Input(placeholder="Your name (optional)", id="moderator")
            with Horizontal(classes="buttons"):
                yield Button("Start (ctrl+s)", id="start", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves on to the next field; on the last one it starts the session."""
        fields = list(self.query(Input))
        index = fields.index(event.input)
        if index + 1 < len(fields):
            fields[index + 1].focus()
        else:
            self.action_start()

    def action_start(self) -> None:
        self.dismiss(
            SetupInput(
                title=self.query_one("#title", Input).value,
                party_a=self.query_one("#party-a", Input).value,
                party_b=self.query_one("#party-b", Input).value,
                moderator=self.query_one("#moderator", Input).value,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
