"""Where sources disagree: one fact, two values, at one time, from any two articles.

A conflict is two sentences from different articles (rewrites of one report included: a
rewrite that changes "six" to "eight" is what an analyst must see) that speak of the same
time (the same report, or articles of the same date) and are about the same fact (they
share most of their content words and their named entities) and give different values
for the same slot: the same unit and counted noun with no qualifier telling them apart
("six aircraft" / "eight aircraft"), or the day of the one dated event they describe
("met on Friday" / "met on Monday"). Values are compared after normalisation, so
"six" and "6", "50 percent" and "50%", "Oct. 31" and a Friday that is Oct. 31 agree.
Bounds and either end of a change ("from 25% to 50%") are never compared, estimates ("about
4,000") only when they lie further apart than a rounding; nor are
different things: the clauses around the two numbers name different places or people, or
different events ("killed" / "wounded"). Values from different days are a developing figure
(figures.py), not a disagreement.
A false disagreement in a brief is worse than a missed one: every test errs towards silence.

Days are read from the sentence's annotation (`annotate(...).days`), keeping only what the text
fixes: a weekday, a month and day, a year.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from briefer.core.cues import pattern, phrases
from briefer.core.lexicon import MONTHS, NUMBER_WORD_PATTERN, NUMBER_WORDS, SPEECH_VERB_PATTERN, WEEKDAYS
from briefer.core.models import Claim, Corpus, Disagreement
from briefer.language.quantities import (BOUND_BEFORE, ESTIMATE_WORDS, PEOPLE_STATES, Quantity, conflicting_slots,
                                         same_slot, singular, within_rounding)
from briefer.core.text import STOPWORDS, clause_bounds, content_words, stem
from briefer.language.annotate import annotate
from briefer.language.quotations import SPEECH_VERBS
from briefer.language.tense import AUXILIARY, WEAK_PAST
from briefer.language.times import YEAR, DayMention

# Same fact: this share of the shorter sentence's content words (values aside) is shared,
# and this share of both sentences' words together (a short sentence inside a long one is
# not the same statement)...
SAME_FACT_OVERLAP = 0.5
SAME_FACT_JACCARD = 0.3
SAME_FACT_MIN_SHARED = 3
# A day is compared only between near-paraphrases of one event: news sentences name many
# days ("said Tuesday", "on Saturday, the rebels ..."), and a shared topic is not a shared event.
SAME_EVENT_JACCARD = 0.45
# ...and this share of the named entities of the sentence naming fewer.
SAME_ENTITIES_OVERLAP = 0.5
MOST_DISAGREEMENTS = 3
# Entities that half the statements name tell nothing about which fact a sentence states.
BUCKET_LIMIT = 200

# "the ministry said Tuesday", "announced on Friday": the day of the telling, not of the fact.
_REPORTING_BEFORE = re.compile(r"\b(?:said|says|announced|told|reported|confirmed|added|stated|declared|noted)"
                               r"(?:\s+\w+)?\s+(?:on\s+)?$")
_REPORTING_AFTER = re.compile(r"^\s*(?:said|announced|told|reported|confirmed)\b")


def day_of_telling(text: str, start: int, end: int) -> bool:
    """The time at text[start:end] dates a saying ("police said on Monday", "..., the ministry
    said Tuesday"), not what the sentence tells happened."""
    return bool(_REPORTING_BEFORE.search(text[:start]) or _REPORTING_AFTER.match(text[end:]))


# A time in the possessive names an event ("52 had now been arrested over Saturday's protest"): in
# a sentence that tells a running total (a perfect, or "now", "so far") it does not date the count,
# which is the count at the writing; "41 were arrested during Saturday's march" is Saturday's.
POSSESSIVE_AFTER = re.compile(r"['’]s\b")
_RUNNING_TOTAL = re.compile(r"\b(?:(?:has|have|had)\s+(?:now\s+|so\s+far\s+)?been|now|so\s+far|to\s+date)\b", re.I)
# A plan ("is set to meet on Friday") and a report ("met on Monday") may both be right: plans move.
_FUTURE = re.compile(r"\b(?:will|shall|is (?:set|due|scheduled|expected) to|are (?:set|due|scheduled|expected) to"
                     r"|to be held|plans? to|planned for|scheduled for)\b", re.I)
# Words that say a count is of the dead: "killing 32 people", "41 people are now confirmed dead",
# "the death toll rose to 150" (data file): one event however a report words it.
DEATH_WORDS = frozenset(phrases("analysis", "death_words"))
# Stems of words that say a count is of what is left ("19 remained missing", "700,000 still in the
# dark"): such a count falls as one figure, and is never the whole it is left of.
REMAINING = frozenset(stem(word) for word in phrases("analysis", "remaining_words"))
_ENTITY = re.compile(r"\b[A-Z][\w’'.-]*[\w]|\b[A-Z]\b")


@dataclass(frozen=True)
class Statement:
    """One member sentence with what it states."""

    item: int  # index into Corpus.items
    article: int
    origin: int
    text: str
    quantities: tuple[Quantity, ...]
    dates: tuple[DayMention, ...]
    published: dt.date | None = None  # its article's date
    when: tuple = ()  # the times it dates what it tells to: (start, end, (precision, value)), resolved
    estimated: frozenset[int] = frozenset()  # where its estimates start ("about 4,000"): compared a rounding apart
    # its counts given as a bound, each with its kind: ("at least 19", "lower"), ("up to 6 percent", "upper")
    bounded: tuple[tuple[Quantity, str], ...] = ()


def same_time(a: Statement, b: Statement) -> bool:
    """Two statements speak of one time: rewrites of one report or articles of one date. (A
    later edition of one report with a new count tells a development.)"""
    if a.published is not None and b.published is not None:
        return a.published == b.published  # one day's reports, a rewrite that changes "six" to "eight" included
    return a.origin == b.origin  # rewrites of one report, undated: nothing says one updates the other


def _clause_times(statement: Statement, quantity: Quantity) -> frozenset:
    """The times the number's own clause dates it to: "the 1994 sinking killed 852" is 1994's;
    in "Set up in 1993, the court has convicted two" the year dates the court, not the count."""
    begin, end = clause_bounds(statement.text, quantity.start, quantity.end)
    return frozenset(key for start, stop, key in statement.when if start >= begin and stop <= end)


def same_dated_fact(a: Statement, qa: Quantity, b: Statement, qb: Quantity) -> bool:
    """Two numbers whose clauses date them to the same year (and day, where given) tell one
    past event whenever the articles were written: "the 1988 bombing killed 270" / "... 259"."""
    return bool(_clause_times(a, qa) & _clause_times(b, qb))




def _clause(text: str, start: int, end: int) -> str:
    """The clause a number stands in: from the punctuation before it to the punctuation after."""
    begin, stop = clause_bounds(text, start, end)
    return text[begin:stop]


NAME_STEM = 4  # a name and its demonym share at least this many first letters ("Iraq" / "Iraqi")


def same_name(a: str, b: str) -> bool:
    """One name, or a place and its people's adjective ("Tessaria" / "Tessarian", "Kenya" /
    "Kenyan", "Japan" / "Japanese"): the shorter, but for its last letter at most, opens the
    longer."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= NAME_STEM and long.startswith(short[:max(NAME_STEM, len(short) - 1)])


# A name set after the common noun that says what its bearer is ("businessman Oskar Vennberg",
# "spokeswoman Ana Ruiz"), where the other report leaves that one unnamed ("a businessman"): a
# rewrite that adds or drops a name tells of the same person, not of another.
_ROLE_THEN_NAME = re.compile(r"\b([a-z]{3,})\s+((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)")


def role_holders(text: str, other: str) -> frozenset[str]:
    """The names in `text` of someone `other` calls only by the role ("a businessman")."""
    found: set[str] = set()
    for match in _ROLE_THEN_NAME.finditer(text):
        unnamed = re.search(rf"\b(?:a|an|the)\s+{match.group(1)}\b(?!\s+[A-Z])", other)
        if unnamed:
            found |= entities(match.group(2))
    return frozenset(found)


def different_things(a: str, qa: Quantity, b: str, qb: Quantity) -> bool:
    """The two numbers count different things: each is told with its own event beside it ("nine
    killed" / "38 injured"), or one counts what is left of the whole the other counts; or each
    clause (with a relative clause set off before it that says which thing it is about) names a
    place or person, or an event ("killed", "wounded"), that the other sentence does not (a
    demonym names its place: "Tessarian jets", "Tessaria sent jets")."""
    if _other_events(a, qa, b, qb) or _tells_what_is_left(a, qa) != _tells_what_is_left(b, qb):
        return True  # "nine killed" / "38 injured"; "1.8 million homes cut off" / "700,000 remained without power"
    clause_a, clause_b = _clause(a, qa.start, qa.end), _clause(b, qb.start, qb.end)
    # a word capitalised only where a sentence opens ("NIAMEY (SPA) - Gunmen killed 13") is no
    # name when the other sentence writes it in lower case ("jihadist gunmen killed 11")
    names_a = unnamed_by(entities(_with_subject_aside(a, qa, clause_a)) - _lower_case_words(b) - role_holders(a, b),
                         entities(b))
    names_b = unnamed_by(entities(_with_subject_aside(b, qb, clause_b)) - _lower_case_words(a) - role_holders(b, a),
                         entities(a))
    if names_a and names_b:
        return True  # "the bomb in Nairobi killed 213" / "the bomb in Dar es Salaam killed 11"
    if not entities(clause_a) and not entities(clause_b):
        # clauses that name nothing hang on the name before them: "Aetna closed at $60, down 50
        # cents" / "Kellogg stock, which closed at $71.75, down 75 cents" are two companies' falls
        owner_a, owner_b = _nearest_name(a, qa), _nearest_name(b, qb)
        if owner_a and owner_b and owner_a not in entities(b) and owner_b not in entities(a):
            return True
    # a verb of telling ("reported" / "posted a net profit of ...") says how it was made known,
    # not what happened to what is counted
    words_a, words_b = set(content_words(clause_a)) - SPEECH_VERBS, set(content_words(clause_b)) - SPEECH_VERBS
    events_a, events_b = _events_untold(words_a, a, b), _events_untold(words_b, b, a)
    return bool(events_a and events_b)


def events_untold(text: str, other: str) -> set[str]:
    """The events a sentence tells (its past forms, verbs of saying aside) that the other does not."""
    return _events_untold(set(content_words(text)) - SPEECH_VERBS, text, other)


def _events_untold(words: set[str], text: str, other: str) -> set[str]:
    """The events among `text`'s words (past forms it writes in lower case: "killed", "wounded";
    not "Biden", "Sweden") that the other sentence does not tell in any form ("killing", "killed")
    nor in a word of its class (death, injury: "nine were killed" / "eleven died")."""
    told, written = _told_events(other), _lower_case_words(text)
    return {w for w in words if w in written and WEAK_PAST.fullmatch(w) and event_class(w) not in told}


@lru_cache(maxsize=16_384)
def _told_events(text: str) -> frozenset[str]:
    """The event classes of every word of a sentence: read once, however many pairs ask."""
    return frozenset(event_class(w) for w in content_words(text))


@lru_cache(maxsize=16_384)
def _lower_case_words(text: str) -> frozenset[str]:
    """The words a sentence writes in lower case: common words, wherever another capitalises them."""
    return frozenset(re.findall(r"(?<![\w’'-])[a-z]+(?:['’-][a-z]+)*", text))  # ("``muzzled''" is "muzzled")


def _nearest_name(text: str, quantity: Quantity) -> str | None:
    """The last name written before the number's clause and after any phrase put before the
    sentence's subject ("Speaking in Nairobi, the minister said the bomb killed 213": where he
    spoke names nothing the number counts), or None."""
    begin = clause_bounds(text, quantity.start, quantity.end)[0]
    fronted = _FRONTED_PHRASE.match(text)
    found = None
    for match in _ENTITY.finditer(text, fronted.end() if fronted else 0, begin):
        named = entities(match.group(0))  # none for a capital that only opens the sentence ("The", "In")
        found = next(iter(named), found)
    return found


# A phrase of place, time or manner put before the subject, up to its comma: "Speaking in Nairobi,",
# "In Kelso Stock Exchange trading Friday,", "After talks in Geneva,".
_FRONTED_PHRASE = re.compile(r"^\W*(?:(?:In|At|On|From|After|Before|During|Despite|Amid|With|Without|Under|Over|Near"
                             r"|Across|Following|According\s+to)\b|[A-Z][a-z]+(?:ing|ed)\b)[^,;]*,")


# A relative clause set off between the subject and its verb ("The truck bomb, which exploded
# outside the embassy in Nairobi, killed 213"; with dashes too): it says which thing the number's
# clause is about. (A fronted phrase or a speaker before the clause does not: "Speaking in Nairobi,
# the governor said the flood killed 80" counts the flood's dead wherever he spoke.)
_SUBJECT_ASIDE = re.compile(r"([^,;:()—–]*?)(?:,|\s_|\s[—–])\s+(?:which|who|that|where)\b[^,;:()—–]*?(?:,|\s_|\s[—–])\s*$")


def _with_subject_aside(text: str, quantity: Quantity, clause: str) -> str:
    """The number's clause, with the subject and the relative clause set off before it, if any."""
    begin = clause_bounds(text, quantity.start, quantity.end)[0]
    aside = _SUBJECT_ASIDE.search(text[:begin])
    return (aside.group(0) if aside else "") + " " + clause


