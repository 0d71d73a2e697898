"""TIMEX3 time expressions over a whole text: extent, type and normalised value, as TimeML marks them.

A rule-based tagger in the spirit of HeidelTime. Each rule is a pattern of news English and a
normaliser; candidates from all rules compete for the text, the longest extent winning.

Extents follow TimeML: "Friday" (not "on Friday"), "last week", "the third quarter", "the past
three months", "a year ago", "nearly two months" (approximators stay inside a duration).
Types are DATE, TIME, DURATION and SET; values are TimeML's: `1998-01-08`, `1998-W02`,
`1998-Q3`, `1998-H1`, `1998-SU`, `1997-10`, `1998`, `199` (the 1990s), `19` (the 20th century),
`1998-02-06TMO`, `1998-02-11T22:00`, `P3D`, `PXY`, `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`,
`XXXX-WXX-5`, `XXXX-07`.

Relative expressions ("Friday", "last week", "the third quarter", "a year ago") resolve against
the anchor, the article's date, and the tense of their clause decides the direction: "will meet
Friday" is the next Friday, "met Friday" the last. Without an anchor nothing is guessed: a
weekday, a month or a month-day without its year keep TimeML's underspecified form
(`XXXX-WXX-5`, `XXXX-08`, `XXXX-10-31`), a quarter or season `XXXX-Q3`, `XXXX-SU`, and
expressions that only the writing date can place ("yesterday", "last year", "two weeks ago")
are left out. Durations, sets and vague references need no anchor.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from briefer.core.cues import phrase_pattern, phrases
from briefer.core.lexicon import MONTH_PATTERN, MONTHS, WEEKDAY_PATTERN, WEEKDAYS
from briefer.core.text import STOPWORDS
from briefer.language.tense import ANY_IRREGULAR_PAST, backshifted_futures


@dataclass(frozen=True)
class Timex:
    start: int  # offsets into the text given to find_times
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str


PAST, FUTURE, UNKNOWN = "past", "future", "unknown"
DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"

# --- Calendar vocabulary ----------------------------------------------------------------
_UNITS = {  # unit word -> (TimeML duration letter, is a time-of-day unit)
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "fortnight": ("W", False), "month": ("M", False),
    "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False), "quarter": ("Q", False),
}
_UNIT_WORD = (r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?"
              r"|century|centuries|quarters?)")
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
             "final": 4, "last": 4}
_SMALL = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_NUMBER_WORD = (r"(?:(?:" + "|".join(_TENS) + r")(?:[\s-](?:" + "|".join(k for k in _SMALL if _SMALL[k] < 10)
                + r"))?|" + "|".join(sorted(_SMALL, key=len, reverse=True)) + r")")
_VAGUE_COUNT = r"(?:half\s+an?|a\s+few|few|several|some|many|a\s+couple\s+of|a\s+number\s+of|dozens\s+of|a\s+dozen|a\s+hundred|hundreds\s+of|a\s+half|a|an)"
_COUNT = rf"(?:\d+(?:\.\d+)?|{_NUMBER_WORD}(?:\s+hundred)?|{_VAGUE_COUNT}|one)"
_MONTH = rf"(?:{MONTH_PATTERN})"
_WEEKDAY = rf"(?:{WEEKDAY_PATTERN})"
_YEAR4 = r"(?:1[6-9]\d\d|20\d\d)"


def _number(text: str) -> float | None:
    """A count as written ("12", "twenty four", "a", "a couple of"); None when vague ("several")."""
    text = re.sub(r"\s+", " ", text.lower().replace("-", " ")).strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if text in ("a", "an", "one", "a hundred", "a dozen", "a couple of", "a half", "half a", "half an"):
        return {"a hundred": 100, "a dozen": 12, "a couple of": 2, "a half": 0.5, "half a": 0.5, "half an": 0.5}.get(text, 1)
    words = text.split()
    total = 0
    for word in words:
        if word in _SMALL:
            total += _SMALL[word]
        elif word in _TENS:
            total += _TENS[word]
        elif word == "hundred":
            total = (total or 1) * 100
        else:
            return None
    return total if words else None


def _count_text(count: float | None) -> str:
    if count is None:
        return "X"
    return str(int(count)) if count == int(count) else str(count)


def _duration(count: float | None, unit: str) -> str:
    unit = unit.lower().rstrip("s")
    unit = {"centurie": "century", "centuries": "century"}.get(unit, unit)
    letter, clock = _UNITS.get(unit, ("D", False))
    if unit == "fortnight":  # two weeks: "1.5 fortnights" is P3W, not 1.5 x 7 days doubled
        count = None if count is None else count * 2
    if count is not None and count != int(count):  # "a half year" -> P6M, "1.5 hours" -> PT90M
        halves = {"Y": (12, "M"), "D": (24, "H"), "W": (7, "D"), "H": (60, "M"), "M": (30, "D") if not clock else (60, "S")}
        if letter in halves:
            factor, smaller = halves[letter]
            clock = clock or smaller == "H"
            return f"P{'T' if clock else ''}{_count_text(round(count * factor, 9))}{smaller}"
    return f"P{'T' if clock else ''}{_count_text(count)}{letter}"


@lru_cache(maxsize=None)
def _words(name: str) -> tuple[str, ...]:
    return phrases("language", name)


def _alternatives(name: str) -> str:
    return "|".join(map(phrase_pattern, sorted(_words(name), key=len, reverse=True)))


@lru_cache(maxsize=None)
def _day_parts() -> dict[str, str]:
    return dict(line.rsplit(None, 1) for line in _words("periods_of_day"))


# --- Dates and arithmetic ---------------------------------------------------------------
def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _shift_quarter(year: int, quarter: int, by: int) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + by
    return index // 4, index % 4 + 1


def _weekday_date(weekday: int, anchor: dt.date, which: str, tense: str) -> dt.date:
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if which == "last":
        return anchor - dt.timedelta(days=back or 7)
    if which == "next":
        return anchor + dt.timedelta(days=forward or 7)
    if which == "this":
        return anchor + dt.timedelta(days=forward) if tense == FUTURE else anchor - dt.timedelta(days=back)
    if tense == FUTURE:
        return anchor + dt.timedelta(days=forward)
    if tense == PAST:
        return anchor - dt.timedelta(days=back)
    return anchor - dt.timedelta(days=back) if back <= forward else anchor + dt.timedelta(days=forward)


# A year-less month takes the side of the writing date its tense gives ("In December the
# ministry raised rates" in an October report is last December). A year-less day does so only
# within about half a year: "the notes mature Dec. 15" in an October report is the coming one
# even beside past-tense verbs, since wire copy dates older days with their year. (TempEval-3 dev
# time value F1: 0.822 at 190 days, 0.825 at 250-300, 0.818 at a whole year; the longer reach also
# turns "the nations launching the euro on Jan. 1 cut rates" in October into last January, so the
# half year stays for a tense read anywhere in the sentence.) A day that a strong past verb right
# before it governs ("was seized by gunmen in Kelso on Jan. 29") is told as done: the last day of
# that name up to a year back (PAST_REACH_DAYS), unless a day of that name lies within a week of
# the writing (NEAR_DAYS: a feed's date may lag its story).
REACH_DAYS = 190
PAST_REACH_DAYS = 366
NEAR_DAYS = 7
# Words right before a day that make it a bound ahead of the verb, not the day it was done: "was
# postponed until Feb. 3", "was extended to March 1", "gave them until Jan. 12 to reply".
_BOUND_AHEAD = frozenset("until till to by through before".split())


def _year_for_month(month: int, anchor: dt.date, tense: str) -> int:
    options = [(anchor.year + k, (anchor.year + k) * 12 + month - (anchor.year * 12 + anchor.month)) for k in (-1, 0, 1)]
    nearest = min(options, key=lambda option: (abs(option[1]), option[1] > 0))
    if tense in (PAST, FUTURE):
        sided = [o for o in options if (o[1] <= 0 if tense == PAST else o[1] >= 0) and abs(o[1]) <= 12]
        if sided:
            return min(sided, key=lambda option: abs(option[1]))[0]
    return nearest[0]


def _year_for_day(month: int, day: int, anchor: dt.date, tense: str, governed: bool = False) -> dt.date | None:
    """The year of a month and day: on the tense's side of the anchor within a reach, else the
    nearest. `governed`: a strong past verb right before the day tells it as done, and the reach
    back is a year (PAST_REACH_DAYS), unless a day of that name lies within NEAR_DAYS of the anchor
    ("met ... on Oct. 31" in a report dated Oct. 29 is that Oct. 31, not last year's)."""
    options = [d for d in (_safe_date(anchor.year + k, month, day) for k in (-1, 0, 1)) if d]
    if not options:
        return None
    nearest = min(options, key=lambda d: (abs((d - anchor).days), d > anchor))
    reach = PAST_REACH_DAYS if governed and abs((nearest - anchor).days) > NEAR_DAYS else REACH_DAYS
    if tense in (PAST, FUTURE):
        sided = [d for d in options if (d <= anchor if tense == PAST else d >= anchor)
                 and abs((d - anchor).days) <= reach]
        if sided:
            return min(sided, key=lambda d: abs((d - anchor).days))
    return nearest


# --- Tense of the clause around an expression -------------------------------------------
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|won'?t|'ll|(?:is|are|am|'s)\s+(?:\w+\s+)?(?:set|scheduled|expected|due|slated"
    r"|poised|going|planning|planned)\s+(?:to|for)|(?:set|scheduled|slated|due|poised)\s+(?:for|to)"
    r"|(?:is|are|am|'s|be)\s+(?:\w+\s+)?(?:expected|scheduled|slated|planned)"
    r"|to\s+be\s+held|upcoming|plans?\s+to|intends?\s+to|expects?\s+to|would|next|coming|later\s+this|ahead"
    r"|payable|due|expires?|matures?|maturing|effective)\b",
    re.I)
_PAST_CUE = re.compile(
    rf"\b(?:ago|earlier|previously|already|since|last|yesterday|said|told|{ANY_IRREGULAR_PAST})\b",
    re.I)
# A bare "-ed" word, unless a present form of "be" makes it a passive participle ("are compounded
# by", "is expected"): that tells no past.
_PRESENT_BE_FORMS = ("is", "are", "am")
_WEAK_PAST_CUE = re.compile("".join(rf"(?<!\b{be} )" for be in _PRESENT_BE_FORMS + ("be", "being"))
                            + r"(?<![\w-])[a-z]{2,}ed\b")
_PRESENT_BE = re.compile(rf"\b(?:{'|'.join(_PRESENT_BE_FORMS)})\b", re.I)  # a clause in the present
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s-\s|--|\bbut\b|\bwhile\b|\bwhereas\b", re.I)
_DATE_WORDS = re.compile(r"\b(?:last|next|earlier|later|this|coming|past)\s+(?:week|month|year)\b|\b\w+\s+ago\b", re.I)


_REPORTING = re.compile(r"\b(?:said|says|told|tells|added|noted|stated|reported|announced|according\s+to)\b", re.I)


def _cues(text: str, offset: int, strong: bool, reporting: bool = True) -> list[tuple[int, str]]:
    text = _DATE_WORDS.sub(lambda m: " " * len(m.group(0)), text)
    if not reporting:
        text = _REPORTING.sub(lambda m: " " * len(m.group(0)), text)
    if strong:
        found = [(m.start(), FUTURE) for m in _FUTURE_CUE.finditer(text)]
        found += [(m.start(), FUTURE) for m in backshifted_futures(text)]  # "said ... was expected over the weekend"
        found += [(m.start(), PAST) for m in _PAST_CUE.finditer(text)]
    else:
        found = [(m.start(), PAST) for m in _WEAK_PAST_CUE.finditer(text)]
    return sorted((offset + position, tense) for position, tense in found)


def tense_around(sentence: str, start: int, end: int, reporting: bool = True) -> str:
    """Past or future reading of the expression at [start, end) of the sentence.

    Strong cues (auxiliaries, "is set to", "will", irregular past verbs) beat weak ones (a bare
    "-ed" word, perhaps an adjective), but the expression's own clause comes first: "that aired
    Wednesday night, ... will" is past. Within the expression's clause the first cue wins, since
    the governing verb usually comes first ("had planned to" is past, "is expected to ..., the
    ministry said" future); failing that, the cue nearest the expression in the sentence.
    With reporting=False the reporting verbs do not count: "the notes mature Dec. 15, the
    company said" is about December, not about the saying (a weekday next to "said" is the
    day of the saying), unless the date is fronted ("In December, the ministry said ...").
    """
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
    following = _CLAUSE_BREAK.search(sentence, end)
    right = following.start() if following else len(sentence)
    if left == 0 and re.fullmatch(r"\W*(?:\w+\s+)?", sentence[:start]) and not sentence[end:right].strip():
        reporting = True  # a fronted time ("In December, the ministry said ...") dates the main verb
    for strong in (True, False):
        before = _cues(sentence[left:start], left, strong, reporting)
        # a saying, then its own clause's verb before the expression ("officials said talks would
        # resume on Wednesday"): the reported clause dates what it holds, not the saying
        while len(before) > 1 and _REPORTING.match(sentence, before[0][0]):
            before = before[1:]
        in_clause = before + _cues(sentence[end:right], end, strong, reporting)
        if in_clause:
            return min(in_clause)[1]
    if left == 0 and following is not None and following.group(0) == ",":
        # a fronted phrase with no verb of its own ("At a hearing of the committee on Wednesday,
        # the governor declined to say whether the bank would cut rates") dates the main clause's
        # verb, the first one after its comma, whatever the clauses after it hold
        after = _CLAUSE_BREAK.search(sentence, following.end())
        clause = sentence[following.end():after.start() if after else len(sentence)]
        main = [cue for strong in (True, False) for cue in _cues(clause, following.end(), strong, reporting)]
        if main:
            return min(main)[1]
    if _PRESENT_BE.search(sentence, left, right):
        return UNKNOWN  # its own clause is in the present ("strategies for winning in November are ..."):
        # a past or future elsewhere in the sentence governs another clause
    for strong in (True, False):
        in_sentence = _cues(sentence[:start], 0, strong, reporting) + _cues(sentence[end:], end, strong, reporting)
        if in_sentence:
            return min(in_sentence, key=lambda cue: abs(cue[0] - start))[1]
    return UNKNOWN


# Sentence ends: a full stop, question or exclamation mark (and closing quotes) before a
# capitalised word, unless the stop ends an abbreviation; or a blank line.
_ABBREVIATION = re.compile(rf"(?:\b(?:{MONTH_PATTERN}|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Corp|Inc|Co|Ltd|Jr|Sr|No|U\.S|a\.m|p\.m|[A-Z])\.)$", re.I)
_SENTENCE_END = re.compile(r"[.!?]['\"’”]*\s+(?=[`'\"‘“(]*[A-Z0-9])|\n\s*\n")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.group(0)[0] == "." and _ABBREVIATION.search(text[max(0, match.start() - 6):match.start() + 1]):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


# --- Rules ------------------------------------------------------------------------------
@dataclass
class _Context:
    text: str
    anchor: dt.date | None
    sentences: list[tuple[int, int]]
    quarterly: bool = False  # the text reports by quarters: "a year ago" is that quarter a year before
    reference: str | None = None  # the last date value the text named

    def sentence(self, start: int) -> tuple[int, int]:
        """The sentence holding position start (a binary search: no scan per expression)."""
        index = bisect.bisect_right(self.sentences, (start, len(self.text) + 1)) - 1
        if 0 <= index < len(self.sentences) and self.sentences[index][0] <= start < self.sentences[index][1]:
            return self.sentences[index]
        return 0, len(self.text)

    def tense(self, start: int, end: int, reporting: bool = True) -> str:
        s, e = self.sentence(start)
        return tense_around(self.text[s:e], start - s, end - s, reporting)

    def own_clause_past(self, start: int) -> bool:
        """The verb the expression follows in its clause is a strong past ("was seized by gunmen
        in Kelso on Jan. 29"): read back from the expression, a past cue comes before any
        infinitive or future cue ("the nations launching a currency on Jan. 1 cut rates in a move
        that won confidence": no past before "on Jan. 1"; "the decision to cancel games between
        Nov. 3 and Nov. 16 came after ...": "to cancel")."""
        s, _ = self.sentence(start)
        sentence, start = self.text[s:start], start - s
        left = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
        words = re.findall(r"[A-Za-z']+", sentence[left:start])
        if words and words[-1].lower() in _BOUND_AHEAD:
            return False  # "was postponed until Feb. 3", "was extended to March 1": a bound ahead, not a day done
        for index in range(len(words) - 1, -1, -1):
            word = words[index]
            infinitive = index > 0 and words[index - 1].lower() == "to" and word.islower() and word not in STOPWORDS
            if infinitive or _FUTURE_CUE.fullmatch(word) or _REPORTING.fullmatch(word):
                return False  # "to cancel games between Nov. 3 and ...", not "flown to Moscow on Jan. 29"
            if _PAST_CUE.fullmatch(word):
                return True
        return False

    def by_quarter(self, start: int) -> bool:
        """The sentence compares quarterly figures: "a year ago" there is the quarter a year before."""
        s, e = self.sentence(start)
        return self.quarterly and bool(re.search(r"\bquarter|\bperiod\b", self.text[s:e], re.I))


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rule: int  # index into _RULES: earlier rules win ties
    match: re.Match


Normaliser = Callable[[re.Match, _Context], "tuple[str, str] | None"]


def _g(match: re.Match, name: str) -> str:
    """A named group's text, lower case; "" when the group is absent or did not take part."""
    try:
        return (match.group(name) or "").lower()
    except IndexError:
        return ""


def _latest_quarter(ctx: _Context) -> tuple[int, int] | None:
    """The quarter a report means by "the latest quarter": the last one completed before the anchor."""
    if ctx.anchor is None:
        return None
    return _shift_quarter(*_quarter_of(ctx.anchor), -1)


def _q(year_quarter: tuple[int, int] | None, ctx: _Context) -> tuple[str, str] | None:
    if year_quarter is None:
        return None
    return DATE, f"{year_quarter[0]:04d}-Q{year_quarter[1]}"


def n_iso(match, ctx):
    day = _safe_date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    return (DATE, _iso(day)) if day else None


def n_month_day(match, ctx):
    month, day = MONTHS[_g(match, "month").rstrip(".")], int(match.group("day"))
    if match.group("year"):
        value = _safe_date(int(match.group("year")), month, day)
    elif ctx.anchor:
        tense = ctx.tense(match.start(), match.end(), reporting=False)
        # a day that a strong past verb before it governs ("was seized ... on Jan. 29") is the last
        # one of that name, up to a year back; the half-year reach is for a tense read elsewhere
        value = _year_for_day(month, day, ctx.anchor, tense, tense == PAST and ctx.own_clause_past(match.start()))
    else:
        return (DATE, f"XXXX-{month:02d}-{day:02d}") if _safe_date(2000, month, day) else None
    return (DATE, _iso(value)) if value else None


def n_month_year(match, ctx):
    return DATE, f"{int(match.group('year')):04d}-{MONTHS[_g(match, 'month')]:02d}"


def n_month_relative_year(match, ctx):
    if ctx.anchor is None:
        return None
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(_g(match, "rel"), 0)
    return DATE, f"{year:04d}-{MONTHS[_g(match, 'month')]:02d}"


def n_month(match, ctx):
    month = MONTHS[_g(match, "month")]
    which = _g(match, "which")
    if ctx.anchor is None:
        return DATE, f"XXXX-{month:02d}"
    anchor = ctx.anchor
    if which == "last":
        year = anchor.year - 1 if month >= anchor.month else anchor.year
    elif which == "next":
        year = anchor.year + 1 if month <= anchor.month else anchor.year
    elif which == "this":
        year = anchor.year
    else:
        year = _year_for_month(month, anchor, ctx.tense(match.start(), match.end(), reporting=False))
    return DATE, f"{year:04d}-{month:02d}"


def n_year(match, ctx):
    return DATE, match.group("year")


_SPAN_WORDS = ("in", "during", "from", "since", "between", "of", "over")  # prepositions of time before a span of years
_SPAN_OPENING = re.compile(rf"\b(?:{'|'.join(_SPAN_WORDS)})\s\d{{4}}[-–]$", re.I)


def n_span_end(match, ctx):
    """The second year of a span that times what is told ("in 2022-2023"), not of one that names a thing."""
    return n_year(match, ctx) if _SPAN_OPENING.search(ctx.text, max(0, match.start() - 16), match.start()) else None


def n_fiscal_year(match, ctx):
    year = match.group("year").lstrip("'")
    if len(year) == 2:
        year = ("19" if int(year) > 30 else "20") + year
    return DATE, year


def n_decade(match, ctx):
    digits = match.group("decade").lstrip("'")
    if len(digits) == 2:  # "the '90s"
        digits = ("19" if int(digits) > 20 else "20") + digits
    return DATE, digits[:3]


def n_decade_word(match, ctx):
    tens = _TENS[_g(match, "tens")]
    if ctx.anchor:
        century = ctx.anchor.year // 100
        if century * 100 + tens > ctx.anchor.year:
            century -= 1
    else:
        century = 19
    return DATE, f"{century}{tens // 10}"


def n_century(match, ctx):
    number = match.group("n").lower()
    ordinal_words = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21, "eighteenth": 18,
                     "seventeenth": 17, "sixteenth": 16, "fifteenth": 15}
    value = int(re.sub(r"\D", "", number)) if number[0].isdigit() else ordinal_words.get(number)
    return (DATE, f"{value - 1:02d}") if value else None


