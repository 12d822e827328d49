"""The forms on a party's page: its answer and its guess, with the inputs of each question kind,
filled from what was saved or from a refused save (its `Notice`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..bank.model import Firmness, Kind
from . import paths
from .forms import fields_of, rank_field
from .page_layout import part
from .safetext import html_attr as _a
from .safetext import html_text as _e
from .views import PartyView, QuestionView, Shown

FIRMNESS_WORDS = {
    Firmness.MUST_HAVE: "must-have: we cannot agree without it",
    Firmness.PREFERRED: "preferred: we would argue for it",
    Firmness.FLEXIBLE: "flexible: we can give way",
    Firmness.INDIFFERENT: "indifferent: either way is fine",
}


@dataclass(frozen=True)
class Notice:
    """Why a party's save of one form stored nothing, shown beside that form."""

    message: str
    """The domain's message, or "changed on another device"."""
    fields: Mapping[str, Sequence[str]] | None = None
    """What was submitted, to put back in the form when it was refused."""
    current: str | None = None
    """On "changed on another device": the newer answer, as one line."""
    based_on: int | None = None
    """On "changed on another device": the revision to base the next save on."""


def _choices(form: str, name: str, options: Iterable[str], chosen: Sequence[str], kind: str) -> str:
    rows = []
    for index, option in enumerate(options):
        ident = f"{form}-{name}-{index}"
        checked = " checked" if option in chosen else ""
        rows.append(
            f'<div class="option"><input type="{kind}" id="{ident}" name="{name}" '
            f'value="{_a(option)}"{checked}><label for="{ident}">{_e(option)}</label></div>'
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
            form, "value", q.options, fields.get("value", ()), "checkbox" if many else "radio"
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
            "Position", _choices(form, "position", q.options, [position], "radio"), ""
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


def answer_form(
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
    error = notice is not None
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
    return part(form, inner)
