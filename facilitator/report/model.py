"""The session report: everything an export shows, gathered from a workshop's state at one moment.

A report is plain data (frozen dataclasses of strings and numbers) so that each format in
`export` only lays it out. It can be made at any moment: mid-session (a live export) or after
the end (from the saved session, via `replay`). Unlike the live screen, a report shows answers
not yet revealed, marked as such: it is a record for the moderator, not the shared screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..bank.answers import describe
from ..bank.model import Compare, PlanPart, Question
from ..compare.comparison import Comparison
from ..compare.offers import PairDirection
from ..compare.tally import CATEGORIES, SUMMED_AS, summed_title
from ..compare.verdicts import PerceptionGap, Verdict
from ..live.replay import Replay
from ..session.records import ENDED, PARTIES, AnswerKey, SessionMeta
from ..session.state import WorkshopState
from ..session.status import Status
from ..session.times import SessionTimes, session_times

if TYPE_CHECKING:
    from ..live.workshop import Workshop

PLAN_TITLES = {
    PlanPart.GOALS: "Joint goals",
    PlanPart.METRICS: "Success metrics",
    PlanPart.ROLES: "Roles",
    PlanPart.CADENCE: "Review cadence",
}


@dataclass(frozen=True)
class Guess:
    """One side's guess of the other side's answer, against what the other side said."""

    party: str
    """Whose guess: "a" or "b"."""
    guess: str
    actual: str | None
    status: Status
    reason: str


@dataclass(frozen=True)
class Entry:
    """One question, both answers side by side, and what the comparison made of them."""

    id: str
    section: str
    """The section's title."""
    text: str
    kind: str
    category: Compare
    a: str | None
    """Party A's answer as one line of text; None when A has not answered."""
    b: str | None
    status: Status
    computed: Status
    reason: str
    overridden: bool
    comment: str
    revealed: bool
    asked: tuple[str, ...]
    """The parties the question is asked of."""
    guesses: tuple[Guess, ...]
    pair: tuple[PairDirection, ...]
    """On an expectation with a paired offer: each direction's matching."""


@dataclass(frozen=True)
class CategoryReport:
    category: Compare
    title: str
    questions: int
    counts: Mapping[Status, int]
    alignment: float | None
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class SectionTime:
    id: str
    title: str
    planned: float
    """The bank's time for the section. All three times follow `session.times`: whole seconds."""
    budget: float
    """Planned time plus every extension and reduction given during the session."""
    actual: float
    """The time the section ran, pauses and quit breaks left out."""
    visited: bool
    airtime: Mapping[str, float]
    """Seconds of talking per party ("a", "b")."""


def airtime_shares(airtime: Mapping[str, float]) -> dict[str, float] | None:
    """Each party's share of the talking in `airtime` (seconds per party), from 0 to 1; None
    while nobody has been marked as speaking. The summary and every export show these."""
    total = sum(airtime.values())
    if total <= 0:
        return None
    return {party: airtime.get(party, 0.0) / total for party in PARTIES}


@dataclass(frozen=True)
class Item:
    """A note, an action item or a parked topic."""

    kind: str
    text: str
    owner: str
    due: str
    section: str
    """The section's title."""
    question: str
    """The id of the question it came from, or ""."""
    question_text: str
    done: bool = False
    """An action item ticked done."""


@dataclass(frozen=True)
class PlanLine:
    question: str
    """The question's id."""
    text: str
    a: str | None
    b: str | None
    status: Status


@dataclass(frozen=True)
class PlanHeading:
    part: PlanPart
    title: str
    lines: tuple[PlanLine, ...]


@dataclass(frozen=True)
class Report:
    title: str
    party_a: str
    party_b: str
    moderator: str
    bank: str
    created: float
    ended: float | None
    status: str
    at: float
    """The moment the report shows (clock time)."""
    elapsed: float
    """The session's total time at `at`: the sum of the section actuals (not the wall time)."""
    planned: float
    budget: float
    """The sum of the section budgets: planned plus every extension and reduction."""
    categories: tuple[CategoryReport, ...]
    """Goals, expectations (with offers), non-negotiables, then context."""
    conflicts: tuple[Entry, ...]
    """Every conflict, most pressing first."""
    guesses: tuple[Entry, ...]
    """The questions where a side guessed the other's answer."""
    sections: tuple[SectionTime, ...]
    actions: tuple[Item, ...]
    notes: tuple[Item, ...]
    parking: tuple[Item, ...]
    plan: tuple[PlanHeading, ...]

    def party(self, party: str) -> str:
        return self.party_a if party == "a" else self.party_b

    @property
    def airtime(self) -> dict[str, float]:
        """Seconds of talking per party over the whole session: the sum of the sections'."""
        return {party: sum(s.airtime.get(party, 0.0) for s in self.sections) for party in PARTIES}

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(entry for category in self.categories for entry in category.entries)


def _answer(question: Question, state: WorkshopState, party: str, guess: bool) -> str | None:
    answer = state.answers.get(AnswerKey(question.id, party, guess))
    return None if answer is None else describe(question, answer.value)


