"""Asks which format to export a report in; dismisses with "md", "html", "json" or None."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

CHOICES = (
    ("md", "Markdown (m)", "for a wiki or an e-mail"),
    ("html", "HTML (h)", "one page to print or share"),
    ("json", "JSON (j)", "for other tools"),
)


class ExportDialog(ModalScreen[str | None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "choose('md')", "Markdown"),
        Binding("h", "choose('html')", "HTML"),
        Binding("j", "choose('json')", "JSON"),
        Binding("escape", "choose(None)", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog export"):
            yield Static("Export the report as:")
            for _, label, use in CHOICES:
                yield Static(f"  {label}: {use}", classes="muted")
            with Horizontal(classes="buttons"):
                for key, label, _ in CHOICES:
                    yield Button(label, id=key)
                yield Button("Cancel (esc)", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_choose(self, fmt: str | None) -> None:
        self.dismiss(fmt)
