"""facilitator: the domain of a two-sided partnership workshop (banks, sessions, store, CLI).

Nothing in this package imports textual; the UI lives in the separate `screens` package.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("facilitator")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
