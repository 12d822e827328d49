"""What every seat route answers with: the request's seat, a form's first value, and HTML, plain
text and See Other responses."""

from __future__ import annotations

from collections.abc import Mapping

from aiohttp import web

ROLE = web.RequestKey("role", str)
"""The seat a request's path is for ("a", "b" or `seating.MODERATOR`), set by `Guard._guard`."""


def field_value(fields: Mapping[str, list[str]], name: str) -> str:
    values = fields.get(name)
    return values[0] if values else ""


def html(page: str, *, status: int = 200) -> web.Response:
    return web.Response(text=page, status=status, content_type="text/html", charset="utf-8")


def plain(status: int, message: str) -> web.Response:
    return web.Response(text=message + "\n", status=status, content_type="text/plain")


def redirect(location: str) -> web.Response:
    """See Other: after a POST the browser GETs the page (a reload does not post again)."""
    return web.Response(status=303, headers={"Location": location})
