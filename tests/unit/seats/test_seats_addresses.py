"""Choosing the address to serve seats on, from fake interface lists (no network needed)."""

import pytest

from facilitator.seats.addresses import (
    Interface,
    NoAddressError,
    candidates,
    local_interfaces,
    pick,
)


def test_the_room_network_comes_first_and_unreachable_addresses_are_left_out():
    found = candidates(
        [
            Interface("lo", "127.0.0.1"),
            Interface("docker0", "172.17.0.1"),
            Interface("br-1a2b", "172.18.0.1"),
            Interface("veth9", "10.200.0.1"),
            Interface("tun0", "10.8.0.5"),
            Interface("eth0", "169.254.10.1"),
            Interface("wlan0", "192.168.1.20"),
            Interface("tailscale0", "100.101.102.103"),
            Interface("enp3s0", "10.0.0.7"),
            Interface("wlp2s0", "172.20.10.2"),
        ]
    )
    assert [c.address for c in found] == [
        "192.168.1.20",
        "10.0.0.7",
        "172.20.10.2",
        "10.8.0.5",
        "100.101.102.103",
    ]
    assert [c.kind for c in found] == ["LAN", "LAN", "LAN", "VPN", "VPN"]
    assert found[0].interface == "wlan0"


def test_a_laptop_that_is_its_own_hotspot_or_on_a_vpn_only_still_gets_a_candidate():
    assert pick([Interface("ap0", "10.42.0.1")]).address == "10.42.0.1"
    assert pick([Interface("utun3", "10.8.0.2")]).kind == "VPN"
    assert pick([Interface("en0", "100.64.3.3")]).kind == "shared"
    assert pick([Interface("", "8.8.4.4")]).kind == "public"


def test_each_address_is_offered_once_and_bad_entries_are_skipped():
    found = candidates(
        [Interface("a", "192.168.0.2"), Interface("b", "192.168.0.2"), Interface("c", "x")]
    )
    assert [(c.interface, c.address) for c in found] == [("a", "192.168.0.2")]


def test_no_candidate_is_one_clear_message():
    with pytest.raises(NoAddressError, match="--bind ADDRESS"):
        pick([Interface("lo", "127.0.0.1"), Interface("docker0", "172.17.0.1")])


def test_this_machine_can_be_asked_without_sending_anything():
    found = local_interfaces()
    assert all(isinstance(i, Interface) and i.address.count(".") == 3 for i in found)
    assert all(i.address != "127.0.0.1" for i in found), "loopback is left out on Linux"