def n_spoken_year(match, ctx):
    text = _g(match, "spoken")
    if "thousand" in text:
        rest = re.sub(r".*thousand\s*(?:and\s*)?", "", text)
        tail = _number(rest) if rest else 0
        return (DATE, f"{2000 + int(tail):04d}") if tail is not None else None
    first, second = _g(match, "century"), _g(match, "rest")
    hi, lo = _number(first), _number(second)
    if hi is None or lo is None or not 10 <= hi <= 20 or lo >= 100:
        return None
    return DATE, f"{int(hi) * 100 + int(lo):04d}"


def n_quarter(match, ctx):
    ordinal = _g(match, "ord")
    number = _ORDINALS.get(ordinal)
    if number is None:
        return None
    year_text, which = match.group("year"), _g(match, "which")
    if year_text:
        return _q((int(n_fiscal_year(re.match(r"(?P<year>\d+)", year_text), ctx)[1]), number), ctx)
    if ctx.anchor is None:
        return DATE, f"XXXX-Q{number}"
    year = ctx.anchor.year
    if which in ("last", "year-ago", "year-earlier", "previous"):
        year -= 1
    elif which == "next":
        year += 1
    elif which == "this-year":
        pass  # "the fourth quarter of this year"
    elif number > _quarter_of(ctx.anchor)[1] and ctx.tense(match.start(), match.end()) != FUTURE:
        year -= 1  # "the fourth quarter" in a January report: the one just ended
    return _q((year, number), ctx)


