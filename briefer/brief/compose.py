"""Compose: put the ranked items into the brief's sections, with citations and sources."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from briefer.core.sections import SECTION_KEYS, SECTION_TITLES
from briefer.analysis.corroboration import claim_support, prefer_corroborated
from briefer.analysis.disagree import find_disagreements
from briefer.analysis.figures import key_figures
from briefer.core.models import (Brief, BriefItem, Corpus, Disagreement, Figure, Passage, Quote, Section, Source,
                                  TimelineEntry)
from briefer.analysis.quotes import key_quotes
from briefer.analysis.rank import Ranking
from briefer.analysis.sections import (FINITE_VERB, NONE, OUTCOMES, WEAK_REASONS, Statement, assign_sections,
                                      decide_all, overtaken, statements_of)
from briefer.core.cues import pattern, phrases
from briefer.core.lexicon import MONTHS, NUMBER_WORD_PATTERN, SPEECH_VERB_PATTERN, WEEKDAYS
from briefer.core.text import STOPWORDS, archive_quotes, inner_names, stem
from briefer.language.quantities import singular
from briefer.language.tense import ANY_IRREGULAR_PAST, PAST_PARTICIPLE
from briefer.language.quotations import PAST_SPEECH_VERBS, PERSON_NOUNS, ROLE_TITLES, TITLES, quote_spans
from briefer.analysis.timeline import ArticleDate, article_dates, build_timeline
from briefer.brief.edits import line_id


def brief_date(corpus: Corpus, override: dt.date | None) -> dt.date:
    """The given date, else the newest article's, else today's."""
    if override:
        return override
    dates = [c.article.date for c in corpus.articles if c.article.date]
    return max(dates) if dates else dt.date.today()


@dataclass(frozen=True)
class Story:
    """What the articles say, read once per build whatever the number of audiences."""

    corpus: Corpus
    ranking: Ranking  # corroboration already weighed in
    dates: dict[int, ArticleDate]  # article number -> its date, own or inferred
    statements: tuple[Statement, ...]  # one per item
    overtaken: frozenset[int]  # forecasts a later report overtook
    labels: tuple[str, ...]  # each item's section, or "none"
    disagreements: tuple[Disagreement, ...]
    quotes: tuple[Quote, ...]
    figures: tuple[Figure, ...]
    support: tuple[tuple[int, ...], ...] = ()  # each item's articles stating its claim, in any words
    names: dict[str, frozenset[str]] | None = None  # surnames() of the items, read once: who a bare surname may be
    weak: frozenset[int] = frozenset()  # items whose section is inferred, not stated (sections.WEAK_REASONS)
    # (article, position) -> the sentence there, read once: what a line's article told before it
    sentence_at: dict[tuple[int, int], str] = field(default_factory=dict)


# A line opens with a word that points back ("But", "They", "Another"), or with wire-copy
# furniture ("EDITOR'S NOTE:", "Q:", "UPDATES with ..."), or shouts a heading in capitals.
_DANGLING = pattern("brief", "dangling")
_EDITORIAL = pattern("brief", "editorial")
_LEAD_IN = pattern("brief", "lead_ins")
_SHELL_NOUN = re.compile(r"^The\s+(?:" + pattern("brief", "shell_nouns").pattern + r")", re.I)
# Nouns of time: a demonstrative points to one from the article's own moment ("this week", "this
# spring"), a relative anchor from an event told before ("Later that day, ...").
_TIME_HEADS = ("week month year morning afternoon evening night weekend spring summer fall autumn winter season "
               "quarter term session semester day century decade").split()
# An anchor relative to an event not shown: "Three days earlier", "A week later", "Two years before".
_RELATIVE_ANCHOR = re.compile(r"^(?:\w+|a|an)\s+(?:\w+\s+)?(?:hours?|days?|weeks?|months?|years?|decades?)\s+"
                              r"(?:earlier|later|afterwards?|(?:before|after)(?=\s*,))\b"  # "after the war ended" names it
                              # "Later, ...", "Soon after, ...", "Shortly afterward, ...", "Later that day, ...": after or
                              # before what? ("Earlier this week", "Later on Sunday" are dated by the article itself)
                              r"|^(?:(?:soon|shortly|immediately|not\s+long|moments|minutes|hours|days|weeks|months|years)\s+)?"
                              r"(?:earlier|later(?:\s+on)?|afterwards?|after|before|thereafter)"
                              r"(?:\s+that\s+(?:" + "|".join(_TIME_HEADS) + r"))?(?=\s*,)", re.I)
_OPENING = re.compile(r"^[\s\"“‘'`(_.…-]*")  # quote marks, dashes and an ellipsis before the first word
# Openers of the dangling list that do not point back here: "So" that only intensifies or
# measures ("So far, ...", "So many died that ...", "So long as ...", "So severe was the flooding
# that ...", "So soon after the attack, ..."; a "So" that opens a conclusion
# from the sentence before, "So Saddam on Friday tried to ...", does), "Other than ..." ("Other
# groups targeted by police ..." are others than those told before).
_OPENER_NOT_BACK = re.compile(r"^(?:[Ss]o\s+(?:far|much|many|few|little|long\s+as"
                              r"|(?!(?:he|she|it|they|we|you|i|there|this|that)\b)[a-z]+\s+(?:was|were|is|are|after|before))"
                              r"|[Oo]ther\s+than)\b")
_HEADING = re.compile(r"^[\s\"“‘'`(_.…-]*[A-Z0-9][A-Z0-9'’&.,\s-]{5,}[A-Z](?:\s*[:_—–-]|\s+[A-Z][a-z])")
# "It is not known whether ...", "It was unclear ...": an expletive "it" points back to nothing.
_EXPLETIVE_IT = re.compile(r"^It\s+(?:is|was|has been|had been|will be|would be|remains|remained|seems|seemed|appears"
                           r"|appeared)\s+(?:not\s+|still\s+|now\s+|also\s+)*(?:\w+\s+)?(?:that|to|whether|when|where"
                           r"|how|why|who|unclear|clear|known|expected|likely|possible|unlikely)\b")
# "It is expected to ...", "It was set to ...": the "it" of a forecast is its subject, named before.
_REFERRING_IT = re.compile(r"^It\s+(?:is|was|will be|would be|had been|has been)\s+(?:not\s+)?(?:expected|likely|unlikely|set"
                           r"|due|scheduled|going|planned|designed|intended)\s+to\b")
# A quantifier standing for people or things named before: "Both were ...", "Neither has ...".
_PRONOUN_QUANTIFIER = re.compile(r"^(?:Both|Neither|Each|All|Many|Most|Some|Others)\s+(?:of\s+them\b|(?:were|are|was|is|have"
                                 r"|has|had|said|say|says|will|would|could|can|did|do)\b)")
# A fronted phrase whose object is a pronoun points back as an opening pronoun does: "Among them is
# the winner ...", "Of those, two died", "Despite this, ...".
_FRONTED_PRONOUN = re.compile(r"^(?:Among|Amongst|Of|Like|Unlike|For|With|Besides|Despite|Beyond|Behind|Against|Without)"
                              r"\s+(?:(?:them|him|her)\b|it\b(?!\s+(?:or\s+not|all|to)\b)"
                              r"|(?:this|that|these|those)(?=\s*,|\s+(?:is|are|was|were)\b))")
# A fronted phrase with no verb of its own, then a demonstrative subject: "Barring a major
# compromise, that will not be enough time ...": that is what? (After a fronted clause the
# demonstrative may be the clause itself: "If the talks fail, that would end the season.")
_FRONTED_THEN_DEMONSTRATIVE = re.compile(
    r"^(?P<fronted>[^,;:]{1,60}),\s+(?:that|this|these|those)\s+(?:is|are|was|were|will|would|could|can|may|might"
    r"|has|have|had|means|meant|did|does|leaves|left)\b")
# A name set beside a noun, between commas: "the group, Human Rights Campaign, ..." says which one.
_NAME_BESIDE = r",\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*,"
# "The two dead were found ...", "The nine crew on board ...", "The 30-year-old mechanic confessed
# ...": a definite count is a set the reader was told of before (the figures say so too: it is no
# count of its own), unless a relative clause says which ("The 11 nations that adopt the euro").
_KNOWN_SET = re.compile(r"^The\s+(?:(?:" + NUMBER_WORD_PATTERN
                        + r")(?:-(?:one|two|three|four|five|six|seven|eight|nine)\b)?"  # "twenty-one"
                        + r"|(?!(?:19|20)\d\d\b)\d[\d,]*)"  # not a year: "The 2012 request by ..." says which
                        r"(?:-year-old)?\s+(?!percent\b|per\s+cent\b)"  # a rate classifies: "The 25 percent tariffs"
                        r"(?![\w-]*(?:\s+[\w-]+)?\s+(?:that|who|which|whose|of)\b)[a-z]")
# A clause put first whose subject is a plural pronoun or a set told before ("Although the two
# were forced to reduce sail, they ...", "When they landed, they ..."), and a main clause whose
# subject is a pronoun too: neither clause names whom both point to (a name after the comma takes
# a pronoun put before it: "When they landed, the crews said ...").
# Conjunctions that open a clause put before the main one ("When ..., ", "Although ..., ").
_SUBORDINATORS = "when|while|after|before|as|although|though|since|if|once|because|until"
_SUBORDINATE_OPENING = re.compile(r"^(?i:" + _SUBORDINATORS + r"|unless)\b")  # "If the talks fail, ..."
# A clause granting a contrast ("While Eberstadt counsels caution, that could mean ...") sets
# beside the main clause what it does not say: a demonstrative after it points to a sentence
# before, never to the concession.
_CONCESSIVE_OPENING = re.compile(r"^(?i:while|although|though|whereas|even\s+though)\b")
_FRONTED_SET_THEN_PRONOUN = re.compile(r"^(?i:" + _SUBORDINATORS + r")\s+"
                                       r"(?:they|both|the\s+(?:" + NUMBER_WORD_PATTERN + r"))\s[^,]*,\s+"
                                       r"(?:(?:\w+ly|still|also|then|now)\s+)?(?:they|he|she)\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
LIST_NUMBERS = 6  # this many numbers, one word in three or more: a table, not a sentence
_MARKER_END = re.compile(r"^\s*[:.)—–-]")
# One word and a colon opening a line: a label (a note, a summary, a division of a results table,
# a speaker in a transcript), not a sentence's subject. (A clock time has no space: "10:30".)
_LABEL = re.compile(r"^[\w'’.-]{1,20}:\s")


# "the" and the noun that heads the phrase: not "The ministers' talks"
_THE_NOUN = re.compile(r"\b[Tt]he\s+([a-z]+)(?:['’]s)?\b(?![’'-])")  # "the group", "the group's officials"
# An entry of a chronology or a list: "Oct. 9, 1998: Netanyahu appoints him ...", "1982: ...".
_DATED_ENTRY = re.compile(r"^(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|(?:[A-Z][a-z]{2,8}\.?\s+)?(?:1[5-9]|20)\d\d"
                          r"(?:s|[-–]\d{2,4})?(?P<label>(?:\s+[\w'’-]+){0,3}))\s*(?::|\s[-–]\s)")
# (a day, a year, a month and year, a decade or a span of years, or one and the event it names:
# "1982-83: Invades Lebanon ...", "1948 Mideast war: Fights as junior officer ..."; a label, with no
# verb: "2020 was different: ..." is a sentence)


# Nouns that stand for something the article named or told before: a body or a person opening a
# line ("The group ...", "The officials ..."), a body or a statement anywhere in it ("the
# newspaper said", "since the decision").
_OPENING_REFERENTS = frozenset(phrases("brief", "referent_nouns") + phrases("language", "person_nouns")
                               + phrases("language", "organisation_heads"))
_SHELLS = frozenset(phrases("brief", "shell_nouns"))
_BODIES = frozenset(phrases("brief", "referent_nouns")) | _SHELLS
# News names an anonymous source by what it knows: "officials familiar with the matter", "people
# briefed on the talks". The noun there is the story's subject, not something told before.
_ANONYMOUS_SOURCE = re.compile(r"\b(?:familiar with|briefed on|knowledgeable about)\s+$", re.I)
# A condition fronted before the line's main clause ("If the House votes to impeach, the matter goes
# to the Senate"): a shell noun after it may take its content from it (a clause of time or
# concession sets a scene: "When the minister arrived, the scandal had broken").
_FRONTED_CLAUSE = re.compile(r"^(?:If|Unless|Once)\b[^,;]*,")


def _chronology_entry(body: str) -> bool:
    entry = _DATED_ENTRY.match(body)
    return bool(entry) and not FINITE_VERB.search(entry.group("label") or "")


def _one_of(noun: str, nouns: frozenset[str]) -> bool:
    return noun in nouns or singular(noun) in nouns


# A closing attribution to a bare pronoun ("..., she said."), with no one named before it in the
# sentence: the speaker was named in a sentence the page does not show.
_PRONOUN_SPEAKER = re.compile(r"[,”\"'’]\s+(?:he|she|they)\s+(?:told\s+\w+|" + SPEECH_VERB_PATTERN + r")"
                              r"\s*[.!?]?[\"”’']*\s*$")
_NAMED_FIRST = re.compile(r"^[A-Z][\w'’-]+\s+(?:" + SPEECH_VERB_PATTERN + r")\b")  # "Raventos said ..."
# "one" closing the sentence, standing for a member of a set named before ("pending the amnesty
# application of one."): which set, the page does not say ("all jurors except one" names it).
_ONE_OF_A_SET = re.compile(r"\b(?:of|for)\s+one\s*[.!?]?[\"”’']*\s*$", re.I)


def _unnamed_referent(body: str) -> bool:
    """"The group ...", "The officials ...", "The council ...": a body or a person the article
    named before, left unnamed on the page (a name in capitals, "The Security Council", is kept)."""
    match = _THE_NOUN.match(body)
    # "The party of Prime Minister Sharif ...", "The group that ...": the phrase after it says
    # which one ("The council on Friday agreed ..." does not)
    return bool(match) and _one_of(match.group(1), _OPENING_REFERENTS) and not _SAYS_WHICH.match(body, match.end())


# A relative clause after a noun says which one: "the group that ...", "the decision which ...".
_WHICH_CLAUSE = r"\s+(?:that|which|who|whose)\b"
_SAYS_WHICH = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]|" + _WHICH_CLAUSE + "|" + _NAME_BESIDE)
# After a shell noun, its complement says which one too: "The decision to close the port", "The
# announcement of the timetable", "The dispute over the harbour toll", "The case against the firm".
_SHELL_SAYS_WHICH = re.compile(r"\s+(?:of|to|over|about|against|between)\b|" + _WHICH_CLAUSE + "|" + _NAME_BESIDE)
# A shell noun whose content follows points forward, not back: "The question now is whether ...",
# "The problem is that ...", "raises the question whether ...", "The issue: ...".
_POINTS_FORWARD = re.compile(r"(?:\s+(?:now\s+)?(?:is|was|remains|remained))?\s+(?:that|whether|if|how|why|what|who|when|where)\b"
                             r"|\s*:")


def _says_what(text: str, end: int) -> bool:
    """What follows a shell noun says what it is: a complement ("The decision to close the port")
    or its content ("The question is whether ...")."""
    return bool(_SHELL_SAYS_WHICH.match(text, end) or _POINTS_FORWARD.match(text, end))


# Idioms that hold a shell noun without pointing to anything: "out of the question", "part of the
# problem", "the heart of the matter", "as is the case".
_SHELL_IDIOM = re.compile(r"\b(?:(?:out|part|heart|crux)\s+of|is|are|was|were|be|been|being)\s+$", re.I)


# A name, its verb, then "it" or "them" and what the verb makes of it ("Bernie Sanders calls it the
# 'big enchilada'", "UNESCO declared it a protected site"): an object pronoun is never the subject
# of its own verb, and nothing else before it in the line can be what it stands for. ("Microsoft
# says it needs ...": after a verb of saying "it" opens a clause, a verb follows, and it may be the
# subject; "made it clear", "made it a crime to lie" hold the empty "it" of a clause put after.)
_OBJECT_BEFORE_ITS_COMPLEMENT = re.compile(r"^(?:[A-Z][\w.'’-]*\s+){1,4}(?:(?:\w+ly|also|later|then|still|now)\s+)?"
                                           r"(?!put\b|puts\b)[a-z]+\s+(?:it|them)\s+(?:(?:the|a|an|his|her|its|their|this|that)\b|[\"“‘])"
                                           # the empty "it" of a clause put after ("made it a crime to lie", "made it
                                           # a priority that ..."), and "put it this way", name nothing told before
                                           r"(?![^,;.]*\b(?:to\s+[a-z]+|that)\b)")
_OPENING_CONTRACTION = re.compile(r"^(it|that|this|they|he|she|we|you|there|here|what|who)['’](s|re|ll|d|ve)\b", re.I)
_CONTRACTED = {"s": "is", "re": "are", "ll": "will", "d": "would", "ve": "have"}


def reads_alone(text: str) -> bool:
    """A line a reader understands on its own: no opener that points to a sentence not shown,
    no report heading, Q&A marker or editorial lead-in."""
    body = text[_OPENING.match(text).end():]
    # a pronoun opener in a contraction is read as its words: "That's the deadline" is "That is the
    # deadline" ("Another's loss" is a possessive)
    body = _OPENING_CONTRACTION.sub(lambda m: m.group(1) + " " + _CONTRACTED[m.group(2).lower()], body, count=1)
    opener = _DANGLING.match(body)
    if opener and (opener.end() == len(body) or not body[opener.end()].isalnum()) and (
            not _EXPLETIVE_IT.match(body) or _REFERRING_IT.match(body)) and not _OPENER_NOT_BACK.match(body):
        return False  # "But ...", "So ...", "Other ..."; "It is expected to drop ...": "it" named before, no empty subject
    if _PRONOUN_QUANTIFIER.match(body) or _KNOWN_SET.match(body) or _FRONTED_PRONOUN.match(body) \
            or _FRONTED_SET_THEN_PRONOUN.match(body):
        return False  # "Both were dominant companies", "Neither has said ...", "The two dead were ...": of whom?
    demonstrative = _FRONTED_THEN_DEMONSTRATIVE.match(body)
    if demonstrative and (not (FINITE_VERB.search(demonstrative.group("fronted"))
                               or _SUBORDINATE_OPENING.match(demonstrative.group("fronted")))
                          or _CONCESSIVE_OPENING.match(demonstrative.group("fronted"))):
        return False  # "Barring a major compromise, that will not be enough": what is "that"?
    shell = _SHELL_NOUN.match(body)
    if (shell and not _says_what(body, shell.end()) or _RELATIVE_ANCHOR.match(body)
            or _unnamed_referent(body) or _chronology_entry(body)):
        return False  # "The decision came after ...", "Three days earlier, ...": what they point to is not shown
    furniture = _EDITORIAL.match(body)
    if furniture and _MARKER_END.match(body[furniture.end():]):
        return False  # "Q: ...", "EDITOR'S NOTE: ...", "UPDATES with ..." when followed by a mark
    if furniture and furniture.group(0).lower().startswith(("update", "correct", "editor", "eds")):
        return False
    if _OBJECT_BEFORE_ITS_COMPLEMENT.match(body):
        return False  # "Sanders calls it the 'big enchilada'", "UNESCO declared it a protected site": it is what?
    if _LABEL.match(text):  # as written: '“Enough: we are leaving,” he said' quotes a speaker
        return False  # "Note: ...", "Summary: ...", "6A: ...": a label a page or a transcript sets before its text
    if _back_connective(body) or _unanchored_pronoun(body, text):
        return False  # "..., however, he would ...", "survivors of his killing spree": who or what is not shown
    if _FUSED.search(text):
        return False  # "that year's peace prize was annouCkuld not give him": two sentences run together mid-word
    if _GLOSS.search(body):
        return False  # "Nagano's mayor was responding to allegations by ...": a gloss on words not shown
    unquoted = _outside_quotes(body)
    if _DATELINE_DEIXIS.search(unquoted):
        return False  # "outside city hall here", "this small city": the dateline's place, which the page does not show
    pronoun = _PRONOUN_SPEAKER.search(body)
    if pronoun and not (inner_names(body[:pronoun.start()]) or _NAMED_FIRST.match(body)):
        return False  # "..., and the strike could resume if they reject it, she said.": who is "she"?
    if _ONE_OF_A_SET.search(unquoted):
        return False  # "pending the amnesty application of one": one of a set the page does not show
    if _demonstrative_back(unquoted):
        return False  # "suffer from this burden", "shifting its position in those disputes": which burden, which disputes?
    colon = text.find(":")
    if colon > 0 and _LEAD_IN.search(text[:colon]) or "___" in text:
        return False  # an editorial or a document introduced, or a list ruled off with underscores
    if len(_NUMBER.findall(text)) >= LIST_NUMBERS and len(_NUMBER.findall(text)) > len(text.split()) / 3:
        return False  # a table or a list of figures run together ("Sweden, 0.1 (2.7); France, 0.2 ...")
    return not _HEADING.match(text)


# The places a dateline names ("this city").
_DATELINE_PLACES = "city town village capital port island".split()
# Wire copy points to its dateline's place: "here", "this city" ("officials here said", "in this
# small city"); a line cut from it leaves the reader without the place. ("Here is ..." opens a list.)
_DATELINE_DEIXIS = re.compile(r"(?<!^)\bhere\b(?!\s+(?:is|are)\b)(?<!\bfrom here(?=\s+on\b))(?!\s+(?:in|at)\s+[A-Z])"
                              r"|\bthis\s+(?:(?!" + "|".join(_TIME_HEADS) + r")\w+\s+)?(?:" + "|".join(_DATELINE_PLACES)
                              + r")\b(?!\s+(?:of|in)\b)", re.I)


# A word that runs into another mid-word, a capital inside lower case ("annouCkuld"): copy that
# lost the end of one sentence and the start of the next. (Names keep their capital first:
# "McKinney", "DeLay"; "eBay" has one letter before it.)
_FUSED = re.compile(r"\b[a-z]{5,}[A-Z][a-z]{2,}")
# A progressive of responding or referring glosses what was said in the sentence before ("He was
# referring to the Senate majority leader", "The mayor was responding to allegations by ...").
_GLOSS = re.compile(r"\b(?:was|were|is|are)\s+(?:apparently\s+|clearly\s+)?(?:referring|alluding)\s+to\b"
                    r"|\b(?:was|were|is|are)\s+(?:apparently\s+|clearly\s+)?(?:responding|reacting|replying)\s+to\s+"
                    r"(?:the\s+|his\s+|her\s+|their\s+)?(?:\w+\s+)?(?:allegations?|remarks?|comments?|criticism|questions?"
                    r"|claims?|charges|accusations?|statements?|reports?)\b", re.I)


# A demonstrative with its noun inside a line ("suffer from this burden", "these differences of
# emphasis belie ...", "in those disputes") points to something told before it, unless the noun
# is a time the article's date gives ("this week", "this September"), the writer's own moment,
# occasion or report ("at this point", "this election", "contributed to this report"), a place of
# the dateline (weighed by _DATELINE_DEIXIS: "Lebanon's new president ... a crisis in this
# country"), or a phrase after it says which ("those voters who ...", "those found at the
# clinic", "this trade war between the two countries"), or the line itself named it before
# ("female leaders ... those leaders"). A demonstrative before a function word ("this will remove
# the last stronghold", "this is") most often stands for the clause before it in the same
# sentence: it is left alone.
# ("that" only after a preposition, where it cannot open a clause: "did the math on that feat", "for
# that reason"; after a verb it may: "said that prices rose". A time or a place after "that" is one
# told before too: "on that day", "at that time", "by that point".)
_AFTER_PREPOSITION = ("on", "at", "of", "for", "with", "by", "from", "about", "to", "into", "over", "under",
                      "after", "before", "during")  # not "in": "differs in that workers keep their pensions" opens a clause
_DEMONSTRATIVE = re.compile(r"(?:(?<=[\w,;:)—–-] )(?:this|these|those)|"
                            + "|".join(rf"(?<=(?i:\b{word}) )that" for word in _AFTER_PREPOSITION)
                            + r")\s+((?:[a-z][a-z'’-]*\s*){1,3})")
_DEICTIC_HEADS = frozenset(
    [w + suffix for w in _TIME_HEADS for suffix in ("", "s")]
    + "time times past coming one ones point way kind kinds sort sorts type side sides stage moment juncture "
      "magnitude scale size report story article election elections campaign race cycle round".split())
_PLACE_HEADS = frozenset(_DATELINE_PLACES + "country nation state region province municipality".split())
_DEMONSTRATIVE_SAYS_WHICH = re.compile(_WHICH_CLAUSE + r"|\s+(?:whom|where|between)\b")


# "that" and one word closing the sentence after a verb ("trying to underscore that contrast.",
# "rejected that idea.", "would repeal that measure.", "to make that happen."): no clause can
# follow it there, so it is a demonstrative or a pronoun, pointing to what was told before.
_THAT_CLOSING = re.compile(r"(?:\bto\s+[a-z]+|\b[a-z]{3,}ed|\b(?:will|would|can|could|must|should|may|might)\s+[a-z]+"
                           rf"|\b(?:{ANY_IRREGULAR_PAST}))\s+that\s+[a-z]+[.!?][\"'’”]*\s*$")


def _demonstrative_back(body: str) -> bool:
    if _THAT_CLOSING.search(body):
        return True
    for match in _DEMONSTRATIVE.finditer(body):
        words = [re.sub(r"['’]s?$", "", w) for w in match.group(1).split()]  # "this weekend's broadcast", "this years' show"
        if words[0] in STOPWORDS:
            continue  # "this is ...", "those who ...": a pronoun
        # the noun phrase runs to the first function word: "these differences [of emphasis]"
        phrase = list(itertools.takewhile(lambda w: w not in STOPWORDS, words))
        pointing = match.group(0).startswith("that")  # "on that day", "in that country": told before, not the writer's
        if not pointing and any(w in _DEICTIC_HEADS or w in _PLACE_HEADS or w.capitalize() in MONTHS
                                or w.capitalize() in WEEKDAYS for w in phrase[:2]):
            continue
        after = match.start(1) + len(" ".join(match.group(1).split()[:len(phrase)]))
        if _DEMONSTRATIVE_SAYS_WHICH.match(body, after):
            continue  # "those voters who ...", "this trade war between ...": which one is said
        if match.group(0).startswith("those") and (re.fullmatch(r"[a-z]+(?:ed|ing)", words[0])
                                                   or re.fullmatch(PAST_PARTICIPLE, words[0])):
            continue  # "those found at the clinic", "those living near the dam": which ones is said
        if stem(phrase[-1]) in {stem(w) for w in re.findall(r"[a-z]+", body[:match.start()].lower())}:
            continue  # the line named it before: "female leaders, ... few of those leaders"
        return True
    return False


def _outside_quotes(text: str) -> str:
    """The text with quoted passages blanked: a speaker's "here" is the speaker's."""
    return re.sub(r"``.*?''|“.*?”|\".*?\"" + ("|''.*?''" if archive_quotes(text) else ""), " ", text)


_PERSON_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.I)
_PHRASE_THEN_PRONOUN = re.compile(r"^([^,]{3,}),\s+(?:he|she)\b")  # a fronted part, then "he" or "she" as subject
_CLOSING_MARKS = ("”", "''", '"')  # a quotation closes before the pronoun only if one of these does
_ANCHOR_WORD = re.compile(r"\b[A-Z][a-z]+|\b[a-z]+\b")
_FRONTED = re.compile(r"^(?:" + _SUBORDINATORS + r"|upon|in|on|at|despite"
                      r"|during|throughout|toward|towards|along)\b",
                      re.I)


def _names_its_subject(phrase: str) -> bool:
    """A fronted phrase that says who the subject is: a role ("As the port's director, he ...") or
    a name's possessive ("After Ortiz's defeat, she ...")."""
    return bool(re.search(r"\b[A-Z][a-z]+['’]s\b", phrase)) or any(
        _one_of(word.lower(), _PERSON_WORDS) for word in re.findall(r"[A-Za-z]+", phrase))


