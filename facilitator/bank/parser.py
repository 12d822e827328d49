"""Read a question bank from Markdown into the model in `bank.py`, reporting every problem at once.

The file is cut into chunks that parse on their own: the preamble (front matter, `#` title, intro)
and one chunk per `##` section. Each chunk goes through markdown-it-py separately, so an editor can
re-parse only the section that changed (`BankParser` caches chunks by their text). Checks that span
sections (unique ids, pairs) run afterwards on the assembled bank.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.front_matter import front_matter_plugin

from ..base.durations import parse_duration
from ..base.files import read_regular
from ..base.text import UNSAFE, byte_position, plural, slugify, unsafe_characters
from .attributes import Attribute, Heading, split_heading
from .model import (
    DEFAULT_SCALE,
    KINDS_NEEDING_OPTIONS,
    KINDS_WITH_OPTIONS,
    Ask,
    Bank,
    Compare,
    Kind,
    PlanPart,
    Question,
    Scale,
    Section,
    default_compare,
)
from .problems import BankError, Problem, bounded

_E = TypeVar("_E", bound=StrEnum)
_MARKDOWN = MarkdownIt("commonmark").use(front_matter_plugin)
# Anchored on a newline, not `^`: the regex engine then jumps from newline to newline instead of
# trying every character of the text (4 ms → 1 ms on a 270 KB bank, paid on every keystroke).
_MARKS = re.compile(r"\n {0,3}(?:(##)(?:[ \t]|$)|(`{3,}|~{3,})|(<!--))", re.MULTILINE)
_FRONT_MATTER_LINE = re.compile(r"([A-Za-z][\w-]*)\s*:\s*(.*)")
_WORDING = re.compile(r"([AB]):\s*(.*)")
_RANGE = re.compile(r"(-?[0-9]{1,6})-(-?[0-9]{1,6})")
_PICK = re.compile(r"[0-9]{1,4}")
_FRONT_MATTER_KEYS = ("title", "description", "party-a", "party-b", "duration", "synonyms")
_REPEATABLE_KEYS = ("synonyms",)
"""Front matter keys that may be given on several lines (one synonym group per line)."""
_SECTION_KEYS = ("#", "time")
_QUESTION_KEYS = (
    "#", "kind", "compare", "pair", "predict", "ask", "pick", "range", "low", "high", "unit",
    "near", "far", "whole", "plan",
)  # fmt: skip
_KEYS_FOR_KINDS = {
    "pick": (Kind.CHOICE, Kind.RANK),
    "range": (Kind.SCALE,),
    "low": (Kind.SCALE,),
    "high": (Kind.SCALE,),
    "unit": (Kind.NUMBER,),
    # On text and list questions, near and far judge time horizons read from words, in months.
    "near": (Kind.SCALE, Kind.NUMBER, Kind.TEXT, Kind.LIST),
    "far": (Kind.SCALE, Kind.NUMBER, Kind.TEXT, Kind.LIST),
    "whole": (Kind.SCALE, Kind.NUMBER),
}


def split_chunks(text: str) -> list[int]:
    """0-based line numbers where each `##` section starts (outside front matter, code fences and
    HTML comments, so a section commented out stays out, as it does on a code-hosting site).

    `text` uses `\n` line ends. One regex pass finds the candidate lines, so a large bank splits
    in about a millisecond.
    """
    starts: list[int] = []
    offset = 0
    if text.startswith("---"):
        closing = re.search(r"^---[ \t]*$", text[3:], re.MULTILINE)
        first_line_end = text.find("\n")
        if text[3:first_line_end].strip() == "" and closing and closing.start() > 0:
            offset = 3 + closing.end()
    fence: str | None = None
    line, position, comment_end = 0, 0, 0
    # In "\n" + text, a match at index i is the line that starts at index i of `text`.
    for match in _MARKS.finditer("\n" + text, offset + 1 if offset else 0):
        start, after = match.start(), match.end() - 1
        line += text.count("\n", position, start)
        position = start
        marker = match.group(2)
        if start < comment_end:
            continue
        if fence is None and match.group(3):
            comment_close = text.find("-->", after)
            comment_end = len(text) if comment_close < 0 else comment_close + 3
            continue
        if fence is not None:
            end = text.find("\n", after)
            rest = text[after : end if end >= 0 else len(text)]
            if marker and marker[0] == fence[0] and len(marker) >= len(fence) and not rest.strip():
                fence = None
        elif marker:
            fence = marker
        else:
            starts.append(line)
    return starts


@dataclass
class _Chunk:
    """One parse of a chunk; line numbers in it are relative to the chunk's first line."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """What the bank can run with but probably does not mean (a question left unscored)."""
    section: Section | None = None
    title: str = ""
    title_line: int = 0
    intro: str = ""
    front_matter: dict[str, tuple[str, int]] = field(default_factory=dict)
    synonyms: list[tuple[tuple[str, ...], int]] = field(default_factory=list)
    """Each `synonyms:` line's group of terms, with its line."""
    extra_titles: list[int] = field(default_factory=list)


