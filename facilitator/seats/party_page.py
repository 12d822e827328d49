"""A party's page: where the session is, the question in its wording, its forms or the revealed
answers side by side, and the other side's readiness; and the page after the end."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from . import paths
from .answer_forms import Notice, answer_form
from .page_layout import clock_part, layout, part
from .safetext import html_attr as _a
from .safetext import html_text as _e
from .views import Outcome, PartyView


def _readiness(view: PartyView) -> str:
    question = view.question
    if not question.other_asked:
        other = f"{_e(view.other_name)} is not asked this question."
    elif question.other_ready:
        other = f"{_e(view.other_name)}: ready ✓"
    else:
        other = f"{_e(view.other_name)}: not answered yet"
    waiting = f'<p class="waiting">{_e(view.waiting)}</p>' if view.waiting else ""
    return part("status", f'<p class="other">{other}</p>{waiting}', tag="div")


def _outcome(view: PartyView, outcome: Outcome) -> str:
    mine, theirs = _e(view.party_name), _e(view.other_name)

    def said(text: str | None, asked: bool) -> str:
        if text is not None:
            return _e(text)
        return "<em>not asked</em>" if not asked else "<em>no answer</em>"

    q = view.question
    rows = [
        f'<tr><th scope="row">{mine}</th><td>{said(outcome.own, q.asked)}</td></tr>',
        f'<tr><th scope="row">{theirs}</th><td>{said(outcome.other, q.other_asked)}</td></tr>',
    ]
    if outcome.own_guess is not None or outcome.other_guess is not None:
        rows.append(
            f'<tr><th scope="row">{mine}\'s guess</th><td>{said(outcome.own_guess, True)}</td></tr>'
        )
        rows.append(
            f'<tr><th scope="row">{theirs}\'s guess</th>'
            f"<td>{said(outcome.other_guess, True)}</td></tr>"
        )
    table = f'<table class="outcome"><caption>Revealed</caption>{"".join(rows)}</table>'
    if outcome.status is not None:
        by = " (set by the moderator)" if outcome.set_by_moderator else ""
        verdict = (
            f'<p class="verdict"><strong>{_e(outcome.status)}</strong>{_e(by)}: '
            f"{_e(outcome.reason)}</p>"
        )
        verdict += "".join(f'<p class="guessed">{_e(line)}</p>' for line in outcome.guesses)
    else:
        verdict = (
            '<p class="verdict">The comparison shows once its paired question is revealed.</p>'
        )
    return part("outcome", table + verdict)


def party_page(
    view: PartyView,
    token: str,
    notices: Mapping[str, Notice],
    *,
    fingerprint: str,
    saving: Iterable[str] = (),
    alert: str = "",
) -> str:
    """A party's page: where the session is, the question in its wording, its forms (or the
    revealed answers side by side), and the other side's readiness. `notices` are the last
    save's refusals by form ("answer", "guess"); `saving` the forms whose answer is not yet
    durable; `alert` a line about the page as a whole (a save for a closed question);
    `fingerprint` what the page's event stream sends while the page is current."""
    saving = frozenset(saving)
    if view.ended:
        return ended_page(view, fingerprint)
    q = view.question
    head = part(
        "where",
        f'<p class="session">{_e(view.title)} · answering for <strong>{_e(view.party_name)}'
        f"</strong></p>"
        f'<p class="position">Section {view.section_number} of {view.section_count}: '
        f"{_e(view.section_title)} · question {view.question_number} of "
        f"{view.question_count}</p>"
        f"<h1>{_e(q.wording)}</h1>",
        tag="header",
    )
    if q.revealed and q.outcome is not None:
        body = _outcome(view, q.outcome)
    elif not q.asked:
        body = part(
            "answer",
            '<p class="not-asked">Not asked of you: this question is for '
            f"{_e(view.other_name)}.</p>",
        )
    else:
        body = answer_form(
            view, token, "answer", q.answer, notices.get("answer"), "answer" in saving
        )
        if q.predict:
            body += answer_form(
                view, token, "guess", q.guess, notices.get("guess"), "guess" in saving
            )
    foot = (
        f'<footer><p><a href="{_a(paths.page(view.party))}" data-refresh>Refresh</a> · '
        f'<a href="{_a(paths.results(view.party))}">Download my results</a></p></footer>'
    )
    problem = part(
        "alert", f'<p class="error" role="alert">{_e(alert)}</p>' if alert else "", tag="div"
    )
    return layout(
        f"{view.party_name}: {q.wording}",
        head + problem + clock_part(view.timer) + _readiness(view) + body + foot,
        attributes={
            "data-page": "party",
            "data-self": paths.page(view.party),
            "data-view": fingerprint,
            "data-events": paths.events(view.party),
            "data-typing": paths.typing(view.party),
            "data-csrf": token,
        },
    )


def ended_page(view: PartyView, fingerprint: str) -> str:
    body = (
        f"<h1>{_e(view.title)}</h1>"
        '<p class="waiting">The workshop has ended. Thank you.</p>'
        f'<p><a class="button" href="{_a(paths.results(view.party))}" download>'
        f"Download {_e(view.party_name)}'s results</a></p>"
        "<p>The file holds your own answers and what was revealed in the room.</p>"
    )
    return layout(
        f"{view.title}: ended",
        part("ended", body),
        attributes={"data-page": "ended", "data-view": fingerprint},
    )


# The moderator's page
