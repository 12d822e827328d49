"""The fence around Textual's private names (issue 16.5): every name outside Textual's public API
that the screens override or call, or that the tests read, with the shape relied on.

Textual may change any of them in any release. After an upgrade, a failure here names the
private that changed and where it is used; each use site has a comment pointing here. A name
listed here and no longer used should leave the list with its last use.
"""

from __future__ import annotations

import importlib
import inspect
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.document._document import Document
from textual.document._syntax_aware_document import SyntaxAwareDocument
from textual.dom import DOMNode
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, TextArea

from screens.widgets.bank_text import BankTextArea


@dataclass(frozen=True)
class Method:
    """A method we override or call: its parameters (names, kinds, defaults) as we use them."""

    owner: type
    name: str
    parameters: str
    """`inspect.signature` without annotations, e.g. `(self, key, priority=False)`."""
    used_in: str
    coroutine: bool = False

    @property
    def id(self) -> str:
        return f"{self.owner.__name__}.{self.name}"


@dataclass(frozen=True)
class Attribute:
    """An attribute an instance carries (set in `__init__`), and what we do with it."""

    owner: type
    name: str
    holds: Callable[[Any], bool]
    """True when the value is what we rely on."""
    expected: str
    used_in: str

    @property
    def id(self) -> str:
        return f"{self.owner.__name__}.{self.name}"


@dataclass(frozen=True)
class Name:
    """A class imported from one of Textual's private modules."""

    module: str
    name: str
    used_in: str

    @property
    def id(self) -> str:
        return f"{self.module}.{self.name}"


BANK_TEXT = "screens/widgets/bank_text.py"
TABLE = "screens/widgets/table.py"
FOOTER = "screens/widgets/footer.py"
FIXTURES = "tests/functional/conftest.py"
DASHBOARD = "screens/dashboard.py"
VERDICT_LIST = "screens/widgets/verdict_list.py"

METHODS = (
    Method(TextArea, "_set_document", "(self, text, language)", f"{BANK_TEXT} overrides it"),
    Method(TextArea, "_build_highlight_map", "(self)", f"{BANK_TEXT} overrides it"),
    Method(
        TextArea, "watch_scroll_y", "(self, old_value, new_value)", f"{BANK_TEXT} overrides it"
    ),
    Method(
        SyntaxAwareDocument,
        "query_syntax_tree",
        "(self, query, start_point=None, end_point=None)",
        f"{BANK_TEXT}: _build_highlight_map queries a window of lines",
    ),
    Method(DataTable, "_update_dimensions", "(self, new_rows)", f"{TABLE} overrides it"),
    Method(DataTable, "_clear_caches", "(self)", f"{TABLE} and {FIXTURES} (_steady) call it"),
    Method(
        App,
        "_check_bindings",
        "(self, key, priority=False)",
        "screens/app.py (on_event: escape, then a letter) calls it",
        coroutine=True,
    ),
    Method(DOMNode, "_merge_bindings", "()", "tests/functional/test_keys.py reads every binding"),
    Method(Footer, "bindings_changed", "(self, screen)", f"{FOOTER} overrides it"),
    Method(
        App,
        "_register",
        "(self, parent, *widgets, before=None, after=None, cache=None)",
        f"{DASHBOARD}: build_unseen starts the full view off the stack, as push_screen would",
    ),
    Method(
        Screen,
        "_refresh_layout",
        "(self, size=None, scroll=False)",
        f"{DASHBOARD}: _lay_out_unseen lays the full view out off the stack",
    ),
    Method(
        Widget,
        "_scroll_update",
        "(self, virtual_size)",
        f"{VERDICT_LIST}: _layout sets the virtual size without a layout, then the scrollbar",
    ),
)

