"""Dates in a sentence as days, weeks, months and years: a view of the TIMEX3 tagger.

There is one date resolver, `language/timex.py`; this module reads its values for the stages
that compare and order dates. `resolve_dates` keeps the expressions whose value is a day, an
ISO week, a month, a season or a year ("Friday" -> 31 Oct 2025, "last week" -> the week of 20 Oct
2025, "in August" -> Aug 2025, "this spring" -> spring 2025, "1988"), each with the tense around
it. Values the tagger leaves underspecified without an anchor ("XXXX-WXX-5") or that are not a
calendar unit (quarters, durations, PRESENT_REF) are not dates here. `day_mentions` keeps days as the text
names them, for comparing two tellings of one event.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from briefer.language.timex import DATE, FUTURE, PAST, TIME, UNKNOWN, Timex, find_times, tense_around

__all__ = ["DAY", "WEEK", "MONTH", "SEASON", "YEAR", "PAST", "FUTURE", "UNKNOWN", "DateMention", "DayMention",
           "date_label", "resolve_dates", "day_mentions", "tense_around", "mention_of"]

DAY, WEEK, MONTH, SEASON, YEAR = "day", "week", "month", "season", "year"
# A season's months, as TimeML names them; winter runs from December into the next year.
SEASONS = {"SP": ("spring", 3), "SU": ("summer", 6), "FA": ("fall", 9), "WI": ("winter", 12)}


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a sentence and what it resolves to."""

    text: str
    start: int
    end: int
    # day or week (its Monday): date; month: (year, month); season: (year, "SP"); year: int
    value: dt.date | tuple[int, int] | tuple[int, str] | int
    precision: str  # day | week | month | season | year
    tense: str = UNKNOWN  # past | future | unknown, from the words around the expression

    @property
    def first_day(self) -> dt.date:
        if self.precision in (DAY, WEEK):
            return self.value
        if self.precision == MONTH:
            return dt.date(self.value[0], self.value[1], 1)
        if self.precision == SEASON:
            return dt.date(self.value[0], SEASONS[self.value[1]][1], 1)
        return dt.date(self.value, 1, 1)

    @property
    def last_day(self) -> dt.date:
        if self.precision == DAY:
            return self.value
        if self.precision == WEEK:
            return self.value + dt.timedelta(days=6)
        if self.precision == MONTH:
            year, month = self.value
            return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        if self.precision == SEASON:
            start = self.first_day  # three months: to the day before the fourth month's first
            return dt.date(start.year + (start.month + 2) // 12, (start.month + 2) % 12 + 1, 1) - dt.timedelta(days=1)
        return dt.date(self.value, 12, 31)

    @property
    def label(self) -> str:
        return date_label(self.value, self.precision)

    @property
    def sort_key(self) -> str:
        """ISO text that sorts chronologically: 2025-10-31, 2025-10 (month), 2025 (year)."""
        if self.precision in (DAY, WEEK):
            return self.value.isoformat()
        if self.precision == MONTH:
            return f"{self.value[0]:04d}-{self.value[1]:02d}"
        if self.precision == SEASON:
            return f"{self.value[0]:04d}-{SEASONS[self.value[1]][1]:02d}"
        return f"{self.value:04d}"


def date_label(value, precision: str) -> str:
    """How a date is shown at its precision: "31 Oct 2025", "week of 27 Oct 2025", "Aug 2025", "2025"."""
    if precision == DAY:
        return f"{value.day} {value:%b %Y}"
    if precision == WEEK:
        return f"week of {value.day} {value:%b %Y}"
    if precision == MONTH:
        return f"{dt.date(value[0], value[1], 1):%b %Y}"
    if precision == SEASON:
        return f"{SEASONS[value[1]][0]} {value[0]}"
    return str(value)


_DAY_VALUE = re.compile(r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:T.*)?")
_WEEK_VALUE = re.compile(r"(?P<y>\d{4})-W(?P<w>\d\d)")
_MONTH_VALUE = re.compile(r"(?P<y>\d{4})-(?P<m>\d\d)")
_SEASON_VALUE = re.compile(r"(?P<y>\d{4})-(?P<s>SP|SU|FA|WI)")
_YEAR_VALUE = re.compile(r"(?P<y>\d{4})")


def calendar_value(value: str) -> tuple[dt.date | tuple[int, int] | int, str] | None:
    """(value, precision) of a TIMEX3 value that names one day, ISO week, month or year."""
    if match := _DAY_VALUE.fullmatch(value):
        try:
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"])), DAY
        except ValueError:
            return None
    if match := _WEEK_VALUE.fullmatch(value):
        try:
            return dt.date.fromisocalendar(int(match["y"]), int(match["w"]), 1), WEEK
        except ValueError:
            return None
    if match := _MONTH_VALUE.fullmatch(value):
        return ((int(match["y"]), int(match["m"])), MONTH) if 1 <= int(match["m"]) <= 12 else None
    if match := _SEASON_VALUE.fullmatch(value):
        return (int(match["y"]), match["s"]), SEASON
    if match := _YEAR_VALUE.fullmatch(value):
        return int(match["y"]), YEAR
    return None


def mention_of(timex: Timex, sentence: str) -> DateMention | None:
    """The calendar date a TIMEX3 names, with the tense around it; None for other values."""
    if timex.type not in (DATE, TIME):
        return None
    parsed = calendar_value(timex.value)
    if parsed is None:
        return None
    value, precision = parsed
    return DateMention(timex.text, timex.start, timex.end, value, precision,
                       tense_around(sentence, timex.start, timex.end))


def dates_of(times: tuple[Timex, ...], sentence: str) -> tuple[DateMention, ...]:
    return tuple(m for m in (mention_of(t, sentence) for t in times) if m is not None)


def resolve_dates(sentence_text: str, reference_date: dt.date | None) -> tuple[DateMention, ...]:
    """Every date expression in the sentence, resolved against the article's date, in text order.

    Without a reference date only absolute expressions ("Oct. 31, 2025", "August 2024", "1988")
    resolve; relative ones ("on Friday", "last week", "in August") need it and are left out.
    """
    return dates_of(find_times(sentence_text, reference_date), sentence_text)


@dataclass(frozen=True)
class DayMention:
    """A day as the text names it, with only what the text fixes: a weekday, a month and day,
    a year (written, or placed by the tense against the reference date)."""

    text: str
    start: int
    end: int
    weekday: int | None  # 0 = Monday
    month: int | None
    day: int | None
    year: int | None
    # the time of the day a TIMEX3 value gives it ("NI" for "Friday night", "MO", "10:00"), or "":
    # a night's event may be told on either side of midnight
    time_of_day: str = ""


_WEEKDAY_VALUE = re.compile(r"XXXX-WXX-(?P<n>[1-7])")
_DATE_VALUE = re.compile(r"(?P<y>\d{4}|XXXX)-(?P<m>\d\d)-(?P<d>\d\d)")
_WEEKDAY_THEN_DAY = re.compile(r",?\s+")


def day_mentions(sentence: str, reference: dt.date | None) -> tuple[DayMention, ...]:
    """The days a sentence names, for comparing two tellings of one event.

    Unlike resolve_dates, a weekday stays a weekday (two reports' "on Friday" name the same
    day whatever their dates), a month-day without a reference keeps its month and day, and
    "Friday, Oct. 31" is one mention. Impossible days ("Feb. 30") are left out. Read from the
    tagger without an anchor (what the text fixes), and with one for a year-less day's year.
    """
    placed = {(t.start, t.end): t.value for t in find_times(sentence, reference)} if reference else {}
    found: list[DayMention] = []
    for timex in find_times(sentence, None):
        if timex.type not in (DATE, TIME):
            continue
        # a time of a named day names that day: "XXXX-WXX-5TNI" (Friday night) -> "XXXX-WXX-5" and "NI"
        value, _, timed = timex.value.partition("T")
        if weekday := _WEEKDAY_VALUE.fullmatch(value):
            found.append(DayMention(timex.text, timex.start, timex.end, int(weekday["n"]) - 1, None, None, None, timed))
            continue
        day = _DATE_VALUE.fullmatch(value)
        if day is None:
            continue
        if day["y"] == "XXXX":
            full = _DATE_VALUE.fullmatch(placed.get((timex.start, timex.end), "").partition("T")[0])
            if full is None or full["y"] == "XXXX":
                if reference is None:
                    found.append(DayMention(timex.text, timex.start, timex.end, None, int(day["m"]), int(day["d"]), None,
                                            timed))
                continue
            day = full
        try:
            date = dt.date(int(day["y"]), int(day["m"]), int(day["d"]))
        except ValueError:
            continue
        found.append(DayMention(timex.text, timex.start, timex.end, date.weekday(), date.month, date.day, date.year,
                                timed))
    merged: list[DayMention] = []
    for mention in found:
        previous = merged[-1] if merged else None
        if (previous is not None and previous.month is None and mention.month is not None
                and _WEEKDAY_THEN_DAY.fullmatch(sentence[previous.end:mention.start])):
            merged[-1] = DayMention(sentence[previous.start:mention.end], previous.start, mention.end,
                                    previous.weekday, mention.month, mention.day, mention.year,
                                    previous.time_of_day or mention.time_of_day)
        else:
            merged.append(mention)
    return tuple(merged)
