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
- failed joins are rate-limited per client; nothing is logged (no access log at all).
A party's pages, streams and downloads are made from `views.party_view` and nothing else.
"""

from __future__ import annotations

import asyncio
import errno
import hashlib
import os
import threading
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from importlib.resources import files

from aiohttp import web

from ..bank.answers import AnswerError, describe
from ..base.clock import Clock
from ..base.errors import FacilitatorError
from ..base.text import slugify
from ..compare.comparison import Comparison
from ..live.workshop import RevisionConflict, Workshop
from ..session.records import SEAT_SOURCE, AnswerKey, Event
from ..session.state import WorkshopState
from . import paths
from .addresses import local_interfaces
from .browsers import summary
from .forms import decode
from .hosts import HostPolicy, PublicUrl, netloc, parse_public_url
from .pages import Notice, join_page, message_page, moderator_page, party_page, wait_page
from .ratelimit import FailureLimiter
from .results import results_text
from .seating import MODERATOR, Admission, Device, JoinRefused, Seating
from .tokens import Entropy, new_token, same, spoken
from .views import (
    ModeratorView,
    PartyView,
    moderator_view,
    names_of,
    party_results,
    party_view,
)

DEFAULT_PORT = 8765
MAX_BODY = 64 * 1024
"""Bytes a request body may hold: a long answer is 4,000 characters (`answers.MAX_TEXT`)."""
SHUTDOWN_SECONDS = 1.0
"""How long stopping waits for requests still running; streams are ended before that."""
KEEPALIVE_SECONDS = 15.0
"""A comment line on an idle event stream this often, so proxies and phones keep it open."""
RETRY_MILLISECONDS = 2000
"""How soon a browser reconnects a dropped event stream (a phone waking up resynchronises)."""

HEADERS: Mapping[str, str] = {
    "Content-Security-Policy": (
        "default-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    # same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on the
    # page's own posts, which the Origin check must refuse.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
}
STATIC = {"seat.css": "text/css", "seat.js": "text/javascript"}

_ROLE = web.RequestKey("role", str)


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


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class SeatServer:
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
    ) -> None:
        """Serve `workshop`'s seats on `bind`:`port` (port 0: any free port; `bind` 0.0.0.0
        only when asked for all interfaces). `shown_host` is the address the join URL shows
        (default: `bind`, which must then be a real address); `public_url` is the origin a TLS
        reverse proxy or tunnel serves the seats on (parse errors raise FacilitatorError).
        `clock` defaults to the workshop's; `entropy` feeds every secret (tests inject one)."""
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
        self._policy = HostPolicy((), self.public)
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
        self._policy = HostPolicy(shown, self.public)

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

    # Change notification: a stream wakes whenever anything it might show has changed

    def _on_state(self, state: WorkshopState) -> None:
        self._notify()

    def _on_seats(self, seating: Seating) -> None:
        self._notify()

    def _notify(self) -> None:
        if self._loop is None:
            return
        if threading.get_ident() == self._loop_thread:
            self._bump()
        else:
            self._loop.call_soon_threadsafe(self._bump)

    def _bump(self) -> None:
        """Wake every waiting stream: they are waiting on this event; later ones on a new one."""
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

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

    @staticmethod
    async def _headers(request: web.Request, response: web.StreamResponse) -> None:
        response.headers.update(HEADERS)

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Host on every request, Origin on every POST; then which seat a path is for."""
        host = request.headers.get("Host")
        if not self._policy.host_ok(host):
            return _plain(421, "This server does not answer to that host name.")
        if request.method == "POST" and not self._policy.origin_ok(
            request.headers.get("Origin"), host
        ):
            return _plain(403, "Refused: this request did not come from this site's own page.")
        if request.path.startswith("/m"):
            request[_ROLE] = MODERATOR
        elif "seat" in request.match_info:
            role = paths.ROLES.get(request.match_info["seat"])
            if role is None or (request.path.startswith("/p/") and role == MODERATOR):
                return _plain(404, "No such seat.")
            request[_ROLE] = role
        return await handler(request)

    def _secure(self, request: web.Request) -> bool:
        """Whether the request came through an https `--public-url`."""
        return (
            self.public is not None
            and self.public.secure
            and self._policy.is_public(request.headers.get("Host"))
        )

    def _cookie(self, request: web.Request, kind: str, role: str) -> str:
        """The name of a cookie: per kind, session and seat; `__Host-` when Secure."""
        name = f"{kind}-{self._cookie_key}-{paths.SEATS[role]}"
        return f"__Host-{name}" if self._secure(request) else name

    def _set_cookie(
        self, request: web.Request, response: web.StreamResponse, kind: str, role: str, value: str
    ) -> None:
        response.set_cookie(
            self._cookie(request, kind, role),
            value,
            path="/",
            httponly=True,
            samesite="Strict",
            secure=self._secure(request) or None,
        )

    def _drop_cookie(
        self, request: web.Request, response: web.StreamResponse, kind: str, role: str
    ) -> None:
        response.del_cookie(
            self._cookie(request, kind, role),
            path="/",
            httponly=True,
            samesite="Strict",
            secure=self._secure(request) or None,
        )

    def _seated(self, request: web.Request) -> Device | None:
        role = request[_ROLE]
        value = request.cookies.get(self._cookie(request, "seat", role))
        device = self.seating.seated(value, role) if value else None
        if device is not None:
            self.seating.seen(device.id)
        return device

    def _no_seat(self, request: web.Request) -> web.Response:
        role = request[_ROLE]
        page = message_page(
            "Not seated",
            "This device has no seat here (or the moderator removed it). Open the join link "
            "again to ask for one.",
            link=(paths.join(role), "Join"),
        )
        response = _html(page, status=403)
        self._drop_cookie(request, response, "seat", role)
        return response

    async def _seated_form(
        self, request: web.Request
    ) -> tuple[Device, dict[str, list[str]]] | web.Response:
        """A seated device's posted form, or the refusal to send. The anti-forgery check runs
        once the body has arrived, which may be long after the cookie was read: a device
        revoked meanwhile fails it (`Seating.form_ok`)."""
        device = self._seated(request)
        fields = await self._form(request) if device is not None else None
        if device is None:
            return self._no_seat(request)
        if fields is None or not self.seating.form_ok(device.id, _field(fields, "csrf")):
            return _plain(403, "Refused: this form is not from this device's page.")
        return device, fields

    async def _form(self, request: web.Request) -> dict[str, list[str]] | None:
        """The posted form as text fields (None when it holds a file: no form here sends one)."""
        posted = await request.post()
        fields: dict[str, list[str]] = {}
        for name, value in posted.items():
            if not isinstance(value, str):
                return None
            fields.setdefault(name, []).append(value)
        return fields

    # Routes: joining

    async def _index(self, request: web.Request) -> web.Response:
        return _html(
            message_page(
                "Workshop seats", "Open the join link the moderator gave you to take your seat."
            )
        )

    async def _no_icon(self, request: web.Request) -> web.Response:
        """Browsers ask for an icon on their own; there is none (a 404 would fill consoles)."""
        return web.Response(status=204)

    async def _static_file(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC:
            return _plain(404, "No such file.")
        return web.Response(body=self._static[name], content_type=STATIC[name], charset="utf-8")

    def _name(self, role: str) -> str:
        return "the moderator" if role == MODERATOR else names_of(self.workshop.store.meta)[role]

    def _join(self, request: web.Request, *, error: str = "", status: int = 200) -> web.Response:
        """The join page, with a fresh double-submit token in its own cookie and form."""
        role = request[_ROLE]
        token = new_token(self._entropy)
        plain = not self._secure(request)
        page = join_page(role, self._name(role), plain_http=plain, token=token, error=error)
        response = _html(page, status=status)
        self._set_cookie(request, response, "join", role, token)
        return response

    async def _join_page(self, request: web.Request) -> web.Response:
        """The join page; a device already seated here goes straight to its page."""
        if self._seated(request) is not None:
            return _redirect(paths.page(request[_ROLE]))
        return self._join(request)

    async def _ask(self, request: web.Request) -> web.Response:
        role = request[_ROLE]
        client = self._policy.client(request.remote, request.headers.get("X-Forwarded-For"))
        wait = self._limiter.blocked(client)
        if wait:
            return self._join(
                request, error=f"Too many tries: wait {wait:.0f} seconds.", status=429
            )
        fields = await self._form(request)
        cookie = request.cookies.get(self._cookie(request, "join", role), "")
        token = (fields or {}).get("csrf", [""])[0]
        if fields is None or not cookie or not same(token, cookie):
            return self._join(request, error="This form was out of date: try again.", status=403)
        try:
            device, ticket = self.seating.ask(
                role, fields.get("code", [""])[0], summary(request.headers.get("User-Agent"))
            )
        except JoinRefused as refused:
            if refused.counts:
                self._limiter.failed(client)
            return self._join(request, error=str(refused), status=403)
        response = _redirect(paths.wait(role))
        self._drop_cookie(request, response, "join", role)
        self._set_cookie(request, response, "wait", role, f"{device.id}.{ticket}")
        return response

    async def _wait(self, request: web.Request) -> web.Response:
        """A waiting device reloads this: its match code, or (admitted) its seat cookie."""
        role = request[_ROLE]
        device_id, _, ticket = request.cookies.get(
            self._cookie(request, "wait", role), ""
        ).partition(".")
        device = self.seating.waiting(device_id, ticket) if ticket else None
        if device is None:
            return _redirect(paths.join(role))
        if device.admission is Admission.PENDING:
            self.seating.seen(device.id)
            return _html(wait_page(self._name(role), device.match_code))
        credential = self.seating.claim(device.id, ticket)
        if credential is None:
            response = _html(
                message_page(
                    "Not admitted",
                    "The moderator did not let this device in.",
                    link=(paths.join(role), "Ask again"),
                ),
                status=403,
            )
        else:
            response = _redirect(paths.page(role))
            self._set_cookie(request, response, "seat", role, credential)
        self._drop_cookie(request, response, "wait", role)
        return response

    # Routes: a party's page

    def _compare(self) -> None:
        """Bring the comparison up to the session, with the parties' newest names (a rename
        during the session changes the names its reasons use)."""
        meta = self.workshop.store.meta
        self._comparison.relabel((meta.party_a, meta.party_b))
        self._comparison.update(self.workshop.state)

    def _view(self, party: str) -> PartyView:
        self._compare()
        return party_view(
            self.workshop.state, self.workshop.store.meta, party, self._comparison, self.clock()
        )

    def _party_html(
        self,
        device: Device,
        notices: Mapping[str, Notice] | None = None,
        *,
        alert: str = "",
        status: int = 200,
    ) -> web.Response:
        party = device.role
        token = self.seating.form_token(device.id)
        fingerprint = self._fingerprint(party)
        view = self._view(party)
        if notices or alert:
            page = self._render_party(view, fingerprint, token, notices or {}, alert)
            return _html(page, status=status)
        # Every device of a party fetches the same page at the same change: render it once
        # (per view and shown second), with a mark where each device's own token goes.
        key = (fingerprint, round(view.timer.remaining))
        cached = self._pages.get(party)
        if cached is None or cached[0] != key:
            cached = self._pages[party] = (
                key,
                self._render_party(view, fingerprint, self._mark, {}, ""),
            )
        return _html(cached[1].replace(self._mark, token), status=status)

    def _render_party(
        self,
        view: PartyView,
        fingerprint: str,
        token: str,
        notices: Mapping[str, Notice],
        alert: str,
    ) -> str:
        party = view.party
        saving = {
            form
            for form, guess in (("answer", False), ("guess", True))
            if AnswerKey(view.question.id, party, guess) in self._saving
        }
        return party_page(view, token, notices, fingerprint=fingerprint, saving=saving, alert=alert)

    async def _party_page(self, request: web.Request) -> web.Response:
        device = self._seated(request)
        if device is None:
            return self._no_seat(request)
        return self._party_html(device)

    async def _save(self, request: web.Request) -> web.Response:
        """Save the party's answer (or guess) to the question on screen, durably, then show
        the page again ("saved ✓"); a refusal shows the page with the reason at the form."""
        seated = await self._seated_form(request)
        if isinstance(seated, web.Response):
            return seated
        device, fields = seated
        party = device.role
        guess = _field(fields, "guess") == "1"
        form = "guess" if guess else "answer"
        try:
            based_on = int(_field(fields, "based_on"))
        except ValueError:
            return _plain(400, "Refused: the form has no revision.")
        state = self.workshop.state
        question = self.workshop.question
        if state.ended:
            return self._party_html(device, status=409)
        if _field(fields, "question") != question.id:
            return self._party_html(
                device,
                alert="The moderator has moved on: that question is closed for now; "
                "nothing was saved.",
                status=409,
            )
        if question.id in state.revealed:
            return self._party_html(
                device, alert="Revealed: this answer can no longer be changed here.", status=409
            )
        if not question.asks(party) or (guess and not question.predict):
            return self._party_html(device, alert="This is not asked of you.", status=409)
        key = AnswerKey(question.id, party, guess)
        try:
            future: Future[Event] = self.workshop.commit_answer(
                question.id,
                party,
                decode(question, fields),
                prediction=guess,
                source=f"{SEAT_SOURCE}{device.id}",
                expected_revision=based_on,
            )
        except AnswerError as error:
            notice = Notice(str(error), fields=fields)
            return self._party_html(device, {form: notice}, status=422)
        except RevisionConflict as conflict:
            current = conflict.current
            notice = Notice(
                "changed on another device: its answer is below; save again to replace it",
                fields=fields,
                current=self._describe(question.id, current.value) if current else "(none)",
                based_on=current.revision if current else 0,
            )
            return self._party_html(device, {form: notice}, status=409)
        self._saving.add(key)
        self._bump()
        try:
            await asyncio.wrap_future(future)
        except FacilitatorError:
            # The error names the moderator's files: the party is told only what it can act on.
            notice = Notice("not saved: the moderator's app could not write it; try again",
                            fields=fields)  # fmt: skip
            return self._party_html(device, {form: notice}, status=503)
        finally:
            self._saving.discard(key)
        self._bump()
        return _redirect(paths.page(party))

    def _describe(self, question_id: str, value: object) -> str:
        return describe(self.workshop.bank.question(question_id), value)

    async def _typing(self, request: web.Request) -> web.Response:
        seated = await self._seated_form(request)
        if isinstance(seated, web.Response):
            return seated
        device, fields = seated
        if _field(fields, "question") == self.workshop.question.id:
            self.seating.edited(device.id, self.workshop.question.id)
        return web.Response(status=204)

    async def _results(self, request: web.Request) -> web.Response:
        device = self._seated(request)
        if device is None:
            return self._no_seat(request)
        party = device.role
        self._compare()
        meta = self.workshop.store.meta
        names = names_of(meta)
        rows = party_results(self.workshop.state, party, self._comparison)
        other = "b" if party == "a" else "a"
        text = results_text(meta.title, names[party], names[other], rows)
        filename = f"{slugify(meta.title) or 'workshop'}-{slugify(names[party]) or party}.txt"
        return web.Response(
            text=text,
            content_type="text/plain",
            charset="utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    # Routes: following the session

    def _fingerprint(self, role: str) -> str:
        """What a page shows of the session now, as a digest: its `data-view`, and what its
        event stream sends. Kept per state, so the streams of a party's devices compute it
        once per change between them."""
        state, saving = self.workshop.state, frozenset(self._saving)
        if state is not self._fingerprints_state or saving != self._fingerprints_saving:
            self._fingerprints_state, self._fingerprints_saving = state, saving
            self._fingerprints = {}
        found = self._fingerprints.get(role)
        if found is None:
            if role == MODERATOR:
                found = self._moderator_view().fingerprint()
            else:
                view = self._view(role)
                found = view.fingerprint()
                if any(AnswerKey(view.question.id, role, g) in saving for g in (False, True)):
                    found += "-saving"
            self._fingerprints[role] = found
        return found

    async def _events(self, request: web.Request) -> web.StreamResponse:
        """Server-sent events: the view's fingerprint now and at every change, so the page
        fetches itself again; `retry` makes a dropped stream (a phone asleep) reconnect and
        resynchronise. After the end, one last event and the stream closes for good."""
        device = self._seated(request)
        if device is None:
            return self._no_seat(request)
        role = request[_ROLE]
        if self.workshop.state.ended and request.headers.get("Last-Event-ID") == self._fingerprint(
            role
        ):
            return web.Response(status=204)  # a browser's answer to 204 is to stop reconnecting
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        self.seating.attach(device.id)
        try:
            await response.write(f"retry: {RETRY_MILLISECONDS}\n\n".encode())
            sent = ""
            while not self._closing:
                if not self.seating.is_admitted(device.id):
                    break
                fingerprint = self._fingerprint(role)
                if fingerprint != sent:
                    sent = fingerprint
                    await response.write(f"id: {sent}\nevent: view\ndata: {sent}\n\n".encode())
                if self.workshop.state.ended:
                    break
                changed = self._changed
                try:
                    await asyncio.wait_for(changed.wait(), KEEPALIVE_SECONDS)
                except TimeoutError:
                    await response.write(b": still here\n\n")
        except ConnectionResetError:
            pass  # the page went away (closed, navigated, phone asleep): nothing to tell it
        finally:
            if self.seating.is_admitted(device.id):
                self.seating.detach(device.id)
        return response

    # Routes: the moderator's page

    def _moderator_view(self) -> ModeratorView:
        state = self.workshop.state
        check = self.workshop.check_reveal(self.workshop.question.id)
        return moderator_view(state, self.workshop.store.meta, check.message, self.clock())

    def _moderator_html(
        self, device: Device, *, confirm: str = "", error: str = "", status: int = 200
    ) -> web.Response:
        page = moderator_page(
            self._moderator_view(),
            self.seating.form_token(device.id),
            fingerprint=self._fingerprint(MODERATOR),
            confirm=confirm,
            error=error,
        )
        return _html(page, status=status)

    async def _moderator_page(self, request: web.Request) -> web.Response:
        device = self._seated(request)
        if device is None:
            return self._no_seat(request)
        return self._moderator_html(device)

    async def _control(self, request: web.Request) -> web.Response:
        """next / previous / reveal / pause / extend, as the room screen's keys do them; a
        reveal the check stops (`Workshop.check_reveal`) asks "reveal anyway?" first."""
        seated = await self._seated_form(request)
        if isinstance(seated, web.Response):
            return seated
        device, fields = seated
        workshop = self.workshop
        if workshop.state.ended:
            return self._moderator_html(device, status=409)
        action = _field(fields, "do")
        if action == "next":
            workshop.next_question()
        elif action == "previous":
            workshop.previous_question()
        elif action == "pause":
            workshop.toggle_timer()
        elif action == "extend":
            workshop.extend(1)
        elif action == "reveal":
            question = workshop.question.id
            if _field(fields, "question") != question:
                return self._moderator_html(
                    device, error="The question changed meanwhile: nothing revealed.", status=409
                )
            check = workshop.check_reveal(question)
            if not check.ok and _field(fields, "confirm") != "1":
                return self._moderator_html(device, confirm=check.message)
            workshop.reveal(question)
        else:
            return _plain(400, "Refused: no such control.")
        return _redirect(paths.page(MODERATOR))


def _field(fields: Mapping[str, list[str]], name: str) -> str:
    values = fields.get(name)
    return values[0] if values else ""


def _html(page: str, *, status: int = 200) -> web.Response:
    return web.Response(text=page, status=status, content_type="text/html", charset="utf-8")


def _plain(status: int, message: str) -> web.Response:
    return web.Response(text=message + "\n", status=status, content_type="text/plain")


def _redirect(location: str) -> web.Response:
    """See Other: after a POST the browser GETs the page (a reload does not post again)."""
    return web.Response(status=303, headers={"Location": location})