def dates_conflict(a: DayMention, b: DayMention) -> bool:
    """Different days for certain: compared on what both mentions fix, never guessed. A night
    ("late Friday night", "Friday evening") and the next day ("early Saturday") may tell one night."""
    if a.month and a.day and b.month and b.day:
        if (a.month, a.day) != (b.month, b.day):
            return not _one_night(a, b, _days_apart(a, b))
        return bool(a.year and b.year and a.year != b.year)
    if a.weekday is not None and b.weekday is not None:
        return a.weekday != b.weekday and not _one_night(a, b, (b.weekday - a.weekday + 3) % 7 - 3)  # signed, -3..3
    return False


_NIGHT = ("NI", "EV")  # TIMEX3 parts of the day that run to midnight


def _one_night(a: DayMention, b: DayMention, after: int | None) -> bool:
    """b is the day after a's night, or a the day after b's (`after`: days from a to b)."""
    return after == 1 and a.time_of_day in _NIGHT or after == -1 and b.time_of_day in _NIGHT


def _days_apart(a: DayMention, b: DayMention) -> int | None:
    """Days from a to b, for two month-days (in a leap year when no year is given)."""
    try:
        first, second = (dt.date(m.year or 2000, m.month, m.day) for m in (a, b))
    except ValueError:
        return None
    return (second - first).days


