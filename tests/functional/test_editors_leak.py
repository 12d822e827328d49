"""The next question's answer editors replace the last ones, which are then freed: Textual kept
every editor the run screen ever removed (each `TextArea`'s subscription to the screen's
text-selection signal holds it, and so does the app's watcher of its theme, until the theme next
changes), each with its rendered lines: ~1,600 objects per `n`, walked by every later full
collection (`gone_lines.forget_gone_widgets`)."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from workshop_support import app_for, first_workshop

from screens.widgets.answer_pane import AnswerPane
from screens.widgets.editors import Editor

PRESSES = 6


async def test_the_editors_of_earlier_questions_are_freed(tmp_path: Path) -> None:
    workshop = first_workshop(tmp_path / "sessions")
    app = app_for(workshop)
    removed: list[weakref.ref[Editor]] = []
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        for _ in range(PRESSES):
            shown = [pane.editor for pane in app.screen.query(AnswerPane)]
            removed += [weakref.ref(editor) for editor in shown if editor is not None]
            del shown
            await pilot.press("n")
            await pilot.pause()
        # The last question's editors: the screen's last layout still places the ones just
        # removed, until the next.
        last = {id(pane.editor) for pane in app.screen.query(AnswerPane)}
        await pilot.press("n")
        await pilot.pause()
        current = {id(pane.editor) for pane in app.screen.query(AnswerPane)} | last
        gc.collect()
        alive = [ref() for ref in removed if ref() is not None and id(ref()) not in current]
        assert len(removed) >= PRESSES, "each question showed an editor"
        assert not alive, f"{len(alive)} editors of earlier questions still alive"
    workshop.close()
