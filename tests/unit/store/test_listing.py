"""The session library: its rows, filtering, the trash (with a session's companions and exports),
restoring from it and deleting for good."""

import os
from pathlib import Path

import pytest

from facilitator.base.clock import ManualClock
from facilitator.base.locations import TRASH
from facilitator.live.workshop import Workshop
from facilitator.store.listing import (
    COLUMNS,
    TrashError,
    companions,
    delete_for_good,
    doomed,
    empty_trash,
    filtered,
    library,
    restore,
    row_of,
    trash,
    trashed,
)
from facilitator.store.reading import list_sessions
from facilitator.store.sessionstore import SessionStore

pytestmark = pytest.mark.usefixtures("utc")  # reports and lists show local times

BANK = "# Partner bank\n\n## Only {time=10m}\n\n### A question\n"


def make(
    folder: Path,
    title: str,
    *,
    start: float = 1_763_900_000.0,
    end_after: float | None = None,
    party_a: str = "Acme",
) -> Path:
    bank = folder.parent / "bank.md"
    bank.write_text(BANK, encoding="utf-8")
    clock = ManualClock(start)
    workshop = Workshop.start(folder, bank, title=title, party_a=party_a, party_b="Globex",
                              clock=clock)  # fmt: skip
    clock.advance(end_after or 125)
    workshop.next_question()
    workshop.add_note("noted")
    if end_after is not None:
        workshop.end()
    workshop.close()
    return workshop.store.path


def test_a_row_has_every_column_the_issue_asks_for(tmp_path):
    folder = tmp_path / "sessions"
    ended = make(folder, "Kick-off", end_after=3725)
    (row,) = library(folder)
    assert len(COLUMNS) == len(row.cells)
    assert dict(zip(COLUMNS, row.cells, strict=True)) == {
        "Date": "2025-11-23 12:13",
        "Title": "Kick-off",
        "Bank": "Partner bank",
        "Parties": "Acme ⟷ Globex",
        "Duration": "1:02:05",
        "Status": "ended",
    }
    assert row.path == ended and row.ended and row.readable


def test_an_unfinished_session_shows_how_long_it_has_run_so_far(tmp_path):
    folder = tmp_path / "sessions"
    make(folder, "Still going")
    (row,) = library(folder)
    assert row.cells[2:4] == ("in progress", "2:05")
    assert not row.ended


def test_rows_are_newest_first_and_an_unreadable_file_says_why(tmp_path):
    folder = tmp_path / "sessions"
    make(folder, "Older", start=1_700_000_000.0)
    make(folder, "Newer", start=1_760_000_000.0)
    (folder / "broken.json").write_text("{", encoding="utf-8")
    os.utime(folder / "broken.json", (1_600_000_000, 1_600_000_000))
    rows = library(folder)
    assert [row.cells[1] for row in rows] == ["Newer", "Older", "broken.json"]
    assert rows[2].cells[2].startswith("unreadable: ") and not rows[2].readable


def test_a_bank_copy_that_no_longer_parses_shows_its_file_name(tmp_path):
    folder = tmp_path / "sessions"
    store = SessionStore.create(folder, title="T", party_a="A", party_b="B", moderator="",
                                bank_source="no title here", bank_path="/banks/old.md")  # fmt: skip
    store.close()
    (summary,) = list_sessions(folder)
    assert row_of(summary).cells[5] == "old.md"


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("", ["Beta review", "Alpha kick-off"]),
        ("alpha", ["Alpha kick-off"]),
        ("GLOBEX", ["Beta review", "Alpha kick-off"]),
        ("initech beta", ["Beta review"]),
        ("initech alpha", []),
        ("ended", ["Alpha kick-off"]),
        ("progress", ["Beta review"]),
        ("partner bank", ["Beta review", "Alpha kick-off"]),
    ],
)
def test_filtering_keeps_rows_that_mention_every_word(tmp_path, query, titles):
    folder = tmp_path / "sessions"
    make(folder, "Alpha kick-off", start=1_700_000_000.0, end_after=60)
    make(folder, "Beta review", start=1_760_000_000.0, party_a="Initech")
    assert [row.cells[1] for row in filtered(library(folder), query)] == titles


def test_trash_moves_the_session_with_every_companion_and_keeps_the_bytes(tmp_path):
    folder = tmp_path / "sessions"
    path = make(folder, "Gone")
    other = make(folder, "Gone too")  # its name starts like the first one's; it must stay
    for suffix in (".journal.bak", ".bak", ".corrupt-20250101T000000"):
        path.with_name(path.name + suffix).write_bytes(suffix.encode())
    before = {p.name: p.read_bytes() for p in companions(path)}
    assert {".json", ".json.journal", ".json.bak", ".json.lock"} <= {
        name[len(path.stem) :] for name in before
    }
    moved = trash(path)
    assert moved == folder / TRASH / path.name
    assert {p.name: p.read_bytes() for p in (folder / TRASH).iterdir()} == before
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [TRASH, *(p.name for p in companions(other))]
    )
    assert [row.cells[1] for row in library(folder)] == ["Gone too"]


def test_a_second_session_of_the_same_name_goes_to_the_trash_beside_the_first(tmp_path):
    folder = tmp_path / "sessions"
    first = make(folder, "Same")
    trash(first)
    second = make(folder, "Same", party_a="Initech")
    assert second.name == first.name
    moved = trash(second)
    assert moved.name == first.name.replace(".json", "~2.json")
    assert moved.with_name(moved.name + ".journal").exists()
    assert b"Initech" not in (folder / TRASH / first.name).read_bytes()
    assert b"Initech" in moved.read_bytes()


