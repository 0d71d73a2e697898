"""The timeline: date the articles, date each item's event, keep the story's dated events."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterable

from briefer.core.models import Corpus, Item, TimelineEntry
from briefer.core.text import WIRE_DASH, containment, content_words
from briefer.language.annotate import annotate
from briefer.language.tense import ANY_IRREGULAR_PAST, AUXILIARY
from briefer.language.times import (DAY, FUTURE, MONTH, PAST, UNKNOWN, WEEK, YEAR,  # noqa: F401
                                    DateMention, DayMention, date_label, day_mentions, resolve_dates)

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

    Only days written with their month count ("Oct. 29", "1 November"): weekday names and
    "last week" would be resolved against the very date being inferred. A year-less day is the
    occurrence the tagger places near the reference (within about half a year).
    """
    latest_past: dt.date | None = None
    earliest_future: dt.date | None = None
    for sentence in sentences:
        for mention in annotate(sentence, reference).dates:
            if mention.precision != DAY or not _WRITTEN_DAY.search(mention.text):
                continue
            day, tense = mention.value, mention.tense
            if tense == PAST:
                latest_past = max(latest_past or day, day)
            elif tense == FUTURE:
                earliest_future = min(earliest_future or day, day)
    return latest_past, earliest_future


_WRITTEN_DAY = re.compile(r"\d")  # "Oct. 29", "2025-10-29": a day written as a date, not "Friday"


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
       Year-less days are placed against the newest dated article of the story; with no dated
       article in the story there is no year to place them in, and none is guessed.
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
        return None  # a year mentioned in passing is no evidence of when the article was written
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


# A date that belongs to something else in the sentence, not to its main event: "the 1973 coup",
# "the 2002 Salt Lake Games" (a date naming a thing); "since 1901", "until 2030", "since the
# start of 1998" (a bound); "a record set in 1996" (a participle's own event after the main
# verb); "as Republicans did in 1974", "a tactic that was rejected in 1995" (a subordinate
# clause after the main verb); "Since the war ended in 1996, ..." (a fronted bounding clause).
_ATTRIBUTIVE_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|his|her|their|our|this|that|these|those)|['’]s)\s+"
                                 r"(?:\w+\s+)?$", re.I)
_NOUN_AFTER = re.compile(r"[\s-]+[A-Za-z][A-Za-z-]+")
_NOT_A_NOUN_AFTER = re.compile(r"\s+(?:ago|earlier|later|before|after|and|or|to|in|on|at|when|as|when|until|through|"
                               r"was|were|is|are|had|has|have|will|would|that|which)\b", re.I)
# A bound's preposition before the time ("since 1990", "since the start of 1998", "until Friday",
# "from disputed elections in July"); "more than" bounds a count, not a time ("killed more than 200
# people on Friday" tells Friday's event).
_COMPARING = r"compared\s+(?:with|to)|versus|vs\.?"  # besides "than" and "from"
_BOUND_BEFORE = re.compile(r"\b(?:(?:since|until|till|through|before|after|from|as\s+of|prior\s+to|ahead\s+of"
                           r"|(?<!more\s)(?<!less\s)(?<!fewer\s)than|" + _COMPARING + r")\s+(?:\w+\s+){0,3}"
                           # "by" bounds a time set right after it ("by Friday", "by the end of 1998"); "hit by
                           # flooding in 1987" is a passive's agent, and the year dates the event
                           r"|by\s+(?:the\s+)?(?:(?:end|start|beginning|middle|close)\s+of\s+(?:the\s+)?(?:\w+\s+)?)?)$", re.I)
# A comparison's base: the value the news is measured against, and its time ("rose to $108.8
# million, or $1.35 a share, from $90.5 million, or $1.12 a share, a year ago", "compared with
# $361.8 million a year ago", "3.8 percent higher than a year earlier"). The time dates the base,
# not the sentence's event. Between the comparison's word and the time: nothing, or a value with
# at most two words of what it counts, and maybe its value per share set off by commas. ("more
# than 50 rockets into the city on Friday" bounds a count; "from the rubble of the 10-story
# building two days ago" is a place.)
_COMPARISON = re.compile(r"\b(?:than|from|" + _COMPARING + r")\s+(?P<base>(?:[^\s;:—–]+\s+){0,10})$", re.I)
_VALUE = r"[$€£]?\d[\d.,]*%?(?:\s+(?![\d$€£]|(?:on|in|at|during|by)\b)[\w%-]+){0,2}"  # ("200 people on Friday": the time's own)
_BASE_VALUE = re.compile(_VALUE + r"(?:,\s+or\s+" + _VALUE + r"(?:\s+a\s+share)?,)?\s+")


def comparison_base(before: str) -> bool:
    """A time right after `before` dates the base of a comparison."""
    match = _COMPARISON.search(before[-120:])
    if not match:
        return False
    base = match.group("base")
    return not base or bool(_SPAN_OF_TIME.fullmatch(base) or _BASE_VALUE.fullmatch(base))  # "than a year earlier"