def _guess(question: Question, gap: PerceptionGap) -> Guess:
    actual = None if gap.actual is None else describe(question, gap.actual.value)
    return Guess(gap.guesser, describe(question, gap.guess.value), actual, gap.status, gap.reason)


def _entry(verdict: Verdict, state: WorkshopState, section: str) -> Entry:
    question = verdict.question
    return Entry(
        id=question.id,
        section=section,
        text=question.text,
        kind=question.kind.value,
        category=question.compare,
        a=_answer(question, state, "a", False),
        b=_answer(question, state, "b", False),
        status=verdict.status,
        computed=verdict.computed,
        reason=verdict.reason,
        overridden=verdict.override is not None and verdict.override.status is not None,
        comment=verdict.comment,
        revealed=verdict.revealed,
        asked=tuple(party for party in PARTIES if question.asks(party)),
        guesses=tuple(_guess(question, gap) for gap in verdict.perception),
        pair=verdict.pair.directions if verdict.pair else (),
    )


def _sections(state: WorkshopState, times: SessionTimes, now: float) -> tuple[SectionTime, ...]:
    return tuple(
        SectionTime(
            id=section.id,
            title=section.title,
            planned=float(time.planned),
            budget=float(time.budget),
            actual=float(time.actual),
            visited=time.visited,
            airtime=state.airtime_in(section.id, now),
        )
        for section, time in zip(state.bank.sections, times.sections, strict=True)
    )


def _items(
    state: WorkshopState, titles: Mapping[str, str], texts: Mapping[str, str], kind: str
) -> tuple[Item, ...]:
    return tuple(
        Item(
            kind=note.kind,
            text=note.text,
            owner=note.owner,
            due=note.due,
            section=titles.get(note.section, note.section),
            question=note.question if note.question in texts else "",
            question_text=texts.get(note.question, ""),
            done=note.done,
        )
        for note in state.current_notes()
        if note.kind == kind
    )


def _plan(entries: Mapping[str, Entry], questions: list[Question]) -> tuple[PlanHeading, ...]:
    return tuple(
        PlanHeading(
            part,
            title,
            tuple(
                PlanLine(q.id, q.text, entries[q.id].a, entries[q.id].b, entries[q.id].status)
                for q in questions
                if q.plan is part
            ),
        )
        for part, title in PLAN_TITLES.items()
    )


def build_report(
    meta: SessionMeta, state: WorkshopState, now: float, comparison: Comparison | None = None
) -> Report:
    """The report of `state` at clock time `now`; `comparison` may be one already kept up to date
    (a live dashboard's), else the comparison is computed here."""
    if comparison is None:
        comparison = Comparison(state.bank, (meta.party_a, meta.party_b), start=meta.created)
    comparison.update(state)
    bank = state.bank
    section_of = {q.id: s.title for s in bank.sections for q in s.questions}
    entries = {v.question.id: _entry(v, state, section_of[v.question.id]) for v in comparison}
    summary = comparison.summary(include_hidden=True, top=len(entries))
    categories = []
    for category in (*CATEGORIES, Compare.CONTEXT):
        members = tuple(
            entry
            for entry in entries.values()
            if SUMMED_AS.get(entry.category, Compare.CONTEXT) is category
        )
        counted = summary.category(category) if category in CATEGORIES else None
        categories.append(
            CategoryReport(
                category=category,
                title=summed_title(category),
                questions=len(members),
                counts=counted.counts if counted else {},
                alignment=counted.alignment if counted else None,
                entries=members,
            )
        )
    titles = {section.id: section.title for section in bank.sections}
    texts = {question.id: question.text for question in bank.questions}
    times = session_times(state, now)
    return Report(
        title=meta.title,
        party_a=meta.party_a,
        party_b=meta.party_b,
        moderator=meta.moderator,
        bank=bank.title,
        created=meta.created,
        ended=meta.ended,
        status=meta.status,
        at=now,
        elapsed=float(times.total),
        planned=float(times.planned),
        budget=float(times.budget),
        categories=tuple(categories),
        conflicts=tuple(entries[v.question.id] for v in summary.top_conflicts),
        guesses=tuple(entry for entry in entries.values() if entry.guesses),
        sections=_sections(state, times, now),
        actions=_items(state, titles, texts, "action"),
        notes=_items(state, titles, texts, "note"),
        parking=_items(state, titles, texts, "parking"),
        plan=_plan(entries, list(bank.questions)),
    )


def report_of_session(path: Path) -> Report:
    """The report of a saved session as it stands (read-only: it works while a session runs)."""
    replay = Replay.open(path)
    state = replay.state_after(len(replay.events))
    meta = replay.meta
    now = meta.ended if meta.status == ENDED and meta.ended is not None else state.time
    return build_report(meta, state, max(now, meta.created))


def report_of_workshop(workshop: Workshop) -> Report:
    """The report of a live workshop at this moment, from its state in memory (nothing the room
    has seen is left out, even what is still being saved); once ended, at its end."""
    meta, state = workshop.meta, workshop.state
    now = (meta.ended or state.time) if state.ended else workshop.clock()
    return build_report(meta, state, now)
