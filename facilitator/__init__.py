"""facilitator: the domain of a two-sided partnership workshop (banks, sessions, store, CLI).

Nothing in this package imports textual; the UI lives in the separate `screens` package.
"""

__version__ = "0.1.0"
"""The one place the version is written: pyproject.toml reads it from here (so the installed
metadata agrees), and reading it costs no `importlib.metadata` lookup at start-up."""
