"""Parsing banks: structure, defaults, and every documented error with its line and column."""

import re
from pathlib import Path

import pytest

from facilitator.bank.chunk_reader import ChunkReader
from facilitator.bank.model import Ask, Compare, Kind, PlanPart, Scale
from facilitator.bank.parser import BankParser, decode_bank, parse_bank
from facilitator.bank.problems import BankError
from facilitator.base.text import slugify

DOCS = Path(__file__).parents[3] / "docs" / "question-banks.md"


def doc_example() -> str:
    text = DOCS.read_text(encoding="utf-8")
    return re.search(r"````markdown\n(.*?)````", text, re.DOTALL).group(1)


def problems_of(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(BankError) as caught:
        parse_bank(text, "bank.md")
    return [(p.line, p.column, p.message) for p in caught.value.problems]


def bank_with(body: str) -> str:
    return f"# Title\n\n## Section {{time=10m}}\n\n{body}\n"


def test_the_documented_example_uses_every_construct_and_parses():
    bank = parse_bank(doc_example(), "example.md")
    assert bank.title == "First conversation"
    assert (bank.party_a, bank.party_b, bank.duration) == ("Startup", "Enterprise", 35 * 60)
    assert [s.id for s in bank.sections] == ["why", "expectations", "must-protect"]
    assert bank.total == 35 * 60
    assert {q.kind for q in bank.questions} == set(Kind)
    reason = bank.question("reason")
    assert reason.predict and reason.compare is Compare.GOAL
    assert reason.wording_a.startswith("Why does working with a large partner")
    assert reason.wording_b.startswith("Why does working with a small company")
    assert bank.question("gains").pick == 3 and bank.question("gains").ask is Ask.A
    assert not bank.question("gains").asks("b")
    assert bank.question("startup-value").options[0].startswith("A product that fills a gap")
    assert bank.paired_with("offers").id == "expects"
    assert bank.paired_with("expects").id == "offers"
    assert bank.question("importance").scale == Scale(1, 5, "Nice to have", "Critical")
    assert (bank.question("first-deal").unit, bank.question("first-deal").far) == ("months", 9)
    assert bank.question("customer-owner").compare is Compare.NON_NEGOTIABLE
    assert "often negotiable" in bank.question("pricing").help
    assert bank.question("reason").line == 17
    assert bank.synonyms == (("customers", "clients", "accounts"),)
    assert bank.question("margin-share").whole == 100
    assert BankParser("example.md").review(doc_example()).warnings == ()


def test_whole_and_synonyms_are_read():
    bank = parse_bank(
        "---\nsynonyms: customers, accounts, end users\nsynonyms: revenue, turnover\n---\n"
        "# T\n\n## S {time=1m}\n\n### Margin share {kind=number unit=% whole=100 compare=goal}\n"
    )
    assert bank.synonyms == (("customers", "accounts", "end users"), ("revenue", "turnover"))
    assert bank.question("margin-share").whole == 100


def test_a_question_without_compare_is_warned_about_but_runs():
    review = BankParser("bank.md").review(
        bank_with("### Months {kind=number}\n\n### Owner {kind=stance}\n\n### Why {compare=goal}")
    )
    assert review.bank is not None
    assert [(w.line, w.message.split(":")[0]) for w in review.warnings] == [(5, "no compare=")]


def test_ids_are_derived_from_headings_when_absent():
    assert slugify('What does "now" mean to you?') == "what-does-now-mean-to-you"
    bank = parse_bank(bank_with("### What does *now* mean?"))
    assert bank.sections[0].id == "section"
    assert next(bank.questions).id == "what-does-now-mean"


def test_explicit_ids_may_use_any_letters_like_derived_ones():
    bank = parse_bank(bank_with("### Café? {#café-1}\n\n### Crème brûlée"))
    assert [question.id for question in bank.questions] == ["café-1", "crème-brûlée"]


def test_defaults_follow_the_kind():
    bank = parse_bank(bank_with("### Plain\n\n### Firm {kind=stance}\n\n### Rated {kind=scale}"))
    plain, firm, rated = bank.questions
    assert (plain.kind, plain.compare) == (Kind.TEXT, Compare.CONTEXT)
    assert firm.compare is Compare.NON_NEGOTIABLE
    assert rated.scale == Scale(1, 5)


def test_help_text_and_options_are_kept_apart():
    bank = parse_bank(
        bank_with("### Q {kind=choice}\n\nFirst hint.\n\nSecond *hint*.\n\n- Yes\n- No")
    )
    question = next(bank.questions)
    assert question.help == "First hint.\n\nSecond *hint*."
    assert question.options == ("Yes", "No")


def test_a_heading_inside_a_code_fence_does_not_start_a_section():
    text = bank_with("### Q\n\n```\n## not a section\n```")
    bank = parse_bank(text)
    assert len(bank.sections) == 1
    assert "## not a section" in next(bank.questions).help


def test_plan_names_the_joint_plan_heading_a_question_feeds():
    bank = parse_bank(bank_with("### Q {plan=metrics}\n\n### R"))
    assert bank.question("q").plan is PlanPart.METRICS
    assert bank.question("r").plan is None


def test_crlf_and_a_byte_order_mark_are_accepted():
    text = "\ufeff" + bank_with("### Q").replace("\n", "\r\n")
    assert parse_bank(text).title == "Title"


@pytest.mark.parametrize(
    ("body", "line", "column", "message"),
    [
        ("### Q {kind=sclae}", 5, 8, "unknown kind 'sclae'"),
        ("### Q {compare=wish}", 5, 8, "unknown compare 'wish'"),
        ("### Q {plan=budget}", 5, 8, "unknown plan 'budget'"),
        ("### Q {plan}", 5, 8, "'plan' needs a value"),
        ("### Q {colour=red}", 5, 8, "unknown question attribute 'colour'"),
        ("### Q {kind=text kind=list}", 5, 18, "attribute 'kind' given twice"),
        ("### Q {kind=choice}", 5, 1, "needs a list of at least two options"),
        ("### Q {kind=rank}\n\n- only", 5, 1, "needs a list of at least two options"),
        (
            "### Q {kind=choice pick=3}\n\n- a\n- b",
            5,
            20,
            "pick=3 but the question has only 2 options",
        ),
        ("### Q {kind=choice pick=0}\n\n- a\n- b", 5, 20, "pick must be a whole number"),
        ("### Q {kind=scale range=5-1}", 5, 19, "the low end must be below the high end"),
        ("### Q {kind=scale range=1-500}", 5, 19, "at most 100 steps"),
        ("### Q {kind=scale range=one}", 5, 19, "bad range 'one'"),
        ("### Q {kind=scale near=3 far=2}", 5, 26, "far must be larger than near"),
        ("### Q {kind=number whole=0}", 5, 20, "whole must be larger than zero"),
        ("### Q {kind=number whole=all}", 5, 20, "whole must be a number"),
        ("### Q {kind=list whole=100}", 5, 18, "'whole' applies to scale and number"),
        ("### Q {kind=number near=x}", 5, 20, "near must be a number"),
        ("### Q {unit=months}", 5, 8, "'unit' applies to number questions only"),
        ("### Q {kind=list}\n\n- a\n- b", 7, 1, "list questions take no options"),
        ("### Q {predict ask=a}", 5, 8, "asked of one side cannot ask for predictions"),
        ("### Q {predict=yes}", 5, 8, "predict is a flag"),
        ("### Q {kind}", 5, 8, "'kind' needs a value"),
        (
            "### Q {ask=a}\n\nB: for the other side",
            7,
            1,
            "'B:' wording on a question asked only of party A",
        ),
        ("### Q\n\nA: one\n\nA: two", 9, 1, "'A:' wording given twice"),
        ("### Q {kind=choice}\n\n- a\n- a", 8, 1, "option 'a' is listed twice"),
        ("### Q {kind=choice}\n\n- a\n- b\n\nhelp\n\n- c\n- d", 12, 1, "one list of options"),
        ("### Q {#bad!id}", 5, 8, "bad id '#bad!id'"),
        ("### Q {kind=text", 5, 7, "attribute block is not closed"),
        ('### Q {kind=scale low="open}', 5, 19, "quoted value of 'low' is not closed"),
        ("### ???", 5, 1, "cannot derive an id"),
        (
            "### Q {pair=nowhere compare=expectation}",
            5,
            1,
            "pair names a missing question 'nowhere'",
        ),
        ("### Q {pair=r}\n\n### R", 5, 1, "pair must link an expectation with an offer"),
        ("### Q {pair=q compare=expectation}", 5, 1, "cannot be paired with itself"),
        ("### Q\n\n### Q", 7, 1, "duplicate question id 'q' (first used on line 5)"),
        ("#### Deeper", 5, 1, "headings go no deeper than '###'"),
        ("Underlined\n----------", 5, 1, "write headings with '#' marks"),
        ("### Q\n\n# Second title", 7, 1, "a bank has one '#' title (it is on line 1)"),
    ],
)
def test_each_problem_is_reported_where_it_is(body, line, column, message):
    found = problems_of(bank_with(body))
    assert any(
        (got_line, got_column) == (line, column) and message in got_message
        for got_line, got_column, got_message in found
    ), found


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "empty bank"),
        ("# Title\n", 1, "empty bank"),
        ("# Title\n\n## Empty {time=5m}\n", 3, "section 'Empty' has no questions"),
        ("# Title\n\n## S\n\n### Q\n", 3, "section has no time budget"),
        ("# Title\n\n## S {time=ten}\n\n### Q\n", 3, "bad duration 'ten'"),
        ("# Title\n\n### Q\n", 3, "question outside any section"),
        ("## S {time=1m}\n\n### Q\n", 1, "the bank has no title"),
        ("# T {#x}\n\n## S {time=1m}\n\n### Q\n", 1, "the bank title takes no attribute block"),
        ("## S {time=1m}\n\n### Q\n\n# T\n", 5, "the '#' title must come before the first section"),
        ("---\ntitle: T\n# T\n", 1, "front matter opened on line 1 is never closed"),
        ("\n---\ntitle: T\n---\n# T\n", 3, "front matter must start on line 1"),
        (
            "---\ncolour: blue\n---\n# T\n## S {time=1m}\n### Q\n",
            2,
            "unknown front matter key 'colour'",
        ),
        ("---\nparty-a: A\nparty-a: B\n---\n# T\n## S {time=1m}\n### Q\n", 3, "given twice"),
        (
            "---\njust text\n---\n# T\n## S {time=1m}\n### Q\n",
            2,
            "front matter lines are 'key: value'",
        ),
        ("---\nduration: soon\n---\n# T\n## S {time=1m}\n### Q\n", 2, "bad duration 'soon'"),
        ("---\nparty-b:\n---\n# T\n## S {time=1m}\n### Q\n", 2, "'party-b' needs a label"),
        ("---\nsynonyms: customers\n---\n# T\n## S {time=1m}\n### Q\n", 2, "two or more terms"),
        ("---\nsynonyms: a,, b\n---\n# T\n## S {time=1m}\n### Q\n", 2, "two or more terms"),
        (
            "---\nsynonyms: customers, accounts\nsynonyms: clients, Accounts\n---\n# T\n"
            "## S {time=1m}\n### Q\n",
            3,
            "synonym 'Accounts' is already in another group",
        ),
        ("---\ntitle: A\n---\n# B\n## S {time=1m}\n### Q\n", 2, "differs from the '#' title"),
        ("# T\n## S {time=1m}\n### Q\n## S {time=1m}\n### R\n", 4, "duplicate section id 's'"),
    ],
)
def test_bank_level_problems(text, line, message):
    found = problems_of(text)
    assert any(got_line == line and message in got for got_line, _, got in found), found


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("### Q {kind=choice pick=²}\n\n- a\n- b", "pick must be a whole number"),
        (f"### Q {{kind=choice pick={'9' * 5000}}}\n\n- a\n- b", "pick must be a whole number"),
        (f"### Q {{kind=scale range=1-{'9' * 5000}}}", "bad range"),
        ("### Q {pair=}", "pair needs the id of another question"),
        ("### Q\n\nA:", "'A:' wording is empty"),
    ],
)
def test_odd_values_are_problems_not_crashes(body, message):
    assert any(message in got for _, _, got in problems_of(bank_with(body)))


