"""Opening seats from the moderator's app: the command line's choices, and the address to serve.

`SeatOptions` is what `--seats [--bind ADDRESS] [--port N] [--public-url URL] [--trust-proxy]`
asked for (the run screen's seats key asks for the defaults). `make_server` turns it into a
`SeatServer` that is not yet listening: without `--bind`, on the best private LAN address of
this machine (read locally, see `addresses`), with every candidate returned too, so the join
panel can offer the others (a VPN or a laptop that is its own hotspot must not leave the
moderator stuck). All interfaces only when `--bind 0.0.0.0` is given; the join link then shows
the best candidate.

Importing this module costs nothing: the server (aiohttp) and the QR code (segno) load only
when `make_server` runs.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..base.clock import Clock
    from ..live.workshop import Workshop
    from .addresses import Candidate
    from .server import SeatServer
    from .tokens import Entropy


@dataclass(frozen=True)
class SeatOptions:
    bind: str | None = None
    """The address to listen on; None: the best private LAN address found."""
    port: int | None = None
    """None: the server's default port (`server.DEFAULT_PORT`); 0: any free port."""
    public_url: str | None = None
    """The https origin of a TLS reverse proxy or tunnel in front of the seats."""
    trust_proxy: bool = False
    """A reverse proxy on this machine sets X-Forwarded-For (the rate limit reads it)."""


def _address(options: SeatOptions) -> tuple[str, str]:
    """(listen on, show in the link) for `options`; NoAddressError when a needed one is missing."""
    from .addresses import local_interfaces, pick

    if options.bind is None:
        address = pick(local_interfaces()).address
        return address, address
    if options.bind in ("0.0.0.0", "::"):
        return options.bind, pick(local_interfaces()).address
    return options.bind, options.bind


def preflight(options: SeatOptions) -> None:
    """Fail early, before a session is made, when the seats could not be served: no address
    other devices could reach, or the port taken (the same one line the server would give).
    The server itself still reports anything that changes in between."""
    from .server import DEFAULT_PORT, _listen_error

    host, _ = _address(options)
    port = DEFAULT_PORT if options.port is None else options.port
    if port == 0:
        return
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # As the server will: an address in TIME_WAIT is free, one being listened on is not.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise _listen_error(host, port, error) from None


def make_server(
    workshop: Workshop,
    options: SeatOptions,
    *,
    clock: Clock | None = None,
    entropy: Entropy = os.urandom,
) -> tuple[SeatServer, tuple[Candidate, ...]]:
    """A seat server for `workshop` as `options` ask (not started: `await server.start()`), and
    the addresses the panel may switch to, best first. NoAddressError when no `--bind` was given
    and no address other devices could reach exists; FacilitatorError for a bad `--public-url`."""
    from .addresses import candidates, local_interfaces
    from .server import DEFAULT_PORT, SeatServer

    bind, shown = _address(options)
    found = candidates(local_interfaces())
    server = SeatServer(
        workshop,
        bind=bind,
        port=DEFAULT_PORT if options.port is None else options.port,
        public_url=options.public_url,
        trust_proxy=options.trust_proxy,
        shown_host=shown,
        clock=clock,
        entropy=entropy,
    )
    return server, found
