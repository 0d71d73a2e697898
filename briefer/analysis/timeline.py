"""The timeline: date the articles, date each item's event, keep the story's dated events."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Iterable, TypeVar

from briefer.core.models import Corpus, Item, TimelineEntry
from briefer.core.text import containment, content_words
from briefer.language.times import (_DAY_PATTERNS, DAY, FUTURE, MONTH, PAST, UNKNOWN, WEEK, YEAR,  # noqa: F401
                                    DateMention, DayMention, _month_number, _safe_date, _year_for_day,
                                    date_label, day_mentions, resolve_dates, tense_around)

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
