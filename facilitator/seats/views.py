"""What each seat may see, as plain data: the one place that decides what leaves the server.

A party's view is built from the workshop state alone, and takes from it only:
- what the room shares: the title, the section and question on screen, the section's timer,
  which questions are revealed, whether the session has ended;
- the party's own answers and guesses;
- of the other side, before a reveal, only whether it has answered the question on screen (its
  readiness); after a question is revealed, its answers and guesses to that question, and the
  comparison's status and reason once every question the verdict reads is revealed too (an
  expectation quotes the other side's offer). Never an override's comment.

Pages, event streams and downloads are rendered from these views only, so what one party sees
does not depend on the other side's unrevealed answers: tests check exactly that. Time values
(`remaining`) are the only part that changes with the clock; `fingerprint` leaves them out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from ..bank.answers import describe
from ..bank.model import Bank, Kind, Question
from ..compare.comparison import Comparison
from ..session.records import AnswerKey, JSONValue, SessionMeta
from ..session.state import WorkshopState
from ..session.times import whole

OTHER = {"a": "b", "b": "a"}


@dataclass(frozen=True)
class TimerView:
    budget: float
    spent: float
    """Seconds counted before the current run."""
    running_since: float | None
    remaining: float
    """Seconds left at the moment the view was made (negative in overtime): the one clock value."""

    @property
    def running(self) -> bool:
        return self.running_since is not None

    @property
    def paused(self) -> bool:
        """Stopped after it had started: the moderator paused the clock."""
        return self.running_since is None and self.spent > 0


@dataclass(frozen=True)
class Shown:
    """One saved answer or guess, as its party sees it."""

    value: JSONValue
    text: str
    """The answer as one line (`answers.describe`)."""
    revision: int


@dataclass(frozen=True)
class Outcome:
    """A revealed question: both sides' answers side by side and, when every question its
    verdict reads is revealed, the verdict."""

    own: str | None
    other: str | None
    own_guess: str | None
    other_guess: str | None
    status: str | None
    """The comparison's status, or None while the verdict is not fully revealed."""
    reason: str
    set_by_moderator: bool
    """The status is the moderator's (the comment is never shown)."""
    guesses: tuple[str, ...]
    """How each side's guess of the other fared, one sentence each."""


@dataclass(frozen=True)
class QuestionView:
    id: str
    kind: Kind
    wording: str
    """The question as the bank words it for this party."""
    other_wording: str
    """As the bank words it for the other side (what a guess is a guess of)."""
    options: tuple[str, ...]
    pick: int | None
    scale: tuple[int, int, str, str] | None
    """low, high, low label, high label."""
    unit: str
    asked: bool
    """Whether this party is asked it; a one-sided question says "not asked of you"."""
    other_asked: bool
    predict: bool
    """Whether it asks this party for a guess of the other side's answer."""
    answer: Shown | None
    guess: Shown | None
    other_ready: bool
    """Whether the other side has answered (never what)."""
    revealed: bool
    outcome: Outcome | None


@dataclass(frozen=True)
class PartyView:
    title: str
    party: str
    party_name: str
    other_name: str
    section_title: str
    section_number: int
    section_count: int
    question_number: int
    question_count: int
    timer: TimerView
    question: QuestionView
    ended: bool

    @property
    def waiting(self) -> str:
        """What the party is waiting for now, in words; "" when it is its turn to answer."""
        question = self.question
        if self.ended:
            return "The workshop has ended."
        if question.revealed:
            return ""
        if not question.asked:
            return "This question is not asked of you."
        if question.answer is None:
            return ""
        if question.other_asked and not question.other_ready:
            return f"Saved. Waiting for {self.other_name}."
        if question.other_asked:
            return "Both sides have answered: waiting for the moderator to reveal."
        return "Saved. Waiting for the moderator to reveal."

    def fingerprint(self) -> str:
        """A digest of everything shown but the clock: it changes exactly when the page must."""
        return _digest(self, drop={"remaining"})


@dataclass(frozen=True)
class ResultRow:
    """One question in a party's results download: its own side, and what was revealed."""

    section: str
    question: str
    asked: bool
    answer: str | None
    guess: str | None
    revealed: bool
    outcome: Outcome | None


@dataclass(frozen=True)
class ModeratorView:
    """The moderator's remote page: the question, the presenter notes and the controls' state,
    and of the answers only who has answered. Never an unrevealed answer."""

    title: str
    names: tuple[str, str]
    section_title: str
    section_number: int
    section_count: int
    question_number: int
    question_count: int
    question_id: str
    text: str
    wordings: tuple[str, str]
    help: str
    asked: tuple[bool, bool]
    ready: tuple[bool, bool]
    revealed: bool
    reveal_blockers: str
    """`Workshop.check_reveal(...).message`: "" or "not answered yet: Globex"."""
    timer: TimerView
    first: bool
    last: bool
    ended: bool

    def fingerprint(self) -> str:
        return _digest(self, drop={"remaining"})