def fact_words(text: str) -> set[str]:
    """Content words without the values themselves: what the sentence is about."""
    return {w for w in content_words(text)
            if not w[0].isdigit() and w not in NUMBER_WORDS and w not in WEEKDAYS
            and w not in MONTHS and w != "percent"}


@lru_cache(maxsize=16_384)
def entities(text: str) -> frozenset[str]:
    """Capitalised words that name someone or something ("Holt", "Geneva", "US"): read once per
    sentence, however many pairs and quantities ask."""
    found = set()
    for match in _ENTITY.finditer(text):
        word = match.group(0).replace(".", "").replace("’s", "").replace("'s", "")
        lower = word.lower()
        if lower in STOPWORDS or lower in WEEKDAYS or lower in MONTHS or lower in NUMBER_WORDS:
            continue
        found.add(lower)
    return frozenset(found)


def event_dates(text: str, published: dt.date | None) -> list[DayMention]:
    """The days a sentence gives for what happened, without the days of statements about it."""
    return [mention for mention in annotate(text, published).days
            if not day_of_telling(text, mention.start, mention.end)]


def same_fact(a: str, b: str, least_jaccard: float = SAME_FACT_JACCARD) -> bool:
    words_a, words_b = fact_words(a), fact_words(b)
    shared = words_a & words_b
    if len(shared) < SAME_FACT_MIN_SHARED or len(shared) < SAME_FACT_OVERLAP * min(len(words_a), len(words_b)):
        return False
    if len(shared) < least_jaccard * len(words_a | words_b):
        return False
    names_a, names_b = entities(a), entities(b)
    if not names_a or not names_b:
        return not names_a and not names_b
    return len(names_a & names_b) >= SAME_ENTITIES_OVERLAP * min(len(names_a), len(names_b))


def retold_fact(a: str, b: str, when_a: frozenset = frozenset(), when_b: frozenset = frozenset()) -> bool:
    """Two sentences of one report and its rewrite that tell one fact in other words ("agreed to
    buy Alder Metals ... expected to cut 1,200 jobs" / "will acquire Alder Metals ... plans to
    eliminate 1,500 jobs"): a rewrite chooses other words, but keeps who the claim is about. So
    the first name of each must be the same, the names shared as same_fact asks, and a few
    words; the shares of all words are not asked ("Kingurra rolled 35 kilometers south of Gabo
    Island" and "Sword of Orion rolled near Gabo Island, 450 kilometers east of Melbourne" are
    about two yachts). `when_a`, `when_b`: the times the two numbers' clauses give, which must
    be the same ("added 800 jobs last year" is no retelling of "plans to cut 1,200 jobs")."""
    names_a, names_b = entities(a), entities(b)
    return bool(names_a and names_b) and _first_name(a) == _first_name(b) and when_a == when_b \
        and len(fact_words(a) & fact_words(b)) >= SAME_FACT_MIN_SHARED \
        and len(names_a & names_b) >= SAME_ENTITIES_OVERLAP * min(len(names_a), len(names_b))


def _first_name(text: str) -> str | None:
    """The name the sentence gives first (its entities', by where they stand)."""
    lower = text.lower()

    def place(name: str) -> int:
        found = re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", lower)
        return found.start() if found else len(lower)  # a name not written as such ("U.S." read "us") comes last

    return min(entities(text), key=lambda name: (place(name), name), default=None)


def sentences_disagree(a: str, b: str) -> bool:
    """Two near-identical sentences that state different values for one thing (a slot, a day)."""
    if a == b:
        return False  # the commonest case when wires repeat a story; spares the parse
    first, second = _stated_values(a), _stated_values(b)
    quantities_a, dates_a, quantities_b, dates_b = first.quantities, first.days, second.quantities, second.days
    if conflicting_slots(list(quantities_a), list(quantities_b)):
        return True
    return len(dates_a) == 1 and len(dates_b) == 1 and dates_conflict(dates_a[0], dates_b[0])


def tell_other_facts(a: str, b: str) -> bool:
    """Two sentences, however alike, that state other values: they disagree (sentences_disagree),
    or each gives a number the other does not ("9 were killed ... in Kesh" / "15 were killed ...
    in Tarrow", "25% reciprocal tariffs" / "a 50 percent tariff"). Neither carries the other's
    claim. (Places are weighed by places_in, each way: "the road to Dunmere" / "the road to
    Callow" is no one claim either way.)"""
    if a == b:
        return False
    if sentences_disagree(a, b):
        return True
    values_a, values_b = _stated_values(a).values, _stated_values(b).values
    return bool(values_a - values_b and values_b - values_a)


def one_line(a: str, b: str) -> bool:
    """Two sentences that may share a citation line: no other values (tell_other_facts), and
    each writes every place the other names (places_in): "the road to Dunmere" / "to Callow", and
    "took the wounded to Ostra General Hospital" / "... to the city hospital", are two lines,
    each cited to its own source; so are two that each tell an event the other does not ("Police
    arrested 128 people after the riot" / "The riot killed 128 people"). (Who told it is no
    difference: "police said" / "Reuters reported"; nor a name's case, nor a title beside the place.)"""
    return a == b or (not tell_other_facts(a, b) and places_in(a, b) and places_in(b, a)
                      and not (events_untold(a, b) and events_untold(b, a)))


def places_in(a: str, b: str) -> bool:
    """Every place `a` names (a name after a preposition of place: "in Kesh", "to Ostra General
    Hospital") is written in `b`, in any case: b can carry a's claim; a source that names no
    place, or another, does not state where."""
    return not unnamed_by(_stated_values(a).places, _stated_values(b).words)


def unnamed_by(names: set[str] | frozenset[str], others: set[str] | frozenset[str]) -> set[str]:
    """The names that none of `others` names, itself or by its demonym."""
    return {n for n in names if not any(same_name(n, o) for o in others)}


# Who told it, named beside the verb of saying ("Mayor Ilse Brant said", "told Reuters",
# "according to Kelso police"): a source, not the place or the people the sentence tells of.
TELLER = re.compile(rf"(?:[A-Z][\w.'’-]*\s+){{1,4}}(?=(?:{SPEECH_VERB_PATTERN}|reported)\b)"
                    rf"|\b(?:{SPEECH_VERB_PATTERN}|according\s+to)\s+(?:[A-Z][\w.'’-]*\s*){{1,4}}")


_FIRST_WORD = re.compile(r"^\W*\w+")
# A name after a preposition of place: where the sentence's event happened.
_PLACE = re.compile(r"\b(?:in|at|to|from|near|outside|inside|into|across|towards?)\s+(?:the\s+)?"
                    r"((?:[A-Z][\w'’-]*\s*)+)")


def _without_tellers(text: str) -> str:
    """The text with who told it blanked (same length)."""
    return TELLER.sub(lambda m: " " * len(m.group(0)), text)


