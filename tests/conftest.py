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
