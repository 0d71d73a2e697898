"""TIMEX3-style time expressions over a whole text: offsets, type and normalised value.

The value follows TimeML: `2025-10-31`, `2025-10`, `2025-W44`, `1998`, `1998-Q3`, `P3D`,
`PRESENT_REF`. Relative expressions resolve against the anchor (the article's date); without
one they are left out rather than guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefer.language.times import DAY, MONTH, WEEK, resolve_dates


@dataclass(frozen=True)
class Timex:
    start: int  # offsets into the text given to find_times
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str


def _value(mention) -> str:
    if mention.precision == DAY:
        return mention.value.isoformat()
    if mention.precision == WEEK:
        year, week, _ = mention.value.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if mention.precision == MONTH:
        return f"{mention.value[0]:04d}-{mention.value[1]:02d}"
    return f"{mention.value:04d}"


def find_times(text: str, anchor: dt.date | None) -> tuple[Timex, ...]:
    """Every time expression in the text, in order."""
    return tuple(Timex(m.start, m.end, m.text, "DATE", _value(m)) for m in resolve_dates(text, anchor))