def n_half(match, ctx):
    ordinal = _g(match, "ord")
    number = {"first": 1, "second": 2, "1st": 1, "2nd": 2, "latter": 2}.get(ordinal)
    if number is None:
        return None
    if match.group("year"):
        year = int(n_fiscal_year(re.match(r"(?P<year>\d+)", match.group("year")), ctx)[1])
    elif ctx.anchor:
        which = _g(match, "which") or _g(match, "which2")
        year = ctx.anchor.year + {"last": -1, "previous": -1, "next": 1}.get(which, 0)
    else:
        return DATE, f"XXXX-H{number}"
    return DATE, f"{year:04d}-H{number}"


def n_relative_quarter(match, ctx):
    which = _g(match, "which")
    if ctx.anchor is None:
        return None
    current = _quarter_of(ctx.anchor)
    if which in ("current", "this"):
        return _q(current, ctx)
    if which == "next" or which == "coming":
        return _q(_shift_quarter(*current, 1), ctx)
    if which in ("last", "previous", "past", "preceding"):
        return _q(_shift_quarter(*current, -1), ctx)
    latest = _latest_quarter(ctx)
    if which in ("year-ago", "year-earlier", "year-before") or _g(match, "ago"):
        return DATE, f"{latest[0] - 1:04d}-Q{latest[1]}"
    if _g(match, "year"):
        return DATE, f"{_g(match, 'year')}-Q{latest[1]}" if ctx.quarterly else _g(match, "year")
    return _q(latest, ctx)  # the latest / the most recent / the quarter / the period