def _digest(view: object, drop: set[str]) -> str:
    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in drop}
        if isinstance(value, list | tuple):
            return [strip(v) for v in value]
        return value

    data = json.dumps(strip(asdict(view)), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def names_of(meta: SessionMeta) -> Mapping[str, str]:
    return {"a": meta.party_a, "b": meta.party_b}


def wording(question: Question, party: str) -> str:
    own = question.wording_a if party == "a" else question.wording_b
    return own or question.text


def _timer(state: WorkshopState, now: float) -> TimerView:
    timer = state.timers[state.section]
    # Whole seconds by the one rule (session.times), so the page agrees with the room's screen.
    left = whole(timer.budget) - whole(timer.elapsed(now))
    return TimerView(timer.budget, timer.spent, timer.running_since, float(left))


def _shown(question: Question, state: WorkshopState, key: AnswerKey) -> Shown | None:
    answer = state.answers.get(key)
    if answer is None:
        return None
    return Shown(answer.value, describe(question, answer.value), answer.revision)


def _text(question: Question, state: WorkshopState, key: AnswerKey) -> str | None:
    shown = _shown(question, state, key)
    return None if shown is None else shown.text


def outcome(
    question: Question, state: WorkshopState, party: str, comparison: Comparison
) -> Outcome | None:
    """The revealed side-by-side of `question` for `party`, or None while it is hidden."""
    if question.id not in state.revealed:
        return None
    other = OTHER[party]
    verdict = comparison.verdict(question.id)
    shown = verdict.revealed
    return Outcome(
        own=_text(question, state, AnswerKey(question.id, party, False)),
        other=_text(question, state, AnswerKey(question.id, other, False)),
        own_guess=_text(question, state, AnswerKey(question.id, party, True)),
        other_guess=_text(question, state, AnswerKey(question.id, other, True)),
        status=verdict.status.value if shown else None,
        reason=verdict.reason if shown else "",
        set_by_moderator=shown
        and verdict.override is not None
        and verdict.override.status is not None,
        guesses=tuple(gap.reason for gap in verdict.perception) if shown else (),
    )


def question_view(
    question: Question, state: WorkshopState, party: str, comparison: Comparison
) -> QuestionView:
    other = OTHER[party]
    scale = question.scale
    return QuestionView(
        id=question.id,
        kind=question.kind,
        wording=wording(question, party),
        other_wording=wording(question, other),
        options=question.options,
        pick=question.pick,
        scale=None if scale is None else (scale.low, scale.high, scale.low_label, scale.high_label),
        unit=question.unit,
        asked=question.asks(party),
        other_asked=question.asks(other),
        predict=question.predict and question.asks(party),
        answer=_shown(question, state, AnswerKey(question.id, party, False)),
        guess=_shown(question, state, AnswerKey(question.id, party, True)),
        other_ready=AnswerKey(question.id, other, False) in state.answers,
        revealed=question.id in state.revealed,
        outcome=outcome(question, state, party, comparison),
    )


def party_view(
    state: WorkshopState,
    meta: SessionMeta,
    party: str,
    comparison: Comparison,
    now: float,
) -> PartyView:
    """What `party`'s page shows at clock time `now`. `comparison` must be up to date with
    `state` (only revealed verdicts are read from it)."""
    names = names_of(meta)
    bank: Bank = state.bank
    section = bank.sections[state.section]
    return PartyView(
        title=meta.title,
        party=party,
        party_name=names[party],
        other_name=names[OTHER[party]],
        section_title=section.title,
        section_number=state.section + 1,
        section_count=len(bank.sections),
        question_number=state.question + 1,
        question_count=len(section.questions),
        timer=_timer(state, now),
        question=question_view(section.questions[state.question], state, party, comparison),
        ended=state.ended,
    )


def party_results(
    state: WorkshopState, party: str, comparison: Comparison
) -> tuple[ResultRow, ...]:
    """Every question, as `party` may see it now: its own answers, and what was revealed."""
    return tuple(
        ResultRow(
            section=section.title,
            question=wording(question, party),
            asked=question.asks(party),
            answer=_text(question, state, AnswerKey(question.id, party, False)),
            guess=_text(question, state, AnswerKey(question.id, party, True)),
            revealed=question.id in state.revealed,
            outcome=outcome(question, state, party, comparison),
        )
        for section in state.bank.sections
        for question in section.questions
    )


def moderator_view(
    state: WorkshopState, meta: SessionMeta, reveal_blockers: str, now: float
) -> ModeratorView:
    bank = state.bank
    section = bank.sections[state.section]
    question = section.questions[state.question]
    last_section = state.section == len(bank.sections) - 1
    return ModeratorView(
        title=meta.title,
        names=(meta.party_a, meta.party_b),
        section_title=section.title,
        section_number=state.section + 1,
        section_count=len(bank.sections),
        question_number=state.question + 1,
        question_count=len(section.questions),
        question_id=question.id,
        text=question.text,
        wordings=(question.wording_a, question.wording_b),
        help=question.help,
        asked=(question.asks("a"), question.asks("b")),
        ready=(
            AnswerKey(question.id, "a", False) in state.answers,
            AnswerKey(question.id, "b", False) in state.answers,
        ),
        revealed=question.id in state.revealed,
        reveal_blockers=reveal_blockers,
        timer=_timer(state, now),
        first=state.section == 0 and state.question == 0,
        last=last_section and state.question == len(section.questions) - 1,
        ended=state.ended,
    )
