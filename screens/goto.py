"""Asking for a moment of a replay, written MM:SS or H:MM:SS; dismisses with seconds or None."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label

from facilitator.base import format_clock, parse_clock
from screens.dialog import Dialog


class GoToDialog(Dialog[float | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, duration: float, position: float) -> None:
        super().__init__()
        self.duration = duration
        self.position = position

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(f"Go to a moment between 0:00 and {format_clock(self.duration)}"))
            yield Input(format_clock(self.position), placeholder="MM:SS or H:MM:SS", id="moment")
            yield Label("", id="problem")

    def on_mount(self) -> None:
        self.query_one("#moment", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            seconds = parse_clock(event.value)
        except ValueError as error:
            self.show_problem(str(error))
            return
        if seconds > self.duration:
            self.show_problem(f"the session lasts {format_clock(self.duration)}")
            return
        self.dismiss(float(seconds))

    def action_cancel(self) -> None:
        self.dismiss(None)
