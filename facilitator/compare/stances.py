"""The rules that compare two stances (a position plus how firmly it is held).

Positions are written in the first person ("We do", "The partner does"), so the same words mean
opposite things from the two sides. Each position is first read as whose way it goes from the
answering side's view (`holder_of`), then turned into a side of the table ("a", "b") or kept as
a neutral position; the two claims are then compared by the tables below. A negated clause ("we
do not run the accounts") gives it to the other side, and a position that splits something
between the sides ("we take retail, the partner takes the public sector") is read clause by
clause, so the same arrangement said from each side agrees. docs/comparison.md describes the same
rules for moderators and bank authors.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from ..bank.model import Firmness
from ..session.status import Status
from .matching import NEGATIONS, PARTLY, SAME, Synonyms, negated, pair_items, similarity


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

_CLAUSE_END = re.compile(r"[;:,]|\s(?:and|while|whereas|but)\s")
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


def clauses(position: str) -> tuple[str, ...]:
    """The position's clauses: split at `;`, `:`, `,` and at "and", "while", "whereas", "but"."""
    return tuple(part.strip() for part in _CLAUSE_END.split(_clean(position)) if part.strip())


def _flipped(holder: Holder | str) -> Holder | str:
    if holder is Holder.OWN:
        return Holder.OTHER
    if holder is Holder.OTHER:
        return Holder.OWN
    if holder in ("a", "b"):
        return "b" if holder == "a" else "a"
    return holder


def _clause_holder(clause: str, names: Mapping[str, str] | None) -> Holder | str | None:
    """Whose way one clause goes; None when it names no side and no joint word (undecided)."""
    if any(word in JOINT_WORDS for word in _WORD.findall(clause)):
        return Holder.NEUTRAL
    found = _named(clause, names)
    if found is None:
        return None
    # "We do not run the accounts": the clause gives it to the other side.
    return _flipped(found) if negated(clause) else found


def holder_of(position: str, names: Mapping[str, str] | None = None) -> Holder | str:
    """Whose way `position` goes from the answering side's view, or the party ("a"/"b") when it
    names one by label ("The enterprise leads": the same side whoever answers).

    In the first clause that decides (the first clause alone when it does; a later one only when
    the first names no side, as in "Open: whoever finds the customer sells"): a word about both
    sides or whoever acts makes it neutral; otherwise a possessive names whose thing it is ("We
    adapt to the partner's processes": the other side's) and wins over the subject; otherwise the
    first mention of a side decides; a negated clause gives it to the other side; else neutral.
    `names` maps "a"/"b" to the party labels that positions may use."""
    for clause in clauses(position):
        found = _clause_holder(clause, names)
        if found is not None:
            return found
    return Holder.NEUTRAL


def _named(clause: str, names: Mapping[str, str] | None) -> Holder | str | None:
    """The side a clause names (by person word, possessive or party label); None if none."""
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
    return None


def _side(holder: Holder | str, party: str) -> str | None:
    """The side of the table that `party`'s reading `holder` gives it to (None: neutral)."""
    if holder is Holder.OWN:
        return party
    if holder is Holder.OTHER:
        return "b" if party == "a" else "a"
    if holder is Holder.NEUTRAL:
        return None
    return str(holder)


def arrangement(
    party: str, position: str, names: Mapping[str, str] | None = None
) -> tuple[tuple[str, str], ...]:
    """(side of the table, what it is about) for each clause of `party`'s position that names a
    side; an arrangement when it gives things to both sides ("we take retail, the partner takes
    the public sector")."""
    found = []
    for clause in clauses(position):
        holder = _clause_holder(clause, names)
        side = None if holder is None else _side(holder, party)
        if side is not None:
            found.append((side, _gist(clause)))
    if len({side for side, _ in found}) < 2:
        return ()
    return tuple(found)


def same_arrangement(
    a: tuple[tuple[str, str], ...], b: tuple[tuple[str, str], ...], synonyms: Synonyms = ()
) -> bool:
    """Whether two arrangements give every thing to the same side, each clause of one matching
    a clause of the other."""
    if not a or not b or len(a) != len(b):
        return False
    shared, only_a, only_b = pair_items(
        [gist for _, gist in a], [gist for _, gist in b], synonyms=synonyms
    )
    if only_a or only_b:
        return False
    side_a = {gist: side for side, gist in a}
    side_b = {gist: side for side, gist in b}
    return all(side_a[match.a] == side_b[match.b] for match in shared)


