"""The ground floor: errors, atomic files, clocks, durations, text helpers, user folders and
settings. Imports nothing else of facilitator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lazy import lazy_exports

if TYPE_CHECKING:
    from .atomic import fsync_dir, link_first_free, write_atomic, write_atomic_pieces, write_new
    from .clock import Clock, ManualClock, system_clock
    from .durations import format_clock, format_duration, parse_clock, parse_duration
    from .errors import FacilitatorError
    from .gcpause import (
        collection_paused,
        hold,
        release,
        settle,
        settle_start,
        unsettle,
        unsettle_when_grown,
    )
    from .lazy import lazy_exports
    from .locations import banks_dir, exports_dir, trash_dir
    from .settings import Settings, load_settings, save_settings
    from .sharedseq import Chain
    from .text import amount, byte_position, clean_text, inflect, plural, slugify

__all__ = [
    "Chain",
    "Clock",
    "FacilitatorError",
    "ManualClock",
    "Settings",
    "amount",
    "banks_dir",
    "byte_position",
    "clean_text",
    "collection_paused",
    "exports_dir",
    "format_clock",
    "format_duration",
    "fsync_dir",
    "hold",
    "inflect",
    "lazy_exports",
    "link_first_free",
    "load_settings",
    "parse_clock",
    "parse_duration",
    "plural",
    "release",
    "save_settings",
    "settle",
    "settle_start",
    "slugify",
    "system_clock",
    "trash_dir",
    "unsettle",
    "unsettle_when_grown",
    "write_atomic",
    "write_atomic_pieces",
    "write_new",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "Chain": "sharedseq",
        "Clock": "clock",
        "FacilitatorError": "errors",
        "ManualClock": "clock",
        "Settings": "settings",
        "amount": "text",
        "banks_dir": "locations",
        "byte_position": "text",
        "clean_text": "text",
        "collection_paused": "gcpause",
        "settle": "gcpause",
        "settle_start": "gcpause",
        "unsettle": "gcpause",
        "unsettle_when_grown": "gcpause",
        "hold": "gcpause",
        "release": "gcpause",
        "exports_dir": "locations",
        "format_clock": "durations",
        "format_duration": "durations",
        "fsync_dir": "atomic",
        "inflect": "text",
        "lazy_exports": "lazy",
        "link_first_free": "atomic",
        "load_settings": "settings",
        "parse_clock": "durations",
        "parse_duration": "durations",
        "plural": "text",
        "save_settings": "settings",
        "slugify": "text",
        "system_clock": "clock",
        "trash_dir": "locations",
        "write_atomic": "atomic",
        "write_atomic_pieces": "atomic",
        "write_new": "atomic",
    },
)
