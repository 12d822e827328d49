"""The question under the editor's cursor as the live session will show it: its place in the
agenda, its wording for each party, the moderator's help, and both parties' answer panes (the run
screen's own `AnswerPane`, disabled so nothing can be typed into it).

Outside a question, it shows the section's notes, or the bank's title and introduction.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from facilitator.bank import Bank, Place, Question, Section
from facilitator.base import format_duration, plural

from .answer_pane import AnswerPane
from .question_text import help_text, position_text, reflow, wording_text


def names(bank: Bank) -> dict[str, str]:
    return {"a": bank.party_a or "Party A", "b": bank.party_b or "Party B"}


def section_text(bank: Bank, index: int, section: Section) -> Text:
    text = Text(f"Section {index + 1} of {len(bank.sections)} · ")
    text.append(section.title, "bold")
    questions = plural(len(section.questions), "question")
    text.append(f"\n{format_duration(section.budget)} · {questions}")
    if section.intro:
        text.append("\n\n")
        text.append(reflow(section.intro), "dim")
    return text


def bank_text(bank: Bank) -> Text:
    parties = names(bank)
    text = Text(bank.title or "(no title yet)", style="bold")
    if bank.description:
        text.append(f"\n{bank.description}", "italic")
    text.append(f"\n{parties['a']}  ⟷  {parties['b']}")
    if bank.intro:
        text.append("\n\n")
        text.append(reflow(bank.intro), "dim")
    return text


def _pane_key(question: Question, parties: dict[str, str]) -> tuple[object, ...]:
    """What the answer panes are built from: typing in the help text rebuilds nothing."""
    return (question.kind, question.options, question.pick, question.scale, question.unit,
            question.ask, parties["a"], parties["b"])  # fmt: skip


class QuestionPreview(VerticalScroll):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.shown: tuple[object, ...] | None = None
        self.panes_for: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="preview-position")
        yield Static(id="preview-question")
        yield Static(id="preview-help")
        with Horizontal(id="preview-panes", disabled=True):
            yield AnswerPane("a", "Party A", "Party B", id="preview-a")
            yield AnswerPane("b", "Party B", "Party A", id="preview-b")

    def on_mount(self) -> None:
        self.border_title = Content("Preview")

    async def show(self, bank: Bank, place: Place) -> None:
        """Show what `place` in `bank` looks like live; nothing is redrawn if that is unchanged."""
        section, question = place.of(bank)
        parties = names(bank)
        if question is not None:
            key: tuple[object, ...] = (place, question, parties, len(bank.sections),
                                       section and len(section.questions))  # fmt: skip
        elif section is not None:
            key = (place, section.title, section.budget, section.intro, len(section.questions),
                   len(bank.sections))  # fmt: skip
        else:
            key = (bank.title, bank.description, bank.intro, parties)
        if key == self.shown:
            return
        self.shown = key
        position = self.query_one("#preview-position", Static)
        wording = self.query_one("#preview-question", Static)
        help_view = self.query_one("#preview-help", Static)
        panes = self.query_one("#preview-panes", Horizontal)
        if question is None:
            position.update(
                section_text(bank, place.section, section)
                if section is not None and place.section is not None
                else bank_text(bank)
            )
            wording.update("")
            help_view.update("")
            panes.display = False
            return
        assert place.section is not None and place.question is not None
        position.update(position_text(bank, place.section, place.question))
        wording.update(wording_text(question, parties))
        help_view.update(help_text(question))
        panes.display = True
        pane_key = _pane_key(question, parties)
        if pane_key == self.panes_for:
            return
        self.panes_for = pane_key
        for party in ("a", "b"):
            pane = self.query_one(f"#preview-{party}", AnswerPane)
            pane.label, pane.other = parties[party], parties["b" if party == "a" else "a"]
            pane.question = None
            await pane.load(question, None, masked=False, predicting=False)
