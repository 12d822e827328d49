"""The playhead follows the clock at its speed, and pauses, seeks and changes speed exactly."""

import pytest

from facilitator.base.durations import format_clock, parse_clock
from facilitator.live.playback import SPEEDS, Playhead, faster, slower


def test_the_position_is_computed_from_the_clock_at_the_speed():
    head = Playhead(duration=600, speed=16).play(now=1000)
    assert head.at(1000) == 0
    assert head.at(1010) == 160
    assert head.at(1100) == 600, "never past the end"
    assert head.finished(1100) and not head.finished(1010)


def test_pause_keeps_the_moment_and_play_goes_on_from_it():
    head = Playhead(duration=600).play(now=0).pause(now=30)
    assert (head.playing, head.at(500)) == (False, 30)
    head = head.play(now=500)
    assert head.at(510) == 40


def test_changing_speed_keeps_the_position_and_only_then_goes_faster():
    head = Playhead(duration=3600).play(now=0)
    head = head.with_speed(60, now=10)
    assert head.at(10) == 10
    assert head.at(11) == 70


def test_seek_clamps_and_keeps_playing_or_paused():
    paused = Playhead(duration=100).seek(150, now=5)
    assert (paused.at(99), paused.playing) == (100, False)
    playing = Playhead(duration=100).play(0).seek(-4, now=7)
    assert (playing.at(7), playing.at(9), playing.playing) == (0, 2, True)


def test_play_at_the_end_starts_again():
    head = Playhead(duration=100, anchor=100).play(now=3)
    assert head.at(4) == 1


def test_speed_steps():
    assert SPEEDS == (1, 4, 16, 60)
    assert [faster(s) for s in SPEEDS] == [4, 16, 60, 60]
    assert [slower(s) for s in SPEEDS] == [1, 1, 4, 16]
    assert (faster(2), slower(2)) == (4, 1)


@pytest.mark.parametrize("seconds", [0, 59, 60, 3599, 3600, 4567, 360_000])
def test_a_moment_written_by_format_clock_reads_back(seconds):
    assert parse_clock(format_clock(seconds)) == seconds


@pytest.mark.parametrize("text", ["", "5", "1:5", "1:60", "1:2:3", "-1:00", "aa:bb", "1:00:00:00"])
def test_a_bad_moment_says_how_to_write_one(text):
    with pytest.raises(ValueError, match=r"write it as MM:SS or H:MM:SS"):
        parse_clock(text)
