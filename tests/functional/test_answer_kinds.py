"""How the run screen's panes show choices and stance positions (a glyph per tick, a radio for
pick=1, long options wrapped) and revealed lists and rankings (once, never split inside an item)."""

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Static
from workshop_support import app_for, start_workshop

from facilitator.base.clock import ManualClock
from facilitator.live.workshop import Workshop
from facilitator.session.records import AnswerKey
from screens.widgets.answer_pane import AnswerPane
from screens.widgets.editors import ChoiceEditor, StanceEditor

LONG = (
    "A partner who will see the startup as a peer and share its roadmap with us every quarter, "
    "even the parts that are not yet public"
)
BANK = f"""---
party-a: Startup
party-b: Enterprise
---
# Kinds

## Only {{time=10m}}

### Which one? {{#one kind=choice}}

- Brand
- Customers
- {LONG}

### Which two? {{#two kind=choice pick=2}}

- Brand
- Customers
- Cash

### What do you bring? {{#bring kind=list}}

### Rank these {{#order kind=rank}}

- Customers we both serve today
- A product roadmap we shape together
- Money

### Who owns it? {{#who kind=stance}}

- We do
- {LONG}
"""


@pytest.fixture
def workshop(tmp_path: Path) -> Workshop:
    return start_workshop(tmp_path, BANK, ManualClock(1_750_000_000.0))


BORDER = "▊▎▕▔▁▏▍▌▐█ "


def lines(widget) -> list[str]:
    """What `widget` shows inside its border, line by line, as the terminal would."""
    region = Region(0, 0, *widget.outer_size)
    shown = [strip.text.strip(BORDER) for strip in widget.render_lines(region)]
    return [line for line in shown if line]


def stored(workshop: Workshop, question: str, party: str):
    return workshop.state.answers[AnswerKey(question, party, False)].value


async def test_a_pick_of_one_is_a_radio_with_a_glyph_and_long_options_wrap(workshop):
    app = app_for(workshop)
    async with app.run_test(size=(160, 48)) as pilot:
        pane = app.screen.query_one("#pane-a", AnswerPane)
        editor = pane.query_one(ChoiceEditor)
        await pilot.press("a", "space")
        await pilot.pause()
        shown = lines(editor)
        assert shown[:2] == ["● Brand", "○ Customers"]
        await pilot.press("down", "space")
        await pilot.pause()
        shown = lines(editor)
        assert shown[:2] == ["○ Brand", "● Customers"], "picking another replaces the first"
        assert pane.value() == ["Customers"]
        # The long option is shown whole, over more than one line.
        rest = shown[2:]
        assert len(rest) > 1
        assert " ".join(rest).removeprefix("○ ") == LONG
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored(workshop, "one", "a") == ["Customers"]


async def test_a_pick_of_several_ticks_with_a_box_and_keeps_the_maximum(workshop):
    app = app_for(workshop)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "a", "space", "down", "space", "down", "space")
        await pilot.pause()
        editor = app.screen.query_one("#pane-a", AnswerPane).query_one(ChoiceEditor)
        assert [line.split(" ", 1)[0] for line in lines(editor)[:3]] == ["☑", "☑", "☐"]
        assert editor.get_value() == ["Brand", "Customers"]
        await pilot.press("up", "space", "down", "space")
        await pilot.pause()
        assert editor.get_value() == ["Brand", "Cash"]


async def test_a_long_stance_position_wraps_at_80_columns(workshop):
    for _ in range(4):
        workshop.next_question()
    app = app_for(workshop)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen.query_one("#pane-a", AnswerPane).query_one(StanceEditor)
        short, long = (lines(button) for button in editor.query("RadioSet.position RadioButton"))
        assert [line.split("▌ ", 1)[1].strip() for line in short] == ["We do"]
        assert len(long) > 1, "the long position wraps over several lines"
        assert not any("…" in line for line in long), "never cut with …"
        words = [long[0].split("▌ ", 1)[1], *long[1:]]
        assert " ".join(line.strip() for line in words) == LONG
        await pilot.press("down", "enter", "tab", "enter", "ctrl+s")
        await pilot.pause()
        assert stored(workshop, "who", "a") == {"position": LONG, "firmness": "must-have"}


def view(pane: AnswerPane) -> str:
    return str(pane.query_one("#view", Static).content)


async def test_a_revealed_list_and_ranking_show_once_and_a_replay_shows_one_item_per_line(
    workshop,
):
    from facilitator.live.replay import Replay
    from screens.replay import ReplayScreen

    workshop.next_question()
    workshop.next_question()
    workshop.commit_answer("bring", "a", "Engineers\nA pilot customer").result()
    workshop.commit_answer("bring", "b", "Budget").result()
    workshop.reveal("bring")
    workshop.next_question()
    ranking = ["A product roadmap we shape together", "Customers we both serve today", "Money"]
    workshop.commit_answer("order", "a", ranking).result()
    workshop.commit_answer("order", "b", list(reversed(ranking))).result()
    workshop.reveal("order")
    workshop.previous_question()
    app = app_for(workshop)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        pane = screen.query_one("#pane-a", AnswerPane)
        assert view(pane) == "revealed ✓  2 items, below"
        assert "Engineers" not in view(pane)
        assert pane.editor.get_value() == "Engineers\nA pilot customer"
        await pilot.press("n")
        await pilot.pause()
        assert view(pane) == "revealed ✓  3 items, below"
        assert pane.value() == ranking
        await pilot.press("q")
        await pilot.pause()
        workshop.close()
        replay = Replay.open(workshop.store.path)
        await app.push_screen(ReplayScreen(replay, clock=ManualClock(), at=replay.duration))
        await pilot.pause()
        shown = view(app.screen.query_one("#pane-a", AnswerPane))
        assert shown.splitlines() == [f"{n}. {item}" for n, item in enumerate(ranking, 1)]
