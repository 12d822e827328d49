"""Properties of the comparison that hold for any answers: swapping the parties mirrors the
verdict, identical answers agree, a wider gap is never judged milder, and an incremental
comparison always equals one computed from scratch."""

from itertools import combinations

from compare_support import bank_of, state_with
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.bank.model import Firmness
from facilitator.compare.comparison import Comparison
from facilitator.compare.judging import judge
from facilitator.compare.matching import PARTLY, SAME, similarity
from facilitator.compare.measures import Items
from facilitator.compare.offers import compare_pair
from facilitator.compare.stances import compare_stances
from facilitator.session.status import Status

QUESTIONS = (
    "### Gains {#gains kind=list compare=goal}\n\n"
    "### Why {#why compare=goal}\n\n"
    "### Teams {#teams kind=choice pick=4 compare=goal}\n\n- Sales\n- Marketing\n- Support\n"
    "- Engineering\n\n"
    "### Criteria {#criteria kind=rank pick=3 compare=goal}\n\n- Customers\n- Product\n"
    "- Money\n- Culture\n- Reputation\n\n"
    "### Importance {#importance kind=scale range=1-10 near=2 far=5 compare=goal}\n\n"
    "### Months {#months kind=number unit=months near=3 far=9 compare=goal}\n\n"
    "### Now {#now kind=number unit=months compare=goal}\n\n"
    "### Owner {#owner kind=stance}\n\n- We do\n- The partner does\n- Whoever found it\n"
    "- Shared, agreed per account\n\n"
    "### Expects {#expects kind=list compare=expectation pair=offers}\n\n"
    "### Offers {#offers kind=list compare=offer}\n\n"
    "### Future {#future kind=choice compare=goal}\n\n- We merge into the partner\n"
    "- The partner merges into us\n- We stay apart\n\n"
    "### Share {#share kind=number unit=% whole=100 compare=goal}\n\n"
    "### When {#when compare=goal}\n"
)
BANK = bank_of(QUESTIONS)
LABELS = {"a": "A", "b": "B"}
PHRASES = (
    "brand",
    "access to customers",
    "patents",
    "technical guidance",
    "sales force",
    "cash flow",
    "pilot budget",
    "press release",
)
FIRMNESS = [f.value for f in Firmness]

phrases = st.lists(st.sampled_from(PHRASES), min_size=1, max_size=5, unique=True)
teams = st.lists(
    st.sampled_from(["Sales", "Marketing", "Support", "Engineering"]), min_size=1, unique=True
)
criteria = st.permutations(["Customers", "Product", "Money", "Culture", "Reputation"]).map(
    lambda order: order[:3]
)
stances = st.fixed_dictionaries(
    {
        "position": st.sampled_from(BANK.question("owner").options),
        "firmness": st.sampled_from(FIRMNESS),
    }
)
ANSWERS = {
    "gains": phrases,
    "why": phrases.map(". ".join),
    "teams": teams,
    "criteria": criteria,
    "importance": st.integers(1, 10),
    "months": st.integers(0, 36),
    "now": st.integers(0, 36),
    "owner": stances,
    "expects": phrases,
    "offers": phrases,
    "future": st.sampled_from(["We merge into the partner", "The partner merges into us",
                               "We stay apart"]).map(lambda pick: [pick]),
    "share": st.integers(0, 100),
    "when": st.sampled_from(["within six months", "about 26 weeks", "in two years",
                             "a quarter", "brand", "no exclusivity"]),
}  # fmt: skip


def test_the_phrases_used_below_are_distinct_items():
    for first, second in combinations(PHRASES, 2):
        assert similarity(first, second) < SAME


@st.composite
def answer_pairs(draw):
    question = draw(st.sampled_from(sorted(ANSWERS)))
    return BANK.question(question), draw(ANSWERS[question]), draw(ANSWERS[question])


@given(answer_pairs())
def test_swapping_the_parties_mirrors_the_verdict(pair):
    question, a, b = pair
    status, _, detail = judge(question, a, b, LABELS)
    mirrored, _, mirror = judge(question, b, a, LABELS)
    assert mirrored is status
    if isinstance(detail, Items):
        assert (set(detail.only_a), set(detail.only_b)) == (set(mirror.only_b), set(mirror.only_a))
        assert detail.similarity == mirror.similarity


