"""The Textual App: holds the settings the screens share and routes between screens."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from .home import HomeScreen


class FacilitatorApp(App[None]):
    """facilitator on a shared screen."""

    TITLE = "facilitator"
    CSS_PATH = "app.tcss"

    def __init__(self, *, sessions_dir: Path) -> None:
        super().__init__()
        self.sessions_dir = sessions_dir

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.sessions_dir))