def _back_connective(body: str) -> bool:
    """A connective that ties the line to a sentence before it: opening it, or set off by
    commas inside it ("..., however, he would be forced ...")."""
    if re.search(r",\s*too\s*[,.;]", body):
        return True  # "The rebels took casualties, too, but ...": as someone else did, in a sentence not shown
    for match in pattern("brief", "back_connectives").finditer(body):
        before, after = body[:match.start()].rstrip(), body[match.end():]
        if (not before or before.endswith(",")) and re.match(r"\s*,", after):
            return True
    return False


def _unanchored_pronoun(body: str, text: str | None = None) -> bool:
    """A "he", "his", "she" or "her" with no one before it in the line it could stand for: no
    name, no person's role ("the minister ... his"). A pronoun in a clause put before its name
    ("When he arrived, Ortiz said ...") points forward, and is kept. A subject "he" or "she" after
    a fronted phrase with no verb of its own points back ("In an interview with the BBC, he ..."),
    unless the phrase gives a role or a possessive name ("As the port's director, he ...")."""
    pronoun = _PERSON_PRONOUN.search(body)
    if not pronoun:
        return False
    opening = _PHRASE_THEN_PRONOUN.match(body)
    if opening and not FINITE_VERB.search(opening.group(1)) and not _names_its_subject(opening.group(1)):
        return True  # "In an interview with the BBC, he ...", "On Monday, she ...": a phrase, not a clause, before
        # its subject holds no one the pronoun could stand for, a name in it neither ("Standing near Ewing, he said")
    # a name inside a quotation is the speaker's word, not who "he" is in its attribution
    # ("“Libya has agreed to a trial ...,” he said"): it anchors nothing
    # (`text`: the whole line, whose opening quotation mark is cut from `body`)
    before = body[:pronoun.start()]
    if text is not None and any(mark in before for mark in _CLOSING_MARKS):
        offset = len(text) - len(body)
        for start, end in quote_spans(text):
            start, end = max(0, start - offset), end - offset
            if 0 < end <= pronoun.start():
                before = before[:start] + " " * (end - start) + before[end:]
    if _someone_in(before):
        return False  # a name or a person's role before it
    comma = body.find(",")
    if not (_FRONTED.match(body) and 0 <= pronoun.start() < comma):
        return True
    # a pronoun in a fronted clause points forward to the subject right after it ("When he arrived,
    # Ortiz said ...", "... , the minister said"); a pronoun after that subject needs someone before
    # it as any does ("In his younger days, her father worked ...": "his" is her father's, and whose
    # father is he?)
    if not _someone_in(" ".join(re.findall(r"[A-Za-z][\w.'’-]*", body[comma:])[:SUBJECT_WORDS])):
        return True
    return any(not _someone_in(body[comma:later.start()]) for later in _PERSON_PRONOUN.finditer(body, comma))


