"""One answer editor per question kind; each gives its value in the shape `facilitator.bank.answers`
validates. Every label is a rich `Text`, so option text from a bank is never read as markup."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, RadioButton, RadioSet, TextArea
from textual.widgets.option_list import Option

from facilitator.bank import Firmness, Kind, Question


class Editor:
    """What the answer pane needs from any editor."""

    def get_value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


class TextEditor(TextArea, Editor):
    def get_value(self) -> Any:
        return self.text

    def set_value(self, value: Any) -> None:
        self.text = value or ""


class ListEditor(TextArea, Editor):
    """One item per line: adding, removing and reordering items is ordinary editing."""

    def get_value(self) -> Any:
        return self.text

    def set_value(self, value: Any) -> None:
        self.text = "\n".join(value or [])


class ChoiceEditor(OptionList, Editor):
    """The bank's options, each with a glyph that says whether it is ticked (never colour
    alone): `☑`/`☐` when several may be picked, `●`/`○` when one may, which then behaves as a
    radio (picking another replaces the first). `space`, `enter` or a click tick; the bank's
    maximum is enforced; long options wrap."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("space", "select", "Tick", show=False)]

    def __init__(self, question: Question, **kwargs: Any) -> None:
        self.choices = list(question.options)
        self.limit = question.pick or 1
        self.ticked: list[str] = []
        super().__init__(**kwargs)
        self._show()

    @property
    def radio(self) -> bool:
        return self.limit == 1

    def glyph(self, option: str) -> str:
        on = option in self.ticked
        if self.radio:
            return "●" if on else "○"
        return "☑" if on else "☐"

    def _show(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        for index, option in enumerate(self.choices):
            style = "bold" if option in self.ticked else ""
            prompt = Text(f"{self.glyph(option)} ", style=style) + Text(option, style=style)
            self.add_option(Option(prompt, id=str(index)))
        self.highlighted = 0 if highlighted is None else highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.tick(self.choices[event.option_index])

    def tick(self, option: str) -> None:
        """Tick `option`, or untick it when it is ticked."""
        if option in self.ticked:
            self.ticked.remove(option)
        elif self.radio:
            self.ticked = [option]
        elif len(self.ticked) >= self.limit:
            self.notify(f"Pick at most {self.limit}", severity="warning")
            return
        else:
            self.ticked.append(option)
        self._show()

    def get_value(self) -> Any:
        return [option for option in self.choices if option in self.ticked]

    def set_value(self, value: Any) -> None:
        self.ticked = [option for option in value or [] if option in self.choices]
        self._show()


class RankEditor(OptionList, Editor):
    """The options in order; shift+up and shift+down move the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+up", "move(-1)", "Move up"),
        Binding("shift+down", "move(1)", "Move down"),
    ]

    def __init__(self, question: Question, **kwargs: Any) -> None:
        self.order = list(question.options)
        self.top = question.pick or len(self.order)
        super().__init__(**kwargs)
        self._show()

    def _show(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        for number, item in enumerate(self.order, 1):
            mark = f"{number}. " if number <= self.top else "   "
            self.add_option(Option(Text(mark) + Text(item), id=item))
        self.highlighted = 0 if highlighted is None else highlighted

    def action_move(self, step: int) -> None:
        index = self.highlighted
        if index is None or not 0 <= index + step < len(self.order):
            return
        self.order[index], self.order[index + step] = self.order[index + step], self.order[index]
        self._show()
        self.highlighted = index + step

    def get_value(self) -> Any:
        return self.order[: self.top]

    def set_value(self, value: Any) -> None:
        chosen = list(value or [])
        self.order = chosen + [item for item in self.order if item not in chosen]
        self._show()


class NumberEditor(Input, Editor):
    def get_value(self) -> Any:
        return self.value

    def set_value(self, value: Any) -> None:
        self.value = "" if value is None else str(value)


class WrappingRadioButton(RadioButton):
    """A radio button whose long label wraps, each further line under the label's first word,
    instead of being cut with "…" (Textual's own keeps to one line)."""

    DEFAULT_CSS = """
    WrappingRadioButton {
        width: 100%;
        height: auto;
    }
    """

    @property
    def _indent(self) -> int:
        """The cells before the label: the button and the space after it."""
        return len(self.BUTTON_LEFT + self.BUTTON_INNER + self.BUTTON_RIGHT) + 1

    def _room(self, width: int) -> int:
        # One cell after the label, as Textual pads it.
        return max(1, width - self._indent - 1)

    def render(self) -> Content:
        button, label = super().render().divide([self._indent])
        first, *rest = label.rstrip().wrap(self._room(self.size.width)) or [Content()]
        pad = " " * self._indent
        return Content("\n").join([button + first, *(pad + line for line in rest)])

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.label.wrap(self._room(width))))


