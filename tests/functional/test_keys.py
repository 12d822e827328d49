"""One meaning per key on each screen, and one README key table per screen that lists its keys.

Walks every Screen of the `screens` package: a key bound to two actions on one screen (directly,
or by shadowing a key of Textual's own Screen or of the App) fails, and so does a key of a
screen's bindings that its README table does not name.
"""

import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from typing import ClassVar

import pytest
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

import screens
from screens.app import FacilitatorApp

README = Path(__file__).parents[2] / "README.md"

TABLES = {
    "HomeScreen": "home screen",
    "RunScreen": "run screen",
    "ReplayScreen": "replay screen",
    "LibraryScreen": "session library",
    "TrashScreen": "trash",
    "BanksScreen": "bank library",
    "EditorScreen": "editor",
}
"""Each full screen and the heading of its key table in README."""

SHOWN_AS = {
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
}


def all_screens() -> list[type[Screen]]:
    found = []
    for module in pkgutil.iter_modules(screens.__path__):
        loaded = importlib.import_module(f"screens.{module.name}")
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == loaded.__name__:
                found.append(cls)
    return found


def meanings(cls: type) -> dict[str, set[str]]:
    """Every key of `cls`'s bindings (its bases' included) and the actions it is bound to."""
    return {
        key: {binding.action for binding in bindings}
        # `_merge_bindings` is a Textual private, fenced in test_textual_privates.py.
        for key, bindings in cls._merge_bindings().key_to_bindings.items()
    }


def own_keys(cls: type[Screen]) -> dict[str, set[str]]:
    inherited = meanings(Screen)
    return {key: actions for key, actions in meanings(cls).items() if key not in inherited}


def test_every_screen_is_walked():
    names = {cls.__name__ for cls in all_screens()}
    assert set(TABLES) <= names
    assert {"ConfirmDialog", "ExportDialog", "NotesScreen", "DashboardScreen"} <= names


def clashes(screen: type[Screen]) -> list[str]:
    """Each key of `screen` that means two things: bound twice, or hiding Textual's Screen keys
    (tab moves the focus, ctrl+c copies) or the App's (ctrl+q quits, ctrl+p opens the palette),
    so that it would mean one thing here and another everywhere else."""
    found = [key for key, actions in meanings(screen).items() if len(actions) > 1]
    inherited = meanings(Screen) | meanings(FacilitatorApp) | meanings(App)
    inherited[FacilitatorApp.COMMAND_PALETTE_BINDING] = {"command_palette"}
    for cls in screen.__mro__:
        if not cls.__module__.startswith("screens."):
            continue  # Textual's own Screen lets ctrl+c copy rather than quit: its choice
        for binding in cls.__dict__.get("BINDINGS", []):
            for key in (part.strip() for part in binding.key.split(",")):
                if key in inherited and {binding.action} != inherited[key]:
                    found.append(key)
    return found


@pytest.mark.parametrize("screen", all_screens(), ids=lambda cls: cls.__name__)
def test_no_key_means_two_things_on_one_screen(screen):
    assert clashes(screen) == []


def test_a_key_bound_twice_or_hiding_the_palette_is_caught():
    class Doubled(Screen[None]):
        BINDINGS: ClassVar[list[Binding]] = [
            Binding("r", "reveal", "Reveal"),
            Binding("x", "export", "Export"),
            Binding("r,R", "rename", "Rename"),
            Binding("ctrl+p", "previous", "Previous"),
        ]

    Doubled.__module__ = "screens.doubled"
    assert sorted(clashes(Doubled)) == ["ctrl+p", "r"]


def table(heading: str) -> str:
    """The README table whose header is `| key | heading |`."""
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^\| key \| {re.escape(heading)} \|\n((?:\|.*\n)+)", text, re.M)
    assert match, f"README has no key table for the {heading}"
    return match.group(1)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_the_readme_table_of_each_screen_names_its_keys(name):
    (screen,) = [cls for cls in all_screens() if cls.__name__ == name]
    rows = table(TABLES[name])
    missing = [key for key in own_keys(screen) if f"`{SHOWN_AS.get(key, key)}`" not in rows]
    assert missing == [], f"README's {TABLES[name]} table lacks {missing}"
