"""The last guard between text and the terminal: a line filter that drops control characters.

Text from banks, sessions and users may hold ESC (colour, hyperlink and clipboard sequences),
other C0/C1 controls and bidi overrides. The domain keeps text as typed; whatever a screen
draws passes through this filter on its way out, so none of them reaches the terminal raw,
whichever widget drew it. Each such character is zero cells wide, so dropping it moves
nothing on screen.
"""

from __future__ import annotations

from operator import itemgetter

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from facilitator.base.text import UNSAFE

_TEXT = itemgetter(0)
"""A segment's text (a `Segment` is a named tuple, its text first)."""


class DropControls(LineFilter):
    """Removes every character `facilitator.base.text.UNSAFE` matches from drawn text."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        search = UNSAFE.search
        # One search over the line's text joined (in C) rather than one per segment from a
        # generator: every line drawn passes here, and a 30-segment line costs a third less.
        # `UNSAFE` matches single characters, so joining can neither make nor hide a match.
        if search("".join(map(_TEXT, segments))) is None:
            return segments
        return [
            Segment(UNSAFE.sub("", segment.text), segment.style)
            if segment.control is None and search(segment.text)
            else segment
            for segment in segments
        ]
