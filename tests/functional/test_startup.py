"""A plain start imports the home screen and what it shows, nothing more (issue 14: start-up)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator import demo

ROOT = Path(__file__).parents[2]

_START = """
import asyncio, sys
from pathlib import Path
from textual.widgets import DataTable
from screens.app import FacilitatorApp

async def start():
    app = FacilitatorApp(sessions_dir=Path(sys.argv[1]))
    async with app.run_test() as pilot:
        for _ in range(100):
            await app.workers.wait_for_complete()
            await pilot.pause()
            tables = [app.screen.query_one(f"#{name}", DataTable) for name in ("banks", "sessions")]
            if all(table.row_count for table in tables):
                break
        print(*(table.row_count for table in tables))
    print("\\n".join(sorted(sys.modules)))

asyncio.run(start())
"""

NEVER = ("aiohttp", "segno", "rapidfuzz")
"""Imported by no start at all."""
NOT_WHEN_CACHED = ("markdown_it", "mdit_py_plugins", "facilitator.bank.parser")
"""Imported only to list a bank (or a session's bank) the cache does not hold yet."""
LATER = (
    "screens.banks", "screens.dashboard", "screens.editor", "screens.export_dialog",
    "screens.library", "screens.replay", "screens.run", "screens.setup", "screens.summary",
    "facilitator.compare", "facilitator.live", "facilitator.report.model",
    "facilitator.report.export", "facilitator.seats",
)  # fmt: skip
"""Screens other than home, and the domain they need: imported when first shown (the parties'
colours, `facilitator.report.colours`, are the theme's and load with the app)."""
FROM_THE_SHELL = ("screens.start",)
"""What a start from the shell (run, edit, replay) describes itself with: not a plain start."""


def _start(tmp_path: Path, sessions: Path) -> tuple[list[str], set[str]]:
    env = os.environ | {
        "FACILITATOR_CONFIG_DIR": str(tmp_path / "config"),
        "FACILITATOR_BANKS_DIR": str(tmp_path / "banks"),
        "FACILITATOR_CACHE_DIR": str(tmp_path / "cache"),
    }
    result = subprocess.run(
        [sys.executable, "-c", _START, str(sessions)],
        capture_output=True, text=True, cwd=ROOT, env=env, check=True, timeout=120,
    )  # fmt: skip
    counts, *modules = result.stdout.splitlines()
    return counts.split(), set(modules)


def _loaded(modules: set[str], names: tuple[str, ...]) -> set[str]:
    return {m for m in modules if any(m == n or m.startswith(n + ".") for n in names)}


@pytest.mark.slow
def test_a_start_imports_the_home_screen_alone_and_with_a_warm_cache_no_parser(tmp_path):
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    shutil.copy(demo.DEMO, sessions / "demo.json")
    counts, cold = _start(tmp_path, sessions)
    assert counts == ["6", "1"]
    assert _loaded(cold, NEVER + LATER + FROM_THE_SHELL) == set()
    assert "screens.home" in cold and "facilitator.bank.parser" in cold  # nothing cached yet
    counts, warm = _start(tmp_path, sessions)
    assert counts == ["6", "1"]
    assert _loaded(warm, NEVER + LATER + FROM_THE_SHELL + NOT_WHEN_CACHED) == set()


_ENTRY = """
import sys
from screens.app import FacilitatorApp

FacilitatorApp.run = lambda app: None  # the entry point's own imports, not the app's
sys.argv = ["facilitator"]
from facilitator.__main__ import main
try:
    main()
except SystemExit as exit:
    print(exit.code)
print("\\n".join(sorted(sys.modules)))
"""


@pytest.mark.slow
def test_the_plain_start_through_the_console_script_imports_no_click(tmp_path):
    env = os.environ | {"FACILITATOR_CONFIG_DIR": str(tmp_path / "config")}
    env.pop("_FACILITATOR_COMPLETE", None)
    result = subprocess.run(
        [sys.executable, "-c", _ENTRY], capture_output=True, text=True, cwd=ROOT, env=env,
        check=True, timeout=120,
    )  # fmt: skip
    status, *modules = result.stdout.splitlines()
    assert status == "0"
    assert _loaded(set(modules), ("click", "gettext", "facilitator.cli", *FROM_THE_SHELL)) == set()
    assert "facilitator.app_start" in modules
