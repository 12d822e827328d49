"""Time horizons said in words ("within six months", "about 26 weeks", "by the end of this
month", "the year after next"), read into months so that two answers can be compared like
numbers. English only; an answer this reads nothing from is compared as text.

A duration ("six months", "two years", "a quarter") needs no calendar. A relative date ("end of
this month", "next spring", "by mid-year", "in Q3") is resolved against the session's start,
never today's date, so a replay or a report says the same next year. When an answer holds both,
the duration wins: it is what the side measured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

DAYS_PER_MONTH = 365.25 / 12
UNITS = {"day": 1 / DAYS_PER_MONTH, "week": 7 / DAYS_PER_MONTH, "month": 1.0, "quarter": 3.0,
         "year": 12.0}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18,
    "twenty": 20, "twenty-four": 24, "thirty": 30, "thirty-six": 36, "forty-eight": 48,
    "a couple of": 2, "a few": 3, "several": 4, "half a": 0.5, "a half": 0.5,
}  # fmt: skip
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")  # fmt: skip
SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}
"""The middle month of each (northern) season; winter's is January."""

_NUMBER = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_DURATION = re.compile(
    rf"(?<![\w-])(?P<n>\d+(?:\.\d+)?|{_NUMBER})(?P<half>\s+and\s+a\s+half)?[\s-]+"
    r"(?P<unit>day|week|month|quarter|year)s?(?P<half2>\s+and\s+a\s+half)?(?![\w])"
)
_IMMEDIATE = re.compile(r"\b(?:immediately|right away|straight away|at once|asap)\b")
_PERIOD = re.compile(
    r"\b(?:(?P<edge>end|start|beginning|middle|mid)(?:\s+of)?[\s-]+)?"
    r"(?:(?P<which>this|next|the)\s+)?"
    r"(?P<what>month|quarter|year after next|year|spring|summer|autumn|fall|winter|"
    + "|".join(MONTHS)
    + r"|q[1-4]|20\d\d)\b(?:\s+(?P<after>next year|20\d\d))?"
)


@dataclass(frozen=True)
class Horizon:
    """A time horizon read from an answer."""

    months: float
    phrase: str
    """The words it was read from, as the answer wrote them."""


def _month_start(year: int, month: int) -> date:
    year += (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1)


def _span(start: date, what: str, which: str, after: str) -> tuple[date, date] | None:
    """The first and last day (exclusive) of the period named, seen from `start`."""
    year = start.year
    if after == "next year":
        year += 1
    elif after:
        year = int(after)
    if what == "month":
        begin = _month_start(start.year, start.month + (1 if which == "next" else 0))
        return begin, _month_start(begin.year, begin.month + 1)
    if what == "year after next":
        return date(year + 2, 1, 1), date(year + 3, 1, 1)
    if what == "year":
        year += 1 if which == "next" else 0
        return date(year, 1, 1), date(year + 1, 1, 1)
    if re.fullmatch(r"20\d\d", what):
        return date(int(what), 1, 1), date(int(what) + 1, 1, 1)
    if what == "quarter" or what.startswith("q"):
        if what == "quarter":
            quarter = (start.month - 1) // 3 + (1 if which == "next" else 0)
        else:
            quarter = int(what[1]) - 1
        begin = _month_start(year, quarter * 3 + 1)
        if what != "quarter" and not after and _month_start(begin.year, begin.month + 3) <= start:
            begin = _month_start(begin.year + 1, begin.month)
        return begin, _month_start(begin.year, begin.month + 3)
    if what in SEASONS or what in MONTHS:
        middle = SEASONS[what] if what in SEASONS else MONTHS.index(what) + 1
        first = middle - 1 if what in SEASONS else middle
        months = 3 if what in SEASONS else 1
        begin = _month_start(year, first)
        # The next one to come: this year's once it is over, or when "next" is said.
        over = _month_start(begin.year, begin.month + months) <= start
        if not after and (which == "next" or (over and begin <= start)):
            begin = _month_start(begin.year + 1, begin.month)
        return begin, _month_start(begin.year, begin.month + months)
    return None


