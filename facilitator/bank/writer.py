"""Write a bank back as Markdown in the documented format; `parse_bank(to_markdown(b)) == b`."""

from __future__ import annotations

from ..base.durations import format_duration
from ..base.text import slugify
from .attributes import format_block
from .model import DEFAULT_SCALE, Ask, Bank, Kind, Question, Section, default_compare


def _front_value(value: str) -> str:
    """A front matter value, quoted when reading it back would otherwise strip its own quotes."""
    return f'"{value}"' if len(value) >= 2 and value[0] == value[-1] == '"' else value


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def _question_attributes(question: Question) -> list[tuple[str, str | None]]:
    pairs: list[tuple[str, str | None]] = []
    if question.id != slugify(question.text):
        pairs.append(("#", question.id))
    if question.kind is not Kind.TEXT:
        pairs.append(("kind", question.kind.value))
    # Written even when it is the default, so that a bank written back states what is scored
    # (a question without compare= draws a warning).
    if question.kind is not Kind.STANCE or question.compare is not default_compare(question.kind):
        pairs.append(("compare", question.compare.value))
    if question.pair:
        pairs.append(("pair", question.pair))
    if question.predict:
        pairs.append(("predict", None))
    if question.ask is not Ask.BOTH:
        pairs.append(("ask", question.ask.value))
    if question.pick is not None:
        pairs.append(("pick", str(question.pick)))
    if question.scale is not None:
        if (question.scale.low, question.scale.high) != DEFAULT_SCALE:
            pairs.append(("range", f"{question.scale.low}-{question.scale.high}"))
        if question.scale.low_label:
            pairs.append(("low", question.scale.low_label))
        if question.scale.high_label:
            pairs.append(("high", question.scale.high_label))
    if question.unit:
        pairs.append(("unit", question.unit))
    for key, value in (("near", question.near), ("far", question.far), ("whole", question.whole)):
        if value is not None:
            pairs.append((key, _number(value)))
    if question.plan is not None:
        pairs.append(("plan", question.plan.value))
    return pairs


def _heading(marks: str, text: str, pairs: list[tuple[str, str | None]]) -> str:
    return f"{marks} {text} {format_block(pairs)}" if pairs else f"{marks} {text}"


def _guard_braces(text: str, pairs: list[tuple[str, str | None]], ident: str) -> None:
    """Heading text with a brace gets an attribute block after it, so that its own `{…` is never
    the last brace block on the line (which is what would be read as attributes)."""
    if not pairs and "{" in text:
        pairs.append(("#", ident))


def _question(question: Question) -> list[str]:
    pairs = _question_attributes(question)
    _guard_braces(question.text, pairs, question.id)
    blocks = [_heading("###", question.text, pairs)]
    if question.help:
        blocks.append(question.help)
    for label, wording in (("A", question.wording_a), ("B", question.wording_b)):
        if wording:
            blocks.append(f"{label}: {wording}")
    if question.options:
        blocks.append("\n".join(f"- {option}" for option in question.options))
    return blocks


def _section(section: Section) -> list[str]:
    pairs: list[tuple[str, str | None]] = []
    if section.id != slugify(section.title):
        pairs.append(("#", section.id))
    pairs.append(("time", format_duration(section.budget)))
    blocks = [_heading("##", section.title, pairs)]
    if section.intro:
        blocks.append(section.intro)
    for question in section.questions:
        blocks.extend(_question(question))
    return blocks


def to_markdown(bank: Bank) -> str:
    blocks: list[str] = []
    front = [
        (key, value)
        for key, value in (
            ("description", bank.description),
            ("party-a", bank.party_a),
            ("party-b", bank.party_b),
            ("duration", format_duration(bank.duration) if bank.duration else ""),
        )
        if value
    ]
    front += [("synonyms", ", ".join(group)) for group in bank.synonyms]
    if front:
        lines = (f"{key}: {_front_value(value)}" for key, value in front)
        blocks.append("\n".join(["---", *lines, "---"]))
    blocks.append(f"# {bank.title}")
    if bank.intro:
        blocks.append(bank.intro)
    for section in bank.sections:
        blocks.extend(_section(section))
    return "\n\n".join(blocks) + "\n"
