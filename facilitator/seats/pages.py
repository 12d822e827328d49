"""The seat pages as plain server-rendered HTML: join, wait, a party's page, the moderator's.

Pages load one style sheet and one small script from the server itself (the Content-Security-
Policy allows nothing else, not even inline scripts or styles) and work without the script:
forms post normally and the page has a refresh link. With it, the page follows the moderator,
keeps what is being typed per question, and saves without leaving the page. Every piece of
text from the session, the bank or the network goes through `html_text`/`html_attr`.

A page is made of parts (`data-part`), each with a key (`data-key`): the script fetches the page
again when the view changes and swaps in only the parts whose key changed, so a form someone is
typing in stays as it is while the other side's readiness or the clock changes around it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..bank.model import Firmness, Kind
from ..base.durations import format_clock
from . import paths
from .forms import fields_of, rank_field
from .safetext import html_attr, html_text
from .views import ModeratorView, Outcome, PartyView, QuestionView, Shown, TimerView

FIRMNESS_WORDS = {
    Firmness.MUST_HAVE: "must-have: we cannot agree without it",
    Firmness.PREFERRED: "preferred: we would argue for it",
    Firmness.FLEXIBLE: "flexible: we can give way",
    Firmness.INDIFFERENT: "indifferent: either way is fine",
}
PLAIN_HTTP = (
    "This page travels as plain HTTP: others on this network could read what you send. "
    "For confidential answers, ask the moderator for a secure (https) link."
)


@dataclass(frozen=True)
class Notice:
    """The outcome of a party's last save of one form, shown once beside that form."""

    ok: bool
    message: str
    """ "saved ✓", or why nothing was stored (the domain's message)."""
    fields: Mapping[str, Sequence[str]] | None = None
    """What was submitted, to put back in the form when it was refused."""
    current: str | None = None
    """On "changed on another device": the newer answer, as one line."""
    based_on: int | None = None
    """On "changed on another device": the revision to base the next save on."""


def _e(text: object) -> str:
    return html_text(text)


def _a(text: object) -> str:
    return html_attr(text)


def _key(*sources: object) -> str:
    return hashlib.sha256(repr(sources).encode("utf-8")).hexdigest()[:16]


def _part(name: str, inner: str, *, tag: str = "section", key: str | None = None) -> str:
    """A part of the page the script may swap; its key is its own text unless given."""
    return f'<{tag} id="part-{name}" data-part data-key="{_a(key or _key(inner))}">{inner}</{tag}>'


def layout(title: str, body: str, *, attributes: Mapping[str, str] | None = None) -> str:
    extra = "".join(f' {name}="{_a(value)}"' for name, value in (attributes or {}).items())
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex, nofollow">'
        f"<title>{_e(title)}</title>"
        f'<link rel="stylesheet" href="{paths.STATIC}/seat.css">'
        f'<script src="{paths.STATIC}/seat.js" defer></script>'
        f"</head><body{extra}><main>{body}</main></body></html>\n"
    )


def message_page(title: str, message: str, *, link: tuple[str, str] | None = None) -> str:
    """A page that only says something: an error, a refusal, a removed device."""
    more = f'<p><a href="{_a(link[0])}">{_e(link[1])}</a></p>' if link else ""
    return layout(title, f"<h1>{_e(title)}</h1><p>{_e(message)}</p>{more}")


# Joining


