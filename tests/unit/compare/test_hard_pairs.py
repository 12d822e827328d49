"""The harder pairs of issue 13: claims nobody gives up, negation, mirrored arrangements, claims on
one shared whole, honest uncertainty, and non-negotiables that touch. Examples are our own."""

from dataclasses import replace

import pytest
from compare_support import LABELS, bank_of, stance, state_with, verdict

from facilitator.compare.comparison import Comparison
from facilitator.compare.matching import PARTLY, SAME, common_words, negated, similarity
from facilitator.compare.measures import Gap
from facilitator.compare.stances import Relation, arrangement, holder_of, mirrors
from facilitator.session.status import Status

QUESTIONS = (
    "### Who runs the accounts? {#accounts kind=stance}\n\n- We do\n- The partner does\n"
    "- Shared, agreed account by account\n\n"
    "### Who takes which market? {#markets kind=stance}\n\n"
    "- We take the public sector, the partner takes retail\n"
    "- We take retail, the partner takes the public sector\n"
    "- Both sell everywhere\n\n"
    "### How do you see the two companies in three years? {#future kind=choice compare=goal}\n\n"
    "- We merge into the partner\n- The partner merges into us\n- We stay two companies\n\n"
    "### Free position {#free kind=stance}\n\n"
    "### What do you hope to gain? {#gains kind=list compare=goal predict}\n\n"
    "### What must you protect? {#protect kind=list compare=non-negotiable}\n\n"
    "### Share of the margin for you, in percent {#margin kind=number unit=% whole=100 "
    "compare=non-negotiable predict}\n\n"
    "### How much say over pricing do you need? {#say kind=scale range=1-10 whole=10 "
    "compare=non-negotiable}\n\n"
    "### What do you expect? {#expects kind=list compare=expectation pair=offers}\n\n"
    "### What will you give? {#offers kind=list compare=offer}\n"
)


# 1. Both claim, or both defer, loosely ------------------------------------------------------


@pytest.mark.parametrize("firmness", ["flexible", "indifferent"])
@pytest.mark.parametrize("position", ["We do", "The partner does"])
def test_both_claiming_or_both_deferring_loosely_is_different_not_complementary(position, firmness):
    found = verdict(QUESTIONS, "accounts", stance(position, firmness), stance(position, "flexible"))
    assert found.status is Status.DIFFERENT
    assert found.detail.relation in (Relation.BOTH_CLAIM, Relation.BOTH_DEFER)
    assert "nobody" in found.reason or "give way" in found.reason or "take it on" in found.reason


def test_a_preferred_claim_against_a_loose_claim_for_itself_is_different_with_who_gives_way():
    found = verdict(
        QUESTIONS, "accounts", stance("We do", "preferred"), stance("We do", "flexible")
    )
    assert found.status is Status.DIFFERENT
    assert found.reason == (
        "both claim it for themselves; Enterprise (flexible) would have to give way"
    )


# 2. Negation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("exclusivity", "no exclusivity"),
        ("a named champion", "without a named champion"),
        ("we share our roadmap", "we don't share our roadmap"),
        ("exclusive rights in Germany", "no exclusive rights in Germany"),
    ],
)
def test_items_that_differ_only_by_a_negation_are_never_the_same_or_even_partly(one, other):
    assert negated(one) != negated(other)
    assert similarity(one, other) < PARTLY
    assert similarity(other, one) < PARTLY


def test_a_double_negation_says_the_thing_again():
    assert not negated("not without a named champion")
    assert similarity("not without a named champion", "a named champion") >= SAME


def test_a_list_item_and_its_negation_are_not_shared():
    found = verdict(QUESTIONS, "gains", ["No exclusivity", "A pilot"], ["Exclusivity", "A pilot"])
    assert [(m.a, m.b) for m in found.detail.shared] == [("A pilot", "A pilot")]
    assert found.detail.only_a == ("No exclusivity",)


