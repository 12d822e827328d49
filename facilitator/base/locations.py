"""Every folder facilitator keeps the user's things in, decided in this one place.

Sessions, their trash and their exports; the user's own banks; the settings; the cache. Each can
be moved with an environment variable; otherwise the platform's user folders (platformdirs) are
used.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "facilitator"
TRASH = ".trash"
"""Deleted sessions, inside the sessions folder (hidden, so listings skip it)."""
EXPORTS = "exports"
"""Reports made from the app, inside the sessions folder."""


def sessions_dir(cwd: Path | None = None) -> Path:
    """$FACILITATOR_SESSIONS_DIR, else ./sessions if it exists, else the user's data folder."""
    here = cwd or Path.cwd()
    configured = os.environ.get("FACILITATOR_SESSIONS_DIR")
    if configured:
        return here / Path(configured).expanduser()
    if (here / "sessions").is_dir():
        return here / "sessions"
    return platformdirs.user_data_path(APP) / "sessions"


def trash_dir(sessions: Path) -> Path:
    """Where deleted sessions of the folder `sessions` go."""
    return sessions / TRASH


def exports_dir(sessions: Path) -> Path:
    """Where reports made from the app go: one place for every report, also of a rehearsal
    (whose folder goes when it ends) or of a session replayed from elsewhere."""
    return sessions / EXPORTS


def banks_dir(configured: str = "") -> Path:
    """Where the user's own banks live: $FACILITATOR_BANKS_DIR, else the folder `configured` in
    the settings, else the user data folder."""
    override = os.environ.get("FACILITATOR_BANKS_DIR") or configured
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP) / "banks"


def config_dir() -> Path:
    """$FACILITATOR_CONFIG_DIR, else the user's config folder."""
    override = os.environ.get("FACILITATOR_CONFIG_DIR")
    return Path(override) if override else platformdirs.user_config_path(APP)


def cache_dir() -> Path:
    """$FACILITATOR_CACHE_DIR, else the user's cache folder: what can be rebuilt at any time."""
    override = os.environ.get("FACILITATOR_CACHE_DIR")
    return Path(override) if override else platformdirs.user_cache_path(APP)
