"""Following the session: every change wakes the waiting event streams, which send the digest
(fingerprint) of what a page shows, so the page fetches itself again.

A stream sends a frame only when its own view's fingerprint changed, and its keepalive comments
on a fixed schedule of its own: a wake caused by the other party (its typing, its edits, its
devices) changes neither, so nothing on a party's stream, not even timing, follows the other
side's activity beyond what its view shows (the other side's readiness)."""

from __future__ import annotations

import asyncio
import threading

from aiohttp import web

from ..compare.comparison import Comparison
from ..session.records import AnswerKey
from ..session.state import WorkshopState
from .guard import Guard
from .limits import busy
from .responses import ROLE
from .seating import MODERATOR, Seating
from .views import ModeratorView, PartyView, moderator_view, party_view

RETRY_MILLISECONDS = 2000
"""How soon a browser reconnects a dropped event stream (a phone waking up resynchronises)."""


class Following(Guard):
    """Change notification, the views and their fingerprints, and the event streams."""

    _loop: asyncio.AbstractEventLoop | None
    _loop_thread: int
    _changed: asyncio.Event
    _closing: bool
    _comparison: Comparison
    _saving: set[AnswerKey]
    _fingerprints: dict[str, str]
    _fingerprints_state: WorkshopState | None
    _fingerprints_saving: frozenset[AnswerKey]
    _streams: dict[str, list[asyncio.Event]]
    """Device id -> the open streams' "stop" flags, oldest first."""

    # Change notification: a stream wakes whenever anything it might show has changed

    def _on_state(self, state: WorkshopState) -> None:
        self._notify()

    def _on_seats(self, seating: Seating) -> None:
        self._notify()

    def _notify(self) -> None:
        if self._loop is None:
            return
        if threading.get_ident() == self._loop_thread:
            self._bump()
        else:
            self._loop.call_soon_threadsafe(self._bump)

    def _bump(self) -> None:
        """Wake every waiting stream: they are waiting on this event; later ones on a new one."""
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    # What a page shows

    def _compare(self) -> None:
        """Bring the comparison up to the session, with the parties' newest names (a rename
        during the session changes the names its reasons use)."""
        meta = self.workshop.store.meta
        self._comparison.relabel((meta.party_a, meta.party_b))
        self._comparison.update(self.workshop.state)

    def _view(self, party: str) -> PartyView:
        self._compare()
        return party_view(
            self.workshop.state, self.workshop.store.meta, party, self._comparison, self.clock()
        )

    def _moderator_view(self) -> ModeratorView:
        state = self.workshop.state
        check = self.workshop.check_reveal(self.workshop.question.id)
        return moderator_view(state, self.workshop.store.meta, check.message, self.clock())

    # The event stream

    def _fingerprint(self, role: str) -> str:
        """What a page shows of the session now, as a digest: its `data-view`, and what its
        event stream sends. Kept per state, so the streams of a party's devices compute it
        once per change between them."""
        state, saving = self.workshop.state, frozenset(self._saving)
        if state is not self._fingerprints_state or saving != self._fingerprints_saving:
            self._fingerprints_state, self._fingerprints_saving = state, saving
            self._fingerprints = {}
        found = self._fingerprints.get(role)
        if found is None:
            if role == MODERATOR:
                found = self._moderator_view().fingerprint()
            else:
                view = self._view(role)
                found = view.fingerprint()
                if any(AnswerKey(view.question.id, role, g) in saving for g in (False, True)):
                    found += "-saving"
            self._fingerprints[role] = found
        return found

    async def _events(self, request: web.Request) -> web.StreamResponse:
        """Server-sent events: the view's fingerprint now and at every change, so the page
        fetches itself again; `retry` makes a dropped stream (a phone asleep) reconnect and
        resynchronise. After the end, one last event and the stream closes for good. Beyond
        `Limits.max_streams` in all, 503; beyond `streams_per_device`, the device's oldest
        stream ends."""
        device = self._seated(request)
        if device is None:
            return self._no_seat(request)
        role = request[ROLE]
        if self.workshop.state.ended and request.headers.get("Last-Event-ID") == self._fingerprint(
            role
        ):
            return web.Response(status=204)  # a browser's answer to 204 is to stop reconnecting
        if sum(map(len, self._streams.values())) >= self._limits.max_streams:
            return busy("Too many pages are following the seats: try again in a moment.")
        own = self._streams.setdefault(device.id, [])
        if len(own) >= self._limits.streams_per_device:
            own.pop(0).set()
            self._bump()  # wakes the superseded stream, which then ends
        stop = asyncio.Event()
        own.append(stop)
        try:
            return await self._follow(request, device.id, role, stop)
        finally:
            if stop in own:
                own.remove(stop)
            if not own and self._streams.get(device.id) is own:
                del self._streams[device.id]

    async def _follow(
        self, request: web.Request, device_id: str, role: str, stop: asyncio.Event
    ) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        self.seating.attach(device_id)
        loop = asyncio.get_running_loop()
        every = self._limits.keepalive_seconds
        beat = loop.time() + every
        try:
            await response.write(f"retry: {RETRY_MILLISECONDS}\n\n".encode())
            sent = ""
            while not self._closing and not stop.is_set():
                if not self.seating.is_admitted(device_id):
                    break
                fingerprint = self._fingerprint(role)
                if fingerprint != sent:
                    sent = fingerprint
                    await response.write(f"id: {sent}\nevent: view\ndata: {sent}\n\n".encode())
                if self.workshop.state.ended:
                    break
                if loop.time() >= beat:
                    await response.write(b": still here\n\n")
                    while beat <= loop.time():  # beats missed while the loop was busy: skipped
                        beat += every
                changed = self._changed
                try:
                    async with asyncio.timeout_at(beat):
                        await changed.wait()
                except TimeoutError:
                    pass  # the keepalive is due: the loop sends it
        except ConnectionResetError:
            pass  # the page went away (closed, navigated, phone asleep): nothing to tell it
        finally:
            if self.seating.is_admitted(device_id):
                self.seating.detach(device_id)
        return response
