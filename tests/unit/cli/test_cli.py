"""The shell commands: exit codes and what they print, without a terminal UI."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator.cli import main

GOOD = "# Title\n\n## Section {time=10m}\n\n### Question {compare=context}\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_check_reports_a_good_bank_with_its_size(runner, tmp_path):
    bank = tmp_path / "good.md"
    bank.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(main, ["check", str(bank)])
    assert result.exit_code == 0
    assert result.output == f"{bank}: ok · Title · 1 section · 1 question · 10m\n"


def test_check_warns_of_a_question_left_unscored_by_omission_and_still_passes(runner, tmp_path):
    bank = tmp_path / "silent.md"
    bank.write_text("# Title\n\n## Section {time=10m}\n\n### How many months?\n", "utf-8")
    result = runner.invoke(main, ["check", str(bank)])
    assert result.exit_code == 0
    assert f"{bank}:5:21: warning: no compare=: this question is not scored" in result.output
    assert result.output.endswith(" · 10m · 1 warning\n")


def test_check_exits_1_with_file_line_col_for_a_bad_bank(runner, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text(GOOD + "\n### Other {kind=sclae}\n", encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(main, ["check", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:7:12: unknown kind 'sclae'" in result.output
    assert f"{good}: ok" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"# T\n\xff\xfe\n", ":2:1: not UTF-8 text"), (b"\x00\x01\x02", ":1: not a text file")],
)
def test_check_names_the_file_and_line_of_a_file_that_is_not_text(
    runner, tmp_path, content, expected
):
    bad = tmp_path / "binary.md"
    bad.write_bytes(content)
    result = runner.invoke(main, ["check", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}{expected}" in result.output


def test_check_of_a_missing_file_is_one_line_not_a_traceback(runner, tmp_path):
    result = runner.invoke(main, ["check", str(tmp_path / "missing.md")])
    assert result.exit_code == 1
    assert result.output.strip() == f"{tmp_path / 'missing.md'}: No such file or directory"


def test_version_and_help_everywhere(runner):
    assert runner.invoke(main, ["--version"]).output.startswith("facilitator, version ")
    for command in ([], ["check"], ["sessions"], ["recover"]):
        result = runner.invoke(main, [*command, "--help"])
        assert result.exit_code == 0, result.output
        assert "Usage:" in result.output


def test_sessions_on_an_empty_folder(runner, tmp_path):
    result = runner.invoke(main, ["--sessions-dir", str(tmp_path), "sessions"])
    assert result.exit_code == 0
    assert result.output == f"No saved sessions in {tmp_path}\n"


def test_the_sessions_folder_comes_from_the_environment(runner, tmp_path):
    result = runner.invoke(main, ["sessions"], env={"FACILITATOR_SESSIONS_DIR": str(tmp_path)})
    assert result.output == f"No saved sessions in {tmp_path}\n"


def test_the_installed_console_script_checks_the_bundled_banks():
    banks = sorted(str(p) for p in (Path(__file__).parents[3] / "questionbanks").glob("*.md"))
    script = Path(sys.executable).with_name("facilitator")
    result = subprocess.run(
        [str(script), "check", *banks], capture_output=True, text=True, env=os.environ
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": ok · ") == len(banks) == 6
