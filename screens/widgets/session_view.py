"""One view of a session, as the run screen and the replay show it: where the question sits,
its wording and the moderator's help beside the section's countdown, and both parties' answer
panes, filled from a `WorkshopState` (`show`). Each screen adds its own widgets
between the question and the panes (the run screen's verdict banner) and below them (its status
line; the replay's dashboard).

Also what both screens (and the bank editor) share about the screen's width: below `NARROW`
columns the sidebars collapse, through Textual's breakpoints (the screen gets `-narrow`, and
`-wide` from `NARROW` on); and the command palette's entries made from a screen's key bindings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from typing import Any

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from facilitator.base import Clock
from facilitator.session import AnswerKey, WorkshopState

from .answer_pane import AnswerPane
from .countdown import Countdown
from .question_text import show_question

NARROW = 110
"""Below this width the agenda sidebar collapses, so 80x24 keeps room for both answers."""

BREAKPOINTS: list[tuple[int, str]] = [(0, "-narrow"), (NARROW, "-wide")]
"""A screen's `HORIZONTAL_BREAKPOINTS`: `-narrow` below `NARROW` columns, `-wide` from there."""


def apply_breakpoints(screen: Screen[Any]) -> None:
    """Give `screen` its width's class at once. Textual applies `HORIZONTAL_BREAKPOINTS` at a
    screen's first resize, which comes after its first layout: called from `on_mount`, the
    first frame is already laid out for its width (and nothing laid out for another width
    keeps a trace of it, such as the bank editor's outline scrolled for a wider panel)."""
    width = screen.app.size.width
    reached = max((at, name) for at, name in BREAKPOINTS if width >= at)[1]
    for _, name in BREAKPOINTS:
        screen.set_class(name == reached, name)


def binding_commands(
    screen: Screen[Any], bindings: Iterable[BindingType]
) -> Iterator[SystemCommand]:
    """A palette entry per key binding: its longer name (the tooltip, else the footer's word),
    its key, and its action on `screen`."""
    for binding in bindings:
        assert isinstance(binding, Binding)  # each is written as one, never as a tuple
        key = screen.app.get_key_display(binding)
        yield SystemCommand(binding.tooltip or binding.description, f"key: {key}",
                            partial(screen.run_action, binding.action))  # fmt: skip


class SessionView(Vertical):
    DEFAULT_CSS = """
    SessionView {
        width: 1fr;
        padding: 0 1;
    }
    SessionView #question-row {
        height: auto;
        max-height: 45%;
    }
    SessionView #question-box {
        width: 1fr;
        height: auto;
        max-height: 100%;
    }
    SessionView #position {
        color: $text-muted;
    }
    SessionView #question {
        margin: 1 0 0 0;
    }
    SessionView AnswerPane {
        width: 1fr;
        border: round $primary;
        padding: 0 1;
    }
    /* Each party's own colour (the same in the dashboard, the agenda, the summary, the report). */
    SessionView #pane-a { border: round $party-a; border-title-color: $party-a; }
    SessionView #pane-b { border: round $party-b; border-title-color: $party-b; }
    """

    def __init__(
        self,
        clock: Clock,
        names: Mapping[str, str],
        *,
        live: bool,
        between: Iterable[Widget] = (),
        below: Iterable[Widget] = (),
        **kwargs: Any,
    ) -> None:
        """`live`: the run screen's view (answer editors, a countdown that rings, a question box
        that takes focus to scroll); otherwise a replay's, read-only and silent."""
        super().__init__(**kwargs)
        self.clock = clock
        self.names = dict(names)
        self.live = live
        self.between = list(between)
        self.below = list(below)
        self.shown_section = -1
        """The section the countdown shows: a new one starts its phases (and bell) afresh."""

    def compose(self) -> ComposeResult:
        a, b = self.names["a"], self.names["b"]
        with Horizontal(id="question-row"):
            with VerticalScroll(id="question-box", can_focus=self.live):
                yield Static(id="position")
                yield Static(id="question")
                yield Static(id="help")
            yield Countdown(self.clock, bell=self.live, id="countdown")
        yield from self.between
        with Horizontal(id="panes"):
            yield AnswerPane("a", a, b, editable=self.live, id="pane-a")
            yield AnswerPane("b", b, a, editable=self.live, id="pane-b")
        yield from self.below

    async def show(
        self,
        state: WorkshopState,
        names: Mapping[str, str],
        predicting: bool,
        drafts: Mapping[AnswerKey, Any] | None = None,
    ) -> None:
        """Fill the view from `state`: the question, both answers (or guesses, `predicting`)
        masked until revealed, `drafts` back in their editors, and the section's countdown."""
        await show_question(self, state, names, predicting, drafts)
        new_section = state.section != self.shown_section
        self.shown_section = state.section
        self.query_one(Countdown).show(state.timers[state.section], new_section=new_section)