def _claim_only(text: str) -> str:
    """The sentence without who told it, its first word in lower case (capitalised as every first
    word is): what it claims, to compare with another report's words."""
    return _FIRST_WORD.sub(lambda m: m.group(0).lower(), _without_tellers(text))


def told_names(text: str) -> frozenset[str]:
    """The names a sentence tells of (entities), those of who told it aside, and past its first
    word (capitalised as every first word is: "Troops sealed ...", "Rescuers found ...")."""
    return entities(_without_tellers(_FIRST_WORD.sub(lambda m: " " * len(m.group(0)), text)))


class _Stated(NamedTuple):
    quantities: tuple[Quantity, ...]  # its unambiguous quantities (one value per slot)
    days: tuple[DayMention, ...]
    values: frozenset  # every number's value
    places: frozenset[str]  # the names it gives after a preposition of place
    words: frozenset[str]  # all its words, in lower case


@lru_cache(maxsize=16_384)
def _stated_values(text: str) -> _Stated:
    """What a sentence states, read from its annotation however many sentences it is compared with."""
    note = annotate(text, None)
    words = frozenset(w.lower().replace("’s", "").replace("'s", "") for w in re.findall(r"[\w’'-]+", text))
    places = frozenset(entities(" ".join(m.group(1) for m in _PLACE.finditer(_without_tellers(text)))))
    return _Stated(tuple(_unambiguous(list(note.quantities), text)), note.days,
                   frozenset(q.exact_value for q in note.quantities), places, words)


def _unambiguous(found: list[Quantity], text: str) -> list[Quantity]:
    """Drop slots a sentence gives two values for ("the 50% tariff includes a 25% duty"), unless
    each value is told with its own event ("nine people were killed and 31 injured")."""
    values: dict[tuple, set[float]] = defaultdict(set)
    events: dict[tuple, dict[str | None, set[float]]] = defaultdict(lambda: defaultdict(set))
    for quantity in found:
        values[quantity.slot].add(quantity.value)
        events[quantity.slot][bound_event(text, quantity)].add(quantity.value)

    def one_value_per_event(slot: tuple) -> bool:
        told = events[slot]
        return None not in told and all(len(v) == 1 for v in told.values()) and len(told) == len(values[slot])
    return [q for q in found if len(values[q.slot]) == 1 or one_value_per_event(q.slot)]


# The event a count is told with, right beside it: the participle after what it counts ("nine
# people were killed", "31 people arrested"), the state that names it ("31 injured", "seven still
# missing"), or the verb before the number ("killing nine people", "injuring 38", "arrested 128
# people"). Not a verb of telling ("reported 15 deaths"): it tells no other event.
_EVENT_AFTER = re.compile(rf"\s+(?:(?:{AUXILIARY}|reportedly|also|now)\s+)*(?P<word>[a-z]+)\b")
_EVENT_BEFORE = re.compile(rf"\b(?P<word>[a-z]+)\s+{BOUND_BEFORE}?$", re.I)


def event_class(word: str) -> str:
    """One event however a report words it: any word of death is "dead", of injury "injured"."""
    lower = word.lower()
    return DEAD_EVENT if lower in DEATH_WORDS else INJURED_EVENT if lower in INJURY_WORDS else stem(lower)


def bound_event(text: str, quantity: Quantity) -> str | None:
    """The event told right beside the count (event_class), or None."""
    if quantity.label in PEOPLE_STATES:
        return event_class(quantity.label)
    end = quantity.label_at + len(quantity.label) if quantity.label_at >= quantity.end else quantity.end
    after = _EVENT_AFTER.match(text, end)
    if after and (after.group("word") in PEOPLE_STATES or WEAK_PAST.fullmatch(after.group("word"))) \
            and after.group("word") not in SPEECH_VERBS:
        return event_class(after.group("word"))
    before = _EVENT_BEFORE.search(text, 0, quantity.start)
    if before and (before.group("word").lower() in DEATH_WORDS | INJURY_WORDS
                   or WEAK_PAST.fullmatch(before.group("word")) and before.group("word") not in SPEECH_VERBS):
        return event_class(before.group("word"))  # "killing nine people", "arrested 128 people"
    return None


DEAD_EVENT, INJURED_EVENT = "dead", "injured"
INJURY_WORDS = frozenset(phrases("analysis", "injury_words"))


# The whole of a partitive: "five of the seven members", "most of its 40 aircraft": the size of
# the set a part is taken from, not a count the sentence tells.
_PARTITIVE_BEFORE = re.compile(rf"\b(?:\d[\d,.]*|{NUMBER_WORD_PATTERN}|all|most|many|some|none|half|each|both|several"
                               r"|few)\s+of\s+(?:(?:the|its|their|his|her|our)\s+)?$", re.I)


def _partitive_whole(text: str, quantity: Quantity) -> bool:
    return bool(_PARTITIVE_BEFORE.search(text, max(0, quantity.start - 40), quantity.start))


def statements(corpus: Corpus) -> list[Statement]:
    dates = {c.article.number: c.article.date for c in corpus.articles}
    found = []
    for index, item in enumerate(corpus.items):
        for member in item.members:
            published = dates.get(member.article)
            note = annotate(member.text, published)
            counts = [q for q in _unambiguous([_percent_of_what(member.text, q) for q in note.quantities], member.text)
                      if not _partitive_whole(member.text, q)]
            running = bool(_RUNNING_TOTAL.search(member.text))
            estimates = [replace(q, exact=True) for q in counts
                         if not q.exact and q.head and _ESTIMATE_BEFORE.search(member.text, 0, q.start)]
            estimated = frozenset(q.start for q in estimates)
            found.append(Statement(
                item=index, article=member.article, origin=corpus.origin_of[member.article],
                text=member.text,
                quantities=tuple(q for q in counts if q.exact and q.head) + tuple(estimates),
                estimated=estimated,
                bounded=tuple((replace(q, exact=True), bound[1]) for q in counts if not q.exact and q.head
                              and q.start not in estimated and (bound := _bound_before(member.text, q))),
                dates=tuple(_event_days(member.text, note.days)),
                published=published,
                when=tuple((m.start, m.end, (m.precision, m.value)) for m in note.dates
                           if not day_of_telling(member.text, m.start, m.end)
                           and not (POSSESSIVE_AFTER.match(member.text, m.end) and running)),
            ))
    return found


# What a share counts when no noun follows its "percent": the whole after "of" ("tariffs on 90
# percent of the goods", "up to 6 percent of their global turnover"), or the subject the share is
# the level of ("Turnout was 44 percent", "Inflation climbed to 3.9 percent"). The number after
# "from" is the level left behind, and counts nothing here.
_SHARE_OF = re.compile(r"\s+of\s+(?:(?:the|their|its|his|her|all|a|an)\s+)?(?P<phrase>[a-z-]+(?:\s+[a-z-]+){0,3})")
SHARE_REACH = 80  # characters before a share its subject and verb are looked for in ("Inflation climbed to about")
_SHARE_SUBJECT = re.compile(r"(?P<noun>\b[A-Za-z]+)\s+(?:(?:was|were|is|are|stood\s+at|reached|hit|(?:rose|fell|climbed"
                            r"|dropped|jumped|slipped|eased|increased|decreased|grew|slowed|accelerated|edged\s+up"
                            r"|edged\s+down)(?:\s+to)?)\s+)(?:" + BOUND_BEFORE + r")?$", re.I)


