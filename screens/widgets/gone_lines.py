"""Letting go of the rendered lines of widgets that are gone, which Textual 8.2.8 keeps.

`textual._styles_cache.StylesCache.get_inner_outer` is an instance method under
`functools.lru_cache(1024)`: each key holds the `StylesCache` it was called on, and so that
widget's rendered lines (`StylesCache._cache`, a `Strip` per line, each with its own crop and
filter caches), long after the widget is gone, until 1,024 newer keys push it out (Textual issue
6665, open). Each full dashboard opened and closed left about 16,000 objects alive that way.
The cache only saves making two rich `Style`s per widget and pair of colours, so emptying it
when many widgets go costs the widgets still shown next to nothing.
"""

from __future__ import annotations

from textual._styles_cache import StylesCache


def forget_gone_lines() -> None:
    """Drop every widget's entry in Textual's cache: the lines of the widgets just removed are
    then freed with them, and the widgets still shown make theirs again at their next frame."""
    StylesCache.get_inner_outer.cache_clear()
