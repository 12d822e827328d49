"""The pages before a seat: joining with the link's code, and waiting to be let in."""

from __future__ import annotations

from . import paths
from .page_layout import layout
from .safetext import html_attr as _a
from .safetext import html_text as _e

PLAIN_HTTP = (
    "This page travels as plain HTTP: others on this network could read what you send. "
    "For confidential answers, ask the moderator for a secure (https) link."
)


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
    return layout(f"Waiting: {match_code}", body, attributes={"data-page": "wait"}, refresh=2)
