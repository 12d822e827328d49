"""The seat server: party pages served from inside the moderator's app, in its own event loop.

One process, one writer: `SeatServer` runs on the caller's running asyncio loop (Textual's),
and every request calls the same `Workshop` the room screen uses, on that loop's thread. A save
hands the answer to `Workshop.commit_answer` and awaits its Future before it answers "saved".

    server = SeatServer(workshop, bind="192.168.1.20", port=8765)
    await server.start()            # FacilitatorError (one line) if the port is taken
    server.join_link("a").url       # http://192.168.1.20:8765/j/a#SECRET…
    server.seating.admit(device_id)  # the join panel's decisions, see `seating.Seating`
    await server.stop()             # prompt, even with pages following the session

Rules enforced on every request (docs/seats.md explains the threats):
- the Host header must be one the server is reached at (`hosts.HostPolicy`);
- every POST needs a matching Origin, the seat's cookie (or, to join, the join page's own
  cookie) and the anti-forgery token from the page;
- the cookie is HttpOnly, SameSite=Strict, named per session and seat, Secure (with the
  `__Host-` prefix) when the request came through an https `--public-url`;
- every response carries the security headers in `HEADERS`; bodies are capped at `MAX_BODY`;
- connections, event streams and the time a client takes to send a request are bounded
  (`limits.Limits`): beyond them a prompt 503 (or 408, or a closed connection), never a hang;
- failed joins are rate-limited per client (X-Forwarded-For only with `trust_proxy`); nothing
  is logged (no access log at all).
A party's pages, streams and downloads are made from `views.party_view` and nothing else.

The routes are mixins, one module per concern: `guard` (the rules above, cookies and forms),
`following` (change notification and event streams), `join_routes`, `party_routes` and
`moderator_routes`; this module starts, rebinds and stops the server and maps the paths.
"""

from __future__ import annotations

import asyncio
import errno
import hashlib
import os
import threading
from dataclasses import dataclass
from importlib.resources import files

from aiohttp import web

from ..base.clock import Clock
from ..base.errors import FacilitatorError
from ..compare.comparison import Comparison
from ..live.workshop import Workshop
from ..session.records import AnswerKey
from ..session.state import WorkshopState
from . import paths
from .addresses import local_interfaces
from .hosts import HostPolicy, PublicUrl, netloc, parse_public_url
from .join_routes import STATIC, JoinRoutes
from .limits import Limits
from .moderator_routes import ModeratorRoutes
from .party_routes import PartyRoutes
from .ratelimit import FailureLimiter
from .seating import MODERATOR, Seating
from .tokens import Entropy, new_token, spoken
from .views import names_of

DEFAULT_PORT = 8765
MAX_BODY = 64 * 1024
"""Bytes a request body may hold: a long answer is 4,000 characters (`answers.MAX_TEXT`)."""
SHUTDOWN_SECONDS = 1.0
"""How long stopping waits for requests still running; streams are ended before that."""


class SeatServerError(FacilitatorError):
    """The seat server cannot start (the port is taken, the address is not this machine's)."""


@dataclass(frozen=True)
class JoinLink:
    """What the join panel shows for one seat."""

    role: str
    """"a", "b" or `seating.MODERATOR`."""
    name: str
    """The party's name ("Acme"), or "moderator"."""
    url: str
    """The whole link, `http://HOST:PORT/j/a#SECRET`: through `--public-url` when one is set."""
    local_url: str
    """The same link at the address the server listens on (for the room's own network)."""
    secret: str
    spoken: str
    """The secret in groups of four, for reading aloud."""


def _listen_error(host: str, port: int, error: OSError) -> SeatServerError:
    where = netloc(host, port)
    if error.errno == errno.EADDRINUSE:
        return SeatServerError(f"cannot serve seats on {where}: the port is in use; give --port N")
    if error.errno == errno.EADDRNOTAVAIL:
        return SeatServerError(f"cannot serve seats on {where}: not an address of this machine")
    if error.errno == errno.EACCES:
        return SeatServerError(f"cannot serve seats on {where}: that port needs privileges")
    return SeatServerError(f"cannot serve seats on {where}: {error.strerror or error}")


