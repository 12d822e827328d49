"""The moderator's word on a comparison: a status of their own and a comment, or neither (which
clears the override). Dismisses with an `OverrideInput`, or None when cancelled."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult, CSSPathType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from facilitator.compare import Verdict
from facilitator.live import Workshop
from facilitator.session import SCORED, Status
from screens.dialog import FormDialog


@dataclass(frozen=True)
class OverrideInput:
    status: Status | None
    """None keeps the computed status."""
    comment: str


class OverrideDialog(FormDialog[OverrideInput | None]):
    CSS_PATH: ClassVar[CSSPathType] = ["dialogs.tcss", "dashboard.tcss"]

    def __init__(self, verdict: Verdict) -> None:
        super().__init__(cancelled=None)
        self.verdict = verdict

    def compose(self) -> ComposeResult:
        verdict = self.verdict
        override = verdict.override
        chosen = override.status if override is not None else None
        heading = Text(verdict.question.text, style="bold")
        heading.append(f"\ncomputed: {verdict.computed.value}", "italic")
        heading.append(f" · {verdict.reason}", "dim")
        with Vertical(classes="dialog override"):
            yield Static(heading)
            with RadioSet(id="status"):
                yield RadioButton(Text("as computed"), value=chosen is None)
                for status in SCORED:
                    yield RadioButton(Text(status.value), value=status is chosen)
            yield Input(
                value=verdict.comment, placeholder="Comment (why the moderator sees it so)",
                id="comment",
            )  # fmt: skip
            clear = (
                [Button("Clear override", id="clear", variant="warning")]
                if override is not None
                else []
            )
            yield from self.buttons(*clear)

    def on_mount(self) -> None:
        self.query_one("#status", RadioSet).focus()

    def pressed(self, button: Button) -> None:
        """The one button of its own, Clear override (only there when there is one)."""
        self.dismiss(OverrideInput(None, ""))

    def action_save(self) -> None:
        pressed = self.query_one("#status", RadioSet).pressed_index
        status = SCORED[pressed - 1] if pressed > 0 else None
        self.dismiss(OverrideInput(status, self.query_one("#comment", Input).value.strip()))


def ask_override(screen: Screen, workshop: Workshop, verdict: Verdict) -> None:
    """Open the dialog for `verdict` and record what the moderator chose (nothing if cancelled).
    A hidden question cannot be judged in front of the room before it is revealed."""
    if verdict.masked:
        screen.notify("Reveal the question before setting its status", severity="warning")
        return

    def record(chosen: OverrideInput | None) -> None:
        if chosen is not None:
            workshop.override(verdict.question.id, chosen.status, chosen.comment)

    screen.app.push_screen(OverrideDialog(verdict), record)
