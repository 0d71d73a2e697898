"""Quantities: the numbers a sentence states, each with what it counts.

"six Boeing P-8I aircraft" -> 6 count of "aircraft" (modifiers boeing, p8i);
"a 25% reciprocal tariff" -> 25 percent of "tariff" (modifier reciprocal);
"a 10-year framework" -> 10 year of "framework"; "doubled tariffs on Indian imports to
50 percent" -> 50 percent of "tariff", read back from the verb of change.
No tagger: the counted noun phrase is the run of plain words after the number, up to a
function word or punctuation. Both the disagreement finder and the key-figures table
read these; labels are always words of the sentence itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Context, Decimal

from briefer.core.cues import pattern, phrases
from briefer.core.lexicon import MONTHS, NUMBER_WORD_PATTERN, NUMBER_WORDS, read_number_word
from briefer.core.text import STOPWORDS
from briefer.language.tense import ANY_IRREGULAR_PAST, AUXILIARY, PAST_PARTICIPLE, WEAK_PAST

MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
               "trillion": 1e12, "lakh": 1e5, "crore": 1e7}
CURRENCIES = {"$": "$", "us$": "$", "€": "€", "£": "£", "₹": "₹", "rs": "₹", "rs.": "₹"}
CURRENCY_WORDS = {"dollars": "$", "euros": "€", "pounds": "£", "rupees": "₹"}
DURATIONS = {"year": "year", "years": "year", "month": "month", "months": "month", "week": "week",
             "weeks": "week", "day": "day", "days": "day", "hour": "hour", "hours": "hour",
             "minute": "minute", "minutes": "minute", "second": "second", "seconds": "second",
             "decade": "decade", "decades": "decade", "century": "century", "centuries": "century"}
# A word before the number that makes it a bound, an estimate or a change, not a plain value.
HEDGES = frozenset(
    "about around nearly almost roughly some over under approximately up least most than another"
    " additional extra next last past first to from by between".split()
)
# Words that make a number an estimate ("about 4,000", "some 4,500"), and how far apart two
# roundings of one count may lie: copy rounds estimates to one or two significant figures.
ESTIMATE_WORDS = ("about", "around", "some", "roughly", "approximately", "an estimated", "estimated")
ROUNDING = 0.1


def within_rounding(a: float, b: float, share: float = ROUNDING) -> bool:
    """Two values a rounding apart: "about 4,000" and "some 4,200" may be one count."""
    return abs(a - b) <= share * max(a, b)


# Words for people's state that a count may name them by ("12 dead", "seven still missing"; data file).
PEOPLE_STATES = frozenset(phrases("language", "people_states"))
_PEOPLE_STATE_WORDS = "|".join(sorted(PEOPLE_STATES, key=len, reverse=True))
# A bound before a number ("at least 40", "more than 3,500", "about 400"), as a pattern of words.
_BOUNDS = frozenset("than about around nearly almost roughly some approximately".split())
BOUND_BEFORE = (r"(?:(?:at\s+least|(?:more|fewer|less)\s+than|"
                + "|".join(sorted(_BOUNDS - {"than"}, key=len, reverse=True)) + r")\s+)")

# Verbs and nouns of change: "doubled tariffs on X to 50 percent", "a doubling of tariffs ... to 50%",
# "widened its recall to 31 batches".
CHANGE_WORDS = re.compile(
    r"^(?:doubl|tripl|rais|increas|hik|lift|cut|reduc|lower|slash|bring|brought|boost|set|rise|rose"
    r"|fell|fall|drop|widen|expand|extend|push)\w*$", re.I
)
# Common verbs without an -ed/-ing ending that would otherwise pass for the counted noun.
PLAIN_VERBS = frozenset(
    "met meet held hold took take made make hit led left went go came come saw see told tell gave give"
    " put set won lost ran began sent spent paid bought sold face faced look remain remains"
    " signed agreed".split()
)
PREPOSITIONS_IN_LABELS = frozenset({"of", "for", "on", "over", "against"})
# Function words the shared stopword list leaves out; each ends a noun phrase.
PHRASE_BREAKS = frozenset(
    "since across among amid amidst despite toward towards within without upon via per including like"
    " unlike whether though although unless along alongside behind beyond near onto inside outside"
    " except regarding following ago"
    # clause adverbs, never part of what is counted ("40 people still missing", "12 soldiers
    # reportedly killed": the count is of people, of soldiers)
    " still already even yet reportedly allegedly apparently currently initially originally".split()
)
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our"})
NP_MAX_WORDS = 5
LABEL_MAX_WORDS = 9

_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<suffix>(?:-[A-Za-z]+)+)?"
    r"|(?P<word>[A-Za-z@][\w'’.@-]*[\w]|[A-Za-z])"
    r"|(?P<sym>[%$€£₹])"
    r"|(?P<punct>\S)"
)


@dataclass(frozen=True)
class Token:
    text: str
    kind: str  # num | word | sym | punct
    start: int
    end: int
    suffix: str = ""  # "-year" in "10-year"


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # count | percent | points | year | month | ... | $ | € | ...
    head: str | None  # singular lower-case counted noun ("aircraft", "tariff")
    modifiers: tuple[str, ...]  # the other words of its noun phrase, folded
    written: str  # the number as written, with its unit ("six", "50 percent", "10-year")
    label: str  # verbatim noun phrase it counts ("Boeing P8I aircraft for the Indian Navy")
    exact: bool  # False for bounds, estimates and the ends of a change ("from 25% to 50%")
    changed_to: bool  # the new value of a change ("doubled ... to 50 percent")
    start: int  # span of the number in the sentence
    end: int
    amount: Decimal | None = None  # the value exactly as written (a float loses digits past 15 or so)
    label_at: int = -1  # where the label starts in the sentence: before the number when read back from its verb

    @property
    def slot(self) -> tuple[str, str | None]:
        return (self.unit, self.head)

    @property
    def exact_value(self) -> Decimal | float:
        """The value to compare and group by: exact when known, else the float."""
        return self.amount if self.amount is not None else self.value


def tokens(text: str) -> list[Token]:
    found = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup if match.lastgroup != "suffix" else "num"
        if match.group("num") is not None:
            kind = "num"
        found.append(Token(match.group(0) if kind != "num" else match.group("num"), kind,
                           match.start(), match.end(), match.group("suffix") or ""))
    return found


def singular(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]  # "classes", "taxes", "matches"; "cases", "houses" lose their "s" below
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def fold(word: str) -> str:
    """Modifier spelling folded, case kept: "P-8I" and "P8I" are one aircraft."""
    return re.sub(r"[-.'’]", "", word)


def _number_value(token: Token) -> float | None:
    if token.kind == "num":
        return float(token.text.replace(",", ""))
    if token.kind == "word":
        return float(read_number_word(token.text)[0]) if _is_number_word(token) else None
    return None


def _number_amount(token: Token) -> Decimal | None:
    """The numeral's value exactly, as written."""
    if token.kind == "num":
        return Decimal(token.text.replace(",", ""))
    if _is_number_word(token):
        return Decimal(read_number_word(token.text)[0])
    return None


