"""The question as every screen shows it: where it sits in the agenda, its wording for each
party, the moderator's help text, and both answer panes. Shared by the run screen, the replay
and the editor's preview, so a rehearsal and a replay look exactly like the live session."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual.dom import DOMNode
from textual.widgets import Static

from facilitator.bank import Bank, Question
from facilitator.session import PARTIES, AnswerKey, WorkshopState

from .answer_pane import AnswerPane
from .updates import show_text


def reflow(text: str) -> str:
    """Paragraphs as the screen shows them: authors wrap lines where they like."""
    return "\n\n".join(" ".join(part.split()) for part in text.split("\n\n") if part.strip())


def position_text(bank: Bank, section: int, question: int) -> Text:
    """`Section 1 of 3 · Why · question 2 of 4   [goal]`."""
    current = bank.sections[section]
    text = Text(f"Section {section + 1} of {len(bank.sections)} · ")
    text.append(current.title, "bold")
    text.append(f" · question {question + 1} of {len(current.questions)}")
    text.append(f"   [{current.questions[question].compare.value}]", "italic")
    return text


def wording_text(question: Question, names: Mapping[str, str]) -> Text:
    """The neutral wording, then each party's own wording where the bank gives one."""
    text = Text(question.text, style="bold")
    for party, own in (("a", question.wording_a), ("b", question.wording_b)):
        if own:
            text.append(f"\n{names[party]}: ", "italic")
            text.append(own)
    return text


def help_text(question: Question) -> Text:
    return Text(reflow(question.help), style="dim")


async def show_question(
    root: DOMNode,
    state: WorkshopState,
    names: Mapping[str, str],
    predicting: bool,
    drafts: Mapping[AnswerKey, Any] | None = None,
) -> None:
    """Fill `#position`, `#question`, `#help` and answer panes from `state`: the
    question on screen, both sides' answers (or guesses), masked until the question is revealed.
    `drafts` (the live screen's only) go back into their editors."""
    question = state.bank.sections[state.section].questions[state.question]
    show_text(
        root.query_one("#position", Static),
        position_text(state.bank, state.section, state.question),
    )
    show_text(root.query_one("#question", Static), wording_text(question, names))
    show_text(root.query_one("#help", Static), help_text(question))
    masked = question.id not in state.revealed
    for party in PARTIES:
        pane = root.query_one(f"#pane-{party}", AnswerPane)
        key = AnswerKey(question.id, party, predicting)
        draft = drafts.get(key) if drafts else None
        await pane.load(question, state.answers.get(key), masked=masked, predicting=predicting,
                        draft=draft)  # fmt: skip
