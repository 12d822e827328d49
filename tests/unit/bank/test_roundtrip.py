"""Property: any valid bank written as Markdown parses back to the same bank."""

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.bank.model import Ask, Bank, Compare, Kind, PlanPart, Question, Scale, Section
from facilitator.bank.parser import parse_bank
from facilitator.bank.writer import to_markdown
from facilitator.base.text import slugify

# Words start with a letter so that no line can read as a list item, a heading or an `A:` wording.
_word = st.tuples(
    st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
    st.text("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789,.?'()&%{}#*_é", max_size=8),
).map("".join)
_text = st.lists(_word, min_size=1, max_size=6).map(" ".join).map(str.capitalize)
_lower_text = st.lists(_word, min_size=1, max_size=10).map(" ".join)
_prose = st.lists(_lower_text, max_size=3).map("\n\n".join)
_maybe = lambda strategy: st.one_of(st.just(""), strategy)  # noqa: E731
_threshold = st.one_of(st.none(), st.integers(0, 50).map(float), st.floats(0, 50, allow_nan=False))


_term = st.lists(
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8), min_size=1, max_size=2
).map(" ".join)
_synonym_groups = st.lists(st.lists(_term, min_size=2, max_size=4), max_size=3).map(
    # A term belongs to one group only (the parser says so otherwise).
    lambda groups: tuple(
        group
        for index, group in enumerate(tuple(dict.fromkeys(g)) for g in groups)
        if len(group) >= 2 and not {t for g in groups[:index] for t in g} & set(group)
    )
)


@st.composite
def questions(draw) -> Question:
    kind = draw(st.sampled_from(Kind))
    ask = draw(st.sampled_from([Ask.BOTH, Ask.BOTH, Ask.A, Ask.B]))
    options: tuple[str, ...] = ()
    if kind in (Kind.CHOICE, Kind.RANK):
        options = tuple(draw(st.lists(_text, min_size=2, max_size=5, unique=True)))
    elif kind is Kind.STANCE:
        options = tuple(draw(st.lists(_text, max_size=4, unique=True)))
    pick = None
    if options and kind is not Kind.STANCE:
        pick = draw(st.one_of(st.none(), st.integers(1, len(options))))
    scale = None
    if kind is Kind.SCALE:
        low = draw(st.integers(-10, 10))
        high = draw(st.integers(low + 1, low + 100))
        scale = Scale(low, high, draw(_maybe(_text)), draw(_maybe(_text)))
    near = far = whole = None
    if kind in (Kind.SCALE, Kind.NUMBER):
        near, far = draw(_threshold), draw(_threshold)
        if near is not None and far is not None and near >= far:
            far = near + 1
        whole = draw(st.one_of(st.none(), st.integers(1, 500).map(float), st.floats(0.5, 500)))
    return Question(
        id="",
        text=draw(_text),
        kind=kind,
        compare=draw(st.sampled_from(Compare)),
        help=draw(_prose),
        options=options,
        wording_a=draw(_maybe(_text)) if ask is not Ask.B else "",
        wording_b=draw(_maybe(_text)) if ask is not Ask.A else "",
        ask=ask,
        predict=draw(st.booleans()) if ask is Ask.BOTH else False,
        pick=pick,
        scale=scale,
        unit=draw(_maybe(_text)) if kind is Kind.NUMBER else "",
        near=near,
        far=far,
        whole=whole,
        plan=draw(st.none() | st.sampled_from(PlanPart)),
    )


def _unique(candidate: str, used: set[str], fallback: str) -> str:
    ident = candidate if candidate not in used else fallback
    while ident in used:
        ident += "x"
    used.add(ident)
    return ident


@st.composite
def banks(draw) -> Bank:
    used_questions: set[str] = set()
    used_sections: set[str] = set()
    sections = []
    for number in range(draw(st.integers(1, 4))):
        drawn = draw(st.lists(questions(), min_size=1, max_size=5))
        named = []
        for question in drawn:
            derived = slugify(question.text)
            explicit = f"q{len(used_questions)}"
            ident = _unique(derived if draw(st.booleans()) else explicit, used_questions, explicit)
            named.append(replace(question, id=ident))
        title = draw(_text)
        section_id = _unique(
            slugify(title) if draw(st.booleans()) else f"s{number}", used_sections, f"s{number}"
        )
        sections.append(
            Section(section_id, title, draw(st.integers(1, 4 * 3600)), draw(_prose), tuple(named))
        )
    all_questions = [q for s in sections for q in s.questions]
    pairs = draw(st.lists(st.integers(0, len(all_questions) - 1), max_size=4, unique=True))
    changes: dict[str, Question] = {}
    for expectation, offer in zip(pairs[::2], pairs[1::2], strict=False):
        e, o = all_questions[expectation], all_questions[offer]
        changes[e.id] = replace(e, compare=Compare.EXPECTATION, pair=o.id)
        changes[o.id] = replace(o, compare=Compare.OFFER)
    sections = [
        replace(s, questions=tuple(changes.get(q.id, q) for q in s.questions)) for s in sections
    ]
    return Bank(
        # The bank title takes no attribute block, so a brace there reads as a mistaken one.
        title=draw(_text.filter(lambda title: "{" not in title)),
        sections=tuple(sections),
        description=draw(_maybe(_text)),
        intro=draw(_prose),
        party_a=draw(_maybe(_text)),
        party_b=draw(_maybe(_text)),
        duration=draw(st.one_of(st.none(), st.integers(1, 10 * 3600))),
        synonyms=draw(_synonym_groups),
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(banks())
def test_model_to_markdown_to_model_is_identical(bank: Bank):
    assert parse_bank(to_markdown(bank)) == bank


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(banks())
def test_writing_is_stable(bank: Bank):
    text = to_markdown(bank)
    assert to_markdown(parse_bank(text)) == text
