"""The seats domain: admission with match codes, revoking, new links, the lock, the moderator's
one device, typing and readiness on an injected clock."""

import pytest

from facilitator.base.clock import ManualClock
from facilitator.seats.seating import (
    LIVE_SECONDS,
    MODERATOR,
    PENDING_PER_ROLE,
    TYPING_SECONDS,
    Admission,
    JoinRefused,
    Readiness,
    SeatError,
    Seating,
)


@pytest.fixture
def clock():
    return ManualClock(1_000.0)


@pytest.fixture
def seats(clock):
    return Seating(clock)


def test_a_device_with_the_right_secret_waits_with_a_match_code_until_admitted(seats, clock):
    told = []
    seats.subscribe(lambda s: told.append(len(s.pending())))
    device, ticket = seats.ask("a", seats.secret("a").lower(), "Android · Chrome")
    assert device.admission is Admission.PENDING and device.match_code.isdigit()
    assert seats.pending() == (device,) and told == [1]
    assert seats.claim(device.id, ticket) is None, "not admitted yet"
    clock.advance(3)
    admitted = seats.admit(device.id)
    assert admitted.admitted_at == 1_003.0 and seats.admitted("a") == (admitted,)
    credential = seats.claim(device.id, ticket)
    assert credential is not None and seats.seated(credential, "a") == seats.device(device.id)
    assert seats.seated(credential, "b") is None, "a cookie is for its own party only"
    assert seats.claim(device.id, ticket) is None, "the wait ticket works once"
    assert seats.waiting(device.id, "forged") is None


def test_a_wrong_secret_is_refused_and_counts_as_a_failure(seats):
    with pytest.raises(JoinRefused) as refused:
        seats.ask("a", seats.secret("b"), "x")
    assert refused.value.counts and not seats.pending()


def test_refused_devices_never_get_a_seat(seats):
    device, ticket = seats.ask("b", seats.secret("b"), "iPhone · Safari")
    seats.refuse(device.id)
    assert seats.claim(device.id, ticket) is None
    assert seats.waiting(device.id, ticket).admission is Admission.REFUSED
    with pytest.raises(SeatError):
        seats.admit(device.id)


def test_revoking_turns_a_seated_device_out(seats):
    device, ticket = seats.ask("a", seats.secret("a"), "x")
    seats.admit(device.id)
    credential = seats.claim(device.id, ticket)
    form = seats.form_token(device.id)
    assert seats.form_ok(device.id, form)
    seats.revoke(device.id)
    assert seats.seated(credential, "a") is None and not seats.admitted("a")
    # A request whose cookie was checked before the revoke and whose body arrives after it.
    assert not seats.form_ok(device.id, form)
    with pytest.raises(SeatError):
        seats.revoke(device.id)


def test_a_new_link_stops_the_old_one_and_its_waiting_devices_but_keeps_the_seated(seats):
    old = seats.secret("a")
    seated, ticket = seats.ask("a", old, "seated")
    seats.admit(seated.id)
    credential = seats.claim(seated.id, ticket)
    waiting, _ = seats.ask("a", old, "waiting")
    new = seats.new_link("a")
    assert new != old and seats.secret("a") == new
    with pytest.raises(JoinRefused):
        seats.ask("a", old, "late")
    assert seats.device(waiting.id).admission is Admission.REFUSED
    assert seats.seated(credential, "a") is not None
    assert seats.ask("a", new, "fresh")[0].admission is Admission.PENDING


def test_locked_seats_take_no_new_asks_but_those_waiting_may_still_be_admitted(seats):
    waiting, _ = seats.ask("a", seats.secret("a"), "x")
    seats.lock()
    with pytest.raises(JoinRefused, match="locked") as refused:
        seats.ask("a", seats.secret("a"), "y")
    assert not refused.value.counts
    seats.admit(waiting.id)
    seats.unlock()
    seats.ask("a", seats.secret("a"), "y")


def test_the_moderator_page_takes_one_device(seats):
    first, _ = seats.ask(MODERATOR, seats.secret(MODERATOR), "laptop")
    second, _ = seats.ask(MODERATOR, seats.secret(MODERATOR), "phone")
    seats.admit(first.id)
    with pytest.raises(SeatError):
        seats.admit(second.id)
    with pytest.raises(JoinRefused, match="another device"):
        seats.ask(MODERATOR, seats.secret(MODERATOR), "tablet")
    seats.revoke(first.id)
    seats.admit(second.id)


def test_only_so_many_devices_may_wait_at_once(seats):
    for _ in range(PENDING_PER_ROLE):
        seats.ask("a", seats.secret("a"), "x")
    with pytest.raises(JoinRefused, match="waiting"):
        seats.ask("a", seats.secret("a"), "x")
    codes = [device.match_code for device in seats.pending()]
    assert len(set(codes)) == len(codes), "match codes tell waiting devices apart"


def _seated(seats, role="a"):
    device, ticket = seats.ask(role, seats.secret(role), "x")
    seats.admit(device.id)
    seats.claim(device.id, ticket)
    return device


def test_typing_lasts_a_few_seconds_after_an_edit_by_the_clock(seats, clock):
    device = _seated(seats)
    told = []
    seats.subscribe(lambda s: told.append(True))
    seats.edited(device.id, "why")
    assert seats.typing("a", "why") and not seats.typing("a", "other") and told == [True]
    seats.edited(device.id, "why")
    assert told == [True], "a listener hears when typing starts, not at every key"
    clock.advance(TYPING_SECONDS - 0.1)
    assert seats.typing("a", "why")
    clock.advance(0.2)
    assert not seats.typing("a", "why")


def test_a_device_is_live_while_it_follows_or_was_heard_from_lately(seats, clock):
    device = _seated(seats)
    assert seats.live("a") and not seats.live("b")
    clock.advance(LIVE_SECONDS + 1)
    assert not seats.live("a"), "a dead phone must not lock its party out"
    seats.attach(device.id)
    clock.advance(LIVE_SECONDS * 3)
    assert seats.live("a")
    seats.detach(device.id)
    clock.advance(LIVE_SECONDS + 1)
    assert not seats.live("a")
    seats.seen(device.id)
    assert seats.live("a")


def test_readiness_of_a_party_on_the_question_on_screen(workshop, clock):
    seats = Seating(clock)
    device = _seated(seats, "b")
    state = workshop.state
    assert seats.readiness(state, "b") is Readiness.NOT_YET
    seats.edited(device.id, "why")
    assert seats.readiness(workshop.state, "b") is Readiness.TYPING
    workshop.commit_answer("why", "b", "Reach")
    assert seats.readiness(workshop.state, "b") is Readiness.TYPING, "still being changed"
    clock.advance(TYPING_SECONDS)
    assert seats.readiness(workshop.state, "b") is Readiness.READY
    for _ in range(11):
        workshop.next_question()
    assert workshop.question.id == "only-acme"
    assert seats.readiness(workshop.state, "b") is Readiness.NOT_ASKED


def test_an_unknown_device_is_a_seat_error(seats):
    with pytest.raises(SeatError, match="no device"):
        seats.admit("NOPE")