class _ChunkReader:
    """Turns one chunk's markdown-it tree into model objects and problems."""

    def __init__(self, path: str, lines: list[str]) -> None:
        self.path = path
        self.lines = lines
        self.result = _Chunk()

    def problem(self, line: int, column: int, message: str) -> None:
        source = self.lines[line] if 0 <= line < len(self.lines) else ""
        self.result.problems.append(Problem(self.path, line + 1, column, message, source))

    def warning(self, line: int, column: int, message: str) -> None:
        source = self.lines[line] if 0 <= line < len(self.lines) else ""
        self.result.warnings.append(Problem(self.path, line + 1, column, message, source))

    def block_text(self, node: SyntaxTreeNode) -> str:
        start, end = node.map or (0, 0)
        return "\n".join(line.rstrip() for line in self.lines[start:end]).strip("\n")

    def read(self, is_preamble: bool) -> _Chunk:
        tree = SyntaxTreeNode(_MARKDOWN.parse("\n".join(self.lines) + "\n"))
        # HTML comments are the author's notes (hidden on code-hosting sites too), never help text.
        nodes = [
            node
            for node in tree.children
            if not (node.type == "html_block" and node.content.lstrip().startswith("<!--"))
        ]
        if is_preamble:
            self.read_preamble(nodes)
        else:
            self.read_section(nodes)
        return self.result

    def check_heading(self, node: SyntaxTreeNode) -> int:
        """The heading's level, after reporting what the format does not allow about it."""
        line = node.map[0] if node.map else 0
        level = int(node.tag[1])
        if node.markup in ("=", "-"):
            text = node.children[0].content if node.children else ""
            if _FRONT_MATTER_LINE.fullmatch(text.splitlines()[0] if text else ""):
                self.problem(line, 1, "front matter must start on line 1 with '---'")
            else:
                self.problem(
                    line, 1, f"write headings with '#' marks ({'#' * level} {text.strip()})"
                )
            return 0
        if level > 3:
            self.problem(line, 1, "headings go no deeper than '###' (a question)")
            return 0
        return level

    def read_preamble(self, nodes: list[SyntaxTreeNode]) -> None:
        intro: list[str] = []
        for node in nodes:
            line = node.map[0] if node.map else 0
            if node.type == "front_matter":
                self.read_front_matter(node)
            elif node.type == "hr" and line == 0 and node.markup.startswith("-"):
                self.problem(
                    0, 1, "front matter opened on line 1 is never closed: end it with '---'"
                )
            elif node.type == "heading":
                level = self.check_heading(node)
                if level == 1:
                    self.read_title(node)
                elif level == 3:
                    self.problem(
                        line,
                        1,
                        "question outside any section: add '## Section {time=10m}' above it",
                    )
            else:
                intro.append(self.block_text(node))
        self.result.intro = "\n\n".join(intro)

    def read_title(self, node: SyntaxTreeNode) -> None:
        line = node.map[0] if node.map else 0
        if self.result.title:
            self.result.extra_titles.append(line)
            return
        heading = split_heading(self.lines[line], node.children[0].content)
        if heading.attributes or heading.errors:
            column = heading.attributes[0].column if heading.attributes else heading.errors[0][0]
            self.problem(line, column, "the bank title takes no attribute block")
        if not heading.text:
            self.problem(line, 1, "the title is empty")
        self.result.title = heading.text
        self.result.title_line = line

    def read_front_matter(self, node: SyntaxTreeNode) -> None:
        for offset, raw in enumerate(node.content.splitlines()):
            line = offset + 1
            text = raw.strip()
            if not text or text.startswith("#"):
                continue
            match = _FRONT_MATTER_LINE.fullmatch(text)
            if match is None:
                self.problem(line, 1, "front matter lines are 'key: value'")
                continue
            key, value = match.group(1), match.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            if key not in _FRONT_MATTER_KEYS:
                self.problem(
                    line,
                    1,
                    f"unknown front matter key '{key}' (known: {', '.join(_FRONT_MATTER_KEYS)})",
                )
            elif key in _REPEATABLE_KEYS:
                self.read_synonyms(value, line)
            elif key in self.result.front_matter:
                self.problem(line, 1, f"front matter key '{key}' given twice")
            else:
                self.result.front_matter[key] = (value, line)

    def read_synonyms(self, value: str, line: int) -> None:
        """One `synonyms: term, term, …` line: terms the comparison reads as the same."""
        terms = tuple(" ".join(term.split()) for term in value.split(","))
        if len(terms) < 2 or not all(terms):
            self.problem(
                line, 1, "synonyms needs two or more terms separated by commas, e.g. "
                "'synonyms: customers, accounts'",
            )  # fmt: skip
            return
        seen = {term.lower() for group, _ in self.result.synonyms for term in group}
        for term in terms:
            if term.lower() in seen:
                self.problem(line, 1, f"synonym '{term}' is already in another group")
                return
            seen.add(term.lower())
        self.result.synonyms.append((terms, line))

    def read_section(self, nodes: list[SyntaxTreeNode]) -> None:
        head, *body = nodes
        line = head.map[0] if head.map else 0
        heading = self.read_heading(head, _SECTION_KEYS, "section")
        values = {attribute.key: attribute for attribute in heading.attributes}
        budget = 0
        if "time" not in values:
            self.problem(
                line,
                len(self.lines[line].rstrip()) + 1,
                "section has no time budget: add {time=10m}",
            )
        else:
            try:
                budget = parse_duration(values["time"].value or "")
            except ValueError as error:
                self.problem(line, values["time"].column, str(error))
        intro: list[str] = []
        questions: list[Question] = []
        question_nodes: list[tuple[SyntaxTreeNode, list[SyntaxTreeNode]]] = []
        for node in body:
            if node.type == "heading":
                level = self.check_heading(node)
                if level == 3:
                    question_nodes.append((node, []))
                elif level == 1:
                    self.result.extra_titles.append(node.map[0] if node.map else 0)
            elif question_nodes:
                question_nodes[-1][1].append(node)
            else:
                intro.append(self.block_text(node))
        for node, question_body in question_nodes:
            question = self.read_question(node, question_body)
            if question is not None:
                questions.append(question)
        if not question_nodes:
            self.problem(line, 1, f"section '{heading.text}' has no questions")
        ident = values["#"].value if "#" in values else slugify(heading.text)
        if not ident:
            self.problem(line, 1, "cannot derive an id from this heading: add {#some-id}")
        self.result.section = Section(
            id=ident or "", title=heading.text, budget=budget, intro="\n\n".join(intro),
            questions=tuple(questions), line=line,
        )  # fmt: skip

    def read_heading(self, node: SyntaxTreeNode, known: tuple[str, ...], what: str) -> Heading:
        line = node.map[0] if node.map else 0
        heading = split_heading(self.lines[line], node.children[0].content if node.children else "")
        for column, message in heading.errors:
            self.problem(line, column, message)
        seen: set[str] = set()
        for attribute in heading.attributes:
            if attribute.key not in known:
                names = ", ".join(key for key in known if key != "#")
                self.problem(
                    line,
                    attribute.column,
                    f"unknown {what} attribute '{attribute.key}' (known: #id, {names})",
                )
            elif attribute.key in seen:
                self.problem(line, attribute.column, f"attribute '{attribute.key}' given twice")
            seen.add(attribute.key)
        if not heading.text:
            self.problem(line, 1, f"the {what} heading has no text")
        return heading

    def read_question(self, node: SyntaxTreeNode, body: list[SyntaxTreeNode]) -> Question | None:
        line = node.map[0] if node.map else 0
        heading = self.read_heading(node, _QUESTION_KEYS, "question")
        values: dict[str, Attribute] = {}
        for attribute in heading.attributes:
            values.setdefault(attribute.key, attribute)
        settings = _QuestionSettings(self, line, values)
        kind = settings.choice("kind", Kind, Kind.TEXT)
        help_blocks: list[str] = []
        wordings: dict[str, tuple[str, int]] = {}
        options: list[str] = []
        options_line: int | None = None
        for block in body:
            block_line = block.map[0] if block.map else line
            if block.type == "paragraph" and _WORDING.match(block.children[0].content):
                for wording_line, label, wording in _wordings(
                    block.children[0].content, block_line
                ):
                    party = label.lower()
                    if not wording:
                        self.problem(wording_line, 1, f"'{label}:' wording is empty")
                    if party in wordings:
                        self.problem(wording_line, 1, f"'{label}:' wording given twice")
                    wordings[party] = (wording, wording_line)
                continue
            if block.type in ("bullet_list", "ordered_list"):
                if options_line is not None:
                    self.problem(
                        block_line,
                        1,
                        "a question has one list of options "
                        f"(the first is on line {options_line + 1})",
                    )
                    continue
                options_line = block_line
                options = self.read_options(block)
                continue
            help_blocks.append(self.block_text(block))
        compare = settings.choice("compare", Compare, default_compare(kind))
        ask = settings.choice("ask", Ask, Ask.BOTH)
        settings.check_applies(kind)
        if kind in KINDS_NEEDING_OPTIONS and len(options) < 2:
            self.problem(line, 1, f"a {kind} question needs a list of at least two options")
        if options_line is not None and kind not in KINDS_WITH_OPTIONS:
            self.problem(
                options_line,
                1,
                f"{kind} questions take no options (only choice, rank and stance do)",
            )
        pick = settings.pick(kind, len(options))
        near, far = settings.number("near"), settings.number("far")
        if near is not None and far is not None and near >= far:
            self.problem(line, values["far"].column, "far must be larger than near")
        whole = settings.number("whole")
        if whole == 0:
            self.problem(line, values["whole"].column, "whole must be larger than zero")
            whole = None
        if "compare" not in values and kind is not Kind.STANCE:
            self.warning(
                line,
                len(self.lines[line].rstrip()) + 1,
                "no compare=: this question is not scored; add compare=goal, expectation, offer "
                "or non-negotiable to score it, or compare=context to say it is background",
            )
        predict = "predict" in values
        if predict and values["predict"].value is not None:
            self.problem(
                line, values["predict"].column, "predict is a flag: write it without a value"
            )
        if predict and ask is not Ask.BOTH:
            self.problem(
                line,
                values["predict"].column,
                "a question asked of one side cannot ask for predictions",
            )
        for party, (_, wording_line) in wordings.items():
            if ask is not Ask.BOTH and ask.value != party:
                self.problem(
                    wording_line,
                    1,
                    f"'{party.upper()}:' wording on a question asked only of "
                    f"party {ask.value.upper()}",
                )
        ident = values["#"].value if "#" in values else slugify(heading.text)
        if not ident:
            self.problem(line, 1, "cannot derive an id from this heading: add {#some-id}")
        # A bad value is reported; the stand-in default never reaches a bank that can run.
        plan = settings.choice("plan", PlanPart, PlanPart.GOALS) if "plan" in values else None
        pair = values["pair"].value if "pair" in values else None
        if "pair" in values and not pair:
            self.problem(line, values["pair"].column, "pair needs the id of another question")
        return Question(
            id=ident or "",
            text=heading.text,
            kind=kind,
            compare=compare,
            help="\n\n".join(help_blocks),
            options=tuple(options),
            wording_a=wordings.get("a", ("", 0))[0],
            wording_b=wordings.get("b", ("", 0))[0],
            ask=ask,
            predict=predict,
            pair=pair or None,
            pick=pick,
            scale=settings.scale() if kind is Kind.SCALE else None,
            unit=settings.text("unit"),
            near=near,
            far=far,
            whole=whole,
            plan=plan,
            line=line,
        )

    def read_options(self, block: SyntaxTreeNode) -> list[str]:
        options: list[str] = []
        for item in block.children:
            item_line = item.map[0] if item.map else 0
            if len(item.children) != 1 or item.children[0].type != "paragraph":
                self.problem(item_line, 1, "an option is a single line of text")
                continue
            text = " ".join(item.children[0].children[0].content.split())
            if text in options:
                self.problem(item_line, 1, f"option '{text}' is listed twice")
            options.append(text)
        return options


