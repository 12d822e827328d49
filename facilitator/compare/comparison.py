"""The live comparison: for every question a verdict (status, reason, details), kept up to date
incrementally as the workshop state changes.

`assess` judges one question from its answers alone; `Comparison.update(state)` calls it only for
questions whose answers changed (answers are immutable, so identity tells), and rebuilds the cheap
parts (reveal, override) of the others. The rules are in docs/comparison.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import MappingProxyType
from typing import Any

from ..bank.model import Bank, Compare, Firmness, Kind, Question
from ..base.text import amount
from ..session.records import PARTIES, Answer, AnswerKey
from ..session.state import Override, WorkshopState
from ..session.status import Status
from .horizons import Horizon, answer_horizon
from .matching import SAME, Synonyms, common_words, similarity
from .measures import Detail, Gap, Items, Ranking, gap_status, items_of, measure
from .offers import compare_pair
from .stances import (
    Relation,
    StanceDetail,
    claim,
    compare_stances,
    firmness_steps,
    stance_reason,
)
from .tally import TOP_CONFLICTS, Summary, summarise
from .verdicts import AnyDetail, Assessment, PerceptionGap, Verdict

SHARED_ENOUGH = 0.5
"""Text and list answers sharing at least half their distinct items say mostly the same."""
RANK_ALIGNED = 2 / 3
"""A rank similarity from which two rankings are aligned (the same top three, one swap)."""
RANK_COMPLEMENTARY = 1 / 3
"""A rank similarity from which two rankings still fit together."""
FIRMNESS_CLOSE = 1
"""A guessed stance whose firmness is off by at most one step still counts as right."""
HORIZON_NEAR = (0.2, 1.0)
"""Without `near=`, two time horizons agree within 20% of the longer one, or a month."""
HORIZON_FAR = (0.5, 3.0)
"""Without `far=`, two time horizons collide 50% of the longer one apart, or three months."""


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


def _number(value: float) -> str:
    return f"{value:g}"


def _amount(question: Question, value: float) -> str:
    return amount(value, question.unit)


def _quoted(items: tuple[str, ...], limit: int = 2) -> str:
    text = ", ".join(f"“{item}”" for item in items[:limit])
    return f"{text} and {len(items) - limit} more" if len(items) > limit else text


def _claims_reason(question: Question, gap: Gap, labels: Mapping[str, str]) -> str:
    whole = gap.whole or 0.0
    said = f"{labels['a']} {_amount(question, gap.a)}, {labels['b']} {_amount(question, gap.b)}: "
    total = f"together {_amount(question, gap.total)} of {_amount(question, whole)}"
    if gap.measured <= 0:
        left = whole - gap.total
        return said + total + (f", {_amount(question, left)} left" if left else ": it adds up")
    over = f"{_amount(question, gap.measured)} more than the whole"
    status = gap_status(gap)
    if status is Status.ALIGNED:
        return said + f"{total}, {over} (close: within {_number(gap.near)})"
    if status is Status.CONFLICT:
        far = _number(gap.far)
        return said + f"{total}, {over}: both claim the same share (conflict from {far})"
    return said + f"{total}, {over}: agree who gives up what"


def _gap_reason(question: Question, gap: Gap, labels: Mapping[str, str]) -> str:
    if gap.whole is not None:
        return _claims_reason(question, gap, labels)
    said = f"{labels['a']} {_amount(question, gap.a)}, {labels['b']} {_amount(question, gap.b)}: "
    if gap.relative:
        apart = f"{gap.measured:.0%} apart"
        near, far = f"{gap.near:.0%}", f"{gap.far:.0%}"
    else:
        apart = f"{_amount(question, gap.gap)} apart"
        near, far = _number(gap.near), _number(gap.far)
    status = gap_status(gap)
    if status is Status.ALIGNED:
        return said + (f"{apart} (close: within {near})" if gap.gap else "the same")
    if status is Status.CONFLICT:
        return said + f"{apart} (far apart: conflict from {far})"
    return said + f"{apart} (more than {near}, less than {far})"


UNSURE = "no words in common: check whether they mean the same"
"""The reason where word rules have no evidence either way (a paraphrase shares no word)."""


def _choice_verdict(items: Items, labels: Mapping[str, str]) -> tuple[Status, str]:
    shared = tuple(match.a for match in items.shared)
    if not items.only_a and not items.only_b:
        said = ", said from each side" if any(m.a != m.b for m in items.shared) else ""
        same = "the same choice" if len(shared) == 1 else "the same choices"
        return Status.ALIGNED, same + said
    if shared:
        total = len(shared) + len(items.only_a) + len(items.only_b)
        return Status.COMPLEMENTARY, f"{len(shared)} of {total} picks in common"
    if items.only_a == items.only_b:
        # The same words picked by both sides, where they mean opposite arrangements.
        return (
            Status.DIFFERENT,
            f"both chose {_quoted(items.only_a)}: from each side that is the opposite arrangement",
        )
    return (
        Status.DIFFERENT,
        f"{labels['a']} chose {_quoted(items.only_a)}, {labels['b']} {_quoted(items.only_b)}",
    )


def _items_verdict(
    question: Question, items: Items, labels: Mapping[str, str], synonyms: Synonyms = ()
) -> tuple[Status, str]:
    if question.kind is Kind.CHOICE:
        return _choice_verdict(items, labels)
    shared = tuple(match.a for match in items.shared)
    words: tuple[str, ...] = ()
    if not shared:
        words = common_words(
            [*items.only_a, *(m.a for m in items.shared)],
            [*items.only_b, *(m.b for m in items.shared)],
            synonyms,
        )
    if question.compare is Compare.NON_NEGOTIABLE:
        if shared:
            return Status.DIFFERENT, f"both protect {_quoted(shared)}: check they mean the same"
        if words:
            return Status.DIFFERENT, f"both touch {_quoted(words)}: check they can both hold"
        return Status.COMPLEMENTARY, "each protects different things (no words in common)"
    if items.similarity >= SHARED_ENOUGH:
        return Status.ALIGNED, f"mostly the same: {_quoted(shared)}"
    if shared:
        return Status.COMPLEMENTARY, f"both say {_quoted(shared)}; the rest differs"
    if words:
        return (
            Status.COMPLEMENTARY,
            f"nothing said the same, both speak of {_quoted(words)}: check they do not collide",
        )
    return Status.DIFFERENT, UNSURE


def _months(value: float) -> str:
    if value < 1:
        return f"{value * 30.4:.0f} days" if value else "now"
    return "1 month" if round(value, 1) == 1 else f"{value:.1f}".rstrip("0").rstrip(".") + " months"


def _horizons(
    question: Question, a: Horizon, b: Horizon, labels: Mapping[str, str]
) -> tuple[Status, str, Gap]:
    """Two time horizons compared like numbers, in months (docs/comparison.md)."""
    longer = max(a.months, b.months)
    near = question.near if question.near is not None else max(HORIZON_NEAR[0] * longer, 1.0)
    far = question.far if question.far is not None else max(HORIZON_FAR[0] * longer, 3.0)
    gap = abs(a.months - b.months)
    detail = Gap(a.months, b.months, gap, gap, near, max(far, near), False, "months")
    status = gap_status(detail)
    said = (
        f"{labels['a']} “{a.phrase}” ({_months(a.months)}), "
        f"{labels['b']} “{b.phrase}” ({_months(b.months)}): "
    )
    if status is Status.ALIGNED:
        verdict = "the same time horizon" if gap < 0.5 else f"close ({_months(gap)} apart)"
    elif status is Status.CONFLICT:
        verdict = f"{_months(gap)} apart (far apart: conflict from {_months(far)})"
    else:
        verdict = f"{_months(gap)} apart (more than {_months(near)}, less than {_months(far)})"
    return status, said + verdict + ", read as time horizons", detail


def _ranking_verdict(ranking: Ranking) -> tuple[Status, str]:
    common = f"{len(ranking.shared)} of the top {ranking.top} in common"
    if ranking.tau is None:
        order = ""
    elif ranking.tau == 1:
        order = ", ranked the same way"
    elif ranking.tau == -1:
        order = ", ranked in opposite order"
    else:
        order = ", ranked differently"
    reason = common + order
    if ranking.similarity >= RANK_ALIGNED:
        return Status.ALIGNED, reason
    if ranking.similarity >= RANK_COMPLEMENTARY:
        return Status.COMPLEMENTARY, reason
    return Status.DIFFERENT, reason


def judge(
    question: Question,
    value_a: Any,
    value_b: Any,
    labels: Mapping[str, str],
    names: Mapping[str, str] | None = None,
    synonyms: Synonyms = (),
    start: date | None = None,
) -> tuple[Status, str, AnyDetail]:
    """The status, reason and detail of two answers to `question`, by its kind and category.
    `names` are the bank's party labels, which stance positions may use to name a side;
    `synonyms` the bank's groups of equivalent terms; `start` the session's first day, against
    which relative dates in words resolve ("by the end of this month")."""
    if question.kind in (Kind.TEXT, Kind.LIST):
        horizon_a = answer_horizon(question.text, items_of(question, value_a), start)
        horizon_b = answer_horizon(question.text, items_of(question, value_b), start)
        if horizon_a is not None and horizon_b is not None:
            return _horizons(question, horizon_a, horizon_b, labels)
    if question.kind is Kind.STANCE:
        status, stance = compare_stances(
            value_a, value_b, options=bool(question.options), names=names, synonyms=synonyms
        )
        return status, stance_reason(status, stance, labels), stance
    detail: Detail = measure(question, value_a, value_b, synonyms, names=dict(names or {}))
    if isinstance(detail, Gap):
        return gap_status(detail), _gap_reason(question, detail, labels), detail
    if isinstance(detail, Ranking):
        return (*_ranking_verdict(detail), detail)
    return (*_items_verdict(question, detail, labels, synonyms), detail)


def _perception(
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
            status, _, gap = _horizons(question, guessed_horizon, said_horizon, labels)
            reason = (
                f"{labels[guesser]} guessed “{guessed_horizon.phrase}”, {labels[other]} said "
                f"“{said_horizon.phrase}” ({_months(gap.gap)} off)"
            )
            return PerceptionGap(guesser, guess, actual, status, reason, gap)
    detail = measure(question, guess.value, actual.value, synonyms, claims=False)
    if isinstance(detail, Gap):
        guessed, said = _amount(question, detail.a), _amount(question, detail.b)
        apart = f"{detail.measured:.0%}" if detail.relative else _amount(question, detail.gap)
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
        _perception(question, guess, own["b" if party == "a" else "a"], labels, synonyms, start)
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