class StanceEditor(Vertical, Editor):
    """A position (one of the bank's, or free text) and how firmly it is held; long positions
    wrap, as a choice's options do."""

    def __init__(self, question: Question, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.question = question

    def compose(self) -> ComposeResult:
        if self.question.options:
            with RadioSet(classes="position"):
                for option in self.question.options:
                    yield WrappingRadioButton(Text(option))
        else:
            yield Input(placeholder="Position", classes="position")
        yield Label("How firm?")
        with RadioSet(classes="firmness"):
            for level in Firmness:
                yield RadioButton(Text(level.value))

    def get_value(self) -> Any:
        position: str = ""
        if self.question.options:
            pressed = self.query_one(".position", RadioSet).pressed_index
            position = self.question.options[pressed] if pressed >= 0 else ""
        else:
            position = self.query_one(".position", Input).value
        firmness = self.query_one("RadioSet.firmness", RadioSet).pressed_index
        return {
            "position": position,
            "firmness": list(Firmness)[firmness].value if firmness >= 0 else "",
        }

    def set_value(self, value: Any) -> None:
        if not value:
            return
        if self.question.options:
            buttons = list(self.query_one(".position", RadioSet).query(RadioButton))
            if value["position"] in self.question.options:
                buttons[self.question.options.index(value["position"])].value = True
        else:
            self.query_one(".position", Input).value = value["position"]
        levels = [level.value for level in Firmness]
        buttons = list(self.query_one("RadioSet.firmness", RadioSet).query(RadioButton))
        buttons[levels.index(value["firmness"])].value = True


def holds_nothing_of(editor: object, question: Question) -> bool:
    """Whether `editor` may serve `question` as it is, emptied: a free text or a list editor
    is built from nothing of its question, so moving between two such questions need not
    mount a new one (a mount and its layout cost the UI thread tens of milliseconds)."""
    kind = question.kind
    return (type(editor) is TextEditor and kind is Kind.TEXT) or (
        type(editor) is ListEditor and kind is Kind.LIST
    )


def editor_for(question: Question, party_label: str) -> Widget:
    """A fresh editor for `question`; `party_label` only shapes placeholders."""
    kind = question.kind
    if kind is Kind.TEXT:
        return TextEditor(classes="editor")
    if kind is Kind.LIST:
        return ListEditor(classes="editor")
    if kind is Kind.CHOICE:
        return ChoiceEditor(question, classes="editor")
    if kind is Kind.RANK:
        return RankEditor(question, classes="editor")
    if kind is Kind.SCALE:
        scale = question.scale
        assert scale is not None
        hint = f"{scale.low} to {scale.high}"
        if scale.low_label or scale.high_label:
            hint += f" ({scale.low_label or scale.low} … {scale.high_label or scale.high})"
        return NumberEditor(placeholder=hint, type="integer", classes="editor")
    if kind is Kind.NUMBER:
        return NumberEditor(
            placeholder=question.unit or "a number", type="number", classes="editor"
        )
    return StanceEditor(question, classes="editor")
