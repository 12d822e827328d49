"""The bank editor: the Markdown with live validation, an outline, and a preview of the question
under the cursor as the live session will show it.

Each edit hands the text to a `LiveValidator` and starts a thread worker; the worker validates
the newest text (re-parsing only the sections that changed) and sends the result back, where one
older than what is shown is dropped. Saving, loading, watching the file and starting a rehearsal
happen in thread workers too: typing never waits on the parser or the disk.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static, TextArea

from facilitator.bank import (
    BankError,
    BankFile,
    Change,
    LiveValidator,
    Place,
    Validation,
    duplicate_bank,
    next_problem,
    place_of,
    user_banks_dir,
)
from facilitator.base import FacilitatorError, inflect, plural, settle, unsettle
from facilitator.live import Rehearsal

from .confirm import ConfirmDialog
from .messages import GoToLine
from .unsaved import Unsaved, UnsavedDialog
from .widgets.bank_text import BankTextArea
from .widgets.bars import TopBar
from .widgets.footer import ReleasingFooter
from .widgets.outline import Outline
from .widgets.preview import QuestionPreview
from .widgets.problem_list import ProblemList
from .widgets.session_view import BREAKPOINTS, apply_breakpoints

if TYPE_CHECKING:
    from textual import getters

    from .app import FacilitatorApp


POLL_SECONDS = 1.0
"""How often the file's stat signature is compared with the one last loaded or saved."""


