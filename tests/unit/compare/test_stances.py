"""Stance rules: whose way a first-person position goes, and the table that weighs two stances."""

from itertools import product
from pathlib import Path

import pytest
from compare_support import stance, verdict

from facilitator.bank.model import Firmness, Kind
from facilitator.bank.parser import parse_bank
from facilitator.compare.judging import judge
from facilitator.compare.stances import (
    FIRMNESS_TABLE,
    GROUPS,
    Holder,
    Relation,
    StanceDetail,
    clauses,
    compare_stances,
    holder_of,
)
from facilitator.session.status import Status

BANKS = Path(__file__).resolve().parents[3] / "questionbanks"

OWNER = (
    "### Who owns the relationship with the end customer? {#owner kind=stance}\n\n"
    "- We do\n- The partner does\n- Whoever brought in the customer\n"
    "- Shared, agreed account by account\n\n"
    "### Whose processes apply? {#processes kind=stance}\n\n"
    "- We adapt to the partner's processes\n- The partner adapts to ours\n"
    "- Each keeps its own; we agree the hand-over points\n\n"
    "### What must you protect in pricing? {#pricing kind=stance}\n\n"
    "### Who leads? {#lead kind=stance}\n\n"
    "- The startup leads\n- The enterprise leads\n- Agreed per account\n"
)


@pytest.mark.parametrize(
    ("position", "holder"),
    [
        ("We do", Holder.OWN),
        ("The partner does", Holder.OTHER),
        ("Whoever brought in the customer", Holder.NEUTRAL),
        ("Shared, agreed account by account", Holder.NEUTRAL),
        ("We adapt to the partner's processes", Holder.OTHER),
        ("The partner adapts to ours", Holder.OWN),
        ("We keep our current territories to ourselves", Holder.OWN),
        ("We decide; the partner gives input", Holder.OWN),
        ("The partner leads; we support", Holder.OTHER),
        ("The partner decides what it needs from us", Holder.OTHER),
        ("We stay out of each other's accounts", Holder.NEUTRAL),
        ("We compete openly and cooperate elsewhere", Holder.NEUTRAL),
        ("We agree a price list together", Holder.NEUTRAL),
        ("Partner managers first, then named executives", Holder.NEUTRAL),
        ("They keep the contract", Holder.OTHER),
        ("Their paper, their terms", Holder.OTHER),
        ("Only after a minimum term", Holder.NEUTRAL),
        ("We\u2019ll set it", Holder.OWN),
    ],
)
def test_whose_way_a_position_goes_from_the_answering_sides_view(position, holder):
    assert holder_of(position) is holder


def test_a_position_naming_a_party_by_label_means_that_party_whoever_answers():
    names = {"a": "Startup", "b": "Enterprise"}
    assert holder_of("The startup leads", names) == "a"
    assert holder_of("The enterprise leads; the startup supports", names) == "b"
    assert holder_of("Agreed per account", names) is Holder.NEUTRAL


def test_a_position_is_read_in_clauses_the_first_deciding():
    assert clauses("We decide;  the partner gives input") == (
        "we decide",
        "the partner gives input",
    )
    assert clauses("Split by region: each leads where it is strongest")[0] == "split by region"
    assert clauses("We sell to hospitals and the partner sells to clinics") == (
        "we sell to hospitals",
        "the partner sells to clinics",
    )
    assert holder_of("We decide; the partner gives input") == Holder.OWN


def test_both_claiming_the_customer_as_a_must_have_is_a_conflict():
    found = verdict(OWNER, "owner", stance("We do"), stance("We do"))
    assert found.status is Status.CONFLICT
    assert isinstance(found.detail, StanceDetail)
    assert found.detail.relation is Relation.BOTH_CLAIM
    assert (found.detail.a.side, found.detail.b.side) == ("a", "b")
    assert found.reason == "both insist on it for themselves (must-have on both sides)"


@pytest.mark.parametrize("loose", ["flexible", "indifferent"])
def test_a_must_have_claim_against_a_flexible_claim_is_negotiable_and_names_who_gives_way(loose):
    found = verdict(OWNER, "owner", stance("We do", loose), stance("We do"))
    assert found.status is Status.DIFFERENT
    assert found.detail.gives_way == "a"
    assert found.reason == f"both claim it for themselves; Startup ({loose}) would have to give way"


def test_we_do_against_the_partner_does_is_agreement_that_one_side_owns_it():
    found = verdict(OWNER, "owner", stance("We do"), stance("The partner does", "preferred"))
    assert found.status is Status.ALIGNED
    assert found.reason == "both give it to Startup"
    other_way = verdict(OWNER, "owner", stance("The partner does", "flexible"), stance("We do"))
    assert (other_way.status, other_way.reason) == (Status.ALIGNED, "both give it to Enterprise")


def test_each_leaving_it_to_the_other_is_a_gap_and_a_conflict_when_both_insist():
    soft = verdict(
        OWNER, "owner", stance("The partner does", "preferred"), stance("The partner does")
    )
    assert soft.status is Status.DIFFERENT
    assert soft.detail.relation is Relation.BOTH_DEFER
    assert soft.reason == "each leaves it to the other; Startup (preferred) could take it on"
    hard = verdict(OWNER, "owner", stance("The partner does"), stance("The partner does"))
    assert hard.status is Status.CONFLICT


