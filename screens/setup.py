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
from textual.widgets import Input, Label, Static

from facilitator.bank import Bank
from facilitator.base import format_duration, plural
from screens.dialog import FormDialog


@dataclass(frozen=True)
class SetupInput:
    title: str
    party_a: str
    party_b: str
    moderator: str


class SetupScreen(FormDialog[SetupInput | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "save", "Start")]
    SAVE_BUTTON = ("Start (ctrl+s)", "start")

    def __init__(self, bank: Bank) -> None:
        super().__init__(cancelled=None)
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
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def action_save(self) -> None:
        self.dismiss(
            SetupInput(
                title=self.query_one("#title", Input).value,
                party_a=self.query_one("#party-a", Input).value,
                party_b=self.query_one("#party-b", Input).value,
                moderator=self.query_one("#moderator", Input).value,
            )
        )