def _wordings(content: str, first_line: int) -> list[tuple[int, str, str]]:
    """(line, party label, wording) for a paragraph of `A: …` / `B: …` lines; a line that starts
    with neither continues the wording above it."""
    found: list[tuple[int, str, list[str]]] = []
    for offset, text in enumerate(content.splitlines()):
        match = _WORDING.fullmatch(text.strip())
        if match:
            found.append((first_line + offset, match.group(1), [match.group(2)]))
        else:
            found[-1][2].append(text)
    return [(line, label, " ".join(" ".join(parts).split())) for line, label, parts in found]


class _QuestionSettings:
    """Reads and validates one question's attribute values; problems go to the reader."""

    def __init__(self, reader: _ChunkReader, line: int, values: dict[str, Attribute]) -> None:
        self.reader = reader
        self.line = line
        self.values = values

    def bad(self, key: str, message: str) -> None:
        self.reader.problem(self.line, self.values[key].column, message)

    def raw(self, key: str) -> str | None:
        attribute = self.values.get(key)
        if attribute is None:
            return None
        if attribute.value is None:
            self.bad(key, f"'{key}' needs a value ({key}=…)")
            return None
        return attribute.value

    def choice(self, key: str, enum: type[_E], default: _E) -> _E:
        raw = self.raw(key)
        if raw is None:
            return default
        try:
            return enum(raw)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            self.bad(key, f"unknown {key} '{raw}' (expected one of: {allowed})")
            return default

    def check_applies(self, kind: Kind) -> None:
        for key, kinds in _KEYS_FOR_KINDS.items():
            if key in self.values and kind not in kinds:
                names = " and ".join(str(k) for k in kinds)
                self.bad(key, f"'{key}' applies to {names} questions only")

    def text(self, key: str) -> str:
        return self.raw(key) or ""

    def number(self, key: str) -> float | None:
        raw = self.raw(key)
        if raw is None:
            return None
        try:
            value = float(raw)
        except ValueError:
            self.bad(key, f"{key} must be a number, not '{raw}'")
            return None
        if value < 0 or value != value or value in (float("inf"), float("-inf")):
            self.bad(key, f"{key} must be a finite number of zero or more")
            return None
        return value

    def pick(self, kind: Kind, option_count: int) -> int | None:
        raw = self.raw("pick")
        if raw is None:
            return None
        if not _PICK.fullmatch(raw) or int(raw) < 1:
            self.bad("pick", f"pick must be a whole number of 1 or more, not '{raw}'")
            return None
        if option_count and int(raw) > option_count:
            only = plural(option_count, "option")
            self.bad("pick", f"pick={raw} but the question has only {only}")
        return int(raw)

    def scale(self) -> Scale:
        low, high = DEFAULT_SCALE
        raw = self.raw("range")
        if raw is not None:
            match = _RANGE.fullmatch(raw)
            if match is None:
                self.bad("range", f"bad range '{raw}': write LOW-HIGH, e.g. range=1-5")
            elif int(match.group(1)) >= int(match.group(2)):
                self.bad("range", f"bad range '{raw}': the low end must be below the high end")
            elif int(match.group(2)) - int(match.group(1)) > 100:
                self.bad("range", f"bad range '{raw}': at most 100 steps")
            else:
                low, high = int(match.group(1)), int(match.group(2))
        return Scale(low, high, self.text("low"), self.text("high"))


