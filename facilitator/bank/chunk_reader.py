"""Read one chunk's markdown-it tree (the preamble, or a `##` section with its questions) into
model objects, reporting every problem in it."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.front_matter import front_matter_plugin

from ..base.durations import parse_duration
from ..base.text import slugify
from .attributes import Attribute, Heading, split_heading
from .chunks import Chunk
from .model import (
    KINDS_NEEDING_OPTIONS,
    KINDS_WITH_OPTIONS,
    Ask,
    Compare,
    Kind,
    PlanPart,
    Question,
    Section,
    default_compare,
)
from .problems import Problem
from .question_settings import QuestionSettings

_MARKDOWN = MarkdownIt("commonmark").use(front_matter_plugin)
_FRONT_MATTER_LINE = re.compile(r"([A-Za-z][\w-]*)\s*:\s*(.*)")
_WORDING = re.compile(r"([AB]):\s*(.*)")
_FRONT_MATTER_KEYS = ("title", "description", "party-a", "party-b", "duration", "synonyms")
_REPEATABLE_KEYS = ("synonyms",)
"""Front matter keys that may be given on several lines (one synonym group per line)."""
_SECTION_KEYS = ("#", "time")
_QUESTION_KEYS = (
    "#", "kind", "compare", "pair", "predict", "ask", "pick", "range", "low", "high", "unit",
    "near", "far", "whole", "plan",
)  # fmt: skip


class ChunkReader:
    """Turns one chunk's markdown-it tree into model objects and problems."""

    def __init__(self, path: str, lines: list[str]) -> None:
        self.path = path
        self.lines = lines
        self.result = Chunk()

    def problem(self, line: int, column: int, message: str) -> None:
        source = self.lines[line] if 0 <= line < len(self.lines) else ""
        self.result.problems.append(Problem(self.path, line + 1, column, message, source))

    def warning(self, line: int, column: int, message: str) -> None:
        source = self.lines[line] if 0 <= line < len(self.lines) else ""
        self.result.warnings.append(Problem(self.path, line + 1, column, message, source))

    def block_text(self, node: SyntaxTreeNode) -> str:
        start, end = node.map or (0, 0)
        return "\n".join(line.rstrip() for line in self.lines[start:end]).strip("\n")

    def read(self, is_preamble: bool) -> Chunk:
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
        settings = QuestionSettings(self, line, values)
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
