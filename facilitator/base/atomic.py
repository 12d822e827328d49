"""Atomic, durable file writes: a temp file beside the target, fsync, rename, fsync the folder.

A reader (or a crash at any instant) sees either the old file or the new one, never a mix.
"""

import os
import re
import tempfile
import uuid
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path


def fsync_dir(directory: Path) -> None:
    """Make a rename or a new file in `directory` survive a crash."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes | str, *, mode: int = 0o600) -> None:
    """Replace `path` with `data` atomically; the file gets `mode` (private by default)."""
    write_atomic_pieces(path, [data.encode("utf-8") if isinstance(data, str) else data], mode=mode)


def write_atomic_pieces(path: Path, pieces: Iterable[bytes], *, mode: int = 0o600) -> None:
    """Replace `path` atomically with the bytes of `pieces` one after another, each written as
    it comes, so a large file is never whole in memory and whatever produces the pieces (an
    encoder holding the GIL) lets other threads run between them: `os.write` releases the GIL.

    If taking a piece raises, nothing changes but the exception: the temporary file is removed.
    The file is created by mkstemp (a new name, never through a link) and renamed over `path`
    (which replaces a link rather than following it).
    """
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        # Named after the folder: the temporary name means nothing to whoever reads this.
        raise OSError(error.errno, error.strerror, str(path.parent)) from None
    try:
        try:
            for piece in pieces:
                view = memoryview(piece)
                while view:
                    view = view[os.write(fd, view) :]
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def link_first_free(source: Path, name: Callable[[int], Path | None]) -> Path:
    """Give `source`'s content the first free name of `name(1)`, `name(2)`...; return it.

    A hard link fails if the name exists, so it never replaces a file and two processes can
    never claim the same name. When `name(n)` is None there are no more names to try:
    FileExistsError.
    """
    n = 1
    while True:
        target = name(n)
        if target is None:
            raise FileExistsError(str(name(1)))
        with suppress(FileExistsError):
            os.link(source, target)
            return target
        n += 1


def write_new(data: bytes, name: Callable[[int], Path | None]) -> Path:
    """Write `data` under the first free name of `name(1)`, `name(2)`...; never replaces a file.

    The content is written and synced under a private name first, then linked to its final
    name, so no one ever sees a partly written file.
    """
    first = name(1)
    assert first is not None, "name(1) is the file's own name"
    folder = first.parent
    staging = folder / f".{first.name}.{uuid.uuid4().hex}.new"
    write_atomic(staging, data)
    try:
        return link_first_free(staging, name)
    finally:
        staging.unlink()
        fsync_dir(folder)


def temporary_names(path: Path) -> re.Pattern[str]:
    """The names `write_atomic(path, ...)` gives its temporary files (mkstemp adds 8 letters,
    digits or `_`): exactly these, never another file's, whose name may start the same."""
    return re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")


def make_private_dir(path: Path) -> None:
    """`mkdir -p path`, each folder it creates readable by its owner only, whatever the umask
    (`Path.mkdir(parents=True)` gives the parents it creates the default mode)."""
    missing = []
    folder = Path(path)
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        with suppress(FileExistsError):
            folder.mkdir(mode=0o700)
