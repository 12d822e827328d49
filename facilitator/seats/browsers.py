"""A device's browser in a few words ("Android · Chrome"), from its User-Agent header, so the
moderator can tell which waiting device is which. A guess for people, never a security check:
the header is whatever the device sends.
"""

from __future__ import annotations

from .safetext import one_line

_SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)
_BROWSERS = (
    # Order matters: most browsers also name the one they descend from.
    ("SamsungBrowser/", "Samsung Internet"),
    ("EdgA/", "Edge"),
    ("EdgiOS/", "Edge"),
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("FxiOS/", "Firefox"),
    ("Firefox/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)


def summary(user_agent: str | None) -> str:
    """ "Android · Chrome", "iPhone · Safari", or "unknown browser"."""
    agent = one_line(user_agent or "", 500)
    system = next((name for mark, name in _SYSTEMS if mark in agent), "")
    browser = next((name for mark, name in _BROWSERS if mark in agent), "")
    if not system and not browser:
        return "unknown browser"
    return " · ".join(part for part in (system, browser) if part)
