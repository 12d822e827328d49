"""Asking how much time the current section has left, typed `4:30` (or `5` for whole minutes);
dismisses with seconds, or None if cancelled."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label

from facilitator.base import format_clock, parse_clock
from screens.dialog import Dialog


def parse_time_left(text: str) -> int:
    """Seconds in `4:30`, `1:05:00` or whole minutes (`5`); ValueError says how to write it."""
    text = text.strip()
    if text.isdigit() and len(text) <= 4:
        return int(text) * 60
    try:
        return parse_clock(text)
    except ValueError:
        problem = f"bad time '{text}' (write it as M:SS, like 4:30, or minutes, like 5)"
        raise ValueError(problem) from None


class TimeLeftDialog(Dialog[float | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, section: str, left: float) -> None:
        super().__init__()
        self.section = section
        self.left = left

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(f"Time left in {self.section} (now {format_clock(self.left)})"))
            yield Input(placeholder="M:SS, like 4:30, or minutes", id="left")
            yield Label("enter sets it · escape cancels", id="problem")

    def on_mount(self) -> None:
        self.query_one("#left", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            seconds = parse_time_left(event.value)
        except ValueError as error:
            self.show_problem(str(error))
            return
        self.dismiss(float(seconds))

    def action_cancel(self) -> None:
        self.dismiss(None)
