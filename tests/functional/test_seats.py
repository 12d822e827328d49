"""Party seats on the room screen, through the Pilot: the join panel's admission, revoke, lock
and new link; answers from a party's own device arriving as ready and never shown before `r`;
the one reveal check; the moderator typing for a party with no live device.

The seat server runs in the app's own event loop (the test's), bound to 127.0.0.1 on a free
port; a "device" is an aiohttp client with its own cookie jar, talking real HTTP to it.
"""

from __future__ import annotations

import random
import re
import socket
from functools import partial
from pathlib import Path

import aiohttp
import pytest
from textual.widgets import OptionList, Static
from workshop_support import start_workshop

from facilitator.base.clock import ManualClock
from facilitator.base.settings import Settings, load_settings
from facilitator.live.workshop import Workshop
from facilitator.seats.addresses import Candidate
from facilitator.seats.launch import SeatOptions, make_server
from facilitator.seats.seating import LIVE_SECONDS, TYPING_SECONDS
from facilitator.session.records import MODERATOR_SOURCE, SEAT_SOURCE, AnswerKey
from facilitator.store.reading import read_session
from screens.app import FacilitatorApp
from screens.confirm import ConfirmDialog
from screens.run import RunScreen
from screens.seats import SeatsPanel
from screens.start import RunSession
from screens.widgets.answer_pane import AnswerPane

BANK = """---
party-a: Acme
party-b: Globex
---
# Seats workshop

## Opening {#opening time=10m}

### Why this partnership? {#why}

A startup that rates this 5 leads the answers.

### What do you bring? {#bring kind=list}
"""

SECRET_MARKER = "ZEBRA-42-UNREVEALED"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(1_800_000_000.0)


@pytest.fixture
def workshop(tmp_path: Path, clock: ManualClock):
    live = start_workshop(tmp_path, BANK, clock, title="Acme & Globex")
    yield live
    live.close()


def seeded(seed: int):
    """Entropy from a seeded generator: the same secrets and tokens on every run."""
    return random.Random(seed).randbytes


def app_for(workshop: Workshop, clock: ManualClock, settings: Settings | None = None):
    return FacilitatorApp(
        sessions_dir=workshop.store.path.parent,
        start=RunSession(workshop, SeatOptions(bind="127.0.0.1", port=0)),
        settings=settings or Settings(),
        seat_factory=partial(make_server, clock=clock, entropy=seeded(10)),
    )


OPEN: list[Device] = []
"""Devices made by the test running now; `close_devices` closes them whatever happened."""


@pytest.fixture(autouse=True)
async def close_devices():
    yield
    while OPEN:
        await OPEN.pop().close()


class Device:
    """One phone: its own cookie jar; posts carry the site's own Origin, as browsers do."""

    def __init__(self, app: FacilitatorApp, role: str) -> None:
        assert app.seats is not None
        OPEN.append(self)
        self.server = app.seats
        self.role = role
        self.base = app.seats.origin
        self.session = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            headers={"User-Agent": "Mozilla/5.0 (Linux; Android 14) Chrome/130.0"},
        )

    async def get(self, path: str) -> tuple[int, str, str]:
        async with self.session.get(self.base + path, allow_redirects=False) as reply:
            return reply.status, reply.headers.get("Location", ""), await reply.text()

    async def post(self, path: str, data: dict) -> tuple[int, str, str]:
        headers = {"Origin": self.base}
        async with self.session.post(
            self.base + path, data=data, headers=headers, allow_redirects=False
        ) as reply:
            return reply.status, reply.headers.get("Location", ""), await reply.text()

    async def ask(self) -> None:
        _, _, page = await self.get(f"/j/{self.role}")
        secret = self.server.seating.secret(self.role)
        status, _, _ = await self.post(f"/j/{self.role}", {"csrf": token(page), "code": secret})
        assert status == 303

    async def claim(self) -> int:
        status, location, _ = await self.get(f"/j/{self.role}/wait")
        if status == 303 and location == f"/p/{self.role}":
            status, _, _ = await self.get(location)
        return status

    async def save(self, value: str) -> int:
        status, _, page = await self.get(f"/p/{self.role}")
        assert status == 200, page
        question = re.search(r'name="question" value="([^"]+)"', page).group(1)
        based_on = re.search(r'name="based_on" value="(\d+)"', page).group(1)
        data = {"csrf": token(page), "question": question, "guess": "0", "based_on": based_on}
        status, _, _ = await self.post(f"/p/{self.role}/answer", {**data, "value": value})
        return status

    async def typing(self) -> None:
        _, _, page = await self.get(f"/p/{self.role}")
        question = re.search(r'name="question" value="([^"]+)"', page).group(1)
        status, _, _ = await self.post(
            f"/p/{self.role}/typing", {"csrf": token(page), "question": question}
        )
        assert status == 204

    async def close(self) -> None:
        await self.session.close()