SUBJECT_WORDS = 3  # words after a fronted clause read for its subject: "the minister", "President Ortiz", "the 72-year-old senator"


def _someone_in(before: str) -> bool:
    """A name (a capitalised word that is no sentence opener) or a person's role in the words."""
    for match in _ANCHOR_WORD.finditer(before):
        word = match.group(0)
        if word[0].isupper():
            if word not in _NOT_GIVEN_NAMES:
                return True  # a name
        elif _one_of(word.lower(), _PERSON_WORDS):
            return True  # a person's role
    return False


# --- Names a page must introduce ----------------------------------------------------------
PAGE_NAME_ROUNDS = 3  # rounds of giving way; each costs one more assignment of the sections
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:['’-][A-Za-z]+)*\b")
_NAME_RUN = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]\.)(?:\s+(?:[A-Z][a-z]+|[A-Z]\.))*\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
_TITLED_SURNAME = re.compile(r"\b([A-Z][a-z]+)\.?\s+([A-Z][a-z]+)\b")  # "Mrs. Carson", "Sen. Kerry"
_TIME_NAMES = frozenset(WEEKDAYS)  # (a month may be a surname: "Theresa May said")
# Capitalised words that open a sentence without being a given name: articles, connectives,
# pronouns and the words that open a sentence before a name ("Even Republicans who ...", "Still
# Trump said ..."; language/cues/not_names.txt, the stop words). "Will" is a given name too.
_NOT_GIVEN_NAMES = frozenset("The A An In On At By For From With And But Or If As Of To After Before When While Since "
                             "During Under Over This That These Those It He She They We His Her Their Its "
                             "Neither Nor Either Both".split()) | frozenset(
    w.capitalize() for w in set(phrases("language", "not_names")) | STOPWORDS if w != "will")


