"""The frame of every seat page (plain server-rendered HTML) and its swappable parts.

Pages load one style sheet and one small script from the server itself (the Content-Security-
Policy allows nothing else, not even inline scripts or styles) and work without the script:
forms post normally and the page has a refresh link. With it, the page follows the moderator,
keeps what is being typed per question, and saves without leaving the page. Every piece of
text from the session, the bank or the network goes through `html_text`/`html_attr`.

A page is made of parts (`data-part`), each with a key (`data-key`): the script fetches the page
again when the view changes and swaps in only the parts whose key changed, so a form someone is
typing in stays as it is while the other side's readiness or the clock changes around it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from ..base.durations import format_clock
from . import paths
from .safetext import html_attr as _a
from .safetext import html_text as _e
from .views import TimerView


def part_key(*sources: object) -> str:
    return hashlib.sha256(repr(sources).encode("utf-8")).hexdigest()[:16]


def part(name: str, inner: str, *, tag: str = "section", key: str | None = None) -> str:
    """A part of the page the script may swap; its key is its own text unless given."""
    return (
        f'<{tag} id="part-{name}" data-part data-key="{_a(key or part_key(inner))}">{inner}</{tag}>'
    )


def layout(
    title: str,
    body: str,
    *,
    attributes: Mapping[str, str] | None = None,
    refresh: int | None = None,
) -> str:
    """A whole page; `refresh` makes it reload itself every that many seconds (no script)."""
    extra = "".join(f' {name}="{_a(value)}"' for name, value in (attributes or {}).items())
    reload = f'<meta http-equiv="refresh" content="{refresh}">' if refresh else ""
    return (
        "<!doctype html>\n"
        f'<html lang="en"><head><meta charset="utf-8">{reload}'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex, nofollow">'
        f"<title>{_e(title)}</title>"
        f'<link rel="stylesheet" href="{paths.STATIC}/seat.css">'
        f'<script src="{paths.STATIC}/seat.js" defer></script>'
        f"</head><body{extra}><main>{body}</main></body></html>\n"
    )


def message_page(title: str, message: str, *, link: tuple[str, str] | None = None) -> str:
    """A page that only says something: an error, a refusal, a removed device."""
    more = f'<p><a href="{_a(link[0])}">{_e(link[1])}</a></p>' if link else ""
    return layout(title, f"<h1>{_e(title)}</h1><p>{_e(message)}</p>{more}")


# Joining


def clock_part(timer: TimerView) -> str:
    if timer.running:
        state = ""
    elif timer.paused:
        state = ' <span class="paused">paused</span>'
    else:
        state = ' <span class="paused">not started</span>'
    left = timer.remaining
    label = "over time" if left < 0 else "left"
    inner = (
        f'<p class="clock"><span data-remaining="{left:.0f}" '
        f'data-running="{"1" if timer.running else "0"}">{_e(format_clock(left))}</span> '
        f"<span data-left>{label}</span>{state}</p>"
    )
    # Keyed on what the moderator changes, not the seconds: the script counts those down.
    return part(
        "clock", inner, tag="div", key=part_key(timer.budget, timer.spent, timer.running_since)
    )