def _percent_of_what(text: str, quantity: Quantity) -> Quantity:
    """A share with no counted noun, given the noun of what it is a share or level of (its slot)."""
    if quantity.unit != "percent" or quantity.head is not None:
        return quantity
    after = _SHARE_OF.match(text, quantity.end)
    words = []
    for word in after.group("phrase").split() if after else ():
        if word in STOPWORDS or word.endswith(("ed", "ing")):
            break  # "of the goods traded between them", "of their global annual turnover for breaches"
        words.append(word)
    if words:
        written = words[-1]
    else:
        before = _SHARE_SUBJECT.search(text, max(0, quantity.start - SHARE_REACH), quantity.start)
        if before is None:
            return quantity
        written = before.group("noun").lower()
    if written in STOPWORDS or written in NUMBER_WORDS:
        return quantity
    return replace(quantity, head=singular(written), label=written)


SHARE_LEAD_WORDS = 2  # the content words right before a share that a rewrite keeps with it ("fine companies")


def _one_share(a: str, value_a: str, b: str, value_b: str, when_a: frozenset, when_b: frozenset) -> bool:
    """Two shares of one named whole or levels of one named measure (their slot: "turnout",
    "inflation") are one fact when their clauses date them alike ("in April"), or when the two
    sentences, up to the end of each number's clause, say the same words ("Turnout was 44
    percent, the board said" / "Turnout was 41 percent, ... up from 33 percent in the first
    round"; not "In the first round, turnout was 33 percent")."""
    if when_a or when_b:
        return when_a == when_b
    at_a, at_b = a.find(value_a), b.find(value_b)
    if at_a < 0 or at_b < 0:
        return False
    words_a = fact_words(a[:clause_bounds(a, at_a, at_a + len(value_a))[1]])
    words_b = fact_words(b[:clause_bounds(b, at_b, at_b + len(value_b))[1]])
    if words_a and words_a == words_b:
        return True
    # a rewrite keeps the words that lead up to the share: "... to fine companies up to 6 percent
    # of their turnover" / "will be able to fine companies up to 8 percent of their turnover"
    lead_a, lead_b = content_words(a[:at_a])[-SHARE_LEAD_WORDS:], content_words(b[:at_b])[-SHARE_LEAD_WORDS:]
    return len(lead_a) == SHARE_LEAD_WORDS and lead_a == lead_b


def _event_days(text: str, days: tuple[DayMention, ...]) -> list[DayMention]:
    """The days a sentence gives for what happened, without the days of statements about it."""
    return [mention for mention in days
            if not day_of_telling(text, mention.start, mention.end)]


def _bucket_pairs(buckets: dict) -> Iterator[tuple[object, int, int]]:
    """(key, first, second) for every two members of each bucket, in key order; a bucket larger
    than BUCKET_LIMIT is left out (a word every sentence shares pairs nothing: never all pairs)."""
    for key in sorted(buckets):
        members = buckets[key]
        if len(members) > BUCKET_LIMIT:
            continue
        for i, first in enumerate(members):
            for second in members[i + 1:]:
                yield key, first, second


def _candidate_pairs(found: list[Statement]) -> list[tuple[int, int]]:
    """Statement pairs from different articles of one time sharing a quantity slot or, for dates, a name."""
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for index, statement in enumerate(found):
        for quantity in {q.slot for q in statement.quantities} | {q.slot for q, _ in statement.bounded}:
            buckets[("quantity",) + quantity].append(index)
        if len(statement.dates) == 1:
            for name in entities(statement.text):
                buckets[("date", name)].append(index)
    pairs = set()
    for _, first, second in _bucket_pairs(buckets):
        a, b = found[first], found[second]
        if a.article != b.article and a.text != b.text and (same_time(a, b) or a.when and b.when):
            pairs.add((first, second))
    return sorted(pairs)


def find_disagreements(corpus: Corpus) -> tuple[Disagreement, ...]:
    """Every conflict between two articles of one time, one per fact, in the order the articles tell them."""
    found = statements(corpus)
    # the articles that give each value of each slot: one article giving both told a change
    # ("two yachts are missing" after "the three missing yachts": one was found), not a conflict
    giving: dict[tuple, list[Statement]] = defaultdict(list)
    for statement in found:
        for quantity in statement.quantities:
            giving[(quantity.slot, quantity.value)].append(statement)
    seen: set[tuple] = set()
    disagreements: list[Disagreement] = []
    for first, second in _candidate_pairs(found):
        a, b = found[first], found[second]
        conflict = _conflict(a, b, same_time(a, b))
        if conflict is None:
            continue
        what, value_a, value_b, key, times = conflict
        if key[0] == "quantity" and len(key[2]) == 2 and _told_as_a_change(*(giving[(key[1], v)] for v in key[2])):
            continue
        least = SAME_EVENT_JACCARD if what == "date" else SAME_FACT_JACCARD
        # One fact: told in like words, or alike once who told it is set aside (a rewrite swaps
        # "Health Minister Ines Marroquin said" for "according to the ministry"), or retold in
        # other words keeping who the claim is about (retold_fact) by one report's rewrite or by
        # any report whose number's clause dates it to the same time ("on Monday afternoon").
        if not same_fact(a.text, b.text, least) and not same_fact(_claim_only(a.text), _claim_only(b.text), least) \
                and not (key[0] == "quantity" and (a.origin == b.origin or times[0] and times[0] == times[1])
                         and retold_fact(a.text, b.text, *times)) \
                and not (key[0] == "quantity" and key[1][0] == "percent"
                         and _one_share(a.text, value_a, b.text, value_b, *times)):
            continue
        if key in seen:
            continue
        seen.add(key)
        # Dedupe never merges sentences that disagree, so every source of an item carries its value.
        claims = tuple(sorted((
            Claim(a.text, value_a, corpus.items[a.item].sources),
            Claim(b.text, value_b, corpus.items[b.item].sources),
        ), key=lambda claim: claim.citations))
        disagreements.append(Disagreement(what=what, claims=claims, score=0.0))
        if len(disagreements) == MOST_DISAGREEMENTS:
            break
    shown = {claim.text for d in disagreements for claim in d.claims}
    for finder in (age_disagreements, tally_disagreements, stable_disagreements, year_disagreements,
                   reading_disagreements):
        for extra in finder(found, MOST_DISAGREEMENTS - len(disagreements)):
            texts = {claim.text for claim in extra.claims}
            if not shown & texts:
                disagreements.append(extra)
                shown |= texts
    return tuple(disagreements)


def _told_as_a_change(first: list[Statement], second: list[Statement]) -> bool:
    """One article gives both values, in sentences not dated to different times ("the three
    missing yachts", then "leaving two yachts missing" on Monday): it told a change, so its
    rewrites that keep one value or the other do not disagree. (A value the article dates
    elsewhere, "a 2019 bomb killed three", tells another event.)"""
    by_article: dict[int, list[Statement]] = defaultdict(list)
    for y in second:
        by_article[y.article].append(y)
    return any(x is not y and not _dated_apart(x, y) for x in first for y in by_article.get(x.article, ()))


