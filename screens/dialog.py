"""The dialogs' common frame. `Dialog` is a box in the middle of the dimmed screen, styled here
once for every dialog; `FormDialog` adds what the dialogs with fields share: escape cancels,
ctrl+s (or the Save button) saves, Enter moves to the next field and saves on the last one, and
a refusal shows in the dialog, which stays open."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from rich.text import Text
from textual.app import ComposeResult, CSSPathType
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

R = TypeVar("R")


class Dialog(ModalScreen[R]):
    """A modal box: the dialog's content goes in a container with the class `dialog`."""

    # The dimmed screen behind stays in dialogs.tcss: it must be app CSS to win over the app's
    # own `Screen` background (app.tcss), which a DEFAULT_CSS rule cannot.
    CSS_PATH: ClassVar[CSSPathType] = "dialogs.tcss"
    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }

    .dialog {
        width: 64;
        max-width: 95%;
        height: auto;
        padding: 1 2;
        border: thick $accent;
        background: $surface;
    }

    .dialog .row Input {
        width: 1fr;
    }

    .dialog .buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }

    .dialog Button {
        margin-left: 1;
    }

    /* Four buttons: wide enough for all of them, Cancel included, from 80 columns up. */
    .dialog.export {
        width: 76;
    }

    .dialog.export Button {
        min-width: 0;
    }

    .dialog RadioSet {
        layout: horizontal;
        width: 100%;
    }

    .dialog.notes {
        width: 90%;
        height: 80%;
    }
    """

    def show_problem(self, reason: str) -> None:
        """Say in the dialog's `#problem` label why what was typed is refused."""
        self.query_one("#problem", Label).update(Text(reason, style="bold red"))


class FormDialog(Dialog[R]):
    """A dialog of fields that dismisses with what `save` makes of them, or with `cancelled`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]
    SAVE_BUTTON: ClassVar[tuple[str, str]] = ("Save (ctrl+s)", "save")
    """The label and id of the button that saves."""
    ENTER_SAVES: ClassVar[bool] = False
    """Enter saves from any field (where the fields after the first are optional), rather than
    moving on to the next one."""

    def __init__(self, *, cancelled: R) -> None:
        super().__init__()
        self.cancelled = cancelled

    def buttons(self, *extra: Button) -> ComposeResult:
        """The row of buttons: Save, the `extra` ones, Cancel."""
        label, button_id = self.SAVE_BUTTON
        with Horizontal(classes="buttons"):
            yield Button(label, id=button_id, variant="primary")
            yield from extra
            yield Button("Cancel (esc)", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        fields = list(self.query(Input))
        index = fields.index(event.input)
        if self.ENTER_SAVES or index + 1 == len(fields):
            self.action_save()
        else:
            fields[index + 1].focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == self.SAVE_BUTTON[1]:
            self.action_save()
        elif event.button.id == "cancel":
            self.action_cancel()
        else:
            self.pressed(event.button)

    def pressed(self, button: Button) -> None:
        """A button of the dialog's own (none by default) was pressed."""

    def action_save(self) -> None:
        """Dismiss with what the fields say; a refusal shows with `show_problem` instead."""
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(self.cancelled)
