"""Comparison speed on a generated 200-question session, every question answered by both sides
(guesses too): a full comparison against the incremental refresh after one commit, which is what
the live dashboard pays per committed answer. Item-score caches are cleared before each timing.
Prints figures; asserts nothing."""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import comparison_bank
from facilitator.bank.answers import validate
from facilitator.bank.model import Kind, Question
from facilitator.bank.parser import parse_bank
from facilitator.compare.comparison import Comparison
from facilitator.compare.horizons import horizon
from facilitator.compare.matching import _stem, negated, normalise, similarity
from facilitator.session.records import ANSWER_COMMITTED, PARTIES, Event
from facilitator.session.state import WorkshopState, apply

QUESTIONS = 200
COMMITS = 200

PHRASES = [
    "access to your customers", "your brand on our product page", "a pilot budget",
    "two engineers for a month", "a reference customer", "joint press release",
    "introductions to your partners", "technical guidance", "a decision by March",
    "a named champion", "quarterly reviews", "shared sales targets", "security review help",
    "our source code stays ours", "a floor price", "exclusivity in Germany",
    "credit for the revenue", "access to your roadmap", "training for your sales team",
]  # fmt: skip


def _answer(question: Question, rng: random.Random) -> Any:
    kind = question.kind
    if kind is Kind.TEXT:
        return ". ".join(rng.sample(PHRASES, rng.randint(1, 3)))
    if kind is Kind.LIST:
        return rng.sample(PHRASES, rng.randint(2, 6))
    if kind is Kind.CHOICE:
        return rng.sample(question.options, rng.randint(1, question.pick or 1))
    if kind is Kind.RANK:
        return rng.sample(question.options, question.pick or len(question.options))
    if kind is Kind.SCALE:
        assert question.scale is not None
        return rng.randint(question.scale.low, question.scale.high)
    if kind is Kind.NUMBER:
        return rng.randint(1, 24)
    return {
        "position": rng.choice(question.options),
        "firmness": rng.choice(["must-have", "preferred", "flexible", "indifferent"]),
    }


class _Log:
    """Answer events for the fold, as the engine records them."""

    def __init__(self) -> None:
        self.seq = 0

    def commit(self, state: WorkshopState, question: Question, party: str, value: Any, guess: bool):
        self.seq += 1
        payload = {
            "question": question.id,
            "party": party,
            "prediction": guess,
            "value": validate(question, value),
            "revision": 1,
        }
        return apply(state, Event(self.seq, float(self.seq), ANSWER_COMMITTED, payload))


def _answered_session(rng: random.Random) -> tuple[WorkshopState, _Log]:
    bank = parse_bank(comparison_bank(QUESTIONS), "generated.md")
    state, log = WorkshopState.begin(bank), _Log()
    for question in bank.questions:
        for party in PARTIES:
            if question.asks(party):
                state = log.commit(state, question, party, _answer(question, rng), False)
                if question.predict:
                    state = log.commit(state, question, party, _answer(question, rng), True)
    return state, log


def _cold() -> None:
    """Forget cached item scores: the generated answers reuse a few phrases far more often
    than a real session's would, so warm caches would flatter both figures."""
    similarity.cache_clear()
    normalise.cache_clear()
    negated.cache_clear()
    _stem.cache_clear()
    horizon.cache_clear()


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    rng = random.Random(4)
    state, log = _answered_session(rng)
    bank = state.bank
    fulls = []
    for _ in range(15):
        _cold()
        started = time.perf_counter()
        comparison = Comparison.of(state, ("Startup", "Enterprise"))
        fulls.append(time.perf_counter() - started)
    questions = [q for q in bank.questions if q.asks("a")]
    refreshes, recomputed, nothing = [], [], []
    for _ in range(COMMITS):
        question = rng.choice(questions)
        state = log.commit(state, question, "a", _answer(question, rng), False)
        _cold()
        started = time.perf_counter()
        changed = comparison.update(state)
        refreshes.append(time.perf_counter() - started)
        recomputed.append(len(changed))
        started = time.perf_counter()
        comparison.update(state)
        nothing.append(time.perf_counter() - started)
    started = time.perf_counter()
    comparison.summary()
    summary = time.perf_counter() - started
    full, refresh = _median_ms(fulls), _median_ms(refreshes)
    answers = len(state.answers)
    print(f"Comparison: generated session of {bank.question_count} questions, {answers} answers")
    print(f"  full comparison (every question)   median {full:7.2f} ms")
    print(
        f"  refresh after one commit           median {refresh:7.2f} ms"
        f"   p99 {sorted(refreshes)[int(COMMITS * 0.99) - 1] * 1000:.2f} ms"
        f"   ({full / refresh:.0f}x less; rows changed: {statistics.mean(recomputed):.2f})"
    )
    print(f"  refresh with nothing changed       median {_median_ms(nothing) * 1000:7.1f} µs")
    print(f"  summary after a change             once   {summary * 1000:7.2f} ms")
    print("  aim (issue #4): a commit updates the dashboard without a full recompute")


if __name__ == "__main__":
    main()
