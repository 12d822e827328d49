"""Non-interference: what party A receives does not depend on party B's unrevealed answers.

Two scripts of B's answers are drawn that agree on B's readiness (which questions B has answered
at each moment) and on B's answers to the questions that get revealed, and differ in everything
else: values, how often B edits, whether B guesses. The same session is run once with each
script, with the same clock and the same entropy, and every response to A (the page, the
results download, the event stream) must be byte for byte the same. Unique markers in B's text
answers must never appear in anything A receives.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from seats_support import BANK, ORDER, Browser, save, seat, seeded, stream

from facilitator.base.clock import ManualClock
from facilitator.live.workshop import Workshop
from facilitator.seats.server import SeatServer

REVEALED = ("cadence", "expects")
"""Revealed during the run; "expects" is paired with "offers", which stays hidden, so its
verdict (which quotes B's offers) must stay hidden too."""
ASKED_OF_B = [question for question in ORDER if question != "only-acme"]
PREDICT = {"why", "months", "price"}

A_ANSWERS = {
    "why": {"value": "Acme wants reach"},
    "bring": {"value": "Data\nPeople"},
    "cadence": {"value": "Weekly"},
    "channels": {"value": ["Email"]},
    "matters": {"rank-0": "1", "rank-1": "2", "rank-2": "3"},
    "importance": {"value": "3"},
    "months": {"value": "6"},
    "price": {"position": "We do", "firmness": "preferred"},
    "roadmap": {"position": "Jointly", "firmness": "flexible"},
    "expects": {"value": "Introductions"},
    "offers": {"value": "A pilot"},
    "only-acme": {"value": "Only ours"},
    "else": {"value": "Nothing"},
}


def _value(question: str, marker: str):
    """A strategy of B's answers to `question`; text-bearing ones carry `marker`."""
    firmness = st.sampled_from(["must-have", "preferred", "flexible", "indifferent"])
    words = st.text("abcdefgh ", min_size=1, max_size=8).map(lambda w: f"{marker} {w}".strip())
    strategies = {
        "why": words,
        "bring": st.lists(words, min_size=1, max_size=3),
        "cadence": st.sampled_from(["Weekly", "Monthly", "Quarterly"]).map(lambda v: [v]),
        "channels": st.lists(
            st.sampled_from(["Email", "Phone", "Chat"]), min_size=1, max_size=2, unique=True
        ),
        "matters": st.permutations(["Price", "Speed", "Quality"]),
        "importance": st.integers(1, 5),
        "months": st.integers(0, 99),
        "price": st.fixed_dictionaries(
            {"position": st.sampled_from(["We do", "The partner does"]), "firmness": firmness}
        ),
        "roadmap": st.fixed_dictionaries({"position": words, "firmness": firmness}),
        "expects": st.lists(words, min_size=1, max_size=2),
        "offers": st.lists(words, min_size=1, max_size=2),
        "else": words,
    }
    return strategies[question]


@st.composite
def two_scripts(draw):
    """(B's script 1, B's script 2): per question, B's edits and guess, in the order asked."""
    answered = {q: draw(st.booleans()) for q in ASKED_OF_B}
    shared = {q: draw(_value(q, "shown")) for q in REVEALED}
    scripts = []
    for run in (1, 2):
        script = {}
        for number, question in enumerate(ASKED_OF_B):
            marker = f"ZQMARK{run}x{number}"
            if question in REVEALED:
                edits = [shared[question]] if answered[question] else []
            elif answered[question]:
                edits = draw(st.lists(_value(question, marker), min_size=1, max_size=3))
            else:
                edits = []
            guess = None
            if question in PREDICT:
                guess = draw(st.none() | _value(question, f"{marker}g"))
            script[question] = (edits, guess)
        scripts.append(script)
    return scripts


async def _run(script: dict, folder: Path) -> list[str]:
    """Everything A receives while the session runs with B following `script`."""
    bank = folder / "bank.md"
    bank.write_text(BANK, encoding="utf-8")
    clock = ManualClock(1_800_000_000.0)
    workshop = Workshop.start(folder / "sessions", bank, title="Acme & Globex", clock=clock)
    server = SeatServer(workshop, bind="127.0.0.1", port=0, clock=clock, entropy=seeded(7))
    await server.start()
    browser = Browser(server)
    received: list[str] = []
    try:
        received.append(await seat(browser, "a"))
        for question in ORDER:
            assert workshop.question.id == question
            edits, guess = script.get(question, ([], None))
            for value in edits:
                workshop.commit_answer(question, "b", value, source="seat:B")
            if guess is not None:
                workshop.commit_answer(question, "b", guess, prediction=True, source="seat:B")
            _, page = await browser.get("/p/a")
            received.append(page)
            _, page = await save(browser, "a", A_ANSWERS[question], question=question)
            received.append(page)
            if question in REVEALED:
                workshop.reveal(question)
            for path in ("/p/a", "/p/a/results"):
                received.append((await browser.get(path))[1])
            async with stream(browser, "/p/a/events") as (_, events):
                received.append(await events.next())
            clock.advance(30)
            workshop.next_question()
        # Back to the revealed expectation, now that both sides' (hidden) offers are in.
        workshop.enter_section(0)
        workshop.show_question(ORDER.index("expects"))
        for path in ("/p/a", "/p/a/results"):
            received.append((await browser.get(path))[1])
    finally:
        await browser.close()
        await server.stop()
        workshop.close()
    return received


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(two_scripts())
def test_what_a_receives_does_not_depend_on_bs_unrevealed_answers(scripts):
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as two:
        first = asyncio.run(_run(scripts[0], Path(one)))
        second = asyncio.run(_run(scripts[1], Path(two)))
    assert len(first) == len(second)
    for index, (mine, theirs) in enumerate(zip(first, second, strict=True)):
        assert mine == theirs, f"response {index} differs between B's scripts"
    everything = "".join(first + second)
    assert "ZQMARK" not in everything, "a marker of B's hidden answers reached A"
    assert "shown" in everything or not any(scripts[0][q][0] for q in REVEALED)