_SPAN_OF_TIME = re.compile(r"(?:a|an|the|one|two|three|four|five|six|\d+)\s+(?:years?|months?|weeks?|days?|quarters?)\s+", re.I)


_PARTICIPLE_BEFORE = re.compile(rf"\b(?!{AUXILIARY}\b)[a-z]+\s+(?P<verb>[a-z]+ed|set|held|made|built|won|begun|written"
                                r"|taken|seen|given|broken|chosen|founded)\s+(?:in|on|during)\s+(?:\w+\s+)?$")
_FINITE = re.compile(rf"\b(?:{ANY_IRREGULAR_PAST}|has|have|is|are|does|do|will|would|could|can|said|says|seems?"
                     r"|[a-z]{3,}ed)\b", re.I)
_SUBORDINATOR = re.compile(r"\b(?:as|when|while|whereas|because|although|though|if|unless|since|until|after|before"
                           r"|that|which|who|whom|whose|where|what)\b", re.I)
_FRONTED_BOUND = re.compile(r"^\W*(?:since|until|till|although|though|if|unless|before)\b", re.I)


# A participle of saying hung on the main clause by its comma ("Feddes rejected calls to resign,
# saying the permit had followed the rules in force in 2021"): what follows is what was said.
_SAYING_HUNG_ON = re.compile(r",\s+(?:saying|adding|arguing|insisting|warning|claiming|noting)\b", re.I)


def in_what_was_said(text: str, at: int) -> bool:
    """The point `at` stands in what a participle of saying after the main clause says, or in one
    set before it ("Noting that the party won the 1993 elections, the statement said ..."): its
    times and cues tell of what was said, not of the sentence's own event."""
    fronted = _SAYING_FRONTED.match(text)
    if fronted and at < fronted.end():
        return True
    return any(_FINITE.search(text, 0, m.start()) for m in _SAYING_HUNG_ON.finditer(text, 0, at))


_SAYING_FRONTED = re.compile(r"^\W*(?:Saying|Adding|Arguing|Insisting|Warning|Claiming|Noting)\b[^,;]*,")


def belongs_elsewhere(text: str, start: int, end: int) -> bool:
    """The expression at text[start:end] dates something other than the sentence's main event."""
    before, after = text[:start], text[end:]
    if in_what_was_said(text, start):
        return True
    window = len(before) - len(before[-60:])
    if (_ATTRIBUTIVE_BEFORE.search(before[-40:]) and _NOUN_AFTER.match(after) and not _NOT_A_NOUN_AFTER.match(after)
            and not _OCCASION_BEFORE.search(before)):
        return True  # "the 1973 coup", "his 1996 record" (but "the day before", "the week ago"; "in the 1996 race" is when)
    if _BOUND_BEFORE.search(before[-50:]) or comparison_base(before):
        return True
    participle = _PARTICIPLE_BEFORE.search(before[-60:])
    if participle and _FINITE.search(text, 0, window + participle.start("verb")):
        return True  # a participle after the main verb heads a modifier: "broke a record set in 1996"
    # a clause ends at a comma, a colon or a dash ("Mbeki _ who became president last year _ took ...")
    clause_start = max((m.end() for m in CLAUSE_MARK.finditer(before)), default=0)
    subordinators = list(_SUBORDINATOR.finditer(before, clause_start))
    if subordinators and _FINITE.search(text, 0, subordinators[-1].start()):
        return True  # "..., just as many Republicans did in November 1974"
    if _FRONTED_BOUND.match(text) and "," in after:
        return True  # "Since the war ended in 1996, hundreds have been kidnapped"
    relative = list(RELATIVE_OPENER.finditer(before, clause_start))
    if relative and not _FINITE.search(text, 0, relative[-1].start()):
        if _MAIN_VERB_NEXT.match(after):
            return True  # "A captain who was kidnapped ten months ago was set free Saturday": the subject's clause
        closing = CLAUSE_MARK.search(after)
        if closing and _MAIN_VERB_NEXT.match(after, closing.end()):
            return True  # "Mbeki _ who became president last year and ... _ took a hard line": closed by a dash
    reduced = _REDUCED_RELATIVE.search(before, clause_start)
    if (reduced and not any(m.group(0).islower() for m in _FINITE.finditer(text, 0, reduced.start("verb")))
            and _VERB_RIGHT_AFTER.match(after)):
        return True  # "An official kidnapped in Russia ten months ago has been freed": the subject's participle
    between = re.search(r"\bbetween\s+$", before) if re.match(r"\s+and\b", after) else re.search(
        r"\bbetween\s+\S+\s+and\s+$", before)
    if between and _SPAN_NOUN_BEFORE.search(before, 0, between.start()):
        return True  # "in the four years between 1998 and 2002": the ends of a noun's span ("served on the
        # council between 2011 and 2019" is when the serving was)
    if (re.match(r"['’]s\b", after) or re.search(r"['’]s$", text[start:end])) and not _OCCASION_BEFORE.search(before):
        return True  # "last year's winner", "1996's record": the time of a noun ("in July's election" is when)
    if _OF_NOUN_BEFORE.search(before[-30:]) and re.fullmatch(r"\d{4}", text[start:end]):
        return True  # "the games of 1996": the year names the thing, not when the sentence's event was
    return False


