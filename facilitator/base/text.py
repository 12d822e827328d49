"""Small text helpers shared by the bank parser and the session store."""

import re


def slugify(text: str) -> str:
    """Lower case, with each run of anything but letters and digits turned into one `-`."""
    return re.sub(r"[\W_]+", "-", text.lower()).strip("-")


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset in `data`."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`1 problem`, `3 problems`; `many` for nouns whose plural is not noun + "s"."""
    return f"{count} {noun if count == 1 else (many or noun + 's')}"
