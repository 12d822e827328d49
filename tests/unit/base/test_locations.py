"""Where the user's folders are: the sessions folder from the environment, then the cwd."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from facilitator.base.locations import sessions_dir


def test_default_sessions_dir_prefers_the_environment_then_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FACILITATOR_SESSIONS_DIR", raising=False)
    fallback = platformdirs.user_data_path("facilitator") / "sessions"
    assert sessions_dir(tmp_path) == fallback
    (tmp_path / "sessions").mkdir()
    assert sessions_dir(tmp_path) == tmp_path / "sessions"
    monkeypatch.setenv("FACILITATOR_SESSIONS_DIR", "elsewhere")
    assert sessions_dir(tmp_path) == tmp_path / "elsewhere"
    monkeypatch.setenv("FACILITATOR_SESSIONS_DIR", str(tmp_path / "absolute"))
    assert sessions_dir(tmp_path) == tmp_path / "absolute"
