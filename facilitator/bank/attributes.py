"""The `{#id key=value flag}` attribute block at the end of a section or question heading."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLOCK = re.compile(r'\{((?:[^{}"]|"[^"]*")*)\}\s*$')
"""The trailing `{…}`; braces inside a quoted value belong to the value."""
_ITEM = re.compile(
    r'(?P<id>#\S*)|(?P<key>[^\s="]+)(?:(?P<eq>=)(?:"(?P<quoted>[^"]*)"|(?P<value>[^\s"]+)|(?P<open>"[^"]*))?)?'
    r"|(?P<junk>\S+)"
)
_ID = re.compile(r"[^\W_][\w-]*")
"""Letters (any script, as in the ids derived from headings), digits, `-` and `_`."""


@dataclass(frozen=True)
class Attribute:
    key: str
    """`#` for the id."""
    value: str | None
    """None for a bare flag."""
    column: int
    """1-based column of the attribute in the heading line."""


@dataclass(frozen=True)
class Heading:
    text: str
    attributes: tuple[Attribute, ...]
    errors: tuple[tuple[int, str], ...]
    """(column, message) for what could not be read."""


def split_heading(raw_line: str, text: str) -> Heading:
    """Split a heading's inline `text` into its words and its attribute block.

    `raw_line` is the heading's line as written, used only to give columns that match the file.
    """
    errors: list[tuple[int, str]] = []
    block = _BLOCK.search(text)
    raw_block = _BLOCK.search(raw_line.rstrip().rstrip("#").rstrip())
    if block is None:
        errors.extend(_unreadable_block(raw_line))
        return Heading(text.strip(), (), tuple(errors))
    offset = raw_block.start(1) if raw_block else raw_line.find("{") + 1
    attributes: list[Attribute] = []
    for item in _ITEM.finditer(block.group(1)):
        column = offset + item.start() + 1
        if item.group("junk") is not None:
            errors.append((column, f"cannot read attribute '{item.group('junk')}'"))
        elif item.group("open") is not None:
            errors.append((column, f"quoted value of '{item.group('key')}' is not closed"))
        elif item.group("id") is not None:
            ident = item.group("id")[1:]
            if not _ID.fullmatch(ident):
                errors.append(
                    (
                        column,
                        f"bad id '#{ident}': use letters, digits, '-' and '_', "
                        "starting with a letter or digit",
                    )
                )
            else:
                attributes.append(Attribute("#", ident, column))
        else:
            value = item.group("quoted")
            if value is None:
                value = item.group("value")
            if value is None and item.group("eq"):
                value = ""
            attributes.append(Attribute(item.group("key"), value, column))
    return Heading(text[: block.start()].strip(), tuple(attributes), tuple(errors))


def _unreadable_block(raw_line: str) -> list[tuple[int, str]]:
    """Why a trailing `{…` that is not an attribute block was probably meant as one."""
    start = raw_line.rfind("{")
    if start < 0 or not re.match(r"\{\s*(#|[\w-]+=)", raw_line[start:]):
        return []
    tail = raw_line[start:]
    open_quote = re.search(r'([^\s="]+)="[^"]*$', tail) if tail.count('"') % 2 else None
    if open_quote:
        column = start + open_quote.start() + 1
        return [(column, f"quoted value of '{open_quote.group(1)}' is not closed")]
    if "}" not in tail:
        return [(start + 1, "attribute block is not closed: add '}'")]
    return []


def format_block(pairs: list[tuple[str, str | None]]) -> str:
    """The attribute block for (key, value) pairs: `#` is the id, a None value a bare flag."""
    parts = []
    for key, value in pairs:
        if key == "#":
            parts.append(f"#{value}")
        elif value is None:
            parts.append(key)
        elif value == "" or re.search(r'[\s{}"]', value):
            parts.append(f'{key}="{value}"')
        else:
            parts.append(f"{key}={value}")
    return "{" + " ".join(parts) + "}"
