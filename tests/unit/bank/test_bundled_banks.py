"""The bundled banks: all valid, complete, and planned as their front matter says."""

import pytest

from facilitator.bank.library import bundled_bank_paths, bundled_banks
from facilitator.bank.model import Compare

EXPECTED = {
    "mutual-interest.md",
    "ideal-partner.md",
    "self-interests.md",
    "partnership-lifecycle.md",
    "partnering-agenda.md",
    "workshop.md",
}

ENTRIES = {entry.path.name: entry for entry in bundled_banks()}


def test_the_six_banks_are_bundled():
    assert {path.name for path in bundled_bank_paths()} == EXPECTED


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bank_is_valid_and_planned_as_it_says(name):
    entry = ENTRIES[name]
    assert entry.error == ""
    bank = entry.bank
    assert bank.duration == bank.total
    assert (bank.party_a, bank.party_b) == ("Startup", "Enterprise")
    assert bank.description
    for question in bank.questions:
        if question.compare is Compare.EXPECTATION and question.pair:
            assert bank.question(question.pair).compare is Compare.OFFER


def test_the_first_workshop_fits_60_to_90_minutes():
    assert 60 * 60 <= ENTRIES["workshop.md"].bank.total <= 90 * 60


def test_the_banks_compare_expectations_with_offers_and_ask_for_predictions():
    banks = [entry.bank for entry in ENTRIES.values()]
    assert any(bank.paired_with(q.id) for bank in banks for q in bank.questions)
    assert any(q.predict for bank in banks for q in bank.questions)