def _exact(digits: int) -> Context:
    """Decimal arithmetic with room for every digit: nothing is rounded."""
    return Context(prec=digits + 40)


def _is_number_word(token: Token) -> bool:
    return token.kind == "word" and token.text.lower().split("-")[0] in NUMBER_WORDS


def _is_plain_word(token: Token) -> bool:
    lower = token.text.lower()
    return (token.kind == "word" and lower not in STOPWORDS and lower not in PHRASE_BREAKS
            and lower not in MONTHS and not _is_number_word(token) and lower not in MULTIPLIERS)


def _is_plural(word: str) -> bool:
    return word.islower() and (word.endswith("s") and not word.endswith(("ss", "us", "is")) or word in _PLURALS_WITHOUT_S)


# Plurals spelt like their singular (a count of them is a count even without an "s").
UNCHANGED_PLURALS = frozenset("people aircraft police personnel staff crew cattle sheep fish deer troops children men"
                              " women series species".split())
# Of these, those never set before another noun ("police officers", "staff members", "crew
# members", "aircraft carriers" are): the word after them is their verb ("162 people sank",
# "19 people remained missing").
_PLURALS_WITHOUT_S = frozenset("people children men women".split())


def _looks_like_verb(tokens_: list[Token], index: int) -> bool:
    """A word ending the noun phrase that reads as its verb: "two sides signed the ..."."""
    lower = tokens_[index].text.lower()
    if index > 0 and _is_plural(tokens_[index - 1].text) and tokens_[index].text.islower():
        return True  # a plural noun ends its phrase: "officials familiar with", "countries deteriorated"
    if lower in PLAIN_VERBS:
        return True
    if not lower.endswith(("ed", "ing")):
        return False
    following = tokens_[index + 1] if index + 1 < len(tokens_) else None
    return following is None or not _is_plain_word(following)


def noun_phrase(tokens_: list[Token], start: int) -> list[int]:
    """Indices of the plain words from `start` up to a function word or punctuation."""
    phrase: list[int] = []
    index = start
    while index < len(tokens_) and len(phrase) < NP_MAX_WORDS and _is_plain_word(tokens_[index]):
        if _looks_like_verb(tokens_, index):
            break
        phrase.append(index)
        index += 1
    return phrase


def _phrase_text(text: str, tokens_: list[Token], first: int, last: int) -> str:
    return text[tokens_[first].start:tokens_[last].end]


def _label_extent(tokens_: list[Token], phrase: list[int]) -> int:
    """Last token index of the phrase plus one following "of/for/on ..." phrase."""
    last = phrase[-1]
    index = last + 1
    if index < len(tokens_) and tokens_[index].text.lower() in PREPOSITIONS_IN_LABELS:
        index += 1
        while index < len(tokens_) and (tokens_[index].text.lower() in DETERMINERS
                                        or _possessive(tokens_[index])):
            index += 1
        tail = noun_phrase(tokens_, index)
        if tail and tail[-1] - phrase[0] < LABEL_MAX_WORDS:
            last = tail[-1]
    return last


def _possessive(token: Token) -> bool:
    return token.kind == "word" and token.text.endswith(("'s", "’s"))


def _is_date_number(tokens_: list[Token], index: int, value: float) -> bool:
    """Days of a month ("Oct. 31", "1 November") and years ("2025") are dates, not figures."""
    token = tokens_[index]
    if token.kind != "num" or token.suffix:
        return False
    neighbours = [tokens_[i] for i in (index - 2, index - 1, index + 1) if 0 <= i < len(tokens_)]
    if any(n.text.lower().rstrip(".") in MONTHS for n in neighbours):
        return True
    return value.is_integer() and 1900 <= value <= 2100 and "," not in token.text


_AMOUNT_WORDS = 8  # "by three-quarters of a percentage point": how far back "by" is looked for


