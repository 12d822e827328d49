"""A key typed soon after escape or ctrl+s acts (issue 11, item 18).

The root cause, reproduced without a terminal: escape is a lone ESC byte, and alt+g is ESC then
`g`; a terminal that sees `g` soon after ESC (tmux within its 500 ms escape-time, Textual's own
parser within 100 ms) delivers one alt+g. The app binds no alt key, so the `g` was lost.
"""

import time
from pathlib import Path

import pytest
from textual._xterm_parser import XTermParser  # private module: test_textual_privates.py
from workshop_support import start_workshop

from facilitator.base.clock import ManualClock
from facilitator.base.settings import Settings
from facilitator.live.workshop import Workshop
from screens.app import FacilitatorApp
from screens.run import RunScreen
from screens.start import RunSession

BANK = """---
party-a: Startup
party-b: Enterprise
---
# Keys

## Only {time=10m}

### What is your main reason? {#reason predict}

### What else? {#else}
"""


@pytest.fixture
def workshop(tmp_path: Path) -> Workshop:
    return start_workshop(tmp_path, BANK, ManualClock(1_750_000_000.0))


def test_a_terminal_reads_escape_then_a_letter_as_one_alt_key():
    parser = XTermParser()
    keys = list(parser.feed("\x1bg"))
    time.sleep(0.15)  # past Textual's escape delay: the parser decides
    keys += list(parser.tick())
    assert [key.key for key in keys] == ["alt+g"]


@pytest.mark.parametrize("leave", ["alt+g", "ctrl+s g"])
async def test_a_letter_right_after_leaving_an_answer_acts(workshop, leave):
    app = FacilitatorApp(
        sessions_dir=workshop.store.path.parent, start=RunSession(workshop), settings=Settings()
    )
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        await pilot.press("a", *"draft")
        assert screen.focused is not None
        await pilot.press(*leave.split())  # what the terminal delivered
        await pilot.pause()
        assert screen.focused is None, "escape left the answer"
        assert screen.predicting, "and g switched to the guesses"
        assert "draftg" not in str(screen.query_one("#pane-a").value())
        await pilot.press("q")
        await pilot.pause()