def n_season(match, ctx):
    season = _SEASONS[_g(match, "season")]
    which = _g(match, "which")
    if match.group("year"):
        return DATE, f"{match.group('year')}-{season}"
    if ctx.anchor is None:
        return DATE, f"XXXX-{season}"
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(which, 0)
    if season == "WI" and ctx.anchor.month <= 2:
        year -= 1  # a winter is named by the year it begins: in January "this winter" began last December
    return DATE, f"{year:04d}-{season}"


def n_today(match, ctx):
    if ctx.anchor is None:
        return None
    word = _g(match, "word")
    shift = {"yesterday": -1, "tomorrow": 1}.get(word.split()[-1] if word else "", 0)
    day = ctx.anchor + dt.timedelta(days=shift)
    part = _g(match, "part")
    if word == "tonight":
        return TIME, f"{_iso(day)}TNI"
    if part:
        return TIME, f"{_iso(day)}T{_day_parts()[part.replace(' ', '-')]}"
    return DATE, _iso(day)


def n_this_part(match, ctx):
    if ctx.anchor is None:
        return None
    return TIME, f"{_iso(ctx.anchor)}T{_day_parts()[_g(match, 'part')]}"


def n_weekday(match, ctx):
    weekday = WEEKDAYS.index(_g(match, "weekday"))
    which = _g(match, "which")
    which = {"earlier": "", "later": "", "early": "", "late": "", "on": ""}.get(which, which)
    part = _g(match, "part")
    if ctx.anchor is None:
        return (TIME if part else DATE), f"XXXX-WXX-{weekday + 1}" + (f"T{_day_parts()[part]}" if part else "")
    day = _weekday_date(weekday, ctx.anchor, which, ctx.tense(match.start(), match.end()))
    if part:
        return TIME, f"{_iso(day)}T{_day_parts()[part]}"
    return DATE, _iso(day)


def n_clock(match, ctx):
    hour = int(match.group("hour"))
    minute = int(match.group("minute") or 0)
    meridiem = _g(match, "mer").replace(".", "").replace(" ", "")
    if hour > 12 and meridiem:
        return None
    if meridiem == "pm" and hour != 12:
        hour += 12
    if meridiem == "am" and hour == 12:
        hour = 0
    clock = f"T{hour:02d}:{minute:02d}"
    return TIME, _clock_day(match, ctx) + clock


def n_noon(match, ctx):
    clock = "T12:00" if _g(match, "noon") == "noon" else "T24"
    return TIME, _clock_day(match, ctx) + clock


def _clock_day(match: re.Match, ctx: _Context) -> str:
    """The day a clock time is on: the weekday or date written with it, else the anchor."""
    weekday = _g(match, "weekday")
    if weekday:
        if ctx.anchor is None:
            return f"XXXX-WXX-{WEEKDAYS.index(weekday) + 1}"
        return _iso(_weekday_date(WEEKDAYS.index(weekday), ctx.anchor, "", ctx.tense(match.start(), match.end())))
    word = _g(match, "day")
    if word and ctx.anchor:
        return _iso(ctx.anchor + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0)))
    if _g(match, "month") and _g(match, "dom"):
        found = n_month_day(_FakeMatch(month=_g(match, "month"), day=_g(match, "dom"), year=None,
                                       span=(match.start(), match.end())), ctx)
        if found:
            return found[1]
    return _iso(ctx.anchor) if ctx.anchor else "XXXX-XX-XX"


class _FakeMatch:
    """A match-like view of a few named groups, for reusing a normaliser inside another."""

    def __init__(self, span: tuple[int, int], **groups):
        self._groups, self._span = groups, span

    def group(self, name):
        return self._groups.get(name)

    def start(self):
        return self._span[0]

    def end(self):
        return self._span[1]


def n_relative_unit(match, ctx):
    """"last week", "this month", "next year", "earlier this year", "the past year"."""
    which, unit = _g(match, "which"), _g(match, "unit")
    which = re.sub(r"\s+", " ", which)
    if ctx.anchor is None:
        return None
    step = 0
    if which.endswith(("last", "past", "previous")):
        step = -1
    elif which.endswith(("next", "coming", "following")):
        step = 1
    anchor = ctx.anchor
    if unit == "week" or unit == "weekend":
        day = anchor + dt.timedelta(weeks=step)
        if unit == "weekend":
            return DATE, _week(day) + "-WE"
        return DATE, _week(day)
    period = _shifted_period(anchor, unit, step)
    return (DATE, period) if period else None


def _shifted_period(anchor: dt.date, unit: str, n: int) -> str | None:
    """The month, year, decade or century `n` of them from the anchor's, as TIMEX3 values."""
    if unit == "month":
        year, month = _shift_month(anchor.year, anchor.month, n)
        return f"{year:04d}-{month:02d}"
    if unit == "year":
        return f"{anchor.year + n:04d}"
    if unit == "decade":
        return f"{anchor.year // 10 + n:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + n:02d}"
    return None


def n_anaphoric(match, ctx):
    unit = _g(match, "unit")
    reference = ctx.reference
    if reference is None and ctx.anchor is not None and not _g(match, "that"):
        reference = _iso(ctx.anchor)
    if reference is None:
        return None
    day = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", reference[:10])
    month = re.fullmatch(r"(\d{4})-(\d\d)", reference[:7])
    step = 0
    if _g(match, "step"):
        step = -1 if re.search(r"previous|preceding", _g(match, "step")) else 1
    if unit == "year":
        return DATE, f"{int(reference[:4]) + step:04d}"
    if unit == "month" and month and reference[4:5] == "-" and reference[5:7].isdigit():
        year, number = _shift_month(int(month.group(1)), int(month.group(2)), step)
        return DATE, f"{year:04d}-{number:02d}"
    week = re.fullmatch(r"(\d{4})-W(\d\d)", reference)
    if week and unit == "week":
        try:
            return DATE, _week(dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1) + dt.timedelta(weeks=step))
        except ValueError:
            return None
    if day:
        date = _safe_date(int(day.group(1)), int(day.group(2)), int(day.group(3)))
        if date is None:
            return None
        if unit == "day":
            return DATE, _iso(date + dt.timedelta(days=step))
        if unit == "week":
            return DATE, _week(date + dt.timedelta(weeks=step))
    return None