def _change_label(tokens_: list[Token], index: int) -> list[int]:
    """ "doubled tariffs on Indian imports to 50 percent": the words between the change and "to"."""
    collected: list[int] = []
    cursor = index - 2  # the word before "to"; `index` is the quantity's first token
    # "raised its benchmark rate by three-quarters of a percentage point to 7%": the amount of the
    # change ("by ...") stands between what changed and its new value
    for back in range(cursor, max(-1, cursor - _AMOUNT_WORDS), -1):
        word = tokens_[back].text.lower()
        if tokens_[back].kind == "punct" or tokens_[back].kind == "word" and CHANGE_WORDS.match(word):
            break
        if word == "by":
            cursor = back - 1
            break
    while cursor >= 0 and len(collected) <= LABEL_MAX_WORDS:
        token = tokens_[cursor]
        lower = token.text.lower()
        if token.kind == "word" and CHANGE_WORDS.match(lower):
            break
        if token.kind in ("num", "sym") or lower in ("from", "percent", "—", "–", "-", ","):
            cursor -= 1  # the old value of "from 25% to 50%"
            continue
        if token.kind == "punct":
            return []
        collected.append(cursor)
        cursor -= 1
    else:
        return []
    if cursor < 0:
        return []
    collected.reverse()
    if collected and tokens_[collected[0]].text.lower() in _TIME_PREPOSITIONS:
        return []  # "rose over the past week to 150": a time, not what changed (read from the verb's subject)
    while collected and tokens_[collected[0]].text.lower() in PREPOSITIONS_IN_LABELS | DETERMINERS:
        collected.pop(0)
    if not collected or not _is_plain_word(tokens_[collected[0]]):
        return []
    return collected


# Verbs that take a count or a level to a value, with nothing counted after the number: what
# they count is their subject ("the death toll rose to 150", "cases have climbed to 540", "the
# number of dead stood at 89", "cases had reached 1,020").
LEVEL_VERB = re.compile(r"^(?:ris(?:e|es|en|ing)|rose|climb\w*|jump\w*|gr(?:ow|ows|ew|own|owing)|swell\w*|swollen"
                         r"|doubl\w*|tripl\w*|quadrupl\w*|halv\w*"
                         r"|mount\w*|soar\w*|surg\w*|increas\w*|f(?:all|alls|ell|allen|alling)|dropp?\w*|declin\w*"
                         r"|reach\w*|hit|hits|top(?:s|ped)?|pass(?:es|ed)?|exceed\w*|total\w*|st(?:ood|and|ands))$", re.I)
# What may stand between a subject and its verb ("has risen", "are now", "had already reached").
_SUBJECT_GAP = frozenset("has have had is are was were been be now already also further then still more than nearly "
                         "almost roughly".split())
# Words that open a clause: the subject of the verb after them starts after them.
_CLAUSE_OPENERS = frozenset("that which who when after before as while and but said says because since if".split())
# A noun that only says how many of what follows ("the number of people killed", "a total of 89 cases").
_AMOUNT_NOUNS = frozenset("number total count tally".split())
SUBJECT_MAX_WORDS = 16


# Temperature scales after "°" or "degrees": "46.2°C", "115.2 degrees Fahrenheit".
_SCALES = {"c": "celsius", "celsius": "celsius", "centigrade": "celsius", "f": "fahrenheit", "fahrenheit": "fahrenheit"}
_COMPLEX_PREPOSITION = pattern("language", "complex_prepositions")
_TOTAL_AFTER = re.compile(r"\s+(?:in\s+all|in\s+total|altogether)\b", re.I)


def _gapped_subject(tokens_: list[Token], first: int) -> list[int]:
    """In "cases rose to 517 and deaths to 14", the words "deaths" before "to 14": a second
    subject whose verb, said once, is left out; the first value ("to 517") stands before "and"."""
    phrase = _name_before(tokens_, first - 2) if first >= 2 and _is_plain_word(tokens_[first - 2]) else []
    last = tokens_[phrase[-1]].text if phrase else ""
    if not phrase or _verb_before_noun(last) or re.fullmatch(ANY_IRREGULAR_PAST, last):
        return []  # "rose to 517 and fell to 14": a second verb, not a second subject
    at = phrase[0] - 1
    if at >= 0 and tokens_[at].text in ("the", "The"):
        at -= 1
    if at < 2 or tokens_[at].text.lower() != "and":
        return []
    value = at - 1
    if tokens_[value].text.lower() in ("%", "percent"):
        value -= 1  # "rose to 5% and inflation to 3%"
    return phrase if value >= 1 and _number_value(tokens_[value]) is not None \
        and tokens_[value - 1].text.lower() in ("to", "at") else []


def _verb_before_noun(word: str) -> bool:
    """A verb taking the noun as its object ("signed contracts worth ..."): a past form or a plain verb."""
    lower = word.lower()
    return lower in PLAIN_VERBS or bool(WEAK_PAST.fullmatch(lower))


def _name_before(tokens_: list[Token], last: int) -> list[int]:
    """The plain words of the noun phrase ending at `last` ("[street value] of"), back to a
    function word or punctuation."""
    start = last
    while start > 0 and last - start + 2 <= NP_MAX_WORDS and _is_plain_word(tokens_[start - 1]) \
            and not tokens_[start - 1].text[:1].isupper() and not _verb_before_noun(tokens_[start - 1].text):
        start -= 1
    return list(range(start, last + 1))


def _level_verb(tokens_: list[Token], first: int) -> int | None:
    """The index of the level's verb right before the number ("reached 1,020", "rose to 150",
    "stood at 89"), or None."""
    at = first - 1
    if at >= 0 and tokens_[at].text.lower() in ("to", "at"):
        at -= 1
    if at >= 0 and tokens_[at].kind == "word" and LEVEL_VERB.match(tokens_[at].text):
        return at
    if at < first - 1:
        # a phrase of time between the verb and "to" ("have nearly tripled in two days to 412",
        # "rose over the week to 150"): the verb stands before its preposition
        for verb in range(at - 1, max(-1, at - 1 - _TIME_PHRASE_WORDS), -1):
            if tokens_[verb].kind == "punct":
                break
            if LEVEL_VERB.match(tokens_[verb].text) and tokens_[verb + 1].text.lower() in _TIME_PREPOSITIONS:
                return verb
    return None


