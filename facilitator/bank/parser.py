"""Read a question bank from Markdown into the model in `bank.py`, reporting every problem at once.

The file is cut into chunks that parse on their own (`chunks.py`): the preamble (front matter, `#`
title, intro) and one chunk per `##` section. Each chunk goes through markdown-it-py separately
(`chunk_reader.py`), so an editor can re-parse only the section that changed (`BankParser` caches
chunks by their text). Checks that span sections (unique ids, pairs) run here afterwards, on the
assembled bank.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..base.durations import parse_duration
from ..base.files import read_regular
from ..base.text import UNSAFE, byte_position, unsafe_characters
from .chunk_reader import ChunkReader
from .chunks import Chunk, shift_chunk, split_chunks
from .model import Bank, Compare, Question, Section
from .problems import BankError, Problem, bounded


@dataclass(frozen=True)
class Review:
    """A bank as far as it could be read, and every problem in it: what an editor shows while the
    text is still being written. Only a bank without problems can be run."""

    draft: Bank
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()
    """What does not stop the bank running but probably is not meant (an unscored question)."""

    @property
    def bank(self) -> Bank | None:
        return None if self.problems else self.draft


class BankParser:
    """Parses banks; remembers each chunk's result by its text, so re-parsing an edited bank only
    parses the sections that changed."""

    def __init__(self, path: str = "<bank>", *, stored: bool = False) -> None:
        """`stored`: the text is a bank copy kept in a session, which ran when it was saved;
        rules added since (control characters) must not lock anyone out of it, and what it
        shows is cleaned on the way to the screen anyway."""
        self.path = path
        self.stored = stored
        # chunk text → (its parse with lines counted from the chunk, the line it was last placed
        # at, the parse shifted there); typing inside a line moves no chunk, so nothing is shifted.
        self._cache: dict[tuple[bool, str], tuple[Chunk, int, Chunk]] = {}

    def _chunk(self, key: tuple[bool, str], lines: list[str], start: int, end: int) -> Chunk:
        cached = self._cache.get(key)
        if cached is None:
            relative = ChunkReader(self.path, lines[start:end]).read(is_preamble=key[0])
        else:
            relative, placed_at, placed = cached
            if placed_at == start:
                return placed
        placed = shift_chunk(relative, start)
        self._cache[key] = (relative, start, placed)
        return placed

    def check(self, text: str) -> tuple[Bank | None, list[Problem]]:
        """The bank and every problem found; the bank is None when there is any problem."""
        review = self.review(text)
        return review.bank, list(review.problems)

    def review(self, text: str) -> Review:
        """The bank as far as it can be read, with every problem found."""
        if text.startswith("\ufeff"):
            text = text[1:]
        if not text.strip():
            empty = Problem(self.path, 1, 0, "empty bank: the file has no text")
            return Review(Bank(title="", sections=(), path=self.path), (empty,))
        # Characters, not bytes, are at hand here; each is at least a byte, so this refuses no
        # bank that `decode_bank` reads. A stored copy ran once and is read whatever its size.
        if len(text) > MAX_BANK_BYTES and not self.stored:
            too_large = _too_large(self.path, len(text.encode("utf-8")))
            return Review(Bank(title="", sections=(), path=self.path), (too_large,))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = text.split("\n")
        starts = split_chunks(text)
        bounds = list(zip([0, *starts], [*starts, len(lines)], strict=True))
        keys = [(n == 0, "\n".join(lines[start:end])) for n, (start, end) in enumerate(bounds)]
        chunks = [
            self._chunk(key, lines, start, end)
            for key, (start, end) in zip(keys, bounds, strict=True)
        ]
        used = set(keys)
        self._cache = {key: value for key, value in self._cache.items() if key in used}
        review = _assemble(self.path, lines, chunks)
        unsafe = [] if self.stored else _unsafe_text(self.path, text, lines)
        return replace(review, problems=tuple(bounded((*review.problems, *unsafe))))

    def parse(self, text: str) -> Bank:
        bank, problems = self.check(text)
        if problems or bank is None:
            raise BankError(problems)
        return bank


def _assemble(path: str, lines: list[str], chunks: list[Chunk]) -> Review:
    preamble, sections = chunks[0], [chunk.section for chunk in chunks[1:] if chunk.section]
    problems = [problem for chunk in chunks for problem in chunk.problems]

    def problem(line: int, column: int, message: str) -> None:
        source = lines[line] if 0 <= line < len(lines) else ""
        problems.append(Problem(path, line + 1, column, message, source))

    for chunk in chunks:
        for line in chunk.extra_titles:
            if preamble.title:
                problem(
                    line, 1, f"a bank has one '#' title (it is on line {preamble.title_line + 1})"
                )
            else:
                problem(line, 1, "the '#' title must come before the first section")
    settings = {key: value for key, (value, _) in preamble.front_matter.items()}
    title = preamble.title
    if "title" in settings:
        fm_title, fm_line = preamble.front_matter["title"]
        if title and fm_title != title:
            problem(
                fm_line, 1, f"front matter title '{fm_title}' differs from the '#' title '{title}'"
            )
        title = title or fm_title
    if not title:
        problem(0, 0, "the bank has no title: start it with '# Title'")
    duration = None
    if "duration" in settings:
        try:
            duration = parse_duration(settings["duration"])
        except ValueError as error:
            problem(preamble.front_matter["duration"][1], 1, str(error))
    for key in ("party-a", "party-b"):
        if key in settings and not settings[key]:
            problem(preamble.front_matter[key][1], 1, f"'{key}' needs a label, e.g. {key}: Startup")
    if not any(section.questions for section in sections) and not problems:
        problem(0, 0, "empty bank: add a '## Section {time=10m}' with at least one '### Question'")
    _check_ids(sections, problem)
    draft = Bank(
        title=title,
        sections=tuple(sections),
        description=settings.get("description", ""),
        intro=preamble.intro,
        party_a=settings.get("party-a", ""),
        party_b=settings.get("party-b", ""),
        duration=duration,
        synonyms=tuple(terms for terms, _ in preamble.synonyms),
        path=path,
    )
    warnings = tuple(sorted(warning for chunk in chunks for warning in chunk.warnings))
    return Review(draft, tuple(sorted(problems)), warnings)


def _check_ids(sections: list[Section], problem: Callable[[int, int, str], None]) -> None:
    first_section: dict[str, int] = {}
    for section in sections:
        if section.id and section.id in first_section:
            problem(
                section.line,
                1,
                f"duplicate section id '{section.id}' (first used on line "
                f"{first_section[section.id] + 1}): give one an explicit {{#id}}",
            )
        first_section.setdefault(section.id, section.line)
    questions: dict[str, Question] = {}
    for section in sections:
        for question in section.questions:
            if question.id and question.id in questions:
                first = questions[question.id].line + 1
                problem(
                    question.line,
                    1,
                    f"duplicate question id '{question.id}' (first used on line {first}): "
                    "give one an explicit {#id}",
                )
            questions.setdefault(question.id, question)
    partner: dict[str, str] = {}
    for question in questions.values():
        if not question.pair:
            continue
        other = questions.get(question.pair)
        if other is None:
            problem(question.line, 1, f"pair names a missing question '{question.pair}'")
            continue
        if other.id == question.id:
            problem(question.line, 1, "a question cannot be paired with itself")
            continue
        if {question.compare, other.compare} != {Compare.EXPECTATION, Compare.OFFER}:
            problem(
                question.line,
                1,
                "pair must link an expectation with an offer "
                f"('{question.id}' is {question.compare}, '{other.id}' is {other.compare})",
            )
        for one, two in ((question.id, other.id), (other.id, question.id)):
            if partner.get(one, two) != two:
                problem(question.line, 1, f"'{one}' is already paired with '{partner[one]}'")
            partner[one] = two


def parse_bank(text: str, path: str = "<bank>", *, stored: bool = False) -> Bank:
    """The bank in `text`; raises BankError listing every problem. `stored`: a bank copy kept
    in a session (see `BankParser`)."""
    return BankParser(path, stored=stored).parse(text)


def review_stored_bank(session: str, source: str) -> Review:
    """The review of the bank copy a session keeps (`source`). What rules added since it ran
    would refuse in a bank file (control characters) is among its warnings: it still opens."""
    where = f"{session} (bank copy)"
    review = BankParser(where, stored=True).review(source)
    lines = source.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    unsafe = _unsafe_text(where, source, lines)
    return replace(review, warnings=tuple(sorted((*review.warnings, *unsafe))))


def _unsafe_text(path: str, text: str, lines: list[str]) -> list[Problem]:
    """One problem per line that holds a character a terminal would act on (an escape starts
    colour, hyperlink and clipboard sequences) or that reorders text (bidi controls)."""
    if UNSAFE.search(text) is None:
        return []
    problems = []
    for number, line in enumerate(lines, 1):
        found = unsafe_characters(line)
        if not found:
            continue
        offset, character = found[0]
        code = ord(character)
        kind = (
            "an escape character" if character == "\x1b"
            else "a bidi control" if 0x202A <= code <= 0x2069
            else "a control character"
        )  # fmt: skip
        more = f" ({len(found)} on this line)" if len(found) > 1 else ""
        message = f"{kind} (U+{code:04X}){more}: it acts on a terminal or reorders text; remove it"
        problems.append(Problem(path, number, offset + 1, message, line))
    return problems


MAX_BANK_BYTES = 1_000_000
"""The largest bank read (1 MB, some fifty times the largest bundled one): parsing is linear,
but a bank of many megabytes would still keep the editor and `check` busy for many seconds."""


def _too_large(path: str, size: int) -> Problem:
    return Problem(path, 1, 0, f"the bank is {size:,} bytes; a bank may be at most 1 MB")


def decode_bank(data: bytes, path: str) -> str:
    """The file's text; a BankError pointing at the first byte that is not UTF-8, or saying the
    file is larger than `MAX_BANK_BYTES`."""
    if len(data) > MAX_BANK_BYTES:
        raise BankError([_too_large(path, len(data))])
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise BankError([Problem(path, line, 0, "not a text file (it contains NUL bytes)")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = byte_position(data, error.start)
        source = data.split(b"\n")[line - 1].decode("utf-8", "replace")
        message = f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        raise BankError([Problem(path, line, column, message, source)]) from None


def read_bank(path: Path) -> Bank:
    """Read and parse the bank at `path`; BankError for a bad bank, OSError for a missing file."""
    return parse_bank(decode_bank(read_regular(Path(path)), str(path)), str(path))


def review_bank(path: Path) -> Review:
    """Read the bank at `path` with its problems and warnings (`facilitator check`); BankError
    for a file that is not text, OSError for a missing file."""
    return BankParser(str(path)).review(decode_bank(read_regular(Path(path)), str(path)))