ATTRIBUTES = (
    Attribute(
        TextArea,
        "_highlights",
        lambda value: isinstance(value, defaultdict) and value.default_factory is list,
        "a defaultdict(list): line -> [(start, end, name)]",
        f"{BANK_TEXT} fills it; tests/functional/test_editor.py reads it",
    ),
    Attribute(
        TextArea,
        "_highlight_query",
        lambda value: isinstance(value, importlib.import_module("tree_sitter").Query),
        "the language's compiled tree_sitter.Query (markdown here)",
        f"{BANK_TEXT}: _build_highlight_map",
    ),
    Attribute(
        TextArea,
        "_line_cache",
        lambda value: callable(getattr(value, "clear", None)),
        "a cache with clear()",
        f"{BANK_TEXT}: _build_highlight_map",
    ),
    Attribute(
        DataTable,
        "_require_update_dimensions",
        lambda value: value is False,
        "a bool, False on a new table",
        f"{FIXTURES}: _tables_pending",
    ),
    Attribute(
        DataTable,
        "_new_rows",
        lambda value: value == set(),
        "a set, empty on a new table",
        f"{FIXTURES}: _tables_pending",
    ),
    Attribute(
        DataTable,
        "_updated_cells",
        lambda value: value == set(),
        "a set, empty on a new table",
        f"{FIXTURES}: _tables_pending",
    ),
    Attribute(
        Footer,
        "_bindings_ready",
        lambda value: value is False and isinstance(vars(Footer)["_bindings_ready"], reactive),
        "a reactive bool, False on a new Footer (its compose yields no key until it is True)",
        f"{FOOTER} sets it before the first compose",
    ),
    Attribute(
        Screen,
        "_layout_required",
        lambda value: value is False,
        "a bool, False on a new screen (True once a widget asks for a layout)",
        f"{DASHBOARD}: _lay_out_unseen clears and reads it",
    ),
    Attribute(
        DOMNode,
        "_query_one_cache",
        lambda value: len(value) == 0 and callable(getattr(value, "clear", None)),
        "a cache of query_one's results with clear(), empty on a new node",
        "screens/widgets/gone_lines.py (forget_stale_queries) clears it",
    ),
    Attribute(
        App,
        "_notifications",
        lambda value: list(value) == [],
        "an iterable of notifications (with .message), empty on a new app",
        "tests/functional (test_home, test_run, test_seats, test_editor, test_screenshot) read it",
    ),
)

NAMES = (
    Name("textual.document._wrapped_document", "WrappedDocument", f"{BANK_TEXT} subclasses it"),
    Name(
        "textual.widgets._footer",
        "FooterKey",
        f"tests/functional/test_layout.py queries it; {FOOTER} sets its compact reactive",
    ),
    Name("textual._xterm_parser", "XTermParser", "tests/functional/test_keys_after_escape.py"),
    Name(
        "textual._styles_cache",
        "StylesCache",
        "screens/widgets/gone_lines.py clears its get_inner_outer cache",
    ),
    Name("textual.document._document", "Document", "this fence builds documents with it"),
    Name(
        "textual.document._syntax_aware_document",
        "SyntaxAwareDocument",
        "this fence reads its query_syntax_tree",
    ),
)


def _parameters(function: Callable[..., Any]) -> str:
    signature = inspect.signature(function)
    bare = [p.replace(annotation=inspect.Parameter.empty) for p in signature.parameters.values()]
    return str(signature.replace(parameters=bare, return_annotation=inspect.Signature.empty))


def _instance(owner: type) -> Any:
    if owner is TextArea:
        return TextArea("# A bank\n", language="markdown")
    return owner()


@pytest.mark.parametrize("method", METHODS, ids=lambda method: method.id)
def test_each_private_method_keeps_the_shape_we_rely_on(method: Method) -> None:
    where = f"Textual private {method.id} (used in {method.used_in})"
    function = getattr(method.owner, method.name, None)
    assert callable(function), f"{where} is gone"
    found = _parameters(function)
    assert found == method.parameters, f"{where} now takes {found}, not {method.parameters}"
    coroutine = inspect.iscoroutinefunction(function)
    assert coroutine is method.coroutine, f"{where}: coroutine is now {coroutine}"


@pytest.mark.parametrize("attribute", ATTRIBUTES, ids=lambda attribute: attribute.id)
def test_each_private_attribute_still_holds_what_we_read(attribute: Attribute) -> None:
    where = f"Textual private {attribute.id} (used in {attribute.used_in})"
    instance = _instance(attribute.owner)
    assert hasattr(instance, attribute.name), f"{where} is gone"
    value = getattr(instance, attribute.name)
    assert attribute.holds(value), f"{where} is now {value!r}, not {attribute.expected}"


