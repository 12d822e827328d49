"""The rules that compare two stances (a position plus how firmly it is held).

Positions are written in the first person ("We do", "The partner does"), so the same words mean
opposite things from the two sides. Each position is first read as whose way it goes from the
answering side's view (`holder_of`), then turned into a side of the table ("a", "b") or kept as
a neutral position; the two claims are then compared by the tables below. docs/comparison.md
describes the same rules for moderators and bank authors.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from ..bank.model import Firmness
from ..session.status import Status
from .matching import PARTLY, SAME, similarity


class Holder(StrEnum):
    """Whose way a position goes, from the answering side's view."""

    OWN = "own"
    OTHER = "other"
    NEUTRAL = "neutral"
    """Shared, joint, either side, or nobody in particular."""


class Relation(StrEnum):
    """How two claims relate; with the firmness on both sides it decides the status."""

    SAME = "same"
    """Both put it with the same side, or hold the same neutral position."""
    BOTH_CLAIM = "both-claim"
    """Each side claims it for itself (both "We do")."""
    BOTH_DEFER = "both-defer"
    """Each side leaves it to the other (both "The partner does")."""
    DIFFER = "differ"
    """Any other pair of different positions."""


JOINT_WORDS = frozenset(
    """each both either neither joint jointly together shared share mutual mutually whoever
    whichever agree agreed agreeing compete cooperate collaborate""".split()  # noqa: SIM905 (reads as text)
)
"""Words that make a clause about both sides or about whoever happens to act: neutral."""

OWN_WORDS = ("we", "us", "our", "ours", "ourselves")
OTHER_WORDS = ("the partner", "they", "them", "their", "theirs", "themselves")
OWN_POSSESSIVES = frozenset({"our", "ours"})
OTHER_POSSESSIVES = frozenset({"the partner's", "partner's", "their", "theirs"})

_CLAUSE_END = re.compile(r"[;:,]")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")

GROUPS: Mapping[Firmness, str] = {
    Firmness.MUST_HAVE: "must",
    Firmness.PREFERRED: "preferred",
    Firmness.FLEXIBLE: "loose",
    Firmness.INDIFFERENT: "loose",
}

FIRMNESS_TABLE: Mapping[tuple[str, str], Status] = {
    ("must", "must"): Status.CONFLICT,
    ("must", "preferred"): Status.DIFFERENT,
    ("must", "loose"): Status.DIFFERENT,
    ("preferred", "preferred"): Status.DIFFERENT,
    ("preferred", "loose"): Status.COMPLEMENTARY,
    ("loose", "loose"): Status.COMPLEMENTARY,
}
"""The status of two different positions by how firmly each is held, firmer side first.
"loose" is flexible or indifferent. Positions that agree are aligned whatever the firmness."""

ORDER = tuple(Firmness)
"""Firmest first."""


@dataclass(frozen=True)
class Claim:
    """One side's stance, read."""

    party: str
    """Who answered: "a" or "b"."""
    position: str
    firmness: Firmness
    holder: Holder
    side: str | None
    """The side of the table the position gives it to ("a", "b"), None when neutral."""


@dataclass(frozen=True)
class StanceDetail:
    """What the stance rules found, for a view and for the reason."""

    a: Claim
    b: Claim
    relation: Relation
    gives_way: str | None
    """The side that would have to move ("a" or "b"): the looser one, when the two differ in
    firmness and the positions differ; None otherwise."""


