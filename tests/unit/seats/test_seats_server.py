"""The seat server over real HTTP on 127.0.0.1: every route and every rule of the security model."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from concurrent.futures import Future

import pytest
from seats_support import Browser, ask, save, seat, stream, token_of

from facilitator.live.workshop import Workshop
from facilitator.seats.guard import HEADERS
from facilitator.seats.ratelimit import FAILURES, WINDOW
from facilitator.seats.seating import MODERATOR, TYPING_SECONDS, Readiness
from facilitator.seats.server import SeatServer, SeatServerError
from facilitator.session.records import AnswerKey
from facilitator.store.reading import read_session

# Joining


async def test_every_response_carries_the_security_headers(server, browsers):
    browser = browsers()
    replies = [
        (await browser.get("/"))[0],
        (await browser.get("/j/a"))[0],
        (await browser.get("/static/seat.css"))[0],
        (await browser.get("/nowhere"))[0],
        (await browser.get("/p/a"))[0],
        (await browser.get("/", headers={"Host": "evil.example"}))[0],
        (await browser.post("/j/a", {}, origin="http://evil.example"))[0],
        (await ask(browser, "a"))[0],
    ]
    assert {reply.status for reply in replies} == {200, 303, 403, 404, 421}
    for reply in replies:
        for name, value in HEADERS.items():
            assert reply.headers.get(name) == value, (reply.url, name)
    csp = HEADERS["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "form-action 'self'" in csp and "base-uri 'none'" in csp


async def test_a_get_never_seats_anything(server, browsers):
    browser = browsers()
    for _ in range(3):
        reply, page = await browser.get("/j/a")
        assert reply.status == 200 and "Join as Acme" in page
        await browser.get("/j/a/wait")
    assert server.seating.pending() == () and server.seating.admitted() == ()


async def test_the_join_page_warns_of_plain_http_and_has_a_label_for_its_field(server, browsers):
    _, page = await browsers().get("/j/b")
    assert "Join as Globex" in page and "plain HTTP" in page
    assert '<label for="code">' in page and 'id="code"' in page
    assert server.seating.secret("b") not in page, "the secret travels in the fragment only"


async def test_a_device_waits_with_its_match_code_until_admitted_then_gets_its_seat(
    server, browsers
):
    browser = browsers()
    reply, _ = await ask(browser, "a")
    assert reply.status == 303 and reply.headers["Location"] == "/j/a/wait"
    (device,) = server.seating.pending()
    assert device.browser == "Android · Chrome"
    reply, page = await browser.get("/j/a/wait")
    assert reply.status == 200 and device.match_code in page and "Waiting for the moderator" in page
    assert 'http-equiv="refresh"' in page, "it follows without a script"
    assert not any(c.key.startswith("seat-") for c in browser.session.cookie_jar)
    server.seating.admit(device.id)
    reply, _ = await browser.get("/j/a/wait")
    assert reply.status == 303 and reply.headers["Location"] == "/p/a"
    reply, page = await browser.get("/p/a")
    assert reply.status == 200 and "answering for <strong>Acme</strong>" in page


async def test_a_refused_device_is_told_and_gets_no_seat(server, browsers):
    browser = browsers()
    await ask(browser, "a")
    server.seating.refuse(server.seating.pending()[0].id)
    reply, page = await browser.get("/j/a/wait")
    assert reply.status == 403 and "did not let this device in" in page
    assert (await browser.get("/p/a"))[0].status == 403


async def test_a_wrong_code_is_refused_and_tries_are_rate_limited_per_client(
    server, browsers, clock
):
    browser = browsers()
    for _ in range(FAILURES):
        reply, page = await ask(browser, "a", secret="A" * 32)
        assert reply.status == 403 and "does not work" in page
    reply, page = await ask(browser, "a")
    assert reply.status == 429 and "Too many tries" in page, "even the right code waits"
    assert server.seating.pending() == ()
    forged = {"X-Forwarded-For": "10.9.9.9"}
    _, join = await browser.get("/j/a")
    reply, _ = await browser.post(
        "/j/a", {"csrf": token_of(join), "code": server.seating.secret("a")}, headers=forged
    )
    assert reply.status == 429, "X-Forwarded-For is not believed without --trust-proxy"
    clock.advance(WINDOW + 1)
    assert (await ask(browser, "a"))[0].status == 303


async def test_joining_needs_the_join_pages_own_token(server, browsers):
    browser = browsers()
    reply, page = await browser.post("/j/a", {"code": server.seating.secret("a")})
    assert reply.status == 403 and "out of date" in page
    await browser.get("/j/a")
    reply, _ = await browser.post("/j/a", {"csrf": "guess", "code": server.seating.secret("a")})
    assert reply.status == 403 and server.seating.pending() == ()


async def test_locked_seats_refuse_new_asks(server, browsers):
    server.seating.lock()
    reply, page = await ask(browsers(), "b")
    assert reply.status == 403 and "locked" in page and server.seating.pending() == ()


async def test_a_new_link_refuses_the_old_one_and_keeps_seated_devices(server, browsers):
    seated = browsers()
    await seat(seated, "a")
    old = server.seating.secret("a")
    server.seating.new_link("a")
    reply, page = await ask(browsers(), "a", secret=old)
    assert reply.status == 403 and "does not work" in page
    assert (await seated.get("/p/a"))[0].status == 200


# Origin and Host


@pytest.mark.parametrize("origin", [None, "null", "http://evil.example", "https://127.0.0.1"])
async def test_a_post_without_this_sites_origin_is_refused(server, browsers, origin):
    browser = browsers()
    page = await seat(browser, "a")
    reply, body = await save(
        browser, "a", {"value": "x"}, question="why", origin=origin, token=token_of(page)
    )
    assert reply.status == 403 and "did not come from this site" in body
    assert not server.workshop.state.answers
    _, join = await browser.get("/j/b")
    reply, _ = await browser.post(
        "/j/b", {"csrf": token_of(join), "code": server.seating.secret("b")}, origin=origin
    )
    assert reply.status == 403 and server.seating.pending() == ()


async def test_a_request_for_another_host_is_refused_dns_rebinding(server, browsers):
    browser = browsers()
    for host in ("evil.example", f"evil.example:{server.port}", "127.0.0.1.evil.example"):
        reply, _ = await browser.get("/j/a", headers={"Host": host})
        assert reply.status == 421
    reply, _ = await browser.get("/j/a", headers={"Host": "localhost:9000"})
    assert reply.status == 200, "an SSH tunnel's local end, on any port"


# Cookies


async def test_the_seat_cookie_is_httponly_strict_and_named_per_session_and_party(server, browsers):
    browser = browsers()
    await seat(browser, "a")
    await seat(browser, "b")
    cookies = {c.key: c for c in browser.session.cookie_jar if c.key.startswith("seat-")}
    assert len(cookies) == 2, "two parties in one browser keep both seats"
    for name, cookie in cookies.items():
        assert cookie["httponly"] and cookie["samesite"] == "Strict" and not cookie["secure"]
        assert cookie["path"] == "/" and server._cookie_key in name
    assert (await browser.get("/p/a"))[0].status == 200
    assert (await browser.get("/p/b"))[0].status == 200


async def test_two_sessions_in_one_browser_name_their_cookies_apart(
    tmp_path, bank_file, clock, server
):
    other = Workshop.start(tmp_path / "second", bank_file, clock=clock)
    second = SeatServer(other, bind="127.0.0.1", port=0, clock=clock)
    await second.start()
    try:
        assert second._cookie_key != server._cookie_key
    finally:
        await second.stop()
        other.close()


async def test_through_an_https_public_url_the_cookie_is_secure_with_the_host_prefix(
    workshop, clock
):
    seats = SeatServer(
        workshop, bind="127.0.0.1", port=0, clock=clock, public_url="https://seats.example"
    )
    await seats.start()
    browser = Browser(seats)
    proxied = {"Host": "seats.example"}
    try:
        reply, join = await browser.get("/j/a", headers=proxied)
        assert "plain HTTP" not in join
        cookie = reply.cookies[f"__Host-join-{seats._cookie_key}-a"]
        assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Strict"
        assert seats.join_link("a").url.startswith("https://seats.example/j/a#")
        assert seats.join_link("a").local_url.startswith(seats.origin)
    finally:
        await browser.close()
        await seats.stop()


async def test_a_party_page_needs_that_partys_seat(server, browsers):
    browser = browsers()
    assert (await browser.get("/p/a"))[0].status == 403
    await seat(browser, "a")
    reply, page = await browser.get("/p/b")
    assert reply.status == 403 and "no seat" in page
    assert (await browser.get("/p/m"))[0].status == 404


async def test_a_revoked_device_is_refused_and_its_stream_ends(server, browsers):
    browser = browsers()
    page = await seat(browser, "a")
    (device,) = server.seating.admitted("a")
    async with stream(browser, "/p/a/events") as (reply, events):
        assert reply.status == 200
        await events.next()
        server.seating.revoke(device.id)
        assert await events.closed()
    reply, _ = await save(browser, "a", {"value": "x"}, question="why", token=token_of(page))
    assert reply.status == 403 and not server.workshop.state.answers
    assert (await browser.get("/p/a"))[0].status == 403


# Saving


async def test_a_save_needs_the_pages_anti_forgery_token(server, browsers):
    browser = browsers()
    await seat(browser, "a")
    for token in ("", "forged"):
        reply, _ = await save(browser, "a", {"value": "x"}, question="why", token=token)
        assert reply.status == 403
    other = browsers()
    other_page = await seat(other, "b")
    reply, _ = await save(browser, "a", {"value": "x"}, question="why", token=token_of(other_page))
    assert reply.status == 403, "another device's token is not this device's"
    assert not server.workshop.state.answers


async def test_a_save_is_durable_before_it_is_called_saved_and_records_its_seat(server, browsers):
    browser = browsers()
    await seat(browser, "a")
    reply, _ = await save(browser, "a", {"value": "Reach buyers"}, question="why")
    assert reply.status == 303 and reply.headers["Location"] == "/p/a"
    (device,) = server.seating.admitted("a")
    on_disk = read_session(server.workshop.store.path)
    answer = on_disk.answers[AnswerKey("why", "a", False)]
    assert answer.value == "Reach buyers" and answer.source == f"seat:{device.id}"
    _, page = await browser.get("/p/a")
    assert "saved ✓" in page and "Reach buyers" in page


async def test_the_reply_waits_for_the_commit_future(server, browsers, monkeypatch):
    browser = browsers()
    page = await seat(browser, "a")
    held: Future = Future()
    commit = server.workshop.commit_answer

    def slow_commit(*args, **kwargs):
        commit(*args, **kwargs).result(timeout=5)
        return held

    monkeypatch.setattr(server.workshop, "commit_answer", slow_commit)
    posting = asyncio.ensure_future(
        save(browser, "a", {"value": "Reach"}, question="why", token=token_of(page))
    )
    other = browsers()
    await seat(other, "a")
    for _ in range(20):
        await asyncio.sleep(0)
    _, meanwhile = await other.get("/p/a")
    assert not posting.done() and "Saving…" in meanwhile
    held.set_result(None)
    reply, _ = await asyncio.wait_for(posting, 5)
    assert reply.status == 303


async def test_a_bad_value_gets_the_domains_message_at_the_field_and_nothing_is_stored(
    server, browsers
):
    browser = browsers()
    await seat(browser, "a")
    server.workshop.show_question(5)  # importance: a scale from 1 to 5
    reply, page = await save(browser, "a", {"value": "9"}, question="importance")
    assert reply.status == 422
    assert 'id="answer-error">a whole number from 1 to 5</p>' in page
    assert 'aria-describedby="answer-error" aria-invalid="true"' in page
    assert not server.workshop.state.answers


async def test_a_save_against_an_older_revision_shows_the_newer_answer(server, browsers):
    phone, laptop = browsers(), browsers()
    await seat(phone, "a")
    await seat(laptop, "a")
    assert (await save(phone, "a", {"value": "From the phone"}, question="why"))[0].status == 303
    reply, page = await save(laptop, "a", {"value": "From the laptop"}, question="why")
    assert reply.status == 409 and "changed on another device" in page
    assert "Saved on the other device: From the phone" in page
    assert ">From the laptop</textarea>" in page, "what was typed is kept"
    assert 'name="based_on" value="1"' in page
    answer = server.workshop.state.answers[AnswerKey("why", "a", False)]
    assert answer.value == "From the phone"
    reply, _ = await save(laptop, "a", {"value": "From the laptop"}, question="why", based_on=1)
    assert reply.status == 303


async def test_after_the_reveal_the_page_is_read_only_for_that_question(server, browsers):
    browser = browsers()
    await seat(browser, "a")
    await save(browser, "a", {"value": "Mine"}, question="why")
    server.workshop.commit_answer("why", "b", "Theirs")
    server.workshop.reveal("why")
    reply, page = await save(browser, "a", {"value": "Changed"}, question="why", based_on=1)
    assert reply.status == 409 and "can no longer be changed here" in page
    assert server.workshop.state.answers[AnswerKey("why", "a", False)].value == "Mine"
    _, page = await browser.get("/p/a")
    assert "<form" not in page.split("<footer>")[0] and "Theirs" in page and "Mine" in page


async def test_only_the_question_on_screen_can_be_saved(server, browsers):
    browser = browsers()
    await seat(browser, "a")
    server.workshop.next_question()
    reply, page = await save(browser, "a", {"value": "Late"}, question="why")
    assert reply.status == 409 and "moved on" in page
    assert not server.workshop.state.answers


async def test_a_one_sided_question_is_not_asked_of_the_other_party(server, browsers):
    browser = browsers()
    await seat(browser, "b")
    server.workshop.show_question(11)  # only-acme
    _, page = await browser.get("/p/b")
    assert "Not asked of you" in page and "<textarea" not in page
    reply, _ = await save(browser, "b", {"value": "Sneaky"}, question="only-acme")
    assert reply.status == 409 and not server.workshop.state.answers


async def test_an_oversized_body_is_refused(server, browsers):
    browser = browsers()
    page = await seat(browser, "a")
    reply, _ = await save(
        browser, "a", {"value": "x" * 100_000}, question="why", token=token_of(page)
    )
    assert reply.status == 413 and not server.workshop.state.answers


async def test_a_guess_is_saved_on_its_own_form(server, browsers):
    browser = browsers()
    page = await seat(browser, "a")
    assert "Your guess: how will Globex answer?" in page
    assert "They are asked: Why do you want to work with Acme?" in page
    reply, _ = await save(browser, "a", {"value": "Cash"}, question="why", guess=True)
    assert reply.status == 303
    assert server.workshop.state.answers[AnswerKey("why", "a", True)].value == "Cash"
    server.workshop.next_question()
    reply, _ = await save(browser, "a", {"value": ["Data"]}, question="bring", guess=True)
    assert reply.status == 409, "this question asks for no guess"


async def test_every_kind_has_a_labelled_form(server, browsers):
    browser = browsers()
    await seat(browser, "a")
    expected = {
        "why": "<textarea",
        "bring": "One item per line",
        "cadence": 'type="radio"',
        "channels": 'type="checkbox"',
        "matters": "<select",
        "importance": 'type="range"',
        "months": 'inputmode="decimal"',
        "price": "How firm",
        "roadmap": 'name="position"',
    }
    for index, (question, marker) in enumerate(expected.items()):
        server.workshop.show_question(index)
        _, page = await browser.get("/p/a")
        assert marker in page, question
        labels = page.count("<label for=")
        inputs = (
            sum(page.count(f"<{tag} ") for tag in ("textarea", "select"))
            + page.count('<input type="r')
            + page.count('<input type="c')
            + page.count("<input id=")
        )
        assert labels >= inputs, question


async def test_typing_on_a_device_shows_as_typing_for_a_few_seconds(server, browsers, clock):
    browser = browsers()
    page = await seat(browser, "b")
    reply, _ = await browser.post("/p/b/typing", {"csrf": token_of(page), "question": "why"})
    assert reply.status == 204
    assert server.seating.readiness(server.workshop.state, "b") is Readiness.TYPING
    clock.advance(TYPING_SECONDS)
    assert server.seating.readiness(server.workshop.state, "b") is Readiness.NOT_YET
    reply, _ = await browser.post("/p/b/typing", {"csrf": "forged", "question": "why"})
    assert reply.status == 403


# Following the session


async def test_the_page_follows_the_moderator_through_its_event_stream(server, browsers):
    browser = browsers()
    await seat(browser, "a")
    async with stream(browser, "/p/a/events") as (reply, events):
        assert reply.headers["Content-Type"].startswith("text/event-stream")
        first = await events.next()
        _, page = await browser.get("/p/a")
        assert f'data-view="{first}"' in page
        server.workshop.next_question()
        second = await events.next(timeout=2)
        assert second != first
        server.workshop.commit_answer("bring", "b", ["Secret"])
        third = await events.next(timeout=2)
        assert third != second, "the other side's readiness changed"
    async with stream(browser, "/p/a/events", headers={"Last-Event-ID": first}) as (_, events):
        assert await events.next() == third, "a reconnect (a phone waking) resynchronises"


async def test_a_paused_clock_shows_on_the_page(server, browsers, clock):
    browser = browsers()
    await seat(browser, "a")
    clock.advance(90)
    server.workshop.toggle_timer()
    _, page = await browser.get("/p/a")
    assert 'data-remaining="510" data-running="0">8:30</span> <span data-left>left' in page
    assert "paused" in page


async def test_at_the_end_every_page_says_ended_offers_the_results_and_streams_close(
    server, browsers
):
    browser = browsers()
    await seat(browser, "a")
    await save(browser, "a", {"value": "Mine"}, question="why")
    async with stream(browser, "/p/a/events") as (_, events):
        await events.next()
        server.workshop.end()
        last = await events.next()
        assert await events.closed()
    _, page = await browser.get("/p/a")
    assert "The workshop has ended" in page and 'href="/p/a/results" download' in page
    async with stream(browser, "/p/a/events", headers={"Last-Event-ID": last}) as (reply, _):
        assert reply.status == 204, "the browser stops reconnecting"


async def test_the_results_download_holds_own_answers_and_only_what_was_revealed(server, browsers):
    browser = browsers()
    await seat(browser, "a")
    await save(browser, "a", {"value": "Mine"}, question="why")
    server.workshop.commit_answer("why", "b", "Theirs shown")
    server.workshop.commit_answer("bring", "b", ["Theirs hidden"])
    server.workshop.reveal("why")
    reply, text = await browser.get("/p/a/results")
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/plain")
    assert reply.headers["Content-Disposition"] == ('attachment; filename="acme-globex-acme.txt"')
    assert "Acme: Mine" in text and "Globex: Theirs shown" in text
    assert "Theirs hidden" not in text and "not revealed" in text


async def test_stopping_with_an_open_stream_is_prompt(workshop, clock):
    seats = SeatServer(workshop, bind="127.0.0.1", port=0, clock=clock)
    await seats.start()
    browser = Browser(seats)
    await seat(browser, "a")
    try:
        async with stream(browser, "/p/a/events") as (_, events):
            await events.next()
            started = time.monotonic()
            await asyncio.wait_for(seats.stop(), 3)
            assert time.monotonic() - started < 1.5
    finally:
        await browser.close()
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", seats.port)) != 0, "the port is closed"


async def test_a_port_in_use_is_one_clear_line(workshop, clock):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        seats = SeatServer(workshop, bind="127.0.0.1", port=port, clock=clock)
        with pytest.raises(SeatServerError) as error:
            await seats.start()
    assert str(error.value) == (
        f"cannot serve seats on 127.0.0.1:{port}: the port is in use; give --port N"
    )
    assert not seats.running


async def test_listening_on_every_interface_needs_the_address_to_show(workshop):
    with pytest.raises(SeatServerError, match="which address"):
        SeatServer(workshop, bind="0.0.0.0", port=0)


async def test_switching_address_keeps_the_port_and_moves_the_allowed_host(server, browsers):
    port = server.port
    await server.rebind("127.0.0.2")
    assert server.port == port and server.origin == f"http://127.0.0.2:{port}"
    browser = Browser(server)
    try:
        assert (await browser.get("/j/a"))[0].status == 200
    finally:
        await browser.close()


async def test_static_files_are_served_from_the_package(server, browsers):
    browser = browsers()
    reply, script = await browser.get("/static/seat.js")
    assert reply.headers["Content-Type"].startswith("text/javascript") and "EventSource" in script
    reply, _ = await browser.get("/static/seat.css")
    assert reply.headers["Content-Type"].startswith("text/css")
    assert (await browser.get("/static/../server.py"))[0].status == 404


# The moderator's page


async def test_the_moderators_page_shows_the_notes_and_never_an_answer(server, browsers):
    browser = browsers()
    page = await seat(browser, MODERATOR)
    assert "a startup that rates this 5 leads the answers" in page
    server.workshop.commit_answer("why", "a", "MARKER-A")
    server.workshop.commit_answer("why", "b", "MARKER-B", prediction=True)
    _, page = await browser.get("/m")
    assert "MARKER" not in page and "Acme: ready ✓" in page and "Globex: not answered yet" in page


async def test_the_moderator_moves_pauses_and_extends(server, browsers, clock):
    browser = browsers()
    page = await seat(browser, MODERATOR)
    token = token_of(page)
    for action in ("next", "next", "previous"):
        reply, _ = await browser.post("/m/do", {"csrf": token, "do": action})
        assert reply.status == 303
    assert server.workshop.question.id == "bring"
    await browser.post("/m/do", {"csrf": token, "do": "pause"})
    assert not server.workshop.state.timers[0].running
    await browser.post("/m/do", {"csrf": token, "do": "extend"})
    assert server.workshop.state.timers[0].budget == 660
    reply, _ = await browser.post("/m/do", {"csrf": "forged", "do": "next"})
    assert reply.status == 403 and server.workshop.question.id == "bring"


async def test_a_reveal_with_a_side_unanswered_asks_for_confirmation_first(server, browsers):
    browser = browsers()
    token = token_of(await seat(browser, MODERATOR))
    server.workshop.commit_answer("why", "a", "Mine")
    reply, page = await browser.post("/m/do", {"csrf": token, "do": "reveal", "question": "why"})
    assert reply.status == 200 and "not answered yet: Globex. Reveal anyway?" in page
    assert "why" not in server.workshop.state.revealed
    reply, _ = await browser.post(
        "/m/do", {"csrf": token, "do": "reveal", "question": "bring", "confirm": "1"}
    )
    assert reply.status == 409 and "why" not in server.workshop.state.revealed
    reply, _ = await browser.post(
        "/m/do", {"csrf": token, "do": "reveal", "question": "why", "confirm": "1"}
    )
    assert reply.status == 303 and "why" in server.workshop.state.revealed


async def test_a_reveal_with_both_answers_needs_no_confirmation(server, browsers):
    browser = browsers()
    token = token_of(await seat(browser, MODERATOR))
    server.workshop.commit_answer("why", "a", "Mine")
    server.workshop.commit_answer("why", "b", "Theirs")
    reply, _ = await browser.post("/m/do", {"csrf": token, "do": "reveal", "question": "why"})
    assert reply.status == 303 and "why" in server.workshop.state.revealed


async def test_the_moderator_page_is_one_device(server, browsers):
    await seat(browsers(), MODERATOR)
    reply, page = await ask(browsers(), MODERATOR)
    assert reply.status == 403 and "another device" in page


async def test_a_party_seat_cannot_work_the_moderators_controls(server, browsers):
    browser = browsers()
    token = token_of(await seat(browser, "a"))
    reply, _ = await browser.post("/m/do", {"csrf": token, "do": "next"})
    assert reply.status == 403 and server.workshop.question.id == "why"


async def test_the_listener_is_removed_when_the_server_stops(workshop, clock):
    seats = SeatServer(workshop, bind="127.0.0.1", port=0, clock=clock)
    await seats.start()
    await seats.stop()
    with pytest.raises(ValueError):
        workshop.unsubscribe(seats._on_state)


async def test_a_verdict_shows_once_every_question_it_reads_is_revealed_and_never_a_comment(
    server, browsers
):
    browser = browsers()
    await seat(browser, "a")
    workshop = server.workshop
    for party, expects, offers in (("a", ["Intros"], ["Data"]), ("b", ["Data"], ["Intros"])):
        workshop.commit_answer("expects", party, expects)
        workshop.commit_answer("offers", party, offers)
    workshop.override("expects", "conflict", "SECRET-COMMENT from the moderator")
    workshop.show_question(9)
    workshop.reveal("expects")
    _, page = await browser.get("/p/a")
    assert "Intros" in page and "Data" in page, "both answers side by side"
    assert "shows once its paired question is revealed" in page and "conflict" not in page
    workshop.reveal("offers")
    _, page = await browser.get("/p/a")
    assert "<strong>conflict</strong> (set by the moderator)" in page
    assert "SECRET-COMMENT" not in page
    _, text = await browser.get("/p/a/results")
    assert "conflict (set by the moderator)" in text and "SECRET-COMMENT" not in text


async def test_no_secret_or_token_is_ever_logged(server, browsers, caplog):
    caplog.set_level(logging.DEBUG)
    browser = browsers()
    page = await seat(browser, "a")
    await save(browser, "a", {"value": "x"}, question="why")
    await ask(browsers(), "a", secret="WRONG" * 6)
    secrets = [server.seating.secret(role) for role in ("a", "b", MODERATOR)]
    secrets.append(token_of(page))
    secrets += [cookie.value for cookie in browser.session.cookie_jar]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert not any(secret in logged for secret in secrets if secret)


async def test_seats_can_be_opened_again_after_they_were_closed(workshop, clock):
    seats = SeatServer(workshop, bind="127.0.0.1", port=0, clock=clock)
    await seats.start()
    with pytest.raises(SeatServerError, match="already running"):
        await seats.start()
    await seats.stop()
    await seats.start()
    browser = Browser(seats)
    try:
        assert (await browser.get("/j/a"))[0].status == 200
    finally:
        await browser.close()
        await seats.stop()


async def test_a_seated_device_opening_its_link_again_goes_to_its_page(server, browsers):
    browser = browsers()
    await seat(browser, "a")
    reply, _ = await browser.get("/j/a")
    assert reply.status == 303 and reply.headers["Location"] == "/p/a"
    assert (await browser.get("/j/b"))[0].status == 200, "another seat still asks"
    assert len(server.seating.admitted()) == 1
