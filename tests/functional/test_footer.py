"""The key footer: its keys from the first frame, rebuilt once per change, only if they change."""

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Button, Footer, Input
from textual.widgets._footer import FooterKey  # private module: fenced in test_textual_privates

from screens.app import FacilitatorApp
from screens.widgets.footer import KeyFooter


def _shown(footer: KeyFooter) -> list[tuple[str, str, bool]]:
    """Each key shown: its key, its description, and whether it is shown disabled."""
    return [
        (key.key, key.description, key.has_class("-disabled")) for key in footer.query(FooterKey)
    ]


def _count_recomposes(monkeypatch) -> list[KeyFooter]:
    recomposed: list[KeyFooter] = []
    original = KeyFooter.recompose

    async def recompose(self: KeyFooter) -> None:
        recomposed.append(self)
        await original(self)

    monkeypatch.setattr(KeyFooter, "recompose", recompose)
    return recomposed


async def test_the_home_screen_starts_with_its_keys_composed_once(
    sessions_dir, wait_for_workers, monkeypatch
):
    recomposed = _count_recomposes(monkeypatch)
    app = FacilitatorApp(sessions_dir=sessions_dir)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for_workers(pilot)
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        assert [key for key, _, _ in _shown(footer)] == [
            "b", "l", "v", "x", "t", "r", "q", "ctrl+p",
        ]  # fmt: skip
        # The screen resuming and the bank list taking the focus change no key.
        assert recomposed == []


class _Toggled(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "save", "Save"),
        Binding("d", "drop", "Drop"),
    ]
    saving = True
    dropping = True

    def compose(self) -> ComposeResult:
        yield Button("Focus")
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return True if self.saving else None  # None: shown, disabled
        if action == "drop":
            return self.dropping  # False: hidden
        return True

    def action_save(self) -> None: ...

    def action_drop(self) -> None: ...


class _ToggledApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(_Toggled())


async def test_a_change_of_bindings_rebuilds_the_keys_once(monkeypatch):
    recomposed = _count_recomposes(monkeypatch)
    app = _ToggledApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, _Toggled)
        footer = screen.query_one(KeyFooter)
        assert _shown(footer)[:2] == [("s", "Save", False), ("d", "Drop", False)]
        assert recomposed == []
        screen.saving = False
        screen.dropping = False
        screen.refresh_bindings()
        screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert _shown(footer)[0] == ("s", "Save", True)
        assert "d" not in [key for key, _, _ in _shown(footer)]
        assert recomposed == [footer]
        screen.refresh_bindings()  # nothing changed
        await pilot.pause()
        await pilot.pause()
        assert recomposed == [footer]


class _Typing(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("s", "save", "Save")]

    def compose(self) -> ComposeResult:
        yield Input()
        yield KeyFooter()

    def action_save(self) -> None: ...


async def test_a_key_the_focused_input_takes_leaves_the_footer_as_textual_s_does():
    """The keys are composed before the focus is set; once an Input has it, `s` types and
    the footer no longer offers it."""
    app = App[None]()
    async with app.run_test() as pilot:
        await app.push_screen(_Typing())
        await pilot.pause()
        await pilot.pause()
        assert [key for key, _, _ in _shown(app.screen.query_one(KeyFooter))] == ["ctrl+p"]


class _Both(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("s", "save", "Save")]

    def compose(self) -> ComposeResult:
        yield Button("Focus")
        yield Footer(id="textual")
        yield KeyFooter()

    def action_save(self) -> None: ...


async def test_the_keys_carry_the_classes_textual_s_footer_gives_them():
    """Made with the footer's compact setting: the same classes (and so the same look) as the
    keys of Textual's Footer, which switches them to it once mounted."""

    def classes(footer: Footer) -> list[tuple[str, list[str]]]:
        return [(key.key, sorted(key.classes)) for key in footer.query(FooterKey)]

    app = App[None]()
    async with app.run_test() as pilot:
        await app.push_screen(_Both())
        await pilot.pause()
        await pilot.pause()
        ours, textuals = app.screen.query_one(KeyFooter), app.screen.query_one("#textual", Footer)
        assert [key for key, _ in classes(ours)] == ["s", "ctrl+p"]
        assert classes(ours) == classes(textuals)
        assert ours.styles.height == textuals.styles.height
