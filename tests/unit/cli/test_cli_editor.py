"""`facilitator edit` and `facilitator new-bank`: files, messages and exit codes; the UI opening is
replaced by a recorder."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator import cli
from facilitator.bank.parser import parse_bank
from facilitator.cli import main


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    """The banks the command would have opened in the editor."""
    calls: list[Path] = []
    monkeypatch.setattr(cli, "_open_editor", lambda ctx, bank: calls.append(bank))
    return calls


@pytest.fixture
def banks_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "banks"
    monkeypatch.setenv("FACILITATOR_BANKS_DIR", str(folder))
    monkeypatch.setenv("FACILITATOR_CONFIG_DIR", str(tmp_path / "config"))
    return folder


def test_edit_opens_the_bank(tmp_path, opened):
    bank = tmp_path / "mine.md"
    bank.write_text("# Half written\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["edit", str(bank)])
    assert result.exit_code == 0, result.output
    assert opened == [bank]


def test_edit_of_a_missing_or_binary_file_is_one_line(tmp_path, opened):
    missing = tmp_path / "missing.md"
    result = CliRunner().invoke(main, ["edit", str(missing)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {missing}: No such file or directory"
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"# T\n\xff\n")
    result = CliRunner().invoke(main, ["edit", str(binary)])
    assert result.exit_code == 1
    assert f"{binary}:2:1: not UTF-8 text" in result.output
    assert "Traceback" not in result.output
    assert opened == []


def test_new_bank_writes_the_template_into_the_users_folder_and_opens_it(banks_dir, opened):
    result = CliRunner().invoke(main, ["new-bank", "Acme & Globex"])
    assert result.exit_code == 0, result.output
    path = banks_dir / "acme-globex.md"
    assert result.output == f"Created {path}\n"
    assert parse_bank(path.read_text(encoding="utf-8")).title == "Acme & Globex"
    assert opened == [path]


def test_new_bank_takes_a_path_and_can_skip_the_editor(tmp_path, banks_dir, opened):
    target = tmp_path / "plans" / "globex-q3.md"
    result = CliRunner().invoke(main, ["new-bank", "--no-edit", str(target)])
    assert result.exit_code == 0, result.output
    assert parse_bank(target.read_text(encoding="utf-8")).title == "Globex q3"
    assert opened == []
    assert not banks_dir.exists()


def test_new_bank_never_overwrites(banks_dir, opened):
    banks_dir.mkdir()
    existing = banks_dir / "acme.md"
    existing.write_text("my own work\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["new-bank", "Acme"])
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert existing.read_text(encoding="utf-8") == "my own work\n"
    assert sorted(p.name for p in banks_dir.iterdir()) == ["acme.md"]
    assert opened == []


def test_the_banks_folder_chosen_in_the_settings_is_used(tmp_path, monkeypatch, opened):
    from facilitator.base.settings import Settings, save_settings

    monkeypatch.delenv("FACILITATOR_BANKS_DIR", raising=False)
    monkeypatch.setenv("FACILITATOR_CONFIG_DIR", str(tmp_path / "config"))
    save_settings(Settings(banks_dir=str(tmp_path / "chosen")))
    result = CliRunner().invoke(main, ["new-bank", "--no-edit", "Later"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "chosen" / "later.md").exists()


def test_help_for_both_commands():
    for command in (["edit"], ["new-bank"]):
        result = CliRunner().invoke(main, [*command, "--help"])
        assert result.exit_code == 0
        assert "Usage:" in result.output
