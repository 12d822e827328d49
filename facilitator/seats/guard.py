"""The rules every seat request passes (docs/seats.md explains the threats): the Host header, the
Origin of a POST, which seat a path is for, the security headers; and the seat cookies, seated
devices and their posted forms, which every route reads through `Guard`."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping

from aiohttp import web

from ..base.clock import Clock
from ..live.workshop import Workshop
from . import paths
from .hosts import HostPolicy, PublicUrl
from .limits import Limits, busy
from .page_layout import message_page
from .responses import ROLE, field_value, html, plain
from .seating import MODERATOR, Device, Seating

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

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Guard:
    """The security middleware and the seat cookies of a `SeatServer` (its first floor)."""

    workshop: Workshop
    clock: Clock
    seating: Seating
    public: PublicUrl | None
    _policy: HostPolicy
    _cookie_key: str
    _limits: Limits
    _runner: web.AppRunner | None

    @staticmethod
    async def _headers(request: web.Request, response: web.StreamResponse) -> None:
        response.headers.update(HEADERS)

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """The connection limit, Host on every request, Origin on every POST; then which seat
        a path is for."""
        server = self._runner.server if self._runner is not None else None
        if server is not None and len(server.connections) > self._limits.max_connections:
            return busy("The seats are busy (too many connections): try again in a moment.")
        host = request.headers.get("Host")
        if not self._policy.host_ok(host):
            return plain(421, "This server does not answer to that host name.")
        if request.method == "POST" and not self._policy.origin_ok(
            request.headers.get("Origin"), host
        ):
            return plain(403, "Refused: this request did not come from this site's own page.")
        if request.path.startswith("/m"):
            request[ROLE] = MODERATOR
        elif "seat" in request.match_info:
            role = paths.ROLES.get(request.match_info["seat"])
            if role is None or (request.path.startswith("/p/") and role == MODERATOR):
                return plain(404, "No such seat.")
            request[ROLE] = role
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
        role = request[ROLE]
        value = request.cookies.get(self._cookie(request, "seat", role))
        device = self.seating.seated(value, role) if value else None
        if device is not None:
            self.seating.seen(device.id)
        return device

    def _no_seat(self, request: web.Request) -> web.Response:
        role = request[ROLE]
        page = message_page(
            "Not seated",
            "This device has no seat here (or the moderator removed it). Open the join link "
            "again to ask for one.",
            link=(paths.join(role), "Join"),
        )
        response = html(page, status=403)
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
        if fields is None or not self.seating.form_ok(device.id, field_value(fields, "csrf")):
            return plain(403, "Refused: this form is not from this device's page.")
        return device, fields

    async def _form(self, request: web.Request) -> dict[str, list[str]] | None:
        """The posted form as text fields (None when it holds a file: no form here sends one).
        A body that takes longer than `Limits.read_seconds` to arrive gets 408 (aiohttp caps
        its size, 413 beyond `server.MAX_BODY`)."""
        try:
            async with asyncio.timeout(self._limits.read_seconds):
                posted = await request.post()
        except TimeoutError:
            raise web.HTTPRequestTimeout(
                text="The request took too long to arrive: try again.\n",
                headers={"Connection": "close"},
            ) from None
        fields: dict[str, list[str]] = {}
        for name, value in posted.items():
            if not isinstance(value, str):
                return None
            fields.setdefault(name, []).append(value)
        return fields
