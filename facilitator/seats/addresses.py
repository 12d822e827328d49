"""Which address of this machine the seat server should listen on, read locally.

`local_interfaces()` asks the operating system for its interfaces' IPv4 addresses (on Linux, an
ioctl per interface; elsewhere, what the host name resolves to locally). No packet is sent: a
"connect a UDP socket to 8.8.8.8" probe would leak the session to the network and fail offline.
`candidates()` keeps the addresses other devices in the room can reach, best first: private LAN
addresses (RFC 1918: 192.168/16, then 10/8, then 172.16/12), then carrier-grade NAT (Tailscale
and the like), then anything else routable; VPN tunnels after real networks; never loopback,
link-local, or a container or virtual-machine bridge. The panel shows every candidate, so a
moderator on a VPN, or a laptop that is its own hotspot, can switch.
"""

from __future__ import annotations

import ipaddress
import socket
import struct
import sys
from collections.abc import Iterable
from dataclasses import dataclass

from ..base.errors import FacilitatorError

_SIOCGIFFLAGS = 0x8913
_SIOCGIFADDR = 0x8915
_IFF_UP = 0x1
_IFF_LOOPBACK = 0x8

BRIDGES = (
    "docker",
    "br-",
    "veth",
    "virbr",
    "lxcbr",
    "lxdbr",
    "cni",
    "flannel",
    "podman",
    "vmnet",
    "vboxnet",
    "kube",
)
"""Interface names of container and virtual-machine networks: no phone in the room is on them."""
TUNNELS = ("tun", "tap", "wg", "ppp", "utun", "tailscale", "zt", "ipsec", "nordlynx")
"""Interface names of VPNs: reachable by few, so listed after the room's own network."""

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_PRIVATE = (
    ipaddress.ip_network("192.168.0.0/16"),
    ipaddress.ip_network("10.0.0.0/8"),
    ipaddress.ip_network("172.16.0.0/12"),
)


class NoAddressError(FacilitatorError):
    """No address other devices could reach: the machine is on no network."""


@dataclass(frozen=True)
class Interface:
    name: str
    """The interface's name ("wlan0", "en0"), or "" when the system does not say."""
    address: str


@dataclass(frozen=True)
class Candidate:
    address: str
    interface: str
    kind: str
    """"LAN", "VPN", "shared" (carrier-grade NAT) or "public", for the panel."""


def _rank(interface: Interface) -> tuple[int, int] | None:
    """(tunnel?, network class) to sort by, or None when no device in the room could use it."""
    try:
        address = ipaddress.IPv4Address(interface.address)
    except ValueError:
        return None
    name = interface.name.lower()
    if (
        address.is_loopback
        or address.is_link_local
        or address.is_unspecified
        or address.is_multicast
        or name.startswith(BRIDGES)
    ):
        return None
    tunnel = int(name.startswith(TUNNELS))
    for rank, network in enumerate(_PRIVATE):
        if address in network:
            return tunnel, rank
    if address in _CGNAT:
        return tunnel, len(_PRIVATE)
    if address.is_global:
        return tunnel, len(_PRIVATE) + 1
    return None


def candidates(interfaces: Iterable[Interface]) -> tuple[Candidate, ...]:
    """The addresses worth offering, best first (see the module's docstring); each once."""
    ranked: dict[str, tuple[tuple[int, int, int], Candidate]] = {}
    for order, interface in enumerate(interfaces):
        rank = _rank(interface)
        if rank is None or interface.address in ranked:
            continue
        tunnel, network = rank
        if tunnel:
            kind = "VPN"
        elif network < len(_PRIVATE):
            kind = "LAN"
        else:
            kind = "shared" if network == len(_PRIVATE) else "public"
        ranked[interface.address] = (
            (tunnel, network, order),
            Candidate(interface.address, interface.name, kind),
        )
    return tuple(candidate for _, candidate in sorted(ranked.values(), key=lambda r: r[0]))


def pick(interfaces: Iterable[Interface]) -> Candidate:
    """The best candidate, or NoAddressError with what to do instead."""
    found = candidates(interfaces)
    if not found:
        raise NoAddressError(
            "no network address other devices could reach: join the room's Wi-Fi, or give "
            "--bind ADDRESS (--bind 127.0.0.1 serves this machine only)"
        )
    return found[0]


def local_interfaces() -> list[Interface]:
    """This machine's interfaces and their IPv4 addresses, as the system reports them."""
    if sys.platform.startswith("linux"):
        return _linux_interfaces()
    return _resolved_interfaces()


def _linux_interfaces() -> list[Interface]:
    import fcntl

    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _, name in socket.if_nameindex():
            request = struct.pack("256s", name.encode("utf-8")[:15])
            try:
                flags = struct.unpack_from("H", fcntl.ioctl(probe, _SIOCGIFFLAGS, request), 16)[0]
                if not flags & _IFF_UP or flags & _IFF_LOOPBACK:
                    continue
                reply = fcntl.ioctl(probe, _SIOCGIFADDR, request)
            except OSError:
                continue  # no IPv4 address on this interface (or it went away meanwhile)
            found.append(Interface(name, socket.inet_ntoa(reply[20:24])))
    return found


def _resolved_interfaces() -> list[Interface]:
    """Where interfaces cannot be asked directly: what the host name resolves to."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return [Interface("", str(info[4][0])) for info in infos]
