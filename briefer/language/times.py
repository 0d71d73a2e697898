"""Time expressions in a sentence: found, resolved to days, weeks, months or years, with their tense.

Everything here is a pure function of the text and a reference date (the article's date):
"on Friday", "last week", "in August", "Oct. 31", "next year" become a day, a week, a month or
a year. The tense around an expression decides which way a year-less date or a weekday points:
"signed on Friday" is the Friday before the article, "is set to meet on Friday" the one after.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Iterable, TypeVar

from briefer.core.lexicon import MONTH_PATTERN, MONTHS, NUMBER_WORDS, WEEKDAY_PATTERN, WEEKDAYS

DAY, WEEK, MONTH, YEAR = "day", "week", "month", "year"
PAST, FUTURE, UNKNOWN = "past", "future", "unknown"
T = TypeVar("T")

_MONTH = rf"(?P<month>{MONTH_PATTERN})"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d-])"
# "two years ago" and also "a year ago", "one week ago".
_AGO_COUNTS = {"a": 1, "an": 1, "one": 1} | {word: n for word, n in NUMBER_WORDS.items() if n <= 10}

# Ordered most specific first; an expression already covered by an earlier match is skipped.
_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, re.compile(pattern, re.I)) for name, pattern in (
        ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
        ("month_day", rf"\b{_MONTH}\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR})?"),
        ("day_month", rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b\.?(?:,?\s+{_YEAR})?"),
        ("month_year", rf"\b{_MONTH}\.?,?\s+{_YEAR}"),
        ("relative_unit", r"\b(?P<which>last|this|next|earlier this|later this|past|coming)\s+"
                          r"(?P<unit>week|month|year)\b"),
        ("ago", rf"\b(?P<count>\d+|{'|'.join(_AGO_COUNTS)})\s+"
                r"(?P<unit>day|week|month|year)s?\s+ago\b"),
        ("today", r"\b(?P<word>today|tonight|this morning|this afternoon|this evening|yesterday|tomorrow)\b"),
        ("weekday", r"\b(?:(?P<which>last|next|this|on|late|early)\s+)?"
                    rf"(?P<weekday>{WEEKDAY_PATTERN})\b"),
        # A bare month needs a preposition before it: "May" alone is usually the verb.
        ("month", rf"\b(?:(?P<prep>in|since|until|till|by|from|during|through|early|late|mid|mid-|before|after"
                  rf"|of|last|this|next)\s+){_MONTH}\b(?!\s*\d)"),
        ("year", rf"(?<![$€£\d.,-])\b(?:(?:in|since|until|by|from|during|of|early|late|mid-?|before|after"
                 rf"|the|through)\s+)?{_YEAR}"),
    )
)

_DAY_PATTERNS = tuple(pattern for name, pattern in _PATTERNS if name in ("month_day", "day_month"))

# Future and scheduled readings: plans and forecasts stated in the present ("is set to").
FUTURE_CUE = re.compile(
    r"\b(?:will|shall|won'?t|(?:is|are|am|'s)\s+(?:\w+\s+)?(?:set|scheduled|expected|due|slated|poised|going"
    r"|likely|planning|planned|to)\b|(?:set|scheduled|slated|due|poised) (?:for|to)|to be held|upcoming"
    r"|(?:plans?|intends?) to"
    r"|next|coming|later this|ahead of|would)\b",
    re.I,
)
# Past readings: auxiliaries, irregular past verbs and time words are strong evidence; a bare
# "-ed" word may be an adjective ("strained ties", "planned visit") and is weak evidence.
PAST_CUE = re.compile(
    r"\b(?:was|were|had|did|ago|earlier|previously|already|since|last"
    r"|met|took|held|made|said|told|began|came|went|left|won|lost|sent|struck|hit|led|fell|rose"
    r"|saw|gave|found|brought|broke|spoke|wrote|sank|chose|paid|sought|kept|ran|flew|became|thought)\b",
    re.I,
)
WEAK_PAST_CUE = re.compile(r"(?<![\w-])[a-z]{2,}ed\b")
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s-\s|\bbut\b|\bwhile\b|\bwhereas\b", re.I)
_DATE_WORDS = re.compile(r"\b(?:last|next|earlier|later|this|coming|past)\s+(?:week|month|year)\b|\b\w+ ago\b", re.I)


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a sentence and what it resolves to."""

    text: str
    start: int
    end: int
    value: dt.date | tuple[int, int] | int  # day or week (its Monday): date; month: (year, month); year: int
    precision: str  # day | week | month | year
    tense: str = UNKNOWN  # past | future | unknown, from the words around the expression

    @property
    def first_day(self) -> dt.date:
        if self.precision in (DAY, WEEK):
            return self.value
        if self.precision == MONTH:
            return dt.date(self.value[0], self.value[1], 1)
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
        return f"{self.value:04d}"


