"""The seat routes before a seat: the index, the static files, the join page and its form, and
the page a device waits on until the moderator admits it."""

from __future__ import annotations

from aiohttp import web

from . import paths
from .browsers import summary
from .guard import Guard
from .join_pages import join_page, wait_page
from .page_layout import message_page
from .ratelimit import FailureLimiter
from .responses import ROLE, html, plain, redirect
from .seating import MODERATOR, Admission, JoinRefused
from .tokens import Entropy, new_token, same
from .views import names_of

STATIC = {"seat.css": "text/css", "seat.js": "text/javascript"}


class JoinRoutes(Guard):
    """Joining: a device asks for a seat with the join link's code and waits to be admitted."""

    _entropy: Entropy
    _limiter: FailureLimiter
    _static: dict[str, bytes]

    async def _index(self, request: web.Request) -> web.Response:
        return html(
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
            return plain(404, "No such file.")
        return web.Response(body=self._static[name], content_type=STATIC[name], charset="utf-8")

    def _name(self, role: str) -> str:
        return "the moderator" if role == MODERATOR else names_of(self.workshop.store.meta)[role]

    def _join(self, request: web.Request, *, error: str = "", status: int = 200) -> web.Response:
        """The join page, with a fresh double-submit token in its own cookie and form."""
        role = request[ROLE]
        token = new_token(self._entropy)
        plain = not self._secure(request)
        page = join_page(role, self._name(role), plain_http=plain, token=token, error=error)
        response = html(page, status=status)
        self._set_cookie(request, response, "join", role, token)
        return response

    async def _join_page(self, request: web.Request) -> web.Response:
        """The join page; a device already seated here goes straight to its page."""
        if self._seated(request) is not None:
            return redirect(paths.page(request[ROLE]))
        return self._join(request)

    async def _ask(self, request: web.Request) -> web.Response:
        role = request[ROLE]
        # Every X-Forwarded-For line, as one list: a proxy may add its own line after the
        # client's (HAProxy does), and the first line alone would be the client's forgery.
        forwarded = ", ".join(request.headers.getall("X-Forwarded-For", ())) or None
        client = self._policy.client(request.remote, forwarded)
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
        response = redirect(paths.wait(role))
        self._drop_cookie(request, response, "join", role)
        self._set_cookie(request, response, "wait", role, f"{device.id}.{ticket}")
        return response

    async def _wait(self, request: web.Request) -> web.Response:
        """A waiting device reloads this: its match code, or (admitted) its seat cookie."""
        role = request[ROLE]
        device_id, _, ticket = request.cookies.get(
            self._cookie(request, "wait", role), ""
        ).partition(".")
        device = self.seating.waiting(device_id, ticket) if ticket else None
        if device is None:
            return redirect(paths.join(role))
        if device.admission is Admission.PENDING:
            self.seating.seen(device.id)
            return html(wait_page(self._name(role), device.match_code))
        credential = self.seating.claim(device.id, ticket)
        if credential is None:
            response = html(
                message_page(
                    "Not admitted",
                    "The moderator did not let this device in.",
                    link=(paths.join(role), "Ask again"),
                ),
                status=403,
            )
        else:
            response = redirect(paths.page(role))
            self._set_cookie(request, response, "seat", role, credential)
        self._drop_cookie(request, response, "wait", role)
        return response
