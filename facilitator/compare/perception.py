"""Perception gaps: how close one side's guess came to what the other side actually answered."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..bank.model import Firmness, Kind, Question
from ..session.records import Answer
from ..session.status import Status
from .horizons import answer_horizon
from .judging import RANK_ALIGNED, SHARED_ENOUGH, compare_horizons, in_unit, months
from .matching import SAME, Synonyms, common_words, similarity
from .measures import Gap, Ranking, gap_status, items_of, measure
from .stances import Relation, StanceDetail, claim, firmness_steps
from .verdicts import PerceptionGap

FIRMNESS_CLOSE = 1
"""A guessed stance whose firmness is off by at most one step still counts as right."""


def perception_gap(
    question: Question,
    guess: Answer,
    actual: Answer | None,
    labels: Mapping[str, str],
    synonyms: Synonyms = (),
    start: date | None = None,
) -> PerceptionGap:
    guesser = guess.key.party
    other = "b" if guesser == "a" else "a"
    if actual is None:
        reason = f"{labels[guesser]} guessed; {labels[other]} has not answered yet"
        return PerceptionGap(guesser, guess, None, Status.MISSING, reason, None)
    head = f"{labels[guesser]}'s guess of {labels[other]}"
    if question.kind is Kind.STANCE:
        status, stance = _stance_guess(question, guess.value, actual.value, synonyms)
        if stance.relation is Relation.SAME:
            verdict = "right position" + (", firmness misjudged" if status.severity else "")
        else:
            verdict = "missed a must-have" if status is Status.CONFLICT else "wrong position"
        return PerceptionGap(guesser, guess, actual, status, f"{head}: {verdict}", stance)
    if question.kind in (Kind.TEXT, Kind.LIST):
        # A guessed time horizon is measured in months, as the verdict measures the answers.
        guessed_horizon = answer_horizon(question.text, items_of(question, guess.value), start)
        said_horizon = answer_horizon(question.text, items_of(question, actual.value), start)
        if guessed_horizon is not None and said_horizon is not None:
            status, _, gap = compare_horizons(question, guessed_horizon, said_horizon, labels)
            reason = (
                f"{labels[guesser]} guessed “{guessed_horizon.phrase}”, {labels[other]} said "
                f"“{said_horizon.phrase}” ({months(gap.gap)} off)"
            )
            return PerceptionGap(guesser, guess, actual, status, reason, gap)
    detail = measure(question, guess.value, actual.value, synonyms, claims=False)
    if isinstance(detail, Gap):
        guessed, said = in_unit(question, detail.a), in_unit(question, detail.b)
        apart = f"{detail.measured:.0%}" if detail.relative else in_unit(question, detail.gap)
        reason = f"{labels[guesser]} guessed {guessed}, {labels[other]} said {said}"
        reason += " (right)" if detail.gap == 0 else f" ({apart} off)"
        return PerceptionGap(guesser, guess, actual, gap_status(detail), reason, detail)
    if isinstance(detail, Ranking) or question.kind is Kind.CHOICE:
        close = RANK_ALIGNED if isinstance(detail, Ranking) else 1.0
        if detail.similarity >= close:
            status = Status.ALIGNED
        else:
            status = Status.DIFFERENT if detail.similarity > 0 else Status.CONFLICT
    else:
        # Free text is rarely worded alike: a guess sharing little is partly right, not far off;
        # one sharing no word at all is neither, as far as words can tell.
        status = Status.ALIGNED if detail.similarity >= SHARED_ENOUGH else Status.DIFFERENT
        if status is Status.DIFFERENT and not detail.shared:
            unshared = (*detail.only_a, *detail.only_b)
            if not common_words(detail.only_a, detail.only_b, synonyms) and unshared:
                reason = f"{head}: no words in common: check whether it means the same"
                return PerceptionGap(guesser, guess, actual, status, reason, detail)
    words = {Status.ALIGNED: "close", Status.DIFFERENT: "partly right", Status.CONFLICT: "far off"}
    return PerceptionGap(guesser, guess, actual, status, f"{head}: {words[status]}", detail)


def _stance_guess(
    question: Question, guess: Any, actual: Any, synonyms: Synonyms = ()
) -> tuple[Status, StanceDetail]:
    """A guess names the other side's position in that side's own words, so it is compared as
    written: the same position (fuzzily when free text) with firmness at most a step off is
    right; the right position otherwise, or a wrong one that was not a must-have, partly; a
    missed must-have, far off."""
    guessed, said = claim("a", guess), claim("b", actual)
    same = (
        guess["position"] == actual["position"]
        if question.options
        else similarity(guess["position"], actual["position"], synonyms) >= SAME
    )
    steps = firmness_steps(guessed.firmness, said.firmness)
    if same:
        status = Status.ALIGNED if steps <= FIRMNESS_CLOSE else Status.DIFFERENT
    else:
        status = Status.CONFLICT if said.firmness is Firmness.MUST_HAVE else Status.DIFFERENT
    relation = Relation.SAME if same else Relation.DIFFER
    return status, StanceDetail(guessed, said, relation, None)