def date_label(value, precision: str) -> str:
    """How a date is shown at its precision: "31 Oct 2025", "week of 27 Oct 2025", "Aug 2025", "2025"."""
    if precision == DAY:
        return f"{value.day} {value:%b %Y}"
    if precision == WEEK:
        return f"week of {value.day} {value:%b %Y}"
    if precision == MONTH:
        return f"{dt.date(value[0], value[1], 1):%b %Y}"
    return str(value)


def _cues(text: str, offset: int, strong: bool) -> list[tuple[int, str]]:
    """(position, tense) of each tense cue in text; date words ("last week") are not cues."""
    text = _DATE_WORDS.sub(lambda m: " " * len(m.group(0)), text)
    if strong:
        found = [(m.start(), FUTURE) for m in FUTURE_CUE.finditer(text)]
        found += [(m.start(), PAST) for m in PAST_CUE.finditer(text)]
    else:
        found = [(m.start(), PAST) for m in WEAK_PAST_CUE.finditer(text)]
    return sorted((offset + position, tense) for position, tense in found)


def tense_around(sentence: str, start: int, end: int) -> str:
    """Past or future reading of the expression at [start, end).

    Strong cues (auxiliaries, "is set to", "will", irregular past verbs) beat weak ones (a
    bare "-ed" word, maybe an adjective). Within the expression's clause the first cue wins,
    since the governing verb usually comes first ("had planned to" is past, "is expected to
    ..., the ministry said" future); failing that, the cue nearest the expression in the
    sentence.
    """
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
    following = _CLAUSE_BREAK.search(sentence, end)
    right = following.start() if following else len(sentence)
    for strong in (True, False):
        in_clause = _cues(sentence[left:start], left, strong) + _cues(sentence[end:right], end, strong)
        if in_clause:
            return min(in_clause)[1]
        in_sentence = _cues(sentence[:start], 0, strong) + _cues(sentence[end:], end, strong)
        if in_sentence:
            return min(in_sentence, key=lambda cue: abs(cue[0] - start))[1]
    return UNKNOWN


# --- Resolution ----------------------------------------------------------------------
def _month_number(name: str) -> int:
    return MONTHS[name.lower()]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_for_day(month: int, day: int, reference: dt.date, tense: str) -> dt.date | None:
    """The occurrence of month/day the tense points to: before the reference for the past,
    after it for the future, else the nearest."""
    options = [d for d in (_safe_date(reference.year + k, month, day) for k in (-1, 0, 1)) if d]
    if tense == PAST:
        earlier = [d for d in options if d <= reference]
        return max(earlier) if earlier else None
    if tense == FUTURE:
        later = [d for d in options if d >= reference]
        return min(later) if later else None
    return min(options, key=lambda d: (abs((d - reference).days), d > reference))


def _year_for_month(month: int, reference: dt.date, tense: str) -> int:
    """ "in August": this year's August unless the tense says it lies on the other side of now."""
    if tense == PAST and month > reference.month:
        return reference.year - 1
    if tense == FUTURE and month < reference.month:
        return reference.year + 1
    if tense == UNKNOWN and abs(month - reference.month) > 6:
        return reference.year + (1 if month < reference.month else -1)
    return reference.year


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _weekday_date(weekday: int, reference: dt.date, which: str | None, tense: str) -> dt.date:
    """The day a weekday name points to: "last Tuesday" is strictly before, "next" strictly after;
    otherwise past tense takes the latest such day up to the reference, future the earliest from it."""
    back = (reference.weekday() - weekday) % 7
    forward = (weekday - reference.weekday()) % 7
    if which == "last":
        return reference - dt.timedelta(days=back or 7)
    if which == "next":
        return reference + dt.timedelta(days=forward or 7)
    if tense == FUTURE:
        return reference + dt.timedelta(days=forward)
    if tense == PAST:
        return reference - dt.timedelta(days=back)
    return reference - dt.timedelta(days=back) if back <= forward else reference + dt.timedelta(days=forward)


