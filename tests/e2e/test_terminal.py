"""The installed console script in a real terminal (tmux): start a session, answer, save, quit."""

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from facilitator.session.records import AnswerKey
from facilitator.store.reading import list_sessions, read_session

ROOT = Path(__file__).parents[2]
SCRIPT = Path(sys.executable).with_name("facilitator")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"
    ),
]


class Terminal:
    """A detached tmux session of a given size running one command."""

    def __init__(self, command: list[str], env: dict[str, str], size=(80, 24)) -> None:
        self.name = f"facilitator-{uuid.uuid4().hex[:8]}"
        environment = " ".join(f"{key}={value}" for key, value in env.items())
        line = " ".join(f"'{part}'" for part in command)
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]),
             f"env TERM=xterm-256color {environment} {line}"],
            check=True,
        )  # fmt: skip

    def screen(self, *, styled: bool = False) -> str:
        """The visible text (wrapped lines joined); `styled` keeps colors, to see focus move."""
        flags = ["-e"] if styled else ["-J"]
        result = subprocess.run(
            ["tmux", "capture-pane", "-p", *flags, "-t", self.name], capture_output=True, text=True
        )
        return result.stdout

    def press_and_wait(self, key: str, timeout: float = 10) -> None:
        """Press `key` and wait until the screen shows its effect (here: focus moving), so the
        next keys reach the widget that now has focus."""
        before = self.screen(styled=True)
        self.send(key)
        deadline = time.monotonic() + timeout
        while self.screen(styled=True) == before:
            if time.monotonic() > deadline:
                raise AssertionError(f"pressing {key!r} changed nothing on screen")
            time.sleep(0.05)

    def wait_for(self, text: str, timeout: float = 20) -> str:
        """Poll the pane until `text` shows (the app is another process: there is no clock to
        inject), failing with the last screen seen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def wait_for_exit(self, timeout: float = 20) -> None:
        """Wait until the command has ended (tmux ends a session whose command exits)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            alive = subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True)
            if alive.returncode != 0:
                return
            time.sleep(0.1)
        raise AssertionError(f"the command never ended; the screen was:\n{self.screen()}")

    def send(self, *keys: str, literal: bool = False) -> None:
        flags = ["-l"] if literal else []
        subprocess.run(["tmux", "send-keys", "-t", self.name, *flags, *keys], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def terminal_env(tmp_path):
    return {
        "FACILITATOR_SESSIONS_DIR": str(tmp_path / "sessions"),
        "FACILITATOR_CONFIG_DIR": str(tmp_path / "config"),
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
    }


def test_the_run_screen_accepts_an_answer_in_a_real_terminal(terminal_env, tmp_path):
    bank = ROOT / "questionbanks" / "workshop.md"
    terminal = Terminal(
        [str(SCRIPT), "run", str(bank), "--party-a", "[b]Acme[/b]", "--party-b", "Globex"],
        terminal_env,
    )
    try:
        terminal.wait_for("[b]Acme[/b]  ⟷  Globex")
        terminal.wait_for("Who is here for your side")
        terminal.wait_for("answering…")
        terminal.press_and_wait("a")
        terminal.send("Jane, CEO", literal=True)
        terminal.send("C-s")
        screen = terminal.wait_for("saved ✓")
        assert "ready ✓  hidden until reveal" in screen
        terminal.send("r")
        # Globex has not answered: the one reveal check asks before showing Acme's answer.
        terminal.wait_for("Globex has not answered yet. Reveal anyway?")
        terminal.send("y")
        terminal.wait_for("Jane, CEO")
        terminal.send("q")
        terminal.wait_for("Leave this session?")
        terminal.send("y")
        terminal.wait_for_exit()  # started from the shell: quitting returns there
    finally:
        terminal.close()
    (summary,) = list_sessions(tmp_path / "sessions")
    record = read_session(summary.path)
    assert record.answers[AnswerKey("in-the-room", "a", False)].value == ["Jane, CEO"]
    assert record.meta.party_a == "[b]Acme[/b]"


def test_check_in_a_terminal_prints_file_line_col(terminal_env, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("# T\n\n## S {time=1m}\n\n### Q {kind=sclae}\n", encoding="utf-8")
    terminal = Terminal(["sh", "-c", f"{SCRIPT} check {bad}; echo exit=$?; sleep 30"], terminal_env)
    try:
        screen = terminal.wait_for("exit=")
    finally:
        terminal.close()
    assert f"{bad}:5:8: unknown kind 'sclae'" in screen
    assert "exit=1" in screen
    assert "Traceback" not in screen


def test_the_demo_replays_and_exports_in_a_real_terminal(terminal_env, tmp_path):
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    demo = sessions / "demo.json"
    shutil.copy(ROOT / "sessions" / "demo.json", demo)
    before = demo.read_bytes()
    terminal = Terminal([str(SCRIPT), "replay", str(demo), "--at", "40:00"], terminal_env)
    try:
        terminal.wait_for("40:00 /")
        terminal.wait_for("Non-negotiables")
        terminal.send("x")
        terminal.wait_for("Markdown (m)")
        terminal.send("m")
        terminal.wait_for("Report written to")
        terminal.send("q")
        terminal.wait_for_exit()  # a replay started from the shell returns there
    finally:
        terminal.close()
    report = (sessions / "exports" / "demo.md").read_text(encoding="utf-8")
    assert report.startswith("# First workshop: Kestrel Labs and Hallmark Climate")
    assert "## Joint plan (draft)" in report
    assert demo.read_bytes() == before


def test_run_with_seats_shows_the_join_url_as_text(terminal_env, tmp_path):
    """`--seats --bind 127.0.0.1` opens the join panel at 80x24 with the whole join URL on one
    line, and that URL is served by the app (port 0: any free one, so runs never collide)."""
    import re
    import urllib.request

    bank = ROOT / "questionbanks" / "workshop.md"
    terminal = Terminal(
        [str(SCRIPT), "run", str(bank), "--party-a", "Acme", "--party-b", "Globex",
         "--seats", "--bind", "127.0.0.1", "--port", "0"],
        terminal_env,
    )  # fmt: skip
    try:
        screen = terminal.wait_for("Seats · Acme")
        found = re.search(r"http://127\.0\.0\.1:(\d+)/j/a#([A-Z2-7]{32})\b", screen)
        assert found, screen
        with urllib.request.urlopen(found.group(0).partition("#")[0], timeout=10) as reply:
            assert "Acme" in reply.read().decode("utf-8")
        assert " ".join(re.findall(".{4}", found.group(2))) in screen
        terminal.send("Escape")
        # Seats are open: each pane shows the party's state from its own devices.
        terminal.wait_for("not yet")
        terminal.send("q")
        terminal.wait_for("Leave this session?")
        terminal.send("y")
        terminal.wait_for_exit()  # started from the shell: quitting returns there
    finally:
        terminal.close()