def _name_words(match: re.Match) -> list[str]:
    """The words of a run of capitalised words, without the article or connective opening it
    ("The National Basketball Association" -> National Basketball Association)."""
    words = match.group(0).split()
    while words and words[0] in _NOT_GIVEN_NAMES:
        words = words[1:]
    return words


def surnames(texts: list[str]) -> dict[str, frozenset[str]]:
    """Last words of the people's names the texts write in full, with the two words that end
    each full form ("Rep. Tony Hall" -> "Hall": {"Tony Hall"}); a word the texts also write in
    lower case ("Council", "Party") names no one."""
    lower = {w for text in texts for w in re.findall(r"\b[a-z]+\b", text)}
    titles = _PERSON_WORDS
    found: dict[str, set[str]] = {}
    titled: dict[str, set[str]] = {}
    people: set[str] = set()
    for text in texts:
        for match in _NAME_RUN.finditer(text):
            words = _name_words(match)
            last = match.group(1)
            if len(words) < 2 or last.lower() in lower or last.lower() in titles or last.lower() in _TIME_NAMES:
                continue  # a word also written in lower case, a title ("Defence Secretary") or a weekday
                # ("the National Basketball Association Tuesday announced ...") names no one
            found.setdefault(last, set()).add(" ".join(words[-2:]))  # "Antonio Samaranch" of a longer form
            # a person, not a place or a product: a title or a role before the name ("President
            # Donald Trump", "defence minister Rajnath Singh"), or words said after it
            before = text[:match.start()].split()[-1:]
            set_off = text[:match.start()].rstrip().endswith(",") and _SET_OFF_SAID.match(text, match.end())
            if any(w.lower().strip(".,;:") in titles for w in words[:-1] + before) or _SAID_AFTER.match(text, match.end()) \
                    or set_off or _apposed_role(text, match.end()):
                people.add(last)
        # a title before a bare surname anywhere ("Mrs. Carson", "Sen. Kerry") tells a person's too,
        # and is the fullest form a person only ever given a title has ("Lt. Majera")
        for match in _TITLED_SURNAME.finditer(text):
            if match.group(1).lower() in titles and match.group(2).lower() not in lower | titles \
                    and not re.match(r"\s+[A-Z]", text[match.end():]):
                people.add(match.group(2))
                titled.setdefault(match.group(2), set()).add(match.group(0))
    return {name: frozenset(found.get(name) or titled[name]) for name in people if name in found or name in titled}


