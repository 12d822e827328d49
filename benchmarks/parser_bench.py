"""Parser speed on a generated 1,000-question bank: a whole parse, and a re-parse after one section
changed (what live validation in the editor pays per keystroke). Prints figures; asserts nothing."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generated_bank
from facilitator.bank.parser import BankParser


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    text = generated_bank()
    questions = text.count("\n### ")
    whole = []
    for _ in range(7):
        started = time.perf_counter()
        BankParser("generated.md").parse(text)
        whole.append(time.perf_counter() - started)
    parser = BankParser("generated.md")
    parser.parse(text)
    one_section = []
    for round_ in range(30):
        edited = text.replace("question 3 of section 25?", f"question 3 of section 25 ({round_})?")
        started = time.perf_counter()
        parser.parse(edited)
        one_section.append(time.perf_counter() - started)
    print(f"Parser: generated bank of {questions} questions, {len(text) / 1024:.0f} KB")
    print(f"  whole bank, cold parse       median {_median_ms(whole):7.1f} ms")
    print(f"  one section edited, re-parse median {_median_ms(one_section):7.1f} ms")
    print("  baseline (issue): full markdown-it-py parse ~300 ms, one 20-question section ~5 ms")


if __name__ == "__main__":
    main()
