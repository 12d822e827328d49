"""The seats of one running session: who may join, which devices are waiting, admitted or
turned away, and what each party's devices are doing. Pure domain: no network, no pages.

Each role (party "a", party "b", and the moderator's remote page) has a join link with its own
secret. A device that opens a link and asks to join is *pending* with a short match code; the
moderator compares that code with the one the device shows and admits or refuses it. An
admitted device claims its seat credential (the cookie) once, with the wait ticket it got when
it asked. Seats live as long as this object: after a quit and resume, new links are issued.

Every change tells the listeners (plain callbacks, called on the caller's thread), so the join
panel can redraw: pending admissions, devices, typing. Whether a party is *typing* depends on
the clock alone (an edit within the last `TYPING_SECONDS`), so a view that shows it redraws it
on its own clock tick too. Everything time-based reads the injected clock; nothing counts ticks.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TypedDict, Unpack

from ..base.clock import Clock
from ..base.errors import FacilitatorError
from ..session.records import AnswerKey
from ..session.state import WorkshopState
from .tokens import (
    Entropy,
    is_secret_shaped,
    new_id,
    new_match_code,
    new_secret,
    new_token,
    same,
    typed_secret,
)

MODERATOR = "moderator"
ROLES = ("a", "b", MODERATOR)
"""Party "a", party "b", and the moderator's own page (one device)."""

TYPING_SECONDS = 5.0
"""A party is typing while one of its devices sent an edit this recently."""
LIVE_SECONDS = 30.0
"""A device is live while it follows the page (an open event stream) or was heard from this
recently. A party with a live device answers there: the room screen does not open its answer."""
PENDING_PER_ROLE = 8
"""Devices that may wait for admission at once per role, so a leaked link cannot flood the panel."""
REMEMBERED = 64
"""Refused and revoked devices kept (oldest dropped first) so a waiting page can learn its fate."""


class Admission(StrEnum):
    PENDING = "pending"
    ADMITTED = "admitted"
    REFUSED = "refused"
    REVOKED = "revoked"


class Readiness(StrEnum):
    """A party's state on the current question, as the room screen's pane shows it."""

    NOT_ASKED = "not asked"
    NOT_YET = "not yet"
    TYPING = "typing"
    READY = "ready"


@dataclass(frozen=True)
class Device:
    """One browser that asked for a seat. Holds nothing secret: the panel may show all of it."""

    id: str
    """Short and not secret; an answer sent from it records `seat:<id>` as its source."""
    role: str
    """"a", "b" or `MODERATOR`."""
    browser: str
    """A few words such as "Android · Chrome", from its User-Agent header (see `browsers`)."""
    match_code: str
    """The code the device shows while it waits; the panel shows the same one."""
    admission: Admission
    asked_at: float
    admitted_at: float | None = None
    last_seen: float = 0.0
    streams: int = 0
    """Event streams it has open now (pages following the moderator)."""


class _Changes(TypedDict, total=False):
    """What the bookkeeping changes of a `Device`; the rest is fixed when it asks."""

    admission: Admission
    admitted_at: float | None
    last_seen: float
    streams: int


@dataclass(frozen=True)
class _Keys:
    """A device's secrets, kept apart from `Device` so no listing or repr can show them."""

    wait: str
    """Proves a waiting browser is the one that asked; good until the seat is claimed."""
    form: str
    """The anti-forgery token its pages carry in every form."""
    link: str
    """The join secret it asked with: a new link turns away those still waiting on the old."""
    seat: str = ""
    """Its cookie's token, once claimed."""


class SeatError(FacilitatorError):
    """A moderator's seat action that cannot be done (an unknown or already decided device)."""


class JoinRefused(FacilitatorError):
    """An ask for a seat that is turned away; the message is for the asking device."""

    def __init__(self, message: str, *, counts: bool) -> None:
        super().__init__(message)
        self.counts = counts
        """Whether it counts as a failed join for the rate limit (a wrong or old secret)."""


Listener = Callable[["Seating"], None]


