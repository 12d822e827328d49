"""Text from users, banks and the network, made safe to put in a page: never markup.

`clean` drops the characters that could change how text is read without being seen: C0 and C1
controls (a tab and a line break stay) and the bidirectional overrides and isolates, which can
make "pay 100" display as "001 yap". `html_text` and `html_attr` clean, then HTML-escape.
"""

from __future__ import annotations

import html
import re

_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 controls but tab and line feed, DEL, C1 controls, bidi embeddings/overrides/isolates."""


def clean(text: object) -> str:
    """`text` as a string without hidden controls; a carriage return becomes a line break."""
    return _HIDDEN.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))


def html_text(text: object) -> str:
    """`text` cleaned and escaped for an HTML element's content."""
    return html.escape(clean(text), quote=False)


def html_attr(text: object) -> str:
    """`text` cleaned and escaped for a double-quoted HTML attribute value."""
    return html.escape(clean(text), quote=True)


def one_line(text: object, limit: int = 200) -> str:
    """`text` cleaned, on one line (whitespace runs become one space), at most `limit` long: for
    network text shown in a list, such as a browser's name."""
    flat = " ".join(clean(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
