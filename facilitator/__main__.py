"""The `facilitator` command's entry point (also `python -m facilitator`).

The cyclic collector is off while the CLI imports itself (click and the package faces): those
imports set off a dozen collections and build nothing that is garbage. `cli` keeps it off again
from importing the UI to the app's first frame.
"""

import gc


def main() -> None:
    gc.disable()
    try:
        from .cli import main as cli
    finally:
        gc.enable()
    cli()


if __name__ == "__main__":
    main()
