"""New banks: the template a new bank starts from, its file name, and copies that never overwrite.

Both a new bank and a copy are written under a private name first and then linked to their final
name: a hard link fails when the name is taken, so no existing bank is ever replaced.
"""

from __future__ import annotations

from pathlib import Path

from ..base.atomic import make_private_dir, write_new
from ..base.errors import FacilitatorError
from ..base.files import read_regular
from ..base.text import cut_to_bytes, slugify

DEFAULT_TITLE = "New question bank"
_NAME_BYTES = 120
"""Bytes of a bank's file name before `.md`: well under the 255-byte limit with `-copy-99.md`
and the editor's `.bak`, whatever the letters (one may take four bytes)."""

TEMPLATE = """\
---
description: One line that says what this bank is for
party-a: Startup
party-b: Enterprise
duration: 45m
---

# {title}

<!--
Notes for you, the author: facilitator ignores HTML comments like this one.
Every `##` section needs a time budget, `{time=15m}`; each `###` heading is a question.
A question's kind (text, list, choice, rank, scale, number, stance) and how the comparison
reads it (goal, expectation, offer, non-negotiable, context) go in braces at the end of its
heading. The whole format: docs/question-banks.md, or `facilitator check` on the command line.
-->

Both sides answer the same questions; the screen shows where they agree, where they differ and
where they collide.

## Why each other {#why time=15m}

Keep it frank: "to better serve our customers" is not a reason.

### What is the most compelling reason for you to work together now? {#reason compare=goal predict}

Look for a need-to-have, not a nice-to-have.

A: Why does working with a large partner matter to you now?
B: Why does working with a small company matter to you now?

### What do you hope to gain from the other side? {#gains kind=choice pick=2 compare=goal}

- Access to their customers
- Their brand and reputation
- Technical guidance
- Speed and new ideas

## Give and take {#give-and-take time=15m}

### What do you expect from the other side? {#expects kind=list compare=expectation pair=offers}

One expectation per line.

### What are you willing to give the other side? {#offers kind=list compare=offer}

### How much does this partnership matter? {#importance kind=scale high=Critical far=3 compare=goal}

## Non-negotiables {#must-protect time=15m}

### Who owns the relationship with the end customer? {#customer-owner kind=stance}

- We do
- The partner does
- Shared, decided per account

### Months until the first joint deal? {#first-deal kind=number unit=months far=9 compare=goal}
"""
"""A small bank that passes `facilitator check`, showing each construct once; `{title}` is
replaced by the bank's title."""


def bank_title(name: str) -> str:
    """A title for a bank from what the user typed: one line, and never an attribute block (a
    title ending in braces would be read as one)."""
    title = " ".join(name.split()).strip("#").strip()
    return title.replace("{", "(").replace("}", ")") or DEFAULT_TITLE


def bank_text(name: str) -> str:
    """The template with `name` as its title."""
    return TEMPLATE.replace("{title}", bank_title(name), 1)


def file_name(name: str) -> str:
    """`Acme & Globex, Q3` → `acme-globex-q3.md`."""
    slug = cut_to_bytes(slugify(name), _NAME_BYTES).strip("-")
    return f"{slug or 'bank'}.md"


def _write_new(path: Path, data: bytes, *, fresh_name: bool) -> Path:
    """Write `data` to `path` without replacing anything; with `fresh_name`, to `stem-2.md`,
    `stem-3.md`... when `path` is taken, else a FacilitatorError."""
    make_private_dir(path.parent)
    try:
        return write_new(data, lambda n: path if n == 1 else _numbered(path, n, fresh_name))
    except FileExistsError:
        raise FacilitatorError(
            f"{path} already exists: choose another name, or open it with `facilitator edit {path}`"
        ) from None


def _numbered(path: Path, n: int, fresh_name: bool) -> Path | None:
    return path.with_name(f"{path.stem}-{n}.md") if fresh_name else None


def create_bank(path: Path, name: str) -> Path:
    """A new bank from the template at `path`; never replaces a file (FacilitatorError)."""
    return _write_new(Path(path), bank_text(name).encode("utf-8"), fresh_name=False)


def new_bank_path(folder: Path, name: str) -> Path:
    """Where a bank called `name` goes in `folder`."""
    return Path(folder) / file_name(name)


def duplicate_bank(source: Path, folder: Path) -> Path:
    """Copy `source` into `folder` as `<stem>-copy.md` (or `-copy-2.md`...: never replacing a
    file), byte for byte; returns the copy's path."""
    stem = Path(source).stem
    base = stem if stem.endswith("-copy") else f"{stem}-copy"
    return _write_new(Path(folder) / f"{base}.md", read_regular(Path(source)), fresh_name=True)


def new_bank_target(name: str, folder: Path) -> tuple[Path, str]:
    """Where `facilitator new-bank NAME` writes, and the title: a NAME ending in `.md` is a path
    (`plans/acme-deal.md` → "Acme deal"); any other NAME is a title, its file in `folder`."""
    if name.lower().endswith(".md"):
        path = Path(name).expanduser()
        words = " ".join(path.stem.replace("-", " ").replace("_", " ").split())
        return path, words[:1].upper() + words[1:]
    return new_bank_path(folder, name), name
