"""The run screen at 80x24 and 160x48: firmness labels whole, the clock kept beside long names,
the essential keys in the footer, the export dialog's buttons whole; with snapshots."""

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Button, RadioButton, Static
from textual.widgets._footer import FooterKey  # private module: test_textual_privates.py
from workshop_support import app_for, first_workshop

from facilitator.base.settings import Settings
from facilitator.live.workshop import Workshop
from facilitator.report.formats import EXPORT_FORMATS, FORMATS
from screens.app import FacilitatorApp
from screens.export_dialog import ExportDialog, key_of

SIZES = [(80, 24), (160, 48)]
LONG_A = "Acme Analytics International"
LONG_B = "Enterprise Global Holdings Corporation"
ESSENTIAL = {"ctrl+s": "save", "n": "next", "r": "reveal", "l": "notes", "ctrl+e": "end"}

pytestmark = pytest.mark.usefixtures("utc")


def on_non_negotiables(sessions: Path) -> Workshop:
    workshop = first_workshop(
        sessions, party_a=LONG_A, party_b=LONG_B, title="A long title for the first workshop"
    )
    workshop.enter_section(3)  # its first question is a stance
    return workshop


@pytest.mark.parametrize("size", SIZES)
async def test_firmness_labels_are_whole_and_the_clock_stays_beside_long_names(sessions_dir, size):
    app = app_for(on_non_negotiables(sessions_dir))
    async with app.run_test(size=size) as pilot:
        await pilot.press("a")
        await pilot.pause()
        firmness = app.screen.query_one("#pane-a").query_one("RadioSet.firmness")
        for button in firmness.query(RadioButton):
            (line,) = button.render_lines(Region(0, 0, *button.outer_size))
            assert line.text.split("▌ ", 1)[1].strip() == str(button.label), "never cut with …"
        top = app.screen.query_one("#topbar", Static)
        shown = str(top.content)
        assert shown.endswith("0:00 / 1:15:00")
        assert len(shown) <= size[0] - 2
        assert shown.startswith(LONG_A[:20])
        await pilot.press("escape", "q")
        await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
async def test_the_footer_shows_the_essential_keys(sessions_dir, size):
    app = app_for(on_non_negotiables(sessions_dir))
    async with app.run_test(size=size) as pilot:
        width = size[0]
        visible: set[str] = set()
        # The footer composes its keys once the screen's bindings are known: under load that
        # can take a few rounds of the event loop.
        for _ in range(20):
            await pilot.pause()
            visible = {
                key.key
                for key in app.screen.query(FooterKey)
                if key.region.width and key.region.right <= width - len("▏^p palette")
            }
            if set(ESSENTIAL) <= visible:
                break
        assert set(ESSENTIAL) <= visible, f"missing: {set(ESSENTIAL) - visible}"
        await pilot.press("q")
        await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
async def test_the_export_dialog_shows_every_button_whole(sessions_dir, size):
    app = FacilitatorApp(sessions_dir=sessions_dir, settings=Settings())
    async with app.run_test(size=size) as pilot:
        await app.push_screen(ExportDialog())
        await pilot.pause()
        dialog = app.screen.query_one(".dialog")
        for button in app.screen.query(Button):
            assert button.content_region.width >= len(str(button.label)), str(button.label)
            assert button.region.right <= dialog.content_region.right, str(button.label)


async def test_the_export_dialog_offers_each_declared_format_on_its_own_key(sessions_dir):
    app = FacilitatorApp(sessions_dir=sessions_dir, settings=Settings())
    async with app.run_test() as pilot:
        for export_format in EXPORT_FORMATS:
            chosen: list[str | None] = []
            await app.push_screen(ExportDialog(), chosen.append)
            await pilot.pause()
            buttons = [button.id for button in app.screen.query(Button)]
            assert buttons == [*FORMATS, "cancel"]
            await pilot.press(key_of(export_format))
            await pilot.pause()
            assert chosen == [export_format.name]


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_a_stance_with_long_names(snap_compare, sessions_dir, size, steady):
    app = app_for(on_non_negotiables(sessions_dir))
    assert snap_compare(app, terminal_size=size, press=["a"], run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_the_export_dialog(snap_compare, sessions_dir, size, steady):
    app = app_for(on_non_negotiables(sessions_dir))
    assert snap_compare(app, terminal_size=size, press=["x"], run_before=steady)
