"""The demo session shipped in `sessions/`: a scripted first workshop, driven through the engine.

A small analytics startup (Kestrel Labs) meets a large equipment maker (Hallmark Climate) on the
bundled flagship bank. Nothing is written by hand: every answer, guess, reveal, speaker change,
note, timer extension, override and the end are engine actions on a `ManualClock`, so the file
is the same, byte for byte, every time this runs. Regenerate it after changing the bank:

    python -m facilitator.demo
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .base.atomic import write_atomic
from .base.clock import ManualClock
from .live.workshop import Workshop

ROOT = Path(__file__).resolve().parents[1]
BANK = Path("questionbanks") / "workshop.md"
"""Relative, and read from the repository root, so the session names no one's home folder."""
DEMO = ROOT / "sessions" / "demo.json"
STARTED = 1_795_176_000.0
"""Friday 20 November 2026, 12:00 UTC."""

STARTUP = "Kestrel Labs"
ENTERPRISE = "Hallmark Climate"


class _Script:
    """The moderator's hands: each step is an engine action after some minutes of talk."""

    def __init__(self, workshop: Workshop, clock: ManualClock) -> None:
        self.workshop = workshop
        self.clock = clock

    def talk(self, *turns: tuple[str, float]) -> None:
        """Each party speaks for the given minutes, in turn; then nobody."""
        for party, minutes in turns:
            if self.workshop.state.speaker != party:
                self.workshop.set_speaker(party)
            self.clock.advance(minutes * 60)
        if self.workshop.state.speaker is not None:
            self.workshop.set_speaker(None)

    def wait(self, minutes: float) -> None:
        self.clock.advance(minutes * 60)

    def answer(self, question: str, a: Any = None, b: Any = None) -> None:
        """Both sides answer the question on screen, the startup first, a little apart."""
        self._on_screen(question)
        for party, value in (("a", a), ("b", b)):
            if value is not None:
                self.wait(0.4)
                self.workshop.commit_answer(question, party, value)

    def guess(self, question: str, a: Any, b: Any) -> None:
        """Each side's prediction of the other side's answer."""
        self._on_screen(question)
        for party, value in (("a", a), ("b", b)):
            self.wait(0.2)
            self.workshop.commit_answer(question, party, value, prediction=True)

    def _on_screen(self, question: str) -> None:
        """The script follows the bank: a question added to the bank must be answered here."""
        shown = self.workshop.question.id
        if shown != question:
            raise RuntimeError(f"the demo answers {question!r} but the bank shows {shown!r}")

    def reveal(self) -> None:
        self.wait(0.1)
        self.workshop.reveal(self.workshop.question.id)

    def next(self) -> None:
        self.wait(0.1)
        self.workshop.next_question()

    def note(self, text: str, kind: str = "note", owner: str = "", due: str = "") -> None:
        self.wait(0.25)
        self.workshop.add_note(text, kind=kind, owner=owner, due=due,
                               question=self.workshop.question.id)  # fmt: skip


def _welcome(s: _Script) -> None:
    s.talk(("a", 1), ("b", 1))
    s.answer(
        "in-the-room",
        a=["Lena Park, CEO: can sign a pilot agreement on her own",
           "Tomás Ruiz, CTO: owns the integration plan"],
        b=["Priya Natarajan, Director of Service Innovation: funds pilots up to 50k",
           "Marcus Bell, channel partnerships: drafts terms; the regional VP signs them"],
    )  # fmt: skip
    s.reveal()
    s.next()
    s.answer("importance", a=5, b=2)
    s.guess("importance", a=4, b=5)
    s.reveal()
    s.talk(("a", 1.5), ("b", 1))
    s.note("Hallmark rates this a side project for now; Kestrel expected a 4")