_TIME_PREPOSITIONS = frozenset("in over within during since overnight".split())
_TIME_PHRASE_WORDS = 4  # "in two days", "over the past week"


def _subject(tokens_: list[Token], verb: int) -> list[int]:
    """The tokens of the subject before the verb at `verb`: back over its auxiliaries and adverbs,
    then to the start of its clause; determiners and possessives before it set aside."""
    cursor = verb - 1
    while cursor >= 0 and (tokens_[cursor].text.lower() in _SUBJECT_GAP or tokens_[cursor].text.lower().endswith("ly")):
        cursor -= 1
    collected: list[int] = []
    while cursor >= 0:
        token = tokens_[cursor]
        if token.kind == "punct" or token.text.lower() in _CLAUSE_OPENERS:
            break
        if len(collected) == SUBJECT_MAX_WORDS:
            return []  # no clause start within reach: the words gathered are no whole subject
        collected.append(cursor)
        cursor -= 1
    collected.reverse()
    while collected and (tokens_[collected[0]].text.lower() in DETERMINERS or _possessive(tokens_[collected[0]])
                         and len(collected) > 1):
        collected.pop(0)
    if not collected or not _is_plain_word(tokens_[collected[0]]) or tokens_[collected[0]].kind == "num":
        return []
    return collected


def _head_of(tokens_: list[Token], phrase: list[int]) -> int:
    """The head noun of a label read back from a verb: the last word of its first noun phrase
    ("[death toll] from the quake" -> toll), or of the phrase after an amount noun ("the number
    of [people] killed" -> people)."""
    run = [i for i in noun_phrase(tokens_, phrase[0]) if i <= phrase[-1]] or phrase[:1]
    head = run[-1]
    after = head + 1
    if tokens_[head].text.lower() in _AMOUNT_NOUNS and after < len(tokens_) and tokens_[after].text.lower() == "of":
        after += 1
        while after < len(tokens_) and tokens_[after].text.lower() in DETERMINERS:
            after += 1
        inner = noun_phrase(tokens_, after)
        if inner:
            return inner[-1]
    return head


# Numbers that count nothing: an ordinal ("83rd", "4th graf"), a decade ("the 70s"), a clock
# time ("10:30 a.m."), a score or tally ("won 5-4"), an age ("21-year-old", "McKinney, 22,").
_ORDINAL_OR_DECADE = re.compile(r"(?:st|nd|rd|th|s|'s|’s)\b", re.I)
_CLOCK = re.compile(r"^\s*(?:[ap]\.?m\b\.?|o'clock)", re.I)
_AGE_SUFFIX = re.compile(r"-(?:years?|months?)-old$", re.I)
_AGE_BEFORE = re.compile(r"(?:\baged?|[A-Z][\w.'’-]*,)\s*$")


# A tally: a number, a noun of votes or scores, "to", the other side's number ("46 votes to 42").
_TALLY_NOUNS = r"(?:votes|seats|points|goals|runs|games|sets)"
_TALLY_AFTER = re.compile(r"^\s+" + _TALLY_NOUNS + r"\s+to\s+\d")
_TALLY_BEFORE = re.compile(r"(?<![\d,.])\d[\d,.]*\s+" + _TALLY_NOUNS + r"\s+to\s+$")
# What makes "N points to M" a change of one value: a verb of change or "from" before it.
_CHANGE_BEFORE = re.compile(r"\b(?:from|rose|rises|rising|fell|falls|falling|climbed|dropped|gained|lost|jumped|slipped"
                            r"|grew|increased|decreased|cut|raised|lowered|added|shed|plunged|soared|surged|tumbled"
                            r"|advanced|declined|slumped|rallied|sank|up|down)\s+(?:\w+\s+){0,2}$", re.I)


# The second number of a ratio ("one in 45 children", "seven out of 10 voters"): a rate, not a count.
_RATIO_BEFORE = re.compile(r"(?<![\w.,])(?:\d[\d,.]*|one|" + NUMBER_WORD_PATTERN
                           + r")(?:-\w+)?\s+(?:in|out\s+of)\s+(?:every\s+)?$", re.I)


# A rank on a scale named before the number: "magnitude 6.4", "Category 4", "level 3".
_RATING_BEFORE = re.compile(r"\b(?:" + pattern("language", "rating_nouns").pattern + r")\s+$", re.I)


def counts_nothing(text: str, token: Token) -> bool:
    """The number is an ordinal, decade, clock time, score, age, a rank on a scale or the base of
    a ratio: no figure however it reads."""
    after, before = text[token.end:], text[:token.start]
    if _RATIO_BEFORE.search(before) or _RATING_BEFORE.search(before):
        return True
    if token.kind != "num":
        return False
    if not token.suffix and _ORDINAL_OR_DECADE.match(after):
        return True
    if re.match(r"^[:.]\d\d\b", after) and _CLOCK.match(after[3:]) or _CLOCK.match(after) or re.search(r"\d:$", before):
        return True
    if re.match(r"^[-–]\d", after) or re.search(r"(?:\d|\bto)[-–]$", before):
        return True  # a score or a tally ("5-4", "55-45"); a range is written "5 to 4"
    if (_TALLY_AFTER.match(after) and not _CHANGE_BEFORE.search(before)
            or (tally := _TALLY_BEFORE.search(before)) and not _CHANGE_BEFORE.search(before[:tally.start()])):
        return True  # a tally of votes, seats or points between two sides ("46 votes to 42"), not a change
    #                ("rose 120 points to 10,500", "from 30 boats to 45") or a sentence ("12 defendants to 20 years")
    if token.suffix and _AGE_SUFFIX.search(token.suffix):
        return True
    return bool(_AGE_BEFORE.search(before)) and re.match(r"^,", after) is not None