def test_a_negated_stance_clause_goes_the_other_sides_way():
    assert holder_of("We do not have to run the accounts") == "other"
    assert holder_of("The partner doesn't lead") == "own"
    found = verdict(
        QUESTIONS,
        "free",
        stance("We do not have to run the accounts"),
        stance("We run the accounts"),
    )
    # The startup does not want to run them; the enterprise does: both give them to Enterprise.
    assert found.status is Status.ALIGNED
    assert found.reason == "both give it to Enterprise"


def test_no_exclusivity_against_exclusive_rights_is_a_collision_between_must_haves():
    found = verdict(
        QUESTIONS, "free", stance("No exclusivity"), stance("Exclusive rights in Germany")
    )
    assert found.status is Status.CONFLICT


# 3. Mirrored arrangements ---------------------------------------------------------------------


def test_the_same_arrangement_said_from_each_side_is_agreement():
    found = verdict(
        QUESTIONS,
        "markets",
        stance("We take the public sector, the partner takes retail"),
        stance("We take retail, the partner takes the public sector"),
    )
    assert found.status is Status.ALIGNED
    assert found.detail.relation is Relation.SAME


def test_the_same_words_from_both_sides_claim_the_same_market_twice():
    both = "We take the public sector, the partner takes retail"
    found = verdict(QUESTIONS, "markets", stance(both), stance(both))
    assert found.status is Status.CONFLICT
    assert found.reason == "both insist on it for themselves (must-have on both sides)"


def test_a_free_text_arrangement_joined_by_and_reads_every_clause():
    found = verdict(
        QUESTIONS,
        "free",
        stance("We sell to hospitals and the partner sells to clinics", "preferred"),
        stance("The partner sells to hospitals and we sell to clinics", "flexible"),
    )
    assert found.status is Status.ALIGNED
    assert arrangement("a", "We sell to hospitals and the partner sells to clinics") == (
        ("a", "sell to hospitals"),
        ("b", "sells to clinics"),
    )


def test_a_first_clause_that_names_no_side_lets_the_next_clause_decide():
    assert holder_of("For now, we lead") == "own"
    assert holder_of("Only after a minimum term") == "neutral"
    assert holder_of("Open: whoever finds the customer sells") == "neutral"


def test_choice_options_that_mirror_each_other_are_read_from_each_side():
    options = ("We merge into the partner", "The partner merges into us", "We stay two companies")
    assert mirrors(options) == {options[0]: 0, options[1]: 0}
    agreed = verdict(QUESTIONS, "future", [options[0]], [options[1]])
    assert agreed.status is Status.ALIGNED
    assert agreed.reason == "the same choice, said from each side"
    opposite = verdict(QUESTIONS, "future", [options[0]], [options[0]])
    assert opposite.status is Status.DIFFERENT
    assert "opposite arrangement" in opposite.reason
    apart = verdict(QUESTIONS, "future", [options[2]], [options[2]])
    assert apart.status is Status.ALIGNED


# 5. Claims on one shared whole ----------------------------------------------------------------


def test_two_claims_of_seventy_percent_of_one_margin_collide():
    found = verdict(QUESTIONS, "margin", 70, 70)
    assert isinstance(found.detail, Gap)
    assert found.detail.whole == 100
    assert found.detail.measured == 40
    assert found.status is Status.CONFLICT
    assert found.reason == (
        "Startup 70 %, Enterprise 70 %: together 140 % of 100 %, 40 % more than the whole: "
        "both claim the same share (conflict from 25)"
    )


@pytest.mark.parametrize(
    ("a", "b", "status"),
    [(60, 40, Status.ALIGNED), (30, 50, Status.ALIGNED), (55, 50, Status.DIFFERENT)],
)
def test_claims_are_judged_by_their_sum_against_the_whole(a, b, status):
    assert verdict(QUESTIONS, "margin", a, b).status is status


