"""Issue 12, item 5: the work of reporting problems stays bounded, however hostile the bank."""

from __future__ import annotations

import time
from pathlib import Path

from click.testing import CliRunner

from facilitator.bank.parser import MAX_BANK_BYTES, BankParser
from facilitator.bank.problems import LISTED, PER_LINE, QUOTE_WIDTH, Problem
from facilitator.cli import main

HEAD = "---\ntitle: T\n---\n\n## S {time=5m}\n\n"


def _check(tmp_path: Path, text: str) -> tuple[str, float]:
    bank = tmp_path / "bank.md"
    bank.write_text(text)
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["check", str(bank)])
    assert result.exit_code == 1
    return result.output, time.perf_counter() - started


def test_one_heading_with_many_bad_attributes_is_reported_in_bounded_work(tmp_path: Path) -> None:
    bad = " ".join(f"bad{n}=x" for n in range(16_000))
    output, seconds = _check(tmp_path, HEAD + "### Q? {" + bad + "}\n")
    assert seconds < 5, "16,000 problems on one line once took 14.5 s and 4.5 GB"
    assert len(output) < 20_000
    assert f"… and {16_000 - PER_LINE:,} more problems on this line" in output
    quoted = [line for line in output.splitlines() if line.startswith("    ") and "^" not in line]
    assert quoted and max(map(len, quoted)) <= 4 + QUOTE_WIDTH + 2


def test_many_lines_with_problems_are_listed_up_to_a_cap(tmp_path: Path) -> None:
    questions = "".join(f"### Q{n}? {{bad=1}}\n\n" for n in range(LISTED + 50))
    output, _ = _check(tmp_path, HEAD + questions)
    assert "… and 50 more problems" in output
    assert output.count("unknown question attribute") == LISTED


def test_a_bank_above_the_size_limit_is_refused_at_once(tmp_path: Path) -> None:
    output, seconds = _check(tmp_path, HEAD + "x" * MAX_BANK_BYTES)
    assert "a bank may be at most 1 MB" in output and seconds < 2
    review = BankParser("typed").review(HEAD + "x" * MAX_BANK_BYTES)
    assert [p.message for p in review.problems] == [review.problems[0].message]
    assert "at most 1 MB" in review.problems[0].message


def test_a_long_line_is_quoted_as_a_window_with_the_caret_under_the_column() -> None:
    source = "a" * 500 + "X" + "b" * 500
    lines = Problem("f.md", 3, 501, "here", source).format().splitlines()
    quote, caret = lines[1], lines[2]
    assert quote.startswith("    …") and quote.endswith("…")
    assert quote[caret.index("^")] == "X"
