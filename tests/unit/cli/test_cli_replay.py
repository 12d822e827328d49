"""`facilitator replay`: one clear line for a bad speed, moment or file; the app gets the rest."""

import pytest
from click.testing import CliRunner

from facilitator import demo
from facilitator.cli import main
from facilitator.store.sessionstore import SessionStore


@pytest.fixture
def opened(monkeypatch):
    """Stand in for the terminal UI: record what the app was asked to replay."""
    seen = {}

    def run(app):
        seen.update(replay=app.opening.replay, at=app.opening.at, speed=app.opening.speed)

    monkeypatch.setattr("screens.app.FacilitatorApp.run", run)
    return seen


def test_replay_opens_the_session_at_the_moment_and_speed_given(opened):
    result = CliRunner().invoke(main, ["replay", str(demo.DEMO), "--speed", "16", "--at", "47:30"])
    assert result.exit_code == 0, result.output
    assert opened["replay"].meta.title.startswith("First workshop")
    assert (opened["at"], opened["speed"]) == (2850, 16)


def test_replay_defaults_to_the_start_at_real_speed(opened):
    assert CliRunner().invoke(main, ["replay", str(demo.DEMO)]).exit_code == 0
    assert (opened["at"], opened["speed"]) == (0, 1)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--speed", "fast"], "--speed fast: give a number from 1 to 1000, such as 4"),
        (["--speed", "0"], "--speed 0: give a number from 1 to 1000"),
        (["--speed", "nan"], "--speed nan: give a number from 1 to 1000"),
        (["--at", "5"], "--at: bad time '5' (write it as MM:SS or H:MM:SS"),
        (["--at", "9:00:00"], "--at 9:00:00: "),
    ],
)
def test_a_bad_speed_or_moment_is_one_line(opened, arguments, message):
    result = CliRunner().invoke(main, ["replay", str(demo.DEMO), *arguments])
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not opened


def test_a_moment_past_the_end_says_how_long_the_session_is(opened):
    result = CliRunner().invoke(main, ["replay", str(demo.DEMO), "--at", "2:00:00"])
    assert result.output.strip() == f"Error: --at 2:00:00: {demo.DEMO} lasts only 1:26:15"


@pytest.mark.parametrize(
    ("content", "message"), [(None, "no such session file"), (b"{}", "not a facilitator session")]
)
def test_a_missing_or_foreign_file_is_one_line(opened, tmp_path, content, message):
    path = tmp_path / "x.json"
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(main, ["replay", str(path)])
    assert result.exit_code == 1
    assert message in result.output and str(path) in result.output
    assert "Traceback" not in result.output and not opened


def test_a_session_whose_bank_copy_no_longer_reads_is_one_line(opened, tmp_path):
    store = SessionStore.create(tmp_path, title="T", party_a="A", party_b="B", moderator="",
                                bank_source="no title", bank_path="b.md")  # fmt: skip
    store.close()
    result = CliRunner().invoke(main, ["replay", str(store.path)])
    assert result.exit_code == 1 and not opened
    assert result.output.strip() == (
        f"Error: {store.path}: the bank stored in this session does not read "
        "(b.md:1: the bank has no title: start it with '# Title')"
    )
