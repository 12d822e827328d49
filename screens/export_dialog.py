"""Asks which format to export a report in; dismisses with a format's name (`ExportFormat.name`:
"md", "html", "json") or None."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from facilitator.report import EXPORT_FORMATS, ExportFormat
from screens.dialog import Dialog


def key_of(export_format: ExportFormat) -> str:
    """The key that picks a format: its title's first letter (m, h, j)."""
    return export_format.title[0].lower()


def label_of(export_format: ExportFormat) -> str:
    return f"{export_format.title} ({key_of(export_format)})"


class ExportDialog(Dialog[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(key_of(f), f"choose('{f.name}')", f.title) for f in EXPORT_FORMATS),
        Binding("escape", "choose(None)", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog export"):
            yield Static("Export the report as:")
            for export_format in EXPORT_FORMATS:
                yield Static(f"  {label_of(export_format)}: {export_format.use}", classes="muted")
            with Horizontal(classes="buttons"):
                for export_format in EXPORT_FORMATS:
                    yield Button(label_of(export_format), id=export_format.name)
                yield Button("Cancel (esc)", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_choose(self, fmt: str | None) -> None:
        self.dismiss(fmt)
