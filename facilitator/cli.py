"""The `facilitator` command: the composition root that wires the domain to the terminal UI.

Only the command that opens the UI imports `screens` (lazily), so `check`, `sessions` and the other
shell commands start fast and run without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .app_start import run_app, user_error

if TYPE_CHECKING:
    from screens.app import FacilitatorApp
    from screens.start import Start

    from .bank.parser import Review
    from .base import Settings
    from .live import Workshop
from .bank import BankError
from .base import FacilitatorError, clean_text, format_duration, plural
from .report.formats import FORMATS
from .seats.launch import SeatOptions


class _Group(click.Group):
    """Turns the errors a user can cause into a one-line message and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (FacilitatorError, OSError) as error:
            raise click.ClickException(user_error(error)) from None


@click.group(
    cls=_Group,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "-V", "--version", prog_name="facilitator")
@click.option(
    "--sessions-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of saved sessions (default: $FACILITATOR_SESSIONS_DIR, else ./sessions if it "
    "exists, else your data folder).",
)
@click.pass_context
def main(ctx: click.Context, sessions_dir: Path | None) -> None:
    """Run a live, timed, two-sided partnership workshop on a shared screen.

    Without a command, opens the app.
    """
    ctx.obj = sessions_dir
    if ctx.invoked_subcommand is None:
        _run_app(ctx)


def _run_session(
    ctx: click.Context, workshop: Workshop, settings: Settings, seats: SeatOptions | None
) -> None:
    """Run `workshop` on screen, above the home screen; closed however the app ends."""
    from screens.start import RunSession

    try:
        app = _run_app(ctx, RunSession(workshop, seats), settings)
    finally:
        workshop.close()
    if app.startup_error:
        raise click.ClickException(app.startup_error)


