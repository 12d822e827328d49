"""Running the terminal UI, and the plain start (`facilitator` with no arguments) without click.

A plain start is the one a moderator waits for, and click alone costs ~20 to 40 ms of imports there:
the console script (`__main__`) sends a command line with no arguments here and any other to
`cli`. What the plain start does is what `cli.main` does with no arguments (the app on the
sessions folder; a user's error as one line `Error: ...` on stderr and status 1, as click's
`ClickException` shows it; Ctrl+C before the app runs as click's `Aborted!`), which
tests/unit/cli/test_plain_start.py checks against `cli.main`.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .base import FacilitatorError, clean_text

if TYPE_CHECKING:
    from screens.app import FacilitatorApp
    from screens.start import Start

    from .base import Settings


def run_app(
    sessions_dir: Path, start: Start | None = None, settings: Settings | None = None
) -> FacilitatorApp:
    """Run the terminal UI: the home screen for `sessions_dir`, with what `start` describes
    above it (a session, a bank in the editor, a replay: `screens.start`). The one place the
    app is built, and where the domain reaches for `screens` (the start descriptions aside,
    which import no Textual).

    The cyclic collector is off from here to the app's first frame, when the app freezes what
    exists by then and turns the collector back on (`screens.app`): importing the UI allocates
    enough to set off ~100 collections, and none of what it builds is garbage.
    """
    gc.disable()
    try:
        from screens.app import FacilitatorApp

        app = FacilitatorApp(sessions_dir=sessions_dir, start=start, settings=settings)
        app.run()
    finally:
        gc.enable()
    return app


def user_error(error: FacilitatorError | OSError) -> str:
    """The one line a user's error (a bad file, a folder that cannot be read) is shown as."""
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return clean_text(f"{where}{error.strerror or error}")
    return clean_text(str(error))


def plain_start() -> int:
    """`facilitator` with no arguments: the home screen; the exit status."""
    from .base import locations

    try:
        run_app(locations.sessions_dir())
    except (FacilitatorError, OSError) as error:
        print(f"Error: {user_error(error)}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, EOFError):
        print("\nAborted!", file=sys.stderr)
        return 1
    return 0
