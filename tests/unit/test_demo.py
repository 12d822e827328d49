"""The demo session in sessions/ is exactly what the scripted workshop produces, and replays."""

import subprocess
from collections import Counter

from facilitator import demo
from facilitator.live.replay import Replay
from facilitator.session.records import ANSWER_EDITED, STATUS_OVERRIDDEN, TIMER_EXTENDED


def test_the_committed_demo_is_what_the_script_writes_now(tmp_path):
    built = demo.build(tmp_path)
    assert built.read_bytes() == demo.DEMO.read_bytes(), (
        "sessions/demo.json is stale (the bank or the script changed): "
        "run `python -m facilitator.demo` and commit the result"
    )


def test_the_demo_is_the_one_file_git_tracks_in_sessions():
    tracked = subprocess.run(
        ["git", "ls-files", "sessions"], cwd=demo.ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert tracked == ["sessions/demo.json"]
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "sessions/2026-01-01-secret.json"], cwd=demo.ROOT
    )
    assert ignored.returncode == 0


def test_the_demo_replays_a_whole_workshop_with_everything_a_moderator_does():
    replay = Replay.open(demo.DEMO)
    end = replay.state_after(len(replay.events))
    assert end.ended and replay.meta.status == "ended"
    assert [marker.section for marker in replay.markers()] == list(range(5))
    assert end.visited == frozenset(range(5))
    answered = {key.question for key in end.answers}
    assert answered == {question.id for question in replay.bank.questions}
    assert end.revealed == answered
    assert any(key.prediction for key in end.answers)
    assert Counter(note.kind for note in end.notes).keys() == {"note", "action", "parking"}
    assert all(note.owner and note.due for note in end.notes if note.kind == "action")
    types = {event.type for event in replay.events}
    assert {ANSWER_EDITED, TIMER_EXTENDED, STATUS_OVERRIDDEN} <= types
    shares = end.airtime
    assert {party for _, party in shares} == {"a", "b"}
    over = [timer.remaining(end.time) < 0 for timer in end.timers]
    assert any(over) and not all(over)