# After a name, what only follows a person's: words said, "who", or an age set off by commas
# ("Vincent Cochetel, 37, ..."); any verb of saying in the past after a name set off by commas.
_SAID_AFTER = re.compile(r",?\s+(?:said|says|told|added|who)\b|,\s+\d{1,2},")
# A name set off by commas and then a verb of saying is a person's ("One, Peter Kennedy, claimed"); a
# place before such a verb is not ("South Africa agreed", "North Korea warned").
_SET_OFF_SAID = re.compile(r",\s+(?:" + "|".join(PAST_SPEECH_VERBS) + r")\b")


# a person's title or role: "Rep.", "minister", "spokesman" (a qualifier alone, "National", is none:
# "NCNB Texas National Bank" is a bank)
_PERSON_WORDS = ROLE_TITLES | PERSON_NOUNS
# A role set off after a name ("Dennis Rivera, one of the most powerful labor leaders in New York",
# "Hun Sen, the prime minister", "Ines Ortiz, president of the union"): the name is a person's.
_APPOSITION = re.compile(r",\s+(?:one\s+of\s+)?(?:(?:the|a|an)\s+)?((?:[\w'’-]+\s+){0,7}?)([a-z]+)(?=\s+(?:in|of|at|for|from"
                         r"|with|who|whose|on|and)\b|\s*[,;:.)]|\s+[—–]|$)")


def _apposed_role(text: str, end: int) -> bool:
    """A role in apposition right after the name ending at `end`: its head noun is a person's."""
    match = _APPOSITION.match(text, end)
    return bool(match) and _one_of(match.group(2), _PERSON_WORDS) and not _one_of(match.group(2), _SHARED_ROLES)


_SHARED_ROLES = frozenset(phrases("brief", "shared_roles"))


# A preposition of place before a name: "in Washington", "near Kelso" name a place, not a person.
_PLACE_BEFORE = re.compile(r"\b(?:in|near|outside|inside|across|throughout)$", re.I)  # ("took aim at Clinton": a person)


def unintroduced(text: str, page: str, names: dict[str, frozenset[str]], before: tuple[str, ...] = (),
                 above: str | tuple[str, ...] | None = None) -> bool:
    """The line calls someone by a bare surname ("Hall said ...", "Hall's aides", "the
    Hall-Voss bill") or by a description ("The Texas senator led ...") that no line of the page
    names in full: the reader cannot tell who it is. Or it names by "the ..." something its
    article told in the sentences `before` it, that the page does not show above the line
    (`above`: the title and the lines over it, as one text or one per line; the whole page when
    not given)."""
    # a person named in full anywhere on the page is told on it (a line above need not: a surname
    # line in Background before the lead that names him depends on no sentence the page leaves out)
    for match in _CAPITALISED.finditer(text):
        word = re.sub(r"['’]s$", "", match.group(0))  # "Trump's remarks" calls him "Trump"
        # "the Singh-Hegseth meeting" calls two people by surname
        called = [word] if word in names else [part for part in word.split("-") if part in names]
        if not called:
            continue
        ahead, after = text[:match.start()].rstrip(), text[match.end():]
        longer = re.search(r"(?:[A-Z][a-z]+|[A-Z]\.)$", ahead)
        if longer and longer.group(0) not in _NOT_GIVEN_NAMES or re.match(r"\s+[A-Z][a-z]", after):
            continue  # part of a longer name or after a title ("Rep. Hall", "Tony Hall"; not "But Hall")
        if _PLACE_BEFORE.search(ahead):
            continue  # "a court in Washington": a place, though someone of the story is called Washington
        if any(not any(full in page or full in text for full in names[name]) for name in called):
            return True
    rest = page.replace(text, " ")  # the other lines of the page
    return (_unnamed_body(text, rest, above, names) or _second_mention(text, rest, before, above)
            or _unnamed_epithet(text, before, names, rest))


# After a definite noun phrase, what shows its head noun has ended: a verb, a conjunction, a
# clause mark ("the match was ...", "the case remains unclear", "the attackers, ...").
_HEAD_END = re.compile(r"\s*(?:[,.;:!?)]|$|(?:is|was|are|were|has|had|have|will|would|could|can|may|might|must|should"
                       r"|and|or|but|said|says|remains?|remained|appears?|appeared|seems?|seemed)\b|[a-z]{3,}ed\b)")
_THE_PHRASE = re.compile(r"\b[Tt]he((?:\s+[a-z]+){1,3})\b")


_PREPOSITION_AFTER = re.compile(r"\s+(?:against|with|from|by|about|over|under|into|after|before|between|among|during"
                                r"|without|within|near|across|behind|beyond|toward|towards)\b")
_NOT_HEADS = frozenset(phrases("language", "pronouns")) | frozenset("him her them it us me".split())


@lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    """The stems of a text's words: each line's once, however many lines below it ask."""
    return frozenset(stem(w) for w in re.findall(r"[a-z]+", text.lower()))


