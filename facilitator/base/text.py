"""Small text helpers shared by the bank parser, the session store, the comparison and the UI.

`inflect` is the one place that decides between a word's singular and its plural; `plural`
(a count and its noun) and `amount` (a number and its unit, as banks write it: `unit=months`)
are built on it, so "1 months off" or "1 problem: fix them" cannot be written by hand.
"""

import re


def slugify(text: str) -> str:
    """Lower case, with each run of anything but letters and digits turned into one `-`."""
    return re.sub(r"[\W_]+", "-", text.lower()).strip("-")


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset in `data`."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def inflect(count: float, one: str, many: str | None = None) -> str:
    """`one` when `count` is exactly 1 (or -1), else `many` (default `one` + "s")."""
    return one if abs(count) == 1 else (many or one + "s")


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`1 problem`, `3 problems`; `many` for nouns whose plural is not noun + "s"."""
    return f"{count} {inflect(count, noun, many)}"


def singular(word: str) -> str:
    """The singular of an English plural as banks write units (`months`, `FTEs`, `boxes`,
    `hours of support`): only the first word changes; a word that is no plural stays."""
    head, sep, tail = word.partition(" ")
    lower = head.lower()
    if lower.endswith("ies") and len(head) > 4:
        head = head[:-3] + "y"
    elif lower.endswith(("sses", "shes", "ches", "xes", "zes")):
        head = head[:-2]
    elif lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(head) > 1:
        head = head[:-1]
    return head + sep + tail


def amount(value: float, unit: str) -> str:
    """`1 month`, `2.5 months`, `12` (no unit): a number as it reads in a sentence, with
    every digit (no `1e+06`) and no `.0` on a whole number."""
    number = str(int(value)) if float(value).is_integer() else repr(value)
    if not unit:
        return number
    return f"{number} {inflect(value, singular(unit), unit)}"
