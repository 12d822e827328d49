"""`show_text` skips only what would draw the same: a change of base style alone is drawn."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static

from screens.widgets.updates import show_text


class _One(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(id="line")


async def test_a_text_whose_base_style_alone_changed_is_drawn() -> None:
    app = _One()
    async with app.run_test() as pilot:
        line = app.query_one("#line", Static)
        show_text(line, Text("ready", style="red"), layout=False)
        await pilot.pause()
        show_text(line, Text("ready", style="blue"), layout=False)
        await pilot.pause()
        assert isinstance(line.content, Text)
        assert line.content.style == "blue"


async def test_the_same_text_and_style_is_not_updated_again() -> None:
    app = _One()
    async with app.run_test() as pilot:
        line = app.query_one("#line", Static)
        shown = Text("ready", style="red")
        show_text(line, shown, layout=False)
        await pilot.pause()
        show_text(line, Text("ready", style="red"), layout=False)
        assert line.content is shown