def quantities(text: str) -> list[Quantity]:
    """Every number in the sentence that counts or measures something."""
    toks = tokens(text)
    found: list[Quantity] = []
    index = 0
    while index < len(toks):
        token = toks[index]
        value = _number_value(token)
        if (value is None or _is_date_number(toks, index, value) or counts_nothing(text, token)
                or _vague_size(toks, index)):
            index += 1
            continue
        quantity, index = _read_quantity(text, toks, index, value)
        if quantity is not None:
            if found:
                quantity = _with_elided_noun(text, found[-1], quantity)
            found.append(_people_counted(text, quantity))
    return found


# A count coordinated with the one before it, its noun left out ("Nine people were killed and 31
# injured", "killing nine people and injuring 38") or said as "others" ("... and 31 others
# hurt"), counts what that one counts. Between them: the first one's verb, if any, a
# coordinator, the second one's verb or a bound; after the second: its participle, or the
# clause's end.
_COORDINATED_GAP = re.compile(rf"^(?:\s+(?:(?:{AUXILIARY}|reportedly)\s+)*(?:[a-z]{{3,}}ed|{PAST_PARTICIPLE}))?"
                              r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?P<verb>[a-z]{3,}(?:ing|ed)\s+)?"
                              rf"{BOUND_BEFORE}?$")
_ELIDED_AFTER = re.compile(rf"^\s+(?:{AUXILIARY}\s+)*(?:[a-z]{{3,}}ed|{PAST_PARTICIPLE}|{_PEOPLE_STATE_WORDS})\b")
_CLAUSE_END_AFTER = re.compile(r"^\s*(?:[,.;:)]|$|\s(?:when|after|as|in|on|at|near|during)\b)")


# A bare count before a word for people's state, as news writes a casualty count without its
# noun ("with seven still missing", "12 dead and 40 injured"): people are counted.
_PEOPLE_STATE_AFTER = re.compile(r"\s+(?:(?:still|now|also|reported|confirmed|feared)\s+)?"
                                 rf"(?P<state>{_PEOPLE_STATE_WORDS})\b")


def _people_counted(text: str, quantity: Quantity) -> Quantity:
    """The count with people as what it counts when a word for their state follows it bare."""
    if quantity.unit != "count" or quantity.label and quantity.head not in PEOPLE_STATES:
        return quantity
    state = _PEOPLE_STATE_AFTER.match(text, quantity.end)
    if state is None:
        return quantity
    return replace(quantity, head="people", label=state.group("state"), label_at=state.start("state"))


def _with_elided_noun(text: str, before: Quantity, quantity: Quantity) -> Quantity:
    """The count with the noun of the count before it, when coordinated with it (_COORDINATED_GAP)."""
    if before.unit != "count" or before.head is None or before.label in PEOPLE_STATES or quantity.unit != "count" or \
            quantity.head not in (None, "other") or quantity.head is None and quantity.label:
        return quantity
    before_end = max(before.end, before.label_at + len(before.label)) if before.label_at >= 0 else before.end
    gap = _COORDINATED_GAP.match(text[before_end:quantity.start])
    if gap is None:
        return quantity
    after = text[quantity.label_at + len(quantity.label) if quantity.head else quantity.end:]
    if not (_ELIDED_AFTER.match(after) or gap.group("verb") and _CLAUSE_END_AFTER.match(after)):
        return quantity
    return replace(quantity, head=before.head, modifiers=before.modifiers, label=quantity.label or before.label,
                   label_at=quantity.label_at if quantity.label else before.label_at)


# Number words read with "a" ("a dozen", "a hundred"), and the bounds that may stand before that
# "a" ("more than a dozen"); "sentenced to a 20-year term" is no bound.
_SIZE_WORDS = frozenset("dozen score hundred thousand million billion".split())
# Sizes below a thousand, which multiply the number word before them ("three hundred", "two
# dozen") and read alone as one of them ("a dozen"); after a vague quantifier ("several dozen",
# "a few hundred") they state no number.
_SMALL_SIZES = frozenset(("hundred", "dozen"))
_VAGUE_BEFORE_SIZE = frozenset("several few many".split())  # ("some hundred people": about a hundred)


def _vague_size(toks: list[Token], index: int) -> bool:
    """"several dozen", "a few hundred", "half a dozen": a size word that states no number."""
    word = toks[index].text.lower()
    if word not in _SMALL_SIZES or index == 0:
        return False
    before = toks[index - 1].text.lower()
    return before in _VAGUE_BEFORE_SIZE or before == "a" and index > 1 and toks[index - 2].text.lower() == "half"


def _hyphened_number(token: Token) -> bool:
    """A number with its unit joined by a hyphen, an adjective before a noun ("two-year", "10-nation")."""
    return bool(token.suffix) or _is_number_word(token) and bool(read_number_word(token.text)[1])


def _below_a_hundred(token: Token) -> bool:
    """A number word from one to ninety-nine ("fifty", "twenty-five"), as after "two hundred"."""
    return (_is_number_word(token) and not token.suffix
            and NUMBER_WORDS.get(token.text.lower().split("-")[0], 100) < 100)


# Before "to", what makes the number a bound or a range's upper end: "up to 500", "close to 500",
# "400 to 500", "5% to 10%". Any other word makes it the level a change or a relation reaches
# ("rose to 11.4 percent", "belonging to 3.2 million people", "from 5% to 10%"): a value stated
# exactly.
_BOUND_BEFORE_TO = frozenset("up close closer near nearer nearly next".split())
_UNIT_BEFORE_TO = frozenset("% percent cent".split())


