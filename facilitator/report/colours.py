"""Each party's colour, in the one place the screens (both themes) and the HTML report read.

Blue for party A and orange for party B: a pair that stays apart for the common colour
blindnesses. Each shade is chosen for its background: on the dark theme both read at a
contrast of about 9:1 against near-black; on white (the projector theme and the printed
report) at about 6:1 and 9:1. Text never relies on the colour alone: the party's name is
always written beside it.
"""

from __future__ import annotations

PARTY_COLOURS: dict[str, dict[str, str]] = {
    "dark": {"a": "#6cb6ff", "b": "#ffb454"},
    "light": {"a": "#0b57d0", "b": "#a34700"},
}


def party_colours(*, dark: bool) -> dict[str, str]:
    """`{"a": colour, "b": colour}` for a dark or a light background."""
    return PARTY_COLOURS["dark" if dark else "light"]
