"""Key figures: the numbers that matter and what each counts, in the sources' own words.

Every quantity in every sentence (read from its annotation) is grouped with the same value,
unit and counted noun elsewhere in the corpus; a group's label is a noun phrase taken
verbatim from one of its sentences ("Boeing P8I aircraft for the Indian Navy"), and its
citations are every article that states it. A measure given in two units ("13.4 metres
(44 feet)") is one figure. Figures rank by how many independent origins and sources state
them; small counts ("two officials"), numbers that count nothing named, ordinals, clock
times, decades, ages and scores (see quantities.counts_nothing) are left out.

A count that changes over time ("killed 32 people" on Monday, "killed 150 people" on
Wednesday) is one developing figure: its newest value first, its earlier values with their
dates. Values from different dates are a development, never a disagreement.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from briefer.analysis.rank import stem
from briefer.analysis.disagree import (DEATH_WORDS, POSSESSIVE_AFTER, REMAINING, bound_event, day_of_telling,
                                      told_names, unnamed_by)
from briefer.core.cues import phrases
from briefer.core.models import Corpus, Figure, FigureValue
from briefer.core.text import STOPWORDS, clause_bounds
from briefer.language.annotate import annotate
from briefer.language.tense import ANY_IRREGULAR_PAST
from briefer.language.times import DAY
from briefer.core.lexicon import MONTHS, NUMBER_WORDS, WEEKDAYS
from briefer.language.quantities import (BOUND_BEFORE, CHANGE_WORDS, CURRENCIES, CURRENCY_WORDS, DURATIONS,
                                         ESTIMATE_WORDS, LEVEL_VERB, MEASURES, PEOPLE_STATES, ROUNDING,
                                         UNCHANGED_PLURALS, Quantity, display_value, measure, same_measure, singular,
                                         within_rounding)


@dataclass(frozen=True)
class Figures:
    """How many figures the table holds and which numbers are figures at all."""

    most: int = 5
    # "two sides", "two officials": counts this small are the grammar of news, not its figures.
    smallest_count: int = 3
    # A measure (a wind speed, a length) says less about a story than a count of people or things.
    measure_weight: float = -1.0
    # Two counts on different days are one developing figure when this share of the words around
    # them (what happened to what they count) is the same: "floods killed 32" / "floods have killed 150".
    same_event: float = 0.5
    # A duration ("10 years", "4 days") is a key figure only when this many articles state it.
    duration_sources: int = 2
    # A measure (a wind speed, a wave height) likewise: one article's measure is colour ("winds
    # gusting to 80 knots"); a measure the story leans on, two articles state ("13.4 metres (44
    # feet)" in one, "44 feet" in another).
    measure_sources: int = 2
    # A figure only one report states (one origin) is a key figure when its sentence is among the
    # story's this many highest-scored: one report's number in passing ("32 lightly injured in Hebron", "an
    # 18-month editorship") is a detail; one in the story's central sentences is not.
    single_source_rank: int = 20
    # Words of its clause shown with a figure, before and after the number: "what it counts" is
    # told by the clause ("were killed", "votes short of passing"), not by the noun alone.
    context_before: int = 6
    context_after: int = 9
    # Characters between a number and the noun it describes across a second modifier set off by a
    # comma (", two-year "): one hyphened number and its unit.
    coordinated_gap: int = 24
    # Two estimates of one counted thing this close (a share of the larger) are one figure told at
    # two roundings: "more than 200 players" / "more than 220 players". Copy rounds estimates to
    # one or two significant figures, so two roundings of one count differ by up to about a tenth.
    estimate_rounding: float = ROUNDING


FIGURES = Figures()
# A bound or an estimate states a figure as the sources have it ("at least 150", "about 300"):
# a bound from below, one from above, or an estimate either way.
_LOWER_BOUNDS = ("at least", "more than", "over")
_UPPER_BOUNDS = ("up to", "nearly", "almost")
_HEDGE = re.compile(r"\b(?:" + "|".join(_LOWER_BOUNDS + _UPPER_BOUNDS + ESTIMATE_WORDS) + r")"
                    r"(?:\s+an?)?\s*$", re.I)  # "more than a dozen"
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_DURATIONS = frozenset(DURATIONS.values())
_CALENDAR = re.compile(r"\b(?:" + "|".join(sorted(set(MONTHS) | set(WEEKDAYS), key=len, reverse=True)) + r")\b", re.I)
# Words of telling, not of what happened: two figures "officials said" share nothing for that.
_REPORTING_WORDS = frozenset("said says told reported according added officials official".split())
# Heads that count no thing: a multiplicative ("shot three times") and pronouns ("three others").
_NOT_THINGS = frozenset("time times other others one ones".split())
# A sum of money before a piece of money names its denomination ("the face of a giant $100 bill",
# "the face on $20 bills"): an object, no amount anyone spent or owes. (A spending bill is a sum:
# "a $1 trillion spending bill" is far above any note.)
_MONEY_PIECES = frozenset("bill note banknote coin".split())
LARGEST_NOTE = 10_000
_CURRENCY_UNITS = frozenset(CURRENCIES.values()) | frozenset(CURRENCY_WORDS.values())


@dataclass(frozen=True)
class _Mention:
    quantity: Quantity
    article: int
    origin: int
    date: dt.date | None
    shown: str  # the value as the table shows it: "150", "at least 150"
    event: frozenset[str]  # stems of the words around the number: what happened to what it counts
    context: str = ""  # the clause around the number, verbatim
    # stated in passing: as a set already known ("the nine crew") or in a description of a name
    # ("the GCC, a federation of six Gulf states"); it corroborates, it does not make a figure
    passing: bool = False
    item: int = -1  # the corpus item the sentence belongs to
    dead: bool = False  # it counts the dead (counts_the_dead), however its report names them
    lead: bool = False  # its sentence opens its article
    read_back: bool = False  # what it counts stands before it (_read_back)
    bound: str | None = None  # the event told right beside the count ("arrested 37 people": arrest)
    # what a verb of change makes the number the level of: its subject ("the wildfire in the hills
    # grew to 5,900 hectares"), or what it counts, read back ("the toll rose to 150")
    level_of: frozenset[str] = frozenset()
    own_day: bool = False  # its clause dates it to a day ("arrested 60 people on Monday"): that day's count
    converted: bool = False  # a measure its sentence gives in a second unit too ("15 kilometres (9 miles)")
    names: frozenset[str] = frozenset()  # the names its sentence gives (where, who), past its first word
    words: frozenset[str] = frozenset()  # its sentence's words, lower case (a name may open it)


def _hedge(text: str, quantity: Quantity) -> str | None:
    """The bound or estimate before the number ("at least"), "" if none, None if it is no figure."""
    if quantity.exact or quantity.changed_to:
        return ""
    # (a bound before "a" is read only before "dozen", "hundred" ...: quantities marks the rest exact)
    match = _HEDGE.search(text[:quantity.start])
    return re.sub(r"\s+an?$", "", match.group(0).strip().lower()) if match else None


def _counts_something(quantity: Quantity) -> bool:
    if measure(quantity) is not None and not quantity.head:
        return True  # "the 42-metre (138 ft) wall": a measure joined to its number, the noun apart
    if quantity.head is None or not quantity.label or quantity.head.lower() in _NOT_THINGS:
        return False
    if _CALENDAR.search(re.split(r"\s(?:of|for|on|over|against)\s", quantity.label)[0]):
        return False  # "3 months | deadlock Friday": the noun phrase ran into a date
    if measure(quantity) is not None:
        return True
    if quantity.unit in _CURRENCY_UNITS and quantity.head in _MONEY_PIECES and quantity.value <= LARGEST_NOTE:
        return False  # a denomination: "a $100 bill"
    if quantity.unit != "count":
        return True
    # A count of more than one names a plural: "13 individuals", "270 people"; "122 assembly" or
    # "5 millon" is a misread phrase, not a figure.
    return quantity.value >= FIGURES.smallest_count and _names_a_plural(quantity)


_NUMERAL = (r"(?:\d(?:[\d,.]*\d)?%?(?:\s+(?:hundred|thousand|million|billion))?|one|two|three|four|five|six|seven|eight|nine"
            r"|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion)")
_RANGE_UPPER = re.compile(rf"(?:\b{_NUMERAL})-?\s*(?:to|-|–)\s*$", re.I)  # "three- to four-week"
# Two numbers either side of "or", the first bare ("five or six people", "5 or 6 percent", "$500 or
# $600"); not an amount and its share ("30,000, or 2 percent"), nor two kinds ("$500 or 30 days").
_OR_UPPER = re.compile(rf"(?:(?P<sign>[$€£])\s*|(?<![\w$€£.,]))(?:{_NUMERAL})\s+or\s+$", re.I)
_OR_LOWER = re.compile(rf"^\s+or\s+(?:(?P<sign>[$€£])\s*)?{_NUMERAL}\b", re.I)
_BETWEEN = re.compile(rf"\bbetween\s+(?:\$\s*)?{_NUMERAL}\s+and\s+(?:\$\s*)?$", re.I)
_RANGE_LOWER = re.compile(rf"^-?\s*(?:to|-|–)\s*{_NUMERAL}\b", re.I)


def _in_a_range(text: str, quantity: Quantity) -> bool:
    """An end of a range ("three to five people", "five or six people", "between 300 and 400"):
    an estimate with two ends is no single figure. "From 25% to 50%" is a change, and its new
    value stands."""
    before, after = text[:quantity.start], text[quantity.end:]
    if re.search(r"\bfrom\s+\S+\s+to\s*$", before, re.I):
        return False
    sign = quantity.written[:1] if quantity.written[:1] in ("$", "€", "£") else None
    upper, lower = _OR_UPPER.search(before[-30:]), _OR_LOWER.match(after)
    if upper and upper.group("sign") == sign or lower and lower.group("sign") == sign and _bare(quantity):
        return True
    return bool(_RANGE_UPPER.search(before[-30:]) or _BETWEEN.search(before[-40:])
                or re.search(r"\bbetween\s+(?:\$\s*)?$", before, re.I)
                or _RANGE_LOWER.match(after) and not re.search(r"\bfrom\s+$", before, re.I))


def _bare(quantity: Quantity) -> bool:
    """The number written alone, its unit (if any) only after the other end ("5 or 6 percent")."""
    return re.fullmatch(r"[$€£]?\s*(?:\d[\d,.]*|[A-Za-z]+)", quantity.written.strip()) is not None


def _in_a_name(text: str, quantity: Quantity) -> bool:
    """A number word written with a capital inside a sentence is part of a name ("the Group of
    Seven", "the Big Three"), not a count."""
    return (quantity.written[:1].isupper() and quantity.written.isalpha()
            and bool(re.search(r"[A-Za-z]", text[:quantity.start])))  # not after an opening quote or a dash alone


# A distance that says where a place is ("380 kilometers (235 miles) east of Kindu", "60 miles off
# the coast", "50 nautical miles off Merimbula", "40 km from the capital"): it locates, it counts
# nothing of the story.
_LOCATING = re.compile(r"(?:-|\s+)(?:nautical\s+)?[A-Za-z.]+\)?\s*(?:\([^)]*\)\s*)?,?\s*(?:north|south|east|west|northeast|northwest|southeast|southwest"
                       r"|north-east|north-west|south-east|south-west|from|away|off|outside|inland|offshore"
                       r"|upstream|downstream)\b", re.I)


def _locates(text: str, quantity: Quantity) -> bool:
    # a length, a qualified one too ("nautical miles")
    length = (measure(quantity) or MEASURES.get(quantity.head or "", ("",)))[0] == "length"
    return length and bool(_LOCATING.match(text, quantity.end))


# A definite determiner or a possessive before the number, with at most a postdeterminer between
# them: "the nine crew on board", "the three officials", "his previous three mandates", "Lahoud's
# six-year term", "64 of the 122 seats". The set is one the reader is taken to know already; news
# introduces a count without one ("killed 270 people", "nine crew were rescued").
_DEFINITE_BEFORE = re.compile(r"(?:\b(?:the|these|those|its|their|his|her|our|whose)|\w['’]s?)"
                              r"(?:\s+(?:first|last|next|past|previous|other|remaining|same|final|entire))?\s+$", re.I)


def _already_known(text: str, quantity: Quantity) -> bool:
    """A count of a known set, the length or the rate of a known thing ("the 41-year
    dictatorship", "the 3.3 percent level"): a source that tells the value itself ("grew 6.9
    percent", "cut rates to 3 percent") makes the figure, and these corroborate it. An amount
    after "the" names its thing ("the $1.7 trillion spending bill") and is told as it stands.
    ("her" may be an object: "gave her 10 years" is read as hers, a rare misreading; "awarded
    her $2 million" is an amount, and stays.)"""
    return (quantity.unit in ("count", "percent") or quantity.unit in _DURATIONS) \
        and bool(_DEFINITE_BEFORE.search(text[:quantity.start]))


# An apposition that describes a name, the number in it: "the Gulf Cooperation Council, a
# federation of six Gulf states, ...", "Nagano, a city of 360,000, ...", "Aspen Skiing, the owner
# of three ski runs in Aspen, ...". It tells what the named thing is, in passing, as an age does a
# person; it counts nothing that happened in the story.
_APPOSITION_BEFORE = re.compile(r"(?<![\w.'’-])[A-Z][\w.'’-]*\)?,\s+(?:an?|one|the)\s+(?:[a-z][\w-]*\s+){0,3}of\s+$")
# An opening phrase that ends at the comma is not a name described: "On Monday, a total of 270
# ...", "In Hebron, the bodies of 14 ..." (an opening adverb, "Overall, a total of 270 people
# died", runs on into its verb: see _APPOSITION_END).
_OPENING_PHRASE = re.compile(r"^\W*(?:(?:On|In|At|By|For|From|During|After|Before|Since|Near|Across|Outside|Inside"
                             r"|Under|Over|Throughout|Within|Along|Around)\s[^,]*)$")
# Closed: an apposition ends at a comma, a bracket or the sentence's end, with no verb of its own
# ("..., a city of 360,000, will host"); a clause runs on into its verb ("a total of 270 people died").
_APPOSITION_END = re.compile(r"(?:\s+[\w'’-]+){0,6}?\s*(?:[,;)]|[.!?]?[\"'’”]*\s*$)")
_CLAUSE_VERB = re.compile(r"\b(?:is|are|has|have|will|would|can|could|may|might|does|do|" + ANY_IRREGULAR_PAST
                          + r"|[a-z]{2,}ed)\b")


def _in_apposition(text: str, quantity: Quantity) -> bool:
    match = _APPOSITION_BEFORE.search(text[:quantity.start])
    if not match or _CALENDAR.match(match.group(0)) or _OPENING_PHRASE.match(text[:match.end()].split(",")[0]):
        return False
    rest = _APPOSITION_END.match(text, quantity.end)
    return bool(rest) and not _CLAUSE_VERB.search(rest.group(0))


def _names_a_plural(quantity: Quantity) -> bool:
    if quantity.head == "people" and quantity.label in PEOPLE_STATES:
        return True  # "with seven still missing", "12 dead": people, named by their state
    for word in _WORD.findall(quantity.label):
        if singular(word) == quantity.head:
            return word.lower() != quantity.head or word.lower() in UNCHANGED_PLURALS
    return False


def _event(text: str, quantity: Quantity) -> frozenset[str]:
    """Stems of the content words of the clause the number stands in, its own noun aside; a count
    read back from its verb ("cholera cases in the district had reached 1,020") is its whole
    clause, what it counts included: its verb only says that it changed."""
    start, end = clause_bounds(text, quantity.start, quantity.end)
    clause = text[start:end]
    # (a count of people named by their state, "seven still missing", has its event in its label)
    own = set() if _read_back(quantity) or quantity.label in PEOPLE_STATES else \
        {w.lower() for w in _WORD.findall(quantity.label)}
    # names say where or who, not what happened: "Korea" is shared by a population and a death toll;
    # a number word is a value, not an event
    return _content_stems(w for w in _WORD.findall(clause)
                          if w not in own and w not in _REPORTING_WORDS and w.lower() not in NUMBER_WORDS)


def _content_stems(words) -> frozenset[str]:
    """Stems of the lower-case content words: what happened, what is counted (names aside)."""
    return frozenset(stem(w.lower()) for w in words if w.islower() and w not in STOPWORDS and len(w) > 2)


def _read_back(quantity: Quantity) -> bool:
    """What the number counts stands before it: read back from its verb ("the toll rose to 150")."""
    return bool(quantity.label) and 0 <= quantity.label_at < quantity.start


# A verb of change right before the number: "grew to 5,900 hectares", "has risen to about 400".
_LEVEL_BEFORE = re.compile(r"\b([a-z]+)\s+(?:to|at)\s+" + BOUND_BEFORE + r"?$", re.I)


_AS_OF = re.compile(r"\b(?:by|as\s+of|until|through)\s+(?:the\s+)?$", re.I)


def _own_day(text: str, quantity: Quantity, dates) -> bool:
    """The number's clause dates it to a day ("arrested 60 people on Monday"): not the day of a
    saying ("police said on Monday that 52 had now been arrested"), nor one in the possessive,
    which names an event ("over Saturday's protest"), nor the day a running total is given as of
    ("had burned about 8,900 hectares by Tuesday morning"). The day follows the number: one before
    it may date another verb ("brought the fire under control on Thursday after it burned 11,800").
    """
    _, end = clause_bounds(text, quantity.start, quantity.end)
    return any(quantity.end <= m.start and m.end <= end and m.precision == DAY
               and not POSSESSIVE_AFTER.match(text, m.end) and not _AS_OF.search(text, 0, m.start)
               and not day_of_telling(text, m.start, m.end) for m in dates)


# A verb of change (quantities.CHANGE_WORDS), then the thing it changes, then "to" and the number:
# "widened its recall of the drug to 31 batches", "raised the number of troops to 5,000".
_TO_LEVEL = re.compile(r"\bto\s+" + BOUND_BEFORE + r"?$", re.I)
CHANGED_OBJECT_WORDS = 8  # the most words between the verb of change and "to"


def _changed_object(text: str, start: int, end: int) -> str | None:
    """What a verb of change before "to" and the number at `end` changes, within text[start:end]."""
    to = _TO_LEVEL.search(text, start, end)
    if to is None:
        return None
    words = list(_WORD.finditer(text, start, to.start()))[-(CHANGED_OBJECT_WORDS + 1):]
    for at in range(len(words) - 2, -1, -1):  # the nearest verb of change with an object after it
        if CHANGE_WORDS.match(words[at].group(0)):
            return text[words[at].end():to.start()]
    return None


def _level_of(text: str, quantity: Quantity) -> frozenset[str]:
    """The stems of what a verb of change makes the number the level of: read back, what it
    counts; after "grew to", "rose to", the subject of the verb; after "widened its recall to",
    the verb's object; within the number's clause."""
    if _read_back(quantity):
        # "the number of container ships waiting to enter the port rose to 31": what is counted is
        # the ships waiting; "the number of" counts them, "to enter the port" is what they wait for
        label = _COUNT_OF.sub("", quantity.label)
        return _content_stems(_WORD.findall(_INFINITIVE.split(label, 1)[0]))
    start, _ = clause_bounds(text, quantity.start, quantity.end)
    verb = _LEVEL_BEFORE.search(text, 0, quantity.start)
    if verb and LEVEL_VERB.match(verb.group(1)):
        return _content_stems(_WORD.findall(text[start:verb.start()]))
    changed = _changed_object(text, start, quantity.start)
    if changed and not _CLAUSE_VERB.search(changed):
        return _content_stems(_WORD.findall(changed))
    return frozenset()


_COUNT_OF = re.compile(r"^(?:the\s+)?(?:number|total|count|tally)\s+of\s+", re.I)
_INFINITIVE = re.compile(r"\s+to\s+(?=[a-z]+\b)(?!(?:the|a|an|his|her|its|their)\b)", re.I)


def _label_stems(quantity: Quantity) -> frozenset[str]:
    return _content_stems(_WORD.findall(quantity.label))


def _context(text: str, quantity: Quantity) -> str:
    """The clause the number stands in, verbatim, cut to a few words either side of it ("…"
    where cut): the words that say what happened to what it counts."""
    # before the number a comma is kept ("mourned on Friday, by about 1,000 people"): the words
    # that say what happened come first; after it, a comma ends what the number's phrase says
    start, end = clause_bounds(text, quantity.start, quantity.end, commas_before=False)
    conversion = _CONVERSION_AFTER.match(text, quantity.end)
    if conversion:  # "the 42-metre (138 ft) wall gave way": the phrase runs on past its conversion
        end = max(end, clause_bounds(text, conversion.end(), conversion.end(), commas_before=False)[1])
    while (aside := _CONVERSION_AFTER.match(text, end)) and _CONVERTED.search(text, 0, end):
        # a later measure's conversion in the phrase ("forced out of the 1,160-kilometer (725-mile)
        # race") does not end it: cut there, the excerpt would stop before its noun
        end = clause_bounds(text, aside.end(), aside.end(), commas_before=False)[1]
    if quantity.label:
        # a second modifier after a comma, then the noun both describe ("a $2.2 billion, two-year
        # budget deficit"): the phrase runs on to its noun
        at = quantity.label_at
        if 0 <= at - quantity.end <= FIGURES.coordinated_gap and text[quantity.end:at].lstrip().startswith(","):
            end = max(end, at + len(quantity.label))
    before = text[start:quantity.start].split()
    while before and not any(c.isalnum() for c in before[0]):
        before = before[1:]  # the dash that ends a dateline ("April 14 (CEP) - Nine people ..."): no word of the clause
    after = text[quantity.start:end].rstrip(" .!?").split()
    head = before[-FIGURES.context_before:] if len(before) > FIGURES.context_before else before
    tail = after[:FIGURES.context_after + 1]
    shown = " ".join(head + tail)
    aside = _ASIDE_AFTER.match(text, end)
    if aside and len(tail) == len(after):
        # "Ten states, including Wyoming, have no hate-crime laws": the phrase goes on after the
        # aside; what happens to what the number counts comes after it
        rest = text[aside.end():clause_bounds(text, aside.end(), aside.end())[1]].rstrip(" .!?").split()
        more = rest[:FIGURES.context_after + 1 - len(tail)]
        if more:
            return (("… " if len(head) < len(before) else "") + shown + " … " + " ".join(more)
                    + (" …" if len(more) < len(rest) else ""))
    return ("… " if len(head) < len(before) else "") + shown + (" …" if len(tail) < len(after) else "")


_CONVERSION_AFTER = re.compile(r"\s*\([^()]{1,40}\)")  # "(138 ft)", "(44 feet)" right after a number
_CONVERTED = re.compile(r"\d[\w-]*\s*$")  # the number (and its unit) a conversion follows


# An aside set off by commas right after the number's phrase: examples or a relative clause
# ("Ten states, including Wyoming, have ...", "30 people, most of them children, died").
_ASIDE_AFTER = re.compile(r",\s+(?:including|such\s+as|among\s+them|like|who|which|mostly|most\s+of\s+them"
                          r"|many\s+of\s+them|all\s+of\s+them)\b[^,;:()]*,\s*", re.I)


def _figure_key(quantity: Quantity, dead: bool = False) -> tuple:
    """What groups mentions into one figure; `dead`: the number counts the dead (counts_the_dead)."""
    found = measure(quantity)
    if found:  # one fact in two units: keyed by its size in SI units, rounded as copy rounds it
        return ("measure", found[0], float(f"{found[1]:.2g}"))
    # exact: two 23-digit numbers stay two
    return (quantity.exact_value, quantity.unit, _dead_of(quantity.head) if dead else quantity.head)


def _dead_of(head: str | None) -> str:
    """The key of a toll: the story's dead, or one side's ("dead: rebel") when what it counts names
    a side of the fight (cues/sides.txt)."""
    return f"{DEAD}: {head}" if head in phrases("analysis", "sides") else DEAD


def _is_dead(key_part) -> bool:
    return isinstance(key_part, str) and (key_part == DEAD or key_part.startswith(DEAD + ": "))


# A count of the dead is one thing however a report names it: "killing 32 people", "the death
# toll rose to 150", "the number of people killed has risen to 26", "41 are now confirmed dead".
DEAD = "dead"
DEATH_WORDS_BEFORE = 3  # "killed at least 12 people": the verb, a bound, the number
DEATH_WORDS_AFTER = 4  # "41 people are now confirmed dead": the noun, then up to four words
_POSSIBLE = frozenset("may might could".split())
_CLAUSE_SPLIT = re.compile(r"[,;:()—–]|\s-\s|\b(?:and|but|while|as|after|before|when)\b", re.I)


# A count's subject that names a toll however long it runs on ("the number of people killed when
# the ferry capsized ... rose to 19"), and a bare number after a death word ("killing at least 11").
_TOLL_SUBJECT = re.compile(r"\b(?:number|count)\s+of\s+(?:[a-z]+\s+){0,2}?(?:" + "|".join(sorted(DEATH_WORDS))
                           + r")\b", re.I)
_BARE_AFTER = re.compile(r"\b([a-z]+)\s+" + BOUND_BEFORE + r"?$", re.I)
# The word after a bare number: a noun names what it counts ("killing 9 soldiers" counts no bare
# people), a function word does not ("killing at least 9 and injuring 30", "killing 9 in the market").
_WORD_AFTER = re.compile(r"\s+([a-z]+)\b")


def counts_the_dead(text: str, quantity: Quantity) -> bool:
    """The number counts people who died: a toll ("the death toll rose to 150"), or a death
    word right around it or in what it counts ("killing 32 people", "12 were killed", "the
    number of people killed"); a bare number right after a death word counts people ("killing at
    least 11")."""
    if quantity.unit != "count":
        return False
    if quantity.head is None:
        before = _BARE_AFTER.search(text, 0, quantity.start)
        after = _WORD_AFTER.match(text, quantity.end)
        return bool(before) and before.group(1).lower() in DEATH_WORDS and (not after or after.group(1) in STOPWORDS)
    if any(w.lower() in DEATH_WORDS for w in _WORD.findall(quantity.label)):
        return True  # "the death toll from the quake", "the number of people killed"
    if _read_back(quantity) and (toll := _TOLL_SUBJECT.search(text, 0, quantity.label_at + len(quantity.label))) \
            and not re.search(r"[,;:(]", text[toll.end():quantity.label_at]):
        return True  # "the number of people killed when the ferry capsized off the island rose to 19"
    # past the noun right after the number ("32 people"), within the number's own clause: "Two
    # sailors died and 15 others were missing" counts no dead
    end = quantity.label_at + len(quantity.label) if 0 <= quantity.label_at - quantity.end <= 2 else quantity.end
    before = _WORD.findall(_CLAUSE_SPLIT.split(text[:quantity.start])[-1])[-DEATH_WORDS_BEFORE:]
    after = _WORD.findall(_CLAUSE_SPLIT.split(text[end:])[0])[:DEATH_WORDS_AFTER]
    if any(w.lower() in _POSSIBLE for w in after):
        return False  # "2 million people may have died": a guess at a toll, not a count of the dead
    return any(w.lower() in DEATH_WORDS for w in before + after)


def _grouped(mentions: list[_Mention]) -> dict[tuple, list[_Mention]]:
    """Mentions by figure key; a measure joins the group of one it equals up to rounding ("9.5
    m" / "31 ft", 9.45 m), however the keys' rounding splits them."""
    groups: dict[tuple, list[_Mention]] = defaultdict(list)
    for mention in mentions:
        key = _figure_key(mention.quantity, mention.dead)
        if key[0] == "measure" and key not in groups:
            key = next((k for k in groups if k[0] == "measure" and same_measure(groups[k][0].quantity, mention.quantity)),
                       key)
        groups[key].append(mention)
    return groups


def _best_label(mentions: list[_Mention]) -> str:
    """The label most sources use; ties go to one with a following "of/on ..." phrase, then the shortest."""
    counts: dict[str, set[int]] = defaultdict(set)
    for mention in mentions:
        counts[mention.quantity.label].add(mention.article)
    return min(counts, key=lambda label: (-len(counts[label]), " of " not in label and " on " not in label
                                          and " for " not in label, len(label), label))


def _best_context(mentions: list[_Mention], label: str) -> str:
    """The clause of a mention with the table's label that most articles state, the one of the
    earliest article among equals (the wording is the sources', never rebuilt)."""
    by_context: dict[str, set[int]] = defaultdict(set)
    for mention in mentions:
        if mention.quantity.label == label and mention.context:
            by_context[mention.context].add(mention.article)
    if not by_context:
        return ""
    return min(by_context, key=lambda c: (-len(by_context[c]), min(by_context[c]), len(c), c))


def _contested(quantity: Quantity, values: list[str]) -> bool:
    """The number is one a disagreement pits against another report's ("about 340" / "430")."""
    return any(re.search(r"(?<![\w.,])" + re.escape(quantity.written) + r"(?![\w]|[.,]\d)", value) for value in values)


def mentions_of(corpus: Corpus, disputed: frozenset[tuple[str, str]] = frozenset()) -> list[_Mention]:
    """Every figure the sentences state, one per fact per sentence (a second unit is the same fact).
    `disputed`: (sentence, value) of each claim of a disagreement; that value gives no figure, the
    sentence's other numbers do ("killing nine people and bringing down about 340 buildings" /
    "... 430 buildings ...": the nine dead are not in dispute)."""
    dates = {c.article.number: c.article.date for c in corpus.articles}
    contested: dict[str, list[str]] = defaultdict(list)
    for text, value in disputed:
        contested[text].append(value)
    found = []
    for index, item in enumerate(corpus.items):
        for member in item.members:
            kept: list[Quantity] = []
            note = annotate(member.text, dates.get(member.article))
            found_here = note.quantities
            clauses = _clauses(member.text) if found_here else ()
            said = frozenset(w.lower() for w in _WORD.findall(member.text)) if found_here else frozenset()
            for quantity in found_here:
                if member.text in contested and _contested(quantity, contested[member.text]):
                    continue  # a value the sources contest is not stated as a fact
                if _HYPOTHETICAL.search(member.text, 0, quantity.start):
                    continue  # "If the figure was $29 million over the cap, ... $1 million less": a supposition, not a fact
                hedge = _hedge(member.text, quantity)
                dead = counts_the_dead(member.text, quantity)
                if hedge is None or not (_counts_something(quantity) or dead and quantity.value >= FIGURES.smallest_count) \
                        or _in_a_name(member.text, quantity) \
                        or _locates(member.text, quantity) or _in_a_range(member.text, quantity):
                    continue
                if any(same_measure(quantity, other) for other in kept):
                    continue  # "13.4 metres (44 feet)": the conversion is not a second figure
                kept.append(quantity)
                value = display_value(quantity)
                shown = f"{hedge} {value}" if hedge else value
                found.append(_Mention(quantity, member.article, corpus.origin_of[member.article],
                                      dates.get(member.article), shown, _event(member.text, quantity),
                                      _context(member.text, quantity),
                                      # ("the nine crew" is a set told before; "the 42-metre wall" a size)
                                      measure(quantity) is None and (_already_known(member.text, quantity)
                                                                     or _in_apposition(member.text, quantity)),
                                      index, dead=dead, names=_clause_names(member.text, clauses, quantity),
                                      words=said,
                                      lead=member.position == 0, read_back=_read_back(quantity),
                                      bound=bound_event(member.text, quantity),
                                      own_day=_own_day(member.text, quantity, note.dates),
                                      level_of=_level_of(member.text, quantity),
                                      converted=any(other is not quantity and same_measure(quantity, other)
                                                    for other in found_here)))
    return found


# Where a clause of its own opens: a conjunction after a comma or a semicolon ("Workers began
# vaccinating residents of Bellam, as the death toll rose to nine": the toll is not Bellam's).
_CLAUSE_OPENING = re.compile(r";|,\s*(?:and|but|while|whereas|as|after|before|when)\b", re.I)


def _clauses(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of the sentence's clauses, cut where _CLAUSE_OPENING opens one."""
    cuts = [0] + [m.start() for m in _CLAUSE_OPENING.finditer(text)] + [len(text)]
    return tuple(zip(cuts, cuts[1:]))


def _clause_names(text: str, clauses: tuple[tuple[int, int], ...], quantity: Quantity) -> frozenset[str]:
    """The names the clause holding the number tells of: what another clause names (where a
    campaign began, who spoke) does not say where the count was made. The rest of the sentence is
    blanked, not cut away, so its first word is still read as every first word is."""
    start, end = next(((a, b) for a, b in clauses if a <= quantity.start < b), (0, len(text)))
    return frozenset(told_names(" " * start + text[start:end] + " " * (len(text) - end)))


# A condition before the number: what follows it is supposed, not told ("If the figure was $29
# million over the cap, the teams would ..."); a plan told with "would" ("said it would cut 4,000
# jobs") is not a supposition.
_HYPOTHETICAL = re.compile(r"\b(?:if|unless|suppose|supposing)\b", re.I)


def _other_places(first: list[_Mention], second: list[_Mention]) -> bool:
    """Each count's sentences name something the other's do not: two places, two events. (A name
    the other's sentences write where it opens them, "Typhoon Keiran made landfall", is theirs too.)"""
    names_a = frozenset().union(*(m.names for m in first))
    names_b = frozenset().union(*(m.names for m in second))
    words_a = frozenset().union(*(m.words for m in first))
    words_b = frozenset().union(*(m.words for m in second))
    return bool(unnamed_by(names_a, names_b) - words_b) and bool(unnamed_by(names_b, names_a) - words_a)


def _developments(groups: dict[tuple, list[_Mention]]) -> list[list[tuple]]:
    """Groups of figure keys that are one count (or one measure, by its size) at different dates: same unit and noun,
    the same words around it (what happened to what it counts; for the dead, however a report
    words its toll, no other place named), every value from its own day and no smaller than the
    one before (a death toll, votes counted, troops sent: running counts)."""
    by_slot: dict[tuple, list[tuple]] = defaultdict(list)
    for key, mentions in groups.items():
        if key[0] == "measure":
            # an area burned, a flood's reach: one measure growing over days; not a size that describes
            # a thing ("the 13-meter yacht", "a 30-foot boat"), which does not grow
            if not any("-" in m.quantity.written for m in mentions):
                by_slot[key[:2]].append(key)
        elif mentions[0].quantity.unit == "count":
            by_slot[(key[1], key[2])].append(key)

    def size(key: tuple) -> float:
        """The value the chain compares: a measure's size in SI units (its reports may give other units)."""
        return key[2] if key[0] == "measure" else groups[key][0].quantity.value
    chains = []
    for keys in by_slot.values():
        if len(keys) < 2:
            continue
        dated = [k for k in keys if all(m.date for m in groups[k])]
        days = {k: max(m.date for m in groups[k]) for k in dated}
        events = {k: frozenset.union(*(m.event for m in groups[k])) for k in dated}
        # a count read back from its verb holds what it counts in its event ("cholera cases in the
        # district had reached 1,020"): beside one, what the other counts joins its event too
        counted = {k: frozenset.union(*(_label_stems(m.quantity) for m in groups[k])) for k in dated}
        read_back = {k for k in dated if any(m.read_back for m in groups[k])}
        level_of = {k: frozenset.intersection(*(m.level_of for m in groups[k])) for k in dated}
        # the one event the mentions of a value tell right beside it, if those that tell one agree
        # ("has now burned some 240 square kilometres"; "has grown to about 240 square kilometres" tells none)
        bound = {k: next(iter(b)) if len(b := {m.bound for m in groups[k]} - {None}) == 1 else None for k in dated}
        # one chain per shared event, values on distinct days
        dated.sort(key=lambda k: days[k])
        articles = {k: {m.article for m in groups[k]} for k in dated}
        firsts = {k: min(m.date for m in groups[k]) for k in dated}

        def together(key: tuple, chain: list[tuple]) -> bool:
            return any(articles[key] & articles[other] for other in chain)

        used: set[tuple] = set()
        for first in dated:
            if first in used:
                continue
            chain = [first]
            for other in dated:
                if other in used or other in chain or days[other] == days[chain[-1]]:
                    continue
                if size(other) < size(chain[-1]) \
                        and not (events[other] & REMAINING and events[chain[-1]] & REMAINING):
                    # a running count (a toll, votes counted) grows; a smaller later value is another
                    # count, unless both count what is left ("65 missing", then "19 remained missing")
                    continue
                if firsts[other] <= firsts[chain[-1]]:
                    continue  # the larger value was told first: not what the count grew to
                if together(other, chain):
                    continue  # one article states both values: two facts at one time ("270 killed, 11 on the ground")
                if _is_dead(other[2]):
                    # the dead of one story, however each report words its toll, unless the
                    # reports name other places or events ("a bomb in Kesh", "a bomb in Tarrow"),
                    # or count the dead of two sides ("18 rebels" / "25 soldiers")
                    sides = {k[2] for k in chain if k[2] != DEAD} | ({other[2]} - {DEAD})
                    if len(sides) <= 1 and not _other_places(groups[other], [m for k in chain for m in groups[k]]):
                        chain.append(other)
                    continue
                if bound[other] is not None and bound[other] == bound[first] \
                        and not all(m.own_day for m in groups[other]):
                    # the same event right beside each count, however the clause goes on ("police
                    # arrested 37 people after clashes" / "52 people had now been arrested over
                    # the protest"), unless the reports name other places, or the later count is
                    # dated to a day of its own ("arrested 60 people on Monday": Monday's arrests)
                    if not _other_places(groups[other], [m for k in chain for m in groups[k]]):
                        chain.append(other)
                    continue
                last = chain[-1]
                if level_of[other] and level_of[other] <= events[last] | counted[last]:
                    # what a verb of change makes it the level of is told in the count before ("a
                    # wildfire has burned 8,500 hectares" / "the wildfire grew to 14,200 hectares")
                    if not _other_places(groups[other], [m for k in chain for m in groups[k]]):
                        chain.append(other)
                    continue
                if other in read_back or first in read_back:
                    mine, theirs = events[other] | counted[other], events[first] | counted[first]
                else:
                    mine, theirs = events[other], events[first]
                shared = mine & theirs
                if shared and len(shared) >= FIGURES.same_event * min(len(mine), len(theirs)):
                    chain.append(other)
            if len(chain) > 1:
                used.update(chain)
                chains.append(chain)
    return chains


def key_figures(corpus: Corpus, disputed: frozenset[tuple[str, str]] = frozenset(),
                scores: tuple[float, ...] | None = None) -> tuple[Figure, ...]:
    """A handful of figures, the most corroborated first, each stated by its sources verbatim.

    `disputed`: (sentence, value) of each claim of "Where sources disagree"; a value the sources
    contest is not stated as a fact in the table (the sentence's other numbers are). `scores`:
    the ranking's score of every item; with them, a figure one report states (one origin, its
    rewrites too) must come from one of the story's central sentences, the highest-scored.
    """
    central = None if scores is None else frozenset(
        sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:FIGURES.single_source_rank])
    groups = _grouped(mentions_of(corpus, disputed))
    chains = _developments(groups)
    chained = {key for chain in chains for key in chain}
    figures = []
    for members in [[key] for key in groups if key not in chained] + chains:
        newest = members[-1]
        mentions = [m for key in members for m in groups[key]]
        if all(m.passing for m in mentions):
            continue  # no source tells the count itself: only "the nine crew", "a federation of six states"
        articles = tuple(sorted({m.article for m in mentions}))
        if central is not None and len({m.origin for m in mentions}) == 1 and not any(m.item in central for m in mentions):
            continue  # one report's number (its rewrites too), told in passing
        first = mentions[0].quantity
        if first.unit in _DURATIONS and "-" not in first.written and len(articles) < FIGURES.duration_sources:
            continue  # "3 months | retirement": a span in passing unless the story leans on it ("a 10-year pact" names one)
        if measure(first) is not None and not any(m.lead or m.converted for m in mentions) and (
                len(articles) < FIGURES.measure_sources or any("-" in m.quantity.written for m in mentions)):
            continue  # a measure the story leans on: articles state it, one leads with it, or one gives it in
            # two units; one that describes a thing ("the stricken 40-foot vessel") only when a report
            # leads with it ("a 44-foot wave") or converts it
        origins = len({m.origin for m in mentions})
        current = groups[newest]
        # Corroboration first; a percentage, sum or duration says more than a bare count, a
        # measure less; a figure an article repeats in several sentences is one it leans on.
        repeats = len({(m.article, m.quantity.label) for m in current}) - len({m.article for m in current})
        quantity = current[0].quantity
        kind = FIGURES.measure_weight if measure(quantity) else (0 if quantity.unit == "count" else 1)
        weight = 2 * origins + len(articles) + kind + 0.5 * min(repeats, 2) + len(members) - 1
        history = tuple(
            FigureValue(value=groups[key][0].shown, date=groups[key][0].date,
                        citations=tuple(sorted({m.article for m in groups[key]})))
            for key in reversed(members[:-1]))
        named = current if history else mentions
        label = _best_label(named)
        # shown where a source tells the count, not where one mentions it in passing
        told = [m for m in named if not m.passing]
        context = _best_context(told, label) or _best_context(named, label)
        # the value as the shown words write it ("44 feet" beside "a wave 44 feet high")
        value = next((m.shown for m in current if m.quantity.label == label and m.context == context), current[0].shown)
        figures.append((weight, min(m.article for m in mentions), Figure(
            value=value, label=label, citations=articles, origins=origins, score=0.0,
            history=history, context=context),
            # a row the table shows as a bound or an estimate ("more than 200"), with what happened
            # to what it counts
            None if history or current[0].shown == display_value(quantity) else _Estimate(
                quantity, _direction(current[0].shown), frozenset().union(*(m.event for m in current)))))
    figures.sort(key=lambda f: (-f[0], f[1], f[2].value, f[2].label))
    # One row per value: "4 kidnapped foreigners", "the four men", "four foreign hostages" are
    # one fact named three ways far more often than three facts; the best-attested naming stays.
    shown, values, rounded = [], set(), []
    for _, _, figure, estimate in figures:
        if len(shown) == FIGURES.most:
            break
        if figure.value in values or estimate is not None and any(_one_estimate(estimate, e) for e in rounded):
            continue
        values.add(figure.value)
        shown.append(figure)
        if estimate is not None:
            rounded.append(estimate)
    return tuple(shown)


@dataclass(frozen=True)
class _Estimate:
    quantity: Quantity
    direction: str  # "at least", "at most" or "about"
    event: frozenset[str]  # what happened to what it counts (the words around it, stemmed)


def _direction(shown: str) -> str:
    if shown.startswith(_LOWER_BOUNDS):
        return "at least"
    return "at most" if shown.startswith(_UPPER_BOUNDS) else "about"


def _one_estimate(a: _Estimate, b: _Estimate) -> bool:
    """Two bounds or estimates of one counted thing a rounding apart, not bounding it from two
    sides, with the same thing happening to it ("more than 220 players ... were not paid", "more than
    200 players ... were not paid"): one fact told at two roundings, not two figures. ("At least
    200 people were killed" and "about 190 people were rescued" are two facts; an exact count
    says more than an estimate; a developing count is one row with its history already.)"""
    p, q = a.quantity, b.quantity
    if (p.unit, p.head) != (q.unit, q.head) or p.value <= 0 or q.value <= 0:
        return False
    if {a.direction, b.direction} == {"at least", "at most"}:
        return False  # bounds from two sides ("more than 200", "nearly 220") may both hold of two counts
    shared = a.event & b.event
    if not shared or len(shared) < FIGURES.same_event * min(len(a.event), len(b.event)):
        return False
    return within_rounding(p.value, q.value, FIGURES.estimate_rounding)
