"""An immutable sequence whose `appended` and `extended` share its items instead of copying them.

The fold appends the notes it meets; with a tuple each append copied every earlier note, so
replaying a session with thousands of notes took quadratic time. A `Chain` is a view of the first
`length` items of a list that is only ever appended to: appending to the newest view extends that
list in place (no earlier view can see the new item), and appending to an older view copies.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Generic, TypeVar, overload

T = TypeVar("T")

_GROWING = threading.Lock()
"""Two threads appending to the same newest view must not both claim the same slot."""


class Chain(Sequence[T], Generic[T]):
    __slots__ = ("_items", "_length")

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._items: list[T] = list(items)
        self._length = len(self._items)

    def extended(self, items: Iterable[T]) -> Chain[T]:
        """A new chain with `items` at the end; this one is unchanged."""
        added = list(items)
        with _GROWING:
            if len(self._items) == self._length:
                self._items.extend(added)
                shared = self._items
            else:
                shared = [*self._items[: self._length], *added]
        chain: Chain[T] = Chain.__new__(Chain)
        chain._items = shared
        chain._length = self._length + len(added)
        return chain

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...
    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        if isinstance(index, slice):
            return tuple(self._items[: self._length][index])
        if not -self._length <= index < self._length:
            raise IndexError("chain index out of range")
        return self._items[index % self._length]

    def __iter__(self) -> Iterator[T]:
        return islice(self._items, self._length)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Chain | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Chain({list(self)!r})"
