"""The run screen's answer panes in the moderator's hands: committing the open answer (the
pane says "saving…", then "saved ✓" once durable), keeping what was typed as a draft, and
opening a party's answer, which asks first when that would show a hidden answer to the room and
is refused while the party answers on its own device."""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING

from textual.dom import DOMNode

from facilitator.bank import AnswerError
from facilitator.session import MODERATOR_SOURCE, AnswerKey, Event

from .confirm import ConfirmDialog
from .messages import AnswerSaved
from .widgets.answer_pane import AnswerPane

if TYPE_CHECKING:
    from .run import RunScreen

_STAYS = 24 * 3600.0
"""Seconds a failed save's notification stays: until it is dismissed, in practice."""


def focused_pane(screen: RunScreen) -> AnswerPane | None:
    """The pane holding the focus (its editor, or a widget inside it), if any."""
    node: DOMNode | None = screen.focused
    while node is not None and not isinstance(node, AnswerPane):
        node = node.parent
    return node


def commit_open_answer(screen: RunScreen) -> None:
    """Commit the open pane's answer (or guess) for the moderator; the pane follows its save."""
    workshop = screen.workshop
    pane = focused_pane(screen)
    if pane is None:
        screen.notify("Open an answer first: a or b", severity="warning")
        return
    question = workshop.question
    try:
        future = workshop.commit_answer(
            question.id,
            pane.party,
            pane.value(),
            prediction=screen.predicting,
            source=MODERATOR_SOURCE,
        )
    except AnswerError as error:
        pane.set_status(f"✗ {error}")
        return
    pane.set_status("saving…")
    pane.committed()
    prediction = screen.predicting

    def saved(done: Future[Event]) -> None:
        error = done.exception()
        screen.post_message(
            AnswerSaved(question.id, pane.party, prediction, str(error) if error else "")
        )

    future.add_done_callback(saved)
    screen.set_focus(None)
    pane.show_view()


def show_saved(screen: RunScreen, message: AnswerSaved) -> None:
    """A save is durable, or failed: its pane says so, if it still shows that answer."""
    if message.error:
        # Stays until dismissed, and is raised even when the question has moved on.
        screen.notify(
            message.error, title="Not saved", severity="error", timeout=_STAYS, markup=False
        )
    if message.question != screen.workshop.question.id or message.prediction != screen.predicting:
        return
    pane = screen.query_one(f"#pane-{message.party}", AnswerPane)
    if message.error:
        pane.set_status(f"✗ not saved: {message.error}", failed=True)
    else:
        pane.set_status("saved ✓")


def keep_drafts(screen: RunScreen) -> None:
    """Keep what was typed and not committed in either pane, through the workshop (one
    overwritten draft per question, party, answer or guess); called on leaving an editor,
    on every move and on quitting, never per keystroke."""
    workshop = screen.workshop
    if workshop.closed or workshop.state.ended:
        return
    for pane in screen.query(AnswerPane):
        edit = pane.take_edit()
        if edit is not None:
            question, value = edit
            workshop.keep_draft(question.id, pane.party, value, prediction=pane.predicting)
            key = AnswerKey(question.id, pane.party, pane.predicting)
            pane.draft = workshop.drafts.get(key)


def open_answer(screen: RunScreen, party: str) -> None:
    """Open a party's answer; a committed one still hidden asks first, since opening it
    puts it on the shared screen. A party answering on a live seat device is refused."""
    workshop, names = screen.workshop, screen.names
    question = workshop.question.id
    hidden = question not in workshop.state.revealed
    if hidden and screen.room_seats.live(party):
        # The party answers on its own device: opening its answer here would project it.
        screen.notify(
            f"{names[party]} answers on its own device: its answer stays hidden here "
            "until the reveal (r)",
            severity="warning",
            markup=False,
        )
        return
    pane = screen.query_one(f"#pane-{party}", AnswerPane)
    if pane.answer is None or not pane.masked or pane.has_focus_within:
        pane.edit()
        return

    def opened(confirmed: bool | None) -> None:
        if confirmed:
            pane.edit()

    hidden_kind = "hidden guess" if screen.predicting else "hidden answer"
    whose = f"{names[party]}'s {hidden_kind}"
    screen.app.push_screen(ConfirmDialog(f"Open it? The room will see {whose}."), opened)
