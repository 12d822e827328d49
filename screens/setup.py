"""Setting up a session: the bank is chosen, the parties, moderator and title are named here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
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
    BINDINGS: ClassVar[list[Binding]] = [
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
            yield Input(value=bank.title, id="title")
            yield Label("The two parties")
            with Horizontal(classes="row"):
                yield Input(value=bank.party_a, placeholder="Party A", id="party-a")
                yield Input(value=bank.party_b, placeholder="Party B", id="party-b")
            yield Label("Moderator")
            yield Input(placeholder="Your name", id="moderator")
            with Horizontal(classes="buttons"):
                yield Button("Start (ctrl+s)", id="start", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#party-a", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_cancel()

    def on_input_submitted(self) -> None:
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