def n_weekend(match, ctx):
    if ctx.anchor is None:
        return None
    tense = ctx.tense(match.start(), match.end())
    anchor = ctx.anchor
    if tense == FUTURE or anchor.weekday() in (4,):
        day = anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7)
    else:
        day = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7 or 7) if anchor.weekday() < 5 else anchor
    return DATE, _week(day) + "-WE"


def n_ago(match, ctx):
    """"two weeks ago", "a year earlier", "five months ago"."""
    count = _number(_g(match, "count"))
    unit = _g(match, "unit").rstrip("s")
    unit = "century" if unit.startswith("centur") else unit
    if count is None:
        return DATE, "PAST_REF" if _g(match, "dir") in ("ago", "earlier", "before") else "FUTURE_REF"
    if ctx.anchor is None:
        return None
    sign = 1 if _g(match, "dir") in ("from now", "later", "hence") else -1
    n = int(count) * sign
    anchor = ctx.anchor
    if unit == "year" and abs(n) == 1 and sign < 0 and ctx.quarterly:
        latest = _latest_quarter(ctx)  # "a year ago" in a quarterly report: that quarter a year before
        return DATE, f"{latest[0] - 1:04d}-Q{latest[1]}"
    if unit in ("day", "night"):
        return DATE, _iso(anchor + dt.timedelta(days=n))
    if unit == "week":
        return DATE, _iso(anchor + dt.timedelta(weeks=n))
    period = _shifted_period(anchor, unit, n)
    return (DATE, period) if period else None


def n_year_ago_adjective(match, ctx):
    """"year-ago", "year-earlier": the same period a year before (in a quarterly report, the quarter)."""
    if ctx.anchor is None:
        return None
    if ctx.by_quarter(match.start()):
        latest = _latest_quarter(ctx)
        return DATE, f"{latest[0] - 1:04d}-Q{latest[1]}"
    return DATE, f"{ctx.anchor.year - 1:04d}"


_RATE_BEFORE = re.compile(r"(?:\d|\b(?:million|billion|thousand|hundred|percent|times|twice|once))[^.;:!?]{0,30}$", re.I)
_NOT_RATE_BEFORE = re.compile(r"\b(?:for|in|within|after|over|about|than|of|nearly|almost|under|least|than|by|to|from"
                              r"|only|just|more|less|once|since|until|each|every)\s+$", re.I)


def n_duration(match, ctx):
    count = _number(_g(match, "count"))
    unit = _g(match, "unit")
    before = ctx.text[max(0, match.start() - 40):match.start()]
    after = ctx.text[match.end():match.end() + 30]
    if unit.startswith("quarter") and re.match(r"\s+of\b", after, re.I):
        return None  # a fraction: "a quarter of voters", "three-quarters of its food"
    if unit == "second" and re.fullmatch(r"an?|one", _g(match, "count")) and re.match(r"\s+[a-z]", after) \
            and not re.match(r"\s+(?:of|or|and|later|ago|before|after|to|in|for)\b", after):
        return None  # an ordinal: "a second win"
    if re.match(r"\s+of\s+(?:its|their|the|his|her)\b", after, re.I) and not re.match(
            r"(?:the|its|their|his|her)\s", match.group(0), re.I):
        return None  # a measure: "six months of base pay" (but "the first 100 days of her term")
    if (re.fullmatch(r"an?", _g(match, "count")) and match.group(0).lower().startswith(("a ", "an "))
            and _RATE_BEFORE.search(before) and not _NOT_RATE_BEFORE.search(before)
            and not re.match(r"\s+(?:prior|earlier|ago|before|later|after|from)\b", after, re.I)):
        return SET, _duration(1, unit)  # a rate: "$2 million a year", "30,000 hits an hour"
    if _g(match, "count") in ("few", "a few", "several", "some", "many", "a number of", "dozens of", "hundreds of"):
        count = None
    if unit.startswith("quarter"):
        return DURATION, f"P{_count_text(count)}Q"
    return DURATION, _duration(count, unit if not unit.startswith("centur") else "century")


def n_plural_duration(match, ctx):
    unit = _g(match, "unit").rstrip("s")
    unit = "century" if unit.startswith("centur") else unit
    letter, clock = _UNITS[unit]
    if unit == "century":
        letter = "E"  # TimeML's "centuries": PXE
    return DURATION, f"P{'T' if clock else ''}X{letter}"


def n_the_year(match, ctx):
    """"the full year", "the fiscal year", "the current fiscal year": the anchor's year."""
    if ctx.anchor is None:
        return None
    step = {"last": -1, "next": 1, "previous": -1, "past": -1, "coming": 1}.get(_g(match, "which"), 0)
    return DATE, f"{ctx.anchor.year + step:04d}"


def n_set(match, ctx):
    word = _g(match, "freq")
    table = {"daily": "XXXX-XX-XX", "nightly": "XXXX-XX-XX", "weekly": "XXXX-WXX", "monthly": "XXXX-XX",
             "annually": "XXXX", "yearly": "XXXX", "quarterly": "XXXX-QX", "hourly": "PT1H"}
    if word in table:
        return SET, table[word]
    unit = _g(match, "unit")
    if unit:
        return SET, _duration(1, unit)
    weekday = _g(match, "weekday")
    if weekday:
        return SET, f"XXXX-WXX-{WEEKDAYS.index(weekday) + 1}"
    month = _g(match, "month")
    if month:
        return SET, f"XXXX-{MONTHS[month]:02d}"
    season = _g(match, "season")
    if season:
        return SET, f"XXXX-{_SEASONS[season]}"
    return None


def n_vague(value: str) -> Normaliser:
    return lambda match, ctx: (DATE, value)


def n_end_of(match, ctx):
    """"the end of the month", "the end of this week", "year's end", "year-end": that period."""
    unit, which = _g(match, "unit"), _g(match, "which")
    if ctx.anchor is None:
        return None
    step = {"last": -1, "next": 1}.get(which, 0)
    if unit == "year":
        return DATE, f"{ctx.anchor.year + step:04d}"
    if unit == "month":
        year, month = _shift_month(ctx.anchor.year, ctx.anchor.month, step)
        return DATE, f"{year:04d}-{month:02d}"
    if unit == "week":
        return DATE, _week(ctx.anchor + dt.timedelta(weeks=step))
    if unit == "quarter":
        return _q(_shift_quarter(*_quarter_of(ctx.anchor), step), ctx)
    return None


def _quarter_rule(match: re.Match, ctx: _Context):
    if re.search(r"quarters$", match.group(0), re.I) and not (match.group("year") or match.group("year2")):
        number = _ORDINALS.get(_g(match, "ord"))
        return (SET, f"XXXX-Q{number}") if number else None  # "fourth quarters": every fourth quarter
    match_year = match.group("year") or match.group("year2")
    which = {"previous": "last", "this": "this-year", "current": "this-year"}.get(_g(match, "which2"), _g(match, "which2"))
    proxy = _FakeMatch((match.start(), match.end()), ord=match.group("ord"), year=match_year,
                       which=which or match.group("which"))
    return n_quarter(proxy, ctx)