def _second_mention(text: str, rest: str, before: tuple[str, ...], above: str | tuple[str, ...] | None = None) -> bool:
    """"The match was one of the first ...", "whether the tribunal will examine the case": a
    definite phrase whose noun its article used in a sentence before it (a second
    mention points back to the first), while no other line of the page uses the noun: the
    reader cannot tell which match, which case. The subject opening the line ("The trip is
    ...") is what the line is about: it must be told `above` the line, when that is given (a
    first mention further down the page comes too late: the page is read from the top). The
    composer gives the default page's order; an audience that moves sections or lifts lines into
    a bottom line shows them in another, so there the check is approximate."""
    if not before:
        return False
    told = set().union(*map(_stems, before))
    elsewhere = _stems(rest)  # the rest of the page
    over = elsewhere if above is None else set().union(*map(_stems, (above,) if isinstance(above, str) else above))
    for match in _THE_PHRASE.finditer(text):
        shown = over if match.start() == 0 else elsewhere
        # the head is the word before a verb or a clause mark ("the spying allegation was ..."),
        # unless what follows a word says which one it is ("the case of ...", "the trip to Moscow")
        head = None
        for word in re.finditer(r"[a-z]+", text[:match.end()][match.start(1):]):
            end = match.start(1) + word.end()
            if _RESTRICTED.match(text, end) or _PREPOSITION_AFTER.match(text, end) or word.group(0) in _NOT_HEADS:
                break  # "the charges against him": a phrase after it says which ones; "him" heads nothing
            if _HEAD_END.match(text, end):
                head = stem(word.group(0))
                break
        if head is None:
            continue
        forms = {head, head[:-2]} if head.endswith("er") and len(head) > 5 else {head}  # "the attackers" / "an attack"
        if any(f in told for f in forms) and not _shares_form(forms, shown) and not any(
                stem(w) in forms for w in re.findall(r"[a-z]+", text[:match.start()].lower())):
            return True
    return False


# A person told by a description in place of the name: "The Texas senator led ...", "The real
# estate mogul listed ...", "The 56-year-old professor said ...". News names a person once and
# then describes them; the description points to someone its article named before it.
_EPITHET = re.compile(r"((?:(?:[A-Z][a-z]+|[a-z]+|\d+-year-old)\s+){1,3}?)(?:"
                      + "|".join(sorted((n for n in PERSON_NOUNS if " " not in n), key=len, reverse=True))
                      + r")\b(?:['’]s\b)?(?![’'-])")
# Words before the role that make it a kind of person or a role to be filled ("The average voter",
# "The new president must be sworn in"), not someone named before.
_GENERIC_ROLES = frozenset(phrases("brief", "generic_roles"))
_VERB_NEXT = re.compile(r"\s*[,;]|\s+(?:\w+ly\s+|also\s+|then\s+)?(?=" + FINITE_VERB.pattern + ")")
_DETERMINER_WORDS = frozenset(phrases("language", "determiners"))


@lru_cache(maxsize=4096)
def _names_in(sentence: str) -> frozenset[str]:
    """The names of two words or more in a sentence, by their last two words, that are no body's
    ("Ted Cruz has won ..." gives "Ted Cruz"; "Kelso City Council" is a body): each sentence read
    once, however many lines of its article ask."""
    return frozenset(" ".join(words[-2:]) for run in _NAME_RUN.finditer(sentence)
                     if len(words := _name_words(run)) >= 2 and not _one_of(words[-1].lower(), _OPENING_REFERENTS))


_SAID_THE = re.compile(r"\b(?:said|says|told\s+\w+|added|noted)\s+(?:that\s+)?(?=the\s)")


def _described_someone(body: str) -> bool:
    """The body opens with "The" and a description of a person ("The Texas senator led ..."),
    which says nothing more of who it is and is the subject of what follows."""
    match = _EPITHET.match(body, 4)
    if not match:
        return False
    modifiers = match.group(1).lower().split()
    if any(w in _GENERIC_ROLES or w in _DETERMINER_WORDS or FINITE_VERB.fullmatch(w) for w in modifiers):
        return False  # "The average voter", "The plan angered the mayor": no description of someone
    # "The chief executive of Granger Telecom", "The Texas senator Ted Cruz", "The first woman to
    # lead ...": it says who; the description is the line's subject, a verb follows it
    return not (_SAYS_WHICH.match(body, match.end()) or re.match(r"\s+(?:[A-Z][a-z]|to\s+[a-z])", body[match.end():])
                or not (_VERB_NEXT.match(body, match.end()) or match.group(0).endswith(("'s", "’s"))))


def _unnamed_epithet(text: str, before: tuple[str, ...], names: dict[str, frozenset[str]], rest: str) -> bool:
    """A line whose subject is a description of a person ("The Texas senator led ...") whose
    article named people in the sentences `before` it, none of whom the other lines of the page
    (`rest`) name: the reader cannot tell who it is."""
    body = text[_OPENING.match(text).end():]
    # the line's subject, or the subject of what a saying reports ("Bowers said the 30-year-old
    # mechanic used ...")
    opening = body.startswith("The ")
    subject = body if opening else next((body[m.end():] for m in _SAID_THE.finditer(body)), "")
    if not subject:
        return False
    if _KNOWN_SET.match("T" + subject[1:]):
        if opening:
            return False  # "The two leaders met": a set told before, which reads_alone leaves out
        # "Bowers said the 30-year-old mechanic used ...": someone told before, reported by age
    elif not _described_someone(subject):
        return False
    # whoever its article named before (as for surnames, named anywhere on the page is shown): the
    # people the texts show to be people, and any name of two words or more that is no body's
    named = {full for fulls in names.values() for full in fulls if any(full in sentence for sentence in before)}
    named |= frozenset().union(*map(_names_in, before))
    return bool(named) and not any(full in rest for full in named)


def _shares_form(forms: set[str], words: set[str]) -> bool:
    """A word of `words` is one of the stems in `forms`, or another form of it that the suffix
    stripper leaves apart ("beating" / "beaten", "attack" / "attackers")."""
    return bool(forms & words) or any(len(f) >= 4 and len(w) >= 4 and (w.startswith(f) or f.startswith(w))
                                      for f in forms for w in words)


# What makes a definite phrase name its own referent: "the court in Arusha", "the panel that ...",
# "the union's leader" is not here (the possessive is the union itself).
_RESTRICTED = re.compile(r"\s*(?:of|for|that|which|who|in|at|on|to)\b|\s+[A-Z]|" + _NAME_BESIDE)


def _names_beside(ahead: str) -> bool:
    """A name set off just before the phrase ("Hamas, the group ..."); a month or a weekday opening
    the line is a time, not a name ("Since May, the dispute ...", "On Tuesday, the council ...")."""
    name = re.search(r"([A-Z][a-z]+),\s*$", ahead)
    return bool(name) and name.group(1).lower() not in MONTHS and name.group(1).lower() not in WEEKDAYS


BODY_NAME_WORDS = 3  # a body's name runs longer than a place's ("South Korea") or most people's
# ... and ends in a word for a body ("... Association", "... League"; not "Salt Lake City")
_BODY_HEADS = frozenset(phrases("brief", "referent_nouns") + phrases("language", "organisation_heads"))
# ("the group", "the organization" may be a body of any name: "the Empire State Pride Agenda")
_ANY_BODY = frozenset({"group", "organization", "organisation"})


def _names_a_body(ahead: str, names: dict[str, frozenset[str]], noun: str) -> bool:
    """A name of three or more words, no person's, ending in a word for a body ("the National
    Basketball Association"): a body the line names, that a later "the league" may stand for
    ("the group" may stand for a body of any name)."""
    for match in _NAME_RUN.finditer(ahead):
        words = _name_words(match)
        if len(words) >= BODY_NAME_WORDS and match.group(1) not in names and (
                _one_of(words[-1].lower(), _BODY_HEADS) or noun in _ANY_BODY):
            return True
    return False