def _shift(chunk: _Chunk, by: int) -> _Chunk:
    """The chunk as if it started `by` lines further down the file."""
    if by == 0:
        return chunk
    problems = [replace(problem, line=problem.line + by) for problem in chunk.problems]
    warnings = [replace(warning, line=warning.line + by) for warning in chunk.warnings]
    section = chunk.section
    if section is not None:
        questions = tuple(
            replace(question, line=question.line + by) for question in section.questions
        )
        section = replace(section, line=section.line + by, questions=questions)
    return replace(
        chunk,
        problems=problems,
        warnings=warnings,
        section=section,
        title_line=chunk.title_line + by,
        front_matter={key: (value, line + by) for key, (value, line) in chunk.front_matter.items()},
        synonyms=[(terms, line + by) for terms, line in chunk.synonyms],
        extra_titles=[line + by for line in chunk.extra_titles],
    )


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
        self._cache: dict[tuple[bool, str], tuple[_Chunk, int, _Chunk]] = {}

    def _chunk(self, key: tuple[bool, str], lines: list[str], start: int, end: int) -> _Chunk:
        cached = self._cache.get(key)
        if cached is None:
            relative = _ChunkReader(self.path, lines[start:end]).read(is_preamble=key[0])
        else:
            relative, placed_at, placed = cached
            if placed_at == start:
                return placed
        placed = _shift(relative, start)
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


def _assemble(path: str, lines: list[str], chunks: list[_Chunk]) -> Review:
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