def test_whose_processes_apply_reads_the_possessive_not_the_subject():
    agree = verdict(
        OWNER,
        "processes",
        stance("We adapt to the partner's processes"),
        stance("The partner adapts to ours"),
    )
    assert (agree.status, agree.reason) == (Status.ALIGNED, "both give it to Enterprise")
    clash = verdict(
        OWNER,
        "processes",
        stance("The partner adapts to ours"),
        stance("The partner adapts to ours"),
    )
    assert clash.status is Status.CONFLICT


def test_equal_neutral_positions_are_aligned_whatever_the_firmness():
    found = verdict(
        OWNER,
        "owner",
        stance("Shared, agreed account by account", "indifferent"),
        stance("Shared, agreed account by account"),
    )
    assert (found.status, found.reason) == (
        Status.ALIGNED,
        "both: “Shared, agreed account by account”",
    )


@pytest.mark.parametrize(
    ("a", "b", "status"),
    [
        ("must-have", "must-have", Status.CONFLICT),
        ("must-have", "preferred", Status.DIFFERENT),
        ("must-have", "indifferent", Status.DIFFERENT),
        ("preferred", "preferred", Status.DIFFERENT),
        ("preferred", "flexible", Status.COMPLEMENTARY),
        ("flexible", "indifferent", Status.COMPLEMENTARY),
    ],
)
def test_different_positions_are_weighed_by_firmness(a, b, status):
    found = verdict(
        OWNER,
        "owner",
        stance("Whoever brought in the customer", a),
        stance("Shared, agreed account by account", b),
    )
    assert found.status is status
    assert found.detail.relation is Relation.DIFFER


def test_a_claim_against_a_neutral_position_names_the_side_that_gives_way():
    found = verdict(
        OWNER, "owner", stance("We do"), stance("Whoever brought in the customer", "flexible")
    )
    assert found.status is Status.DIFFERENT
    assert found.reason == "Enterprise (flexible) would have to give way to Startup's must-have"
    clash = verdict(OWNER, "owner", stance("We do"), stance("Whoever brought in the customer"))
    assert clash.reason == (
        "both insist: Startup on “We do”, Enterprise on “Whoever brought in the customer”"
    )


def test_free_text_positions_are_compared_fuzzily():
    same = verdict(
        OWNER,
        "pricing",
        stance("A floor price below which nobody sells", "preferred"),
        stance("a floor price nobody sells below"),
    )
    assert same.status is Status.ALIGNED
    both_claim = verdict(
        OWNER, "pricing", stance("We set the end price"), stance("We set the end price")
    )
    assert both_claim.status is Status.CONFLICT
    assert both_claim.detail.relation is Relation.BOTH_CLAIM
    agree = verdict(
        OWNER, "pricing", stance("We set the end price"), stance("The partner sets the end price")
    )
    assert agree.status is Status.ALIGNED
    unrelated = verdict(
        OWNER, "pricing", stance("We set the end price", "flexible"), stance("Our discounts stay")
    )
    assert unrelated.detail.relation is Relation.DIFFER
    assert unrelated.status is Status.DIFFERENT


def test_labels_in_positions_name_the_same_side_for_both_answers():
    found = verdict(OWNER, "lead", stance("The startup leads"), stance("The startup leads"))
    assert (found.status, found.reason) == (Status.ALIGNED, "both give it to Startup")


def test_the_firmness_table_covers_every_pair_and_is_monotone():
    groups = ("must", "preferred", "loose")
    for firm, loose in product(groups, repeat=2):
        if groups.index(firm) <= groups.index(loose):
            assert (firm, loose) in FIRMNESS_TABLE
    for firm, loose in FIRMNESS_TABLE:
        for looser in groups[groups.index(loose) :]:
            assert FIRMNESS_TABLE[firm, looser].severity <= FIRMNESS_TABLE[firm, loose].severity
    assert set(GROUPS) == set(Firmness)


def _stance_questions():
    for path in sorted(BANKS.glob("*.md")):
        bank = parse_bank(path.read_text(encoding="utf-8"), str(path))
        for question in bank.questions:
            if question.kind is Kind.STANCE:
                yield pytest.param(bank, question, id=f"{path.stem}:{question.id}")


@pytest.mark.parametrize(("bank", "question"), list(_stance_questions()))
def test_every_bundled_stance_gives_a_mirrored_verdict_for_every_pair_of_answers(bank, question):
    labels = {"a": "A", "b": "B"}
    names = {"a": bank.party_a, "b": bank.party_b}
    firmness = [f.value for f in Firmness]
    for pos_a, pos_b in product(question.options, repeat=2):
        for firm_a, firm_b in product(firmness, repeat=2):
            a, b = stance(pos_a, firm_a), stance(pos_b, firm_b)
            status, reason, _ = judge(question, a, b, labels, names)
            assert status.scored and reason
            mirrored = judge(question, b, a, labels, names)[0]
            assert mirrored is status
            if pos_a == pos_b and firm_a == firm_b == "must-have":
                holder = holder_of(pos_a, names)
                expected = Status.ALIGNED if holder is Holder.NEUTRAL else Status.CONFLICT
                assert status is expected


def test_compare_stances_returns_the_claims_it_read():
    status, detail = compare_stances(stance("We do"), stance("The partner does"), options=True)
    assert status is Status.ALIGNED
    assert (detail.a.holder, detail.b.holder) == (Holder.OWN, Holder.OTHER)
    assert detail.a.side == detail.b.side == "a"