def _unnamed_body(text: str, rest: str, above: str | tuple[str, ...] | None = None,
                  names: dict[str, frozenset[str]] | None = None) -> bool:
    """"..., the newspaper said.", "... since the decision": a body or a statement the article
    named before, that no line above it names or mentions (no other line of the page, when the
    lines `above` are not given: the page is read from the top, and a first mention further down
    comes too late). With "the panel that ...", "the court in Arusha" the phrase says itself
    which one it is."""
    if above is None:
        others = rest.lower()  # the other lines of the page
    else:
        others = (above if isinstance(above, str) else " ".join(above)).lower()
    for match in _THE_NOUN.finditer(text):
        noun = match.group(1)
        if match.group(0).startswith("The") or not _one_of(noun, _BODIES):
            continue  # an opening "The council ..." is _unnamed_referent's
        if _RESTRICTED.match(text, match.end()) or _names_beside(text[:match.start()]):
            continue  # "the panel of judges", "Hamas, the group ...": it says which one
        if re.search(rf"\b{noun}\b", text[:match.start()], re.I):
            continue  # "a newspaper ... the newspaper": introduced in the line itself
        shell = _one_of(noun, _SHELLS)
        if not shell and _names_a_body(text[:match.start()], names or {}, noun):
            continue  # "the National Basketball Association ... in the league's history": named in the line
        if shell:
            if _says_what(text, match.end()) or _SHELL_IDIOM.search(text, 0, match.start()):
                continue  # "the dispute over the toll", "the question whether ...", "out of the question"
            if _ANONYMOUS_SOURCE.search(text, 0, match.start()):
                continue  # "officials familiar with the matter": who the sources are, not a reference back
            fronted = _FRONTED_CLAUSE.match(text)
            if fronted and fronted.end() <= match.start() and FINITE_VERB.search(fronted.group(0)):
                continue  # "If the House votes to impeach him, the matter goes ...": told in the line itself
        # "the newspaper" is one: "Thai newspapers reported" does not say which ("the officials"
        # may well be the "officials" named before)
        one = singular(noun) == noun
        if not re.search(rf"\b{noun}\b" if one else rf"\b{singular(noun)}", others):
            return True
    return False



def read_story(corpus: Corpus, ranking: Ranking) -> Story:
    dates = article_dates(corpus)
    statements = statements_of(corpus, dates)
    gone = overtaken(statements)
    decided = decide_all(statements, gone)
    disagreements = find_disagreements(corpus)
    disputed = frozenset((claim.text, claim.value) for d in disagreements for claim in d.claims)
    ranked = prefer_corroborated(corpus, ranking)
    return Story(
        corpus=corpus, ranking=ranked, dates=dates,
        statements=tuple(statements), overtaken=gone,
        labels=tuple(label if reads_alone(s.text) else NONE for s, (label, _) in zip(statements, decided)),
        weak=frozenset(i for i, (_, reason) in enumerate(decided) if reason in WEAK_REASONS),
        disagreements=disagreements, quotes=key_quotes(corpus.articles, corpus.origin_of),
        figures=key_figures(corpus, disputed, ranked.scores), support=claim_support(corpus),
        names=surnames([item.text for item in corpus.items]),
        sentence_at={(m.article, m.position): m.text for item in corpus.items for m in item.members},
    )


def article_paths(corpus: Corpus) -> dict[int, str]:
    return {c.article.number: c.article.path for c in corpus.articles}


def story_item(story: Story, index: int, paths: dict[int, str]) -> BriefItem:
    """The brief's line for one of the story's items, with its stable id (its words and
    the file its representative sentence comes from). paths: article_paths(story.corpus)."""
    item = story.corpus.items[index]
    sentence = next((m for m in item.members if m.text == item.text), item.first)
    path = paths.get(sentence.article, "")
    # corroboration by claim: rewrites saying it in other words cite it too
    sources = story.support[index] if story.support else item.sources
    return BriefItem(text=item.text, citations=sources, origins=len({story.corpus.origin_of[n] for n in sources}),
                     score=story.ranking.scores[index], line_id=line_id(path, item.text),
                     passages=passages_of(item.members))


def story_lines(story: Story) -> dict[str, tuple[BriefItem, str]]:
    """Every line the sources hold, by id, with the section its meaning gives it ("none")."""
    paths = article_paths(story.corpus)
    return {line.line_id: (line, story.labels[index])
            for index, line in ((i, story_item(story, i, paths)) for i in range(len(story.corpus.items)))}


def compose(corpus: Corpus, ranking: Ranking, title: str, budgets: dict[str, int],
            date: dt.date | None = None) -> Brief:
    return compose_story(read_story(corpus, ranking), title, budgets, date)


def compose_story(story: Story, title: str, budgets: dict[str, int], date: dt.date | None = None) -> Brief:
    """The ranked items in the sections their meaning gives them (forecasts a later report
    overtook left out), up to each section's budget, each section in time order; the timeline,
    disagreements, key quotes and key figures."""
    corpus, ranking = story.corpus, story.ranking
    # A sentence quoted under "Where sources disagree" is not repeated as a plain line.
    disputed = {claim.text for d in story.disagreements for claim in d.claims}
    labels = tuple(NONE if item.text in disputed else label for item, label in zip(corpus.items, story.labels))
    chosen = assign_sections(list(story.statements), labels, ranking.order, ranking.scores, budgets, story.weak)
    # A line that calls someone by a surname the page never writes in full gives way to the
    # next candidate of its section (a few rounds: a replacement may need a name too).
    names = story.names or {}
    def earlier(index: int) -> tuple[str, ...]:
        """The sentences before the item's own sentence in its article (the statement's place)."""
        shown = story.statements[index]
        return tuple(story.sentence_at[(shown.article, p)] for p in range(shown.position)
                     if (shown.article, p) in story.sentence_at)

    def nameless_of(chosen: dict[str, list[int]]) -> set[int]:
        picked = [i for key in SECTION_KEYS for i in chosen[key]]  # in the page's order
        page = " ".join([corpus.items[i].text for i in picked] + sorted(disputed))  # the claims of disagreements show too
        return {i for place, i in enumerate(picked)
                if unintroduced(corpus.items[i].text, page, names, earlier(i), above=(
                    title, *(corpus.items[j].text for j in picked[:place]),
                    *(sorted(disputed) if _after_disagreements(i, chosen) else ())))}

    first_choice = chosen
    for _ in range(PAGE_NAME_ROUNDS):
        nameless = nameless_of(chosen)
        if not nameless:
            break
        labels = tuple(NONE if i in nameless else label for i, label in enumerate(labels))
        chosen = assign_sections(list(story.statements), labels, ranking.order, ranking.scores, budgets, story.weak)
    else:
        # the last round's replacements are checked too: one that still needs what the page does
        # not show is left out, with no replacement (each leaving may take another's first mention)
        while nameless := nameless_of(chosen):
            chosen = {key: [i for i in items if i not in nameless] for key, items in chosen.items()}
    if not any(chosen.values()):
        # every line calls someone the page cannot name (a single report that names its people in
        # full only inside quotations): its best lines, surnames and all, say more than "Nothing
        # in the sources" would
        chosen = first_choice

    paths = article_paths(corpus)

    def brief_item(index: int) -> BriefItem:
        return story_item(story, index, paths)

    sections = tuple(
        Section(key=key, title=SECTION_TITLES[key], items=tuple(brief_item(i) for i in chosen[key]))
        for key in SECTION_KEYS
    )
    day = brief_date(corpus, date)
    sources = tuple(
        Source(number=c.article.number, title=c.article.title, outlet=c.article.outlet,
               date=c.article.date, path=c.article.path, url=c.article.url)
        for c in corpus.articles
    )
    item_scores = sorted((i.score for section in sections for i in section.items), reverse=True)
    item_of = {item.text: i for i, item in enumerate(corpus.items)}
    timeline = _standing_entries(build_timeline(corpus, ranking.scores, story.dates, day, budgets.get("timeline", 0),
                                                story.overtaken),
                                 [title, *(corpus.items[i].text for key in SECTION_KEYS for i in chosen[key]),
                                  *sorted(disputed)], names,
                                 lambda text: earlier(item_of[text]) if text in item_of else ())
    return renumber(Brief(
        title=title, date=day, sections=sections, sources=sources, timeline=timeline,
        disagreements=tuple(replace(d, score=placed_score(item_scores, "disagreements", k))
                            for k, d in enumerate(story.disagreements)),
        quotes=tuple(replace(q, score=placed_score(item_scores, "quotes", k)) for k, q in enumerate(story.quotes)),
        figures=tuple(replace(f, score=placed_score(item_scores, "figures", k)) for k, f in enumerate(story.figures)),
    ))


