"""The run screen's side of party seats: which seats it follows, what each pane says of its
party's devices (not yet / typing / ready, and on which device), the room's word about a device
asking to join while the join panel is closed, and the help text kept off the room screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.widgets import Static

from facilitator.base import FacilitatorError
from facilitator.live import Workshop
from facilitator.seats import SeatOptions
from facilitator.session import PARTIES

from .seats import SeatsPanel
from .widgets.answer_pane import AnswerPane

if TYPE_CHECKING:
    from facilitator.seats import Seating, SeatServer

    from .app import FacilitatorApp
    from .run import RunScreen


class RoomSeats:
    """The seats of one run screen's workshop, while they are open."""

    def __init__(self, screen: RunScreen, workshop: Workshop, changed: Callable[[], None]):
        """`changed` is called (from the seats' listener) whenever the seats change."""
        self.screen = screen
        self.workshop = workshop
        self._changed = changed
        self.seating: Seating | None = None
        """The seats this screen follows, while they are open."""
        self.announced: set[str] = set()
        """Waiting devices the room screen has told the moderator about (once each)."""

    @property
    def _app(self) -> FacilitatorApp:
        return self.screen.app

    @property
    def server(self) -> SeatServer | None:
        server = self._app.seats
        return server if server is not None and server.workshop is self.workshop else None

    def live(self, party: str) -> bool:
        """Whether `party` answers on a live seat device now."""
        return self.seating is not None and self.seating.live(party)

    async def open(self, options: SeatOptions, *, at_start: bool = False) -> None:
        """Start the seats (in this app's event loop) and show the join panel. A failure is one
        line: at the start (`--seats` on the command line) the app ends with it."""
        app = self._app
        try:
            server = await app.start_seats(self.workshop, options)
        except FacilitatorError as error:
            if at_start:
                app.startup_error = str(error)
                app.exit(return_code=1)
            else:
                self.screen.notify(str(error), severity="error", markup=False)
            return
        self.follow(server.seating)
        self.show_panel()

    def follow(self, seating: Seating | None) -> None:
        if seating is self.seating:
            return
        self.stop()
        self.seating = seating
        if seating is not None:
            seating.subscribe(self._on_seats)
        self.show()

    def stop(self) -> None:
        """Follow no seats any more (the screen is leaving)."""
        if self.seating is not None:
            self.seating.unsubscribe(self._on_seats)
            self.seating = None

    def _on_seats(self, seating: Seating) -> None:
        self._changed()

    def announce(self) -> None:
        """Tell the room screen of each device newly waiting to join, once, unless the join
        panel is open (it asks about waiting devices itself)."""
        screen, seating = self.screen, self.seating
        if seating is None or any(isinstance(s, SeatsPanel) for s in screen.app.screen_stack):
            return
        names = screen.names  # as renamed so far
        for device in seating.pending():
            if device.id not in self.announced:
                self.announced.add(device.id)
                name = names.get(device.role, "the moderator's page")
                screen.notify(
                    f"A device asks to join {name} (code {device.match_code}): "
                    "s opens the seats panel",
                    markup=False,
                )

    def show(self) -> None:
        """Each pane's readiness and devices from the seats; the help text off the room screen
        when the moderator asked for that (`h`) and seats are open."""
        if self.seating is not None and self.server is None:
            self.follow(None)  # the seats were closed (the app quits them with the session)
            return
        seating, state, screen = self.seating, self.workshop.state, self.screen
        for party in PARTIES:
            pane = screen.query_one(f"#pane-{party}", AnswerPane)
            if seating is None:
                pane.show_seat(None, "")
                continue
            devices = seating.admitted(party)
            if not devices:
                title = ""
            elif len(devices) == 1:
                title = devices[0].browser
            else:
                title = f"{len(devices)} devices"
            pane.show_seat(seating.readiness(state, party).value, title)
        hide = seating is not None and self._app.settings.seats_hide_help
        screen.query_one("#help", Static).display = not hide

    def show_panel(self) -> None:
        server = self.server
        if server is not None:
            app = self._app
            app.push_screen(SeatsPanel(server, app.seat_candidates))

    async def panel(self) -> None:
        """The join panel; the first time, the seats open on the best address found."""
        if self.server is None:
            await self.open(SeatOptions())
        else:
            self.show_panel()

    def toggle_help(self) -> None:
        app = self._app
        hide = not app.settings.seats_hide_help
        app.settings = replace(app.settings, seats_hide_help=hide)
        app.save_settings()
        state = "hidden" if hide else "shown"
        when = "" if self.seating is not None else " (once seats are open: s)"
        self.screen.notify(f"Help text {state} on the room screen while seats are open{when}")
        self.show()