_MOD = rf"(?:(?:{_alternatives('timex_modifiers')})\s+)"
_SEASON_WHICH = r"(?:(?P<which>this|last|next|the|early|late|the\s+early|the\s+late|mid-?|this\s+past|the\s+coming|this\s+coming)\s+)"
_DAY_PART = r"(?P<part>morning|afternoon|mid-afternoon|evening|night|overnight)"
_ORD = r"(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)"

# A preposition of time before a span of years: "in 2022-2023", "from 1992-95".
_SPAN_BEFORE = "(?:" + "|".join(rf"(?<=\b{word} )" for word in _SPAN_WORDS) + ")"  # (rules compile with re.I)

# (pattern, normaliser, needs a capital: the named groups whose first letter must be upper case)
_RULES: tuple[tuple[re.Pattern, Normaliser, tuple[str, ...]], ...] = tuple(
    (re.compile(pattern, re.I), normaliser, capital) for pattern, normaliser, capital in (
        (r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b", n_iso, ()),
        # "Oct. 31, 1998", "October 31", "31 October 1998", "the 31st of October"
        (rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|million|billion|,\d))"
         rf"(?:,?\s+(?P<year>{_YEAR4})\b)?", n_month_day, ("month",)),
        (rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})\b\.?(?:,?\s+(?P<year>{_YEAR4})\b)?",
         n_month_day, ("month",)),
        (rf"\b(?P<month>{_MONTH})\.?,?\s+(?:of\s+)?(?P<year>{_YEAR4})\b", n_month_year, ("month",)),
        # "July this year", "March of last year", "in May next year".
        (rf"\b(?P<month>{_MONTH})\.?,?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b", n_month_relative_year, ("month",)),
        # A bare month: "May" alone is usually the verb, so it needs a preposition or "last/next".
        (rf"\b(?:(?P<which>last|next|this|early|late|mid-?)\s+)?(?P<month>{_MONTH})\b(?!\.?\s*\d)", n_month, ("month",)),
        # Quarters: "the third quarter", "third-quarter", "fiscal second-quarter", "the 1988 second
        # quarter", "this year's third quarter", "the first quarter of 1990", "the year-ago quarter".
        (rf"\b(?:(?:the|its|their|this|that)\s+)?(?:(?P<which>last|next|this|year-ago|year-earlier|previous)\s+"
         rf"(?:year'?s\s+)?)?(?:(?P<year>(?:19|20)\d\d)\s+)?(?:fiscal[\s-]+)?{_ORD}[\s-]+(?:fiscal\s+)?(?:quarter|qtr)s?\b"
         rf"(?:\s+of\s+(?:(?:fiscal\s+)?(?P<year2>(?:19|20)\d\d)|(?:the\s+)?(?P<which2>this|last|next|previous|current)"
         rf"\s+(?:fiscal\s+)?year))?", _quarter_rule, ()),
        (r"\b(?:(?:the|its|their|this)\s+)?(?:(?P<which>last|next)\s+year'?s\s+)?(?:fiscal\s+)?"
         r"(?P<ord>first|second|1st|2nd|latter)\s+half(?:\s+of\s+(?:(?:the\s+)?(?P<which2>this|next|last|previous|current)\s+)?"
         r"(?:(?:fiscal\s+)?year\b|(?:fiscal\s+)?(?P<year>(?:19|20)\d\d)))?", n_half, ()),
        (r"\b(?:the\s+)?(?P<which>latest|current|most\s+recent|recent|same|comparable|year-ago|year-earlier|year-before"
         r"|previous|preceding|past|last|next|coming|this|corresponding)\s+(?:fiscal\s+)?(?:quarter|period)\b"
         r"(?:\s+(?P<ago>a\s+year\s+(?:ago|earlier)|last\s+year|of\s+last\s+year))?", n_relative_quarter, ()),
        (r"\bthe\s+(?:fiscal\s+)?(?:quarter)\b(?!\s+of\b)"
         r"(?:\s+(?P<ago>a\s+year\s+(?:ago|earlier)|last\s+year|of\s+last\s+year))?", n_relative_quarter, ()),
        (r"\bthe\s+(?P<year>(?:19|20)\d\d)\s+(?:quarter|period)\b", n_relative_quarter, ()),
        (r"\b(?:the\s+)?(?:(?:fiscal|calendar|model)\s+(?:year\s+)?|FY\s?)(?P<year>(?:19|20)\d\d|'?\d\d)\b",
         n_fiscal_year, ()),
        (rf"\b(?:the\s+)?first\s+two\s+quarters(?:\s+of\s+(?P<year>{_YEAR4}))?",
         lambda m, c: n_half(_FakeMatch((m.start(), m.end()), ord="first", year=m.group("year"), which=""), c), ()),
        # Seasons: "this summer", "the early summer", "winter 1998", "the summer of 1998".
        (rf"\b{_SEASON_WHICH}?(?P<season>{_SEASON})\b(?:\s+(?:of\s+)?(?P<year>{_YEAR4})\b)?", n_season, ()),
        # Decades and centuries: "the 1990s", "the '90s", "the nineties", "the 20th century".
        (r"\b(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<decade>(?:1[6-9]|20)\d0|'\d0|(?<=')\d0)'?s\b", n_decade, ()),
        (r"\bthe\s+(?:(?:early|late|mid)[\s-]+)?(?P<decade>[2-9]0)s\b", n_decade, ()),
        (r"\b(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<tens>twenties|thirties|forties|fifties|sixties|seventies"
         r"|eighties|nineties)\b", lambda m, c: n_decade_word(_FakeMatch((m.start(), m.end()), tens=(
             m.group("tens").lower()[:-3] + "y")), c), ()),
        (r"\b(?:the\s+)?(?P<n>\d{1,2}(?:st|nd|rd|th)|nineteenth|twentieth|twenty[\s-]first|eighteenth|seventeenth)"
         r"[\s-]+century\b", n_century, ()),
        # Years written in words: "nineteen ninety-six", "the year two thousand".
        (rf"\b(?:the\s+year\s+)?(?P<spoken>(?P<century>nineteen|eighteen)\s+(?P<rest>{_NUMBER_WORD})"
         rf"|two\s+thousand(?:\s+(?:and\s+)?{_NUMBER_WORD})?)\b", n_spoken_year, ()),
        # Days relative to the writing: "today", "yesterday morning", "tonight", "this morning".
        (rf"\b(?:(?:earlier|later|late|early)\s+)?(?P<word>today|yesterday|tomorrow|tonight)(?:\s+{_DAY_PART})?\b", n_today, ()),
        (rf"\b(?:(?:earlier|later|late|early)\s+)?{_DAY_PART}\s+(?P<word>yesterday|today|tomorrow)\b", n_today, ()),
        (rf"\b(?:(?:earlier|later)\s+)?this\s+{_DAY_PART}\b", n_this_part, ()),
        (rf"\b(?:(?P<which>last|next|this|earlier|later|early|late)\s+)?(?P<weekday>{_WEEKDAY})(?:\s+{_DAY_PART})?\b",
         n_weekday, ("weekday",)),
        # Clock times: "10 p.m. Wednesday", "5 p.m. EST", "noon Thursday", "midnight".
        (rf"\b(?P<hour>\d{{1,2}})(?::(?P<minute>\d\d))?\s*(?P<mer>[ap]\.\s?m\.?|[ap]m\b)(?:\s+(?-i:[ECMP][SD]T|GMT|UTC|BST|CET)\b)?"
         rf"(?:,?\s+(?:(?P<weekday>{_WEEKDAY})|(?P<day>yesterday|today|tomorrow)|(?P<month>{_MONTH})\.?\s+(?P<dom>\d{{1,2}})\b))?",
         n_clock, ()),
        (rf"\b(?P<noon>noon|midnight)(?:\s+(?:(?P<weekday>{_WEEKDAY})|(?P<day>yesterday|today|tomorrow)))?", n_noon, ()),
        # "last week", "this month", "next year", "earlier this year", "late last week", "the past year".
        (r"\b(?P<which>(?:(?:earlier|later|late|early|mid|the\s+end\s+of|the\s+rest\s+of)\s+)?(?:last|this|next|coming"
         r"|past|previous)|the\s+(?:past|coming))\s+(?P<unit>week|month|year|weekend|decade|century)\b"
         r"(?!-)", n_relative_unit, ()),
        (r"\b(?:earlier|later)\s+in\s+the\s+(?P<unit>year|month|week)\b",
         lambda m, c: n_relative_unit(_FakeMatch((m.start(), m.end()), which="this", unit=m.group("unit")), c), ()),
        (r"\b(?:the|this|next|last)\s+weekend\b|\bweekend\b(?=\s+(?:talks|meetings?|visits?|violence|fighting|elections?))",
         n_weekend, ()),
        # A 24-hour clock in wire copy: "(1430 GMT)".
        (r"\b(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s+(?:GMT|UTC)\b",
         lambda m, c: (TIME, f"{_iso(c.anchor) if c.anchor else 'XXXX-XX-XX'}T{m.group('hour')}:{m.group('minute')}"), ()),
        # Anaphoric times: "that day", "the same year", "the following month", "the next day"
        # take the date the text last named (else the writing date).
        (r"\b(?:(?P<that>that|the\s+same)|(?P<step>the\s+(?:following|next|previous|preceding)))\s+"
         r"(?P<unit>day|week|month|year)\b(?!\s*(?:'s|of)\b)", n_anaphoric, ()),
        # "two weeks ago", "a year earlier", "five years ago", "several years ago".
        (rf"\b{_MOD}?(?P<count>{_COUNT})[\s-]+(?P<unit>{_UNIT_WORD})\s+(?P<dir>ago|earlier|from\s+now|hence)\b",
         n_ago, ()),
        (r"\b(?:the\s+)?(?:year-ago|year-earlier|a\s+year\s+ago|a\s+year\s+earlier|last\s+year'?s|prior-year|year-before)"
         r"(?:\s+(?:fiscal\s+)?(?:(?:first|second|third|fourth)[\s-]+)?(?:quarter|period|level|results?|figure|month|time))?\b",
         n_year_ago_adjective, ()),
        (r"\bthe\s+year\b(?!\s*(?:'s|-|\d))", lambda m, c: (DURATION, "P1Y") if re.match(
            r"\s+(?:ended|ending|to)\b", c.text[m.end():]) else ((DATE, f"{c.anchor.year:04d}") if c.anchor else None), ()),
        (r"\b(?:(?:the|its)\s+)?(?P<which>current|full|last|next|previous|past|coming)?\s*(?:fiscal|calendar|full)\s+year\b"
         r"(?!\s*(?:'?s\b|-|\d|ended|ending))",
         n_the_year, ()),
        (r"\b(?:(?:the\s+)?end\s+of\s+(?:(?:the|this|(?P<which>last|next))\s+)?(?P<unit>year|month|week|quarter)"
         r"|(?P<unit2>year)(?:'s\s+|-)end)\b",
         lambda m, c: n_end_of(_FakeMatch((m.start(), m.end()), unit=m.group("unit") or m.group("unit2"),
                                          which=m.group("which")), c), ()),
        # Vague references (cue files): "now", "currently", "recently", "the past", "the future".
        (rf"\b(?:{_alternatives('vague_present')})\b", n_vague("PRESENT_REF"), ()),
        (rf"\b(?:{_alternatives('vague_past')})\b", n_vague("PAST_REF"), ()),
        (rf"\b(?:{_alternatives('vague_future')})\b", n_vague("FUTURE_REF"), ()),
        # Durations: "three days", "the past three months", "the first nine months", "nearly two
        # years", "a couple of years", "two-year" (adjective), "the next 12 to 18 months".
        (rf"\b(?:(?:the|its|their)\s+)?(?:(?:past|last|next|first|final|coming|latest|previous|following|initial|remaining"
         rf"|same|full|entire|whole)\s+)?{_MOD}?(?!(?:19|20)\d\d\b)(?P<count>{_COUNT})\s+(?:to|or)\s+(?:\d+|{_NUMBER_WORD})[\s-]+"
         rf"(?P<unit>{_UNIT_WORD})\b", lambda m, c: (DURATION, _duration(None, m.group("unit"))), ()),
        (rf"\b(?:(?:the|its|their)\s+)?(?:(?:past|last|next|first|final|coming|latest|previous|following|initial|remaining"
         rf"|same|full|entire|whole)\s+)?{_MOD}?(?!(?:19|20)\d\d\b)(?P<count>{_COUNT})[\s-]+(?:(?:more|full|straight|consecutive|trading"
         rf"|business|calendar|long|additional|further)\s+)?(?P<unit>{_UNIT_WORD})(?:-(?:long|old))?\b"
         rf"(?!-(?!long|old)\w|\s+old\b)", n_duration, ()),
        (r"\b(?:(?:the\s+)?(?:past|last|coming|next|recent|several|many|few|the)\s+)?(?P<unit>days|weeks|months|years|decades"
         r"|centuries|hours)\b(?=\s+(?:of|to\s+come|ahead)\b)|\b(?:(?:the\s+)?(?:past|coming|recent|several|many|few)\s+)"
         r"(?P<unit2>days|weeks|months|years|decades|centuries|hours)\b",
         lambda m, c: n_plural_duration(_FakeMatch((m.start(), m.end()), unit=m.group("unit") or m.group("unit2")), c), ()),
        (r"(?<=\bfor\s)(?P<unit>days|weeks|months|years|decades|centuries|hours)\b", n_plural_duration, ()),
        # Sets: "daily", "every Friday", "each July", "a year" after an amount ("$5 million a year").
        (r"\b(?P<freq>daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly)\b(?=\s*[.,;:)]|\s*$|\s+(?:and|or|to|in|at|for|since|by|from|with|through|until|on|over|during|after|before|basis)\b)", n_set, ()),
        (rf"\b(?:every|each)\s+(?:(?P<weekday>{_WEEKDAY})|(?P<month>{_MONTH})|(?P<season>{_SEASON})"
         rf"|(?P<unit>day|week|month|year|hour|night|quarter))\b", n_set, ()),
        (r"(?<=[\d%]\s)(?:a|per)\s+(?P<unit>day|week|month|year|hour)\b|(?:(?<=lion\s)|(?<=sand\s)|(?<=dred\s)|(?<=ars\s)|(?<=nts\s)|(?<=ent\s))(?:a|per)\s+"
         r"(?P<unit2>day|week|month|year|hour)\b",
         lambda m, c: (SET, _duration(1, m.group("unit") or m.group("unit2"))), ()),
        # A year alone: "1998", "early 1990", "mid-1980", "the 1988 period".
        (rf"(?<![$€£#\d.,/-])\b(?:(?:early|late|mid|the\s+end\s+of|the\s+start\s+of)[\s-]+)?(?P<year>{_YEAR4})\b"
         rf"(?![\d,.]\d|-\d|\s*(?:%|percent|shares|people|feet|meters|miles|acres|tons|points|cars|units|troops|jobs"
         rf"|GMT|UTC|EST|EDT|CST|PST|local\s+time|hours|hrs)\b)"
         rf"(?:\s+(?:period|level|season|results))?", n_year, ()),
        # Each year of a span that times what is told ("in 2022-2023", "during 1992-95"; the second
        # written in two digits is no expression of its own); a span before a noun names the thing
        # ("the 1975-90 civil war").
        (rf"{_SPAN_BEFORE}(?P<year>{_YEAR4})(?=[-–](?:{_YEAR4}|\d\d)\b(?![-–/]?\d))", n_year, ()),
        (rf"(?<=\b(?:1[6-9]|20)\d\d[-–])(?P<year>{_YEAR4})\b(?![-–/]?\d)", n_span_end, ()),
    )
)