def _why(s: _Script) -> None:
    s.talk(("b", 1), ("a", 1))
    s.answer(
        "main-reason",
        a="Get our maintenance analytics in front of the building owners Hallmark already "
        "services, with a name they trust behind it",
        b="Offer predictive maintenance in our service contracts without building the data "
        "science team ourselves",
    )
    s.guess(
        "main-reason",
        a="Win back service contracts they are losing to independent maintenance firms",
        b="Borrow our sales channel until they can afford their own",
    )
    s.reveal()
    s.talk(("a", 2), ("b", 3), ("a", 1))
    s.workshop.override(
        "main-reason",
        "complementary",
        "Different goals that fit: reach for Kestrel, a gap in the portfolio filled for Hallmark",
    )
    s.next()
    s.answer(
        "startup-hopes",
        a=["Introductions to the enterprise's customers and prospects",
           "The enterprise's brand, so customers see the startup as a safer choice",
           "The enterprise's sales force, to grow volume quickly"],
    )  # fmt: skip
    s.reveal()
    s.next()
    s.answer(
        "enterprise-can-give",
        b=["The enterprise's brand, so customers see the startup as a safer choice",
           "Technical advice from the enterprise's engineering teams",
           "The enterprise's scale in marketing, purchasing, production, delivery or support"],
    )  # fmt: skip
    s.reveal()
    s.talk(("b", 2), ("a", 1.5))
    s.note("Customer introductions need the regional VP: not on offer today", kind="parking")
    s.next()
    s.answer(
        "enterprise-hopes",
        b=["A product the enterprise's customers want but it lacks the time or skills to build",
           "A fast, low-risk way to try new things outside the enterprise's own organisation",
           "Expertise the enterprise is missing"],
    )  # fmt: skip
    s.reveal()
    s.next()
    s.answer(
        "startup-can-give",
        a=["A product the enterprise's customers want but it lacks the time or skills to build",
           "Expertise the enterprise is missing",
           "A fast, low-risk way to try new things outside the enterprise's own organisation",
           "More to sell to existing customers, or a way into neighbouring markets"],
    )  # fmt: skip
    s.reveal()
    s.talk(("a", 1), ("b", 1))
    s.next()
    s.answer(
        "customer-story",
        a="A facilities manager with forty rooftop units learns a compressor will fail two "
        "weeks before it does, and books the repair on a quiet day instead of in a heatwave",
        b="A building owner on a Hallmark service contract stops paying for emergency call-outs: "
        "our technicians arrive before the failure, with the right part",
    )
    s.reveal()
    s.talk(("b", 1.5), ("a", 1))
    s.note("Both stories describe the same customer: the owner of a mid-size commercial building")


def _expectations(s: _Script) -> None:
    s.talk(("a", 0.5))
    s.answer(
        "expect-year-one",
        a=["Introductions to five named service accounts", "A paid pilot in one region",
           "A reference quote we can publish"],
        b=["Pilot results within six months", "Integration with our service portal",
           "Exclusive rights in commercial HVAC"],
    )  # fmt: skip
    s.reveal()
    s.next()
    s.answer(
        "offer-year-one",
        a=["Integration with your service portal at our cost",
           "A dedicated engineer for the pilot", "Pilot pricing at half the list price"],
        b=["A paid pilot in one region", "Quarterly technical reviews with our engineers",
           "A joint case study if the pilot succeeds"],
    )  # fmt: skip
    s.reveal()
    s.talk(("a", 2), ("b", 2.5))
    s.next()
    s.answer(
        "champion-needed",
        a="A service director who can approve a pilot budget and open doors to accounts",
        b="A founder who stays hands-on until the pilot ends",
    )
    s.reveal()
    s.next()
    s.answer(
        "champion-offered",
        a="Lena, our CEO: she decides pricing and staffing alone",
        b="Priya: funds pilots up to 50k; introductions still need the regional VP",
    )
    s.reveal()
    s.talk(("a", 1), ("b", 1))
    s.next()
    s.answer(
        "cost",
        a=["One engineer for six months", "A security questionnaire of 300 questions",
           "Learning Hallmark's purchasing process"],
        b=["Two weeks of portal team time", "Vendor onboarding and security review",
           "Training for twenty field technicians"],
    )  # fmt: skip
    s.reveal()
    s.talk(("b", 1))