def claim(party: str, value: Mapping[str, str], names: Mapping[str, str] | None = None) -> Claim:
    """A stored stance answer of `party`, read as a claim."""
    position = value["position"]
    holder = holder_of(position, names)
    side = _side(holder, party)
    if holder not in (Holder.OWN, Holder.OTHER, Holder.NEUTRAL):
        holder = Holder.OWN if holder == party else Holder.OTHER
    return Claim(party, position, Firmness(value["firmness"]), Holder(holder), side)


def _gist(position: str) -> str:
    """A position without the words that say whose it is or that negate it (both already read
    into its side), to compare what it is about."""
    text = _clean(position).replace("n't", " not")
    for pattern in (_OTHER, _OWN):
        text = pattern.sub(" ", text)
    return " ".join(word for word in text.split() if word not in NEGATIONS)


def relation(
    a: Claim,
    b: Claim,
    *,
    options: bool,
    names: Mapping[str, str] | None = None,
    synonyms: Synonyms = (),
) -> Relation:
    """How the two claims relate. Two arrangements that give every thing to the same side agree;
    otherwise, with the bank's options, positions are compared as they are; free-text positions
    must say much the same thing (fuzzily) before sides are compared."""
    if same_arrangement(
        arrangement(a.party, a.position, names), arrangement(b.party, b.position, names), synonyms
    ):
        return Relation.SAME
    if not options:
        if a.side is None or b.side is None:
            same = similarity(a.position, b.position, synonyms) >= SAME
            if a.side is None and b.side is None and same:
                return Relation.SAME
            return Relation.DIFFER
        about = similarity(_gist(a.position), _gist(b.position), synonyms)
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
    synonyms: Synonyms = (),
) -> tuple[Status, StanceDetail]:
    """The status of two stance answers, and what the rules found."""
    a, b = claim("a", value_a, names), claim("b", value_b, names)
    found = relation(a, b, options=options, names=names, synonyms=synonyms)
    if found is Relation.SAME:
        return Status.ALIGNED, StanceDetail(a, b, found, None)
    firm, loose = sorted((a, b), key=lambda c: ORDER.index(c.firmness))
    status = FIRMNESS_TABLE[GROUPS[firm.firmness], GROUPS[loose.firmness]]
    if found in (Relation.BOTH_CLAIM, Relation.BOTH_DEFER) and status is Status.COMPLEMENTARY:
        # Nobody (or everybody) has taken it on: loose words do not make that fit together.
        status = Status.DIFFERENT
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
        return f"both claim it for themselves, both {a.firmness.value}: nobody has given way yet"
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


def mirrors(options: tuple[str, ...], names: Mapping[str, str] | None = None) -> dict[str, int]:
    """Options that say the same arrangement from the two sides ("We merge into the partner" /
    "The partner merges into us"), each mapped to its pair's number. Only options written in the
    first person count: one that names a party by label means the same whoever picks it."""
    return dict(_mirrors(options, tuple(sorted((names or {}).items()))))


@lru_cache(maxsize=1024)
def _mirrors(
    options: tuple[str, ...], names: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, int], ...]:
    """`mirrors`, cached: a bank's options are read once, not on every commit."""
    read = []
    for option in options:
        holder = holder_of(option, dict(names))
        if holder in (Holder.OWN, Holder.OTHER):
            read.append((option, holder, _uninflected(_gist(option))))
    found: dict[str, int] = {}
    for index, (option, holder, gist) in enumerate(read):
        for other, other_holder, other_gist in read[index + 1 :]:
            if option in found or other in found or other_holder is holder:
                continue
            if similarity(gist, other_gist) >= SAME:
                found[option] = found[other] = len(found) // 2
    return tuple(found.items())


_BASE_FORMS = {"does": "do", "has": "have", "is": "are", "was": "were"}


def _uninflected(text: str) -> str:
    """Verbs without their third-person ending, as the two sides say them ("merges" / "merge")."""
    return " ".join(
        _BASE_FORMS.get(word, word[:-1] if word.endswith("s") and len(word) > 3 else word)
        for word in text.split()
    )


def pick_key(option: str, party: str, pairs: Mapping[str, int]) -> str:
    """What `party`'s pick means at the table: for a mirrored option, its pair and the side the
    arrangement favours (so "We merge into the partner" from A and "The partner merges into
    us" from B are one pick); any other option is itself."""
    if option not in pairs:
        return option
    side = _side(holder_of(option), party)
    return f"{pairs[option]}\0{side}"