_TITLE_WORD = re.compile(r"[A-Z][\w'’.-]*\s+$")


def _in_title(text: str, match: re.Match) -> bool:
    """A capitalised time word inside a name: "USA Today", ABC's "This Week"."""
    found = match.group(0)
    if not found[:1].isupper() or not re.fullmatch(r"(?i)today|tonight|this\s+week|this\s+morning|now", found):
        return False
    before = text[max(0, match.start() - 30):match.start()]
    if re.search(r"(?:^|[.!?]['\"’”]*\s+|\n)$", before) and not re.search(r"[A-Z]\.\s+$", before):
        return False  # an ordinary sentence start
    return bool(_TITLE_WORD.search(before) or before.endswith(("\"", "“", "`")))


def _acceptable(text: str, match: re.Match, capital: tuple[str, ...]) -> bool:
    for group in capital:
        at = match.start(group)
        if at < 0 or not text[at].isupper():
            return False
    found = match.group(0).lower()
    if found == "may" or found.endswith(" may"):
        return bool(re.search(r"\b(?:in|since|until|till|by|from|during|through|of|early|late|mid|last|next|this|before"
                              r"|after|between|and|to)\s+$", text[max(0, match.start() - 12):match.start()], re.I)
                    or _g(match, "which"))
    if found == "march" and match.start() > 0 and re.search(r"\b(?:to|will|would|they|we|protesters)\s+$",
                                                          text[max(0, match.start() - 12):match.start()], re.I):
        return False
    if _in_title(text, match):
        return False
    if found in ("the future", "the past") and re.match(r"\s+(?:of|tense)\b", text[match.end():], re.I):
        return False
    if found == "soon" and (re.match(r"\s+(?:after|afterwards?|thereafter)\b", text[match.end():], re.I)
                            or _PAST_CUE.match(text[match.end():].lstrip())
                            or re.search(r"\bas\s+$", text[max(0, match.start() - 4):match.start()], re.I)):
        return False  # "soon after", "soon won him a following", "as soon as": no pointer past the writing
    if found == "spring" and not re.search(r"\b(?:this|last|next|the|in|early|late|of)\s+$|\bspring\s+(?:of\s+)?\d",
                                           text[max(0, match.start() - 10):match.end() + 8], re.I):
        return False
    if re.fullmatch(r"fall", found) and not re.search(r"\b(?:this|last|next|the|in|early|late)\s+$",
                                                     text[max(0, match.start() - 10):match.start()], re.I):
        return False
    groups = match.re.groupindex
    after = text[match.end():match.end() + 30]
    if "season" in groups and match.start("season") >= 0:
        word = match.group("season")
        if word[0].isupper() and not _at_sentence_start(text, match.start("season")):
            return False  # "the 1998 Winter Olympics": seasons are lower case in English prose
        if word.lower() == "fall" and re.match(r"\s+of\s+(?!\d|(?:this|last|next)\s+year)", after, re.I):
            return False  # "the fall of Srebrenica"
    if ("month" in groups and "day" not in groups and "year" not in groups and match.start("month") >= 0
            and not _g(match, "which") and re.match(r"\s+[A-Z][a-z]", after)
            and not re.search(r"\b(?:in|since|until|till|by|from|during|through|of|before|after|between|to)\s+$",
                              text[max(0, match.start() - 12):match.start()], re.I)):
        return False  # a first name: "August Strindberg", "April Glaspie"
    if "part" in groups and match.start("part") >= 0 and match.group("part")[0].isupper():
        return False  # a title: "Sunday Morning Futures", "Saturday Night Live"
    if "month" in groups and match.start("month") >= 0:
        month = match.group("month")
        following = text[match.end("month"):match.end("month") + 3]
        if following.startswith("-") or (len(month) <= 4 and month.lower() not in ("may", "june", "july")
                                          and not re.match(r"\.|\s*\d", following)):
            return False  # "Mar-a-Lago", "Jan Smith": a month is abbreviated with a full stop
        if "day" not in groups and re.search(r"\b\d{4}\s+$", text[max(0, match.start() - 6):match.start()]):
            return False  # "the 1963 March on Washington": English puts the month before the year
    if found == "the year" and text[match.end() - 4] == "Y":
        return False  # a title: "The Year of the Death of Ricardo Reis"
    return True


