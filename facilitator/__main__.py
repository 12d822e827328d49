"""The `facilitator` command's entry point (also `python -m facilitator`).

A plain start (no arguments) opens the app through `app_start` without importing click (~20 to 40
ms of the start); any other command line, or click's shell completion, goes to `cli`.

The cyclic collector is off while the CLI imports itself (click and the package faces): those
imports set off a dozen collections and build nothing that is garbage. `run_app` keeps it off
again from importing the UI to the app's first frame.
"""

import gc
import os
import sys


def main() -> None:
    if len(sys.argv) == 1 and "_FACILITATOR_COMPLETE" not in os.environ:
        gc.disable()
        try:
            from .app_start import plain_start
        finally:
            gc.enable()
        sys.exit(plain_start())
    gc.disable()
    try:
        from .cli import main as cli
    finally:
        gc.enable()
    cli()


if __name__ == "__main__":
    main()