def _non_negotiables(s: _Script) -> None:
    s.talk(("b", 1))
    s.answer(
        "customer-owner",
        a={"position": "We do", "firmness": "must-have"},
        b={"position": "We do", "firmness": "must-have"},
    )
    s.guess(
        "customer-owner",
        a={"position": "Whoever brought in the customer", "firmness": "preferred"},
        b={"position": "The partner does", "firmness": "flexible"},
    )
    s.reveal()
    s.talk(("b", 2), ("a", 1.5), ("b", 1))
    s.note("Channel conflict from the first deal unless account ownership is settled")
    s.next()
    s.answer(
        "price-setter",
        a={"position": "We agree a price list together", "firmness": "preferred"},
        b={"position": "We set it", "firmness": "preferred"},
    )
    s.guess(
        "price-setter",
        a={"position": "The partner sets it", "firmness": "must-have"},
        b={"position": "We agree a price list together", "firmness": "flexible"},
    )
    s.reveal()
    s.talk(("a", 1), ("b", 1))
    s.next()
    s.answer("margin-share", a=40, b=80)
    s.guess("margin-share", a=75, b=30)
    s.reveal()
    s.talk(("a", 1), ("b", 1.5))
    s.answer("margin-share", a=35)  # revised after working through one example deal
    s.note("Margin split worked on one example deal: the claims still add up to 115%")
    s.next()
    s.answer(
        "joint-ip",
        a={"position": "Whoever builds it owns it", "firmness": "must-have"},
        b={"position": "We own it; the partner receives a licence", "firmness": "must-have"},
    )
    s.reveal()
    s.talk(("a", 1.5), ("b", 1.5))
    s.workshop.extend(5)
    s.note("Lawyers on both sides to draft an IP schedule per project", kind="parking")
    s.next()
    s.answer(
        "roadmap",
        a={"position": "Each decides its own roadmap and shares it in advance",
           "firmness": "preferred"},
        b={"position": "Each decides its own roadmap and shares it in advance",
           "firmness": "flexible"},
    )  # fmt: skip
    s.reveal()
    s.talk(("b", 0.5))
    s.next()
    s.answer("compete-risk", a=2, b=4)
    s.guess("compete-risk", a=1, b=2)
    s.reveal()
    s.talk(("b", 1), ("a", 1))
    s.note("Hallmark's own analytics team sees Kestrel as a possible competitor")
    s.next()
    s.answer(
        "other-must-protect",
        a=["Our right to sell to other equipment makers", "Our customers' data stays ours"],
        b=["Exclusivity in commercial HVAC for two years", "No use of our brand without approval"],
    )
    s.reveal()
    s.talk(("a", 1.5), ("b", 1))
    s.note("Exclusivity against selling to other makers: the next meeting's first topic",
           kind="parking")  # fmt: skip


def _next_steps(s: _Script) -> None:
    s.talk(("a", 0.5))
    s.answer("first-deal-months", a=3, b=12)
    s.guess("first-deal-months", a=6, b=3)
    s.reveal()
    s.talk(("b", 1.5), ("a", 1))
    s.note("Look for something sooner than a deal: a joint visit to one service account")
    s.next()
    s.answer("review-cadence", a=["Every two weeks"], b=["Every quarter"])
    s.guess("review-cadence", a=["Monthly"], b=["Every two weeks"])
    s.reveal()
    s.talk(("a", 0.5), ("b", 0.5))
    s.note("Compromise to try: monthly reviews, called by Priya", kind="action",
           owner="Priya Natarajan", due="2026-12-11")  # fmt: skip
    s.next()
    s.answer(
        "delays",
        a=["Two engineers are on a release until March"],
        b=["Security review of new vendors takes 8 to 10 weeks",
           "Next year's budget is set in October"],
    )  # fmt: skip
    s.reveal()
    s.talk(("b", 1))
    s.next()
    s.answer(
        "next-actions",
        a=["Send the security questionnaire answers", "Draft the joint customer story"],
        b=["Name a contact in the regional service team", "Start the vendor security review"],
    )
    s.reveal()
    s.note("Send the completed security questionnaire", kind="action", owner="Tomás Ruiz",
           due="2026-12-04")  # fmt: skip
    s.note("Name a contact in the northern region's service team", kind="action",
           owner="Priya Natarajan", due="2026-12-11")  # fmt: skip
    s.note("Draft the joint customer story from today's two versions", kind="action",
           owner="Lena Park", due="2026-12-18")  # fmt: skip
    s.talk(("a", 0.5), ("b", 0.5))
    s.next()
    s.answer(
        "surprise",
        a="How little Hallmark needs to move quickly: we assumed they were in a hurry",
        b="That Kestrel will not give up selling to other manufacturers",
    )
    s.reveal()
    s.talk(("a", 0.5), ("b", 0.5))


SECTIONS: tuple[Callable[[_Script], None], ...] = (
    _welcome,
    _why,
    _expectations,
    _non_negotiables,
    _next_steps,
)


def build(folder: Path) -> Path:
    """Run the scripted workshop into a new session in `folder`; returns the session's path."""
    clock = ManualClock(STARTED)
    with contextlib.chdir(ROOT):
        workshop = Workshop.start(
            folder.resolve(), BANK, title="First workshop: Kestrel Labs and Hallmark Climate",
            party_a=STARTUP, party_b=ENTERPRISE, moderator="Dana Whitfield", clock=clock,
        )  # fmt: skip
    try:
        script = _Script(workshop, clock)
        for index, section in enumerate(SECTIONS):
            if index:
                script.wait(0.5)
                workshop.next_section()
            section(script)
        script.wait(1)
        workshop.end()
    finally:
        workshop.close()
    return workshop.store.path


def main() -> None:
    """Write the demo session to `sessions/demo.json`, replacing the one there."""
    with tempfile.TemporaryDirectory() as temporary:
        built = build(Path(temporary))
        # Not private like a real session: it is fiction, and shipped.
        write_atomic(DEMO, built.read_bytes(), mode=0o644)
    print(f"Wrote {DEMO.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
