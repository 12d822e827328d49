"""Fuzzy matching of short answer items ("access to your customers" ~ "access to our customers").

Items are normalised (lower case, punctuation and small words such as articles and pronouns
dropped, so "your customers" and "our customers" meet), then scored 0-100 with rapidfuzz: the mean
of the token-set ratio (generous when one item is contained in the other) and the token-sort ratio
(strict about extra words), so "sales" against "sales of our product to the public sector" is a
partial match rather than a perfect one. Items that share no word at all (allowing for plurals and
typos) score half, which keeps look-alike words ("revenue", "reference") apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, utils

SAME = 80.0
"""A score from which two items count as the same thing (shared; an expectation matched)."""
PARTLY = 60.0
"""A score from which an offer partly meets an expectation."""
WORD_MATCH = 80.0
"""Two words are the same word (plural, typo) from this ratio."""

SMALL_WORDS = frozenset(
    """a an the to of and or for in on at by with from into as is are be will can do does
    we us our ours ourselves you your yours yourselves they them their theirs themselves
    it its this that these those some any i me my want wants need needs would could should
    also just very more much get have has had like help""".split()  # noqa: SIM905 (reads as text)
)

_SPLIT = re.compile(r"\s*(?:\n|;|(?<=[.!?])\s+(?=\S))\s*")
_BULLET = re.compile(r"^(?:[-*•]|\d+[.)])\s+")


def split_items(text: str) -> tuple[str, ...]:
    """A free-text answer as items: one per line, per `;` and per sentence. A full stop inside a
    number ("3.5") or not followed by a space does not split."""
    items = []
    for part in _SPLIT.split(text):
        part = _BULLET.sub("", part.strip()).strip().rstrip(".!?").strip()
        if part:
            items.append(part)
    return tuple(items)


@lru_cache(maxsize=4096)
def normalise(item: str) -> str:
    """Lower case, punctuation gone, small words dropped (all kept if nothing else is left)."""
    words = utils.default_process(item).split()
    kept = [word for word in words if word not in SMALL_WORDS]
    return " ".join(kept or words)


def _share_a_word(a: str, b: str) -> bool:
    words_b = b.split()
    return any(
        word == other or fuzz.ratio(word, other) >= WORD_MATCH
        for word in a.split()
        for other in words_b
    )


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """0-100: how much two items say the same thing (see the module docstring). Cached: a
    refresh re-compares the unchanged side's items with the changed side's."""
    na, nb = normalise(a), normalise(b)
    if na == nb:
        return 100.0
    if not na or not nb:
        return 0.0
    score = (fuzz.token_set_ratio(na, nb) + fuzz.token_sort_ratio(na, nb)) / 2
    if score >= PARTLY / 2 and not _share_a_word(na, nb):
        score /= 2
    return score


@dataclass(frozen=True)
class ItemMatch:
    """An item of party A's answer paired with the item of party B's that says the same."""

    a: str
    b: str
    score: float
    """0-100; 100 for identical items (and for the same option of a choice)."""


def pair_items(
    items_a: Sequence[str], items_b: Sequence[str], threshold: float = SAME
) -> tuple[tuple[ItemMatch, ...], tuple[str, ...], tuple[str, ...]]:
    """(shared, only in A, only in B). Each item is used at most once: the best-scoring pairs
    at or above `threshold` are taken first, then the next best among the items left."""
    scored = sorted(
        ((similarity(a, b), i, j) for i, a in enumerate(items_a) for j, b in enumerate(items_b)),
        key=lambda entry: (-entry[0], entry[1], entry[2]),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[int, ItemMatch]] = []
    for score, i, j in scored:
        if score < threshold:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, ItemMatch(items_a[i], items_b[j], round(score, 1))))
    pairs.sort(key=lambda entry: entry[0])
    only_a = tuple(item for i, item in enumerate(items_a) if i not in used_a)
    only_b = tuple(item for j, item in enumerate(items_b) if j not in used_b)
    return tuple(match for _, match in pairs), only_a, only_b


def best_match(item: str, candidates: Sequence[str]) -> tuple[str | None, float]:
    """The candidate most like `item`, and its score (None, 0 when there are no candidates)."""
    best: str | None = None
    best_score = 0.0
    for candidate in candidates:
        score = similarity(item, candidate)
        if score > best_score:
            best, best_score = candidate, score
    return best, best_score
