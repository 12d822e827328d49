"""The join panel: how the parties' own devices take their seats, one party at a time.

It shows the party's join link as a QR code (dark on light, whatever the theme) with the whole
URL under it as one line of text and the secret in groups of four for reading aloud; it asks the
moderator, with the app's yes/no prompt, about every device that waits for admission (the match
code the device shows, and its browser); it lists the party's admitted devices (revoke one),
issues new links, locks the seats, switches the address served, and shows the moderator's own
link only when asked. The room can see this panel: "copy link" serves parties elsewhere.

Everything here calls the seat server's API (`facilitator.seats`); the server itself runs in
the app's event loop and belongs to the app (`FacilitatorApp.seats`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.base import FacilitatorError
from facilitator.seats import MODERATOR

from .confirm import ConfirmDialog
from .messages import SeatsChanged
from .widgets.footer import ReleasingFooter

if TYPE_CHECKING:
    from facilitator.seats import Candidate, Device, Seating, SeatServer

PLAIN_HTTP = (
    "Plain HTTP: on a shared network others can read what is sent. Parties elsewhere: "
    "--public-url behind a TLS proxy, or an SSH tunnel (docs/seats.md)."
)


def qr_text(url: str, *, large: bool) -> Text:
    """The QR code of `url` as lines of text in its own dark-on-light colours."""
    from facilitator.seats import qr_lines

    code = qr_lines(url, large=large)
    style = Style(color=code.dark, bgcolor=code.light)
    return Text("\n".join(code.lines), style=style, no_wrap=True, overflow="crop")


def device_line(device: Device) -> Text:
    line = Text()
    line.append(device.browser or "unknown browser")
    line.append(f"  · device {device.id}", "dim")
    if device.streams:
        line.append("  · following", "dim")
    return line


class SeatsPanel(ModalScreen[None]):
    CSS_PATH = "seats.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "show('a')", "Party A"),
        Binding("b", "show('b')", "Party B"),
        Binding("c", "copy_link", "Copy"),
        Binding("z", "toggle_large", "Big QR"),
        Binding("v", "revoke", "Revoke"),
        Binding("k", "new_link", "New link"),
        Binding("l", "toggle_lock", "Lock"),
        Binding("w", "switch_address", "Address"),
        Binding("m", "show('moderator')", "Moderator"),
        Binding("escape,s", "close", "Close"),
    ]

    def __init__(self, server: SeatServer, candidates: tuple[Candidate, ...] = ()) -> None:
        super().__init__()
        self.server = server
        self.candidates = candidates
        self.role = "a"
        self.large = False
        self.asking: str | None = None
        """The device the yes/no prompt is asking about now (one prompt at a time)."""

    @property
    def seating(self) -> Seating:
        return self.server.seating

    def compose(self) -> ComposeResult:
        with Vertical(id="seats-panel"):
            yield Static(id="seats-title")
            with Horizontal(id="seats-body"):
                with VerticalScroll(id="qr-box"):
                    yield Static(id="qr")
                with Vertical(id="seats-side"):
                    yield Static(id="secret")
                    yield Static(id="address")
                    yield Static(id="waiting")
                    yield OptionList(id="devices")
            yield Static(id="url")
            yield Static(id="warning")
        yield ReleasingFooter()

    def on_mount(self) -> None:
        self.seating.subscribe(self._on_seats)
        self.redraw()
        self.ask_next()

    def on_unmount(self) -> None:
        self.seating.unsubscribe(self._on_seats)

    def _on_seats(self, seating: Seating) -> None:
        self.post_message(SeatsChanged())

    @on(SeatsChanged)
    def on_seats_changed(self) -> None:
        self.redraw()
        self.ask_next()

    # Drawing

    def redraw(self) -> None:
        link = self.server.join_link(self.role)
        title = Text()
        if self.role == MODERATOR:
            title.append("The moderator's own page", "bold")
            title.append(" · one device; presenter notes and controls", "dim")
        else:
            title.append(f"Seats · {link.name}", "bold")
            title.append(f" (party {self.role.upper()})", "dim")
        if self.seating.locked:
            title.append("  · LOCKED: no new device may ask", "bold")
        self.query_one("#seats-title", Static).update(title)
        self.query_one("#qr", Static).update(qr_text(link.url, large=self.large))
        secret = Text("Code to read aloud:\n", "dim")
        secret.append(link.spoken, "bold")
        self.query_one("#secret", Static).update(secret)
        self.query_one("#address", Static).update(self.address_text())
        self.query_one("#waiting", Static).update(self.waiting_text())
        self.show_devices()
        self.query_one("#url", Static).update(Text(link.url, no_wrap=True, overflow="ellipsis"))
        public = self.server.public
        warning = "" if public is not None and public.secure else PLAIN_HTTP
        self.query_one("#warning", Static).update(Text(warning, "italic"))

    def address_text(self) -> Text:
        text = Text("Served at ", "dim")
        text.append(self.server.origin)
        others = [c for c in self.candidates if c.address != self.server.shown_host]
        if others:
            text.append("\nw switches to: ", "dim")
            text.append(", ".join(f"{c.address} ({c.kind} {c.interface})" for c in others))
        elif not self.candidates:
            text.append("\nno network address other devices could reach", "dim")
        return text

    def waiting_text(self) -> Text:
        pending = self.seating.pending()
        if not pending:
            return Text("No device is waiting.", "dim")
        text = Text("Waiting for you:", "bold")
        for device in pending:
            text.append(f"\n{device.match_code}  ", "bold")
            text.append(f"{self.server.join_link(device.role).name} · {device.browser}")
        return text

    def show_devices(self) -> None:
        devices = self.query_one("#devices", OptionList)
        highlighted = devices.highlighted_option
        admitted = self.seating.admitted(self.role)
        devices.clear_options()
        devices.add_options(Option(device_line(d), id=d.id) for d in admitted)
        devices.border_title = Text(f"Admitted devices ({len(admitted)}) · v revokes")
        ids = [d.id for d in admitted]
        if highlighted is not None and highlighted.id in ids:
            devices.highlighted = ids.index(highlighted.id)
        elif ids:
            devices.highlighted = 0

    # Admission: one yes/no prompt at a time, oldest waiting device first

    def ask_next(self) -> None:
        if self.asking is not None or not self.is_current:
            return
        pending = self.seating.pending()
        if not pending:
            return
        device = pending[0]
        self.asking = device.id
        name = self.server.join_link(device.role).name
        question = (
            f"Admit a device to {name}? It shows the code {device.match_code} "
            f"({device.browser or 'unknown browser'})."
        )
        self.app.push_screen(ConfirmDialog(question, deliberate=True), self.decided)

    def decided(self, admit: bool | None) -> None:
        device_id, self.asking = self.asking, None
        if device_id is not None:
            try:
                if admit:
                    self.seating.admit(device_id)
                else:
                    self.seating.refuse(device_id)
            except FacilitatorError as error:
                # The device was turned away meanwhile (a new link): say so, ask about the next.
                self.notify(str(error), severity="warning", markup=False)
        self.redraw()
        self.call_after_refresh(self.ask_next)

    def on_screen_resume(self) -> None:
        self.redraw()
        self.ask_next()

    # Actions

    def action_show(self, role: str) -> None:
        self.role = role
        self.redraw()

    def action_toggle_large(self) -> None:
        self.large = not self.large
        self.redraw()

    def action_copy_link(self) -> None:
        link = self.server.join_link(self.role)
        self.app.copy_to_clipboard(link.url)
        self.notify(f"{link.name}'s link copied to the clipboard", markup=False)

    def action_revoke(self) -> None:
        option = self.query_one("#devices", OptionList).highlighted_option
        if option is None or option.id is None:
            self.notify("No admitted device to revoke here", severity="warning")
            return
        try:
            device = self.seating.revoke(option.id)
        except FacilitatorError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self.notify(f"Revoked {device.browser} (device {device.id})", markup=False)

    def action_new_link(self) -> None:
        name = self.server.join_link(self.role).name

        def renew(confirmed: bool | None) -> None:
            if confirmed:
                self.seating.new_link(self.role)
                self.notify(f"New link for {name}: the old one no longer works", markup=False)

        self.app.push_screen(
            ConfirmDialog(
                f"Issue a new link for {name}? The old link stops working; "
                "admitted devices stay until revoked."
            ),
            renew,
        )

    def action_toggle_lock(self) -> None:
        if self.seating.locked:
            self.seating.unlock()
            self.notify("Seats unlocked: new devices may ask to join")
        else:
            self.seating.lock()
            self.notify("Seats locked: no new device may ask to join")

    async def action_switch_address(self) -> None:
        """Serve on the next candidate address (they are listed best first; w wraps round)."""
        addresses = [c.address for c in self.candidates]
        current = self.server.shown_host
        following = (
            addresses[(addresses.index(current) + 1) % len(addresses)]
            if (current in addresses)
            else (addresses[0] if addresses else current)
        )
        if following == current:
            self.notify("No other address to switch to", severity="warning")
            return
        try:
            await self.server.rebind(following)
        except FacilitatorError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify(f"Seats now served at {self.server.origin}", markup=False)
        self.redraw()

    def action_close(self) -> None:
        self.dismiss(None)
