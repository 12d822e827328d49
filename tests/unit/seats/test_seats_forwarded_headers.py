"""X-Forwarded-For sent as more than one header line: HTTP makes them one comma-joined list
(RFC 9110 5.3), and a proxy such as HAProxy (`option forwardfor`) adds its own line after any
the client sent. Reading only the first line would believe the client's own, forged one."""

from __future__ import annotations

from seats_support import Browser, token_of

from facilitator.seats.ratelimit import FAILURES
from facilitator.seats.server import SeatServer


async def _ask(browser: Browser, code: str, headers: list[tuple[str, str]]) -> int:
    _, join = await browser.get("/j/a")
    async with browser.session.post(
        browser.base + "/j/a",
        data={"csrf": token_of(join), "code": code},
        headers=[("Origin", browser.base), *headers],
        allow_redirects=False,
    ) as reply:
        return reply.status


async def test_a_forged_first_forwarded_for_line_does_not_escape_the_rate_limit(workshop, clock):
    seats = SeatServer(workshop, bind="127.0.0.1", port=0, clock=clock, trust_proxy=True)
    await seats.start()
    browser = Browser(seats)
    try:
        for n in range(FAILURES):
            # Each try forges a new first line; the proxy's own line names the same client.
            forged = [("X-Forwarded-For", f"198.51.100.{n}"), ("X-Forwarded-For", "203.0.113.9")]
            assert await _ask(browser, "B" * 32, forged) == 403
        last = [("X-Forwarded-For", "198.51.100.99"), ("X-Forwarded-For", "203.0.113.9")]
        assert await _ask(browser, seats.seating.secret("a"), last) == 429
    finally:
        await browser.close()
        await seats.stop()
