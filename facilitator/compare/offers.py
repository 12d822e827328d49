"""Expectations against offers: what one side expects of the other, matched against what the
other side says it is willing to give (`pair=` in the bank), in each direction the bank asks.

Every expected item is matched, partly matched or unmatched against the other side's offered
items (fuzzily, as in `matching`); an unmatched expectation is flagged. A direction's coverage is
the weighted share of its expectations that are met (matched 1, partly 0.5), where a ranked
expectation weighs more the higher it is ranked: the top hope of three weighs 3, the last 1.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..bank.model import Kind, Question
from ..session.records import PARTIES
from ..session.status import Status, worst
from .matching import PARTLY, SAME, Synonyms, best_match, common_words
from .measures import items_of

MET = 1.0
"""Coverage from which a direction is aligned: every expectation fully matched."""
HALF_MET = 0.5
"""Coverage below which a direction is a conflict: most of what one side expects is not on offer."""


class Match(StrEnum):
    MATCHED = "matched"
    PARTLY = "partly"
    UNMATCHED = "unmatched"


CREDIT = {Match.MATCHED: 1.0, Match.PARTLY: 0.5, Match.UNMATCHED: 0.0}


@dataclass(frozen=True)
class ExpectationMatch:
    expectation: str
    match: Match
    offer: str | None
    """The offered item that meets it best; None when unmatched."""
    score: float
    """0-100 similarity to that offer."""
    weight: float


@dataclass(frozen=True)
class PairDirection:
    """One side's expectations against the other side's offers."""

    expecting: str
    """"a" or "b"."""
    offering: str
    matches: tuple[ExpectationMatch, ...]
    extras: tuple[str, ...]
    """Offered items that meet no expectation."""
    coverage: float
    """0-1, see the module docstring."""
    status: Status
    reason: str
    unsure: tuple[str, ...] = ()
    """Unmatched expectations whose only candidate offer shares no word with them: words cannot
    tell whether the offer means the same, so they do not make the direction a conflict."""

    @property
    def unmatched(self) -> tuple[str, ...]:
        return tuple(m.expectation for m in self.matches if m.match is Match.UNMATCHED)


@dataclass(frozen=True)
class PairResult:
    expectation: str
    """Id of the `compare=expectation` question."""
    offer: str
    """Id of the `compare=offer` question."""
    directions: tuple[PairDirection, ...]
    """One per direction whose expectation and offer are both answered, A expecting first."""
    status: Status
    reason: str

    @property
    def flagged(self) -> tuple[tuple[str, str], ...]:
        """(expecting party, expectation) for every unmatched expectation."""
        return tuple(
            (direction.expecting, item)
            for direction in self.directions
            for item in direction.unmatched
        )


def _listed(items: tuple[str, ...], limit: int = 2) -> str:
    quoted = ", ".join(f"“{item}”" for item in items[:limit])
    more = len(items) - limit
    return f"{quoted} and {more} more" if more > 0 else quoted


def _weights(question: Question, count: int) -> list[float]:
    if question.kind is Kind.RANK:
        return [float(count - index) for index in range(count)]
    return [1.0] * count


def match_direction(
    expectation: Question,
    expected: Any,
    offer: Question,
    offered: Any,
    expecting: str,
    labels: Mapping[str, str],
    synonyms: Synonyms = (),
) -> PairDirection:
    """`expecting`'s answer to `expectation` against the other party's answer to `offer`."""
    offering = "b" if expecting == "a" else "a"
    wanted = items_of(expectation, expected)
    given = items_of(offer, offered)
    matches = []
    for item, weight in zip(wanted, _weights(expectation, len(wanted)), strict=True):
        if item in offer.options:
            # Both questions list this option: it is offered or it is not, whatever the wording
            # of the other options (long option texts share many words).
            best, score = (item, 100.0) if item in given else (None, 0.0)
        else:
            best, score = best_match(item, given, synonyms)
        if score >= SAME:
            found = Match.MATCHED
        elif score >= PARTLY:
            found = Match.PARTLY
        else:
            found, best = Match.UNMATCHED, None
        matches.append(ExpectationMatch(item, found, best, round(score, 1), weight))
    used = {m.offer for m in matches if m.offer is not None}
    extras = tuple(item for item in given if item not in used)
    total = sum(m.weight for m in matches)
    coverage = sum(m.weight * CREDIT[m.match] for m in matches) / total if total else 1.0
    if coverage >= MET:
        status = Status.ALIGNED
    elif coverage >= HALF_MET:
        status = Status.DIFFERENT
    else:
        status = Status.CONFLICT
    reason = _direction_reason(tuple(matches), given, labels[expecting], labels[offering])
    unmatched = [m.expectation for m in matches if m.match is Match.UNMATCHED]
    unsure: tuple[str, ...] = ()
    if len(given) == 1 and given[0] not in offer.options:
        unsure = tuple(item for item in unmatched if not common_words([item], given, synonyms))
    if status is Status.CONFLICT and unsure and len(unsure) == len(unmatched):
        status = Status.DIFFERENT
        reason = (
            f"{labels[expecting]} expects {_listed(unsure)}; {labels[offering]} offers "
            f"{_listed(given)}: no words in common: check whether they mean the same"
        )
    return PairDirection(
        expecting, offering, tuple(matches), extras, coverage, status, reason, unsure
    )


def _direction_reason(
    matches: tuple[ExpectationMatch, ...], given: tuple[str, ...], wants: str, gives: str
) -> str:
    unmatched = tuple(m.expectation for m in matches if m.match is Match.UNMATCHED)
    partly = tuple(m.expectation for m in matches if m.match is Match.PARTLY)
    if not unmatched and not partly:
        return f"all {wants} expects is on offer from {gives}"
    if len(unmatched) == len(matches):
        return f"{wants} expects {_listed(unmatched)}; {gives} offers only {_listed(given)}"
    if unmatched:
        return (
            f"{gives} does not offer {_listed(unmatched)} "
            f"({len(unmatched)} of {len(matches)} expectations of {wants})"
        )
    return f"{gives} only partly offers {_listed(partly)}"


def compare_pair(
    expectation: Question,
    offer: Question,
    expected: Mapping[str, Any],
    offered: Mapping[str, Any],
    labels: Mapping[str, str],
    synonyms: Synonyms = (),
) -> PairResult:
    """Both directions the bank asks; `expected` and `offered` map each party that answered to
    its stored answer. The status is the worst direction's; missing while a needed answer is."""
    directions = []
    waiting = []
    needed = 0
    for party in PARTIES:
        other = "b" if party == "a" else "a"
        if not (expectation.asks(party) and offer.asks(other)):
            continue
        needed += 1
        if party in expected and other in offered:
            directions.append(
                match_direction(
                    expectation, expected[party], offer, offered[other], party, labels, synonyms
                )
            )
            continue
        if party not in expected:
            waiting.append(f"{labels[party]}'s expectations")
        if other not in offered:
            waiting.append(f"{labels[other]}'s offer")
    if not expected and not offered:
        status, reason = Status.UNSCORED, "not answered yet"
    elif waiting:
        status, reason = Status.MISSING, "waiting for " + " and ".join(dict.fromkeys(waiting))
    elif needed == 0:
        status, reason = Status.UNSCORED, "the bank asks no side to expect what the other offers"
    else:
        status = worst([direction.status for direction in directions])
        if status is Status.ALIGNED:
            reason = "every expectation is on offer" + (" both ways" if needed > 1 else "")
        else:
            reason = "; ".join(d.reason for d in directions if d.status is status)
    return PairResult(expectation.id, offer.id, tuple(directions), status, reason)
