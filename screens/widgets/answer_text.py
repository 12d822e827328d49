"""An answer as the room reads it, the same in the answer panes and the dashboard."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from facilitator.bank import Kind, Question, describe


def answer_text(question: Question, value: Any, style: str = "") -> Text:
    """A list or a choice one `• item` per line, a ranking one `1. item` per line (so a line
    never breaks between an item's number and its words, nor runs one item into the next);
    anything else as `describe` writes it. Plain text, never markup."""
    if question.kind in (Kind.LIST, Kind.CHOICE):
        return Text("\n".join(f"• {item}" for item in value), style=style)
    if question.kind is Kind.RANK:
        numbered = (f"{n}. {item}" for n, item in enumerate(value, 1))
        return Text("\n".join(numbered), style=style)
    return Text(describe(question, value), style=style)