def test_a_huge_time_budget_is_a_bad_duration():
    found = problems_of(f"# T\n\n## S {{time={'9' * 5000}m}}\n\n### Q\n")
    assert any("bad duration" in message for _, _, message in found)


def test_braces_inside_a_quoted_value_belong_to_the_value():
    bank = parse_bank(bank_with('### Q {kind=scale low="not {really}" high="a}b"}'))
    assert next(bank.questions).scale == Scale(1, 5, "not {really}", "a}b")


def test_an_unmatched_brace_in_a_heading_is_just_text():
    assert next(parse_bank(bank_with("### Costs {approx")).questions).text == "Costs {approx"


def test_a_commented_out_section_stays_out_and_is_not_help_text():
    text = bank_with("### Q\n\nHelp.\n\n<!--\n## Old {time=5m}\n\n### Old question\n-->")
    bank = parse_bank(text)
    assert [section.id for section in bank.sections] == ["section"]
    assert next(bank.questions).help == "Help."


def test_the_caret_lines_up_under_a_column_after_tabs():
    with pytest.raises(BankError) as caught:
        parse_bank(bank_with("###\tQ {kind=sclae}"), "tabs.md")
    quoted, caret = str(caught.value).splitlines()[1:3]
    assert quoted[caret.index("^")] == "k"


