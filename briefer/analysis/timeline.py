"""Time: resolve date expressions to absolute dates, date undated articles, build the timeline.

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
from briefer.core.models import Corpus, Item, TimelineEntry
from briefer.core.text import containment, content_words

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


# --- Dating the articles -------------------------------------------------------------
OWN, REWRITE, TEXT = "own", "rewrite", "text"
# A report is written within days of the events it announces and reports; a wider window
# between the newest past event and the first forecast one says too little to date it.
MAX_INFERENCE_WINDOW_DAYS = 7


@dataclass(frozen=True)
class ArticleDate:
    date: dt.date | None
    basis: str | None  # own | rewrite | text | None (undated)


def day_bounds(sentences: Iterable[str], reference: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """(latest day the text reports in the past tense, earliest day it announces in the future).

    Only absolute days count ("Oct. 29", "1 November"): weekday names and "last week" would be
    resolved against the very date being inferred.
    """
    latest_past: dt.date | None = None
    earliest_future: dt.date | None = None
    for sentence in sentences:
        for match in (m for pattern in _DAY_PATTERNS for m in pattern.finditer(sentence)):
            groups = match.groupdict()
            month, tense = _month_number(groups["month"]), tense_around(sentence, match.start(), match.end())
            # The occurrence nearest the reference, whatever the tense: the tense places the
            # day before or after the writing date, which is what is being bounded.
            day = (_safe_date(int(groups["year"]), month, int(groups["day"])) if groups.get("year")
                   else _year_for_day(month, int(groups["day"]), reference, UNKNOWN))
            if day is None:
                continue
            if tense == PAST:
                latest_past = max(latest_past or day, day)
            elif tense == FUTURE:
                earliest_future = min(earliest_future or day, day)
    return latest_past, earliest_future


def consistent(candidate: dt.date, sentences: list[str]) -> bool:
    """The text reports nothing after the candidate date and announces nothing before it."""
    past, future = day_bounds(sentences, candidate)
    return (past is None or past <= candidate) and (future is None or future >= candidate)


def article_dates(corpus: Corpus) -> dict[int, ArticleDate]:
    """Article number -> its date, inferred conservatively where the article has none.

    1. Its own date (front matter, date line, dateline).
    2. A rewrite's date: dedupe groups rewrites of one report into an origin; an undated member
       takes the earliest date of a dated member (the original is no newer than its first dated
       copy), provided its own text agrees (nothing reported after it, nothing announced before it).
    3. Its own text: the latest day it reports as past and the earliest it announces as future
       bound the writing date ("said on Oct. 29", "set to meet on Oct. 31" -> Oct. 29-30); when
       both exist and lie within a week, the article takes the latest day the window allows.
       Year-less days are placed against the newest dated article of the story.
    Otherwise the article stays undated and its relative expressions stay unresolved.
    """
    sentences: dict[int, list[str]] = {c.article.number: list(c.paragraphs) for c in corpus.articles}
    own = {c.article.number: c.article.date for c in corpus.articles}
    dated = [d for d in own.values() if d]
    anchor = max(dated) if dated else None
    result: dict[int, ArticleDate] = {}
    for number, date in own.items():
        if date:
            result[number] = ArticleDate(date, OWN)
            continue
        origin = corpus.origin_of.get(number)
        lent = sorted(own[n] for n, o in corpus.origin_of.items() if o == origin and own.get(n))
        if lent and consistent(lent[0], sentences[number]):
            result[number] = ArticleDate(lent[0], REWRITE)
            continue
        inferred = _date_from_text(sentences[number], anchor)
        result[number] = ArticleDate(inferred, TEXT if inferred else None)
    return result


def _date_from_text(sentences: list[str], anchor: dt.date | None) -> dt.date | None:
    if anchor is None:
        years = [int(y) for s in sentences for y in re.findall(r"\b(?:19|20)\d\d\b", s)]
        if not years:
            return None
        anchor = dt.date(max(years), 7, 1)
    past, future = day_bounds(sentences, anchor)
    if past is None or future is None:
        return None
    latest = future - dt.timedelta(days=1)
    if latest < past or (latest - past).days > MAX_INFERENCE_WINDOW_DAYS:
        return None
    return latest


# --- The timeline --------------------------------------------------------------------
# Verbs that make a dated sentence an event (something happened or is scheduled), not a
# statement of opinion or state.
EVENT_VERB = re.compile(
    r"\b(?:met|meet(?:s|ing)?|signed|sign(?:s|ing)?|ink(?:ed|s)?|agreed|announced|announce[sd]?|decided"
    r"|approved|ratified|adopted|concluded|reached|launched|held|hold(?:s|ing)?|visited|visit(?:s|ing)?"
    r"|arrived|left|began|ended|resumed|stalled|cancell?ed|postponed|imposed|raised|doubled|double"
    r"|increased|cut|hit|introduced|elected|appointed|sworn|swore|arrested|killed|convicted|acquitted"
    r"|released|freed|accused|attacked|launched|talks|deliver(?:ed)?|address(?:ed)?|spoke|speaking"
    r"|won|lost|voted|passed|vetoed|resigned|declined|rejected|took office|took place|followed)\b",
    re.I,
)
# Plans and forecasts: shown on the timeline only while they still lie ahead of the brief.
FORECAST = re.compile(
    r"\b(?:(?:is|are)\s+(?:\w+\s+)?(?:set|scheduled|expected|due|slated|likely|to)\s+(?:to\b)?|will\b"
    r"|scheduled (?:for|to)|to be held|upcoming)",
    re.I,
)
# Share of the shorter sentence's content words at which two entries on one date tell one event.
TIMELINE_DUPLICATE = 0.5


@dataclass(frozen=True)
class DatedItem:
    index: int  # into corpus.items
    mention: DateMention
    forecast: bool


def representative(item: Item):
    """The member sentence whose text the item shows (its article gives the reference date)."""
    return next((m for m in item.members if m.text == item.text), item.first)


def event_date(text: str, reference: dt.date | None) -> DateMention | None:
    """The date of the sentence's event: its first mention finer than a year, else its first year
    ("this year" in an article of that year dates nothing)."""
    mentions = [m for m in resolve_dates(text, reference)
                if not (m.precision == YEAR and reference and m.value == reference.year)]
    finer = [m for m in mentions if m.precision != YEAR]
    return (finer or list(mentions) or [None])[0]


def dated_events(corpus: Corpus, dates: dict[int, ArticleDate]) -> list[DatedItem]:
    events = []
    for index, item in enumerate(corpus.items):
        if not EVENT_VERB.search(item.text):
            continue
        sentence = representative(item)
        mention = event_date(item.text, dates[sentence.article].date)
        if mention is None:
            continue
        reference = dates[sentence.article].date
        forecast = bool(FORECAST.search(item.text)) and mention.tense == FUTURE
        # An event is told in the past tense, or announced; an untensed date counts only if it
        # lies before the article ("sanctions last week").
        if forecast or mention.tense == PAST or (reference and mention.last_day < reference):
            events.append(DatedItem(index, mention, forecast))
    return events


def same_gist(a: set[str], b: set[str]) -> bool:
    return containment(a, b) >= TIMELINE_DUPLICATE


def same_time(a: DateMention, b: DateMention) -> bool:
    """One date lies within the other ("29 Oct 2025" within "week of 27 Oct 2025")."""
    return (a.first_day <= b.first_day and b.last_day <= a.last_day) or \
        (b.first_day <= a.first_day and a.last_day <= b.last_day)


def build_timeline(corpus: Corpus, scores: tuple[float, ...], dates: dict[int, ArticleDate],
                   brief_date: dt.date, budget: int, excluded: frozenset[int] = frozenset()
                   ) -> tuple[TimelineEntry, ...]:
    """The story's most important dated events, one per date and gist, oldest first.

    Forecasts appear only while their date is still ahead of the brief's date (a forecast
    whose day has passed is either overtaken or an open question, never a past event);
    past events dated after the brief cannot be right and are left out. `excluded` items
    (overtaken forecasts) never appear.
    """
    chosen: list[tuple[DatedItem, set[str]]] = []
    candidates = sorted(dated_events(corpus, dates), key=lambda e: (-scores[e.index], e.index))
    for event in candidates:
        if len(chosen) >= budget:
            break
        if event.index in excluded:
            continue
        if event.forecast != (event.mention.first_day > brief_date):
            continue
        terms = set(content_words(corpus.items[event.index].text))
        if any(same_time(other.mention, event.mention) and same_gist(terms, other_terms)
               for other, other_terms in chosen):
            continue
        chosen.append((event, terms))
    chosen.sort(key=lambda pair: (pair[0].mention.sort_key, -scores[pair[0].index]))
    return tuple(
        TimelineEntry(
            date_label=event.mention.label,
            sort_key=event.mention.sort_key,
            text=corpus.items[event.index].text,
            citations=corpus.items[event.index].sources,
            score=scores[event.index],
        )
        for event, _ in chosen
    )
