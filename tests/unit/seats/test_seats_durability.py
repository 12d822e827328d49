"""A kill -9 after a seat was told "saved" loses nothing: the moderator's app runs in a child
process, a browser saves an answer, the child is killed at once, and the answer is in the file."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest
from seats_support import BANK

from facilitator.session.records import AnswerKey
from facilitator.store.sessionstore import SessionStore

ROOT = Path(__file__).parents[3]

APP = """
import asyncio, json, sys
from pathlib import Path
from facilitator.live.workshop import Workshop
from facilitator.seats.server import SeatServer

async def main(folder: Path) -> None:
    workshop = Workshop.start(folder / "sessions", folder / "bank.md", title="Kill test")
    server = SeatServer(workshop, bind="127.0.0.1", port=0)
    # The moderator admits whoever asks, so the test can seat a browser from outside.
    server.seating.subscribe(lambda seats: [seats.admit(d.id) for d in seats.pending()])
    await server.start()
    link = server.join_link("a")
    print(json.dumps({"origin": server.origin, "secret": link.secret,
                      "path": str(workshop.store.path)}), flush=True)
    await asyncio.Event().wait()

asyncio.run(main(Path(sys.argv[1])))
"""


@pytest.mark.slow
async def test_an_answer_acknowledged_as_saved_survives_a_kill(tmp_path):
    (tmp_path / "bank.md").write_text(BANK, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-c", APP, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        started = json.loads(child.stdout.readline())
        origin = started["origin"]
        headers = {"Origin": origin}
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as browser:
            async with browser.get(f"{origin}/j/a") as reply:
                join = await reply.text()
            token = re.search(r'name="csrf" value="([^"]+)"', join).group(1)
            form = {"csrf": token, "code": started["secret"]}
            async with browser.post(f"{origin}/j/a", data=form, headers=headers) as reply:
                assert reply.status == 200  # followed: the wait page, then (admitted) the page
                page = await reply.text()
            token = re.search(r'data-csrf="([^"]+)"', page).group(1)
            answer = {
                "csrf": token,
                "question": "why",
                "guess": "0",
                "based_on": "0",
                "value": "Survives the kill",
            }
            async with browser.post(
                f"{origin}/p/a/answer", data=answer, headers=headers, allow_redirects=False
            ) as reply:
                assert reply.status == 303
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    with SessionStore.open(Path(started["path"])) as store:
        saved = store.answers[AnswerKey("why", "a", False)]
    assert saved.value == "Survives the kill" and saved.source.startswith("seat:")