def _level_reached(toks: list[Token], first: int) -> bool:
    """The number after "to" is the level reached, not a bound (_BOUND_BEFORE_TO)."""
    if first < 2 or toks[first - 1].text.lower() != "to":
        return False
    at = first - 2
    if toks[at].text.lower() in _BOUND_BEFORE_TO:
        return False
    while at > 0 and toks[at].text.lower() in _UNIT_BEFORE_TO | {"per"}:
        at -= 1  # the unit of a range's lower end: "5 percent to 10 percent"
    if toks[at].kind == "num" or _is_number_word(toks[at]):
        # "400 to 500" is a range; "from 400 to 500" a change, whose end is exact, unless what
        # goes from one to the other is a spread ("estimates range from 5 to 10 percent")
        if at > 0 and toks[at - 1].kind == "sym":
            at -= 1  # "from $400 to $500"
        return at > 0 and toks[at - 1].text.lower() == "from" and not (
            at > 1 and _SPREAD.fullmatch(toks[at - 2].text.lower()))
    return True


_SPREAD = re.compile(r"rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)")


# A margin: "won the runoff by 5,872 votes", "beating the incumbent by nine votes", "leads by 4
# points": how far apart two sides finished, a fact as exact as a count.
_MARGIN_VERBS = frozenset("won win wins winning beat beats beating defeated defeating defeat defeats led lead leads "
                          "leading trailed trailing trails lost losing edged ahead".split())
MARGIN_REACH = 8  # tokens between the verb and "by": its object ("the Port Calloway mayoral runoff")


def _margin(toks: list[Token], first: int) -> bool:
    """The number after "by" is the margin of a win, a lead or a loss told just before it."""
    if first < 2 or toks[first - 1].text.lower() != "by":
        return False
    for at in range(first - 2, max(-1, first - 2 - MARGIN_REACH), -1):
        if toks[at].kind == "sym" or toks[at].text in ";:":
            return False  # (a comma may set off the object's apposition: "beat the mayor, Victor Ames, by")
        if toks[at].text.lower() in _MARGIN_VERBS:
            return True
    return False


