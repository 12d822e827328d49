"""Party seats: each party answers on its own phone or laptop, served from the moderator's app.

A light face (PEP 562): importing `facilitator.seats` loads nothing, and aiohttp and segno load
only when a name that needs them is first asked for, so a start without seats never pays for
them. The join panel and the CLI use:

- `SeatServer(workshop, bind=..., port=..., public_url=...)`, `await start()`, `await stop()`,
  `join_link(role)`, `seating`, `rebind(host)` (see `server`);
- `Seating`: pending devices, admit/refuse/revoke, new link, lock, readiness (see `seating`);
- `local_interfaces()`, `candidates()`, `pick()` for the address to bind (see `addresses`);
- `qr_lines(url, large=...)` for the QR code as text (see `qr`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..base.lazy import lazy_exports

if TYPE_CHECKING:
    from .addresses import Candidate, Interface, NoAddressError, candidates, local_interfaces, pick
    from .hosts import PublicUrlError
    from .qr import QrText, qr_lines
    from .seating import (
        MODERATOR,
        ROLES,
        Admission,
        Device,
        JoinRefused,
        Readiness,
        SeatError,
        Seating,
    )
    from .server import DEFAULT_PORT, JoinLink, SeatServer, SeatServerError

__all__ = [
    "DEFAULT_PORT",
    "MODERATOR",
    "ROLES",
    "Admission",
    "Candidate",
    "Device",
    "Interface",
    "JoinLink",
    "JoinRefused",
    "NoAddressError",
    "PublicUrlError",
    "QrText",
    "Readiness",
    "SeatError",
    "SeatServer",
    "SeatServerError",
    "Seating",
    "candidates",
    "local_interfaces",
    "pick",
    "qr_lines",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "DEFAULT_PORT": "server",
        "MODERATOR": "seating",
        "ROLES": "seating",
        "Admission": "seating",
        "Candidate": "addresses",
        "Device": "seating",
        "Interface": "addresses",
        "JoinLink": "server",
        "JoinRefused": "seating",
        "NoAddressError": "addresses",
        "PublicUrlError": "hosts",
        "QrText": "qr",
        "Readiness": "seating",
        "SeatError": "seating",
        "SeatServer": "server",
        "SeatServerError": "server",
        "Seating": "seating",
        "candidates": "addresses",
        "local_interfaces": "addresses",
        "pick": "addresses",
        "qr_lines": "qr",
    },
)