def _seat_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--seats` and its companions, for the commands that run a session."""
    options = [
        click.option(
            "--seats",
            is_flag=True,
            help="Open party seats: each party answers on its own phone or laptop.",
        ),
        click.option(
            "--bind",
            metavar="ADDRESS",
            help="Serve seats on this address (default: this machine's private LAN address; "
            "0.0.0.0 for every interface).",
        ),
        click.option(
            "--port", type=click.IntRange(0, 65535), help="Serve seats on this port (default 8765)."
        ),
        click.option(
            "--public-url",
            metavar="URL",
            help="The https address a TLS reverse proxy or tunnel serves the seats at.",
        ),
        click.option(
            "--trust-proxy",
            is_flag=True,
            default=None,
            help="A reverse proxy on this machine sets X-Forwarded-For: rate-limit failed joins "
            "by its last entry (never give it for a tunnel that is not such a proxy).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _seats(
    seats: bool,
    bind: str | None,
    port: int | None,
    public_url: str | None,
    trust_proxy: bool | None,
) -> SeatOptions | None:
    """The seats asked for, or None; a seat option without --seats is a one-line error."""
    if not seats:
        named = {
            "--bind": bind,
            "--port": port,
            "--public-url": public_url,
            "--trust-proxy": trust_proxy,
        }
        given = [name for name, value in named.items() if value is not None]
        if given:
            raise click.UsageError(f"{given[0]} only applies with --seats")
        return None
    return SeatOptions(bind=bind, port=port, public_url=public_url, trust_proxy=bool(trust_proxy))


def _run_app(
    ctx: click.Context, start: Start | None = None, settings: Settings | None = None
) -> FacilitatorApp:
    """Run the terminal UI: the home screen, with what `start` describes above it (a session,
    a bank in the editor, a replay), through `app_start.run_app`, which a plain start (no
    arguments) calls without click."""
    return run_app(_sessions_dir(ctx), start, settings)


def _sessions_dir(ctx: click.Context) -> Path:
    from .base import locations

    return ctx.find_root().obj or locations.sessions_dir()


@main.command()
@click.argument("banks", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def check(banks: tuple[Path, ...]) -> None:
    """Validate question banks; report every problem as FILE:LINE:COL.

    A session file (.json) is checked by the bank copy it keeps: what rules added since it ran
    would refuse (control characters) is a warning there, since the session still opens.
    """
    from dataclasses import replace

    from .bank import review_bank
    from .bank.problems import bounded

    failed = 0
    for path in banks:
        try:
            review = _stored_review(path) if path.suffix == ".json" else review_bank(path)
            if review.problems:
                raise BankError(list(review.problems))
        except BankError as error:
            failed += 1
            click.echo(str(error))
            count = sum(problem.more or 1 for problem in error.problems)
            click.echo(f"{path}: {plural(count, 'problem')}", err=True)
            continue
        except FacilitatorError as error:
            failed += 1
            click.echo(clean_text(str(error)), err=True)
            continue
        except OSError as error:
            failed += 1
            click.echo(clean_text(f"{path}: {error.strerror}"), err=True)
            continue
        warnings = bounded(review.warnings)
        for warning in warnings:
            click.echo(replace(warning, message=f"warning: {warning.message}").format())
        bank = review.draft
        count = sum(warning.more or 1 for warning in warnings)
        warned = f" · {plural(count, 'warning')}" if warnings else ""
        click.echo(clean_text(
            f"{path}: ok · {bank.title} · {plural(len(bank.sections), 'section')} · "
            f"{plural(bank.question_count, 'question')} · {format_duration(bank.total)}{warned}"
        ))  # fmt: skip
    if failed:
        raise SystemExit(1)


def _stored_review(session: Path) -> Review:
    """The review of the bank copy kept in `session`."""
    from .bank.parser import review_stored_bank
    from .store import read_session

    return review_stored_bank(str(session), read_session(session).bank.source)


@main.command()
@click.argument("words", nargs=-1)
@click.pass_context
def sessions(ctx: click.Context, words: tuple[str, ...]) -> None:
    """List saved sessions, newest first; with WORDS, only those that mention every word."""
    from .store import COLUMNS, filtered, library

    sessions_dir = _sessions_dir(ctx)
    found = filtered(library(sessions_dir), " ".join(words))
    if not found:
        matching = f" matching {' '.join(words)!r}" if words else ""
        click.echo(f"No saved sessions{matching} in {sessions_dir}")
        return
    rows: list[tuple[str, ...]] = [(*COLUMNS, "File")]
    rows += [(*row.cells, clean_text(row.path.name)) for row in found]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        click.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


@main.command()
@click.argument("session", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=FORMATS[0],
    show_default=True,
    help="Markdown, a self-contained HTML page, or JSON.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (atomically) instead of printing.",
)
def export(session: Path, fmt: str, output: Path | None) -> None:
    """Export a session's report: answers side by side, statuses, conflicts, actions, time.

    Works at any moment, also while the session is running elsewhere (it only reads).
    """
    from .report import render, report_of_session, write_export

    text = render(report_of_session(session), fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_export(text, output)
        click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument("session", type=click.Path(dir_okay=False, path_type=Path))
def recover(session: Path) -> None:
    """Restore a corrupt session file from the previous good version kept beside it."""
    from .store import recover as recover_session

    click.echo(recover_session(session))


@main.command()
@click.argument("session", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--speed",
    default="1",
    metavar="N",
    help="Play N times faster than it happened, 1 to 1000 (keys offer 1, 4, 16, 60; default 1).",
)
@click.option("--at", default="0:00", metavar="MM:SS", help="Start at this moment (or H:MM:SS).")
@click.pass_context
def replay(ctx: click.Context, session: Path, speed: str, at: str) -> None:
    """Replay a saved session on screen as it happened; the file is only read, never written."""
    import math

    from .base import format_clock, parse_clock
    from .live import Replay

    try:
        factor = float(speed)
    except ValueError:
        factor = math.nan
    if not 1 <= factor <= 1000:
        raise click.ClickException(f"--speed {speed}: give a number from 1 to 1000, such as 4")
    try:
        moment = parse_clock(at)
    except ValueError as error:
        raise click.ClickException(f"--at: {error}") from None
    opened = Replay.open(session)
    if moment > opened.duration:
        raise click.ClickException(
            f"--at {at}: {session} lasts only {format_clock(opened.duration)}"
        )
    from screens.start import ReplaySession

    _run_app(ctx, ReplaySession(opened, at=moment, speed=factor))


@main.command()
@click.argument("bank", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--party-a", default="", help="Name of the first party (default: from the bank).")
@click.option("--party-b", default="", help="Name of the second party (default: from the bank).")
@click.option("--title", default="", help="Session title (default: the bank's title).")
@click.option("--moderator", default="", help="Your name, kept with the session.")
@_seat_options
@click.pass_context
def run(
    ctx: click.Context,
    bank: Path,
    party_a: str,
    party_b: str,
    title: str,
    moderator: str,
    **seats: Any,
) -> None:
    """Start a live session of BANK and open it on screen."""

    from .base import load_settings
    from .live import Workshop

    options = _seats(**seats)
    if options is not None:
        from .seats.launch import preflight

        preflight(options)  # no session is made for seats that could not open
    settings = load_settings()
    workshop = Workshop.start(
        _sessions_dir(ctx), bank, title=title, party_a=party_a, party_b=party_b,
        moderator=moderator, autostart=settings.autostart,
    )  # fmt: skip
    _run_session(ctx, workshop, settings, options)


@main.command()
@click.argument("session", type=click.Path(dir_okay=False, path_type=Path))
@_seat_options
@click.pass_context
def resume(ctx: click.Context, session: Path, **seats: Any) -> None:
    """Reopen a session where it stopped: section, question, answers, notes and timer.

    With --seats, new join links are issued: seats do not outlive the app that served them.
    """

    from .base import load_settings
    from .live import Workshop

    options = _seats(**seats)
    if options is not None:
        from .seats.launch import preflight

        preflight(options)
    settings = load_settings()
    _run_session(ctx, Workshop.resume(session, autostart=settings.autostart), settings, options)


@main.command()
@click.argument("bank", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def edit(ctx: click.Context, bank: Path) -> None:
    """Open BANK in the bank editor (a bundled bank opens read-only: duplicate it to edit)."""
    from .bank import BankFile

    # A missing file or one that is not text is a line in the shell, not a screen that closes.
    BankFile(bank).load()
    _open_editor(ctx, bank)


@main.command("new-bank")
@click.argument("name")
@click.option("--no-edit", is_flag=True, help="Only create the file; do not open the editor.")
@click.pass_context
def new_bank(ctx: click.Context, name: str, no_edit: bool) -> None:
    """Start a bank called NAME from a template and open it in the editor.

    The file goes in your banks folder (named after NAME), or, when NAME ends in .md, at that
    path. An existing file is never overwritten.
    """
    from .bank import create_bank, new_bank_target, user_banks_dir
    from .base import load_settings

    path, title = new_bank_target(name, user_banks_dir(load_settings().banks_dir))
    created = create_bank(path, title)
    click.echo(f"Created {created}")
    if not no_edit:
        _open_editor(ctx, created)


def _open_editor(ctx: click.Context, bank: Path) -> None:
    """The app, with BANK open in the editor above the home screen."""
    from screens.start import EditBank

    _run_app(ctx, EditBank(bank))
