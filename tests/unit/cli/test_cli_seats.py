"""`facilitator run/resume --seats`: the options reach the app; a seat option without --seats
and a seat server that cannot start are one clear line each."""

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator.cli import main
from facilitator.seats.addresses import Interface
from facilitator.seats.launch import SeatOptions

ROOT = Path(__file__).parents[3]
BANK = ROOT / "questionbanks" / "workshop.md"


@pytest.fixture
def opened(monkeypatch, tmp_path):
    """Stand in for the terminal UI: record the seats the app was asked to open."""
    monkeypatch.setenv("FACILITATOR_CONFIG_DIR", str(tmp_path / "config"))
    seen: dict = {}

    def run(app):
        seen["seats"] = app.opening.seats
        seen["workshop"] = app.opening.workshop
        if seen.get("fail"):
            app.startup_error = seen["fail"]

    monkeypatch.setattr("screens.app.FacilitatorApp.run", run)
    return seen


def invoke(tmp_path: Path, *arguments: str):
    return CliRunner().invoke(main, ["--sessions-dir", str(tmp_path / "sessions"), *arguments])


def test_run_with_seats_passes_bind_port_and_public_url(opened, tmp_path):
    result = invoke(
        tmp_path, "run", str(BANK), "--seats", "--bind", "127.0.0.1", "--port", "9000",
        "--public-url", "https://seats.example.org",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert opened["seats"] == SeatOptions("127.0.0.1", 9000, "https://seats.example.org")
    assert not opened["seats"].trust_proxy, "X-Forwarded-For is believed only when asked"


def test_trust_proxy_is_an_explicit_opt_in(opened, tmp_path):
    result = invoke(
        tmp_path, "run", str(BANK), "--seats", "--bind", "127.0.0.1",
        "--public-url", "https://seats.example.org", "--trust-proxy",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert opened["seats"].trust_proxy
    result = invoke(tmp_path, "run", str(BANK), "--trust-proxy")
    assert result.exit_code == 2
    assert "Error: --trust-proxy only applies with --seats" in result.output


def test_run_without_seats_opens_none(opened, tmp_path):
    assert invoke(tmp_path, "run", str(BANK)).exit_code == 0
    assert opened["seats"] is None


def test_resume_with_seats_passes_them_on(opened, tmp_path, monkeypatch):
    lan = [Interface("wlan0", "192.168.1.20")]
    monkeypatch.setattr("facilitator.seats.addresses.local_interfaces", lambda: lan)
    assert invoke(tmp_path, "run", str(BANK)).exit_code == 0
    session = opened["workshop"].store.path
    result = invoke(tmp_path, "resume", str(session), "--seats", "--port", "0")
    assert result.exit_code == 0, result.output
    assert opened["seats"] == SeatOptions(port=0)


def test_a_seat_option_without_seats_is_one_line(opened, tmp_path):
    result = invoke(tmp_path, "run", str(BANK), "--port", "9000")
    assert result.exit_code == 2
    assert "Error: --port only applies with --seats" in result.output
    assert "workshop" not in opened


def test_seats_that_cannot_start_end_with_one_line_and_status_1(opened, tmp_path):
    opened["fail"] = "cannot serve seats on 127.0.0.1:8765: the port is in use; give --port N"
    result = invoke(tmp_path, "run", str(BANK), "--seats", "--bind", "127.0.0.1")
    assert result.exit_code == 1
    assert result.output == f"Error: {opened['fail']}\n"


def test_a_port_in_use_is_one_line_before_any_session_is_made(opened, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = invoke(tmp_path, "run", str(BANK), "--seats", "--bind", "127.0.0.1",
                        "--port", str(port))  # fmt: skip
    assert result.exit_code == 1
    assert result.output == (
        f"Error: cannot serve seats on 127.0.0.1:{port}: the port is in use; give --port N\n"
    )
    assert "workshop" not in opened
    assert not (tmp_path / "sessions").exists() or not any((tmp_path / "sessions").iterdir())


def test_no_reachable_address_is_one_line(opened, tmp_path, monkeypatch):
    monkeypatch.setattr("facilitator.seats.addresses.local_interfaces", lambda: [])
    result = invoke(tmp_path, "run", str(BANK), "--seats")
    assert result.exit_code == 1
    assert result.output.startswith("Error: no network address other devices could reach")
    assert len(result.output.splitlines()) == 1
