"""The question as every screen shows it: where it sits in the agenda, its wording for each
party, and the moderator's help text. Shared by the run screen, the replay and the editor's
preview, so a rehearsal and a replay look exactly like the live session."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text

from facilitator.bank import Bank, Question


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
