"""`launch`: which address the seats are served on and shown at, and failing before a session
is made when they could not be served."""

from __future__ import annotations

import socket

import pytest

from facilitator.seats.addresses import Interface, NoAddressError
from facilitator.seats.launch import SeatOptions, make_server, preflight
from facilitator.seats.server import DEFAULT_PORT, SeatServerError

ROOM = [
    Interface("docker0", "172.17.0.1"),
    Interface("tun0", "10.8.0.2"),
    Interface("wlan0", "192.168.1.20"),
]


@pytest.fixture
def room(monkeypatch):
    monkeypatch.setattr("facilitator.seats.addresses.local_interfaces", lambda: ROOM)


def test_without_bind_the_best_lan_address_and_every_candidate(workshop, room):
    server, candidates = make_server(workshop, SeatOptions())
    assert (server.bind, server.shown_host, server.port) == (
        "192.168.1.20",
        "192.168.1.20",
        DEFAULT_PORT,
    )
    assert [c.address for c in candidates] == ["192.168.1.20", "10.8.0.2"]


def test_every_interface_only_when_asked_and_the_link_shows_a_real_address(workshop, room):
    server, _ = make_server(workshop, SeatOptions(bind="0.0.0.0", port=9000))
    assert (server.bind, server.shown_host, server.port) == ("0.0.0.0", "192.168.1.20", 9000)


def test_an_explicit_bind_is_served_and_shown_as_given(workshop, room):
    server, _ = make_server(workshop, SeatOptions(bind="127.0.0.1", port=0))
    assert (server.bind, server.shown_host) == ("127.0.0.1", "127.0.0.1")
    assert server.join_link("a").url.startswith("http://127.0.0.1:0/j/a#")
    assert not server.trust_proxy


def test_trust_proxy_reaches_the_server(workshop, room):
    server, _ = make_server(workshop, SeatOptions(bind="127.0.0.1", port=0, trust_proxy=True))
    assert server.trust_proxy


def test_no_candidate_is_a_clear_error(workshop, monkeypatch):
    monkeypatch.setattr("facilitator.seats.addresses.local_interfaces", lambda: [])
    with pytest.raises(NoAddressError, match="no network address other devices could reach"):
        make_server(workshop, SeatOptions())
    with pytest.raises(NoAddressError):
        preflight(SeatOptions())
    preflight(SeatOptions(bind="127.0.0.1", port=0))


def test_preflight_finds_a_port_in_use():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SeatServerError, match=f"127.0.0.1:{port}: the port is in use"):
            preflight(SeatOptions(bind="127.0.0.1", port=port))
    preflight(SeatOptions(bind="127.0.0.1", port=port))
