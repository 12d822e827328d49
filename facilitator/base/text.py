"""Small text helpers shared by the bank parser, the session store and whatever shows text:
slugs, positions, plurals, and the cleaning of terminal control characters.

`inflect` is the one place that decides between a word's singular and its plural; `plural`
(a count and its noun) and `amount` (a number and its unit, as banks write it: `unit=months`)
are built on it, so "1 months off" or "1 problem: fix them" cannot be written by hand.
"""

import re


def slugify(text: str) -> str:
    """Lower case, with each run of anything but letters and digits turned into one `-`."""
    return re.sub(r"[\W_]+", "-", text.lower()).strip("-")


def cut_to_bytes(text: str, limit: int) -> str:
    """The longest start of `text` whose UTF-8 takes at most `limit` bytes: file names are
    limited in bytes (255 on most systems), and a letter may take four."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


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


_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
"""Embeddings, overrides (U+202A-202E) and isolates (U+2066-2069): they reorder the text after
them, so "50%" can show as "%05" on a projector."""
UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")
"""Every C0 control but newline and tab, DEL, every C1 control, and the bidi controls: what a
terminal would act on (ESC starts CSI and OSC sequences: colours, hyperlinks, clipboard writes)
or what would reorder what is shown, rather than show."""

REPLACEMENT = "\ufffd"


def clean_text(text: str, replacement: str = REPLACEMENT) -> str:
    """`text` safe to show or export: each character `UNSAFE` matches becomes `replacement`
    (the visible U+FFFD by default, one cell wide, so columns stay where they were)."""
    if UNSAFE.search(text) is None:  # the usual case, and the fast one
        return text
    return UNSAFE.sub(replacement, text)


def unsafe_characters(text: str) -> list[tuple[int, str]]:
    """The offset and character of every character `clean_text` would replace."""
    return [(match.start(), match.group()) for match in UNSAFE.finditer(text)]