def test_full_say_on_both_sides_of_a_scale_collides():
    assert verdict(QUESTIONS, "say", 10, 10).status is Status.CONFLICT
    assert verdict(QUESTIONS, "say", 7, 3).status is Status.ALIGNED


def test_a_guess_of_a_claim_is_measured_against_the_claim_itself():
    found = verdict(QUESTIONS, "margin", 70, 70, margin__a__guess=70)
    (gap,) = found.perception
    assert gap.status is Status.ALIGNED
    assert gap.detail.whole is None


# 6. Honest uncertainty ------------------------------------------------------------------------


def test_a_paraphrase_with_no_word_in_common_is_different_and_says_so():
    found = verdict(QUESTIONS, "gains", ["More revenue"], ["Higher turnover"])
    assert found.status is Status.DIFFERENT
    assert found.reason == "no words in common: check whether they mean the same"


def test_goals_that_touch_without_saying_the_same_stay_complementary_with_a_check():
    found = verdict(QUESTIONS, "gains", ["Sales in Germany"], ["A German reference customer"])
    assert found.status is Status.COMPLEMENTARY
    assert "check they do not collide" in found.reason


def test_a_guess_that_shares_no_word_is_not_partly_right():
    found = verdict(QUESTIONS, "gains", ["Their brand"], None, gains__b__guess=["Cash up front"])
    comparison = Comparison.of(
        state_with(
            bank_of(QUESTIONS),
            {("gains", "a"): ["Their brand"], ("gains", "b", True): ["Cash up front"]},
        ),
        LABELS,
    )
    (gap,) = comparison.verdict("gains").perception
    assert gap.status is Status.DIFFERENT
    assert gap.reason == (
        "Enterprise's guess of Startup: no words in common: check whether it means the same"
    )
    assert found.status is Status.MISSING


def test_an_expectation_whose_only_offer_shares_no_word_is_a_check_not_a_conflict():
    comparison = Comparison.of(
        state_with(
            bank_of(QUESTIONS),
            {
                ("expects", "a"): ["Introductions to your clients"],
                ("offers", "b"): ["Access to our customer base"],
                ("expects", "b"): ["A reference"],
                ("offers", "a"): ["A reference"],
            },
        ),
        LABELS,
    )
    found = comparison.verdict("expects")
    assert found.status is Status.DIFFERENT
    assert found.reason == (
        "Startup expects “Introductions to your clients”; Enterprise offers “Access to our "
        "customer base”: no words in common: check whether they mean the same"
    )
    assert found.pair.directions[0].unsure == ("Introductions to your clients",)


def test_declared_synonyms_let_different_words_meet():
    synonyms = (("customers", "accounts", "clients"),)
    assert similarity("access to your accounts", "access to our customers") < SAME
    assert similarity("access to your accounts", "access to our customers", synonyms) == 100
    bank = replace(bank_of(QUESTIONS), synonyms=synonyms)
    state = state_with(bank, {("gains", "a"): ["Our clients"], ("gains", "b"): ["Your accounts"]})
    assert Comparison.of(state, LABELS).verdict("gains").status is Status.ALIGNED


# 8. Non-negotiable lists ----------------------------------------------------------------------


def test_non_negotiables_that_touch_the_same_subject_are_a_check_not_complementary():
    found = verdict(
        QUESTIONS,
        "protect",
        ["Our existing contracts with rail operators"],
        ["Exclusivity in the rail sector"],
    )
    assert found.status is Status.DIFFERENT
    assert found.reason == "both touch “rail”: check they can both hold"


def test_a_shared_stem_or_a_declared_synonym_counts_as_touching():
    assert common_words(["pricing freedom"], ["our list prices"]) == ("pricing",)
    assert common_words(["our clients"], ["the customer list"], (("customer", "client"),))


def test_non_negotiables_with_no_word_in_common_are_complementary():
    found = verdict(QUESTIONS, "protect", ["Our source code"], ["Brand rules in Germany"])
    assert found.status is Status.COMPLEMENTARY
    assert found.reason == "each protects different things (no words in common)"
