"""The statuses the comparison gives a question, their order of severity and their weight in the
alignment figure. Kept apart from the engine so the state fold can name them without importing it.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    ALIGNED = "aligned"
    """Both sides said the same thing, or agree on who does it."""
    COMPLEMENTARY = "complementary"
    """Different answers that fit together: different goals that do not collide, a side that
    does not mind giving way."""
    DIFFERENT = "different"
    """The answers differ and need a conversation; negotiable."""
    CONFLICT = "conflict"
    """The answers collide: both insist, or they are far apart."""
    MISSING = "missing"
    """One side has answered, the other not yet."""
    UNSCORED = "unscored"
    """Not scored: context, a one-sided question, or nobody has answered yet."""

    @property
    def scored(self) -> bool:
        return self in SCORED

    @property
    def severity(self) -> int:
        """0 (aligned) to 3 (conflict); -1 for the statuses that are not scored."""
        return SEVERITY.get(self, -1)


MARKS = {
    Status.ALIGNED: "✔",
    Status.COMPLEMENTARY: "◆",
    Status.DIFFERENT: "▲",
    Status.CONFLICT: "✖",
    Status.MISSING: "…",
    Status.UNSCORED: "·",
}
"""One symbol per status, so a status reads without color (a projector, a printout)."""

SCORED = (Status.ALIGNED, Status.COMPLEMENTARY, Status.DIFFERENT, Status.CONFLICT)
"""The statuses a moderator may set, and the ones the alignment figure counts."""

SEVERITY = {status: rank for rank, status in enumerate(SCORED)}

WEIGHT = {
    Status.ALIGNED: 1.0,
    Status.COMPLEMENTARY: 1.0,
    Status.DIFFERENT: 0.5,
    Status.CONFLICT: 0.0,
}
"""How much each scored status adds to a category's alignment figure (docs/comparison.md)."""


def worst(statuses: list[Status]) -> Status:
    """The most severe of scored statuses (aligned when there are none)."""
    return max(statuses, key=lambda status: status.severity, default=Status.ALIGNED)