# A noun of time whose span "between ... and ..." gives ("the four years between 1998 and 2002").
_SPAN_NOUN_BEFORE = re.compile(r"\b(?:years?|months?|weeks?|days?|decades?|period|time|span|gap|interval|stretch)\s+$",
                               re.I)


# A noun and "of" before a year make it part of a name for a thing ("the games of 1996", "the
# floods of 1995"); a season or a part of a year keeps it a time ("the summer of 1996").
_OF_NOUN_BEFORE = re.compile(r"\b(?!(?:summer|spring|autumn|fall|winter|end|beginning|start|middle|half|part|rest"
                             r"|course|years?|months?|weeks?|days?|first|last|early|late|night|morning|evening"
                             r"|afternoon|eve|weekend|anniversary|dawn)\b)[a-z]{3,}\s+of\s+$")
_OCCASION_BEFORE = re.compile(r"\b(?:in|during|at)\s+(?:the\s+)?$", re.I)  # "in July's election", "in the 1996 race"
RELATIVE_OPENER = re.compile(r"\b(?:who|which|whom|whose)\b", re.I)
CLAUSE_MARK = re.compile(r"[,;:—–]|" + re.escape(WIRE_DASH) + r"|\s--?\s")  # where a clause set off from the sentence ends
# The main verb right after a date that closes a relative clause on the subject (", was raised").
_MAIN_VERBS = rf"(?:{ANY_IRREGULAR_PAST}|has|have|had|is|are|was|were|will|would|said|[a-z]{{3,}}ed)\b"
_MAIN_VERB_NEXT = re.compile(r"\s*,?\s*(?:(?:also|then|later|now)\s+)?" + _MAIN_VERBS, re.I)
# A participle right after the subject's noun, no finite verb before it: a relative clause
# without its "who was" ("an official kidnapped in Russia ten months ago has been freed").
_REDUCED_RELATIVE = re.compile(rf"\b(?!{AUXILIARY}\b|to\b)[a-z]+\s+(?P<verb>[a-z]{{3,}}ed|taken|held|seized|caught"
                               r"|shot|hit|sent|brought|kept|found|sold|built|won|chosen|given)\s")
# The main verb right after the date, no comma between, in lower case: "... ten months ago has been
# freed" (not "on Monday, United Nations officials said", "on Monday, boosted by ...", ", then looted").
_VERB_RIGHT_AFTER = re.compile(r"\s+(?:(?:also|later|now)\s+)?" + _MAIN_VERBS)
_LIST_JOIN = re.compile(r"^(?:,\s*|\s+and\s+|\s+or\s+|,\s+and\s+)$")


def event_date(text: str, reference: dt.date | None) -> DateMention | None:
    """The date a sentence is about, for ordering and sorting (sections read it): its first
    mention finer than a year, else its first year ("this year" in an article of that year
    dates nothing)."""
    mentions = [m for m in annotate(text, reference).dates
                if not (m.precision == YEAR and reference and m.value == reference.year)]
    finer = [m for m in mentions if m.precision != YEAR]
    return (finer or mentions or [None])[0]


_LATER_CLAUSE = re.compile(r"[;:]|,\s+(?:and|but|while|although|though)\b|\s(?:--|—|–)\s")


def main_event_date(text: str, reference: dt.date | None) -> DateMention | None:
    """The date the sentence's own main event happened, for the timeline.

    As event_date, from the sentence's own time expressions and tense, but dates that belong
    to something else (`belongs_elsewhere`) do not count; and in an undated article a sentence
    whose event is placed by a relative expression ("Friday", "last week", "two days ago")
    cannot be dated: a year elsewhere in it is not its date, and none is guessed.
    """
    annotation = annotate(text, reference)
    elsewhere: list = []  # a date listed after one that belongs elsewhere belongs there too ("of 1996, 1998 and 2000")
    for m in annotation.dates:
        if belongs_elsewhere(text, m.start, m.end) or (elsewhere and _LIST_JOIN.match(text[elsewhere[-1].end:m.start])):
            elsewhere.append(m)
    mentions = [m for m in annotation.dates if m not in elsewhere
                and not (m.precision == YEAR and reference and m.value == reference.year)]
    finer = [m for m in mentions if m.precision != YEAR]
    chosen = (finer or mentions or [None])[0]
    if reference is None:
        for start, end in annotation.relative:
            if belongs_elsewhere(text, start, end):
                continue
            # A relative expression in the dated clause, or before it, places the main event:
            # "arrested Friday ... in 1987". One in a later clause does not: "signed in March
            # 1994, and talks collapsed last week".
            if chosen is None or start < chosen.end or not _LATER_CLAUSE.search(text, chosen.end, start):
                return None
    return chosen


def dated_events(corpus: Corpus, dates: dict[int, ArticleDate]) -> list[DatedItem]:
    events = []
    for index, item in enumerate(corpus.items):
        if not EVENT_VERB.search(item.text):
            continue
        sentence = representative(item)
        mention = main_event_date(item.text, dates[sentence.article].date)
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