def join_page(role: str, name: str, *, plain_http: bool, token: str, error: str = "") -> str:
    """ "Join as Acme": a form that posts the join code. Opening it seats nothing, so a link
    preview or a QR scanner that fetches it uses nothing up."""
    warning = f'<p class="warning">{_e(PLAIN_HTTP)}</p>' if plain_http else ""
    problem = f'<p class="error" id="code-error">{_e(error)}</p>' if error else ""
    described = ' aria-describedby="code-error" aria-invalid="true"' if error else ""
    body = (
        f"<h1>Join as {_e(name)}</h1>"
        f"{warning}"
        f'<form method="post" action="{_a(paths.join(role))}" class="join">'
        f'<input type="hidden" name="csrf" value="{_a(token)}">'
        '<label for="code">Join code</label>'
        '<p class="hint" id="code-hint">Filled in from the link you opened; or type the code the '
        "moderator reads out (spaces do not matter).</p>"
        '<input id="code" name="code" autocomplete="off" autocapitalize="characters" '
        f'spellcheck="false" required{described}>'
        f"{problem}"
        f'<button type="submit">Join as {_e(name)}</button>'
        "</form>"
        "<p>The moderator sees a code on this device's next page and lets it in.</p>"
    )
    return layout(f"Join as {name}", body, attributes={"data-page": "join"})


def wait_page(name: str, match_code: str) -> str:
    """Waiting for the moderator; the page reloads itself every two seconds (no script needed)."""
    code = " ".join(match_code)
    body = (
        f"<h1>Joining as {_e(name)}</h1>"
        "<p>Waiting for the moderator. Tell them this code when they ask:</p>"
        f'<p class="match" aria-label="match code {_a(code)}">{_e(match_code)}</p>'
        "<p>This page moves on by itself once you are let in.</p>"
    )
    page = layout(f"Waiting: {match_code}", body, attributes={"data-page": "wait"})
    return page.replace("<head>", '<head><meta http-equiv="refresh" content="2">', 1)


# The party's page


def _clock(timer: TimerView) -> str:
    if timer.running:
        state = ""
    elif timer.paused:
        state = ' <span class="paused">paused</span>'
    else:
        state = ' <span class="paused">not started</span>'
    left = timer.remaining
    label = "over time" if left < 0 else "left"
    inner = (
        f'<p class="clock"><span data-remaining="{left:.0f}" '
        f'data-running="{"1" if timer.running else "0"}">{_e(format_clock(left))}</span> '
        f"{label}{state}</p>"
    )
    # Keyed on what the moderator changes, not the seconds: the script counts those down.
    return _part(
        "clock", inner, tag="div", key=_key(timer.budget, timer.spent, timer.running_since)
    )


def _readiness(view: PartyView) -> str:
    question = view.question
    if not question.other_asked:
        other = f"{_e(view.other_name)} is not asked this question."
    elif question.other_ready:
        other = f"{_e(view.other_name)}: ready ✓"
    else:
        other = f"{_e(view.other_name)}: not answered yet"
    waiting = f'<p class="waiting">{_e(view.waiting)}</p>' if view.waiting else ""
    return _part("status", f'<p class="other">{other}</p>{waiting}', tag="div")


def _choices(
    form: str, name: str, options: Iterable[str], chosen: Sequence[str], kind: str, extra: str
) -> str:
    rows = []
    for index, option in enumerate(options):
        ident = f"{form}-{name}-{index}"
        checked = " checked" if option in chosen else ""
        rows.append(
            f'<div class="option"><input type="{kind}" id="{ident}" name="{name}" '
            f'value="{_a(option)}"{checked}{extra}><label for="{ident}">{_e(option)}</label></div>'
        )
    return "".join(rows)


def _fieldset(legend: str, inner: str, described: str) -> str:
    return f"<fieldset{described}><legend>{_e(legend)}</legend>{inner}</fieldset>"