def _read_quantity(text: str, toks: list[Token], index: int, value: float) -> tuple[Quantity | None, int]:
    token = toks[index]
    first = index  # first token of the quantity: the currency sign when there is one
    unit = "count"
    if index > 0 and toks[index - 1].text.lower() in CURRENCIES:
        unit, first = CURRENCIES[toks[index - 1].text.lower()], index - 1
    before = toks[first - 1].text.lower() if first > 0 else ""
    if before in ("a", "an") and first > 1 and token.text.lower() in _SIZE_WORDS and toks[first - 2].text.lower() in _BOUNDS:
        before = toks[first - 2].text.lower()  # "more than a dozen", "about a hundred": the bound is before the article
    suffix = token.suffix or (read_number_word(token.text)[1] if _is_number_word(token) else "")
    cursor = index + 1
    amount = _number_amount(token)
    size = None
    if suffix[1:].lower() in _SMALL_SIZES and token.kind == "word":
        size, suffix = suffix[1:].lower(), ""  # "two-dozen rallies"
    elif (suffix == "" and cursor < len(toks) and toks[cursor].text.lower() in _SMALL_SIZES
            and token.text.lower() not in _SMALL_SIZES):
        size, cursor = toks[cursor].text.lower(), cursor + 1  # "three hundred", "two dozen"
    if size:
        # the size word multiplies ("nearly two dozen chairs" is 24), and what follows a hundred adds
        # to it ("two hundred and fifty")
        value *= NUMBER_WORDS[size]
        if amount is not None:
            amount *= NUMBER_WORDS[size]
        rest = cursor + (cursor < len(toks) and toks[cursor].text.lower() == "and")
        if size == "hundred" and rest < len(toks) and _below_a_hundred(toks[rest]):
            added = read_number_word(toks[rest].text)[0]
            value, cursor = value + added, rest + 1
            amount = None if amount is None else amount + added
    if cursor < len(toks) and toks[cursor].text.lower() in MULTIPLIERS:
        value *= MULTIPLIERS[toks[cursor].text.lower()]
        if amount is not None:
            amount = _exact(len(token.text)).multiply(amount, Decimal(int(MULTIPLIERS[toks[cursor].text.lower()])))
        cursor += 1
    following = toks[cursor].text.lower() if cursor < len(toks) else ""
    after_following = toks[cursor + 1].text.lower() if cursor + 1 < len(toks) else ""
    scale = _SCALES.get(after_following) if following in ("°", "degree", "degrees") else None
    if scale:
        # a temperature: "46.2°C", "115.2 degrees Fahrenheit" (the scale says which)
        scale_at, cursor = cursor + 1, cursor + 2
    elif following in ("%", "percent"):
        unit, cursor = "percent", cursor + 1
    elif (following, after_following) == ("per", "cent"):
        unit, cursor = "percent", cursor + 2
    elif (following, after_following) == ("percentage", "points"):
        unit, cursor = "points", cursor + 2
    elif following in CURRENCY_WORDS and unit == "count" and not (following == "pounds" and after_following == "of"):
        # ("551 pounds of cocaine" weighs: a mass, not a sum)
        unit, cursor = CURRENCY_WORDS[following], cursor + 1
    elif suffix and suffix[1:].lower() in DURATIONS:
        unit = DURATIONS[suffix[1:].lower()]
    elif following in DURATIONS:
        unit, cursor = DURATIONS[following], cursor + 1
    # "over the next 10 years": the unit is the noun, nothing further is counted.
    bare_duration = unit in DURATIONS.values() and not suffix
    phrase = [] if bare_duration or scale else noun_phrase(toks, cursor)
    if (not phrase and not bare_duration and cursor + 2 < len(toks) and toks[cursor].text == ","
            and _hyphened_number(toks[cursor + 1])):
        # two modifiers coordinated before one noun: "a $2.2 billion, two-year budget deficit"
        # counts a deficit, as "a two-year budget deficit" does
        phrase = noun_phrase(toks, cursor + 2)
    if (not phrase and unit in CURRENCIES.values() and cursor + 1 < len(toks) and toks[cursor].text.lower() == "in"
            and toks[cursor + 1].text.lower() not in DETERMINERS
            and not _COMPLEX_PREPOSITION.match(text, toks[cursor].start)):
        # a sum "in" what it is paid as: "$2 million in emergency aid", "$5 billion in loans" (not
        # "$2 million in the budget", "in 2019", "in exchange for contracts")
        phrase = noun_phrase(toks, cursor + 1)
    if (not phrase and unit in CURRENCIES.values() and first >= 2 and toks[first - 1].text.lower() in ("of", "worth")
            and _is_plain_word(toks[first - 2])):
        # the sum "of" what it values, or what it is "worth": "a street value of 180 million
        # euros", "a ransom of $12 million", "bribes worth 3.1 million euros"
        phrase = _name_before(toks, first - 2)
    if phrase and singular(toks[phrase[0]].text) in MEASURES and toks[phrase[0]].text.islower():
        phrase = phrase[:1]  # "44 feet struck the wall": a unit of measure is the whole phrase
    changed_to = before == "to"
    label_tokens = phrase or (_change_label(toks, first) if changed_to else [])
    if not label_tokens and not bare_duration and not scale:
        # "the death toll from the quake rose to 150", "cases had reached 1,020": a level's verb
        # with nothing counted after the number counts its subject
        verb = _level_verb(toks, first)
        label_tokens = _subject(toks, verb) if verb is not None else []
    if not label_tokens and not bare_duration and not scale and before in ("to", "at"):
        # the level's verb left out after "and": "cases rose to 517 and deaths to 14"
        label_tokens = _gapped_subject(toks, first)
    if not label_tokens and not bare_duration and not scale and _TOTAL_AFTER.match(text, toks[cursor - 1].end) and first >= 2 \
            and toks[first - 1].text == "," and _is_plain_word(toks[first - 2]):
        # "tanks, 40 in all": a total set after the noun it counts
        label_tokens = [first - 2]
    label, head, modifiers, label_at = "", None, (), -1
    if scale:
        label_tokens, label, head = [], _phrase_text(text, toks, scale_at - 1, scale_at), scale
        label_at = toks[scale_at - 1].start
    if label_tokens:
        head_index = phrase[-1] if phrase else _head_of(toks, label_tokens)
        last = _label_extent(toks, phrase) if phrase else label_tokens[-1]
        label = _phrase_text(text, toks, label_tokens[0], last)
        label_at = toks[label_tokens[0]].start
        head = singular(toks[head_index].text)
        modifiers = tuple(fold(toks[i].text) for i in phrase[:-1])
    if suffix and unit == "count":
        modifiers = (fold(suffix[1:]),) + modifiers  # "11-nation group"
    quantity = Quantity(value=value, unit=unit, head=head, modifiers=modifiers,
                        written=text[toks[first].start:toks[cursor - 1].end], label=label,
                        exact=before not in HEDGES or _level_reached(toks, first) or _margin(toks, first),
                        changed_to=changed_to,
                        start=toks[first].start, end=toks[cursor - 1].end, amount=amount, label_at=label_at)
    return quantity, cursor


def display_value(quantity: Quantity) -> str:
    """The value in figures: "6", "50%", "10 years", "$3 billion"; every digit as written. A measure
    shows its unit as the sentence writes it: "13.4 metres", "44-foot", "46.2°C", "1.9 billion litres"."""
    if measure(quantity) is not None:
        # the unit's words: "metres", "square miles" (a power of a length is written before it)
        unit_word = " ".join(quantity.label.split()[:1 + len(quantity.modifiers)]) if quantity.label else ""
        written_unit = "-" in quantity.written or "°" in quantity.written or (unit_word and unit_word in quantity.written)
        return quantity.written if written_unit else f"{quantity.written} {unit_word}".strip()
    value = quantity.value
    amount = quantity.amount
    if amount is None or not amount.is_finite():
        number = f"{value:,.0f}" if value.is_integer() else f"{value:g}"
    else:
        number = _figures(amount)
    if quantity.unit == "percent":
        return f"{number}%"
    if quantity.unit == "points":
        return f"{number} points"
    if quantity.unit in DURATIONS.values():
        return f"{number} {quantity.unit}{'' if value == 1 else 's'}"
    if quantity.unit in CURRENCIES.values():
        for name, multiplier in (("trillion", 10**12), ("billion", 10**9), ("million", 10**6)):
            if value >= multiplier:
                if amount is None or not amount.is_finite():
                    return f"{quantity.unit}{value / multiplier:g} {name}"
                scaled = _exact(len(str(amount))).divide(amount, Decimal(multiplier))
                if scaled == scaled.quantize(Decimal("0.001"), context=_exact(len(str(scaled)))):
                    return f"{quantity.unit}{_figures(scaled)} {name}"  # "$3.5 billion"
                break  # more digits than "N billion" shows: all of them
        return f"{quantity.unit}{number}"
    return number