@given(answer_pairs())
def test_identical_answers_are_aligned_except_claims_both_sides_make_for_themselves(pair):
    question, a, _ = pair
    status = judge(question, a, a, LABELS)[0]
    if question.id == "future" and a[0] != "We stay apart":
        # A mirrored option picked by both means opposite arrangements (issue 13, class 3).
        assert status is Status.DIFFERENT
    elif question.id == "share":
        # Two claims on one whole fit only if together they do not exceed it (class 5).
        assert status is (Status.ALIGNED if 2 * a <= 100 else Status.DIFFERENT if 2 * a < 125
                          else Status.CONFLICT)  # fmt: skip
    elif question.id == "owner" and a["position"] in ("We do", "The partner does"):
        # Both claiming it (or both leaving it) is never complementary, however loosely held:
        # nobody has taken it on (issue 13, class 1).
        expected = Status.CONFLICT if a["firmness"] == "must-have" else Status.DIFFERENT
        assert status is expected
    else:
        assert status is Status.ALIGNED


@given(
    st.sampled_from(["importance", "months", "now"]),
    st.integers(0, 10),
    st.integers(0, 30),
    st.integers(0, 30),
    st.booleans(),
)
def test_a_wider_gap_is_never_judged_milder(question_id, a, step, more, upwards):
    question = BANK.question(question_id)
    if question_id == "importance":
        a, step, more = 1 + a % 10, step % 10, more % 10
    sign = 1 if upwards else -1
    near_b, far_b = a + sign * step, a + sign * (step + more)
    if question_id == "importance" and not (1 <= far_b <= 10):
        return
    if question_id != "importance" and far_b < 0:
        return
    closer = judge(question, a, near_b, LABELS)[0]
    farther = judge(question, a, far_b, LABELS)[0]
    assert closer.severity <= farther.severity


@given(
    st.sampled_from(["Whoever found it", "We do", "The partner does"]),
    st.sampled_from(["Shared, agreed per account", "We do"]),
    st.sampled_from(FIRMNESS),
    st.sampled_from(FIRMNESS),
    st.sampled_from(FIRMNESS),
)
def test_loosening_a_side_never_makes_a_stance_verdict_worse(pos_a, pos_b, firm_a, firm_b, loose):
    if FIRMNESS.index(loose) < FIRMNESS.index(firm_b):
        return
    tight = compare_stances(
        {"position": pos_a, "firmness": firm_a},
        {"position": pos_b, "firmness": firm_b},
        options=True,
    )[0]
    looser = compare_stances(
        {"position": pos_a, "firmness": firm_a},
        {"position": pos_b, "firmness": loose},
        options=True,
    )[0]
    assert looser.severity <= tight.severity


@given(phrases, phrases, phrases, phrases)
def test_a_pair_mirrors_when_the_parties_swap(expects_a, offers_b, expects_b, offers_a):
    expectation, offer = BANK.question("expects"), BANK.question("offers")
    one = compare_pair(
        expectation, offer, {"a": expects_a, "b": expects_b}, {"a": offers_a, "b": offers_b}, LABELS
    )
    other = compare_pair(
        expectation, offer, {"a": expects_b, "b": expects_a}, {"a": offers_b, "b": offers_a}, LABELS
    )
    assert one.status is other.status
    assert [d.coverage for d in one.directions] == [d.coverage for d in other.directions][::-1]


@st.composite
def commits(draw):
    """A sequence of (question, party, value) commits, guesses included."""
    steps = []
    for _ in range(draw(st.integers(1, 12))):
        question = draw(st.sampled_from(sorted(ANSWERS)))
        party = draw(st.sampled_from("ab"))
        steps.append((question, party, draw(ANSWERS[question])))
    return steps


@settings(max_examples=60, deadline=None)
@given(commits(), st.lists(st.sampled_from(sorted(ANSWERS)), max_size=4))
def test_an_incremental_comparison_equals_one_computed_from_scratch(steps, shown):
    state = state_with(BANK, {}, revealed=set())
    live = Comparison.of(state)
    for question, party, value in steps:
        state = state_with(BANK, {(question, party): value}, revealed=set(shown), base=state)
        changed = live.update(state)
        assert question in changed
    fresh = Comparison.of(state)
    assert live.verdicts == fresh.verdicts


@given(st.integers(0, 100), st.integers(0, 100), st.integers(0, 50))
def test_claiming_more_of_a_whole_is_never_judged_milder(a, b, more):
    question = BANK.question("share")
    before = judge(question, a, b, LABELS)[0]
    after = judge(question, a, min(100, b + more), LABELS)[0]
    assert before.severity <= after.severity


@given(st.sampled_from(PHRASES), st.sampled_from(["no ", "not ", "without "]))
def test_an_item_and_its_negation_are_never_the_same_or_partly_the_same(phrase, negation):
    assert similarity(phrase, negation + phrase) < PARTLY
    assert similarity(negation + phrase, phrase) < PARTLY
