"""The moderator's page: the question, the presenter notes, who has answered (never what), and
the controls."""

from __future__ import annotations

from . import paths
from .page_layout import clock_part, layout, message_page, part
from .safetext import html_attr as _a
from .safetext import html_text as _e
from .views import ModeratorView


def _button(token: str, action: str, label: str, *, extra: str = "", disabled: bool = False) -> str:
    off = " disabled" if disabled else ""
    return (
        f'<form method="post" action="{paths.control()}" class="control">'
        f'<input type="hidden" name="csrf" value="{_a(token)}">'
        f'<input type="hidden" name="do" value="{_a(action)}">{extra}'
        f'<button type="submit"{off}>{_e(label)}</button></form>'
    )


def moderator_page(
    view: ModeratorView, token: str, *, fingerprint: str, confirm: str = "", error: str = ""
) -> str:
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
        part(
            "where",
            f'<p class="session">{_e(view.title)} · moderator</p>'
            f'<p class="position">Section {view.section_number} of {view.section_count}: '
            f"{_e(view.section_title)} · question {view.question_number} of "
            f"{view.question_count}</p><h1>{_e(view.text)}</h1>{wordings}",
            tag="header",
        )
        + clock_part(view.timer)
        + part("status", f'<ul class="ready">{ready}</ul>{problem}{reveal}', tag="div")
        + part("notes", f"<h2>Presenter notes</h2>{notes or '<p>(none)</p>'}")
        + part("controls", controls, tag="div")
    )
    return layout(
        f"Moderator: {view.text}",
        body,
        attributes={
            "data-page": "moderator",
            "data-self": paths.page("moderator"),
            "data-view": fingerprint,
            "data-events": paths.events("moderator"),
        },
    )