def _field(q: QuestionView, form: str, fields: Mapping[str, Sequence[str]], described: str) -> str:
    """The input(s) for one answer (or guess) of `q`'s kind, filled from `fields`."""
    value = (fields.get("value") or [""])[0]
    kind = q.kind
    ident = f"{form}-value"
    if kind is Kind.TEXT:
        return (
            f'<label for="{ident}">Your words</label>'
            f'<textarea id="{ident}" name="value" rows="5"{described}>{_e(value)}</textarea>'
        )
    if kind is Kind.LIST:
        return (
            f'<label for="{ident}">One item per line</label>'
            f'<textarea id="{ident}" name="value" rows="6"{described}>{_e(value)}</textarea>'
        )
    if kind is Kind.CHOICE:
        many = (q.pick or 1) > 1
        legend = f"Pick up to {q.pick}" if many else "Pick one"
        inputs = _choices(
            form, "value", q.options, fields.get("value", ()), "checkbox" if many else "radio", ""
        )
        return _fieldset(legend, inputs, described)
    if kind is Kind.RANK:
        return _ranking(q, form, fields, described)
    if kind is Kind.SCALE:
        assert q.scale is not None
        low, high, low_label, high_label = q.scale
        current = value or str((low + high) // 2)
        ends = (
            f'<span class="end">{low}{(" " + _e(low_label)) if low_label else ""}</span>'
            f'<output for="{ident}" id="{ident}-shown">{_e(current)}</output>'
            f'<span class="end">{high}{(" " + _e(high_label)) if high_label else ""}</span>'
        )
        return (
            f'<label for="{ident}">From {low} to {high}</label>'
            f'<input type="range" id="{ident}" name="value" min="{low}" max="{high}" step="1" '
            f'value="{_a(current)}"{described}><div class="ends">{ends}</div>'
        )
    if kind is Kind.NUMBER:
        unit = f" ({_e(q.unit)})" if q.unit else ""
        return (
            f'<label for="{ident}">A number{unit}</label>'
            f'<input id="{ident}" name="value" inputmode="decimal" autocomplete="off" '
            f'value="{_a(value)}"{described}>'
            + (f' <span class="unit">{_e(q.unit)}</span>' if q.unit else "")
        )
    if kind is Kind.STANCE:
        return _stance(q, form, fields, described)
    raise ValueError(f"unknown kind {kind}")


def _ranking(
    q: QuestionView, form: str, fields: Mapping[str, Sequence[str]], described: str
) -> str:
    places = q.pick or len(q.options)
    legend = f"Rank your top {places}" if places < len(q.options) else "Rank them, 1 first"
    order = sorted(
        range(len(q.options)),
        key=lambda i: int((fields.get(rank_field(i)) or ["0"])[0] or 0) or len(q.options) + i,
    )
    rows = []
    for index in order:
        chosen = (fields.get(rank_field(index)) or [""])[0]
        ident = f"{form}-{rank_field(index)}"
        choices = '<option value="">not ranked</option>' if places < len(q.options) else ""
        choices += "".join(
            f'<option value="{n}"{" selected" if chosen == str(n) else ""}>{n}</option>'
            for n in range(1, places + 1)
        )
        rows.append(
            f'<li class="rank"><label for="{ident}">{_e(q.options[index])}</label>'
            f'<select id="{ident}" name="{rank_field(index)}">{choices}</select>'
            '<span class="moves"><button type="button" data-move="up" '
            f'aria-label="move {_a(q.options[index])} up">↑</button>'
            '<button type="button" data-move="down" '
            f'aria-label="move {_a(q.options[index])} down">↓</button></span></li>'
        )
    return _fieldset(legend, f'<ol class="ranking">{"".join(rows)}</ol>', described)


def _stance(q: QuestionView, form: str, fields: Mapping[str, Sequence[str]], described: str) -> str:
    position = (fields.get("position") or [""])[0]
    if q.options:
        where = _fieldset(
            "Position", _choices(form, "position", q.options, [position], "radio", ""), ""
        )
    else:
        ident = f"{form}-position"
        where = (
            f'<label for="{ident}">Position</label>'
            f'<input id="{ident}" name="position" autocomplete="off" value="{_a(position)}">'
        )
    firmness = (fields.get("firmness") or [""])[0]
    rows = []
    for level in Firmness:
        ident = f"{form}-firmness-{level.value}"
        checked = " checked" if firmness == level.value else ""
        rows.append(
            f'<div class="option"><input type="radio" id="{ident}" name="firmness" '
            f'value="{level.value}"{checked}><label for="{ident}">'
            f"{_e(FIRMNESS_WORDS[level])}</label></div>"
        )
    return f"<div{described}>{where}{_fieldset('How firm', ''.join(rows), '')}</div>"


def _form(
    view: PartyView,
    token: str,
    form: str,
    shown: Shown | None,
    notice: Notice | None,
    saving: bool,
) -> str:
    """The form for the party's answer (`form` "answer") or its guess ("guess")."""
    q = view.question
    if notice is not None and notice.fields is not None:
        fields: Mapping[str, Sequence[str]] = notice.fields
    elif shown is not None:
        fields = fields_of(q.kind, q.options, shown.value)
    else:
        fields = {}
    based_on = shown.revision if shown else 0
    if notice is not None and notice.based_on is not None:
        based_on = notice.based_on
    error = notice is not None and not notice.ok
    described = f' aria-describedby="{form}-error" aria-invalid="true"' if error else ""
    if form == "guess":
        heading = f"Your guess: how will {_e(view.other_name)} answer?"
        intro = f'<p class="hint">They are asked: {_e(q.other_wording)}</p>'
        button = "Save guess"
    else:
        heading, intro, button = "Your answer", "", "Save answer"
    status = ""
    if saving:
        status = "Saving…"
    elif shown is not None and not error:
        status = "saved ✓"
    problem = ""
    if error:
        assert notice is not None
        problem = f'<p class="error" id="{form}-error">{_e(notice.message)}</p>'
        if notice.current is not None:
            problem += f'<p class="newer">Saved on the other device: {_e(notice.current)}</p>'
    inner = (
        f"<h2>{heading}</h2>{intro}"
        f'<form method="post" action="{_a(paths.save(view.party))}" data-form="{form}" '
        f'data-question="{_a(q.id)}" data-based-on="{based_on}">'
        f'<input type="hidden" name="csrf" value="{_a(token)}">'
        f'<input type="hidden" name="question" value="{_a(q.id)}">'
        f'<input type="hidden" name="guess" value="{"1" if form == "guess" else "0"}">'
        f'<input type="hidden" name="based_on" value="{based_on}">'
        f"{_field(q, form, fields, described)}{problem}"
        f'<div class="save"><button type="submit">{button}</button>'
        f'<span class="saved" role="status" aria-live="polite">{status}</span></div>'
        "</form>"
    )
    return _part(form, inner)


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
    return _part("outcome", table + verdict)


def party_page(
    view: PartyView,
    token: str,
    notices: Mapping[str, Notice],
    *,
    saving: Iterable[str] = (),
    alert: str = "",
) -> str:
    """A party's page: where the session is, the question in its wording, its forms (or the
    revealed answers side by side), and the other side's readiness. `notices` are the last
    save's refusals by form ("answer", "guess"); `saving` the forms whose answer is not yet
    durable; `alert` a line about the page as a whole (a save for a closed question)."""
    saving = frozenset(saving)
    if view.ended:
        return ended_page(view)
    q = view.question
    head = _part(
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
        body = _part(
            "answer",
            '<p class="not-asked">Not asked of you: this question is for '
            f"{_e(view.other_name)}.</p>",
        )
    else:
        body = _form(view, token, "answer", q.answer, notices.get("answer"), "answer" in saving)
        if q.predict:
            body += _form(view, token, "guess", q.guess, notices.get("guess"), "guess" in saving)
    foot = (
        f'<footer><p><a href="{_a(paths.page(view.party))}" data-refresh>Refresh</a> · '
        f'<a href="{_a(paths.results(view.party))}">Download my results</a></p></footer>'
    )
    problem = _part(
        "alert", f'<p class="error" role="alert">{_e(alert)}</p>' if alert else "", tag="div"
    )
    return layout(
        f"{view.party_name}: {q.wording}",
        head + problem + _clock(view.timer) + _readiness(view) + body + foot,
        attributes={
            "data-page": "party",
            "data-self": paths.page(view.party),
            "data-view": view.fingerprint(),
            "data-events": paths.events(view.party),
            "data-typing": paths.typing(view.party),
            "data-csrf": token,
        },
    )


def ended_page(view: PartyView) -> str:
    body = (
        f"<h1>{_e(view.title)}</h1>"
        '<p class="waiting">The workshop has ended. Thank you.</p>'
        f'<p><a class="button" href="{_a(paths.results(view.party))}" download>'
        f"Download {_e(view.party_name)}'s results</a></p>"
        "<p>The file holds your own answers and what was revealed in the room.</p>"
    )
    return layout(
        f"{view.title}: ended",
        _part("ended", body),
        attributes={"data-page": "ended", "data-view": view.fingerprint()},
    )


# The moderator's page


def _button(token: str, action: str, label: str, *, extra: str = "", disabled: bool = False) -> str:
    off = " disabled" if disabled else ""
    return (
        f'<form method="post" action="{paths.control()}" class="control">'
        f'<input type="hidden" name="csrf" value="{_a(token)}">'
        f'<input type="hidden" name="do" value="{_a(action)}">{extra}'
        f'<button type="submit"{off}>{_e(label)}</button></form>'
    )


def moderator_page(view: ModeratorView, token: str, *, confirm: str = "", error: str = "") -> str:
    """The moderator's remote: the question, the presenter notes, who has answered (never
    what), and next / previous / reveal / pause / +1 min. `confirm` is the reveal check's
    message when a reveal waits for "reveal anyway"."""
    if view.ended:
        return message_page(view.title, "The workshop has ended.")
    names = view.names
    wordings = "".join(
        f'<p class="wording">{_e(name)}: {_e(text)}</p>'
        for name, text in zip(names, view.wordings, strict=True)
        if text
    )
    notes = "".join(
        f"<p>{_e(' '.join(p.split()))}</p>" for p in view.help.split("\n\n") if p.strip()
    )
    ready = "".join(
        f"<li>{_e(name)}: "
        + ("not asked" if not asked else "ready ✓" if done else "not answered yet")
        + "</li>"
        for name, asked, done in zip(names, view.asked, view.ready, strict=True)
    )
    question_field = f'<input type="hidden" name="question" value="{_a(view.question_id)}">'
    if confirm:
        reveal = (
            f'<div class="confirm" role="alert"><p>{_e(confirm)}. Reveal anyway?</p>'
            + _button(
                token,
                "reveal",
                "Reveal anyway",
                extra=question_field + '<input type="hidden" name="confirm" value="1">',
            )
            + f'<p><a href="{paths.page("moderator")}">Cancel</a></p></div>'
        )
    elif view.revealed:
        reveal = '<p class="revealed">Revealed in the room.</p>'
    else:
        reveal = _button(token, "reveal", "Reveal", extra=question_field)
    pause = "Pause" if view.timer.running else "Resume"
    controls = (
        '<div class="controls">'
        + _button(token, "previous", "◀ Previous", disabled=view.first)
        + _button(token, "next", "Next ▶", disabled=view.last)
        + _button(token, "pause", pause)
        + _button(token, "extend", "+1 min")
        + "</div>"
    )
    problem = f'<p class="error" role="alert">{_e(error)}</p>' if error else ""
    body = (
        _part(
            "where",
            f'<p class="session">{_e(view.title)} · moderator</p>'
            f'<p class="position">Section {view.section_number} of {view.section_count}: '
            f"{_e(view.section_title)} · question {view.question_number} of "
            f"{view.question_count}</p><h1>{_e(view.text)}</h1>{wordings}",
            tag="header",
        )
        + _clock(view.timer)
        + _part("status", f'<ul class="ready">{ready}</ul>{problem}{reveal}', tag="div")
        + _part("notes", f"<h2>Presenter notes</h2>{notes or '<p>(none)</p>'}")
        + _part("controls", controls, tag="div")
    )
    return layout(
        f"Moderator: {view.text}",
        body,
        attributes={
            "data-page": "moderator",
            "data-self": paths.page("moderator"),
            "data-view": view.fingerprint(),
            "data-events": paths.events("moderator"),
        },
    )
