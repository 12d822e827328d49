"""A party's own page: showing it (rendered once per change for all the party's devices), saving
an answer or a guess durably, the typing signal and the results download."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from concurrent.futures import Future

from aiohttp import web

from ..bank.answers import AnswerError, describe
from ..base.errors import FacilitatorError
from ..base.text import slugify
from ..live.refusals import RevisionConflict
from ..session.records import SEAT_SOURCE, AnswerKey, Event
from . import paths
from .answer_forms import Notice
from .following import Following
from .forms import decode
from .party_page import party_page
from .responses import field_value, html, plain, redirect
from .results import results_text
from .seating import Device
from .views import PartyView, names_of, party_results


class PartyRoutes(Following):
    """The routes under `/p/{seat}` but the event stream (see `Following`)."""

    _mark: str
    _pages: dict[str, tuple[tuple[str, int], str]]

    def _party_html(
        self,
        device: Device,
        notices: Mapping[str, Notice] | None = None,
        *,
        alert: str = "",
        status: int = 200,
    ) -> web.Response:
        party = device.role
        token = self.seating.form_token(device.id)
        fingerprint = self._fingerprint(party)
        view = self._view(party)
        if notices or alert:
            page = self._render_party(view, fingerprint, token, notices or {}, alert)
            return html(page, status=status)
        # Every device of a party fetches the same page at the same change: render it once
        # (per view and shown second), with a mark where each device's own token goes.
        key = (fingerprint, round(view.timer.remaining))
        cached = self._pages.get(party)
        if cached is None or cached[0] != key:
            cached = self._pages[party] = (
                key,
                self._render_party(view, fingerprint, self._mark, {}, ""),
            )
        return html(cached[1].replace(self._mark, token), status=status)

    def _render_party(
        self,
        view: PartyView,
        fingerprint: str,
        token: str,
        notices: Mapping[str, Notice],
        alert: str,
    ) -> str:
        party = view.party
        saving = {
            form
            for form, guess in (("answer", False), ("guess", True))
            if AnswerKey(view.question.id, party, guess) in self._saving
        }
        return party_page(view, token, notices, fingerprint=fingerprint, saving=saving, alert=alert)

    async def _party_page(self, request: web.Request) -> web.Response:
        device = self._seated(request)
        if device is None:
            return self._no_seat(request)
        return self._party_html(device)

    async def _save(self, request: web.Request) -> web.Response:
        """Save the party's answer (or guess) to the question on screen, durably, then show
        the page again ("saved ✓"); a refusal shows the page with the reason at the form."""
        seated = await self._seated_form(request)
        if isinstance(seated, web.Response):
            return seated
        device, fields = seated
        party = device.role
        guess = field_value(fields, "guess") == "1"
        form = "guess" if guess else "answer"
        try:
            based_on = int(field_value(fields, "based_on"))
        except ValueError:
            return plain(400, "Refused: the form has no revision.")
        state = self.workshop.state
        question = self.workshop.question
        if state.ended:
            return self._party_html(device, status=409)
        if field_value(fields, "question") != question.id:
            return self._party_html(
                device,
                alert="The moderator has moved on: that question is closed for now; "
                "nothing was saved.",
                status=409,
            )
        if question.id in state.revealed:
            return self._party_html(
                device, alert="Revealed: this answer can no longer be changed here.", status=409
            )
        if not question.asks(party) or (guess and not question.predict):
            return self._party_html(device, alert="This is not asked of you.", status=409)
        key = AnswerKey(question.id, party, guess)
        try:
            future: Future[Event] = self.workshop.commit_answer(
                question.id,
                party,
                decode(question, fields),
                prediction=guess,
                source=f"{SEAT_SOURCE}{device.id}",
                expected_revision=based_on,
            )
        except AnswerError as error:
            notice = Notice(str(error), fields=fields)
            return self._party_html(device, {form: notice}, status=422)
        except RevisionConflict as conflict:
            current = conflict.current
            notice = Notice(
                "changed on another device: its answer is below; save again to replace it",
                fields=fields,
                current=self._describe(question.id, current.value) if current else "(none)",
                based_on=current.revision if current else 0,
            )
            return self._party_html(device, {form: notice}, status=409)
        self._saving.add(key)
        self._bump()
        try:
            await asyncio.wrap_future(future)
        except FacilitatorError:
            # The error names the moderator's files: the party is told only what it can act on.
            notice = Notice("not saved: the moderator's app could not write it; try again",
                            fields=fields)  # fmt: skip
            return self._party_html(device, {form: notice}, status=503)
        finally:
            self._saving.discard(key)
        self._bump()
        return redirect(paths.page(party))

    def _describe(self, question_id: str, value: object) -> str:
        return describe(self.workshop.bank.question(question_id), value)

    async def _typing(self, request: web.Request) -> web.Response:
        seated = await self._seated_form(request)
        if isinstance(seated, web.Response):
            return seated
        device, fields = seated
        if field_value(fields, "question") == self.workshop.question.id:
            self.seating.edited(device.id, self.workshop.question.id)
        return web.Response(status=204)

    async def _results(self, request: web.Request) -> web.Response:
        device = self._seated(request)
        if device is None:
            return self._no_seat(request)
        party = device.role
        self._compare()
        meta = self.workshop.store.meta
        names = names_of(meta)
        rows = party_results(self.workshop.state, party, self._comparison)
        other = "b" if party == "a" else "a"
        text = results_text(meta.title, names[party], names[other], rows)
        filename = f"{slugify(meta.title) or 'workshop'}-{slugify(names[party]) or party}.txt"
        return web.Response(
            text=text,
            content_type="text/plain",
            charset="utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