class EditorScreen(Screen[None]):
    if TYPE_CHECKING:
        # Textual types `app` as any App; this screen is only ever shown by FacilitatorApp.
        app = getters.app(FacilitatorApp)

    CSS_PATH = "editor.tcss"
    HORIZONTAL_BREAKPOINTS = BREAKPOINTS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("f8", "next_problem", "Next problem"),
        Binding("shift+f8", "previous_problem", "Previous problem", show=False),
        Binding("ctrl+r", "try_it", "Try it"),
        Binding("f2", "toggle_side", "Outline"),
        Binding("ctrl+o", "focus_outline", "Go to outline", show=False),
        Binding("d", "duplicate", "Duplicate to edit"),
        Binding("escape", "leave", "Close"),
    ]

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        super().__init__()
        self.file = BankFile(path, read_only=read_only)
        self.validator = LiveValidator(str(path))
        self.saved_text: str | None = None
        """What the file holds as far as we know; None before loading or once it is gone."""
        self.dirty = False
        self.loaded = False
        self.validation: Validation | None = None
        self.place = Place()
        self.asking_reload = False
        self.removed = False
        """The file went away while open: a save writes it again."""
        self.rehearsal: Rehearsal | None = None
        self.placing = asyncio.Lock()
        """Held while the cursor's place is shown: a validation (from a worker) and a cursor move
        both redraw the preview, and an older redraw finishing last would leave it stale."""

    @property
    def name_shown(self) -> str:
        return self.file.path.name

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        with Horizontal(id="body"):
            with Vertical(id="main"):
                yield BankTextArea(id="text", read_only=True)
                yield ProblemList(id="problems")
                yield Static(id="status")
            with Vertical(id="side"):
                yield Outline(id="outline")
                yield QuestionPreview(id="preview")
        yield ReleasingFooter()

    @property
    def text_area(self) -> BankTextArea:
        return self.query_one("#text", BankTextArea)

    def on_mount(self) -> None:
        apply_breakpoints(self)
        self.query_one("#problems", ProblemList).display = False
        self.show_topbar()
        self.load()
        self.set_interval(POLL_SECONDS, self.poll_disk)

    # Loading and validating

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        try:
            text = self.file.load()
        except (FacilitatorError, OSError) as error:
            self.app.call_from_thread(self.failed_to_load, error)
            return
        self.app.call_from_thread(self.loaded_text, text)

    def failed_to_load(self, error: Exception) -> None:
        message = str(error).splitlines()[0] if isinstance(error, FacilitatorError) else (
            f"{self.file.path}: {getattr(error, 'strerror', None) or error}"
        )  # fmt: skip
        self.notify(message, severity="error", markup=False)
        self.dismiss(None)

    def loaded_text(self, text: str) -> None:
        area = self.text_area
        if self.loaded:
            # A reload keeps the undo history: ctrl+z brings back what was on screen.
            area.replace(text, (0, 0), area.document.end)
        else:
            area.load_text(text)
            area.read_only = self.file.read_only
            area.focus()
        self.loaded = True
        self.removed = False
        self.saved_text = area.text
        self.dirty = False
        self.show_topbar()
        self.validate(area.text)

    @on(TextArea.Changed, "#text")
    def text_changed(self, event: TextArea.Changed) -> None:
        if not self.loaded:
            return
        text = event.text_area.text
        self.dirty = text != self.saved_text
        self.show_topbar()
        self.validate(text)

    def validate(self, text: str) -> None:
        self.validator.submit(text)
        self.run_validation()

    @work(thread=True, group="validate")
    def run_validation(self) -> None:
        validation = self.validator.run()
        if validation is not None:
            # mypy solves `T | Awaitable[T]` in call_from_thread's type as Never for any
            # coroutine function; Textual awaits it, as the call means.
            self.app.call_from_thread(self.show_validation, validation)  # type: ignore[arg-type]

    async def show_validation(self, validation: Validation) -> None:
        shown = self.validation
        if not self.is_mounted or (shown is not None and validation.generation <= shown.generation):
            return
        self.validation = validation
        problems = validation.problems
        self.text_area.mark(frozenset(problem.line - 1 for problem in problems))
        self.query_one("#problems", ProblemList).show(problems)
        self.query_one("#outline", Outline).show(validation.draft)
        self.show_topbar()
        await self.show_cursor_place()
        if shown is None:
            # The bank is loaded and its first validation shown: what the editor keeps from
            # now on is built, and frozen no full collection walks it at every few keys.
            settle()

    # The cursor: status line, outline row, preview

    @on(TextArea.SelectionChanged, "#text")
    async def cursor_moved(self) -> None:
        await self.show_cursor_place()

    async def show_cursor_place(self) -> None:
        """Show the newest validation at the cursor as it is when this call's turn comes."""
        async with self.placing:
            await self._show_place()

    async def _show_place(self) -> None:
        if self.validation is None:
            return
        line, column = self.text_area.cursor_location
        draft = self.validation.draft
        self.place = place_of(draft, line)
        self.query_one("#outline", Outline).follow(self.place)
        self.show_status(line, column)
        await self.query_one("#preview", QuestionPreview).show(draft, self.place)

    def show_status(self, line: int, column: int) -> None:
        status = Text(f"{line + 1}:{column + 1}  ", style="dim")
        problems = self.validation.problems if self.validation else ()
        here = [problem for problem in problems if problem.line == line + 1]
        warned = self.validation.warnings if self.validation else ()
        warned_here = [warning for warning in warned if warning.line == line + 1]
        if here:
            status.append(f"✖ {here[0].message}", "bold red")
            if len(here) > 1:
                status.append(f"  (+{len(here) - 1} more on this line)", "dim")
        elif warned_here:
            status.append(f"⚠ {warned_here[0].message}", "bold yellow")
        elif self.file.read_only:
            status.append("Bundled bank, read-only: d copies it into your folder to edit")
        elif problems:
            count = len(problems)
            status.append(f"{plural(count, 'problem')}: F8 goes to the next")
        else:
            status.append("✓ Ready to run · ctrl+r tries it in a throwaway session")
        self.query_one("#status", Static).update(status)

    def show_topbar(self) -> None:
        bar = Text()
        bar.append(self.name_shown, "bold")
        if self.file.read_only:
            bar.append("  bundled · read-only", "italic")
        elif self.removed:
            bar.append("  not on disk", "bold")
        elif self.dirty:
            bar.append("  ● modified", "bold")
        else:
            bar.append("  saved", "dim")
        if self.validation is not None:
            count = len(self.validation.problems)
            bar.append("   ")
            if count:
                bar.append(f"✖ {plural(count, 'problem')}", "bold")
            else:
                bar.append("✓ no problems")
        bar.append(f"   {self.file.path.parent}", "dim")
        self.query_one("#topbar", Static).update(bar)

    @on(GoToLine)
    def go_to_line(self, message: GoToLine) -> None:
        area = self.text_area
        area.move_cursor((message.line, message.column), center=True)
        area.focus()

    def action_next_problem(self, backward: bool = False) -> None:
        problems = self.validation.problems if self.validation else ()
        if not problems:
            self.notify("No problems in this bank")
            return
        line = self.text_area.cursor_location[0] + 1
        problem = next_problem(problems, line, backward=backward)
        self.query_one("#problems", ProblemList).select_problem(problem)
        self.post_message(GoToLine(problem.line - 1, max(0, problem.column - 1)))

    def action_previous_problem(self) -> None:
        self.action_next_problem(backward=True)

    def action_toggle_side(self) -> None:
        self.toggle_class("-side-shown" if self.has_class("-narrow") else "-side-hidden")

    def action_focus_outline(self) -> None:
        self.remove_class("-side-hidden")
        self.add_class("-side-shown")
        self.query_one("#outline", Outline).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.file.read_only if action == "duplicate" else True

    # Saving, leaving, outside changes

    def action_save(self) -> None:
        if self.file.read_only:
            self.notify("A bundled bank is read-only: d copies it into your folder to edit")
        elif self.loaded:
            self.save(self.text_area.text)

    @work(thread=True, exclusive=True, group="save")
    def save(self, text: str, then: Callable[[], object] | None = None) -> None:
        try:
            backup = self.file.save(text)
        except (FacilitatorError, OSError) as error:
            message = str(error) if isinstance(error, FacilitatorError) else (
                f"Not saved: {self.file.path}: {getattr(error, 'strerror', None) or error}"
            )  # fmt: skip
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.app.call_from_thread(self.saved, text, backup, then)

    def saved(self, text: str, backup: Path | None, then: Callable[[], object] | None) -> None:
        self.saved_text = text
        self.removed = False
        self.dirty = self.text_area.text != text
        self.show_topbar()
        message = f"Saved {self.name_shown}"
        if backup is not None:
            message += f" (the previous version is in {backup.name})"
        count = len(self.validation.problems) if self.validation is not None else 0
        if count:
            them = inflect(count, "it", "them")
            message += f". It has {plural(count, 'problem')}: fix {them} to run it."
        self.notify(message, severity="warning" if count else "information", markup=False)
        if then is not None:
            then()

    def action_leave(self) -> None:
        self.confirm_leave(lambda: self.dismiss(None))

    def confirm_leave(self, then: Callable[[], object]) -> None:
        """Run `then` now, or after asking what to do with unsaved changes."""
        if not self.dirty or self.file.read_only:
            then()
            return

        def answered(answer: Unsaved | None) -> None:
            if answer is Unsaved.SAVE:
                self.save(self.text_area.text, then)
            elif answer is Unsaved.DISCARD:
                then()

        self.app.push_screen(UnsavedDialog(self.name_shown), answered)

    def poll_disk(self) -> None:
        if self.loaded and not self.asking_reload and self.app.screen is self:
            self.check_disk()

    @work(thread=True, exclusive=True, group="disk")
    def check_disk(self) -> None:
        change = self.file.outside_change()
        if change is not None:
            self.app.call_from_thread(self.changed_on_disk, change)

    def changed_on_disk(self, change: Change) -> None:
        if change is Change.REMOVED:
            self.saved_text = None
            self.removed = True
            self.dirty = not self.file.read_only
            self.show_topbar()
            self.notify(
                f"{self.name_shown} was removed from the disk: ctrl+s saves it again",
                severity="warning",
                markup=False,
            )
            return
        question = f"{self.name_shown} changed on the disk. Reload it?"
        if self.dirty:
            question += " Your unsaved changes would be replaced (ctrl+z brings them back)."

        def answered(reload: bool | None) -> None:
            self.asking_reload = False
            if reload:
                self.load()
            else:
                # The disk no longer holds what we loaded: saving is needed to make them agree.
                self.saved_text = None
                self.dirty = True
                self.show_topbar()

        self.asking_reload = True
        self.app.push_screen(ConfirmDialog(question), answered)

    # Trying the bank, and copying a bundled one

    def action_try_it(self) -> None:
        if self.loaded:
            self.rehearse(self.text_area.text)

    @work(thread=True, exclusive=True, group="rehearse")
    def rehearse(self, text: str) -> None:
        try:
            rehearsal = Rehearsal.start(
                text, self.name_shown, autostart=self.app.settings.autostart
            )
        except BankError as error:
            count = len(error.problems)
            message = (
                f"{self.name_shown} has {plural(count, 'problem')}: "
                f"fix {inflect(count, 'it', 'them')} before trying it (F8 goes to the next)"
            )
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        except (FacilitatorError, OSError) as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(self.rehearsal_started, rehearsal)

    def rehearsal_started(self, rehearsal: Rehearsal) -> None:
        self.rehearsal = rehearsal
        self.app.open_workshop(
            rehearsal.workshop, partial(self.end_rehearsal, rehearsal), throwaway=True
        )

    def end_rehearsal(self, rehearsal: Rehearsal) -> None:
        if self.rehearsal is rehearsal:
            self.rehearsal = None
        self.run_worker(rehearsal.discard, thread=True, group="rehearse-end")

    def action_duplicate(self) -> None:
        self.duplicate()

    @work(thread=True, exclusive=True, group="duplicate")
    def duplicate(self) -> None:
        folder = user_banks_dir(self.app.settings.banks_dir)
        try:
            copy = duplicate_bank(self.file.path, folder)
        except (FacilitatorError, OSError) as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.app.call_from_thread(self.open_copy, copy)

    def open_copy(self, copy: Path) -> None:
        self.notify(f"Copied to {copy}: this copy is yours to edit", markup=False)
        self.app.switch_screen(EditorScreen(copy))

    def on_unmount(self) -> None:
        if self.validation is not None:
            unsettle()
        # The app is exiting during a rehearsal: its temporary folder must not outlive it.
        if self.rehearsal is not None:
            self.rehearsal.discard()
