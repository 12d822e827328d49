"""The bank list's cache: the summaries a parse gives, parsed again only when something changed."""

import os
import stat

import pytest

from facilitator.bank import catalog
from facilitator.bank.catalog import (
    CACHE_FILE,
    BankSummary,
    bank_titles,
    cached_summaries,
    summaries,
)
from facilitator.bank.library import bank_list, bundled_bank_paths, load_entry
from facilitator.bank.parser import BankParser

GOOD = (
    "# Good bank\n\n## One {time=10m}\n\n### First?\n\n### Second?\n\n"
    "## Two {time=5m}\n\n### Third?\n"
)


@pytest.fixture
def parses(monkeypatch):
    """Every file the parser reviews, in order."""
    seen = []
    review = BankParser.review

    def counted(self, text):
        seen.append(self.path)
        return review(self, text)

    monkeypatch.setattr(BankParser, "review", counted)
    return seen


def test_a_summary_says_what_a_full_parse_says_of_every_bundled_bank(cache_dir):
    for summary in bank_list(cache_dir / "no-banks-here"):
        bank = load_entry(summary.path, bundled=True).bank
        assert summary.runnable and summary.bundled
        assert (summary.title, summary.sections, summary.questions, summary.total) == (
            bank.title, len(bank.sections), bank.question_count, bank.total
        )  # fmt: skip
    assert [summary.path for summary in bank_list(cache_dir)] == bundled_bank_paths()


def test_a_second_listing_parses_nothing_and_a_changed_file_is_parsed_again(tmp_path, parses):
    bank = tmp_path / "good.md"
    bank.write_text(GOOD, encoding="utf-8")
    first = summaries([(bank, False)])
    assert first == [BankSummary(bank, False, "Good bank", 2, 3, 900)]
    assert parses == [str(bank)]
    assert summaries([(bank, False)]) == first
    assert parses == [str(bank)]
    bank.write_text(GOOD.replace("Good bank", "Better bank"), encoding="utf-8")
    assert summaries([(bank, False)])[0].title == "Better bank"
    assert len(parses) == 2


def test_the_same_size_and_a_new_modification_time_is_a_change(tmp_path, parses):
    bank = tmp_path / "good.md"
    bank.write_text(GOOD, encoding="utf-8")
    summaries([(bank, False)])
    bank.write_text(GOOD.replace("Good", "Gold"), encoding="utf-8")
    os.utime(bank, ns=(1_000_000_000, 1_000_000_000))
    assert summaries([(bank, False)])[0].title == "Gold bank"


def test_a_new_parser_version_parses_every_bank_again(tmp_path, parses, monkeypatch):
    bank = tmp_path / "good.md"
    bank.write_text(GOOD, encoding="utf-8")
    summaries([(bank, False)])
    monkeypatch.setattr(catalog, "parser_version", lambda: "another parser")
    summaries([(bank, False)])
    assert len(parses) == 2


def test_a_bank_with_problems_or_not_utf8_is_listed_with_its_first_problem(tmp_path):
    broken = tmp_path / "broken.md"
    broken.write_text("# T\n\n## S\n\n### Q {kind=nonsense}\n", encoding="utf-8")
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"# T\n\xff\n")
    missing = tmp_path / "missing.md"
    for _ in range(2):  # from the parse, then from the cache
        found = summaries([(broken, False), (binary, False), (missing, False)])
        assert not any(summary.runnable for summary in found)
        assert found[0].error.startswith(f"{broken}:") and found[0].problem_count >= 1
        assert found[1].error.startswith(f"{binary}:2:")
        assert "No such file" in found[2].error


def test_the_cache_is_private_and_a_damaged_one_is_rebuilt(tmp_path, cache_dir, parses):
    bank = tmp_path / "good.md"
    bank.write_text(GOOD, encoding="utf-8")
    summaries([(bank, False)])
    cached = cache_dir / CACHE_FILE
    assert stat.S_IMODE(cached.stat().st_mode) == 0o600
    cached.write_text('{"version": 1, "banks": [', encoding="utf-8")
    assert summaries([(bank, False)])[0].title == "Good bank"
    assert summaries([(bank, False)])[0].title == "Good bank"
    assert len(parses) == 2


def test_an_entry_of_another_shape_is_parsed_again_rather_than_trusted(tmp_path, cache_dir):
    bank = tmp_path / "good.md"
    bank.write_text(GOOD, encoding="utf-8")
    summaries([(bank, False)])
    cached = cache_dir / CACHE_FILE
    cached.write_text(
        cached.read_text(encoding="utf-8").replace('"title": "Good bank"', '"title": 7'),
        encoding="utf-8",
    )
    assert summaries([(bank, False)])[0].title == "Good bank"


def test_the_cache_is_never_written_through_a_symlink(tmp_path, cache_dir):
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("not yours", encoding="utf-8")
    (cache_dir / CACHE_FILE).symlink_to(elsewhere)
    bank = tmp_path / "good.md"
    bank.write_text(GOOD, encoding="utf-8")
    summaries([(bank, False)])
    assert elsewhere.read_text(encoding="utf-8") == "not yours"
    assert not (cache_dir / CACHE_FILE).is_symlink()


def test_a_cache_folder_that_cannot_be_written_still_lists(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("FACILITATOR_CACHE_DIR", str(blocked / "cache"))
    bank = tmp_path / "good.md"
    bank.write_text(GOOD, encoding="utf-8")
    assert summaries([(bank, False)])[0].title == "Good bank"


def test_titles_of_session_copies_are_cached_by_content(parses):
    sha = "0" * 64
    assert bank_titles([("# Copied\n\n## S {time=1m}\n\n### Q\n", sha), ("", "1" * 64)]) == {
        sha: "Copied",
        "1" * 64: "",
    }
    assert bank_titles([("text no longer looked at", sha)]) == {sha: "Copied"}
    assert len(parses) == 2


def test_the_cached_list_is_given_only_when_no_bank_needs_a_parse(tmp_path, parses):
    bank = tmp_path / "good.md"
    bank.write_text(GOOD, encoding="utf-8")
    assert cached_summaries([(bank, False)]) is None
    listed = summaries([(bank, False)])
    assert cached_summaries([(bank, False)]) == listed
    bank.write_text(GOOD + "\n### Fourth?\n", encoding="utf-8")
    assert cached_summaries([(bank, False)]) is None
    assert len(parses) == 1
