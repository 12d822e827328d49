"""What the network may hold of the moderator's process, over real HTTP on 127.0.0.1: slow
requests, many connections, many event streams, the Host a plain port-80 URL sends, who the rate
limit counts, and that a party's stream says nothing of the other side's activity.

These tests wait on real sockets (the limits are aiohttp's and the event loop's, not the
session's clock), with the limits made small and every wait bounded."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from seats_support import Browser, save, seat, stream, token_of

from facilitator.base.clock import ManualClock
from facilitator.live.workshop import Workshop
from facilitator.seats.limits import RETRY_AFTER_SECONDS, Limits
from facilitator.seats.ratelimit import FAILURES
from facilitator.seats.seating import TYPING_SECONDS
from facilitator.seats.server import SeatServer
from facilitator.session.records import AnswerKey

QUICK = Limits(
    max_connections=4,
    max_streams=3,
    streams_per_device=2,
    read_seconds=0.3,
    keepalive_seconds=0.25,
)


@pytest.fixture
async def tight(workshop: Workshop, clock: ManualClock) -> AsyncIterator[SeatServer]:
    seats = SeatServer(workshop, bind="127.0.0.1", port=0, clock=clock, limits=QUICK)
    await seats.start()
    yield seats
    await seats.stop()


async def _raw(server: SeatServer) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection("127.0.0.1", server.port)


async def _connections(server: SeatServer, count: int) -> None:
    """Wait (boundedly) until the server has accepted `count` connections."""
    async with asyncio.timeout(3):
        while server._runner is None or len(server._runner.server.connections) < count:
            await asyncio.sleep(0.01)


# Slow clients


async def test_headers_sent_a_byte_at_a_time_do_not_hold_a_connection(tight):
    reader, writer = await _raw(tight)
    writer.write(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{tight.port}\r\nX-Slow: ".encode())
    started = time.monotonic()
    closed = False
    try:
        async with asyncio.timeout(3):
            while not closed:  # a byte now and then, never the blank line that ends the headers
                try:
                    writer.write(b"x")
                    await writer.drain()
                    closed = await asyncio.wait_for(reader.read(100), 0.1) == b""
                except TimeoutError:
                    continue
                except ConnectionError:
                    closed = True
        assert time.monotonic() - started < 2, "closed soon after the read timeout"
    finally:
        writer.close()


async def test_a_body_that_never_arrives_gets_408_after_the_read_timeout(tight):
    reader, writer = await _raw(tight)
    try:
        writer.write(
            (
                f"POST /j/a HTTP/1.1\r\nHost: 127.0.0.1:{tight.port}\r\n"
                f"Origin: http://127.0.0.1:{tight.port}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                "Content-Length: 1000\r\n\r\ncsrf=abc"
            ).encode()
        )
        await writer.drain()
        async with asyncio.timeout(3):
            status = await reader.readline()
            rest = await reader.read()
        assert status.startswith(b"HTTP/1.1 408"), status
        assert b"Content-Security-Policy" in rest, "the refusal carries the security headers"
    finally:
        writer.close()


# Many connections, many streams


async def test_beyond_the_connection_cap_a_request_gets_503_with_retry_after(tight):
    idle = [await _raw(tight) for _ in range(QUICK.max_connections)]
    browser = Browser(tight)
    try:
        await _connections(tight, QUICK.max_connections)
        reply, text = await browser.get("/j/a")
        assert reply.status == 503 and "busy" in text
        assert reply.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
        for _, writer in idle:
            writer.close()
        async with asyncio.timeout(3):
            while (await browser.get("/j/a"))[0].status == 503:
                await asyncio.sleep(0.02)
    finally:
        await browser.close()
        for _, writer in idle:
            writer.close()


async def test_event_streams_are_capped_in_all_and_per_device(tight):
    acme, globex = Browser(tight), Browser(tight)
    try:
        await seat(acme, "a")
        await seat(globex, "b")
        async with (
            stream(acme, "/p/a/events") as (_, first),
            stream(acme, "/p/a/events") as (_, second),
        ):
            await first.next()
            await second.next()
            async with stream(acme, "/p/a/events") as (_, third):
                await third.next()
                assert await first.closed(), "a device's oldest stream makes way for its newest"
                # Open now: acme's second and third. Globex's first is the third in all, the
                # cap; its second is one too many.
                async with stream(globex, "/p/b/events") as (reply, _):
                    assert reply.status == 200
                    async with stream(globex, "/p/b/events") as (refused, _):
                        assert refused.status == 503
                        assert refused.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
    finally:
        await acme.close()
        await globex.close()


# Hosts and clients


async def test_a_public_url_on_its_default_port_accepts_the_port_written_out(workshop, clock):
    seats = SeatServer(
        workshop, bind="127.0.0.1", port=0, clock=clock, public_url="http://seats.example"
    )
    await seats.start()
    browser = Browser(seats)
    try:
        for host in ("seats.example", "seats.example:80"):
            reply, _ = await browser.get("/j/a", headers={"Host": host})
            assert reply.status == 200, host
        reply, _ = await browser.get("/j/a", headers={"Host": "seats.example:8080"})
        assert reply.status == 421
    finally:
        await browser.close()
        await seats.stop()


async def _tries(seats: SeatServer, browser: Browser, forwarded: str) -> int:
    """Fail to join `FAILURES` times as `forwarded`, then try the right code: its status."""
    headers = {"X-Forwarded-For": forwarded}
    for _ in range(FAILURES):
        await ask_as(seats, browser, "B" * 32, headers)
    return await ask_as(seats, browser, seats.seating.secret("a"), headers)


async def ask_as(seats: SeatServer, browser: Browser, code: str, headers: dict) -> int:
    _, join = await browser.get("/j/a")
    reply, _ = await browser.post("/j/a", {"csrf": token_of(join), "code": code}, headers=headers)
    return reply.status


@pytest.mark.parametrize("trust", [False, True])
async def test_forwarded_for_counts_only_with_trust_proxy(workshop, clock, trust):
    seats = SeatServer(
        workshop,
        bind="127.0.0.1",
        port=0,
        clock=clock,
        public_url="https://seats.example",
        trust_proxy=trust,
    )
    await seats.start()
    browser = Browser(seats)
    try:
        assert await _tries(seats, browser, "203.0.113.7") == 429
        other = await ask_as(
            seats,
            browser,
            seats.seating.secret("a"),
            {"X-Forwarded-For": "198.51.100.1, 203.0.113.8"},
        )
        # Trusted, the proxy's own (right-most) entry names a new client; otherwise every try
        # came from the peer, 127.0.0.1, which is blocked whatever the header says.
        assert other == (303 if trust else 429)
    finally:
        await browser.close()
        await seats.stop()


# What a party's stream says of the other side


async def test_the_other_sides_typing_and_edits_put_nothing_on_a_partys_stream(tight, clock):
    acme, globex = Browser(tight), Browser(tight)
    try:
        await seat(acme, "a")
        page = await seat(globex, "b")
        token = token_of(page)
        await save(globex, "b", {"value": "First"}, question="why", token=token)
        async with stream(acme, "/p/a/events") as (_, events):
            await events.next()  # the view now, with Globex ready
            got: list[bytes] = []

            async def read() -> None:
                while line := await events.reply.content.readline():
                    got.append(line)

            reader = asyncio.create_task(read())
            revision = tight.workshop.state.answers[AnswerKey("why", "b", False)].revision
            started = time.monotonic()
            # Globex types and saves without pause for four keepalive periods: each keystroke
            # and each save wakes every stream, none may show on Acme's.
            while time.monotonic() - started < 4 * QUICK.keepalive_seconds:
                clock.advance(TYPING_SECONDS + 1)  # each edit is a new "typing" on the room
                await globex.post("/p/b/typing", {"csrf": token, "question": "why"})
                await save(
                    globex,
                    "b",
                    {"value": f"Edit {revision}"},
                    question="why",
                    based_on=revision,
                    token=token,
                )
                revision += 1
                await asyncio.sleep(0.02)
            await asyncio.sleep(QUICK.keepalive_seconds / 2)
            reader.cancel()
        assert revision > 5, "the other side really was busy"
        assert not [line for line in got if line.startswith((b"data", b"event", b"id"))]
        beats = [line for line in got if line.startswith(b":")]
        assert len(beats) >= 3, "keepalives keep their own schedule while the other side types"
    finally:
        await acme.close()
        await globex.close()