def _at_sentence_start(text: str, position: int) -> bool:
    before = text[max(0, position - 4):position]
    return position == 0 or bool(re.search(r"(?:[.!?]['\"’”]*\s+|\n\s*|^[`'\"‘“]+)$", before))


_QUARTERLY = re.compile(r"\b(?:first|second|third|fourth)[\s-]+quarter\b|\bquarterly\b", re.I)


@lru_cache(maxsize=4096)
def find_times(text: str, anchor: dt.date | None) -> tuple[Timex, ...]:
    """Every time expression in the text, in order, with TimeML type and value.

    Candidates from every rule compete: the longest extent wins, then the earlier rule.
    Values are computed in text order, so "a year ago" after "the third quarter" is that
    quarter a year before.
    """
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    candidates: list[_Candidate] = []
    for index, (pattern, _, capital) in enumerate(_RULES):
        for match in pattern.finditer(text):
            if match.end() > match.start() and _acceptable(text, match, capital):
                candidates.append(_Candidate(match.start(), match.end(), index, match))
    candidates.sort(key=lambda c: (-(c.end - c.start), c.rule, c.start))
    occupied = bytearray(len(text))  # characters already inside a chosen expression
    taken: list[_Candidate] = []
    for candidate in candidates:
        if any(occupied[candidate.start:candidate.end]):
            continue
        occupied[candidate.start:candidate.end] = b"\x01" * (candidate.end - candidate.start)
        taken.append(candidate)
    taken.sort(key=lambda c: c.start)
    ctx = _Context(text, anchor, _sentences(text), quarterly=bool(_QUARTERLY.search(text)))
    found: list[Timex] = []
    for candidate in taken:
        normalised = _RULES[candidate.rule][1](candidate.match, ctx)
        if normalised is None:
            continue
        kind, value = normalised
        if kind in (DATE, TIME) and re.match(r"\d{4}(?:-\d\d)?", value) and "Q" not in value:
            ctx.reference = value  # the date a later "that day" or "the following month" refers to
        start, end = candidate.start, candidate.end
        while end > start and text[end - 1] in " .,'":
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        found.append(Timex(start, end, text[start:end], kind, value))
    return tuple(found)



_PROBE = dt.date(2000, 6, 14)  # any date: only whether a value depends on it matters


def relative_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the text places a date only relative to its writing ("Friday", "last week", "two
    days ago", "in August"): expressions that without an anchor have no value or only an
    underspecified one ("XXXX-WXX-5")."""
    without = {(t.start, t.end): t.value for t in find_times(text, None)}
    return tuple((t.start, t.end) for t in find_times(text, _PROBE)
                 if t.type in (DATE, TIME) and without.get((t.start, t.end), "XXXX").startswith("XXXX"))
