"""Which Host and Origin headers the seat server accepts, and who a request came from.

DNS rebinding: a page on some other site can point its own host name at this machine's address
and read the replies, as if it were the same origin. The server therefore answers only requests
whose Host names it as it was shown: the join URL's host and port, the bound address, the
`--public-url` origin, and localhost on any port (an SSH tunnel's local end). A Host without a
port means the scheme's default one (80, or 443 behind an https `--public-url`), as browsers send
it there, and the same port written out is the same host. A state-changing
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
DEFAULT_PORTS = {"http": "80", "https": "443"}
"""The port a URL, a Host header or an Origin leaves out."""


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

    def __init__(
        self,
        shown: Iterable[str],
        public: PublicUrl | None = None,
        *,
        trust_proxy: bool = False,
    ) -> None:
        """`shown`: every `host:port` the server is reached at directly (what the join URL
        shows, what it is bound to); `public`: the `--public-url`, if any; `trust_proxy`: a
        reverse proxy on this machine sets X-Forwarded-For (`--trust-proxy`)."""
        self.public = public
        self.trust_proxy = trust_proxy
        self._direct = {_normal(entry, "http") for entry in shown}

    def host_ok(self, header: str | None) -> bool:
        if not header:
            return False
        if _split_host(header)[0] in LOCAL_NAMES:
            return True
        return self.is_public(header) or _normal(header, "http") in self._direct

    def is_public(self, header: str | None) -> bool:
        """Whether the request came through the `--public-url` (its Host is the public one)."""
        if self.public is None or not header:
            return False
        return _normal(header, self.public.scheme) == _normal(
            self.public.netloc, self.public.scheme
        )

    def origin_ok(self, origin: str | None, host: str | None) -> bool:
        """Whether a state-changing request's Origin is this site as the request reached it."""
        if not origin or origin == "null" or not host or not self.host_ok(host):
            return False
        scheme = self.public.scheme if self.is_public(host) and self.public else "http"
        parts = urlsplit(origin.strip().lower())
        if parts.scheme != scheme or parts.path or parts.query or parts.username:
            return False
        return _normal(parts.netloc, scheme) == _normal(host, scheme)

    def client(self, peer: str | None, forwarded_for: str | None) -> str:
        """Who sent a request, for the rate limit: the peer's address; only with `trust_proxy`
        and a peer on this machine (the proxy) the address the proxy added last to
        X-Forwarded-For, the one hop it saw itself. A header from anyone else is not believed:
        a tunnel that is not a proxy passes a client's own header through."""
        peer = peer or "unknown"
        if not self.trust_proxy or not forwarded_for or not _is_loopback(peer):
            return peer
        return forwarded_for.split(",")[-1].strip() or peer


def _normal(netloc_or_host: str, scheme: str) -> str:
    """`host:port` with the port written out (the scheme's default when none is given)."""
    host, port = _split_host(netloc_or_host)
    return f"{host}:{port or DEFAULT_PORTS[scheme]}"


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False
