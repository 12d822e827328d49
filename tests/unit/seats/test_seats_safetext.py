"""Text from users, banks and the network never becomes markup or hidden formatting."""

from hypothesis import given
from hypothesis import strategies as st

from facilitator.seats.safetext import clean, html_attr, html_text, one_line


def test_controls_and_bidi_overrides_are_stripped_but_tab_and_line_breaks_stay():
    text = "pay\u202e001\u202c \x00\x1b[31mred\x7f\x85\x9f\u2066x\u2069\tend\r\nnext\rlast"
    assert clean(text) == "pay001 [31mredx\tend\nnext\nlast"


def test_html_is_escaped_in_text_and_in_attributes():
    assert html_text('<script>alert("x")</script> & co') == (
        '&lt;script&gt;alert("x")&lt;/script&gt; &amp; co'
    )
    assert html_attr('" onmouseover="x') == "&quot; onmouseover=&quot;x"
    assert html_attr("it's") == "it&#x27;s"


def test_one_line_flattens_and_shortens():
    assert one_line("  Android\n\x07 Chrome  ") == "Android Chrome"
    assert one_line("x" * 300, 10) == "x" * 9 + "…"


@given(st.text())
def test_nothing_hidden_or_markup_survives(text):
    escaped = html_attr(text)
    assert "<" not in escaped and ">" not in escaped and '"' not in escaped
    assert not any(
        (ord(c) < 32 and c not in "\t\n")
        or 0x7F <= ord(c) <= 0x9F
        or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
        for c in clean(text)
    )
