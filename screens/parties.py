"""Each party's colour on screen: the App's `$party-a` / `$party-b` theme variables (from
`facilitator.report.colours`), as a style for rich `Text`; CSS uses the variables directly."""

from __future__ import annotations

from typing import Any

from textual.app import App


def party_style(app: App[Any], party: str, *, bold: bool = True) -> str:
    """The style of party `party` ("a" or "b") in the current theme."""
    colour = app.theme_variables[f"party-{party}"]
    return f"bold {colour}" if bold else colour