def test_trash_refuses_a_session_open_for_writing_and_moves_nothing(tmp_path):
    folder = tmp_path / "sessions"
    path = make(folder, "Open")
    workshop = Workshop.resume(path)
    try:
        with pytest.raises(TrashError, match=r"already open.*close it there before deleting it"):
            trash(path)
        assert path.exists()
        assert not (folder / TRASH).exists() or not any((folder / TRASH).iterdir())
    finally:
        workshop.close()
    trash(path)
    assert not path.exists()


def test_the_sessions_command_shows_the_library_columns_and_filters(tmp_path):
    from click.testing import CliRunner

    from facilitator.cli import main

    folder = tmp_path / "sessions"
    make(folder, "Alpha kick-off", end_after=60)
    make(folder, "Beta review", start=1_764_000_000.0, party_a="Initech")
    result = CliRunner().invoke(main, ["--sessions-dir", str(folder), "sessions"])
    header, *rows = result.output.splitlines()
    assert header.split() == [*COLUMNS, "File"]
    assert [row.split("  ")[1].strip() for row in rows] == ["Beta review", "Alpha kick-off"]
    assert "Initech ⟷ Globex" in rows[0] and "in progress" in rows[0] and "ended" in rows[1]
    result = CliRunner().invoke(main, ["--sessions-dir", str(folder), "sessions", "alpha", "ENDED"])
    assert [line.split("  ")[1].strip() for line in result.output.splitlines()[1:]] == [
        "Alpha kick-off"
    ]
    result = CliRunner().invoke(main, ["--sessions-dir", str(folder), "sessions", "gamma"])
    assert result.output == f"No saved sessions matching 'gamma' in {folder}\n"


def _export(folder: Path, session: Path, suffix: str) -> Path:
    exports = folder / "exports"
    exports.mkdir(exist_ok=True)
    path = exports / (session.stem + suffix)
    path.write_text(f"report of {session.stem}", encoding="utf-8")
    return path


def test_the_trash_takes_the_exports_along_and_restore_puts_everything_back(tmp_path):
    folder = tmp_path / "sessions"
    path = make(folder, "Round trip")
    other = make(folder, "Round trip 2")  # named like the first plus "-2": its exports stay
    path.with_name(path.name + ".bak").write_bytes(b"old")
    report = _export(folder, path, ".md")
    kept = _export(folder, other, ".md")
    before = {p.name: p.read_bytes() for p in companions(path)} | {report.name: report.read_bytes()}
    moved = trash(path)
    assert not report.exists() and kept.exists()
    assert (folder / TRASH / "exports" / report.name).read_text() == f"report of {path.stem}"
    assert [row.cells[1] for row in trashed(folder)] == ["Round trip"]
    back = restore(moved)
    assert back == path
    after = {p.name: p.read_bytes() for p in companions(path)} | {report.name: report.read_bytes()}
    assert after == before
    assert trashed(folder) == []
    assert sorted(row.cells[1] for row in library(folder)) == ["Round trip", "Round trip 2"]


def test_restore_never_replaces_a_session_that_took_the_name_since(tmp_path):
    folder = tmp_path / "sessions"
    first = make(folder, "Same")
    moved = trash(first)
    second = make(folder, "Same", party_a="Initech")
    assert second == first
    back = restore(moved)
    assert back.name == first.name.replace(".json", "~2.json")
    assert b"Initech" in second.read_bytes() and b"Initech" not in back.read_bytes()
    assert back.with_name(back.name + ".journal").exists()
    with pytest.raises(TrashError, match="not in a trash folder"):
        restore(second)


def test_delete_for_good_names_what_goes_and_removes_only_that(tmp_path):
    folder = tmp_path / "sessions"
    path = make(folder, "Secret")
    stays = make(folder, "Stays")
    path.with_name(path.name + ".bak").write_bytes(b"old")
    path.with_name(path.name + ".journal.bak").write_bytes(b"old")
    _export(folder, path, ".md")
    _export(folder, path, ".html")
    with pytest.raises(TrashError, match="move it there first"):
        delete_for_good(path)
    moved = trash(path)
    going = doomed(moved)
    assert going.describe() == "the session, its journal, 2 backups and 2 exports"
    gone = delete_for_good(moved)
    assert all(not p.exists() for p in gone.files)
    assert not any(p.is_file() for p in (folder / TRASH).rglob("*"))
    assert [row.cells[1] for row in library(folder)] == ["Stays"] and stays.exists()
    assert doomed(trash(stays)).describe() == "the session, its journal and 2 backups"


def test_empty_trash_deletes_every_trashed_session_and_leaves_the_others(tmp_path):
    folder = tmp_path / "sessions"
    assert empty_trash(folder) == 0
    for title in ("One", "Two"):
        trash(make(folder, title))
    (folder / TRASH / "stray.txt").write_text("left over", encoding="utf-8")
    alive = make(folder, "Alive")
    assert empty_trash(folder) == 2
    assert [p for p in (folder / TRASH).rglob("*") if not p.is_dir()] == []
    assert trashed(folder) == [] and alive.exists()


def test_the_library_and_the_report_use_the_newest_names(tmp_path):
    from facilitator.report.model import report_of_session

    folder = tmp_path / "sessions"
    bank = tmp_path / "bank.md"
    bank.write_text(BANK, encoding="utf-8")
    live = Workshop.start(folder, bank, title="Old", party_a="Acme", party_b="Globex",
                          clock=ManualClock(1_763_900_000.0))  # fmt: skip
    live.rename(title="New title", party_b="Globex Corp")
    live.close()
    (row,) = library(folder)
    assert row.cells[1] == "New title" and row.cells[4] == "Acme ⟷ Globex Corp"
    report = report_of_session(live.store.path)
    assert (report.title, report.party_b) == ("New title", "Globex Corp")
