"""Fuzzy matching of short answer items ("access to your customers" ~ "access to our customers").

Items are normalised (lower case, punctuation and small words such as articles and pronouns
dropped, so "your customers" and "our customers" meet), then scored 0-100 with rapidfuzz: the mean
of the token-set ratio (generous when one item is contained in the other) and the token-sort ratio
(strict about extra words), so "sales" against "sales of our product to the public sector" is a
partial match rather than a perfect one. Items that share no word at all (allowing for plurals and
typos) score half, which keeps look-alike words ("revenue", "reference") apart, and so do two items
of which only one is negated ("exclusivity" / "no exclusivity"): negation flips the meaning.

A bank may declare synonyms (`Bank.synonyms`): each group's terms are read as its first term
before anything is compared, so "accounts" and "customers" can meet where the bank says so.
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

Synonyms = tuple[tuple[str, ...], ...]
"""Groups of terms a bank declares equivalent; the first term of a group stands for all."""

NEGATIONS = frozenset({"no", "not", "never", "without", "none", "nor", "non", "cannot"})
"""Words that flip an item's meaning. They are never the word two items share."""
_NEGATION = re.compile(
    r"(?<![a-z])(?:no|not|never|without|none|nor|non|cannot)(?![a-z])|n't(?![a-z])"
)

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
def negated(item: str) -> bool:
    """Whether `item` says the opposite of its words: an odd number of "no", "not", "never",
    "without", "non", "n't" ("not without" says the thing again)."""
    return len(_NEGATION.findall(item.lower().replace("\u2019", "'"))) % 2 == 1


@lru_cache(maxsize=4096)
def _canonical(words: tuple[str, ...], synonyms: Synonyms) -> tuple[str, ...]:
    """`words` with every declared term replaced by its group's first term: a one-word term in
    any of its forms ("client", "clients"), a phrase as written."""
    singles: dict[str, str] = {}
    phrases: list[tuple[str, str]] = []
    for group in synonyms:
        head = "_".join(utils.default_process(group[0]).split())
        for term in group:
            spelled = utils.default_process(term).split()
            if len(spelled) == 1:
                singles[_stem(spelled[0])] = head
            elif spelled:
                phrases.append((" ".join(spelled), head))
    text = " " + " ".join(words) + " "
    for phrase, head in phrases:
        text = text.replace(f" {phrase} ", f" {head} ")
    return tuple(singles.get(_stem(word), word) for word in text.split())


@lru_cache(maxsize=4096)
def normalise(item: str, synonyms: Synonyms = ()) -> str:
    """Lower case, punctuation gone, declared synonyms read as one term, small words dropped (all
    kept if nothing else is left)."""
    words = utils.default_process(item.replace("n't", " not").replace("n\u2019t", " not")).split()
    if synonyms:
        words = list(_canonical(tuple(words), synonyms))
    kept = [word for word in words if word not in SMALL_WORDS]
    return " ".join(kept or words)


@lru_cache(maxsize=16384)
def _stem(word: str) -> str:
    """A rough English stem, so "operators" and "operations" or "pricing" and "prices" meet."""
    for suffix in ("ations", "ation", "ators", "ator", "ings", "ing", "ers", "er", "ies", "es",
                   "ed", "s"):  # fmt: skip
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _content(normalised: str) -> list[str]:
    return [word for word in normalised.split() if word not in NEGATIONS]


def _meets(word: str, words: set[str], stems: set[str]) -> bool:
    """Whether `word` is one of `words` (whose stems are `stems`): the same, the same stem, or a
    plural or typo of one."""
    return (
        word in words
        or _stem(word) in stems
        or any(fuzz.ratio(word, other) >= WORD_MATCH for other in words)
    )


def _share_a_word(a: str, b: str) -> bool:
    words_b = set(_content(b))
    stems_b = {_stem(word) for word in words_b}
    return any(_meets(word, words_b, stems_b) for word in _content(a))


def common_words(
    items_a: Sequence[str], items_b: Sequence[str], synonyms: Synonyms = ()
) -> tuple[str, ...]:
    """The content words (or their stems, typos and declared synonyms) that the two sides' items
    share, in A's order: the evidence that two answers touch the same subject."""
    words_b = {word for item in items_b for word in _content(normalise(item, synonyms))}
    stems_b = {_stem(word) for word in words_b}
    found: dict[str, None] = {}
    for item in items_a:
        for word in _content(normalise(item, synonyms)):
            if word not in SMALL_WORDS and word not in found and _meets(word, words_b, stems_b):
                found[word] = None
    return tuple(found)


@lru_cache(maxsize=65536)
def similarity(a: str, b: str, synonyms: Synonyms = ()) -> float:
    """0-100: how much two items say the same thing (see the module docstring). Cached: a
    refresh re-compares the unchanged side's items with the changed side's."""
    na, nb = normalise(a, synonyms), normalise(b, synonyms)
    if negated(a) != negated(b):
        # One says the thing, the other its opposite: never the same item, nor a partial match.
        return min(100.0, _score(na, nb)) / 2
    if na == nb:
        return 100.0
    if not na or not nb:
        return 0.0
    score = _score(na, nb)
    if score >= PARTLY / 2 and not _share_a_word(na, nb):
        score /= 2
    return score


def _score(na: str, nb: str) -> float:
    if not na or not nb:
        return 0.0
    return (fuzz.token_set_ratio(na, nb) + fuzz.token_sort_ratio(na, nb)) / 2


@dataclass(frozen=True)
class ItemMatch:
    """An item of party A's answer paired with the item of party B's that says the same."""

    a: str
    b: str
    score: float
    """0-100; 100 for identical items (and for the same option of a choice)."""


def pair_items(
    items_a: Sequence[str],
    items_b: Sequence[str],
    threshold: float = SAME,
    synonyms: Synonyms = (),
) -> tuple[tuple[ItemMatch, ...], tuple[str, ...], tuple[str, ...]]:
    """(shared, only in A, only in B). Each item is used at most once: the best-scoring pairs
    at or above `threshold` are taken first, then the next best among the items left."""
    scored = sorted(
        (
            (similarity(a, b, synonyms), i, j)
            for i, a in enumerate(items_a)
            for j, b in enumerate(items_b)
        ),
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


def best_match(
    item: str, candidates: Sequence[str], synonyms: Synonyms = ()
) -> tuple[str | None, float]:
    """The candidate most like `item`, and its score (None, 0 when there are no candidates)."""
    best: str | None = None
    best_score = 0.0
    for candidate in candidates:
        score = similarity(item, candidate, synonyms)
        if score > best_score:
            best, best_score = candidate, score
    return best, best_score
