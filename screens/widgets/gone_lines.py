"""Letting go of the rendered lines of widgets that are gone, which Textual 8.2.8 keeps.

`textual._styles_cache.StylesCache.get_inner_outer` is an instance method under
`functools.lru_cache(1024)`: each key holds the `StylesCache` it was called on, and so that
widget's rendered lines (`StylesCache._cache`, a `Strip` per line, each with its own crop and
filter caches), long after the widget is gone, until 1,024 newer keys push it out (Textual issue
6665, open). Each full dashboard opened and closed left about 16,000 objects alive that way.
The cache only saves making two rich `Style`s per widget and pair of colours, so emptying it
when many widgets go costs the widgets still shown next to nothing.

Also here: the lookups by id that Textual caches per node, keyed by a count of that node's DOM
changes (`forget_stale_queries`).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._styles_cache import StylesCache
from textual.dom import DOMNode
from textual.screen import Screen


def forget_gone_lines() -> None:
    """Drop every widget's entry in Textual's cache: the lines of the widgets just removed are
    then freed with them, and the widgets still shown make theirs again at their next frame."""
    StylesCache.get_inner_outer.cache_clear()


def forget_gone_widgets(screen: Screen[object], gone: Iterable[DOMNode]) -> None:
    """Drop what Textual keeps of widgets just removed from `screen`, so that they are freed.

    Each `TextArea` subscribes to the screen's `text_selection_started_signal` at its mount,
    with a callback that holds it (so the signal's weak key never goes), and watches the app's
    theme (`self.watch(self.app, "theme", ...)`), whose watcher Textual drops only when the theme
    next changes. Until the screen goes, or the theme changes, every editor it ever removed
    stays alive with its rendered lines: the run screen's answer editors, two per question,
    ~1,600 objects a `n`, which every later full collection walked. Their lines in Textual's
    style cache go too (`forget_gone_lines`).
    """
    forget_gone_lines()
    for widget in gone:
        screen.text_selection_started_signal.unsubscribe(widget)
    forget_gone_watchers(screen.app)


def forget_gone_watchers(watched: DOMNode, of: type[DOMNode] = DOMNode) -> None:
    """Drop the watchers of `watched`'s reactives that belong to nodes of type `of` no longer
    in the DOM: Textual drops them only when the value watched next changes. Textual's
    watchers (a private, fenced in tests/functional/test_textual_privates.py): attribute ->
    [(watching node, callback)]."""
    watchers: dict[str, list[tuple[DOMNode, object]]] = getattr(watched, "__watchers", {})
    for watching in watchers.values():
        watching[:] = [
            (node, callback)
            for node, callback in watching
            if node.is_attached or not isinstance(node, of)
        ]


def forget_stale_queries(changed: DOMNode) -> None:
    """Empty the `query_one` caches that a DOM change under `changed` made stale: those of
    `changed` and of each of its ancestors, whose counts of updates the change bumped.

    Textual 8.2.8 caches `query_one` by id or simple selector per node, keyed by
    `(node._nodes._updates, selector, type)` (textual/dom.py:1490 and :1515), in an
    `LRUCache(1024)` (dom.py:233); `_updates` counts every mount and removal in the subtree
    (textual/_node_list.py:76-79) and only grows, so an entry made before a change can never be
    found again. The run screen looks up its panes, bars and texts by id after every next
    question, which mounts new editors: ~18 new entries a `n` (the screen's 8 lookups, the
    session view's 6, 2 in each pane), ~3 tracked objects each, kept until 1,024 newer ones
    push them out, some 12,000 objects for every full collection to walk. The entries still
    valid are lost too; finding a widget by id again is one breadth-first walk. Textual's
    cache (a private, fenced in tests/functional/test_textual_privates.py)."""
    for node in changed.ancestors_with_self:
        node._query_one_cache.clear()
