"""Each party has its own colour, the same in the panes, the top bar, the agenda's airtime, the
dashboard, the summary and the HTML report; a shade for each theme's background."""

from pathlib import Path

import pytest
from rich.style import Style
from textual.color import Color
from textual.widgets import Static
from workshop_support import app_for, first_workshop

from facilitator.base.clock import ManualClock
from facilitator.live.workshop import Workshop
from facilitator.report import PARTY_COLOURS
from facilitator.report.export import to_html
from facilitator.report.model import build_report
from screens.widgets.agenda import Agenda
from screens.widgets.answer_pane import AnswerPane


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(1_763_900_000.0)


@pytest.fixture
def workshop(sessions_dir: Path, clock: ManualClock) -> Workshop:
    return first_workshop(sessions_dir, clock, party_a="Acme", party_b="Globex")


def colours_in(text) -> set[str]:
    """Every colour (as #rrggbb) the spans of a rich Text use."""
    found = set()
    for span in text.spans:
        style = span.style if isinstance(span.style, Style) else Style.parse(span.style)
        if style.color is not None and style.color.triplet is not None:
            found.add(style.color.triplet.hex)
    return found


async def test_panes_top_bar_and_airtime_wear_each_partys_colour_in_both_themes(
    workshop, clock, sessions_dir
):
    app = app_for(workshop)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("1")
        clock.advance(30)
        await pilot.press("2")
        clock.advance(10)
        for theme in ("dark", "light"):
            await pilot.pause()
            screen = app.screen
            screen.refresh_clocks()
            expected = PARTY_COLOURS[theme]
            for party in ("a", "b"):
                pane = screen.query_one(f"#pane-{party}", AnswerPane)
                assert pane.styles.border_top[1] == Color.parse(expected[party])
            top = screen.query_one("#topbar", Static).content
            agenda = screen.query_one(Agenda).content
            wanted = {Color.parse(expected[p]).hex.lower() for p in ("a", "b")}
            assert wanted <= {c.lower() for c in colours_in(top)}
            assert wanted <= {c.lower() for c in colours_in(agenda)}
            await pilot.press("t")  # the projector theme: the shades for white
        assert PARTY_COLOURS["dark"] != PARTY_COLOURS["light"]
        await pilot.press("q")
        await pilot.pause()


def test_the_html_report_has_a_class_per_party_in_the_light_shades(workshop):
    workshop.commit_answer(workshop.question.id, "a", "Reach buyers").result()
    html = to_html(build_report(workshop.store.meta, workshop.state, workshop.clock()))
    for party, colour in PARTY_COLOURS["light"].items():
        assert f".party-{party} {{ color: {colour};" in html
    assert '<span class="party-a">Acme</span> ⟷ <span class="party-b">Globex</span>' in html
    workshop.close()
