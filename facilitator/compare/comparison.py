"""The live comparison: for every question a verdict (status, reason, details), kept up to date
incrementally as the workshop state changes.

`assess` judges one question from its answers alone (`judging.judge` two answers, `perception_gap`
the guesses); `Comparison.update(state)` calls it only for questions whose answers changed
(answers are immutable, so identity tells), and rebuilds the cheap parts (reveal, override) of the
others. The rules are in docs/comparison.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import MappingProxyType

from ..bank.model import Bank, Compare, Question
from ..session.moderation import Override
from ..session.records import PARTIES, Answer, AnswerKey
from ..session.state import WorkshopState
from ..session.status import Status
from .judging import judge
from .matching import Synonyms
from .offers import compare_pair
from .perception import perception_gap
from .tally import TOP_CONFLICTS, Summary, summarise
from .verdicts import Assessment, Verdict


@dataclass(frozen=True)
class _Plan:
    """What a question's verdict depends on, found once per bank."""

    question: Question
    keys: tuple[AnswerKey, ...]
    """Every answer `assess` reads: own and guesses, and the offer's answers on an expectation."""
    offer: Question | None
    """The offer question, on the expectation side of a pair."""
    expectation: Question | None
    """The expectation question, on the offer side of a pair."""
    paired_with: str | None
    reveal: tuple[str, ...]
    """The questions that must be revealed before this verdict is shown."""


def _keys(question_id: str, guesses: bool) -> tuple[AnswerKey, ...]:
    keys = [AnswerKey(question_id, party, False) for party in PARTIES]
    if guesses:
        keys += [AnswerKey(question_id, party, True) for party in PARTIES]
    return tuple(keys)


def assess(
    question: Question,
    answers: Mapping[AnswerKey, Answer],
    labels: Mapping[str, str],
    names: Mapping[str, str] | None = None,
    *,
    offer: Question | None = None,
    expectation: Question | None = None,
    synonyms: Synonyms = (),
    start: date | None = None,
) -> Assessment:
    """Judge one question from the answers alone (reveal and overrides are applied later).

    `labels` name the parties in reasons ({"a": ..., "b": ...}); `names` are the bank's party
    labels for stance positions. `offer` is given on the expectation side of a pair (its status
    is the pair's), `expectation` on the offer side (not scored: counted with its expectation)."""
    own = {p: answers.get(AnswerKey(question.id, p, False)) for p in PARTIES}
    perception = tuple(
        perception_gap(question, guess, own["b" if party == "a" else "a"], labels, synonyms, start)
        for party in PARTIES
        if question.predict and (guess := answers.get(AnswerKey(question.id, party, True)))
    )
    if offer is not None:
        offered = {p: a.value for p in PARTIES if (a := answers.get(AnswerKey(offer.id, p, False)))}
        expected = {p: a.value for p, a in own.items() if a is not None}
        result = compare_pair(question, offer, expected, offered, labels, synonyms)
        detail = None
        if own["a"] is not None and own["b"] is not None:
            detail = judge(
                question, own["a"].value, own["b"].value, labels, names, synonyms, start
            )[2]
        return Assessment(result.status, result.reason, detail, result, perception)
    if expectation is not None:
        detail = None
        if own["a"] is not None and own["b"] is not None:
            detail = judge(
                question, own["a"].value, own["b"].value, labels, names, synonyms, start
            )[2]
        reason = f"scored with the expectations it answers (“{expectation.text}”)"
        return Assessment(Status.UNSCORED, reason, detail, None, perception)
    asked = [party for party in PARTIES if question.asks(party)]
    if len(asked) == 1:
        return Assessment(Status.UNSCORED, f"asked of {labels[asked[0]]} only", None, None, ())
    missing = [party for party in PARTIES if own[party] is None]
    if len(missing) == 2:
        return Assessment(Status.UNSCORED, "not answered yet", perception=perception)
    if missing:
        reason = f"waiting for {labels[missing[0]]}"
        return Assessment(Status.MISSING, reason, perception=perception)
    assert own["a"] is not None and own["b"] is not None
    status, reason, detail = judge(
        question, own["a"].value, own["b"].value, labels, names, synonyms, start
    )
    if question.compare is Compare.CONTEXT:
        return Assessment(
            Status.UNSCORED, f"context, not scored: {reason}", detail, None, perception
        )
    return Assessment(status, reason, detail, None, perception)