def _standing_entries(entries: tuple[TimelineEntry, ...], shown: list[str], names: dict[str, frozenset[str]],
                      earlier: Callable[[str], tuple[str, ...]]) -> tuple[TimelineEntry, ...]:
    """The timeline entries a reader can follow: an entry shows its whole sentence (unless a
    line above already does), so it must stand alone as a line does, and name whom it calls by
    surname or describes, on the page above it (`shown`: the title, the sections' lines and the
    disputed claims, in the page's order; `earlier`: the sentences before an entry's own in its
    article)."""
    kept: list[TimelineEntry] = []
    for entry in entries:
        if entry.text in shown:
            kept.append(entry)  # a pointer to the line above ("see Key facts")
            continue
        if not reads_alone(entry.text):
            continue
        above = (*shown, *(e.text for e in kept))
        if unintroduced(entry.text, " ".join(above + (entry.text,)), names, earlier(entry.text), above=above):
            continue
        kept.append(entry)
    return tuple(kept)


def _after_disagreements(index: int, chosen: dict[str, list[int]]) -> bool:
    """The item's line comes after "Where sources disagree", which the templates set after the
    outcomes (after the last section when there are none)."""
    if not chosen.get(OUTCOMES):
        return False
    return any(index in chosen[key] for key in SECTION_KEYS[SECTION_KEYS.index(OUTCOMES) + 1:])


# Where the k-th element of each kind stands among the items when a full page sheds the
# least important: worth as much as the item ranked first + step * k. A disagreement is
# as important as the best facts; a figure (one short table row) ranks with the 3rd item and
# every 2nd place after; a quote (several lines) with the 6th and every 4th place after.
PLACES = {"disagreements": (0, 2), "figures": (2, 2), "quotes": (5, 4)}


def placed_score(item_scores: list[float], kind: str, k: int) -> float:
    first, step = PLACES[kind]
    rank = first + step * k
    if not item_scores:
        return 1.0 / (1 + rank)
    return item_scores[min(rank, len(item_scores) - 1)]


def passages_of(members) -> tuple[Passage, ...]:
    """One located passage per source, the earliest in it."""
    first: dict[int, Passage] = {}
    for sentence in sorted(members, key=lambda s: (s.article, s.position)):
        if sentence.start >= 0 and sentence.article not in first:
            first[sentence.article] = Passage(sentence.article, sentence.start, sentence.end)
    return tuple(first.values())


def renumber(brief: Brief) -> Brief:
    """Keep only the sources something in the brief cites, numbered 1.. in their original order."""
    cited = sorted({n for citations in _all_citations(brief) for n in citations})
    new_number = {old: new for new, old in enumerate(cited, start=1)}

    def renumbered(citations: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(new_number[n] for n in citations)

    def moved(passages: tuple[Passage, ...]) -> tuple[Passage, ...]:
        return tuple(replace(p, source=new_number[p.source]) for p in passages if p.source in new_number)

    sections = tuple(
        replace(s, items=tuple(replace(i, citations=renumbered(i.citations), passages=moved(i.passages))
                               for i in s.items))
        for s in brief.sections
    )
    sources = tuple(replace(s, number=new_number[s.number]) for s in brief.sources if s.number in new_number)
    return replace(
        brief, sections=sections, sources=sources,
        disagreements=tuple(
            replace(d, claims=tuple(replace(c, citations=renumbered(c.citations)) for c in d.claims))
            for d in brief.disagreements
        ),
        timeline=tuple(replace(e, citations=renumbered(e.citations)) for e in brief.timeline),
        quotes=tuple(replace(q, citations=renumbered(q.citations)) for q in brief.quotes),
        figures=tuple(replace(f, citations=renumbered(f.citations),
                              history=tuple(replace(h, citations=renumbered(h.citations)) for h in f.history))
                      for f in brief.figures),
    )


def _all_citations(brief: Brief):
    for section in brief.sections:
        for item in section.items:
            yield item.citations
    for disagreement in brief.disagreements:
        for claim in disagreement.claims:
            yield claim.citations
    for element in brief.timeline + brief.quotes + brief.figures:
        yield element.citations
    for figure in brief.figures:
        for earlier in figure.history:
            yield earlier.citations


def _elements(brief: Brief) -> list[tuple[float, tuple]]:
    """(score, identity) of everything that may give way on a full page; headings never do."""
    elements = [(item.score, (0, si, ii)) for si, s in enumerate(brief.sections) for ii, item in enumerate(s.items)]
    for kind, group in enumerate((brief.disagreements, brief.figures, brief.quotes, brief.timeline), start=1):
        elements.extend((element.score, (kind, k)) for k, element in enumerate(group))
    return elements


def _group(identity: tuple) -> tuple:
    """Items group by section; every other kind is one group."""
    return identity[:2] if identity[0] == 0 else identity[:1]


def giveway_order(brief: Brief) -> list[tuple]:
    """Identities of everything that may give way on a full page, the most kept first: the
    last gives way first. The best element of every section and block comes first, so a
    full page thins every part before it empties one. Ties keep items first, then the
    earlier element."""
    elements = sorted(_elements(brief), key=lambda e: (-e[0], e[1]))
    leaders: dict[tuple, tuple] = {}
    for _, identity in elements:
        leaders.setdefault(_group(identity), identity)
    leading = set(leaders.values())
    pinned = {identity for _, identity in elements if identity[0] == 0 and element_of(brief, identity).pinned}
    return [identity for _, identity in sorted(
        elements, key=lambda e: (e[1] not in pinned, e[1] not in leading, -e[0], e[1]))]


def element_of(brief: Brief, identity: tuple):
    """The item, disagreement, figure, quote or timeline entry an identity names."""
    if identity[0] == 0:
        return brief.sections[identity[1]].items[identity[2]]
    group = (brief.disagreements, brief.figures, brief.quotes, brief.timeline)[identity[0] - 1]
    return group[identity[1]]


def keep_only(brief: Brief, kept: set[tuple] | frozenset[tuple]) -> Brief:
    """The brief with only the elements named in `kept`; section headings always stay."""
    sections = tuple(
        replace(s, items=tuple(item for ii, item in enumerate(s.items) if (0, si, ii) in kept))
        for si, s in enumerate(brief.sections)
    )
    shown = _on_page(sections, brief.disagreements, kept)
    return replace(
        brief, sections=sections,
        disagreements=tuple(d for k, d in enumerate(brief.disagreements) if (1, k) in kept),
        figures=tuple(f for k, f in enumerate(brief.figures) if (2, k) in kept),
        quotes=tuple(q for k, q in enumerate(brief.quotes) if (3, k) in kept),
        # an entry pointing to a line ("see Background") goes with that line: a pointer to a line
        # a full page shed would send the reader to nothing
        timeline=tuple(e for k, e in enumerate(brief.timeline) if (4, k) in kept
                       and (e.see is None or e.text in shown)),
    )


def _on_page(sections: tuple[Section, ...], disagreements: tuple[Disagreement, ...], kept) -> frozenset[str]:
    """The sentences the kept sections and disagreements show (what a timeline entry may point to)."""
    return frozenset([item.text for s in sections for item in s.items]
                     + [claim.text for k, d in enumerate(disagreements) if (1, k) in kept for claim in d.claims])


def keep_top(brief: Brief, count: int) -> Brief:
    """The brief with only its `count` most important elements (items, disagreements, figures,
    quotes, timeline entries), in giveway_order; section headings always stay."""
    return keep_only(brief, set(giveway_order(brief)[:count]))


def item_count(brief: Brief) -> int:
    """Everything that may give way on a full page."""
    return len(_elements(brief))