def _resolve(kind: str, match: re.Match, sentence: str, reference: dt.date | None):
    """(value, precision, tense) for one match, or None when it cannot be resolved."""
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    tense = tense_around(sentence, match.start(), match.end())
    year = int(groups["year"]) if "year" in groups else None
    if kind == "iso":
        value = _safe_date(year, int(groups["mnum"]), int(groups["day"]))
        return (value, DAY, tense) if value else None
    if kind in ("month_day", "day_month"):
        month, day = _month_number(groups["month"]), int(groups["day"])
        if year is not None:
            value = _safe_date(year, month, day)
        elif reference is not None:
            value = _year_for_day(month, day, reference, tense)
        else:
            return None
        return (value, DAY, tense) if value else None
    if kind == "month_year":
        return ((year, _month_number(groups["month"])), MONTH, tense)
    if kind == "year":
        return (year, YEAR, tense)
    if reference is None:
        return None  # everything below is relative to the article's date
    if kind == "month":
        month = _month_number(groups["month"])
        prep = groups.get("prep", "").lower()
        if prep in ("last", "next", "this"):
            year = reference.year + {"last": -1 if month >= reference.month else 0,
                                     "next": 1 if month <= reference.month else 0, "this": 0}[prep]
        else:
            year = _year_for_month(month, reference, PAST if prep == "since" else tense)
        return ((year, month), MONTH, tense)
    if kind == "relative_unit":
        which, unit = groups["which"].lower(), groups["unit"].lower()
        step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(which, 0)
        if which == "past" and unit != "week":
            return None  # "the past year" is a span, not a date
        if unit == "week":
            return (_monday(reference) + dt.timedelta(weeks=step), WEEK, tense)
        if unit == "month":
            return (_shift_month(reference.year, reference.month, step), MONTH, tense)
        return (reference.year + step, YEAR, tense)
    if kind == "ago":
        count = groups["count"].lower()
        count = int(count) if count.isdigit() else _AGO_COUNTS[count]
        unit = groups["unit"].lower()
        if unit == "day":
            return (reference - dt.timedelta(days=count), DAY, PAST)
        if unit == "week":
            return (_monday(reference - dt.timedelta(weeks=count)), WEEK, PAST)
        if unit == "month":
            return (_shift_month(reference.year, reference.month, -count), MONTH, PAST)
        return (reference.year - count, YEAR, PAST)
    if kind == "today":
        offset = {"yesterday": -1, "tomorrow": 1}.get(groups["word"].lower(), 0)
        return (reference + dt.timedelta(days=offset), DAY, tense)
    if kind == "weekday":
        which = groups.get("which", "").lower() or None
        weekday = WEEKDAYS.index(groups["weekday"].lower())
        return (_weekday_date(weekday, reference, which, tense), DAY, tense)
    return None


def _scan(sentence: str, mention: Callable[[str, re.Match], T | None]) -> list[T]:
    """mention(kind, match) for each date expression, most specific pattern first; an expression
    inside one already found is skipped. Sorted by position (each T has a .start)."""
    taken: list[tuple[int, int]] = []
    found: list[T] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            start, end = match.start(), match.end()
            if kind in ("weekday", "month") and not sentence[match.start(kind)].isupper():
                continue
            if any(start < e and s < end for s, e in taken):
                continue
            found_here = mention(kind, match)
            if found_here is None:
                continue
            found.append(found_here)
            taken.append((start, end))
    return sorted(found, key=lambda m: m.start)


def resolve_dates(sentence_text: str, reference_date: dt.date | None) -> tuple[DateMention, ...]:
    """Every date expression in the sentence, resolved against the article's date, in text order.

    Without a reference date only absolute expressions ("Oct. 31, 2025", "August 2024", "1988")
    resolve; relative ones ("on Friday", "last week", "in August") need it and are left out.
    """
    def mention(kind: str, match: re.Match) -> DateMention | None:
        resolved = _resolve(kind, match, sentence_text, reference_date)
        if resolved is None or resolved[0] is None:
            return None
        value, precision, tense = resolved
        text = match.group(0).rstrip(".,")
        return DateMention(text, match.start(), match.start() + len(text), value, precision, tense)

    return tuple(_scan(sentence_text, mention))


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


_WEEKDAY_THEN_DAY = re.compile(r",?\s+")


def day_mentions(sentence: str, reference: dt.date | None) -> tuple[DayMention, ...]:
    """The days a sentence names, for comparing two tellings of one event.

    Unlike resolve_dates, a weekday stays a weekday (two reports' "on Friday" name the same
    day whatever their dates), a month-day without a reference keeps its month and day, and
    "Friday, Oct. 31" is one mention. Impossible days ("Feb. 30") are left out.
    """
    def mention(kind: str, match: re.Match) -> DayMention | None:
        if kind == "weekday":
            return DayMention(match.group("weekday"), match.start("weekday"), match.end("weekday"),
                              WEEKDAYS.index(match.group("weekday").lower()), None, None, None)
        if kind not in ("iso", "month_day", "day_month"):
            return None
        text = match.group(0).rstrip(".,")
        start, end = match.start(), match.start() + len(text)
        resolved = _resolve(kind, match, sentence, reference)
        if resolved is not None and resolved[0] is not None:
            day = resolved[0]
            return DayMention(text, start, end, day.weekday(), day.month, day.day, day.year)
        if kind == "iso" or match.group("year") or reference is not None:
            return None  # no such day
        month, day = _month_number(match.group("month")), int(match.group("day"))
        # Year unknown: the day must exist in some year (2000 is a leap year).
        return DayMention(text, start, end, None, month, day, None) if _safe_date(2000, month, day) else None

    merged: list[DayMention] = []
    for found in _scan(sentence, mention):
        previous = merged[-1] if merged else None
        if (previous is not None and previous.month is None and found.month is not None
                and _WEEKDAY_THEN_DAY.fullmatch(sentence[previous.end:found.start])):
            merged[-1] = DayMention(sentence[previous.start:found.end], previous.start, found.end,
                                    previous.weekday, found.month, found.day, found.year)
        else:
            merged.append(found)
    return tuple(merged)
