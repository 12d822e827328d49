"""Which Host and Origin headers the seat server accepts, and who a request came from.

DNS rebinding: a page on some other site can point its own host name at this machine's address
and read the replies, as if it were the same origin. The server therefore answers only requests
whose Host names it as it was shown: the join URL's host and port, the bound address, the
`--public-url` origin, and localhost on any port (an SSH tunnel's local end). A state-changing
request must also carry an Origin of this very site: a missing Origin, `null` (what a sandboxed
frame or a `no-referrer` page sends) or any other site's is refused (cross-site request forgery).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..base.errors import FacilitatorError

LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
"""Accepted on any port: someone on this machine, directly or through an SSH tunnel."""


class PublicUrlError(FacilitatorError):
    """A `--public-url` that is not an http(s) origin."""


@dataclass(frozen=True)
class PublicUrl:
    """The origin a TLS reverse proxy (or tunnel) serves the seats on, e.g. https://seats.example."""

    scheme: str
    host: str
    """Lower case; an IPv6 address in brackets."""
    port: int | None
    """None for the scheme's default port."""

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.netloc}"

    @property
    def netloc(self) -> str:
        return self.host if self.port is None else f"{self.host}:{self.port}"

    @property
    def secure(self) -> bool:
        return self.scheme == "https"


def parse_public_url(text: str) -> PublicUrl:
    """`--public-url`, which must be an origin: scheme, host and maybe a port, nothing else."""
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError as error:
        raise PublicUrlError(f"--public-url {text!r}: {error}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PublicUrlError(f"--public-url {text!r}: give http(s)://HOST[:PORT]")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise PublicUrlError(
            f"--public-url {text!r}: give only the origin (no path); the proxy must serve the "
            "seats at its root"
        )
    default = 443 if parts.scheme == "https" else 80
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    return PublicUrl(parts.scheme, host, None if port in (None, default) else port)


def netloc(host: str, port: int) -> str:
    """`host:port` as it appears in a URL and a Host header (an IPv6 address in brackets)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _split_host(header: str) -> tuple[str, str]:
    """A Host header's host (lower case, no trailing dot) and port ("" when none is given)."""
    value = header.strip().lower()
    if value.startswith("["):
        host, _, rest = value.partition("]")
        host += "]"
        port = rest[1:] if rest.startswith(":") else ""
    else:
        host, _, port = value.partition(":")
    return host.rstrip("."), port


class HostPolicy:
    """The Host and Origin rules for one running server."""

    def __init__(self, shown: Iterable[str], public: PublicUrl | None = None) -> None:
        """`shown`: every `host:port` the server is reached at directly (what the join URL
        shows, what it is bound to); `public`: the `--public-url`, if any."""
        self.public = public
        self._direct = {self._normal(entry) for entry in shown}

    @staticmethod
    def _normal(entry: str) -> str:
        host, port = _split_host(entry)
        return f"{host}:{port}"

    def host_ok(self, header: str | None) -> bool:
        if not header:
            return False
        host, port = _split_host(header)
        if host in LOCAL_NAMES:
            return True
        if self.public is not None and (host, port) == self._public_parts():
            return True
        return f"{host}:{port}" in self._direct

    def _public_parts(self) -> tuple[str, str]:
        assert self.public is not None
        return self.public.host, "" if self.public.port is None else str(self.public.port)

    def is_public(self, header: str | None) -> bool:
        """Whether the request came through the `--public-url` (its Host is the public one)."""
        return (
            self.public is not None
            and bool(header)
            and (_split_host(header or "") == self._public_parts())
        )

    def origin_ok(self, origin: str | None, host: str | None) -> bool:
        """Whether a state-changing request's Origin is this site as the request reached it."""
        if not origin or origin == "null" or not host or not self.host_ok(host):
            return False
        if self.is_public(host):
            assert self.public is not None
            return origin.lower() == self.public.origin
        return origin.lower() == f"http://{host.strip().lower()}"

    def client(self, peer: str | None, forwarded_for: str | None) -> str:
        """Who sent a request, for the rate limit: the peer's address, or behind a reverse proxy
        on this machine (a `--public-url` is set and the peer is loopback) the address the proxy
        added last to X-Forwarded-For. A header from anyone else is not believed."""
        peer = peer or "unknown"
        if self.public is None or not forwarded_for or not _is_loopback(peer):
            return peer
        return forwarded_for.split(",")[-1].strip() or peer


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False
