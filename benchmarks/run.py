"""All benchmarks in one run: `python benchmarks/run.py` or `make bench`. Prints, never asserts."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import (
    compaction_bench,
    compare_bench,
    dashboard_bench,
    editor_bench,
    next_bench,
    parser_bench,
    replay_bench,
    seats_bench,
    seats_ui_bench,
    startup_bench,
    store_bench,
)

if __name__ == "__main__":
    startup_bench.main()
    print()
    parser_bench.main()
    print()
    store_bench.main()
    print()
    compaction_bench.main()
    print()
    replay_bench.main()
    print()
    compare_bench.main()
    print()
    dashboard_bench.main()
    print()
    next_bench.main()
    print()
    editor_bench.main()
    print()
    seats_bench.main()
    print()
    seats_ui_bench.main()
