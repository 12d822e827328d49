"""Host and Origin checks (DNS rebinding, cross-site forgery), the public URL, the client."""

import pytest

from facilitator.seats.hosts import HostPolicy, PublicUrlError, netloc, parse_public_url

LAN = HostPolicy({"192.168.1.20:8765"})
PUBLIC_SHOWN = {"192.168.1.20:8765"}
PUBLIC = HostPolicy(PUBLIC_SHOWN, parse_public_url("https://Seats.Example.org/"))


def test_only_the_hosts_the_server_is_reached_at_are_answered():
    assert LAN.host_ok("192.168.1.20:8765")
    assert not LAN.host_ok("192.168.1.20:9999") and not LAN.host_ok("192.168.1.20")
    assert not LAN.host_ok("evil.example:8765"), "a rebound name is refused"
    assert not LAN.host_ok(None) and not LAN.host_ok("")
    for local in ("localhost:9000", "127.0.0.1:1", "[::1]:8765", "LOCALHOST.:80", "localhost"):
        assert LAN.host_ok(local), local
    assert PUBLIC.host_ok("seats.example.org") and not LAN.host_ok("seats.example.org")
    assert not PUBLIC.host_ok("seats.example.org:8443")


def test_a_post_must_come_from_this_site_as_it_was_reached():
    assert LAN.origin_ok("http://192.168.1.20:8765", "192.168.1.20:8765")
    assert LAN.origin_ok("http://localhost:9000", "localhost:9000")
    assert not LAN.origin_ok("http://localhost:9001", "localhost:9000")
    assert not LAN.origin_ok("https://192.168.1.20:8765", "192.168.1.20:8765")
    assert not LAN.origin_ok("http://evil.example", "192.168.1.20:8765")
    assert not LAN.origin_ok("null", "192.168.1.20:8765")
    assert not LAN.origin_ok(None, "192.168.1.20:8765")
    assert not LAN.origin_ok("http://evil.example:8765", "evil.example:8765")
    assert PUBLIC.origin_ok("https://seats.example.org", "seats.example.org")
    assert not PUBLIC.origin_ok("http://seats.example.org", "seats.example.org")


def test_the_public_url_is_an_origin_and_nothing_more():
    url = parse_public_url("https://seats.example.org:443")
    assert (url.origin, url.secure, url.port) == ("https://seats.example.org", True, None)
    assert parse_public_url("http://[::1]:8080").origin == "http://[::1]:8080"
    for bad in (
        "ftp://x",
        "seats.example.org",
        "https://x/seats",
        "https://x/?a=1",
        "https://u@x",
        "https://x:99999",
    ):
        with pytest.raises(PublicUrlError):
            parse_public_url(bad)


def test_forwarded_for_is_believed_only_when_a_proxy_is_trusted_and_only_from_this_machine():
    proxied = HostPolicy(PUBLIC_SHOWN, PUBLIC.public, trust_proxy=True)
    assert LAN.client("192.168.1.7", "1.2.3.4") == "192.168.1.7"
    assert LAN.client("127.0.0.1", "1.2.3.4") == "127.0.0.1", "no trusted proxy"
    assert PUBLIC.client("127.0.0.1", "1.2.3.4") == "127.0.0.1", "a tunnel is not a proxy"
    assert proxied.client("127.0.0.1", "9.9.9.9, 1.2.3.4") == "1.2.3.4", "the proxy's own entry"
    assert proxied.client("192.168.1.7", "1.2.3.4") == "192.168.1.7", "not from this machine"
    assert proxied.client("::1", None) == "::1"


def test_a_host_without_its_port_is_the_schemes_default_port():
    on_80 = HostPolicy({"192.168.1.20:80", "seats.lan:80"})
    assert on_80.host_ok("192.168.1.20") and on_80.host_ok("seats.lan")
    assert on_80.host_ok("192.168.1.20:80")
    assert not on_80.host_ok("192.168.1.20:8765") and not LAN.host_ok("192.168.1.20:80")
    assert on_80.origin_ok("http://192.168.1.20", "192.168.1.20")
    assert on_80.origin_ok("http://192.168.1.20", "192.168.1.20:80"), "a browser leaves :80 out"
    assert not on_80.origin_ok("http://192.168.1.20:8765", "192.168.1.20")
    assert PUBLIC.host_ok("seats.example.org:443"), "a proxy may write the default port out"
    assert PUBLIC.is_public("seats.example.org:443")
    assert PUBLIC.origin_ok("https://seats.example.org", "seats.example.org:443")
    assert not PUBLIC.host_ok("seats.example.org:80"), "443 is https's default, not 80"
    plain = HostPolicy((), parse_public_url("http://seats.example.org:80"))
    assert plain.host_ok("seats.example.org") and plain.host_ok("seats.example.org:80")
    assert plain.origin_ok("http://seats.example.org", "seats.example.org:80")


def test_netloc_brackets_ipv6():
    assert netloc("::1", 80) == "[::1]:80" and netloc("10.0.0.1", 80) == "10.0.0.1:80"
