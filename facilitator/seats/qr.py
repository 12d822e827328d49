"""A join URL as a QR code made of text, for the join panel to print as it is.

Terminals differ, so the code carries its own colours: every line is meant to be drawn dark
(`DARK`) on light (`LIGHT`), whatever the theme, since scanners expect dark modules on a light
ground with a light margin (the quiet zone, included in the lines). The normal mode packs two
module rows into each text line with half blocks; the large mode gives each module a full
block two columns wide, for terminals whose line spacing leaves gaps between half blocks.
"""

from __future__ import annotations

from dataclasses import dataclass

DARK = "#000000"
LIGHT = "#ffffff"
BORDER = 2
"""Quiet-zone modules around the code: scanners want some light margin; the terminal's own
colours around the panel are not to be trusted as light."""

_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


@dataclass(frozen=True)
class QrText:
    lines: tuple[str, ...]
    """Equal-length lines; each character's foreground is `dark`, its background `light`."""
    dark: str = DARK
    light: str = LIGHT

    @property
    def width(self) -> int:
        return len(self.lines[0]) if self.lines else 0

    @property
    def height(self) -> int:
        return len(self.lines)


def qr_lines(url: str, *, large: bool = False, border: int = BORDER) -> QrText:
    """The QR code of `url`: error correction L, raised by segno whenever it fits the same size
    (a projected code is rarely damaged, and a smaller one fits 80x24)."""
    import segno  # heavy: loaded only when a join panel draws a code

    code = segno.make_qr(url, error="l", boost_error=True)
    rows = [[bool(module) for module in row] for row in code.matrix_iter(border=border)]
    if large:
        lines = ["".join("██" if dark else "  " for dark in row) for row in rows]
    else:
        if len(rows) % 2:
            rows.append([False] * len(rows[0]))
        lines = [
            "".join(_HALVES[pair] for pair in zip(top, bottom, strict=True))
            for top, bottom in zip(rows[::2], rows[1::2], strict=True)
        ]
    return QrText(tuple(lines))
