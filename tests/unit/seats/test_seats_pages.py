"""What the pages show: escaped text everywhere, the party's own wording, no presenter notes."""

from __future__ import annotations

from pathlib import Path

from seats_support import Browser, save, seat

from facilitator.live.workshop import Workshop
from facilitator.seats.server import SeatServer

HOSTILE_BANK = """---
party-a: <b>Acme</b>
party-b: Globex
---
# Bank

## <script>alert(1)</script> {#s time=5m}

### Why "us" & <i>them</i>? {#why}

Presenter: do not lead.

A: For <u>Acme</u>: why?
"""


async def test_bank_session_and_answer_text_is_escaped_and_cleaned(tmp_path: Path, clock):
    bank = tmp_path / "bank.md"
    bank.write_text(HOSTILE_BANK, encoding="utf-8")
    # The bank refuses controls itself; names and answers come from people at the table.
    workshop = Workshop.start(
        tmp_path / "sessions",
        bank,
        title="<img src=x onerror=alert(1)>",
        party_b="Glo\u202ebex",
        clock=clock,
    )
    server = SeatServer(workshop, bind="127.0.0.1", port=0, clock=clock)
    await server.start()
    a, b = Browser(server), Browser(server)
    try:
        page = await seat(a, "a")
        await seat(b, "b")
        assert "<script>" not in page and "<img" not in page and "<u>" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
        assert "For &lt;u&gt;Acme&lt;/u&gt;: why?" in page, "the party's own wording"
        assert "&lt;b&gt;Acme&lt;/b&gt;" in page and "Presenter" not in page
        _, theirs = await b.get("/p/b")
        assert '<h1>Why "us" &amp; &lt;i&gt;them&lt;/i&gt;?</h1>' in theirs
        assert "\u202e" not in theirs and "Globex" in theirs
        await save(a, "a", {"value": "</textarea><script>x()</script>\u2066"}, question="why")
        _, page = await a.get("/p/a")
        assert "&lt;/textarea&gt;&lt;script&gt;x()&lt;/script&gt;</textarea>" in page
        workshop.commit_answer("why", "b", "<svg onload=x>")
        workshop.reveal("why")
        _, page = await a.get("/p/a")
        assert "&lt;svg onload=x&gt;" in page and "<svg" not in page
        _, text = await a.get("/p/a/results")
        assert "\u2066" not in text and "\u202e" not in text
    finally:
        await a.close()
        await b.close()
        await server.stop()
        workshop.close()


async def test_a_party_never_sees_the_presenter_notes(server, browsers):
    page = await seat(browsers(), "a")
    assert "leads the answers" not in page