def _wildcard(host: str) -> bool:
    return host in ("0.0.0.0", "::", "")


class SeatServer(JoinRoutes, PartyRoutes, ModeratorRoutes):
    """The seats of one running `Workshop`, served over HTTP from the caller's event loop.

    For the join panel and the CLI:
    - `SeatServer(workshop, bind=ADDRESS, port=N, public_url=URL)`, then `await start()` and,
      on quit or when seats close, `await stop()` (before `workshop.close()`). Both run on the
      loop the Workshop is used from (Textual's); `start` raises SeatServerError in one line.
    - `seating`: the `Seating` (pending devices, admit/refuse/revoke, new links, lock, typing,
      liveness and readiness); subscribe to it to redraw the panel.
    - `join_link(role)`: the URL, the secret and its read-aloud form for "a", "b" or MODERATOR.
    - `origin`, `port`, `bind`, `shown_host`; `await rebind(address)` to switch address.
    A reveal from the moderator's page goes through `Workshop.check_reveal`, like every other.
    """

    def __init__(
        self,
        workshop: Workshop,
        *,
        bind: str,
        port: int = DEFAULT_PORT,
        public_url: str | None = None,
        shown_host: str | None = None,
        clock: Clock | None = None,
        seating: Seating | None = None,
        entropy: Entropy = os.urandom,
        shutdown_timeout: float = SHUTDOWN_SECONDS,
        trust_proxy: bool = False,
        limits: Limits | None = None,
    ) -> None:
        """Serve `workshop`'s seats on `bind`:`port` (port 0: any free port; `bind` 0.0.0.0
        only when asked for all interfaces). `shown_host` is the address the join URL shows
        (default: `bind`, which must then be a real address); `public_url` is the origin a TLS
        reverse proxy or tunnel serves the seats on (parse errors raise FacilitatorError);
        `trust_proxy`: a reverse proxy on this machine sets X-Forwarded-For, so the rate limit
        reads the client's address from it (never otherwise). `clock` defaults to the
        workshop's; `entropy` feeds every secret (tests inject one); `limits` bound what the
        network may hold (tests make them small)."""
        self.workshop = workshop
        self.clock: Clock = clock or workshop.clock
        self.bind = bind
        self.port = port
        self.public: PublicUrl | None = parse_public_url(public_url) if public_url else None
        self.shown_host = shown_host or bind
        if _wildcard(self.shown_host):
            raise SeatServerError(
                f"--bind {bind} listens on every interface: say which address the join link shows"
            )
        self.seating = seating or Seating(self.clock, entropy=entropy)
        self._entropy = entropy
        self._shutdown_timeout = shutdown_timeout
        self._limiter = FailureLimiter(self.clock)
        self.trust_proxy = trust_proxy
        self._limits = limits or Limits()
        self._streams: dict[str, list[asyncio.Event]] = {}
        self._policy = HostPolicy((), self.public, trust_proxy=trust_proxy)
        self._comparison = Comparison(
            workshop.bank, (workshop.store.meta.party_a, workshop.store.meta.party_b)
        )
        meta = workshop.store.meta
        self._cookie_key = hashlib.sha256(
            f"{workshop.store.path.resolve()}|{meta.created}".encode()
        ).hexdigest()[:10]
        """Names this session's cookies: two sessions in one browser never share one."""
        self._saving: set[AnswerKey] = set()
        """Answers committed by a seat and not yet durable: their pages say "Saving…"."""
        self._fingerprints: dict[str, str] = {}
        self._fingerprints_state: WorkshopState | None = None
        self._fingerprints_saving: frozenset[AnswerKey] = frozenset()
        self._mark = f"token-{new_token(entropy)}"
        """Stands for a device's anti-forgery token in a page rendered for all its party's
        devices; random, so no text on the page can be mistaken for it."""
        self._pages: dict[str, tuple[tuple[str, int], str]] = {}
        """Party -> (what the page showed: its view's digest and second, the page)."""
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread = 0
        self._changed = asyncio.Event()
        self._closing = False
        self._static = {
            name: (files(__package__) / "static" / name).read_bytes() for name in STATIC
        }

    # Running

    async def start(self) -> None:
        """Listen, on the running loop; SeatServerError (one line) when that is not possible."""
        if self._runner is not None:
            raise SeatServerError("the seat server is already running")
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        self._changed = asyncio.Event()
        self._closing = False
        # A new application each time: aiohttp freezes one for good when it starts serving.
        self._runner = web.AppRunner(
            self._make_app(),
            handle_signals=False,
            access_log=None,
            shutdown_timeout=self._shutdown_timeout,
            # aiohttp closes a connection whose request headers have not all arrived (or
            # that sat idle between requests) this long after it opened or last answered.
            keepalive_timeout=self._limits.read_seconds,
            # and reads what is left of a refused request's body (so the client sees the
            # refusal) no longer than that either.
            lingering_time=self._limits.read_seconds,
        )
        await self._runner.setup()
        try:
            self._site = await self._listen(self.bind, self.port)
        except SeatServerError:
            await self._runner.cleanup()
            self._runner = None
            raise
        self.port = self._site.port
        self._allow()
        self.workshop.subscribe(self._on_state)
        self.seating.subscribe(self._on_seats)

    async def _listen(self, host: str, port: int) -> web.TCPSite:
        assert self._runner is not None
        site = web.TCPSite(self._runner, host or None, port)
        try:
            await site.start()
        except OSError as error:
            raise _listen_error(host, port, error) from None
        return site

    def _allow(self) -> None:
        """The Host names the server answers to, now that its address and port are known."""
        shown = {netloc(self.shown_host, self.port)}
        if _wildcard(self.bind):
            shown |= {netloc(i.address, self.port) for i in local_interfaces()}
        else:
            shown.add(netloc(self.bind, self.port))
        self._policy = HostPolicy(shown, self.public, trust_proxy=self.trust_proxy)

    async def rebind(self, host: str) -> None:
        """Listen on another address (the panel's "switch address"), on the same port when it
        is free there. Devices seated through the old address must join again: their browsers
        keep cookies per host."""
        if self._site is None:
            raise SeatServerError("the seat server is not running")
        if _wildcard(host):
            raise SeatServerError("switch to one address; every interface needs --bind 0.0.0.0")
        site = await self._listen(host, self.port)
        old, self._site = self._site, site
        await old.stop()
        self.bind = self.shown_host = host
        self.port = site.port
        self._allow()
        self._bump()

    async def stop(self) -> None:
        """Close the port promptly: event streams end at once, requests get `shutdown_timeout`."""
        if self._runner is None:
            return
        self._closing = True
        self._changed.set()
        self.workshop.unsubscribe(self._on_state)
        self.seating.unsubscribe(self._on_seats)
        runner, self._runner, self._site = self._runner, None, None
        await runner.cleanup()

    @property
    def running(self) -> bool:
        return self._runner is not None

    @property
    def origin(self) -> str:
        """Where the server is reached directly: `http://HOST:PORT`."""
        return f"http://{netloc(self.shown_host, self.port)}"

    def join_link(self, role: str) -> JoinLink:
        """The join link of `role` ("a", "b" or `seating.MODERATOR`) as the panel shows it."""
        secret = self.seating.secret(role)
        local = f"{self.origin}{paths.join(role)}#{secret}"
        url = f"{self.public.origin}{paths.join(role)}#{secret}" if self.public else local
        name = "moderator" if role == MODERATOR else names_of(self.workshop.store.meta)[role]
        return JoinLink(role, name, url, local, secret, spoken(secret))

    # The application

    def _make_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._guard])
        app.on_response_prepare.append(self._headers)
        app.add_routes(
            [
                web.get("/", self._index),
                web.get("/favicon.ico", self._no_icon),
                web.get("/static/{name}", self._static_file),
                web.get("/j/{seat}", self._join_page),
                web.post("/j/{seat}", self._ask),
                web.get("/j/{seat}/wait", self._wait),
                web.get("/p/{seat}", self._party_page),
                web.post("/p/{seat}/answer", self._save),
                web.post("/p/{seat}/typing", self._typing),
                web.get("/p/{seat}/events", self._events),
                web.get("/p/{seat}/results", self._results),
                web.get("/m", self._moderator_page),
                web.post("/m/do", self._control),
                web.get("/m/events", self._events),
            ]
        )
        return app
