"""The moderator's page: the session's state and its controls (next, previous, reveal, pause,
extend), as the room screen's keys do them."""

from __future__ import annotations

from aiohttp import web

from . import paths
from .following import Following
from .moderator_page import moderator_page
from .responses import field_value, html, plain, redirect
from .seating import MODERATOR, Device


class ModeratorRoutes(Following):
    """The routes under `/m` but the event stream (see `Following`)."""

    def _moderator_html(
        self, device: Device, *, confirm: str = "", error: str = "", status: int = 200
    ) -> web.Response:
        page = moderator_page(
            self._moderator_view(),
            self.seating.form_token(device.id),
            fingerprint=self._fingerprint(MODERATOR),
            confirm=confirm,
            error=error,
        )
        return html(page, status=status)

    async def _moderator_page(self, request: web.Request) -> web.Response:
        device = self._seated(request)
        if device is None:
            return self._no_seat(request)
        return self._moderator_html(device)

    async def _control(self, request: web.Request) -> web.Response:
        """next / previous / reveal / pause / extend, as the room screen's keys do them; a
        reveal the check stops (`Workshop.check_reveal`) asks "reveal anyway?" first."""
        seated = await self._seated_form(request)
        if isinstance(seated, web.Response):
            return seated
        device, fields = seated
        workshop = self.workshop
        if workshop.state.ended:
            return self._moderator_html(device, status=409)
        action = field_value(fields, "do")
        if action == "next":
            workshop.next_question()
        elif action == "previous":
            workshop.previous_question()
        elif action == "pause":
            workshop.toggle_timer()
        elif action == "extend":
            workshop.extend(1)
        elif action == "reveal":
            question = workshop.question.id
            if field_value(fields, "question") != question:
                return self._moderator_html(
                    device, error="The question changed meanwhile: nothing revealed.", status=409
                )
            check = workshop.check_reveal(question)
            if not check.ok and field_value(fields, "confirm") != "1":
                return self._moderator_html(device, confirm=check.message)
            workshop.reveal(question)
        else:
            return plain(400, "Refused: no such control.")
        return redirect(paths.page(MODERATOR))