def test_every_problem_is_reported_at_once_in_file_order():
    text = bank_with("### A {kind=bogus}\n\n### B {kind=choice}\n\n### C {range=1-5}")
    found = problems_of(text)
    assert [line for line, _, _ in found] == [5, 7, 9]


def test_a_problem_quotes_its_line_with_a_caret_under_the_column():
    with pytest.raises(BankError) as caught:
        parse_bank(bank_with("### Q {kind=sclae}"), "mine.md")
    assert str(caught.value).splitlines() == [
        "mine.md:5:8: unknown kind 'sclae' (expected one of: text, list, choice, rank, scale, "
        "number, stance)",
        "    ### Q {kind=sclae}",
        "           ^",
    ]


def test_a_second_pairing_of_the_same_question_is_an_error():
    text = bank_with(
        "### E {compare=expectation pair=o}\n\n### O {compare=offer}\n\n"
        "### F {compare=expectation pair=o}"
    )
    assert any("'o' is already paired with 'e'" in m for _, _, m in problems_of(text))


def test_a_pairing_written_on_both_sides_is_one_link():
    text = bank_with("### E {compare=expectation pair=o}\n\n### O {compare=offer pair=e}")
    assert parse_bank(text).paired_with("e").id == "o"


def test_bytes_that_are_not_utf8_are_reported_with_their_position():
    with pytest.raises(BankError) as caught:
        decode_bank(b"# Title\n\nab\xff\n", "bin.md")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (3, 3)
    assert "not UTF-8 text (byte 0xff)" in problem.message


def test_a_binary_file_is_not_text():
    with pytest.raises(BankError, match="not a text file"):
        decode_bank(b"\x00\x01", "x.md")


def test_reparsing_an_edited_bank_parses_only_the_changed_section(monkeypatch):
    sections = "".join(f"## S{n} {{time=1m}}\n\n### Q{n}\n\n" for n in range(20))
    text = f"# Title\n\n{sections}"
    parser = BankParser("bank.md")
    first = parser.parse(text)
    calls = []
    original = ChunkReader.read

    def counting_read(self, is_preamble):
        calls.append(is_preamble)
        return original(self, is_preamble)

    monkeypatch.setattr(ChunkReader, "read", counting_read)
    edited = text.replace("### Q3\n", "### Q3 changed\n\nwith help\n")
    bank = parser.parse(edited)
    assert len(calls) == 1
    assert bank.sections[3].questions[0].id == "q3-changed"
    assert bank.sections[10] == first.sections[10]
    assert bank.sections[10].questions[0].line == first.sections[10].questions[0].line + 2