class Seating:
    def __init__(
        self, clock: Clock, *, entropy: Entropy = os.urandom, roles: tuple[str, ...] = ROLES
    ) -> None:
        self._clock = clock
        self._entropy = entropy
        self._secrets = {role: new_secret(entropy) for role in roles}
        self._devices: dict[str, Device] = {}
        self._keys: dict[str, _Keys] = {}
        self._edits: dict[tuple[str, str], float] = {}
        """(role, question id) -> when a device of that role last edited its answer to it."""
        self._listeners: list[Listener] = []
        self.locked = False
        """While locked, no new device may ask; those waiting may still be admitted."""

    # Listening

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener(self)

    # Links and the lock

    def secret(self, role: str) -> str:
        """The current join secret of `role` (for the panel's link; never log it)."""
        return self._secrets[role]

    def new_link(self, role: str) -> str:
        """Issue a new secret for `role`: the old link stops working and devices still waiting on
        it are refused; admitted devices stay until revoked. Returns the new secret."""
        old = self._secrets[role]
        self._secrets[role] = new_secret(self._entropy)
        for device in self._of(role, Admission.PENDING):
            if self._keys[device.id].link == old:
                self._set(device, admission=Admission.REFUSED)
        self._changed()
        return self._secrets[role]

    def lock(self) -> None:
        if not self.locked:
            self.locked = True
            self._changed()

    def unlock(self) -> None:
        if self.locked:
            self.locked = False
            self._changed()

    # A device asks, waits and claims its seat

    def ask(self, role: str, secret: str, browser: str) -> tuple[Device, str]:
        """A device asks to join `role` with the secret it was given. Returns the pending device
        and its wait ticket (for `claim`), or raises JoinRefused saying why."""
        current = self._secrets[role]
        typed = typed_secret(secret)
        # Compared in full even when the shape is wrong, so the time taken tells nothing.
        if not (same(typed, current) and is_secret_shaped(typed)):
            raise JoinRefused(
                "This join code does not work (it may have been replaced): ask the moderator.",
                counts=True,
            )
        if self.locked:
            raise JoinRefused(
                "The moderator has locked the seats: no new device may join.", counts=False
            )
        if role == MODERATOR and self._of(role, Admission.ADMITTED):
            raise JoinRefused(
                "The moderator's page is open on another device; revoke that one first.",
                counts=False,
            )
        pending = self._of(role, Admission.PENDING)
        if len(pending) >= PENDING_PER_ROLE:
            raise JoinRefused(
                "Too many devices are waiting to join already; ask the moderator.", counts=False
            )
        codes = {device.match_code for device in self.pending()}
        code = new_match_code(self._entropy)
        while code in codes:
            code = new_match_code(self._entropy)
        device_id = new_id(self._entropy)
        while device_id in self._devices:
            device_id = new_id(self._entropy)
        device = Device(device_id, role, browser, code, Admission.PENDING, self._clock())
        device = replace(device, last_seen=device.asked_at)
        keys = _Keys(wait=new_token(self._entropy), form=new_token(self._entropy), link=current)
        self._devices[device_id] = device
        self._keys[device_id] = keys
        self._forget_old()
        self._changed()
        return device, keys.wait

    def waiting(self, device_id: str, ticket: str) -> Device | None:
        """The device that asked with this wait ticket (in whatever state it is now), or None."""
        keys = self._keys.get(device_id)
        if keys is None or not keys.wait or not same(ticket, keys.wait):
            return None
        return self._devices[device_id]

    def claim(self, device_id: str, ticket: str) -> str | None:
        """Once admitted, the device's seat credential (its cookie value), in exchange for its
        wait ticket, which stops working. None if not admitted or the ticket is wrong."""
        device = self.waiting(device_id, ticket)
        if device is None or device.admission is not Admission.ADMITTED:
            return None
        keys = replace(self._keys[device_id], wait="", seat=new_token(self._entropy))
        self._keys[device_id] = keys
        return f"{device_id}.{keys.seat}"

    # The moderator decides

    def admit(self, device_id: str) -> Device:
        device = self._decide(device_id)
        if device.role == MODERATOR and self._of(MODERATOR, Admission.ADMITTED):
            raise SeatError("the moderator's page is already open on another device")
        device = self._set(device, admission=Admission.ADMITTED, admitted_at=self._clock())
        self._changed()
        return device

    def refuse(self, device_id: str) -> Device:
        device = self._set(self._decide(device_id), admission=Admission.REFUSED)
        self._changed()
        return device

    def revoke(self, device_id: str) -> Device:
        """Turn an admitted device out: its cookie stops working at its next request."""
        device = self.device(device_id)
        if device.admission is not Admission.ADMITTED:
            raise SeatError(f"device {device_id} is not admitted")
        device = self._set(device, admission=Admission.REVOKED, streams=0)
        # The form token goes too: a request sent before the revoke and finished after it must
        # not pass the anti-forgery check once its body arrives.
        self._keys[device_id] = replace(self._keys[device_id], seat="", wait="", form="")
        self._changed()
        return device

    def _decide(self, device_id: str) -> Device:
        device = self.device(device_id)
        if device.admission is not Admission.PENDING:
            raise SeatError(f"device {device_id} is not waiting ({device.admission})")
        return device

    # A seated device at work

    def seated(self, credential: str, role: str) -> Device | None:
        """The admitted device of `role` whose cookie is `credential`, or None."""
        device_id, _, token = credential.partition(".")
        device = self._devices.get(device_id)
        keys = self._keys.get(device_id)
        if device is None or keys is None or not keys.seat or not same(token, keys.seat):
            return None
        if device.role != role or device.admission is not Admission.ADMITTED:
            return None
        return device

    def form_token(self, device_id: str) -> str:
        """The anti-forgery token the device's pages carry (never log it)."""
        return self._keys[device_id].form

    def form_ok(self, device_id: str, token: str) -> bool:
        """Whether `token` is the device's anti-forgery token and the device is still admitted:
        checked after a request's body has arrived, which may be long after its cookie was."""
        keys = self._keys.get(device_id)
        return (
            keys is not None
            and bool(keys.form)
            and self.is_admitted(device_id)
            and same(token, keys.form)
        )

    def seen(self, device_id: str) -> None:
        """The device was heard from now (no listener is told: it changes nothing on show)."""
        device = self._devices.get(device_id)
        if device is not None:
            self._set(device, last_seen=self._clock())

    def attach(self, device_id: str) -> None:
        """The device opened an event stream (it follows the page)."""
        before = self.device(device_id)
        self._set(before, streams=before.streams + 1, last_seen=self._clock())
        if before.streams == 0:
            self._changed()

    def detach(self, device_id: str) -> None:
        device = self.device(device_id)
        if device.streams:
            device = self._set(device, streams=device.streams - 1, last_seen=self._clock())
            if device.streams == 0:
                self._changed()

    def edited(self, device_id: str, question_id: str) -> None:
        """A device of an admitted party is editing its answer to `question_id`."""
        device = self.device(device_id)
        if device.admission is not Admission.ADMITTED or device.role == MODERATOR:
            return
        was_typing = self.typing(device.role, question_id)
        self._edits[(device.role, question_id)] = now = self._clock()
        self._set(device, last_seen=now)
        if not was_typing:
            self._changed()

    # Reading

    def device(self, device_id: str) -> Device:
        try:
            return self._devices[device_id]
        except KeyError:
            raise SeatError(f"no device {device_id}") from None

    def is_admitted(self, device_id: str) -> bool:
        """Whether the device is (still) seated; False for one unknown or long forgotten."""
        device = self._devices.get(device_id)
        return device is not None and device.admission is Admission.ADMITTED

    def pending(self) -> tuple[Device, ...]:
        """Devices waiting for the moderator, oldest first."""
        return tuple(d for d in self._devices.values() if d.admission is Admission.PENDING)

    def admitted(self, role: str | None = None) -> tuple[Device, ...]:
        """Admitted devices (of `role`, or of every role), in the order they asked."""
        return tuple(
            d
            for d in self._devices.values()
            if d.admission is Admission.ADMITTED and role in (None, d.role)
        )

    def live(self, role: str) -> bool:
        """Whether `role` has a device following its page now, or heard from within
        `LIVE_SECONDS`: then the party answers there, and the room screen keeps its answer shut."""
        horizon = self._clock() - LIVE_SECONDS
        return any(d.streams or d.last_seen > horizon for d in self.admitted(role))

    def typing(self, role: str, question_id: str) -> bool:
        edited = self._edits.get((role, question_id))
        return edited is not None and self._clock() - edited < TYPING_SECONDS

    def readiness(self, state: WorkshopState, party: str) -> Readiness:
        """The party's state on the question on screen in `state`: typing while a device edits
        (even over a saved answer: it is being changed), else ready once it has an answer."""
        question = state.bank.sections[state.section].questions[state.question]
        if not question.asks(party):
            return Readiness.NOT_ASKED
        if self.typing(party, question.id):
            return Readiness.TYPING
        if AnswerKey(question.id, party, False) in state.answers:
            return Readiness.READY
        return Readiness.NOT_YET

    # Bookkeeping

    def _of(self, role: str, admission: Admission) -> list[Device]:
        return [d for d in self._devices.values() if d.role == role and d.admission is admission]

    def _set(self, device: Device, **changes: Unpack[_Changes]) -> Device:
        changed = replace(device, **changes)
        self._devices[device.id] = changed
        return changed

    def _forget_old(self) -> None:
        gone = [
            d.id
            for d in self._devices.values()
            if d.admission in (Admission.REFUSED, Admission.REVOKED)
        ]
        for device_id in gone[: max(0, len(gone) - REMEMBERED)]:
            del self._devices[device_id]
            del self._keys[device_id]
