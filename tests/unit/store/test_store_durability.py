"""Every answer acknowledged as saved survives kill -9 at any instant, compactions included."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from facilitator.session.records import AnswerKey
from facilitator.store.reading import read_session
from facilitator.store.sessionstore import SessionStore

REPO = Path(__file__).resolve().parents[3]

# Commits in groups of four, so some reach the writer together, and prints "ACK n" only once
# answer n (and the edit of the round's "latest" answer to n) is durable.
WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from facilitator.store.sessionstore import SessionStore

    path, round_, compact_every = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    store = SessionStore.open(path, compact_every=compact_every)
    start = 0
    while True:
        group = [
            (
                n,
                store.commit_answer(f"r{round_}-q{n}", "a", n),
                store.commit_answer(f"r{round_}-latest", "b", n, prediction=True),
            )
            for n in range(start, start + 4)
        ]
        for n, answer, latest in group:
            answer.result()
            latest.result()
            print(f"ACK {n}", flush=True)
        start += 4
    """
)


def run_until_killed(path: Path, round_: int, compact_every: int, acks: int) -> list[int]:
    """Start a writer, SIGKILL it after `acks` acknowledgements; every n it acknowledged."""
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(round_), str(compact_every)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert child.stdout is not None
    acknowledged: list[int] = []
    while len(acknowledged) < acks:
        line = child.stdout.readline()
        if not line:
            child.kill()
            pytest.fail(f"writer stopped early: {child.communicate()[1]}")
        acknowledged.append(int(line.split()[1]))
    os.kill(child.pid, signal.SIGKILL)
    # Acknowledgements already in the pipe when the kill landed count too. Read through
    # `child.stdout`, not `communicate()`, which would skip what readline() has buffered.
    rest = child.stdout.read()
    acknowledged += [int(line.split()[1]) for line in rest.splitlines() if line.startswith("ACK")]
    child.stdout.close()
    assert child.stderr is not None
    child.stderr.close()
    assert child.wait(timeout=30) == -signal.SIGKILL
    return acknowledged


@pytest.mark.slow
def test_acknowledged_answers_survive_kill_9(tmp_path: Path) -> None:
    rng = random.Random(20240229)
    with SessionStore.create(
        tmp_path,
        title="Kill test",
        party_a="A",
        party_b="B",
        moderator="M",
        bank_source="# Bank\n",
        bank_path="bank.md",
    ) as store:
        path = store.path
    # Tiny thresholds compact every few commits, so many kills land inside a compaction.
    thresholds = [4096, 3, 4096, 5, 2, 4096, 7, 3]
    acknowledged: dict[int, list[int]] = {}
    for round_, compact_every in enumerate(thresholds):
        acks = rng.randint(1, 120)
        acknowledged[round_] = run_until_killed(path, round_, compact_every, acks)
        read_session(path)  # whatever the kill left is readable, without recovery

    with SessionStore.open(path) as reopened:
        answers = reopened.answers
        committed = {
            (event.payload["question"], event.payload["value"]) for event in reopened.events[1:]
        }
    for round_, numbers in acknowledged.items():
        assert numbers == list(range(len(numbers))), "acknowledged in order"
        for n in numbers:
            assert answers[AnswerKey(f"r{round_}-q{n}", "a", False)].value == n
            assert (f"r{round_}-q{n}", n) in committed
        latest = answers[AnswerKey(f"r{round_}-latest", "b", True)]
        assert latest.value >= numbers[-1]
        assert latest.revision == latest.value + 1
