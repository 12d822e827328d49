"""Helpers shared by the seat server's tests: a bank with every kind of question, browsers
with their own cookie jars, and seating a browser through the real join flow."""

from __future__ import annotations

import asyncio
import contextlib
import random
import re

import aiohttp

from facilitator.seats.seating import MODERATOR
from facilitator.seats.server import SeatServer

BANK = """---
party-a: Acme
party-b: Globex
---
# Seats workshop

## Opening {#opening time=10m}

### Why this partnership? {#why predict}

Listen for the one reason that matters; a startup that rates this 5 leads the answers.

A: Why do you want to work with Globex?

B: Why do you want to work with Acme?

### What do you bring? {#bring kind=list}

### How often should we meet? {#cadence kind=choice}

- Weekly
- Monthly
- Quarterly

### Which channels work for you? {#channels kind=choice pick=2}

- Email
- Phone
- Chat

### Rank what matters {#matters kind=rank}

- Price
- Speed
- Quality

### How important is it? {#importance kind=scale range=1-5 low="Side project" high="Central"}

### Months to a first deal? {#months kind=number unit=months predict}

### Who sets the price? {#price kind=stance predict}

- We do
- The partner does

### Who owns the roadmap? {#roadmap kind=stance}

### What do you expect from them? {#expects kind=list compare=expectation pair=offers}

### What will you offer them? {#offers kind=list compare=offer}

### Only for Acme {#only-acme ask=a}

## Closing {#closing time=5m}

### Anything else? {#else}
"""

ORDER = [
    "why",
    "bring",
    "cadence",
    "channels",
    "matters",
    "importance",
    "months",
    "price",
    "roadmap",
    "expects",
    "offers",
    "only-acme",
    "else",
]


def seeded(seed: int):
    """Entropy from a seeded generator: the same seed gives the same secrets and tokens."""
    generator = random.Random(seed)
    return generator.randbytes


class Browser:
    """One browser: its own cookie jar; posts carry the site's Origin unless told otherwise."""

    def __init__(
        self, server: SeatServer, agent: str = "Mozilla/5.0 (Linux; Android 14) Chrome/130.0"
    ) -> None:
        self.server = server
        self.base = server.origin
        self.session = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            headers={"User-Agent": agent},
        )

    async def close(self) -> None:
        await self.session.close()

    async def get(self, path: str, **kwargs) -> tuple[aiohttp.ClientResponse, str]:
        async with self.session.get(self.base + path, allow_redirects=False, **kwargs) as reply:
            return reply, await reply.text()

    async def post(
        self, path: str, data, *, origin: str | None = "", follow: bool = False, **kwargs
    ) -> tuple[aiohttp.ClientResponse, str]:
        headers = dict(kwargs.pop("headers", {}))
        if origin == "":
            headers["Origin"] = self.base
        elif origin is not None:
            headers["Origin"] = origin
        async with self.session.post(
            self.base + path, data=data, headers=headers, allow_redirects=follow, **kwargs
        ) as reply:
            return reply, await reply.text()


def token_of(page: str) -> str:
    found = re.search(r'(?:name="csrf" value|data-csrf)="([^"]+)"', page)
    assert found, "no anti-forgery token on the page"
    return found.group(1)


async def ask(
    browser: Browser, role: str, secret: str | None = None
) -> tuple[aiohttp.ClientResponse, str]:
    """Open the join page and post its form; returns the reply to the post."""
    segment = "m" if role == MODERATOR else role
    _, page = await browser.get(f"/j/{segment}")
    secret = browser.server.seating.secret(role) if secret is None else secret
    return await browser.post(f"/j/{segment}", {"csrf": token_of(page), "code": secret})


async def seat(browser: Browser, role: str) -> str:
    """Join, get admitted by the moderator, claim the seat; returns the seat's page."""
    segment = "m" if role == MODERATOR else role
    reply, _ = await ask(browser, role)
    assert reply.status == 303, reply.status
    pending = browser.server.seating.pending()
    browser.server.seating.admit(pending[-1].id)
    reply, _ = await browser.get(f"/j/{segment}/wait")
    assert reply.status == 303 and reply.headers["Location"] in ("/m", f"/p/{segment}")
    _, page = await browser.get(reply.headers["Location"])
    return page


async def save(
    browser: Browser,
    party: str,
    fields: dict,
    *,
    question: str,
    based_on: int = 0,
    guess: bool = False,
    token: str | None = None,
    **kwargs,
) -> tuple[aiohttp.ClientResponse, str]:
    """Post an answer (or guess) form as the party's page does."""
    if token is None:
        _, page = await browser.get(f"/p/{party}")
        token = token_of(page)
    data = [("csrf", token), ("question", question), ("guess", "1" if guess else "0")]
    data.append(("based_on", str(based_on)))
    for name, values in fields.items():
        data += [(name, value) for value in ([values] if isinstance(values, str) else values)]
    return await browser.post(f"/p/{party}/answer", data, **kwargs)


class Stream:
    """An open event stream; `next()` waits (boundedly) for its next `view` event's data."""

    def __init__(self, reply: aiohttp.ClientResponse) -> None:
        self.reply = reply

    async def next(self, timeout: float = 5.0) -> str:
        async with asyncio.timeout(timeout):
            while True:
                line = (await self.reply.content.readline()).decode()
                if not line:
                    raise EOFError("the stream closed")
                if line.startswith("data: "):
                    return line[len("data: ") :].strip()

    async def closed(self, timeout: float = 5.0) -> bool:
        """Whether the server ends the stream (reads what is left until it does)."""
        async with asyncio.timeout(timeout):
            while await self.reply.content.readline():
                pass
        return True


@contextlib.asynccontextmanager
async def stream(browser: Browser, path: str, **kwargs):
    async with browser.session.get(browser.base + path, **kwargs) as reply:
        yield reply, Stream(reply)
