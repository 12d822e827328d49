"""A Footer that shows its keys from its first frame and redraws them only when they change.

Textual's Footer composes nothing at first and rebuilds all its keys (a widget each, styled and
laid out) after every refresh that follows a change of the screen's bindings. A screen's start
publishes two such changes (the screen resumes, the first widget takes the focus), so the home
screen built its eight keys twice before its first frame, the same keys both times: some 40%
of the time from mount to that frame (docs/benchmarks.md, item 1). This footer composes its
keys with the screen, and on a change of bindings rebuilds them once, and only if what it would
show (each shown binding, whether it is enabled, its tooltip) is not what it shows; and its
keys are made with the footer's compact setting rather than switched to it once mounted.

Both footers here let go of the keys a rebuild removes (`ReleasingFooter`, which every screen
uses): each key Textual's Footer composes is bound to the footer's `compact` (`data_bind`),
which puts a watcher on the footer, and Textual drops the watcher of a removed widget only when
the value watched next changes; `compact` never does here, so every key ever composed stayed
alive with its footer, its styles and lines with it (the run screen's footer rebuilds its keys
whenever a dialog or the full dashboard closes over it: 40 keys, some 5,000 objects, each time).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # private module: fenced in test_textual_privates

from .gone_lines import forget_gone_watchers


class ReleasingFooter(Footer):
    """Textual's Footer, with the keys each rebuild removes no longer kept by its watchers."""

    async def recompose(self) -> None:
        await super().recompose()
        # The keys just composed are attached (they watch once mounted); the removed ones are not.
        forget_gone_watchers(self, FooterKey)


class KeyFooter(ReleasingFooter):
    """Textual's Footer, its keys composed with the screen and rebuilt only when they change."""

    def __init__(self) -> None:
        super().__init__()
        # Textual's Footer composes nothing until told its bindings are ready (a Textual private,
        # fenced in tests/functional/test_textual_privates.py); the screen's bindings are known
        # when it composes its children, so this footer composes its keys with them.
        self.set_reactive(Footer._bindings_ready, True)
        self._shown: tuple[object, ...] | None = None
        """What the keys composed last show; None before the first compose."""
        self._pending = False
        """A check of the keys is due after the next refresh."""

    def _keys(self) -> tuple[object, ...]:
        """What the footer's keys show: every binding shown, enabled or not, with its tooltip
        (the command palette's key among them), in the order the screen gives them."""
        return tuple(
            (binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING
        )

    def compose(self) -> ComposeResult:
        self._shown = self._keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # Each key is bound to the footer's `compact`, but starts compact and takes the
                # footer's value after it mounts: its class goes on and off again, restyling it
                # twice. Given the footer's value now, the binding finds it set and changes
                # nothing. (The palette's key is not bound, and keeps Textual's default.)
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        # As Textual's: nothing while the app has no focus, or for another screen.
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._check_keys)

    async def _check_keys(self) -> None:
        self._pending = False
        if self.is_attached and self._keys() != self._shown:
            await self.recompose()