def _phrase(words: tuple[str, ...] | frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    # A contraction ("we'll", "they're") still names the side.
    return re.compile(rf"(?<![a-z'])(?:{alternatives})(?:'(?:ll|d|re|ve))?(?![a-z'])")


_OWN = _phrase(OWN_WORDS)
_OTHER = _phrase((*OTHER_WORDS, "the partner's", "partner's"))
_OWN_POSSESSIVE = _phrase(OWN_POSSESSIVES)
_OTHER_POSSESSIVE = _phrase(OTHER_POSSESSIVES)


def _clean(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def first_clause(position: str) -> str:
    """The main claim: the position up to its first `;`, `:` or `,`. What follows qualifies it
    ("We decide; the partner gives input")."""
    return _CLAUSE_END.split(_clean(position), maxsplit=1)[0]


def holder_of(position: str, names: Mapping[str, str] | None = None) -> Holder | str:
    """Whose way `position` goes from the answering side's view, or the party ("a"/"b") when it
    names one by label ("The enterprise leads": the same side whoever answers).

    In the first clause: a word about both sides or whoever acts makes it neutral; otherwise a
    possessive names whose thing it is ("We adapt to the partner's processes": the other side's)
    and wins over the subject; otherwise the first mention of a side decides; else neutral.
    `names` maps "a"/"b" to the party labels that positions may use."""
    clause = first_clause(position)
    if any(word in JOINT_WORDS for word in _WORD.findall(clause)):
        return Holder.NEUTRAL
    mentions: list[tuple[int, Holder | str]] = []
    possessed: set[Holder | str] = set()
    for pattern, holder in ((_OWN, Holder.OWN), (_OTHER, Holder.OTHER)):
        mentions += [(match.start(), holder) for match in pattern.finditer(clause)]
    if _OWN_POSSESSIVE.search(clause):
        possessed.add(Holder.OWN)
    if _OTHER_POSSESSIVE.search(clause):
        possessed.add(Holder.OTHER)
    for party, name in (names or {}).items():
        label = _clean(name)
        if not label:
            continue
        pattern = re.compile(rf"(?<![a-z']){re.escape(label)}('s)?(?![a-z'])")
        for match in pattern.finditer(clause):
            mentions.append((match.start(), party))
            if match.group(1):
                possessed.add(party)
    if len(possessed) == 1:
        return possessed.pop()
    if mentions:
        return min(mentions, key=lambda mention: mention[0])[1]
    return Holder.NEUTRAL


def claim(party: str, value: Mapping[str, str], names: Mapping[str, str] | None = None) -> Claim:
    """A stored stance answer of `party`, read as a claim."""
    position = value["position"]
    holder = holder_of(position, names)
    other = "b" if party == "a" else "a"
    if holder is Holder.OWN:
        side: str | None = party
    elif holder is Holder.OTHER:
        side = other
    elif holder is Holder.NEUTRAL:
        side = None
    else:
        side = holder
        holder = Holder.OWN if holder == party else Holder.OTHER
    return Claim(party, position, Firmness(value["firmness"]), holder, side)


def _gist(position: str) -> str:
    """A free-text position without the words that say whose it is, to compare what it is about."""
    text = _clean(position)
    for pattern in (_OTHER, _OWN):
        text = pattern.sub(" ", text)
    return " ".join(text.split())


def relation(a: Claim, b: Claim, *, options: bool) -> Relation:
    """How the two claims relate. With the bank's options, positions are compared as they are;
    free-text positions must say much the same thing (fuzzily) before sides are compared."""
    if not options:
        if a.side is None or b.side is None:
            if a.side is None and b.side is None and similarity(a.position, b.position) >= SAME:
                return Relation.SAME
            return Relation.DIFFER
        about = similarity(_gist(a.position), _gist(b.position))
        if a.side == b.side:
            return Relation.SAME if about >= SAME else Relation.DIFFER
        if about < PARTLY:
            return Relation.DIFFER
    elif a.side is None or b.side is None:
        return Relation.SAME if a.position == b.position and a.side == b.side else Relation.DIFFER
    if a.side == b.side:
        return Relation.SAME
    return Relation.BOTH_CLAIM if a.side == a.party else Relation.BOTH_DEFER


def compare_stances(
    value_a: Mapping[str, str],
    value_b: Mapping[str, str],
    *,
    options: bool,
    names: Mapping[str, str] | None = None,
) -> tuple[Status, StanceDetail]:
    """The status of two stance answers, and what the rules found."""
    a, b = claim("a", value_a, names), claim("b", value_b, names)
    found = relation(a, b, options=options)
    if found is Relation.SAME:
        return Status.ALIGNED, StanceDetail(a, b, found, None)
    firm, loose = sorted((a, b), key=lambda c: ORDER.index(c.firmness))
    status = FIRMNESS_TABLE[GROUPS[firm.firmness], GROUPS[loose.firmness]]
    gives_way = loose.party if firm.firmness is not loose.firmness else None
    return status, StanceDetail(a, b, found, gives_way)


def firmness_steps(a: Firmness, b: Firmness) -> int:
    """How many steps apart two firmness levels are (0 to 3)."""
    return abs(ORDER.index(a) - ORDER.index(b))


def stance_reason(status: Status, detail: StanceDetail, labels: Mapping[str, str]) -> str:
    """One sentence a moderator can read out."""
    a, b = detail.a, detail.b
    if detail.relation is Relation.SAME:
        if a.side is not None:
            return f"both give it to {labels[a.side]}"
        return f"both: “{a.position}”"
    loose = detail.gives_way
    firm = None if loose is None else ("b" if loose == "a" else "a")
    given = None if loose is None else (a if loose == "a" else b).firmness.value
    held = None if firm is None else (a if firm == "a" else b).firmness.value
    if detail.relation is Relation.BOTH_CLAIM:
        if status is Status.CONFLICT:
            return "both insist on it for themselves (must-have on both sides)"
        if loose is not None:
            return f"both claim it for themselves; {labels[loose]} ({given}) would have to give way"
        return f"both claim it for themselves, both {a.firmness.value}: agree who"
    if detail.relation is Relation.BOTH_DEFER:
        if status is Status.CONFLICT:
            return "each insists the other side takes it on (must-have on both sides)"
        if loose is not None:
            return f"each leaves it to the other; {labels[loose]} ({given}) could take it on"
        return "each leaves it to the other: nobody takes it on yet"
    if status is Status.CONFLICT:
        return f"both insist: {labels['a']} on “{a.position}”, {labels['b']} on “{b.position}”"
    if loose is not None and firm is not None:
        return f"{labels[loose]} ({given}) would have to give way to {labels[firm]}'s {held}"
    return f"different positions, both {a.firmness.value}"
