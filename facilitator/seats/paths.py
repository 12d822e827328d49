"""Every path the seat server answers, in one place, so pages and routes cannot disagree.

A join link is `/j/<seat>#<SECRET>`: the secret travels in the fragment, which browsers never
send to a server, so it reaches no access log, proxy log or Referer header. The join page's
script moves it into the form (or the person types it: the panel shows it for reading aloud).
"""

from __future__ import annotations

from .seating import MODERATOR

SEATS = {"a": "a", "b": "b", MODERATOR: "m"}
"""Role -> its path segment."""
ROLES = {segment: role for role, segment in SEATS.items()}

STATIC = "/static"


def join(role: str) -> str:
    return f"/j/{SEATS[role]}"


def wait(role: str) -> str:
    return f"/j/{SEATS[role]}/wait"


def page(role: str) -> str:
    return "/m" if role == MODERATOR else f"/p/{SEATS[role]}"


def save(role: str) -> str:
    return f"{page(role)}/answer"


def typing(role: str) -> str:
    return f"{page(role)}/typing"


def events(role: str) -> str:
    return f"{page(role)}/events"


def results(role: str) -> str:
    return f"{page(role)}/results"


def control() -> str:
    return "/m/do"