def _figures(amount: Decimal) -> str:
    """A whole number with thousands separators; a fraction as written, trailing zeros dropped."""
    if amount == amount.to_integral_value(context=_exact(len(str(amount)))):
        return f"{int(amount):,}"
    text = format(amount, "f").rstrip("0").rstrip(".")
    whole, _, fraction = text.partition(".")
    return f"{int(whole):,}.{fraction}" if whole.lstrip("-").isdigit() else text


# Units of measure, as (dimension, size in SI units): one fact given in two units ("13.4 metres
# (44 feet)") is one figure, and two articles that use different units state the same value.
MEASURES = {
    "metre": ("length", 1.0), "meter": ("length", 1.0), "m": ("length", 1.0),
    "kilometre": ("length", 1000.0), "kilometer": ("length", 1000.0), "km": ("length", 1000.0),
    "centimetre": ("length", 0.01), "centimeter": ("length", 0.01), "cm": ("length", 0.01),
    "foot": ("length", 0.3048), "feet": ("length", 0.3048), "ft": ("length", 0.3048),
    "inch": ("length", 0.0254), "inche": ("length", 0.0254), "mile": ("length", 1609.344), "mi": ("length", 1609.344),
    "yard": ("length", 0.9144),
    "mph": ("speed", 0.44704), "kph": ("speed", 1 / 3.6), "km/h": ("speed", 1 / 3.6), "knot": ("speed", 0.514444),
    "kilogram": ("mass", 1.0), "kg": ("mass", 1.0), "pound": ("mass", 0.45359237), "lb": ("mass", 0.45359237),
    "tonne": ("mass", 1000.0), "ton": ("mass", 907.18474),
    "hectare": ("area", 1e4), "acre": ("area", 4046.8564224),
    "litre": ("volume", 0.001), "liter": ("volume", 0.001), "gallon": ("volume", 0.003785411784),
}
# A length unit raised to a power: "12,000 square kilometres (4,600 sq mi)" is one area, "2 million
# cubic metres" a volume (in cubic SI metres, as litres and gallons are).
POWERS = {"square": ("area", 2), "sq": ("area", 2), "cubic": ("volume", 3), "cu": ("volume", 3)}
# Two values of one dimension are the same measure when they differ by less than this share
# (conversions in news copy are rounded: 13.4 m is 43.96 ft, written "44 feet").
SAME_MEASURE = 0.03


def measure(quantity: Quantity) -> tuple[str, float] | None:
    """(dimension, value in SI units) for a length, speed, mass, area, volume or temperature,
    written as a noun ("13.4 metres", "4,600 square miles") or joined to the number ("a 44-foot
    wave"); None otherwise."""
    if (hyphened := _hyphened_measure(quantity)) is not None:
        return hyphened
    if quantity.unit != "count" or quantity.head is None:
        return None
    if quantity.modifiers:
        power = POWERS.get(quantity.modifiers[0].lower().rstrip(".")) if len(quantity.modifiers) == 1 else None
        found = MEASURES.get(quantity.head)
        if power is None or found is None or found[0] != "length":
            return None
        return (power[0], quantity.value * found[1] ** power[1])
    if quantity.head in ("celsius", "centigrade"):
        return ("temperature", quantity.value)
    if quantity.head == "fahrenheit":  # an offset scale: "37.4 Celsius (99.3 Fahrenheit)" is one reading
        return ("temperature", (quantity.value - 32) * 5 / 9)
    found = MEASURES.get(quantity.head)
    return (found[0], quantity.value * found[1]) if found else None


def _hyphened_measure(quantity: Quantity) -> tuple[str, float] | None:
    """A measure joined to the number as an adjective: "a 44-foot wave", "the 13-meter yacht"."""
    if quantity.unit != "count" or "-" not in quantity.written or not quantity.modifiers:
        return None
    found = MEASURES.get(singular(quantity.modifiers[0]))
    return (found[0], quantity.value * found[1]) if found else None


def same_measure(a: Quantity, b: Quantity) -> bool:
    """One fact in two units (or in one): same dimension, values equal up to rounding."""
    first, second = measure(a), measure(b)
    if not first or not second or first[0] != second[0]:
        return False
    return abs(first[1] - second[1]) <= SAME_MEASURE * max(first[1], second[1])


def conflicting_slots(first: list[Quantity], second: list[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """Pairs stating different exact values for one slot (same unit, noun and qualifiers)."""
    pairs = []
    for a in first:
        for b in second:
            if a.exact_value != b.exact_value and same_slot(a, b):
                pairs.append((a, b))
    return pairs


# Qualifiers that name a different part of a whole or a different measure: "25% reciprocal
# tariffs" is not "the 50 percent tariff"; "19 nautical miles" is "22 miles".
PART_QUALIFIERS = frozenset(
    "additional extra further more other another reciprocal new old remaining initial first second third"
    " final previous earlier existing current total overall combined base baseline retaliatory punitive"
    " penalty annual monthly daily weekly nautical square cubic metric".split()
)


def same_slot(a: Quantity, b: Quantity) -> bool:
    """Both exact, same unit and counted noun, and no modifier that marks a different thing."""
    if not (a.exact and b.exact) or a.head is None or a.slot != b.slot:
        return False
    first, second = {m.lower(): m for m in a.modifiers}, {m.lower(): m for m in b.modifiers}
    differing = [({**first, **second})[m] for m in set(first) ^ set(second)]
    if {m.lower() for m in differing} & PART_QUALIFIERS:
        return False
    if first and second and not set(first) & set(second):
        return False  # "six Apache helicopters" and "eight Chinook helicopters"
    # A name or model number in one phrase only ("Boeing", "P8I") may mark a different thing.
    return not any(m[0].isupper() or any(ch.isdigit() for ch in m) for m in differing)
