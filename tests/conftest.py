"""Fixtures shared by every kind of test."""

import time

import pytest


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch):
    """Dates shown in UTC, so what a test reads does not depend on the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """A cache folder per test (the bank list's cache), never the user's own."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("FACILITATOR_CACHE_DIR", str(folder))
    return folder