class Comparison:
    """Every question's verdict for one bank, refreshed from successive workshop states.

    `update(state)` returns the ids of the questions whose verdict changed, so a view redraws
    only those rows. It recomputes a question only when an answer it reads is a new object, and
    only re-labels one whose reveal or override changed; everything else is left as it was.
    """

    def __init__(
        self, bank: Bank, labels: tuple[str, str] = ("A", "B"), *, start: float | None = None
    ) -> None:
        """`labels` name the parties in reasons (the session's party names); `start` is when the
        session began (epoch seconds), against which relative dates in answers resolve."""
        self.bank = bank
        self.start = None if start is None else datetime.fromtimestamp(start, UTC).date()
        self.labels: Mapping[str, str] = MappingProxyType({"a": labels[0], "b": labels[1]})
        self.names: Mapping[str, str] = MappingProxyType(
            {
                party: name
                for party, name in zip(PARTIES, (bank.party_a, bank.party_b), strict=True)
                if name
            }
        )
        questions = {question.id: question for question in bank.questions}
        # Bank.paired_with scans the bank; one pass here keeps a large bank's set-up linear.
        partners: dict[str, Question] = {}
        for question in questions.values():
            if question.pair and question.pair in questions:
                partners[question.id] = questions[question.pair]
                partners[question.pair] = question
        self._plans: list[_Plan] = []
        for question in questions.values():
            partner = partners.get(question.id)
            expects = question.compare is Compare.EXPECTATION
            offer = partner if partner is not None and expects else None
            expectation = partner if partner is not None and not expects else None
            keys = _keys(question.id, question.predict)
            if offer is not None:
                keys += _keys(offer.id, False)
            reveal = (question.id, offer.id) if offer is not None else (question.id,)
            self._plans.append(
                _Plan(
                    question,
                    keys,
                    offer,
                    expectation,
                    partner.id if partner else None,
                    reveal,
                )
            )
        self._by_id = {plan.question.id: plan for plan in self._plans}
        self._readers: dict[str, list[str]] = {}
        """Question id -> the verdicts that read its answers."""
        self._revealers: dict[str, list[str]] = {}
        """Question id -> the verdicts that its reveal shows."""
        for plan in self._plans:
            for question_id in dict.fromkeys(key.question for key in plan.keys):
                self._readers.setdefault(question_id, []).append(plan.question.id)
            for question_id in plan.reveal:
                self._revealers.setdefault(question_id, []).append(plan.question.id)
        self._inputs: dict[str, tuple[Answer | None, ...]] = {}
        self._assessments: dict[str, Assessment] = {}
        self._verdicts: dict[str, Verdict] = {}
        self._seen: tuple[Mapping[AnswerKey, Answer], frozenset[str], Mapping[str, Override]] | None
        self._seen = None
        self._answer_ids: dict[int, str] = {}
        self._summaries: dict[tuple[bool, int], Summary] = {}

    def relabel(self, labels: tuple[str, str]) -> None:
        """Name the parties anew (a rename): reasons name them, so the next `update` judges
        every question again and reports each verdict whose wording changed."""
        if labels != (self.labels["a"], self.labels["b"]):
            self.labels = MappingProxyType({"a": labels[0], "b": labels[1]})
            self._seen = None

    @classmethod
    def of(
        cls,
        state: WorkshopState,
        labels: tuple[str, str] = ("A", "B"),
        *,
        start: float | None = None,
    ) -> Comparison:
        """A comparison of `state`, computed in full."""
        comparison = cls(state.bank, labels, start=start)
        comparison.update(state)
        return comparison

    def update(self, state: WorkshopState) -> frozenset[str]:
        """Bring every verdict up to `state`; the ids of those that changed."""
        answers, revealed, overrides = state.answers, state.revealed, state.overrides
        if self._seen is None:
            recompute = set(self._by_id)
            relabel: set[str] = set()
        else:
            before_answers, before_revealed, before_overrides = self._seen
            recompute = set()
            if answers is not before_answers:
                recompute = self._readers_of(self._answers_changed(answers))
            relabel = set()
            if revealed is not before_revealed:
                for question_id in revealed ^ before_revealed:
                    relabel.update(self._revealers.get(question_id, ()))
            if overrides is not before_overrides:
                relabel.update(
                    question_id
                    for question_id in overrides.keys() | before_overrides.keys()
                    if overrides.get(question_id) is not before_overrides.get(question_id)
                )
        self._seen = (answers, revealed, overrides)
        changed = []
        for question_id in recompute | relabel:
            plan = self._by_id.get(question_id)
            if plan is None:
                continue
            if question_id in recompute or question_id not in self._assessments:
                self._inputs[question_id] = tuple(answers.get(key) for key in plan.keys)
                self._assessments[question_id] = assess(
                    plan.question,
                    answers,
                    self.labels,
                    self.names,
                    offer=plan.offer,
                    expectation=plan.expectation,
                    synonyms=self.bank.synonyms,
                    start=self.start,
                )
            shown = all(question in revealed for question in plan.reveal)
            verdict = self._verdict(
                plan,
                self._assessments[question_id],
                self._inputs[question_id],
                shown,
                overrides.get(question_id),
            )
            if verdict != self._verdicts.get(question_id):
                self._verdicts[question_id] = verdict
                changed.append(question_id)
        if changed:
            self._summaries.clear()
        return frozenset(changed)

    def _answers_changed(self, answers: Mapping[AnswerKey, Answer]) -> set[str]:
        """The questions with an answer added, replaced or gone since the last update. Answers
        are immutable and the last mapping is still held, so object ids tell what is new
        without hashing every key."""
        now = {id(answer): answer.key.question for answer in answers.values()}
        before = self._answer_ids
        self._answer_ids = now
        touched = {question for ident, question in now.items() if ident not in before}
        if len(now) - len(touched) < len(before):
            touched.update(question for ident, question in before.items() if ident not in now)
        return touched

    def _readers_of(self, question_ids: set[str]) -> set[str]:
        readers: set[str] = set()
        for question_id in question_ids:
            readers.update(self._readers.get(question_id, ()))
        return readers

    def _verdict(
        self,
        plan: _Plan,
        assessment: Assessment,
        inputs: tuple[Answer | None, ...],
        revealed: bool,
        override: Override | None,
    ) -> Verdict:
        status = override.status if override and override.status else assessment.status
        return Verdict(
            question=plan.question,
            status=status,
            computed=assessment.status,
            reason=assessment.reason,
            override=override,
            revealed=revealed,
            answer_a=inputs[0],
            answer_b=inputs[1],
            detail=assessment.detail,
            pair=assessment.pair,
            paired_with=plan.paired_with,
            perception=assessment.perception,
        )

    def verdict(self, question_id: str) -> Verdict:
        return self._verdicts[question_id]

    @property
    def verdicts(self) -> tuple[Verdict, ...]:
        """Every verdict, in the bank's order (empty before the first `update`)."""
        return tuple(
            self._verdicts[plan.question.id]
            for plan in self._plans
            if plan.question.id in self._verdicts
        )

    def __iter__(self) -> Iterator[Verdict]:
        return iter(self.verdicts)

    def summary(self, *, include_hidden: bool = False, top: int = TOP_CONFLICTS) -> Summary:
        """Counts, alignment figure and conflicts per category, and the scale chart; hidden
        questions left out unless `include_hidden` (an export at the end shows everything)."""
        key = (include_hidden, top)
        if key not in self._summaries:
            self._summaries[key] = summarise(self.verdicts, include_hidden=include_hidden, top=top)
        return self._summaries[key]