@pytest.mark.parametrize("name", NAMES, ids=lambda name: name.id)
def test_each_class_from_a_private_module_is_still_there(name: Name) -> None:
    where = f"Textual private {name.id} (used in {name.used_in})"
    try:
        module = importlib.import_module(name.module)
    except ImportError:
        pytest.fail(f"{where}: the module {name.module} is gone")
    assert inspect.isclass(getattr(module, name.name, None)), f"{where} is gone"


@pytest.mark.parametrize(
    "text",
    ["", "one line", "a line long enough to wrap at ten\nshort\n\n" * 3, "x" * 95],
    ids=["empty", "one", "wrapped", "long"],
)
def test_the_bank_editors_wrapped_document_keeps_textuals_height(text: str) -> None:
    """The `__class__` swap in BankTextArea._set_document: the subclass adds no state, and its
    cheaper `height` (the row index) is the height Textual sums up."""
    wrapped_document = importlib.import_module("textual.document._wrapped_document")
    where = f"Textual private WrappedDocument._offset_to_line_info (used in {BANK_TEXT})"
    area = BankTextArea(text)
    ours = area.wrapped_document
    assert type(ours).__name__ == "_WrappedDocument", (
        f"Textual private TextArea._set_document no longer makes wrapped_document ({BANK_TEXT})"
    )
    for width in (0, 10, 37):
        textuals = wrapped_document.WrappedDocument(Document(text), width=width)
        assert isinstance(getattr(textuals, "_offset_to_line_info", None), list), f"{where} is gone"
        ours.wrap(width)
        assert ours.height == textuals.height, f"{where} no longer counts the rows (width {width})"
    assert set(vars(ours)) == set(vars(textuals)), "the swapped class must carry Textual's state"


def test_the_measured_table_still_runs_textuals_measuring() -> None:
    """MeasuredTable's override is reached: Textual still measures through `_update_dimensions`
    (the name and signature alone would not show a DataTable that stopped calling it)."""
    source = inspect.getsource(DataTable)
    where = f"Textual private DataTable._update_dimensions (used in {TABLE})"
    assert "self._update_dimensions(" in source, f"{where} is no longer called by DataTable"


def test_the_styles_cache_still_keeps_its_lines_in_a_clearable_cache() -> None:
    """`forget_gone_lines` empties `StylesCache.get_inner_outer`'s lru_cache, whose keys hold
    each widget's StylesCache (and its lines) after the widget is gone."""
    styles_cache = importlib.import_module("textual._styles_cache").StylesCache
    where = "Textual private StylesCache.get_inner_outer (used in screens/widgets/gone_lines.py)"
    cached = getattr(styles_cache, "get_inner_outer", None)
    assert callable(getattr(cached, "cache_clear", None)), f"{where} is no longer an lru_cache"


async def test_a_footers_watchers_still_hold_its_keys() -> None:
    """`ReleasingFooter.recompose` filters the footer's `__watchers` (name -> [(node,
    callback)]): its keys watch its `compact` there, and a rebuild leaves the old ones in."""
    from textual.widgets._footer import FooterKey

    from screens.widgets.footer import ReleasingFooter

    where = f"Textual private DOMNode.__watchers (used in {FOOTER})"

    class Keys(App[None]):
        BINDINGS: ClassVar[list[BindingType]] = [("x", "bell", "Bell")]

        def compose(self) -> ComposeResult:
            yield ReleasingFooter()

    app = Keys()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(ReleasingFooter)
        watchers = getattr(footer, "__watchers", None)
        assert isinstance(watchers, dict), f"{where} is gone"
        watching = watchers.get("compact")
        assert isinstance(watching, list) and watching, f"{where} holds no watcher of compact"
        assert all(
            isinstance(node, FooterKey) and callable(callback) for node, callback in watching
        ), f"{where} no longer holds (key, callback) pairs"
        before = list(footer.query(FooterKey))
        # A screen over it and gone again: the footer rebuilds its keys as its screen resumes.
        await app.push_screen(Screen())
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
        await pilot.pause()
        assert not set(before) & set(footer.query(FooterKey)), "the footer did not rebuild"
        assert all(node.is_attached for node, _ in watchers["compact"]), (
            f"{where}: the keys a rebuild removed are still watching"
        )