def _relative(text: str, start: date) -> Horizon | None:
    for match in _PERIOD.finditer(text):
        what, which = match.group("what"), match.group("which") or ""
        if what in ("month", "quarter", "year") and not which and not match.group("edge"):
            continue  # "a month", "per year": a unit, not a date
        plain = not (which or match.group("edge") or match.group("after"))
        if what == "may" and plain and not re.search(r"\b(?:by|in|until|before)\s+may\b", text):
            continue  # "we may …"
        span = _span(start, what, which, match.group("after") or "")
        if span is None:
            continue
        begin, end = span
        edge = match.group("edge") or ""
        if edge in ("start", "beginning"):
            when = begin
        elif edge == "end":
            when = end - timedelta(days=1)
        else:
            when = begin + (end - begin) / 2
        if edge in ("mid", "middle") and what == "year":
            when = date(begin.year, 7, 1)
        months = max(0.0, (when - start).days / DAYS_PER_MONTH)
        return Horizon(round(months, 2), match.group(0).strip())
    return None


def _mid_year(text: str, start: date) -> Horizon | None:
    match = re.search(r"\b(?:mid-year|midyear|mid year|the middle of the year)\b", text)
    if match is None:
        return None
    when = date(start.year, 7, 1)
    if when <= start:
        when = date(start.year + 1, 7, 1)
    return Horizon(round((when - start).days / DAYS_PER_MONTH, 2), match.group(0))


@lru_cache(maxsize=4096)
def horizon(text: str, start: date | None = None) -> Horizon | None:
    """The time horizon `text` states, in months from the session's `start`; None when it states
    none (or only a relative date and no start is known)."""
    lowered = " ".join(text.lower().replace("\u2019", "'").split())
    duration = _DURATION.search(lowered)
    if duration is not None:
        raw = duration.group("n")
        count = float(raw) if raw[0].isdigit() else float(NUMBER_WORDS[raw])
        if duration.group("half") or duration.group("half2"):
            count += 0.5
        months = count * UNITS[duration.group("unit")]
        return Horizon(round(months, 2), duration.group(0).strip())
    immediate = _IMMEDIATE.search(lowered)
    if immediate is not None:
        return Horizon(0.0, immediate.group(0))
    if start is None:
        return None
    return _mid_year(lowered, start) or _relative(lowered, start)


TIME_QUESTION = re.compile(
    r"\b(?:when|how long|how soon|how quickly|how fast|by what date|timeline|time ?frame|"
    r"horizon|deadline|how many (?:days|weeks|months|quarters|years))\b"
)
"""A question that asks about time: its answers are read as horizons whatever else they say."""
_FILLER = frozenset(
    """within in by about around roughly some time sometime at the latest before after until
    no later than from now on or so approximately maybe perhaps probably end start of this next
    a an the and it we they is be done""".split()  # noqa: SIM905 (reads as text)
)
"""Words around a time phrase that leave an answer a pure statement of time."""


def answer_horizon(
    question_text: str, items: tuple[str, ...], start: date | None
) -> Horizon | None:
    """The horizon an answer states: the first of its items that states one, when the question
    asks about time or that item says nothing but a time ("within six months", "by mid-year,
    about 26 weeks"). "Two engineers for a month" answers something else."""
    about_time = TIME_QUESTION.search(question_text.lower()) is not None
    for item in items:
        found = horizon(item, start)
        if found is None:
            continue
        if about_time:
            return found
        rest = re.sub(
            r"\b(?:\d+(?:\.\d+)?|" + _NUMBER + r")\b|\b(?:days?|weeks?|months?|quarters?|years?|"
            r"mid-year|midyear|spring|summer|autumn|fall|winter|q[1-4]|20\d\d|"
            + "|".join(MONTHS)
            + r")\b",
            " ",
            " ".join(item.lower().replace(",", " ").replace(".", " ").split()),
        )
        if all(word in _FILLER for word in re.findall(r"[a-z']+", rest)):
            return found
    return None
