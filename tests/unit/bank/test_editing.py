"""The editor's domain: live validation, saving with a backup, outside changes, new banks,
duplicates and rehearsals."""

import os
import stat
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.bank.editing import (
    BankFile,
    Change,
    LiveValidator,
    Place,
    ReadOnlyBankError,
    backup_path,
    next_problem,
    place_of,
)
from facilitator.bank.library import (
    bundled_bank_paths,
    is_bundled,
    load_entries,
    user_banks,
    user_banks_dir,
)
from facilitator.bank.parser import BankParser, parse_bank
from facilitator.bank.problems import BankError, Problem
from facilitator.bank.templates import (
    DEFAULT_TITLE,
    bank_text,
    create_bank,
    duplicate_bank,
    file_name,
    new_bank_path,
    new_bank_target,
)
from facilitator.base.clock import ManualClock
from facilitator.base.errors import FacilitatorError
from facilitator.base.settings import Settings, load_settings, save_settings
from facilitator.live.rehearsal import Rehearsal

BANK = """# Title

Intro.

## First {time=10m}

Notes for the first section.

### One

Help for one.

### Two {kind=scale}

## Second {time=5m}

### Three {kind=list}
"""


def test_a_review_keeps_the_draft_of_a_bank_with_problems():
    review = BankParser("b.md").review(BANK.replace("{kind=scale}", "{kind=sclae}"))
    assert review.bank is None
    assert [problem.line for problem in review.problems] == [13]
    assert [section.title for section in review.draft.sections] == ["First", "Second"]
    assert [question.text for question in review.draft.questions] == ["One", "Two", "Three"]


def test_a_review_of_a_good_bank_is_the_bank():
    review = BankParser("b.md").review(BANK)
    assert review.problems == ()
    assert review.bank == parse_bank(BANK)


def test_the_validator_parses_only_the_newest_text_submitted():
    validator = LiveValidator("b.md")
    validator.submit(BANK.replace("{kind=scale}", "{kind=sclae}"))
    newest = validator.submit(BANK)
    validation = validator.run()
    assert validation is not None
    assert validation.generation == newest
    assert validation.problems == ()
    assert validator.run() is None


def test_validations_from_many_threads_come_out_newest_last():
    validator = LiveValidator("b.md")
    results = []
    lock = threading.Lock()

    def work() -> None:
        validation = validator.run()
        if validation is not None:
            with lock:
                results.append(validation.generation)

    threads = []
    for n in range(30):
        validator.submit(BANK.replace("Help for one.", f"Help {n}."))
        thread = threading.Thread(target=work)
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    assert results == sorted(results)
    assert results[-1] <= 30


def test_place_of_a_line():
    bank = parse_bank(BANK)
    assert place_of(bank, 0) == Place()
    assert place_of(bank, 4) == Place(0)
    assert place_of(bank, 6) == Place(0)
    assert place_of(bank, 8) == Place(0, 0)
    assert place_of(bank, 10) == Place(0, 0)
    assert place_of(bank, 12) == Place(0, 1)
    assert place_of(bank, 16) == Place(1, 0)
    section, question = place_of(bank, 12).of(bank)
    assert (section.title, question.text) == ("First", "Two")
    assert Place(5, 0).of(bank) == (None, None)
    assert Place(0, 9).of(bank) == (bank.sections[0], None)


def test_next_problem_wraps_around_both_ways():
    problems = tuple(Problem("b.md", line, 1, "x") for line in (3, 9, 20))
    assert next_problem(problems, 1).line == 3
    assert next_problem(problems, 3).line == 9
    assert next_problem(problems, 20).line == 3
    assert next_problem(problems, 9, backward=True).line == 3
    assert next_problem(problems, 3, backward=True).line == 20


def test_save_keeps_the_replaced_version_as_a_backup_and_keeps_the_mode(tmp_path):
    path = tmp_path / "mine.md"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o644)
    bank = BankFile(path)
    assert bank.load() == "old\n"
    assert bank.save("new\n") == backup_path(path) == tmp_path / "mine.md.bak"
    assert path.read_text(encoding="utf-8") == "new\n"
    assert backup_path(path).read_text(encoding="utf-8") == "old\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    # Saving the same text again writes nothing: the backup still holds the version before.
    assert bank.save("new\n") is None
    assert backup_path(path).read_text(encoding="utf-8") == "old\n"
    assert bank.outside_change() is None


def test_saving_a_new_file_makes_no_backup_and_a_private_file(tmp_path):
    path = tmp_path / "fresh.md"
    assert BankFile(path).save("text\n") is None
    assert not backup_path(path).exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_read_only_bank_is_never_written(tmp_path):
    path = tmp_path / "bundled.md"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(ReadOnlyBankError, match="duplicate it"):
        BankFile(path, read_only=True).save("y")
    assert path.read_text(encoding="utf-8") == "x"


def test_each_outside_change_is_reported_once(tmp_path):
    path = tmp_path / "mine.md"
    path.write_text("one\n", encoding="utf-8")
    bank = BankFile(path)
    bank.load()
    assert bank.outside_change() is None
    path.write_text("two, longer\n", encoding="utf-8")
    assert bank.outside_change() is Change.CHANGED
    assert bank.outside_change() is None
    path.unlink()
    assert bank.outside_change() is Change.REMOVED
    assert bank.outside_change() is None