def token(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "no anti-forgery token on the page"
    return found.group(1)


def view_of(app: FacilitatorApp, party: str) -> str:
    screen = next(s for s in app.screen_stack if isinstance(s, RunScreen))
    pane = screen.query_one(f"#pane-{party}", AnswerPane)
    return str(pane.query_one("#view", Static).content)


def pane_of(app: FacilitatorApp, party: str) -> AnswerPane:
    screen = next(s for s in app.screen_stack if isinstance(s, RunScreen))
    return screen.query_one(f"#pane-{party}", AnswerPane)


def stored(workshop: Workshop, question: str, party: str):
    workshop.store.flush()
    return read_session(workshop.store.path).answers[AnswerKey(question, party, False)]


async def seated(pilot, party: str) -> Device:
    """A device of `party` asks, the moderator admits it on the panel (y), it claims its seat."""
    device = Device(pilot.app, party)
    await device.ask()
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmDialog)
    await pilot.press("y")
    await pilot.pause()
    assert await device.claim() == 200
    return device


async def test_seats_open_with_the_join_panel_and_admission_asks_yes_or_no(workshop, clock):
    app = app_for(workshop, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = app.screen
        assert isinstance(panel, SeatsPanel)
        link = app.seats.join_link("a")
        assert str(panel.query_one("#url", Static).content) == link.url
        assert link.url.startswith(f"http://127.0.0.1:{app.seats.port}/j/a#")
        assert link.spoken in str(panel.query_one("#secret", Static).content)

        refused = Device(app, "a")
        await refused.ask()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        code = app.seats.seating.pending()[0].match_code
        assert code in dialog.question and "Android · Chrome" in dialog.question
        await pilot.press("enter")  # meant for something else: the focus is on No
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert await refused.claim() == 403
        assert app.seats.seating.admitted("a") == ()

        admitted = await seated(pilot, "a")
        assert isinstance(app.screen, SeatsPanel)
        devices = panel.query_one("#devices", OptionList)
        assert devices.option_count == 1
        await pilot.press("b")
        assert devices.option_count == 0
        assert app.seats.join_link("b").spoken in str(panel.query_one("#secret", Static).content)
        await pilot.press("a", "v")
        await pilot.pause()
        assert app.seats.seating.admitted("a") == ()
        status, _, _ = await admitted.get("/p/a")
        assert status != 200


async def test_lock_and_new_link_turn_new_devices_away(workshop, clock):
    app = app_for(workshop, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        assert app.seats.seating.locked
        assert "LOCKED" in str(app.screen.query_one("#seats-title", Static).content)
        device = Device(app, "a")
        _, _, page = await device.get("/j/a")
        secret = app.seats.seating.secret("a")
        status, _, _ = await device.post("/j/a", {"csrf": token(page), "code": secret})
        assert status == 403 and app.seats.seating.pending() == ()
        await pilot.press("l")
        assert not app.seats.seating.locked

        old = app.seats.join_link("a").url
        await pilot.press("k")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        new = app.seats.join_link("a").url
        assert new != old
        assert str(app.screen.query_one("#url", Static).content) == new
        _, _, page = await device.get("/j/a")
        status, _, _ = await device.post("/j/a", {"csrf": token(page), "code": secret})
        assert status == 403


async def test_copy_link_puts_the_party_link_on_the_clipboard(workshop, clock):
    app = app_for(workshop, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("b", "c")
        assert app.clipboard == app.seats.join_link("b").url


async def test_a_seat_answer_arrives_as_ready_and_shows_only_after_the_reveal(workshop, clock):
    app = app_for(workshop, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        device = await seated(pilot, "a")
        await pilot.press("escape")
        assert isinstance(app.screen, RunScreen)
        assert view_of(app, "a") == "not yet"
        assert "Android · Chrome" in str(pane_of(app, "a").border_title)

        await device.typing()
        await pilot.pause()
        assert view_of(app, "a") == "typing…"
        clock.advance(TYPING_SECONDS + 1)
        app.screen.refresh_clocks()
        assert view_of(app, "a") == "not yet"

        assert await device.save(SECRET_MARKER) == 303
        await pilot.pause()
        assert view_of(app, "a") == "ready ✓  hidden until reveal"
        # Not on the room screen anywhere before the reveal: not the view, not an editor.
        assert SECRET_MARKER not in app.export_screenshot()
        assert stored(workshop, "why", "a").source.startswith(SEAT_SOURCE)

        # The party has a live device: the room screen will not open its hidden answer.
        await pilot.press("a")
        assert not pane_of(app, "a").has_focus_within
        assert SECRET_MARKER not in app.export_screenshot()

        # Globex has not answered: the one reveal check asks, and "no" reveals nothing.
        await pilot.press("r")
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == "Globex has not answered yet. Reveal anyway?"
        await pilot.press("n")
        assert "why" not in workshop.state.revealed
        await pilot.press("r", "y")
        await pilot.pause()
        assert "why" in workshop.state.revealed
        assert view_of(app, "a") == SECRET_MARKER


async def test_the_moderator_types_for_a_party_with_no_live_device(workshop, clock):
    app = app_for(workshop, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        # Globex has no device at all: the moderator types its answer (a dead phone's fallback).
        await pilot.press("b", *"Paper card", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert view_of(app, "b") == "ready ✓  hidden until reveal"
        answer = stored(workshop, "why", "b")
        assert answer.value == "Paper card" and answer.source == MODERATOR_SOURCE

        # A device that stopped following a while ago is no longer live: the fallback opens.
        await pilot.press("s")
        await seated(pilot, "a")
        await pilot.press("escape")
        await pilot.press("a")
        assert not pane_of(app, "a").has_focus_within
        seating = app.seats.seating
        for admitted in seating.admitted("a"):
            while seating.device(admitted.id).streams:
                seating.detach(admitted.id)
        clock.advance(LIVE_SECONDS + 1)
        await pilot.press("a")
        assert pane_of(app, "a").has_focus_within


async def test_both_answered_reveals_without_asking(workshop, clock):
    app = app_for(workshop, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        a = await seated(pilot, "a")
        b = await seated(pilot, "b")
        assert await a.save("From Acme") == 303
        assert await b.save("From Globex") == 303
        await pilot.press("escape")
        await pilot.pause()
        assert view_of(app, "b") == "ready ✓  hidden until reveal"
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert view_of(app, "a") == "From Acme" and view_of(app, "b") == "From Globex"


async def test_h_hides_the_help_text_while_seats_are_open_and_is_remembered(workshop, clock):
    app = app_for(workshop, clock, settings=load_settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        help_text = app.screen.query_one("#help", Static)
        assert help_text.display
        await pilot.press("h")
        await app.workers.wait_for_complete()
        assert not help_text.display
        assert load_settings().seats_hide_help


async def test_quitting_closes_the_port(workshop, clock):
    app = app_for(workshop, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        server = app.seats
        device = await seated(pilot, "a")
        await pilot.press("escape", "q", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
    # Started from the shell: quitting the session ends the app, and the seats with it.
    assert app.seats is None and not server.running
    with pytest.raises(aiohttp.ClientConnectionError):
        await device.get("/p/a")


async def test_a_port_in_use_is_one_line_and_ends_the_app(workshop, clock):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        app = FacilitatorApp(
            sessions_dir=workshop.store.path.parent,
            start=RunSession(workshop, SeatOptions(bind="127.0.0.1", port=port)),
            settings=Settings(),
            seat_factory=partial(make_server, clock=clock),
        )
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
    assert app.return_code == 1
    assert app.startup_error == (
        f"cannot serve seats on 127.0.0.1:{port}: the port is in use; give --port N"
    )


async def test_w_switches_to_the_next_candidate_address_and_z_draws_a_larger_code(workshop, clock):
    def factory(live: Workshop, options: SeatOptions):
        server, _ = make_server(live, options, clock=clock, entropy=seeded(4))
        # 127.0.0.2 is this machine too (all of 127/8 is loopback): a second address to serve.
        return server, (Candidate("127.0.0.1", "lo", "LAN"), Candidate("127.0.0.2", "lo", "LAN"))

    app = FacilitatorApp(
        sessions_dir=workshop.store.path.parent,
        start=RunSession(workshop, SeatOptions(bind="127.0.0.1", port=0)),
        settings=Settings(),
        seat_factory=factory,
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = app.screen
        assert "w switches to: 127.0.0.2" in str(panel.query_one("#address", Static).content)
        await pilot.press("w")
        await pilot.pause()
        assert app.seats.shown_host == "127.0.0.2"
        url = str(panel.query_one("#url", Static).content)
        assert url.startswith(f"http://127.0.0.2:{app.seats.port}/j/a#")
        device = Device(app, "a")
        await device.ask()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")

        qr = panel.query_one("#qr", Static)
        normal = str(qr.content).splitlines()
        await pilot.press("z")
        large = str(qr.content).splitlines()
        assert len(large[0]) == 2 * len(normal[0]) and len(large) > len(normal)


async def test_no_reachable_address_is_one_clear_message(workshop, clock, monkeypatch):
    monkeypatch.setattr("facilitator.seats.addresses.local_interfaces", lambda: [])
    app = FacilitatorApp(
        sessions_dir=workshop.store.path.parent, start=RunSession(workshop), settings=Settings()
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen) and app.seats is None
        [notice] = app._notifications  # Textual private: test_textual_privates.py
        assert notice.message.startswith("no network address other devices could reach")


async def test_after_the_end_seats_serve_the_results_until_the_summary_is_left(workshop, clock):
    app = app_for(workshop, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        server = app.seats
        device = await seated(pilot, "a")
        await pilot.press("escape", "ctrl+e", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status, _, page = await device.get("/p/a")
        assert status == 200 and "The workshop has ended" in page
        await pilot.press("escape")
        await pilot.pause()
        assert app.seats is None and not server.running


async def test_a_device_asking_while_the_panel_is_closed_is_announced_once(workshop, clock):
    app = app_for(workshop, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        device = Device(app, "b")
        await device.ask()
        await pilot.pause()
        code = app.seats.seating.pending()[0].match_code
        messages = [n.message for n in app._notifications]
        assert messages == [f"A device asks to join Globex (code {code}): s opens the seats panel"]
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and code in app.screen.question
        await pilot.press("y")
        assert await device.claim() == 200


async def test_quitting_the_app_with_seats_open_closes_the_port(workshop, clock):
    app = app_for(workshop, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        server = app.seats
        device = await seated(pilot, "a")
        await pilot.press("escape", "ctrl+q")
        await pilot.pause()
    assert not server.running
    with pytest.raises(aiohttp.ClientConnectionError):
        await device.get("/p/a")


async def test_names_with_markup_show_as_written_in_the_panel(tmp_path, clock):
    live = start_workshop(
        tmp_path, BANK, clock, party_a="[@click=app.quit]Acme[/]", party_b="[b]G[/b]"
    )
    app = app_for(live, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        title = str(app.screen.query_one("#seats-title", Static).content)
        assert title.startswith("Seats · [@click=app.quit]Acme[/] (party A)")
        await pilot.press("b")
        assert "[b]G[/b]" in str(app.screen.query_one("#seats-title", Static).content)
        assert app.is_running
    live.close()
