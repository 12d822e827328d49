"""Sessions in motion: the live workshop (the one writer's front door), rehearsals, and replays
with their playhead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..base.lazy import lazy_exports

if TYPE_CHECKING:
    from .playback import Playhead, faster, slower
    from .refusals import RevealCheck, RevisionConflict
    from .rehearsal import Rehearsal
    from .replay import Marker, Replay
    from .workshop import Workshop

__all__ = [
    "Marker",
    "Playhead",
    "Rehearsal",
    "Replay",
    "RevealCheck",
    "RevisionConflict",
    "Workshop",
    "faster",
    "slower",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "Marker": "replay",
        "Playhead": "playback",
        "Rehearsal": "rehearsal",
        "Replay": "replay",
        "RevealCheck": "refusals",
        "RevisionConflict": "refusals",
        "Workshop": "workshop",
        "faster": "playback",
        "slower": "playback",
    },
)
