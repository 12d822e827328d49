"""Durations as bank authors write them (`90s`, `10m`, `1h30m`) and as clocks show them."""

import re

_DURATION = re.compile(r"(?:([0-9]{1,4})h)?(?:([0-9]{1,6})m)?(?:([0-9]{1,7})s)?")


def parse_duration(text: str) -> int:
    """Seconds in `text`; raises ValueError with a reason a bank author understands."""
    match = _DURATION.fullmatch(text.strip())
    if not text.strip() or match is None:
        raise ValueError(f"bad duration '{text}' (write it like 90s, 10m, 1h30m)")
    hours, minutes, seconds = (int(part) if part else 0 for part in match.groups())
    total = hours * 3600 + minutes * 60 + seconds
    if total <= 0:
        raise ValueError(f"duration '{text}' must be longer than zero")
    return total


def format_duration(seconds: int) -> str:
    """The shortest bank spelling of `seconds`: 5400 → `1h30m`."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [
        f"{value}{unit}" for value, unit in ((hours, "h"), (minutes, "m"), (secs, "s")) if value
    ]
    return "".join(parts) or "0s"


def format_clock(seconds: float) -> str:
    """`m:ss`, or `h:mm:ss` from an hour up; negative values get a leading minus (overtime)."""
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


_CLOCK = re.compile(r"(?:([0-9]{1,3}):([0-5][0-9])|([0-9]{1,4})):([0-5][0-9])")


def parse_clock(text: str) -> int:
    """Seconds in a moment written `MM:SS` or `H:MM:SS` (as `format_clock` writes them)."""
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"bad time '{text}' (write it as MM:SS or H:MM:SS, like 41:07 or 1:05:00)")
    hours, minutes, only_minutes, seconds = match.groups()
    if hours is not None:
        return int(hours) * 3600 + int(minutes) * 60 + int(seconds)
    return int(only_minutes) * 60 + int(seconds)
