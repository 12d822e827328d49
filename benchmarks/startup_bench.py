"""Start-up in a real terminal (tmux, 160x48): from exec to the home screen painted with its bank
list filled, against a bare Textual app (Header, Static, Footer) from exec to its first frame.
Prints figures; asserts nothing.

Each run starts a launcher in a tmux pane that waits for a go, notes the time and execs the
program; the pane's output reaches this script through `tmux pipe-pane`, and a run ends when the
text that only the finished frame shows arrives (the last bundled bank's title; the bare app's
static text). Runs of the two alternate, so load from other work falls on both alike. The
bank-list cache is warmed by one run first (a cold start, with the cache empty, is timed apart).

Both programs run with Python's bytecode cache on, in a folder of the run's own
(`PYTHONPYCACHEPREFIX`), warmed by one run of each: as an installed copy starts (pip compiles
what it installs; an editable install caches its modules at the first start). An environment
with `PYTHONDONTWRITEBYTECODE` set (this project's sandbox has it) would otherwise compile every
module of ours from source at every start, some 15 to 20 ms that no installed copy pays, while
Textual, installed with its bytecode, does not. `--compile-each-start` sets
`PYTHONDONTWRITEBYTECODE`, to see that cost (modules without bytecode of their own, ours in the
checkout, are then compiled at every start on any machine).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RUNS = 15
SOCKET = f"facilitator-bench-{os.getpid()}"
BARE_TEXT = "bare textual start-up"
BARE = f"""
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static({BARE_TEXT!r})
        yield Footer()

Bare().run()
"""
LAUNCHER = """
import os, sys, time
with open(sys.argv[1], "rb") as go:
    go.read(1)
with open(sys.argv[2], "w") as started:
    started.write(str(time.monotonic_ns()))
os.execv(sys.argv[3], sys.argv[3:])
"""


def _tmux(*args: str) -> None:
    subprocess.run(["tmux", "-L", SOCKET, *args], check=True)


def _last_bank_title() -> str:
    from facilitator.bank.library import bundled_bank_paths

    lines = bundled_bank_paths()[-1].read_text(encoding="utf-8").splitlines()
    return next(line for line in lines if line.startswith("# ")).removeprefix("# ").strip()


def _run_once(folder: Path, argv: list[str], marker: bytes) -> float:
    """Seconds from exec of `argv` in the pane to `marker` written to the terminal."""
    go, started, output = folder / "go", folder / "started", folder / "output"
    for fifo in (go, output):
        fifo.unlink(missing_ok=True)
        os.mkfifo(fifo)
    started.unlink(missing_ok=True)
    launcher = folder / "launcher.py"
    launcher.write_text(LAUNCHER, encoding="utf-8")
    # tmux runs the command through the shell: every part quoted, none holding a newline.
    parts = (sys.executable, str(launcher), str(go), str(started), *argv)
    command = " ".join(f"'{part}'" for part in parts)
    _tmux("respawn-pane", "-k", "-t", "bench", command)
    _tmux("pipe-pane", "-t", "bench", f"cat > '{output}'")
    reader = os.open(output, os.O_RDONLY)
    with open(go, "wb") as signal:
        signal.write(b"1")
    seen = b""
    try:
        while marker not in seen:
            chunk = os.read(reader, 65536)
            if not chunk:
                raise RuntimeError(f"the program ended before showing {marker!r}")
            seen = seen[-len(marker) :] + chunk
        arrived = time.monotonic_ns()
    finally:
        os.close(reader)
        _tmux("pipe-pane", "-t", "bench")
    return (arrived - int(started.read_text())) / 1e9


def _figures(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return (
        f"median {statistics.median(ordered) * 1000:6.1f} ms   p99 {p99 * 1000:6.1f} ms   "
        f"max {ordered[-1] * 1000:6.1f} ms"
    )


def main() -> None:
    if shutil.which("tmux") is None:
        print("Start-up: skipped (tmux is not installed)")
        return
    compile_each_start = "--compile-each-start" in sys.argv[1:]
    folder = Path(tempfile.mkdtemp(prefix="facilitator-startup-"))
    for name in ("config", "cache", "warm-cache", "banks"):
        (folder / name).mkdir()
    os.environ.update(
        FACILITATOR_CONFIG_DIR=str(folder / "config"),
        FACILITATOR_CACHE_DIR=str(folder / "warm-cache"),
        FACILITATOR_BANKS_DIR=str(folder / "banks"),
        FACILITATOR_SESSIONS_DIR=str(ROOT / "sessions"),
    )
    # The tmux server started below, and every program it runs, inherits this environment.
    if compile_each_start:
        os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
    script = Path(sys.executable).with_name("facilitator")
    home = [str(script)]
    (folder / "bare.py").write_text(BARE, encoding="utf-8")
    bare = [sys.executable, str(folder / "bare.py")]
    marker = _last_bank_title().encode()
    _tmux("new-session", "-d", "-s", "bench", "-x", "160", "-y", "48", "sleep 600")
    _tmux("set-option", "-g", "remain-on-exit", "on")
    try:
        # Untimed: each program once, to fill the bytecode cache (and a bank-list cache that is
        # then set aside, so that the next run starts with an empty one).
        _run_once(folder, bare, BARE_TEXT.encode())
        _run_once(folder, home, marker)
        _tmux("set-environment", "-g", "FACILITATOR_CACHE_DIR", str(folder / "cache"))
        cold = [_run_once(folder, home, marker)]
        times: dict[str, list[float]] = {"bare": [], "home": []}
        for _ in range(RUNS):
            times["bare"].append(_run_once(folder, bare, BARE_TEXT.encode()))
            times["home"].append(_run_once(folder, home, marker))
    finally:
        _tmux("kill-server")
        shutil.rmtree(folder, ignore_errors=True)
    ratio = statistics.median(times["home"]) / statistics.median(times["bare"])
    bytecode = "compiled at every start" if compile_each_start else "bytecode cached"
    print(f"Start-up in tmux at 160x48, {RUNS} alternating runs each, from exec ({bytecode}):")
    print(f"  bare Textual app to its first frame           {_figures(times['bare'])}")
    print(f"  home screen, bank list filled (warm cache)    {_figures(times['home'])}")
    print(f"  home screen, bank list filled (cold cache)    {cold[0] * 1000:6.1f} ms (one run)")
    print(f"  ratio of medians, home / bare                 {ratio:.2f}x   (goal <= 1.3x)")


if __name__ == "__main__":
    main()
