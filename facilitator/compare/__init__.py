"""The comparison: a verdict per question from both sides' answers (matching, measures,
stances, expectations against offers) and its summary per category.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..base.lazy import lazy_exports

if TYPE_CHECKING:
    from .comparison import Comparison
    from .offers import Match, PairDirection, PairResult
    from .tally import CATEGORIES, CATEGORY_TITLES, SUMMED_AS, CategorySummary, ScalePoint, Summary
    from .verdicts import PerceptionGap, Verdict

__all__ = [
    "CATEGORIES",
    "CATEGORY_TITLES",
    "SUMMED_AS",
    "CategorySummary",
    "Comparison",
    "Match",
    "PairDirection",
    "PairResult",
    "PerceptionGap",
    "ScalePoint",
    "Summary",
    "Verdict",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "CATEGORIES": "tally",
        "CATEGORY_TITLES": "tally",
        "CategorySummary": "tally",
        "Comparison": "comparison",
        "Match": "offers",
        "PairDirection": "offers",
        "PairResult": "offers",
        "PerceptionGap": "verdicts",
        "SUMMED_AS": "tally",
        "ScalePoint": "tally",
        "Summary": "tally",
        "Verdict": "verdicts",
    },
)
