"""Seats cost nothing until opened: a normal start (the home screen, then a session on the run
screen without seats) never imports the web server (aiohttp) or the QR code (segno)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]

_START = """
import asyncio, sys
from pathlib import Path
from screens.app import FacilitatorApp
from screens.home import HomeScreen
from screens.run import RunScreen
from facilitator.live import Workshop

async def main():
    sessions = Path(sys.argv[1])
    app = FacilitatorApp(sessions_dir=sessions)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), app.screen
        app.open_workshop(Workshop.start(sessions, Path("questionbanks/workshop.md")))
        await pilot.pause()
        assert isinstance(app.screen, RunScreen), app.screen
        await pilot.press("q")
        await app.workers.wait_for_complete()

asyncio.run(main())
heavy = {"aiohttp", "segno", "multidict", "yarl"}
print(",".join(sorted({name.split(".")[0] for name in sys.modules} & heavy)))
"""


def test_a_normal_start_imports_neither_aiohttp_nor_segno(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", _START, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == ""
