"""The dialogs' common frame: every dialog box is a `Dialog`, and a form dialog's keys (Enter
to the next field and saving on the last, ctrl+s, escape) work the same in each."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.app import App
from textual.screen import ModalScreen

import screens
from screens.dialog import Dialog
from screens.prompt import PromptDialog


def test_every_modal_screen_but_the_full_screen_join_panel_is_a_dialog():
    modal = {
        cls.__name__
        for module in pkgutil.iter_modules(screens.__path__)
        for _, cls in inspect.getmembers(importlib.import_module(f"screens.{module.name}"))
        if inspect.isclass(cls)
        and issubclass(cls, ModalScreen)
        and cls.__module__.startswith("screens")
    }
    assert {"NoteDialog", "RenameDialog", "SetupScreen", "ConfirmDialog", "NotesScreen"} <= modal
    not_dialogs = {
        name
        for module in pkgutil.iter_modules(screens.__path__)
        for name, cls in inspect.getmembers(importlib.import_module(f"screens.{module.name}"))
        if name in modal and not issubclass(cls, Dialog)
    }
    assert not_dialogs == {"SeatsPanel"}


async def test_a_prompt_answers_on_enter_or_ctrl_s_and_escape_cancels():
    answers: list[str | None] = []
    app: App[None] = App()
    async with app.run_test() as pilot:
        for keys in (["enter"], ["ctrl+s"], ["escape"]):
            app.push_screen(PromptDialog("Name?", value="Ana"), answers.append)
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()
    assert answers == ["Ana", "Ana", None]
