"""How much of the moderator's process the network may hold: connections, event streams, the
time a client may take to send a request, and the refusal it gets beyond them.

A slow client (slowloris: headers or a body sent a byte at a time) or many connections at once
must not hold the seat server, which runs in the moderator's own event loop: every limit here
ends in a prompt answer or a closed connection, never a wait without end.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from .responses import plain

RETRY_AFTER_SECONDS = 5
"""What a refused client is told to wait (`Retry-After`)."""


@dataclass(frozen=True)
class Limits:
    max_connections: int = 128
    """Open connections at once (idle ones included); a request on one more gets 503."""
    max_streams: int = 48
    """Open event streams in all; one more gets 503 (two parties with a few devices each, and
    the moderator's page, need a dozen)."""
    streams_per_device: int = 4
    """Open event streams of one device (its tabs); one more ends that device's oldest, which
    is most likely a page that went to sleep without closing its connection."""
    read_seconds: float = 10.0
    """How long a client may take to send a request's headers (and stay idle between
    requests: aiohttp's keep-alive timeout, which also covers a connection that sends
    nothing), and, on its own, the body of a POST (408 after that); the rest of a refused body
    is read (aiohttp's lingering, so the client sees the refusal) this long at most."""
    keepalive_seconds: float = 15.0
    """An event stream sends a comment this often, on a schedule of its own (from the moment
    it opened): proxies and phones keep it open, and its timing says nothing of anyone's
    activity."""


def busy(message: str) -> web.Response:
    """503 with Retry-After, and the connection closed: the server is at one of its limits."""
    response = plain(503, message)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.force_close()
    return response