def test_loading_a_file_that_is_not_text_names_file_and_line(tmp_path):
    path = tmp_path / "bad.md"
    path.write_bytes(b"# T\n\xff\n")
    with pytest.raises(BankError, match=r"bad\.md:2:1: not UTF-8"):
        BankFile(path).load()


def test_the_template_passes_the_check_and_uses_every_kind():
    bank = parse_bank(bank_text("Acme and Globex"))
    assert bank.title == "Acme and Globex"
    assert {question.kind.value for question in bank.questions} == {
        "text", "list", "choice", "scale", "number", "stance"
    }  # fmt: skip
    assert bank.paired_with("expects") is not None
    # A new bank starts with every question scored or said to be context: no warnings.
    assert BankParser().review(bank_text("Acme and Globex")).warnings == ()


@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=40))
def test_any_name_gives_a_template_that_passes_the_check(name):
    bank = parse_bank(bank_text(name))
    assert bank.title
    assert file_name(name).endswith(".md")
    assert "/" not in file_name(name)


def test_names_and_file_names():
    assert file_name("Acme & Globex, Q3") == "acme-globex-q3.md"
    assert file_name("???") == "bank.md"
    assert parse_bank(bank_text("   ")).title == DEFAULT_TITLE
    assert parse_bank(bank_text("Plan {draft}")).title == "Plan (draft)"


def test_create_bank_refuses_to_overwrite(tmp_path):
    path = new_bank_path(tmp_path / "banks", "Acme deal")
    assert create_bank(path, "Acme deal") == tmp_path / "banks" / "acme-deal.md"
    parse_bank(path.read_text(encoding="utf-8"))
    path.write_text("mine\n", encoding="utf-8")
    with pytest.raises(FacilitatorError, match="already exists"):
        create_bank(path, "Acme deal")
    assert path.read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["acme-deal.md"]


def test_duplicates_get_fresh_names_and_the_same_bytes(tmp_path):
    source = bundled_bank_paths()[0]
    folder = tmp_path / "banks"
    first = duplicate_bank(source, folder)
    second = duplicate_bank(source, folder)
    third = duplicate_bank(first, folder)
    assert first.name == f"{source.stem}-copy.md"
    assert second.name == f"{source.stem}-copy-2.md"
    assert third.name == f"{source.stem}-copy-3.md"
    assert first.read_bytes() == source.read_bytes()
    assert sorted(p.name for p in folder.iterdir()) == sorted([first.name, second.name, third.name])


def test_bundled_banks_are_recognised(tmp_path):
    assert all(is_bundled(path) for path in bundled_bank_paths())
    copy = duplicate_bank(bundled_bank_paths()[0], tmp_path)
    assert not is_bundled(copy)


def test_the_banks_folder_comes_from_the_environment_then_the_settings(tmp_path, monkeypatch):
    monkeypatch.delenv("FACILITATOR_BANKS_DIR", raising=False)
    assert user_banks_dir(str(tmp_path / "chosen")) == tmp_path / "chosen"
    assert user_banks_dir().name == "banks"
    monkeypatch.setenv("FACILITATOR_BANKS_DIR", str(tmp_path / "env"))
    assert user_banks_dir(str(tmp_path / "chosen")) == tmp_path / "env"


def test_the_banks_folder_is_remembered_in_the_settings(tmp_path):
    path = tmp_path / "settings.json"
    save_settings(Settings(banks_dir="/somewhere/banks"), path)
    assert load_settings(path).banks_dir == "/somewhere/banks"


def test_entries_of_a_bank_with_problems_keep_its_draft(tmp_path):
    good = tmp_path / "good.md"
    good.write_text(BANK, encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text(BANK.replace("{time=5m}", "{time=5x}"), encoding="utf-8")
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"\x00")
    entries = {entry.path.name: entry for entry in user_banks(tmp_path)}
    assert entries["good.md"].bank is not None and entries["good.md"].problem_count == 0
    assert entries["bad.md"].bank is None
    assert entries["bad.md"].draft.title == "Title"
    assert entries["bad.md"].problem_count == 1
    assert entries["bad.md"].error.startswith(f"{bad}:15:")
    assert entries["binary.md"].draft is None
    assert "not a text file" in entries["binary.md"].error
    assert load_entries([], bundled=False) == []


def test_a_rehearsal_runs_the_text_in_a_folder_it_removes(tmp_path):
    rehearsal = Rehearsal.start(BANK, "mine.md", clock=ManualClock())
    folder = rehearsal.folder
    assert folder.is_dir()
    assert not folder.is_relative_to(tmp_path)
    workshop = rehearsal.workshop
    assert workshop.store.meta.title == "Rehearsal · Title"
    assert workshop.bank == parse_bank(BANK)
    workshop.commit_answer("one", "a", "An answer").result(timeout=5)
    rehearsal.discard()
    assert not folder.exists()
    rehearsal.discard()


def test_a_bank_with_problems_cannot_be_rehearsed(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(BankError, match=r"mine\.md:5:"):
        Rehearsal.start(BANK.replace("{time=10m}", ""), "mine.md")
    assert os.listdir(tmp_path) == []


def test_a_new_bank_name_ending_in_md_is_a_path(tmp_path):
    assert new_bank_target("plans/acme_deal-q3.md", tmp_path) == (
        Path("plans/acme_deal-q3.md"), "Acme deal q3"
    )  # fmt: skip
    assert new_bank_target("Acme deal", tmp_path) == (tmp_path / "acme-deal.md", "Acme deal")
