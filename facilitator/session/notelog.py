"""The notes of a folded state, built when they are first read.

A note event's rule is a copy of its payload with two fields added, as a `Note`. At 100,000
events (~39,000 notes) building them was two fifths of a cold seek: every payload, its values
and the event lie in different places in memory, and each note is a new dict and a new object.
The fold refuses, as it passes, a note the rule cannot take (so it fails at its moment, as
before) and keeps the note events and their payloads, unbuilt, in a `NoteLog`; the notes are
built the first time anything reads them, in passes made in C where every payload is what the
store writes, with the same fields in the same order as the rule builds them. A state whose
notes nobody reads (every checkpoint a seek passes) never pays for them.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import fields
from itertools import islice, repeat
from operator import attrgetter, eq, methodcaller
from typing import Any, overload

from ..base.gcpause import collection_paused
from ..base.sharedseq import Chain
from .moderation import Note
from .records import Event

Batch = tuple[Sequence[Any], Sequence[Mapping[str, Any]] | None]
"""Notes in order: (the notes, None) once built; (their events, their payloads) before, each
payload with a section and a text at least (the fold refuses the others)."""

_BUILDING = threading.Lock()
"""A replay's worker extends the log (its checkpoints) while the screen reads a state's notes."""


class _Shared:
    """What every version of one log shares: the notes built, then the batches not yet built."""

    __slots__ = ("built", "count", "unbuilt")

    def __init__(self, built: list[Note], unbuilt: list[Batch], count: int) -> None:
        self.built = built
        self.unbuilt = unbuilt
        self.count = count
        """How many notes built and unbuilt together."""


class NoteLog(Chain[Note]):
    """A `Chain` of notes, some of them perhaps not built yet: whatever reads them (iteration,
    indexing, equality, hash, repr) sees built notes, equal to what the note rule builds.
    Versions share their notes as a `Chain`'s do; building them builds them for every
    version."""

    __slots__ = ("_shared",)
    _shared: _Shared

    @classmethod
    def of(cls, notes: Chain[Note]) -> NoteLog:
        """`notes` as a log (itself if it is one)."""
        if isinstance(notes, NoteLog):
            return notes
        built = list(notes)
        return cls._view(_Shared(built, [], len(built)), len(built))

    @classmethod
    def _view(cls, shared: _Shared, length: int) -> NoteLog:
        log: NoteLog = cls.__new__(cls)
        log._shared, log._items, log._length = shared, shared.built, length
        return log

    def extended_by(self, batches: Iterable[Batch]) -> NoteLog:
        """A new log with the notes of `batches` at the end, unbuilt; this one is unchanged."""
        added = [batch for batch in batches if batch[0]]
        count = sum(len(notes) for notes, _ in added)
        with _BUILDING:
            shared = self._shared
            if shared.count == self._length:
                shared.unbuilt.extend(added)
                shared.count += count
            else:
                # An older version: its own notes, then the new ones (`Chain.extended` copies
                # the same way).
                self._build()
                built = shared.built[: self._length]
                shared = _Shared(built, added, self._length + count)
        return self._view(shared, self._length + count)

    def extended(self, items: Iterable[Note]) -> NoteLog:
        return self.extended_by([(list(items), None)])

    def _settle(self) -> None:
        """Build every note not yet built (of this version and any later one)."""
        if self._shared.unbuilt:
            with _BUILDING:
                self._build()

    def _build(self) -> None:
        shared = self._shared
        if not shared.unbuilt:
            return
        # Tens of thousands of new objects, which a read outside a fold would let the
        # collector walk as they are made.
        with collection_paused():
            for notes, payloads in shared.unbuilt:
                shared.built.extend(notes if payloads is None else built(notes, payloads))
        # Cleared only once built, so a reader that finds no batch left finds every note.
        shared.unbuilt.clear()

    def __iter__(self) -> Iterator[Note]:
        self._settle()
        return islice(self._items, self._length)

    @overload
    def __getitem__(self, index: int) -> Note: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Note, ...]: ...
    def __getitem__(self, index: int | slice) -> Note | tuple[Note, ...]:
        self._settle()
        return super().__getitem__(index)


def built(events: Sequence[Event], payloads: Sequence[Mapping[str, Any]]) -> list[Note]:
    """The notes of note events, each by the note rule: the fold has refused any payload
    without a section or a text. Built without the frozen dataclass's __init__ (half the time
    of a note), each with the same fields in the same order as the rule always built them."""
    if not all(map(eq, map(_KEYS, payloads), repeat(_NOTE_PAYLOAD))):
        return list(map(_by_the_rule, events, payloads))
    # As the store writes them, every field but two: a copy of the payload and those two, in
    # passes made in C.
    given = list(map(dict, payloads))
    deque(map(dict.__setitem__, given, repeat("seq"), map(_SEQ, events)), 0)
    deque(map(dict.__setitem__, given, repeat("done"), repeat(False)), 0)
    notes: list[Note] = list(map(object.__new__, repeat(Note, len(given))))
    deque(map(object.__setattr__, notes, repeat("__dict__"), given), 0)
    return notes


def _by_the_rule(event: Event, payload: Mapping[str, Any]) -> Note:
    note = object.__new__(Note)
    if payload.keys() == _NOTE_PAYLOAD:
        given = dict(payload)
        given["seq"], given["done"] = event.seq, False
    else:
        given = {
            "seq": event.seq,
            "section": payload["section"],
            "kind": payload.get("kind", "note"),
            "text": payload["text"],
            "owner": payload.get("owner", ""),
            "due": payload.get("due", ""),
            "question": payload.get("question", ""),
            "done": False,
        }
    object.__setattr__(note, "__dict__", given)
    return note


_SEQ = attrgetter("seq")
_KEYS = methodcaller("keys")
_NOTE_PAYLOAD = frozenset(note_field.name for note_field in fields(Note)) - {"seq", "done"}
"""The payload of a note as `NoteTaking.add_note` records it: all of `Note` but seq and done,
which the rule adds."""
