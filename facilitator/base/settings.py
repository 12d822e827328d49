"""The moderator's preferences that outlive a session (theme, timer autostart), kept as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from .atomic import make_private_dir, write_atomic
from .files import NotRegularFileError, read_regular
from .locations import config_dir

THEMES = ("dark", "projector")
"""The default dark theme, and a high-contrast light one for projectors."""


@dataclass(frozen=True)
class Settings:
    theme: str = "dark"
    autostart: bool = True
    """Start a section's countdown as soon as the section begins."""
    banks_dir: str = ""
    """The folder of the user's own banks; empty for the default (see `library.user_banks_dir`)."""


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings; defaults for anything missing, unknown or unreadable."""
    path = path or settings_path()
    try:
        # Never blocking on a FIFO planted there: the app would not even start.
        saved = json.loads(read_regular(path).decode("utf-8"))
    except (OSError, ValueError, NotRegularFileError):
        return Settings()
    if not isinstance(saved, dict):
        return Settings()
    settings = Settings()
    for field in fields(Settings):
        value = saved.get(field.name)
        if isinstance(value, type(getattr(settings, field.name))):
            settings = replace(settings, **{field.name: value})
    if settings.theme not in THEMES:
        settings = replace(settings, theme="dark")
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    make_private_dir(path.parent)
    write_atomic(path, json.dumps(asdict(settings), indent=2) + "\n")