def _dated_apart(x: Statement, y: Statement) -> bool:
    """Both sentences date what they tell, and to no time in common."""
    times_x, times_y = {key for _, _, key in x.when}, {key for _, _, key in y.when}
    return bool(times_x) and bool(times_y) and not times_x & times_y


# A person's age is the same in every report of one story, whenever each was written (a story
# spans days, not birthdays): "Shepard, 21," / "Shepard, a 22-year-old student". Three forms that
# tie the age to the name: the age in apposition, an apposition that gives it, and a description
# the name follows.
_NAME_WORD = r"[A-Z][a-z]*(?:['’]?[A-Z][a-z]+)*"  # "Shepard", "McKinney", "O'Brien"
_NAME = r"((?:" + _NAME_WORD + r"\s+){0,2}" + _NAME_WORD + r")"
_AGE_FORMS = (
    re.compile(_NAME + r",\s+(\d{1,3}),"),
    re.compile(_NAME + r",\s+an?\s+(?:[\w-]+\s+){0,2}?(\d{1,3})-year-old\b"),
    re.compile(r"\b(\d{1,3})-year-old\s+(?:[a-z]+\s+){0,2}[a-z]+,\s+" + _NAME + r"\b"),
)


def _ages(text: str) -> dict[str, tuple[int, str]]:
    """Surname -> (the age the sentence gives that person, the name as written)."""
    found: dict[str, tuple[int, str]] = {}
    for number, form in enumerate(_AGE_FORMS):
        for match in form.finditer(text):
            name, age = (match.group(2), match.group(1)) if number == 2 else (match.group(1), match.group(2))
            words = [w for w in name.split() if w not in _NOT_SURNAMES]
            if words and 0 < int(age) < 120:
                found.setdefault(words[-1], (int(age), " ".join(words)))
    return found


AGE_SLIP = 2  # two reports' ages of one person differ by a birthday or a slip, never by more

