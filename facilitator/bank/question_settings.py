"""Read and validate one question's attribute values (`kind=`, `pick=`, `range=`, …), reporting
problems through the chunk reader that found the question."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from ..base.text import plural
from .attributes import Attribute
from .model import DEFAULT_SCALE, Kind, Scale

if TYPE_CHECKING:
    from .chunk_reader import ChunkReader

_E = TypeVar("_E", bound=StrEnum)
_RANGE = re.compile(r"(-?[0-9]{1,6})-(-?[0-9]{1,6})")
_PICK = re.compile(r"[0-9]{1,4}")
_KEYS_FOR_KINDS = {
    "pick": (Kind.CHOICE, Kind.RANK),
    "range": (Kind.SCALE,),
    "low": (Kind.SCALE,),
    "high": (Kind.SCALE,),
    "unit": (Kind.NUMBER,),
    # On text and list questions, near and far judge time horizons read from words, in months.
    "near": (Kind.SCALE, Kind.NUMBER, Kind.TEXT, Kind.LIST),
    "far": (Kind.SCALE, Kind.NUMBER, Kind.TEXT, Kind.LIST),
    "whole": (Kind.SCALE, Kind.NUMBER),
}


class QuestionSettings:
    """Reads and validates one question's attribute values; problems go to the reader."""

    def __init__(self, reader: ChunkReader, line: int, values: dict[str, Attribute]) -> None:
        self.reader = reader
        self.line = line
        self.values = values

    def bad(self, key: str, message: str) -> None:
        self.reader.problem(self.line, self.values[key].column, message)

    def raw(self, key: str) -> str | None:
        attribute = self.values.get(key)
        if attribute is None:
            return None
        if attribute.value is None:
            self.bad(key, f"'{key}' needs a value ({key}=…)")
            return None
        return attribute.value

    def choice(self, key: str, enum: type[_E], default: _E) -> _E:
        raw = self.raw(key)
        if raw is None:
            return default
        try:
            return enum(raw)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            self.bad(key, f"unknown {key} '{raw}' (expected one of: {allowed})")
            return default

    def check_applies(self, kind: Kind) -> None:
        for key, kinds in _KEYS_FOR_KINDS.items():
            if key in self.values and kind not in kinds:
                names = " and ".join(str(k) for k in kinds)
                self.bad(key, f"'{key}' applies to {names} questions only")

    def text(self, key: str) -> str:
        return self.raw(key) or ""

    def number(self, key: str) -> float | None:
        raw = self.raw(key)
        if raw is None:
            return None
        try:
            value = float(raw)
        except ValueError:
            self.bad(key, f"{key} must be a number, not '{raw}'")
            return None
        if value < 0 or value != value or value in (float("inf"), float("-inf")):
            self.bad(key, f"{key} must be a finite number of zero or more")
            return None
        return value

    def pick(self, kind: Kind, option_count: int) -> int | None:
        raw = self.raw("pick")
        if raw is None:
            return None
        if not _PICK.fullmatch(raw) or int(raw) < 1:
            self.bad("pick", f"pick must be a whole number of 1 or more, not '{raw}'")
            return None
        if option_count and int(raw) > option_count:
            only = plural(option_count, "option")
            self.bad("pick", f"pick={raw} but the question has only {only}")
        return int(raw)

    def scale(self) -> Scale:
        low, high = DEFAULT_SCALE
        raw = self.raw("range")
        if raw is not None:
            match = _RANGE.fullmatch(raw)
            if match is None:
                self.bad("range", f"bad range '{raw}': write LOW-HIGH, e.g. range=1-5")
            elif int(match.group(1)) >= int(match.group(2)):
                self.bad("range", f"bad range '{raw}': the low end must be below the high end")
            elif int(match.group(2)) - int(match.group(1)) > 100:
                self.bad("range", f"bad range '{raw}': at most 100 steps")
            else:
                low, high = int(match.group(1)), int(match.group(2))
        return Scale(low, high, self.text("low"), self.text("high"))