_NOT_SURNAMES = frozenset("The A An In On At By For From With And But Or If As Of To After Before When While Since "
                          "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())


# A count of the people a place or a body has ("North Korea's 22 million people", "its 23 million
# people", "Kelso's 40,000 residents") describes it, and does not develop over a story's days:
# any two reports of the story that give it differently disagree, whenever each was written. (A
# toll, "Bangladesh's 1,200 dead", develops, and is not such a count.)
_OWNER = re.compile(r"(?:\b(?:its|their)|(" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,3})['’]s)\s+$")
STABLE_SMALLEST = 1000  # smaller owned counts ("its 11 members") are details, not a place's size
_MEMBERSHIP = frozenset("people population inhabitant resident citizen member employee worker voter".split())


def _owned_counts(statement: Statement) -> list[tuple[Quantity, str | None]]:
    """The statement's counts with an owner before them, and the owner's name (None for "its")."""
    owned = []
    for quantity in statement.quantities:
        if quantity.unit != "count" or quantity.head not in _MEMBERSHIP or quantity.value < STABLE_SMALLEST \
                or quantity.label in PEOPLE_STATES:
            continue  # "Norland's 1,200 dead": a toll, which develops, not the people a place has
        match = _OWNER.search(statement.text[max(0, quantity.start - 80):quantity.start])
        if match:
            owned.append((quantity, match.group(1)))
    return owned


def _two_values(what: str, first: tuple[str, str, set[int]], second: tuple[str, str, set[int]]) -> Disagreement:
    """A disagreement of two claims, each (sentence, value, the articles giving that value): cited
    to those articles, not to an item whose near-duplicates may give the other value."""
    claims = (Claim(text, value, tuple(sorted(articles))) for text, value, articles in (first, second))
    return Disagreement(what=what, claims=tuple(sorted(claims, key=lambda c: c.citations)), score=0.0)


def stable_disagreements(found: list[Statement], room: int) -> list[Disagreement]:
    """Two reports giving a place's or a body's own count differently ("North Korea's 22 million
    people" / "its 23 million people"), whatever their dates: such a size does not develop."""
    by_head: dict[tuple, list[tuple[Statement, Quantity, str | None]]] = defaultdict(list)
    for statement in found:
        for quantity, owner in _owned_counts(statement):
            by_head[quantity.slot].append((statement, quantity, owner))
    result = []
    for slot in sorted(by_head, key=str):
        mentions = sorted(by_head[slot], key=lambda m: (m[0].article, m[1].value))
        owners = {owner for _, _, owner in mentions if owner}
        if len(owners) != 1 or len(result) >= room:
            continue  # two owners named ("Seoul's 10 million", "Tokyo's 13 million"), or none ("its"): two things, or unknown
        (owner,) = owners
        # "its 23 million people" is the named owner's only where its sentence names the owner too
        mentions = [m for m in mentions if m[2] or owner in m[0].text]
        values = sorted({q.exact_value for _, q, _ in mentions})
        if len(values) < 2:
            continue
        low = next(m for m in mentions if m[1].exact_value == values[0])
        high = next((m for m in mentions if m[1].exact_value == values[-1] and m[0].article != low[0].article), None)
        if high is None:
            continue
        def citing(value) -> set[int]:  # the articles that give that value
            return {m[0].article for m in mentions if m[1].exact_value == value}

        result.append(_two_values(low[1].label or str(slot[-1]), (low[0].text, low[1].written, citing(values[0])),
                                  (high[0].text, high[1].written, citing(values[-1]))))
    return result


# Two tellings of one past fact in nearly the same words that differ in its year ("appointed
# army commander in 1988 amid a rebellion ..." / "... in 1989 amid a rebellion ..."): a rewrite
# that changed the year, whenever each was written (a past event's year does not develop).
REWRITE_JACCARD = 0.6


def _years(statement: Statement) -> set[int]:
    """The years the sentence writes in digits ("in 1988"; not "last year", which each article's
    own date resolves)."""
    return {value for start, end, (precision, value) in statement.when
            if precision == YEAR and str(value) in statement.text[start:end]}


def year_disagreements(found: list[Statement], room: int) -> list[Disagreement]:
    """Near-identical sentences of two articles that give one past event different years."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for index, statement in enumerate(found):
        if _years(statement):
            for name in entities(statement.text):
                buckets[name].append(index)
    result, seen = [], set()
    for _, first, second in _bucket_pairs(buckets):
        a, b = found[first], found[second]
        if a.article == b.article or len(result) >= room:
            continue
        only_a, only_b = _years(a) - _years(b), _years(b) - _years(a)
        if len(only_a) != 1 or len(only_b) != 1 or not same_fact(a.text, b.text, REWRITE_JACCARD):
            continue
        key = frozenset((a.item, b.item))
        if key in seen:
            continue
        seen.add(key)
        (year_a,), (year_b,) = only_a, only_b

        def giving(year: int) -> set[int]:  # the articles whose telling has that year
            return {s.article for s in found if s.item in key and year in _years(s)
                    and same_fact(s.text, a.text, REWRITE_JACCARD)}

        result.append(_two_values("year", (a.text, str(year_a), giving(year_a)),
                                  (b.text, str(year_b), giving(year_b))))
    return result


# A reading on a scale, named by its rank noun and what it rates: "a magnitude 6.4 earthquake",
# "a Category 4 hurricane" (language/cues/rating_nouns.txt). No count, so no figure; but two
# reports of one time that give the one event two readings disagree.
_READING = re.compile(r"(?P<scale>" + pattern("language", "rating_nouns").pattern + r")\s+(?P<value>\d+(?:\.\d+)?)"
                      r"(?:-[a-z]+)?\s+(?P<thing>[a-z]+)", re.I)


def _readings(text: str) -> dict[tuple[str, str], str]:
    """Each reading a sentence gives, keyed by its scale and the stem of what it rates."""
    found: dict[tuple[str, str], str] = {}
    for match in _READING.finditer(text):
        found.setdefault((match.group("scale").lower(), stem(match.group("thing").lower())), match.group("value"))
    return found


def reading_disagreements(found: list[Statement], room: int) -> list[Disagreement]:
    """Two reports of one time that rate one event on one scale differently ("a magnitude 6.4
    earthquake struck ..." / "a magnitude 6.2 earthquake hit ..."), told as one fact."""
    readings = [_readings(statement.text) for statement in found]  # read once per sentence
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, read in enumerate(readings):
        for key in read:
            buckets[key].append(index)
    result, seen = [], set()
    for key, first, second in _bucket_pairs(buckets):
        a, b = found[first], found[second]
        value_a, value_b = readings[first][key], readings[second][key]
        if a.article == b.article or value_a == value_b or not same_time(a, b) or len(result) >= room:
            continue
        if not (same_fact(a.text, b.text) or same_fact(_claim_only(a.text), _claim_only(b.text))):
            continue
        pair = (key, frozenset((value_a, value_b)))
        if pair in seen:
            continue
        seen.add(pair)

        def giving(value: str) -> set[int]:  # the articles of this time giving that reading
            return {found[j].article for j in buckets[key] if readings[j][key] == value and same_time(found[j], a)}

        result.append(_two_values(key[0], (a.text, value_a, giving(value_a)), (b.text, value_b, giving(value_b))))
    return result


def _two_people(first_names: set[str]) -> bool:
    """First names written with one surname that are two people's: not one name spelt two ways
    (a letter dropped, added or changed: "Chastity" / "Chasity")."""
    names = sorted(first_names)
    return any(not _one_slip(a, b) for i, a in enumerate(names) for b in names[i + 1:])


def _one_slip(a: str, b: str) -> bool:
    """Two spellings of one longer name a letter apart, dropped or added inside it ("Chastity" /
    "Chasity"); a changed letter or one at the end makes another name ("Mark" / "Mary",
    "Paul" / "Paula", "Eric" / "Erica")."""
    short, long = sorted((a, b), key=len)
    if len(long) - len(short) != 1 or len(short) < NAME_SLIP_LENGTH:
        return False
    return any(long[:k] + long[k + 1:] == short for k in range(1, len(long) - 1))


NAME_SLIP_LENGTH = 6  # first names this long or longer may lose a letter in copy


def age_disagreements(found: list[Statement], room: int) -> list[Disagreement]:
    """Two articles giving one person different ages: a person's age is no developing figure."""
    by_person: dict[str, dict[int, list[Statement]]] = defaultdict(lambda: defaultdict(list))
    given: dict[str, set[str]] = defaultdict(set)  # the first names written with each surname
    for statement in found:
        for surname, (age, name) in _ages(statement.text).items():
            by_person[surname][age].append(statement)
            if " " in name:
                given[surname].add(name.split()[0])
    result = []
    for surname in sorted(by_person):
        ages = by_person[surname]
        if len(ages) < 2 or len(result) >= room or _two_people(given[surname]):
            continue  # two first names with one surname ("Boris Yeltsin, 67", "Naina Yeltsin, 66"): a family
        if max(ages) - min(ages) > AGE_SLIP:
            continue  # "Shepard, 21" and "Judy Shepard, 45": a mother, not a second age of one person
        (low, first), (high, second) = sorted(ages.items())[0], sorted(ages.items())[-1]
        a = min(first, key=lambda s: s.article)
        b = min((s for s in second if s.article != a.article), key=lambda s: s.article, default=None)
        if b is None:
            continue
        result.append(_two_values(f"age of {surname}", (a.text, str(low), {s.article for s in first}),
                                  (b.text, str(high), {s.article for s in second})))
    return result


# A vote's tally, for and against: "by 158 votes to 141", "by a vote of 158 to 141", "a 158-141
# vote", "voted 158-141". (A tally is no count of its own: quantities leaves it out.)
_TALLY = re.compile(r"\b(\d[\d,]*)\s+votes?\s+to\s+(\d[\d,]*)\b|\bvote\s+of\s+(\d[\d,]*)\s*(?:to|-|–)\s*(\d[\d,]*)\b"
                    r"|\b(\d[\d,]*)\s*[-–]\s*(\d[\d,]*)\s+vote\b|\bvoted\s+(\d[\d,]*)\s*[-–]\s*(\d[\d,]*)\b", re.I)


def _tallies(text: str) -> list[tuple[int, int]]:
    return [tuple(int(v.replace(",", "")) for v in m.groups() if v is not None) for m in _TALLY.finditer(text)]


# What a vote is on must be told alike: this many content words shared besides the vote's own
# ("the pension reform" / "the reform of pensions"), not only "votes" and the day ("the Senate
# passed the budget by 51 votes to 49" / "the Senate confirmed Ana Ruiz by 51 votes to 48").
TALLY_SHARED_WORDS = 2
_VOTE_WORDS = frozenset({"vote", "votes", "voted", "voting"})


def _one_matter(a: str, b: str) -> bool:
    shared = (fact_words(a) & fact_words(b)) - entities(a) - entities(b) - _VOTE_WORDS
    return len({w for w in shared if w not in WEEKDAYS}) >= TALLY_SHARED_WORDS


def tally_disagreements(found: list[Statement], room: int) -> list[Disagreement]:
    """One vote's tally told two ways by reports of one time: one side the same, the other not
    ("by 158 votes to 141" / "by 158 votes to 144"). Two tallies that share no side may be two
    votes (an amendment and the bill), and are not compared."""
    told: dict[tuple[int, int], list[Statement]] = defaultdict(list)
    for statement in found:
        for tally in _tallies(statement.text):
            told[tally].append(statement)
    result: list[Disagreement] = []
    for first, second in itertools.combinations(sorted(told), 2):
        if len(result) >= room:
            break
        if (first[0] == second[0]) == (first[1] == second[1]):
            continue  # the same tally, or no side in common
        pairs = [(a, b) for a in told[first] for b in told[second]
                 if a.article != b.article and same_time(a, b) and _one_matter(a.text, b.text)]
        if not pairs:
            continue
        a, b = min(pairs, key=lambda pair: (pair[0].article, pair[1].article))
        result.append(_two_values(
            "vote tally", (a.text, f"{first[0]:,} to {first[1]:,}", {s.article for s in told[first]}),
            (b.text, f"{second[0]:,} to {second[1]:,}", {s.article for s in told[second]})))
    return result


def _named_by(quantity: Quantity, text: str) -> Quantity:
    """The quantity without the names among its modifiers that `text` names too: "six Tessarian
    fighter jets" beside "Tessaria sent 8 fighter jets" counts the same jets."""
    others = entities(text)
    kept = tuple(m for m in quantity.modifiers
                 if not (m[:1].isupper() and any(same_name(m.lower(), o) for o in others)))
    return quantity if kept == quantity.modifiers else replace(quantity, modifiers=kept)


def same_thing(qa: Quantity, a: str, qb: Quantity, b: str) -> bool:
    """One slot (quantities.same_slot), a name either sentence gives the thing the other names too."""
    return same_slot(qa, qb) or same_slot(_named_by(qa, b), _named_by(qb, a))


# An estimate ("about 4,000", "some 4,500") is a value rounded: two estimates of one count, or an
# estimate and an exact count, disagree only when the finer does not round to the coarser
# (_a_rounding_apart), "about 400,000" / "about 40,000" patients.
_ESTIMATE_BEFORE = re.compile(r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in ESTIMATE_WORDS) + r")\s+$", re.I)


def _tells_what_is_left(text: str, quantity: Quantity) -> bool:
    """The number's clause counts what is left ("some 700,000 homes remained without power"),
    not the whole ("cut electricity to about 1.8 million homes")."""
    return any(stem(w) in REMAINING for w in content_words(_clause(text, quantity.start, quantity.end)))


def _other_events(a: str, qa: Quantity, b: str, qb: Quantity) -> bool:
    """Each count is told with its own event beside it, and they differ: "nine killed" / "38 injured"."""
    event_a, event_b = bound_event(a, qa), bound_event(b, qb)
    return event_a is not None and event_b is not None and event_a != event_b


def _as_told(statement: Statement, quantity: Quantity) -> str:
    """The value as the sentence gives it, an estimate's or a bound's words with it ("some 4,500",
    "at least 19")."""
    if any(q is quantity for q, _ in statement.bounded):
        return f"{_bound_before(statement.text, quantity)[0].group(0).strip()} {quantity.written}"
    if quantity.start not in statement.estimated:
        return quantity.written
    return f"{_ESTIMATE_BEFORE.search(statement.text, 0, quantity.start).group(0).strip()} {quantity.written}"


# A count given as a bound: "at least 19 people were killed" (19 or more), "fines of up to 6
# percent" (6 or less).
_LOWER_BEFORE = re.compile(r"\b(?:at\s+least|more\s+than|no\s+(?:fewer|less)\s+than)\s+$", re.I)
_UPPER_BEFORE = re.compile(r"\b(?:up\s+to|at\s+most|no\s+more\s+than|(?:fewer|less)\s+than|a\s+maximum\s+of)\s+$",
                           re.I)


def _bound_before(text: str, quantity: Quantity) -> tuple[re.Match, str] | None:
    """The bound's words right before the number and its kind, "lower" or "upper"; None if none."""
    before = text[max(0, quantity.start - 30):quantity.start]
    for bound, kind in ((_LOWER_BEFORE, "lower"), (_UPPER_BEFORE, "upper")):
        if found := bound.search(before):
            return found, kind
    return None


def _value_pairs(a: Statement, b: Statement) -> Iterator[tuple[Quantity, str | None, Quantity, str | None]]:
    """Every pair of values the two statements give that may be compared, each with its bound's
    kind (None when exact or an estimate): a bound ("at least 19") only against a value of its slot."""
    for qa, kind_a in (*((q, None) for q in a.quantities), *a.bounded):
        for qb, kind_b in (*((q, None) for q in b.quantities), *b.bounded):
            if (kind_a or kind_b) and qa.slot != qb.slot:
                continue
            yield qa, kind_a, qb, kind_b


def _values_conflict(a: Statement, qa: Quantity, kind_a: str | None, b: Statement, qb: Quantity,
                     kind_b: str | None) -> bool:
    """Two values that cannot both be right: exact values that differ (beyond a rounding where
    one is an estimate); an exact count outside the other's bound ("killing 17" / "at least 19
    were killed"); two upper bounds of one cap that differ ("up to 6 percent" / "up to 8
    percent"). Two lower bounds may both hold ("at least 30" / "at least 35")."""
    if kind_a is None and kind_b is None:
        return qa.exact_value != qb.exact_value and not _a_rounding_apart(a, qa, b, qb)
    if qa.start in a.estimated or qb.start in b.estimated:
        return False  # an estimate against a bound: either may be loose
    if kind_a and kind_b:
        return kind_a == kind_b == "upper" and qa.exact_value != qb.exact_value
    bound, kind, exact = (qa, kind_a, qb) if kind_a else (qb, kind_b, qa)
    return exact.value < bound.value if kind == "lower" else exact.value > bound.value


def _a_rounding_apart(a: Statement, qa: Quantity, b: Statement, qb: Quantity) -> bool:
    """Either value is an estimate, and the finer value rounds to the coarser one at the place
    where the coarser is written to: "about 4,000" and "some 4,200" may be one count (4,200 is
    4,000 to the thousand); "about 38,000" and "some 36,000" are two (both to the thousand), as
    are "about 4,000" and "some 4,500" (4,500 is 5,000 to the thousand)."""
    if qa.start not in a.estimated and qb.start not in b.estimated:
        return False
    step_a, step_b = _written_step(qa), _written_step(qb)
    if step_a is None or step_b is None:
        return within_rounding(qa.value, qb.value)  # a number in words: its place is unknown
    coarse, fine = (qa, qb) if step_a >= step_b else (qb, qa)
    step = max(step_a, step_b)
    return abs(math.floor(fine.value / step + 0.5) * step - coarse.value) <= step * 1e-9


_WRITTEN_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _written_step(quantity: Quantity) -> float | None:
    """The place a number is written to, in its own units: 1,000 for "4,000", 100 for "4,400",
    100,000 for "3.5 million", 1 for "37"; None for a number in words."""
    found = _WRITTEN_NUMBER.search(quantity.written)
    if found is None:
        return None
    digits = found.group(0).replace(",", "")
    written = float(digits)
    if written == 0:
        return None
    scale = quantity.value / written  # "million", "billion" after the digits
    if "." in digits:
        return scale * 10 ** -len(digits.split(".")[1])
    whole = digits.rstrip("0")
    return scale * 10 ** (len(digits) - len(whole))


def _conflict(a: Statement, b: Statement, one_time: bool = True) -> tuple[str, str, str, tuple, tuple] | None:
    """(what, value in a, value in b, key identifying the fact, the times each number's clause
    gives) or None. Statements not of one time (`one_time` False) conflict only over numbers
    their clauses date alike."""
    for qa, kind_a, qb, kind_b in _value_pairs(a, b):
        if _values_conflict(a, qa, kind_a, b, qb, kind_b) \
                and same_thing(qa, a.text, qb, b.text) and not different_things(a.text, qa, b.text, qb) \
                and (one_time or same_dated_fact(a, qa, b, qb)):
            what = min((qa.label, qb.label), key=len)
            key = ("quantity", qa.slot, frozenset((qa.value, qb.value)))
            return what, _as_told(a, qa), _as_told(b, qb), key, (_clause_times(a, qa), _clause_times(b, qb))
    if (one_time and len(a.dates) == 1 and len(b.dates) == 1 and dates_conflict(a.dates[0], b.dates[0])
            and bool(_FUTURE.search(a.text)) == bool(_FUTURE.search(b.text))):
        key = ("date", frozenset((a.dates[0].text, b.dates[0].text)), frozenset(fact_words(a.text) & fact_words(b.text)))
        return "date", a.dates[0].text, b.dates[0].text, key, (frozenset(), frozenset())
    return None
