"""Sections by meaning: which part of the brief a sentence belongs to, or none.

Rule-based, offline and deterministic. A sentence is read for its tense and modality (reported
as done, planned, expected, speculated), its dates resolved against its article's date and
compared with the newest article's, and its cue verbs (signed, agreed: outcomes; had planned,
since, last year: background). A forecast that a later article reports as done ("is set to
meet on Friday", then "met on Friday and signed") is overtaken and leaves the brief.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from briefer.core.sections import SECTION_KEYS
from briefer.core.text import SENTENCE_END, WIRE_DASH, wire_marks_balanced
from briefer.core.models import Corpus, Sentence
from briefer.core.text import containment, content_words, stem
from briefer.analysis.timeline import (CLAUSE_MARK, RELATIVE_OPENER, ArticleDate, belongs_elsewhere, comparison_base,
                                       event_date, in_what_was_said, main_event_date, representative)
from briefer.core.cues import pattern, phrase_pattern, phrases
from briefer.core.lexicon import MONTH_PATTERN, SPEECH_VERB_PATTERN, WEEKDAY_PATTERN
from briefer.language.annotate import Annotation, annotate
from briefer.language.quotations import (OTHER_SENSES, PAST_SPEECH_VERBS, open_quotation_at, quotation_runs,
                                         quote_spans)
from briefer.language.tense import (ANY_IRREGULAR_PAST, CONDITIONAL, DONE, EXPECTED, FORECAST_CUE, NEGATED, PAST_PARTICIPLE,
                                    PRESENT, REPORTING, UNCERTAIN)
from briefer.language.times import DAY, FUTURE, PAST, SEASONS, WEEK, YEAR

BACKGROUND, KEY_FACTS, OUTCOMES, OPEN_QUESTIONS, NONE = (
    "background", "key_facts", "outcomes", "open_questions", "none")
LABELS = (BACKGROUND, KEY_FACTS, OUTCOMES, OPEN_QUESTIONS, NONE)


@dataclass(frozen=True)
class Statement:
    """A sentence with the context the classifier reads: its article and that article's date."""

    text: str
    article: int
    reference_date: dt.date | None  # the article's date, own or inferred; None if undated
    position: int = 0  # sentence index within the article: the lead tells the news
    # the earliest date of the articles that carry the sentence (rewrites included; None when all
    # are undated): what an older report told first is not the newest reporting's news
    first_told: dt.date | None = None
    # the sentence stands inside a quotation opened before it in its paragraph: the speaker's voice
    in_quotation: bool = False
    # its article is a piece of opinion, announced as one in its first sentence (an editorial)
    opinion: bool = False


# --- Cues ------------------------------------------------------------------------------
# Lexical cues are data (briefer/analysis/cues/*.txt, one phrase per line); what stays here is
# grammar: finite verbs, the past perfect, a first-person opening.
def _cue(name: str) -> re.Pattern:
    return pattern("analysis", name)


# A finite verb: auxiliary, modal, irregular past, or an -ed/-s form after a word.
FINITE_VERB = re.compile(
    rf"\b(?:is|are|am|was|were|be|been|has|have|had|will|would|can|could|may|might|must|shall|should|do|does"
    rf"|said|says|told|remains?|{ANY_IRREGULAR_PAST})\b|(?<![Tt]o )(?<![\w-])[a-z]{{3,}}ed\b"
    rf"|[\w)’'”]\s+[a-z]{{3,}}s\b",
)
# The past perfect ("had planned", "had been cancelled") tells what came before the story's events;
# so does a present perfect passive ("have been charged" is the story's, "has been under" its history:
# left to the background cues).
# The participles beside the -ed forms: "been", the irregular pasts ("met", "held"), the -en ones.
_PARTICIPLES = rf"been|{PAST_PARTICIPLE}"
PAST_PERFECT = re.compile(rf"\bhad (?:(?:not|never|already|just|long|since|previously|also|\w+ly) )?"
                          rf"(?:[a-z]+ed|{_PARTICIPLES})\b", re.I)
# A relative or adverbial clause opens between the sentence's start and a verb: that verb is not the
# main one; nor after a noun and a lower-case pronoun ("photographs he had taken": a contact clause).
SUBORDINATE_BEFORE = re.compile(r"(?i:\b(?:who|whom|whose|which|when|because|where|once|while|although|though|if)\b)"
                                r"|\b(?:(?i:the|a|an|his|her|their|its|these|those)\s+[a-z]+|[a-z]+s) (?:he|she|they|we|it) $")
# An indirect question: "whether ..." inside a sentence, or a wh-clause after a negated verb
# ("it was not known where ...", "did not say how many ...", "have no idea why ...").
# "whether" inside a sentence asks an open question ("it is unclear whether ..."), unless it
# opens an aside of alternatives set off by commas or dashes, or closing the sentence, with no
# verb of its own ("officials _ whether friends of the government or of Microsoft _ all say ...":
# "whichever they are"; "split the money any way they want, whether by raising pay or bonuses.";
# but "is weighing, aides said, whether to recommend charges or close the case" asks).
WHETHER = re.compile(r"(?<!^)(?<![,_—–-]\s)\bwhether\b|(?<=[,_—–-]\s)whether\b(?!" + r"(?:(?!\bto\b|\b(?:is|are|was|were"
                     r"|will|would|could|can|should|has|have|had)\b)[^,_—–;]){0,200}\bor\b[^,_—–;]{0,200}"
                     r"(?:[,_—–]|[.!]?[\"'”’]*\s*$))", re.I)
WH_CLAUSE = re.compile(r"\b(?:where|how|why|who|when|what|which)\b", re.I)
FIRST_PERSON_OPENING = re.compile(r"^[\"“‘'`]*(?:We|We're|I|I'm|Our|My)\b")
# The writer's own voice outside any quotation: a column ("came to talk to me last week", "as I
# wrote"), not a report. ("I" before a lower-case word: not "World War I"; "us" in lower case:
# not "US".)
_FIRST_PERSON = re.compile(r"\b(?:I(?:'[a-z]+)?(?=\s+[a-z])|me|my|myself|we|us|our|ourselves)\b")


def _writer_speaks(text: str) -> bool:
    if re.search(r"``|''|[“”\"]", text):
        return False  # quoted words are a speaker's, and a quotation may run over sentences
    for match in _FIRST_PERSON.finditer(text):
        if match.group(0).startswith("I") and re.search(r"\S\s+[A-Z][a-z]+\s+$", text[:match.start()]):
            continue  # a regnal or serial "I" in a name: "World War I", "Queen Elizabeth I"
        return True
    return False
# A sentence that opens inside a quotation is a voice; its news, if any, is reported around it.
QUOTED_OPENING = re.compile(r"^\s*(?:``|''|[\"“‘])")  # '' opens only in archive copy (wire_marks_balanced)


@dataclass(frozen=True)
class Rules:
    """The classifier's thresholds, named."""

    # Days of slack before an event counts as earlier than the story: a report dated Saturday on
    # Friday's signing is telling the story, not its background.
    story_window_days: int = 7
    # Sentences at the top of an article tell its news.
    lead_sentences: int = 2
    # Share of a sentence's terms that the story's leads (every article's first sentences) name for
    # it to tell the story's central event rather than its context.
    lead_overlap: float = 0.5
    # Share of a sentence inside quotation marks at which it is a quoted voice, not a report.
    quoted_share: float = 0.6
    # An undated article resolves relative expressions ("four years ago", "last month") against
    # this stand-in day, only to measure how far back they point.
    stand_in_anchor: dt.date = dt.date(2000, 7, 1)


RULES = Rules()


def stands_alone(text: str) -> bool:
    """False for a piece of a multi-sentence quotation: read alone it has lost its speaker. Copy
    edited by several hands may close a straight mark with a curly one ("more hours”): the
    double marks, of either kind, pair off."""
    return (text.count('"') + text.count("“") + text.count("”")) % 2 == 0 and wire_marks_balanced(text)


def is_fragment(text: str) -> bool:
    """A broken piece of a sentence (from segmentation) that makes no claim on its own."""
    if not stands_alone(text):
        return True
    stripped = text.strip("\"“”'` ")
    if not stripped or stripped[0].islower() or stripped[0] in "([":
        return True
    return not SENTENCE_END.search(text.rstrip()) or not FINITE_VERB.search(text)


# "followed" with a person after it is motion ("two men followed Starovoitova"), not sequence.
_NAME_AFTER = re.compile(r"\s+((?:[A-Z][\w.-]*\s*)+)")
_PERSON_PRONOUN = re.compile(r"\s+(?:him|her|them)\b")


_AFTER_A_PERSON = re.compile(r"(?:\s+(?:and|into|to|from|as|through|out|around|home|inside|onto|on|off|with|for|at|in|"
                             r"across|down|up)\b|\s*[,.;:]|\s*$)")


def _followed_someone(after: str) -> bool:
    """"followed Starovoitova into the building": a name in title case (not an acronym, "U.S.",
    nor a modifier of a noun, "NATO airstrikes", "Trump's decision") or a pronoun follows."""
    if _PERSON_PRONOUN.match(after):
        return True
    name = _NAME_AFTER.match(after)
    if not name or any(w.isupper() or "." in w for w in name.group(1).split()):
        return False
    return bool(_AFTER_A_PERSON.match(after, name.start(1) + len(name.group(1).rstrip())))


# What a rule requires: a modal of obligation or the present of a standing arrangement.
_DEONTIC = re.compile(r"\b(?:must|should|shall|may not|cannot|is to|are to|is required|are required|is|are)\b", re.I)


def _standing_rule(text: str) -> bool:
    """"According to the constitution, a president must ...": a rule's source, then a clause that
    obliges or states a standing arrangement ("Under the law, X signed ..." reports an act)."""
    source = pattern("language", "standing_rule").search(text)
    if not source:
        return False
    comma = text.find(",", source.end())
    clause = text[comma + 1:] if comma >= 0 else text[source.end():]
    # or an obligation just before the source, in its clause ("The commission is required by law to ...")
    before = text[text.rfind(",", 0, source.start()) + 1:source.start()]
    return bool(_DEONTIC.search(clause) or _OBLIGED.search(before))


_OBLIGED = re.compile(r"\b(?:must|shall|is|are)\s+(?:\w+ly\s+)?(?:required|obliged|bound|forbidden|barred)\s+$", re.I)


_POSSESSIVE = re.compile(r"['’]s\b")
# "since Oct. 28", "since Monday", "since early November": a span from a month or a day, which a
# present perfect ("has killed nine since ...") runs up to the time of writing (a year, "since
# 2019", "since June 2014", reaches back past the story: history)
_SINCE_A_DAY = re.compile(r"\s+(?:(?:early|late|mid-?)\s*)?(?:" + MONTH_PATTERN + "|" + WEEKDAY_PATTERN + r")\b"
                          r"(?!\.?\s*(?:\d{1,2}\s*,?\s*)?\d{4})", re.I)
_PERFECT_TALLY = re.compile(r"\b(?:has|have)\s+(?:[a-z]+ly\s+|now\s+|also\s+|already\s+)?(?!been\b)"
                             r"(?:" + PAST_PARTICIPLE + r"|[a-z]{3,}ed)\b(?!.*\b(?:had|was|were)\b)", re.I)
# A record: "the first meeting since ...", "the highest-ranking officer ... so far", "the worst in decades".
_SUPERLATIVE = re.compile(r"\b(?:the|his|her|its|their|our)\s+(?:\w+\s+)?(?:first|biggest|largest|worst|best|highest|lowest|longest|greatest|deadliest"
                          r"|strongest|heaviest|most\s+\w+)\b", re.I)


# A sentence opened by a phrase naming an agreement reached ("Under the deal, ...", "In a
# long-elusive compromise, ...", "As part of the accord, ..."): what follows are its terms. Not a
# draft or one still negotiated ("Under a draft accord still being negotiated, ..."), nor a place
# ("In the Jewish settlement of Hebron, ...").
_AGREEMENT_FRAME = re.compile(r"(?:Under|In|As\s+part\s+of|By)\s+(?:the|a|an|this|that|its|their)\s+"
                              r"(?:(?!draft|proposed|possible|tentative|potential|planned|hoped)[\w'’-]+\s+){0,2}"
                              r"(?:" + pattern("analysis", "agreements").pattern + r")"
                              r"(?!\s+of\s+[A-Z])(?![^,;]*\b(?:still\s+being|being\s+negotiated|under\s+discussion))[^,;]*,")


# A state that has lasted years: a present perfect of "be" and a span of years ("talks have been
# suspended for more than two years", "has been in power for decades").
_LONG_STANDING = re.compile(r"\b(?:has|have)\s+(?:also\s+|now\s+)?been\s+(?:\w+\s+){1,3}?for\s+(?:(?:more|less)\s+than"
                            r"\s+|nearly\s+|almost\s+|about\s+|over\s+)?(?:a|\w+)\s+(?:years?|decades?)\b", re.I)


def _long_standing(text: str, note: Annotation) -> bool:
    """The sentence's own state has lasted years ("Talks have been suspended for more than two
    years pending ..."): in its main clause, not a relative clause ("The hostages, who have been
    held for two years, were freed"), not a sentence handed down ("jailed for 20 years"), with no
    forecast and no day of the story's in it."""
    match = _LONG_STANDING.search(text)
    return bool(match) and not _in_relative_clause(text[:match.start()]) and not _PENALTY.search(match.group(0)) \
        and _forecast_cue(text) is None and not note.days


_PENALTY = re.compile(r"\b(?:jailed|sentenced|imprisoned|banned|barred|suspended\s+from|exiled|detained)\b", re.I)


# A gap of a day or less before "earlier": the sentence orders two moments of the story's days
# ("seconds earlier", "Hours earlier", "a day earlier"), not the story and its history ("weeks
# earlier", "years earlier" are history; "40 days earlier" may be).
_WITHIN_THE_STORY_GAP = re.compile(r"(?:\b(?:seconds?|minutes?|hours?|moments?)|\b(?:a|one|the)\s+day)\s+$", re.I)
# "Following ...," fronted and closed by its comma: a time adjunct as "After ...," is, before the news.
_FRONTED_FOLLOWING = re.compile(r"following\b[^,;:]*,", re.I)
_OPENING_MARKS = " \"“‘'`("


def _earlier_cue(text: str) -> bool:
    return _earlier_cue_at(text) is not None


def _earlier_cue_at(text: str) -> int | None:
    """Where a background cue of the sentence's own stands: not in a relative clause ("Delalic,
    who was cleared earlier this week"), not "followed" someone."""
    for match in _cue("background").finditer(text):
        if match.group(0).lower() == "followed" and _followed_someone(text[match.end():]):
            continue
        if in_what_was_said(text, match.start()):
            continue  # "rejected calls to resign, saying the permit had followed the rules": what was said
        before = text[:match.start()]
        if _POSSESSIVE.match(text, match.end()):
            continue  # "last year's winner": the time of a noun, not of the sentence's event
        cue = match.group(0).lower()
        if cue == "recent" and not re.search(r"\b(?:in|over)\s+(?:the\s+)?$", before, re.I):
            continue  # "recent tensions": an adjective; "in recent weeks" places the event
        if cue in ("since", "so far") and _SUPERLATIVE.search(before[before.rfind(",") + 1:]):
            continue  # "the first meeting since ...", "his first known trip since": a record, not a time
        if cue == "since" and _SINCE_A_DAY.match(text, match.end()) and _PERFECT_TALLY.search(before):
            continue  # "has killed nine people since Oct. 28": a tally up to the writing, the news of now
        if cue == "earlier" and re.match(r"\s+than\b", text[match.end():]):
            continue  # "a day earlier than planned": ahead of a schedule, not before the story
        if cue == "earlier" and _WITHIN_THE_STORY_GAP.search(before):
            continue  # "an attack he leveled just seconds earlier", "Hours earlier, ...": two moments of the story's days
        if cue == "following" and _LINKED_BEFORE.search(before):
            continue  # "was following the case closely": the verb in its progressive, not "after"
        if cue == "following" and _FRONTED_FOLLOWING.match(text[match.start():]) and not before.strip(_OPENING_MARKS):
            continue  # "Following initial reports of the blast, Trump said ...": as "After ...," the news follows
        if _in_relative_clause(before):
            continue  # "Delalic, who was cleared earlier this week, ..."
        if comparison_base(before):
            continue  # "3.8 percent higher than a year earlier": the time of what the news is measured against
        return match.start()
    return None


def _commentary(text: str) -> bool:
    """The sentence characterises the story: a reading ("is seen as", "one of the most") is its
    predicate, after a linking verb ("has been one of the most visible dimensions of ..."). In a
    relative clause on a noun ("The DNC, which is seen as aligned with Clinton, responded by
    blocking ..."), in an apposition or as an object ("the attack on Srebrenica, one of the most
    chilling events", "changed one of the most interesting contests") it describes a noun, and
    the sentence still reports. (A cue that holds its own linking verb, "is seen as", is a
    predicate wherever it is not in a relative clause.)"""
    return any(not _in_relative_clause(text[:m.start()])
               and (_LINKING_START.match(m.group(0)) or _LINKED_BEFORE.search(text, 0, m.start()))
               for m in _cue("commentary").finditer(text))


_COPULAS = r"is|are|was|were|be|been|being|remains?|remained|becomes?|became|seems?|seemed"
_LINKING_START = re.compile(rf"(?:{_COPULAS})\b", re.I)
_LINKED_BEFORE = re.compile(rf"\b(?:{_COPULAS})\s+(?:(?:\w+ly|still|also|now|not)\s+)?$", re.I)


# "that" opening a relative clause on its subject: a verb right after it ("buildings that have had
# floors added since 2010"); a "that" of what was said takes a subject first ("said that the ..."),
# and after a verb of saying it is what was said ("a move analysts noted that has not happened").
_THAT_RELATIVE = re.compile(r"(?<=[a-z] )(?<!\bsaid )(?<!\bsays )(?<!\bnoted )(?<!\bwrote )(?<!\bstated )"
                            r"that(?=\s+(?:has|have|had|is|are|was|were|will|would)\b)")


# A future told from the past ("has promised that the plant would open", "said it was to be
# completed"); with a date still ahead of the writing it is a forecast, when the saying or the
# promise is the sentence's own (its first verb), not one inside a noun ("the decision came after
# a proposal the owners said they would answer by Friday").
_FUTURE_IN_THE_PAST = re.compile(r"\b(?:would|(?:was|were)\s+to)\s+(?:\w+ly\s+)?(?:be\s+)?[a-z]+", re.I)
_FORETELLING = re.compile(r"\b(?:said|says|told|promised|promises|pledged|vowed|predicted|announced|warned"
                          r"|expects|expected)\b", re.I)
_PERFECT_AUXILIARY = frozenset({"has", "have", "had"})


def _foretold(text: str) -> bool:
    """A future told from the past by the sentence's own saying or promise (_FUTURE_IN_THE_PAST)."""
    telling = _FORETELLING.search(text)
    if not telling or not _FUTURE_IN_THE_PAST.search(text, telling.end()):
        return False
    return all(m.group(0).lower() in _PERFECT_AUXILIARY for m in FINITE_VERB.finditer(text, 0, telling.start()))


# An activity going on when the report was written: "still" with a past progressive ("divers were
# still searching"), in the sentence's own clause ("residents who were still living there were
# told to leave" is about the residents). (A present progressive is read by _under_way.)
_STILL_GOING = re.compile(r"\b(?:was|were)\s+still\s+(?!(?:no|some|any|every)thing\b)[a-z]{2,}ing\b", re.I)
_GOING_ON = re.compile(r"\b(?:was|were)\s+(?:still\s+)?(?!(?:no|some|any|every)thing\b|going\s+to\b)[a-z]{2,}ing\b", re.I)
UNDER_WAY = "an activity under way"


def _relative_opener(before: str) -> int:
    """Where the last relative clause opening in `before` starts its words (-1: none)."""
    return max((m.end() for m in (*RELATIVE_OPENER.finditer(before), *_THAT_RELATIVE.finditer(before))), default=-1)


def _in_relative_clause(before: str) -> bool:
    """The point after `before` lies inside a relative clause that opened just before it, with
    no clause mark since ("D'Amato, who ... often receives high ratings")."""
    opener = _relative_opener(before)
    return opener >= 0 and not CLAUSE_MARK.search(before[opener:]) and not re.search(r"[()]", before[opener:])


def _habitual(text: str) -> bool:
    """An aspect of habit or long history in the sentence's own clauses, not in a relative clause
    about one of its nouns ("D'Amato, who often receives high ratings"); or a span of time as its
    subject ("Several years of flooding ... have damaged"), before any verb and not in a phrase
    put before the subject ("After two years of hearings, the commission unveiled ...")."""
    if any(not _in_relative_clause(text[:m.start()]) for m in pattern("language", "habitual").finditer(text)):
        return True
    span = pattern("language", "spans").search(text)
    return bool(span) and not _FRONTED_ADJUNCT.match(text) and not FINITE_VERB.search(text, 0, span.start())


# A phrase of time or circumstance put before the sentence's subject ("After two years of hearings,
# the commission last week unveiled ..."): the span it names leads up to the event the sentence tells.
_FRONTED_ADJUNCT = re.compile(r"^\W*(?:After|Following|Despite|Amid|With|Over|During|Through)\b[^,;]*,")


def _earlier_saying(text: str, reference: dt.date | None = None) -> bool:
    """The forecast is what someone said before the story ("Saudi Arabia said last year that
    relations would ...", "In 1995 the ministry said the bridge would ..."): the saying, which
    governs, is dated or marked earlier, and the future stands in what was said."""
    cue = _forecast_cue(text)
    said = [m for m in REPORTING.finditer(text) if cue is None or m.start() < cue.start()]
    if cue is None or not said:
        return False
    # the saying with its own adjuncts: up to the "that" of what was said, when there is one
    complement = re.search(r"\bthat\b", text[said[0].end():cue.start()])
    frame = text[:said[0].end() + (complement.start() if complement else 0)]
    if _earlier_cue(frame):
        return True
    said_on = main_event_date(frame, reference)
    if said_on is None or reference is None:
        return said_on is not None  # undated: a date the saying is given fixes it in the past
    return said_on.last_day < reference - dt.timedelta(days=RULES.story_window_days)


def _past_perfect(text: str, note: Annotation | None = None) -> bool:
    """A past perfect of the sentence's own ("had planned"): after a reporting verb ("said they
    had entered") it is only the past told in reported speech."""
    match = _own_past_perfect(text)
    if not match:
        return False
    if note and any(m.weekday is not None and (
            m.end <= match.start() and not REPORTING.search(text, m.end, match.start())
            or m.start >= match.end() and not REPORTING.search(text, match.end(), m.start)) for m in note.days):
        return False  # "On Saturday, X had suggested ...", "the zone had been widened on Thursday": dated to a
        # day of the story, it tells the story's event from a later vantage (a weekday of the reporting,
        # "..., officials said Saturday", dates nothing here)
    return True


def _own_past_perfect(text: str) -> re.Match | None:
    """The sentence's own past perfect ("had planned"), if any: not the past told in reported
    speech after a reporting verb ("said they had entered"), nor one in a clause hung on the
    main one ("photographs he had taken", "the race, which had ...", "when the storm had passed",
    "before officials had weighed in"), which only orders a detail; the main verb tells the
    sentence's time ("Before the vote, the party had split": a phrase, closed by its comma, and
    the past perfect is the main clause's)."""
    match = PAST_PERFECT.search(text)
    if not match or REPORTING.search(text[:match.start()]) or _reported_that(text[:match.start()]) \
            or in_what_was_said(text, match.start()):
        return None
    if SUBORDINATE_BEFORE.search(text[:match.start()]) or _IN_TIME_CLAUSE.search(text[:match.start()]):
        return None
    return match


_IN_TIME_CLAUSE = re.compile(r"\b(?:before|after|until|till|since)\b[^,;:]*$", re.I)


def _reported_that(before: str) -> bool:
    """A verb of saying or knowing, then "that", before the point: what follows is what was
    said ("Hall emphasized that care had declined", "officials confirmed that ...")."""
    for match in re.finditer(r"\b([a-z]+)\s+that\b", before):
        if stem(match.group(1)) in _speech_stems():
            return True
    return False


@lru_cache(maxsize=1)
def _speech_stems() -> frozenset[str]:
    return frozenset(stem(p) for p in phrases("language", "speech_verbs") if " " not in p)


_PAST_SAYING = re.compile(r"\b(?:" + "|".join(w for w in PAST_SPEECH_VERBS if w not in OTHER_SENSES) + r")\b")


def _tells_a_saying(text: str) -> bool:
    """A verb of saying in the simple past, active, not in a relative clause ("Clinton said she
    appreciated Sanders' apology", "she criticized Singer and challenged him to a debate"): what
    someone said. ("The inspector had said ..." said it before the story, "Delhi has said it is
    being targeted" holds a position, "Mandela was widely praised" tells what others said of him.)"""
    sayings = list(_PAST_SAYING.finditer(text)) + list(_cue("reactions").finditer(text))
    return any(not _saying_in_relative_clause(text, m.start()) and not _PERFECT_BEFORE.search(text, 0, m.start())
               and not _PASSIVE_BEFORE.search(text, 0, m.start()) for m in sayings)


def _saying_in_relative_clause(text: str, at: int) -> bool:
    """The verb at `at` is the relative clause's own, not the main verb after it: "Officials who
    attended the meeting said ..." has the clause's verb ("attended") before "said"."""
    before = text[:at]
    if not _in_relative_clause(before):
        return False
    return not FINITE_VERB.search(before, _relative_opener(before))


_PERFECT_BEFORE = re.compile(r"\b(?:had|has|have)\s+(?:(?:not|never|already|also|long|\w+ly)\s+)?$", re.I)


# Adverbs that may stand between a forecast's cue and its verb ("will therefore serve", "will
# still serve", "will also focus").
_BETWEEN_CUE_AND_VERB = re.compile(r"\s+(?:(?:\w+ly|therefore|still|also|not|then|now|again)\s+)*")


def _soft_forecast(text: str, timed: bool = False) -> bool:
    """A forecast whose own verb is one of emphasis or characterisation ("will focus on", "is
    likely to highlight"), or, in a sentence naming no time, one of signifying ("the endorsement
    would represent a crowning achievement", "will mark the first meeting"): what an event would
    mean, not an event. A time makes a signifying verb an act awaited ("will mark the anniversary
    with a march on Sunday", "is expected to signal a rate cut at its meeting next week"). The
    verb read is the one right after the forecast's cue, not any word of the sentence ("would
    endorse both candidates, or remain neutral" awaits an endorsement), and every forecast's:
    one awaited act keeps the sentence open ("would signal a toughening and could further strain
    relations" awaits a strain)."""
    emphasis, signifying = _cue("soft_forecast"), _cue("signifying")
    verbs = [(between.end() if (between := _BETWEEN_CUE_AND_VERB.match(text, cue.end())) else cue.end())
             for cue in FORECAST_CUE.finditer(text)]
    return bool(verbs) and all(emphasis.match(text, at) or not timed and signifying.match(text, at) for at in verbs)


def _silent(text: str) -> bool:
    """A negated saying ("did not say", "has not issued comments", "did not immediately respond"):
    the sentence reports that someone made no claim. A clause joined by "but" makes one ("likely
    suspects have been identified, but he would not reveal names")."""
    if re.search(r"(?<=\w)[,;]?\s+but\b", text, re.I):
        return False  # (a "But" that opens the sentence joins nothing in it)
    for match in pattern("language", "negation").finditer(text):
        following = re.findall(r"[A-Za-z]+", text[match.end():])[:3]
        if any(stem(w.lower()) in _speech_stems() for w in following):
            return True
    return False


# A claim said to be unconfirmed: a verb of confirming in the passive, negated ("but that has not
# yet been confirmed", "could not be independently verified", "the claim was not confirmed"). (The
# active, "did not confirm", tells someone made no claim: _silent.)
_UNCONFIRMED = re.compile(r"(?:\bnot|\bnever|n['’]t)\s+(?:yet\s+|\w+ly\s+)*(?:be|been)\s+(?:yet\s+|\w+ly\s+)*"
                          r"(?:confirmed|verified|corroborated)\b(?!\s+until\b)"
                          r"|\b(?:is|was|are|were)(?:\s+not|\s+never|n['’]t)\s+(?:yet\s+|\w+ly\s+)*"
                          r"(?:confirmed|verified|corroborated)\b(?!\s+until\b)", re.I)
# A matter not yet found out or made known: a verb of finding out (found_out.txt) in a negated
# perfect or modal passive ("the cause has not been determined", "the names have not yet been
# released", "could not be identified"), not a past that may have stayed so ("the visit was not
# announced in advance", "the album was never released"), nor an adjective ("not determined to").
_FOUND_OUT = "|".join(map(phrase_pattern, phrases("analysis", "found_out")))
_NOT_FOUND_OUT = re.compile(r"\b(?:(?:has|have)\s+not|(?:has|have)n['’]t|could\s+not|cannot|can['’]t)\s+"
                            r"(?:yet\s+|\w+ly\s+)*(?:be|been)\s+(?:yet\s+|\w+ly\s+)*(?:" + _FOUND_OUT
                            + r")\b(?!\s+(?:until|to)\b)", re.I)


# "asked (by a reporter, in an interview) whether ...": a question put to someone; reported with the
# answer it got ("when asked whether they would want Clinton to campaign, both said it would be
# impossible"), it is no question the sources leave open ("Reporters asked whether the talks would
# resume, but officials would not say" still is)
_ASKED_BEFORE = re.compile(r"\basked\s+(?:[\w'’.-]+\s+){0,5}$", re.I)


def _open_whether(text: str) -> bool:
    return any(not (_ASKED_BEFORE.search(text, 0, m.start()) and _answered(text, m.end())) for m in WHETHER.finditer(text))


def _answered(text: str, after: int) -> bool:
    """An answer told after the question, in a clause of its own past the comma that closes it ("...
    whether they would want him to campaign, both said it would be impossible"; "Hodler said,
    'Certainly not'"), not a saying refused ("but officials would not say"). A verb of saying inside
    the question ("asked whether the agency had warned the airline") answers nothing."""
    comma = text.find(",", after)
    answer = text[comma:] if comma >= 0 else ""
    return bool(_PAST_SAYING.search(answer)) and not _silent(answer)


def _asks(text: str) -> bool:
    """The sentence is a question: it ends with a question mark that no quotation opened inside it
    holds ('The network cancelled the show "Who Wants to Be a Millionaire?"' states a fact)."""
    asked = text.rstrip("'\"`”’ ")
    if not asked.endswith("?"):
        return False
    return asked == text.rstrip() or bool(QUOTED_OPENING.search(text))


def _unconfirmed(text: str) -> bool:
    """The sentence says a claim in it is not confirmed (not a confirmation that came later: "was
    not confirmed until 2009")."""
    return bool(_UNCONFIRMED.search(text)) or any(not _in_relative_clause(text[:m.start()])
                                                  for m in _NOT_FOUND_OUT.finditer(text))


def _unanswered(text: str) -> bool:
    """A question the sources say is open: a wh-word right after a negation ("it was not known
    where", "did not say how many"), not a relative clause elsewhere ("who did not support")."""
    knowing = pattern("language", "knowing_verbs")
    for match in pattern("language", "negation").finditer(text):
        # "not known where", "not say how many", "no idea why": a verb of knowing or telling, then the question
        after = re.match(r"\s+(?:(?:be|been|immediately|yet|publicly|officially)\s+)*(\S+)\s+(\S+)", text[match.end():])
        if after and knowing.fullmatch(after.group(1).lower()) and WH_CLAUSE.fullmatch(after.group(2)):
            return True
    return False


def quoted_share(note: Annotation) -> float:
    """How much of the sentence is inside quotation marks: a voice's own words. What a sentence
    reports of a saying in its own words ("the DNC said the staffers' actions were ...") is the
    writer's report, however long, and a quoted word or two in it ("called the suspension
    “arbitrary”") does not make it a voice."""
    return sum(end - start for start, end in quote_spans(note.text)) / max(len(note.text), 1)


def _older_than_story(statement: Statement) -> bool:
    """A date in the sentence lies well before its article: the sentence tells earlier history.

    An undated article resolves only absolute dates (those are history); relative ones ("four
    years ago", "last month") are measured against a stand-in day.
    """
    reference = statement.reference_date
    window = dt.timedelta(days=RULES.story_window_days)
    if reference is None:
        if main_event_date(statement.text, None) is not None:
            return True  # its own event has a date the text fixes ("In 1990, ..."), not a year of something else
        absolute = {(m.start, m.end) for m in annotate(statement.text, None).dates}
        reference = RULES.stand_in_anchor
        # relative expressions only ("four years ago"): an absolute date counts above, as the main event's
        mentions = [m for m in annotate(statement.text, reference).dates
                    if m.tense == PAST and (m.start, m.end) not in absolute
                    and not belongs_elsewhere(statement.text, m.start, m.end)]
    else:
        # the date of the sentence's own event, not a date of something it mentions ("cleared
        # of war crimes committed in 1992", "kidnapped 10 months ago, was set free Saturday")
        main = main_event_date(statement.text, reference)
        mentions = [main] if main else []
    return any(m.last_day < reference - window for m in mentions)


def _earlier_in_its_own_words(statement: Statement) -> bool:
    """A cue of earlier times ("following", "since", "earlier this week"), unless the sentence
    dates its own event to a day of the story before the cue comes: "Hariri said Monday he was
    bowing out following a dispute" tells Monday's news and then its cause; "This move followed
    sanctions last week" dates the earlier thing itself."""
    cue = _earlier_cue_at(statement.text)
    if cue is None:
        return False
    reference = statement.reference_date or RULES.stand_in_anchor
    main = main_event_date(statement.text, reference)
    if main is None or main.precision not in (DAY, WEEK) or main.end > cue:
        return True
    if statement.reference_date is None and main_event_date(statement.text, None) is not None:
        return True  # undated, dated by an absolute date: no day of the story's is known
    return not _on_story_days(main, reference)


def _on_story_days(mention, reference: dt.date) -> bool:
    """The mention lies within the story's days: in the window before `reference`, and not after it."""
    return reference - dt.timedelta(days=RULES.story_window_days) <= mention.last_day and mention.first_day <= reference


# A month or a season by name ("in July", "this spring"): it may lie anywhere in the year before.
_NAMED_PERIOD = re.compile(r"\b(?:" + MONTH_PATTERN + "|" + "|".join(name for name, _ in SEASONS.values())
                           + r"|autumn)\b", re.I)


def _in_story_window(statement: Statement, note: Annotation) -> bool:
    """The sentence dates its event within the story's days (near its article's date). An
    undated article can still say so: a past day or week counted back from the writing ("last
    week", "two days ago"), measured against a stand-in day, that falls within the window ("last
    month" may lie weeks before, whichever day the article was written)."""
    if statement.reference_date is None:
        reference = RULES.stand_in_anchor
        absolute = {(m.start, m.end) for m in note.dates}  # resolved without a reference: absolute
        return any(m.tense == PAST and (m.start, m.end) not in absolute and m.precision in (DAY, WEEK)
                   and _on_story_days(m, reference)  # back, not "next week"
                   and not _NAMED_PERIOD.search(m.text) and not belongs_elsewhere(statement.text, m.start, m.end)
                   for m in annotate(statement.text, reference).dates)
    # a day still to come ("when the two sides get together next week") is no step
    return any(_on_story_days(m, statement.reference_date) for m in note.dates)


def classify_one(statement: Statement, newest: dt.date | None, lead: frozenset[str] = frozenset()) -> str:
    """The section of one sentence on its own (overtaking is decided across sentences)."""
    return decide(statement, newest, lead)[0]


# Reasons `decide` gives by inference (see WEAK_REASONS), named once.
BY_TENSE = "forecast"
BY_LEAD_WORDS = "more of the lead's event"
BY_SAYING = "a saying off the lead"
MEASURE_TAKEN = "a measure the newest reporting tells"


# After an active "agreed", what makes it share a view or assent rather than conclude a step:
# "agreed with him", "agreed with the decision to close the port", "A judge agreed, but ...".
# ("agreed with Britain and France to suspend enrichment" concludes one: a party, then what was agreed.)
_VIEW_AFTER = re.compile(r"\s+with\b(?!\s+(?:the\s+)?[A-Z][^;.]*?\bto\s+[a-z]+)|\s*[,.;:!?]|\s*$")
_VIEW_THAT = re.compile(r"\s+that\b")  # "agreed that ...", "are agreed that growth will slow": a view, active or not
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.I)
# Before an outcome verb: a reference to a step concluded earlier ("as earlier agreed", "as previously signed").
_AS_BEFORE = re.compile(r"\bas\s+(?:\w+ly\s+|earlier\s+|before\s+)?$", re.I)


@lru_cache(maxsize=None)
def _agreement_before() -> re.Pattern:
    """An agreement's noun (agreements.txt) ending the text: what an outcome verb after it describes."""
    return re.compile(r"(?:" + _cue("agreements").pattern + r")\s+$")


def _concluded(text: str) -> bool:
    """An outcome verb that concludes a step: "agreed to a coalition", "signed the accord", "the
    treaty was signed"; not "as earlier agreed", nor an active "agreed" of a view or an assent."""
    for match in _cue("outcome_verbs").finditer(text):
        if _AS_BEFORE.search(text, 0, match.start()):
            continue
        if _agreement_before().search(text, max(0, match.start() - 40), match.start()):
            continue  # "welcomed the trade agreement signed with Oru": the agreement's participle, not a step told
        if match.group(0).lower() == "agreed" and (_VIEW_THAT.match(text, match.end()) or (
                not _PASSIVE_BEFORE.search(text, 0, match.start()) and _VIEW_AFTER.match(text, match.end()))):
            continue
        return True
    return False


_HAD_BEFORE = re.compile(r"\bhad\s+(?:(?:not|never|already|also|long|\w+ly)\s+)?$", re.I)  # a step before the story's


# What a measure is taken on: an object after the verb ("ordered an inspection", "recalled its
# ambassador", "banned outdoor work"), or the verb in the passive ("the licence was suspended").
# "Recalled in an interview that ...", "fired back" take none: another sense of the word.
_MEASURE_OBJECT = re.compile(r"\s+(?:\w+ly\s+)?(?:down\b|(?!(?:in|on|at|to|from|with|by|for|of|into|over|back|up|out"
                             r"|off|about|after|before|during|as|that|what|how|when|where|why|who|whether|and|but|or"
                             r"|because|while|if)\b)[A-Za-z\d$€£])")
_PASSIVE_AUXILIARY = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.I)


# A departure's verb in another sense: "resigned himself to defeat", "a resigned shrug".
_NOT_A_DEPARTURE_AFTER = re.compile(r"\s+(?:himself|herself|themselves|itself|myself|ourselves)\b", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|his|her|their|its|our|my|this|that)\s+(?:\w+ly\s+)?$", re.I)
# Not taken: "has not resigned", "never banned"; or not told as done: "threatened to quit", "would quit",
# "would have to be approved".
_NOT_TAKEN_BEFORE = re.compile(r"(?:\b(?:not|never|to|will|would|could|might|may|should|must|can|shall)|n[’']t)\s+"
                               r"(?:\w+ly\s+)?(?:be\s+|have\s+been\s+|been\s+)?$", re.I)  # "would have to be approved"


def _measure_at(text: str) -> int | None:
    """Where a measure taken (a verb of measures.txt in the main clause, with its object or in
    the passive; not a relative, subordinate or time clause's, "a ban that was lifted in 2019",
    "when their claims were dismissed", nor a past perfect's) or a departure from office
    (departures.txt, which needs no object: "the minister resigned on Tuesday") is told, or None."""
    departures = _cue("departures")
    found = sorted([*_cue("measures").finditer(text), *departures.finditer(text)], key=lambda m: m.start())
    for match in found:
        before = text[:match.start()]
        if _in_relative_clause(before) or _IN_TIME_CLAUSE.search(before) or _HAD_BEFORE.search(before) \
                or SUBORDINATE_BEFORE.search(before.rsplit(",", 1)[-1]) or _NOT_TAKEN_BEFORE.search(before):
            continue
        if match.re is departures:
            if not (_NOT_A_DEPARTURE_AFTER.match(text, match.end()) or _DETERMINER_BEFORE.search(before)
                    or _PASSIVE_AUXILIARY.search(before)):
                return match.start()
        elif _PASSIVE_AUXILIARY.search(before) or _MEASURE_OBJECT.match(text, match.end()):
            return match.start()
    return None


# A teller saying what they themselves will do: "the bank said on Friday it would not appeal the
# fine", "the airline said it would cut 900 jobs". The pronoun after the verb of saying is the
# teller; a step they announce is a decision taken, not a forecast. Not a view or a wish ("said
# they would expect", "would like"), nor "it" standing for no one ("said it would take hours").
_OWN_STEP = re.compile(r"\b(?:said|says|announced|told\s+[\w.]+(?:\s+[\w.]+)?)\s+(?:(?:on\s+)?[A-Z]\w+\s+|today\s+|"
                       r"yesterday\s+)?(?:that\s+)?"
                       r"(?:it|he|she|they|we)\s+(?:would|will)\s+(not\s+)?(?:\w+ly\s+)?([a-z]+)\b")
# Asking another body to decide ("said it would ask the court to review the law", "would appeal",
# "would challenge the ruling") starts a process whose result is still to come; declining to ("would
# not appeal") settles it.
_PETITION = frozenset("ask seek request challenge appeal sue petition apply contest press lobby push fight".split())
# A step set for a time to come: "would set a hearing date within three months", "by March".
_DEADLINE = re.compile(r"\b(?:within|next|no\s+later\s+than)\b|\b(?:by|before)\s+(?:the\s+end\b|(?:mid|early|late)\b|\d"
                       r"|(?:" + MONTH_PATTERN + "|" + WEEKDAY_PATTERN + r")\b)", re.I)
_NEXT_STEP = re.compile(r"\s(?:and|but)\s+(?:it\s+|he\s+|she\s+|they\s+|we\s+)?(?:would|will)\b|;")  # a second step told
_NOT_A_STEP = frozenset("be have take seem appear need like want wish expect hope prefer consider think try continue "
                        "get cost mean depend help make remain become know see wait".split())


def _own_step_announced(text: str, note: Annotation) -> bool:
    """A step the teller says they will take, untimed and unconditional: one set for a day ("said
    he would release his tax return Friday") or on a condition ("said it will show the site only
    if ...") is still to come, an open question until a later report tells it done."""
    if re.search(r"\b(?:if|unless|provided\s+that|in\s+the\s+event)\b", text, re.I):  # ("would" alone is no condition)
        return False
    for match in _OWN_STEP.finditer(text):
        if _in_relative_clause(text[:match.start()]):
            continue  # "a man who has said he would never shake hands with ...": not what the sentence tells
        verb = match.group(2)
        # set for a day, a week or a deadline (the step's, not the saying's: "said on Friday it would
        # ...", nor a second step's: "would not appeal the ruling and would delete the images within 90 days")
        following = _NEXT_STEP.search(text, match.end())
        end = following.start() if following else len(text)
        timed = any(match.start(2) <= m.start < end for m in note.days) or any(
            m.precision in (DAY, WEEK) and match.start(2) <= m.start < end for m in note.dates) \
            or _DEADLINE.search(text, match.end(), end)
        if verb not in _NOT_A_STEP and not timed and (match.group(1) or verb not in _PETITION):
            return True
    return False


def _pending_a_measure(text: str) -> bool:
    """Every "pending" follows a measure taken: "suspended all work at the mine pending an
    investigation" tells how long the measure lasts; the measure itself is done."""
    at = _measure_at(text)
    found = list(_cue("open").finditer(text))
    return at is not None and bool(found) and all(m.start() > at and m.group(0).lower() == "pending" for m in found)


def decide(statement: Statement, newest: dt.date | None, lead: frozenset[str] = frozenset()) -> tuple[str, str]:
    """The section of one sentence and the reason, in a few words (what `inspect` can show).

    Read from the sentence's annotation: its modality (expected, planned, conditional: open;
    done: reported), its dates against its article's, and a few cue groups (data files).
    """
    text = statement.text
    note = annotate(text, statement.reference_date)
    if is_fragment(text) or _cue("furniture").search(text) or _commentary(text):
        return NONE, "fragment, furniture or commentary"
    if _asks(text):
        return NONE, "a question"  # a question asked, rhetorical or a reader's: it states nothing (nor is it picked as a line)
    if (QUOTED_OPENING.search(text) or statement.in_quotation) and not _concluded(text):
        return NONE, "opens inside a quotation"  # a voice quoted whole: its news, if any, is reported in the sentences around it
    if statement.opinion and not (note.tense == PAST and note.modality == DONE):
        # an editorial's forecasts, warnings and prescriptions ("he must become a force for peace",
        # "will soon have the opportunity to act more responsibly") are the paper's view; what it
        # tells as done stays a report
        return NONE, "an editorial's view"
    if _long_standing(text, note):
        return BACKGROUND, "a long-standing state"  # "have been suspended for more than two years pending ...": history
    pending = _cue("open").search(text) and not _pending_a_measure(text)
    if pending or note.modality == UNCERTAIN or _open_whether(text.lstrip("\"“‘'` ")) or (
            note.modality == NEGATED and (_unanswered(text) or _unconfirmed(text))):
        # pending, a question the sources say is unanswered, or a claim they say is unconfirmed
        return OPEN_QUESTIONS, "pending, uncertain or unanswered"
    if ((quoted_share(note) >= RULES.quoted_share and statement.position >= RULES.lead_sentences
         or FIRST_PERSON_OPENING.search(text) or _writer_speaks(text)) and not _concluded(text)):
        # a quoted voice: its news, if any, is reported in the sentences around it; a lead that
        # reports what was said ("Lebanese newspapers denounced the appointment as a ``disaster''")
        # is the news
        return NONE, "quoted or first-person voice"
    if _standing_rule(text):
        return BACKGROUND, "a standing rule"  # what a constitution, a law or a will requires: before the news
    if note.tense == FUTURE and _earlier_saying(text, statement.reference_date):
        return BACKGROUND, "an earlier stated position"  # "said last year that relations would ...": said before the story
    is_newest = newest is None or statement.reference_date is None or statement.reference_date >= newest
    # Undated, which report is newest is unknown: a step concluded in an article's lead is its news,
    # what results; told further down (inverted pyramid), it is a detail or an earlier step.
    resulting = is_newest and (statement.reference_date is not None or statement.position < RULES.lead_sentences)
    if note.tense == FUTURE or note.modality in (EXPECTED, CONDITIONAL):
        if any(not re.search(r"\b(?:be|been|being)\s+$", text[:m.start()]) for m in _cue("decided").finditer(text)) \
                or _own_step_announced(text, note):
            # "announced it will ...", not "will be announced": a decision taken, the story's
            # result when the newest reporting tells it, one of its steps when an older one does
            return OUTCOMES if resulting else KEY_FACTS, "forecast of a decision"
        if _AGREEMENT_FRAME.match(text.lstrip("\"“‘'` ")):
            # "Under the deal, X will head the assembly": the terms of what was agreed
            return OUTCOMES if resulting else KEY_FACTS, "terms of an agreement"
        # a day or a date names when the forecast happens; a span ("in a decade") does not
        timed = bool(note.relative) or any(t.type in ("DATE", "TIME") for t in note.times)
        cue = _forecast_cue(text)
        if cue is not None and not timed and _cue("opinion_verbs").search(text, 0, cue.start()):
            return NONE, "a view of what may come"  # "They contend that it might even hurt the senator"
        return NONE if _soft_forecast(text, timed) else OPEN_QUESTIONS, BY_TENSE
    if statement.reference_date is not None and _foretold(text) \
            and any(m.first_day > statement.reference_date for m in note.dates):
        # "has promised that the plant would open by March 2027": a future told from the past, to
        # a time still ahead of the writing
        return OPEN_QUESTIONS, BY_TENSE
    older = (_older_than_story(statement) or _past_perfect(text, note)
             or _earlier_in_its_own_words(statement)
             # a habit or a long history behind the news, told after the lead (a day of the story's
             # makes it one event done over and over: "Saddam on Thursday repeatedly called Bush a liar")
             or statement.position >= RULES.lead_sentences and _habitual(text)
             and not _in_story_window(statement, note))
    if _concluded(text) and not older:
        return OUTCOMES if resulting else KEY_FACTS, "concluded step"
    if (not older and note.tense == PAST and _measure_at(text) is not None and statement.reference_date is not None
            and (newest is not None and statement.reference_date >= newest
                 or newest is None and statement.position >= RULES.lead_sentences)
            and (statement.position < RULES.lead_sentences or note.days or _in_story_window(statement, note))):
        # a measure of the story's days the newest reporting tells (or, in a story of one day's
        # reports, one told after the lead, which tells the event it answers): what the story
        # came to. Undated, further down the newest report, a past step may be its history.
        return OUTCOMES, MEASURE_TAKEN
    if note.modality == NEGATED and _silent(text):
        return NONE, "no claim made"  # who did not say, confirm or respond: no claim (what did not happen still may be one)
    if _cue("purpose").search(text):
        return KEY_FACTS, "purpose of the event"  # what the story's event is for ("the talks are aimed at easing ...")
    if older:
        return BACKGROUND, "earlier than the story"
    if note.tense == PRESENT and statement.position >= RULES.lead_sentences:
        if _under_way(text):
            return KEY_FACTS, UNDER_WAY  # "officials have been buttonholing the board": the story's doing
        # a standing state or a reading of it, not a reported step; a lead, in any tense, tells the
        # news ("White House officials are intensely lobbying the group ..."), unless it only sets
        # a feature's scene (_sets_a_scene)
        return NONE, "standing state"
    if note.tense == PRESENT and statement.position == 0 and _sets_a_scene(text, note):
        return NONE, "a feature's opening"  # "As labor battles go, the current one ... is weird": no event told
    if statement.position < RULES.lead_sentences or note.days or _in_story_window(statement, note):
        if (newest is not None and statement.reference_date == newest and note.modality == DONE
                and statement.position < RULES.lead_sentences
                and (statement.first_told is None or statement.first_told >= newest)
                and not _own_past_perfect(text)):  # "the zone had been widened on Thursday": a step before the report's news
            return OUTCOMES, NEWEST_NEWS  # the newest report's own news: what the story came to
        return KEY_FACTS, "the lead or a dated step"  # the lead, or a step the sentence dates: the story's own events
    if containment(_terms(text), lead) >= RULES.lead_overlap:
        return KEY_FACTS, BY_LEAD_WORDS  # it tells more of the event the articles lead with
    if _tells_a_saying(text):
        return KEY_FACTS, BY_SAYING  # said in the story's days, with no earlier time: a reaction, claim or position of the news
    going = _STILL_GOING if statement.reference_date is None else _GOING_ON
    if any(not _in_relative_clause(text[:m.start()]) for m in going.finditer(text)):
        # "divers were still searching for ...": going on as it was written; in a dated report, a
        # past progressive with no earlier time tells the same ("rescue teams were searching for 20 people")
        return KEY_FACTS, UNDER_WAY
    return BACKGROUND, "undated, off the lead"  # news tells its events first; what follows, undated and off the lead, is context


# A hard-news lede reports an event: a past or a perfect ("killed", "has accused"), a progressive
# ("are still fighting"), a saying, a time, or an action told in the present as headlines tell it
# ("Stocks fall sharply", "Russia faces a default"). An article's first sentence that only links
# its subject to a description, in the present, with none of these, sets a feature's scene ("For
# some teams, 'out of bounds' at the Asian Games means more than just a line ...", "As labor battles
# go, the current one ... is weird even by sports standards"): it reports nothing, and its news,
# if any, follows.
_PAST_WORD = re.compile(rf"\b(?:[a-z]{{3,}}ed|done|gone|{_PARTICIPLES})\b", re.I)
_PROGRESSIVE = re.compile(r"\b(?:is|are|am)\s+(?:[a-z]+\s+)?[a-z]{2,}ing\b", re.I)  # "are still fighting"
_LINKING = re.compile(r"\b(?:is|are|seems?|means?|remains?|appears?|looks?)\b", re.I)


# What opens a clause that is not the main one: a linking verb after it is that clause's ("Stocks
# fall sharply as the dollar is weak", "..., which is the largest on the coast").
_RELATIVE_WORDS = "that|which|who|whom|whose"
_SUBORDINATOR = re.compile(rf"\b(?:{_RELATIVE_WORDS}|as|because|since|when|while|if|although|though|where"
                           r"|once|until|unless|after|before)\b", re.I)


def _main_clause_links(text: str) -> bool:
    """A linking verb in the main clause: no subordinator between it and the comma before it
    ("As labor battles go, the current one ... is weird": the fronted clause ends at its comma)."""
    for match in _LINKING.finditer(text):
        stretch = text[:match.start()].rsplit(",", 1)[-1]
        if not _SUBORDINATOR.search(stretch):
            return True
    return False


def _sets_a_scene(text: str, note: Annotation) -> bool:
    """The sentence links a subject to a description and tells no event, time or saying."""
    return _main_clause_links(text) and not (note.days or note.dates or note.quotes or REPORTING.search(text)
                                                or _PAST_WORD.search(text) or _PROGRESSIVE.search(text))


# The present perfect progressive of the main clause tells an activity that has gone on up to the
# report and goes on ("Democratic officials have been encouraging the group's donors ...",
# "rescuers have been searching the hills"): the story's own doing, not a standing state. In a
# relative or adverbial clause ("activists who have been monitoring the debate say ...", "While
# the case has been waiting ...") it is not the main verb.
# The -ing form must take an object ("encouraging the group's donors", "searching the hills"):
# "has been disappointing", "has been exhausting for the players" are readings, not doings.
_PERFECT_PROGRESSIVE = re.compile(r"\b(?:has|have)\s+(?:[a-z]+\s+)?been\s+[a-z]{2,}ing\s+"
                                  r"(?:the|a|an|his|her|its|their|our|[A-Z])\b", re.I)


def _under_way(text: str) -> bool:
    match = _PERFECT_PROGRESSIVE.search(text)
    return bool(match) and not SUBORDINATE_BEFORE.search(text[:match.start()])


# --- Forecasts overtaken by later reports -------------------------------------------------
@dataclass(frozen=True)
class Overtaking:
    """When a later report overtakes a forecast."""

    # Share of a forecast's content words that later past-tense reporting must repeat for the
    # forecast to count as reported (its participants, its event, its object).
    reported_coverage: float = 0.6
    # Share of a forecast's terms that a later concluded outcome (signed, agreed, ...) must state
    # for the forecast, whatever its verb ("will explore a framework"), to be settled by it.
    settled_coverage: float = 0.5
    # A forecast needs this many terms of its own to be matched at all.
    fewest_terms: int = 2
    # Share of what a forecast expects besides its verb (its participants and object: "athletes",
    # "nations") that later past-tense reporting must name, in other verbs ("expected to attract
    # 10,000 athletes" / "opened with 6,000 athletes from 41 nations"), for it to be answered;
    # with at least this many such terms.
    object_coverage: float = 0.8
    fewest_object_terms: int = 2
    # Characters before a verb of saying read for the auxiliary that makes it a passive ("will be
    # formally added"): a passive attributes nothing.
    passive_look_back: int = 40


OVERTAKING = Overtaking()
_GENERIC = frozenset("also officials official two new his her their".split())
# Event matching needs what a suffix stripper cannot see: irregular forms, and the verbs that
# only say an event happens ("will take place", "to be held", "convened") read as "meet".
_IRREGULAR = {"met": "meet", "held": "hold", "took": "take", "sworn": "swear", "made": "make", "gave": "give",
              "given": "give", "won": "win", "began": "begin", "begun": "begin", "chose": "choose", "chosen": "choose",
              "sold": "sell", "paid": "pay", "sent": "send", "brought": "bring", "broke": "break", "broken": "break",
              "spoke": "speak", "spoken": "speak", "wrote": "write", "written": "write", "rose": "rise", "fell": "fall",
              "struck": "strike", "led": "lead", "left": "leave", "became": "become", "taken": "take"}
_HAPPENING = {stem(verb): "meet" for verb in ("take", "hold", "convene", "happen", "occur")}
_EQUIVALENT_NAMES = re.compile(r"\bUnited States\b", re.I)


def _stem(word: str) -> str:
    """The ranker's stem, after irregular forms and with happening verbs read as "meet"; a noun
    of the act in "-ation" read as its verb in "-ate" ("a vaccination campaign is to start" /
    "began vaccinating residents", "evacuations" / "evacuated")."""
    act = _ACT_NOUN.match(word)
    word = stem(act.group(1) + "e" if act else _IRREGULAR.get(word, word))
    return _HAPPENING.get(word, word)


_ACT_NOUN = re.compile(r"^([a-z]{4,}at)ions?$")


_NUMBER_WORD = re.compile(r"[\d.,]+")  # "10,000", "3.5": a count may change, the event stays


def _terms(text: str) -> set[str]:
    text = _EQUIVALENT_NAMES.sub("US", text)
    return {_stem(w) for w in content_words(text) if w not in _GENERIC and not _NUMBER_WORD.fullmatch(w)}


# The core of a forecast ends at a purpose or relative clause ("... on Friday [to ease ...]").
_CORE_END = re.compile(r"[;:—–(]|\s-\s|\s(?:to|in order to|so that|in what|as|that|which|who|while|but|after|before|when|until"
                       r"|once|unless|if)\s"
                       r"|,\s+(?:\w+ly\s+)?\w+ing\b"  # or a participle clause: ", potentially expanding"
                       r"|,\s+with(?:out)?\s"  # or what goes with it: ", with Cuba and Norway acting as guarantors"
                       r"|,\s+(?:[\w.'’-]+\s+){0,6}?(?:" + SPEECH_VERB_PATTERN + r")\b", re.I)  # or who said it
# One leading adverb or auxiliary, a whole word ("also", "now", "quickly"). Words are taken one
# at a time (_without_leading): the old single pattern ^(?:\s*(?:...|\w+ly))+\s could split a
# word like "lylyly..." every way there is, exponential time (60 letters: forever).
_LEADING = re.compile(r"\s*(?:also|be|have|now|then|still|further|\w+ly)(?=\s)", re.I)


def _without_leading(text: str) -> str:
    """The text after its leading adverbs and auxiliaries and the space that follows them."""
    end = 0
    while (match := _LEADING.match(text, end)) is not None:
        end = match.end()
    return text[end + 1:] if end else text


def _without_times(text: str) -> str:
    """The text with its time expressions blanked (same length): its dates and days, a
    weekday too ("meet Thursday"), are when it expects the event, not what it expects."""
    note = annotate(text, RULES.stand_in_anchor)  # a day to count from, so "next month" is found too
    for mention in list(note.dates) + list(note.days):
        text = text[: mention.start] + " " * (mention.end - mention.start) + text[mention.end:]
    return text


def _forecast_cue(text: str) -> re.Match | None:
    """The cue that carries the forecast's verb: "upcoming" qualifies a noun ("the upcoming
    talks are expected to ..."), so a later cue, when there is one, carries it."""
    cues = list(FORECAST_CUE.finditer(REPORTING.sub(lambda m: " " * len(m.group(0)), text)))
    verbal = [m for m in cues if m.group(0).lower() != "upcoming"]
    # a fronted participial phrase or adjunct sets the scene of the main clause ("Taking into
    # account that a month would be needed for camp, the league said it would decide ..."): a
    # forecast in the main clause is the sentence's
    opener = _FRONTED_PARTICIPLE.match(text) or _FRONTED_ADJUNCT.match(text)
    main = [m for m in verbal if opener and m.start() >= opener.end()]
    return (main or verbal or cues or [None])[0]


_FRONTED_PARTICIPLE = re.compile(r"^\W*[A-Z][a-z]+ing\b[^,;]*,")


def _manner_adverb(word: str, before: str) -> bool:
    """A word in lower case ending in "-ly" that no determiner or preposition takes as a noun
    ("narrowly", "quickly"; not "the assembly", "a rally", "to supply", nor "Italy")."""
    bare = word.rstrip(".,;:!?\"'”’")
    return bare.islower() and bare.endswith("ly") and len(bare) > 4 and before.lower() not in _BEFORE_A_NOUN


def forecast_event(text: str, dated: bool = True) -> tuple[str | None, set[str]]:
    """What a forecast expects: its verb and the core of its predicate, up to the first clause
    break or purpose ("is set to [meet X in Y on Friday] to ease ..." -> meet, {meet, X, Y}):
    not how it is to happen (a manner adverb); for a verb with nothing after it, dated, its
    subject ("the bill is expected to pass" -> pass, {pass, bill})."""
    # its dates (from the sentence's annotation) are not part of what it expects
    text = _without_times(text)
    match = _forecast_cue(text)
    if not match:
        return None, set()
    tail = _without_leading(" ".join(text[match.end():].split()) + " ")
    end = _CORE_END.search(tail, 1)
    core = tail[: end.start()] if end else tail
    # how it is expected to happen ("narrowly", "quickly") is not what a report must repeat
    words = core.split()
    terms = _terms(" ".join(word for i, word in enumerate(words) if not _manner_adverb(word, words[i - 1] if i else "")))
    verb = next(iter(_terms(core.split()[0]))) if core.split() and _terms(core.split()[0]) else None
    if dated and verb is not None and (not terms - {verb} or _ADJUNCT_NEXT.match(" ".join(words[1:2]))):
        # a verb with no participant after it ("the bill is expected to pass"), or only an adjunct
        # ("talks are expected to resume under a state mediator"): its subject is what a later
        # report must name (only where the forecast is dated: undated, a report of the subject
        # doing it may tell an earlier time, "the assembly convened" / "would convene again")
        terms |= _terms(_subject_before(text, match.start()))
    if match.group(0).lower() == "to be held":  # the cue is the event: "the meeting, to be held in X"
        verb = _stem("held")
        terms |= {verb}
    if _PASSIVE.match(text, match.end()) or match.group(0).lower() == "to be held":
        # a passive forecast expects something done to its subject ("the Games will be held",
        # "the winner will be announced"): the subject is what a later report must name
        terms |= _terms(_subject_before(text, match.start()))
    return verb, terms


# A preposition right after a forecast's verb opens an adjunct, not an object ("resume under a mediator").
_ADJUNCT_NEXT = re.compile(r"(?:under|with|at|in|on|after|before|without|behind|through|during|amid)$", re.I)
_PASSIVE = re.compile(r"\s+(?:\w+ly\s+)?(?:be|been)\s+(?:\w+ly\s+)?(?:[a-z]{2,}ed|held|made|given|taken|chosen|sworn"
                      r"|written|known|shown|seen|built|paid|sold|won|told|found|kept|sent|brought|bought|done|begun"
                      r"|run|set|put|cut|named|elected)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:—–(]|\b(?:that|which|who|when|and|but)\s", re.I)


def _subject_before(text: str, end: int) -> str:
    """The words between the last clause break before `end` and `end`: a clause's subject."""
    breaks = list(_CLAUSE_BREAK.finditer(text, 0, end))
    return text[breaks[-1].end() if breaks else 0:end]


@lru_cache(maxsize=1)
def _event_classes() -> dict[str, str]:
    """Stem -> the first verb of its line in event_verbs.txt: verbs that report one event. Each
    verb is entered by the stems of its base and of its past in -ed, which the stemmer may leave
    apart ("name" / "named" -> "name" / "nam", "rule" / "ruled"): reports tell the past."""
    classes = {}
    for line in phrases("language", "event_verbs"):
        words = line.split()
        for word in words:
            for form in (word, word + ("d" if word.endswith("e") else "ed")):
                classes.setdefault(_stem(form), _stem(words[0]))
    return classes


def _event_class(term: str) -> str:
    return _event_classes().get(term, term)


_NP_END = re.compile(r"^(?:on|in|at|of|for|with|to|by|from|that|which|who|as|after|before|during|and|but|[a-z]+ing)$", re.I)
_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")
OBJECT_WINDOW = 4  # words after a verb within which its object's head stands ("unveiled a 3,500-page report")


def _verb_object(text: str, verb: str) -> str | None:
    """The head of the noun phrase the forecast's verb takes: its last content word before a
    preposition or a clause ("will release its final report on ..." -> report)."""
    words = _WORD_RE.findall(text)
    for i, word in enumerate(words):
        if _stem(word.lower()) == verb:
            head = None
            for following in words[i + 1:]:
                if _NP_END.match(following):
                    break
                if _terms(following):
                    head = next(iter(_terms(following)))
            return head
    return None


def _object_follows(text: str, event: str, obj: str) -> bool:
    """A past verb of the event class, with `obj` among the next few words ("unveiled a 3,500-page
    report"; not "issued a statement about the hostages")."""
    words = _WORD_RE.findall(text)
    for i, word in enumerate(words):
        lower = word.lower()
        if (lower.endswith("ed") or lower in _IRREGULAR) and _event_class(_stem(lower)) == event:
            if any(_stem(w.lower()) == obj for w in words[i + 1:i + 1 + OBJECT_WINDOW]):
                return True
    return False


def _told_classes(text: str) -> frozenset[str]:
    """The event classes of the sentence's past-tense verbs ("unveiled" -> release): only a verb
    form of the past, so that a noun ("the issue", "the first step") tells no event."""
    return frozenset(_event_class(_stem(w)) for w in content_words(text)
                     if (w.endswith("ed") or w in _IRREGULAR) and _event_class(_stem(w)) != _stem(w))


_PURPOSE = re.compile(r"^\s(?:to|in order to)\s", re.I)
# A clause of time whose event, once reported done, tells that the forecast's time has passed:
# "when" the same time ("a new chapter will be written Thursday, when the academy announces the
# winner"), "before" a later one ("will wait until the meeting before deciding to cancel games").
# Not "after", "once" or "until": their event comes first, and the forecast may still be to come.
_TIME_CLAUSE = re.compile(r"(?:^|,\s*|\s)(?:when|before)\s", re.I)  # read after the forecast's cue only
_RELATIVE = re.compile(rf"\b(?:{_RELATIVE_WORDS})\b", re.I)
# The clause's verb: an -ing form opening it ("before deciding"), the participle after "is",
# "are" or "gets" ("when the report is released"), else the first word in lower case after its
# subject that has the present's -s ("when the academy announces"), follows a plural ("when the
# ministers sign") or a pronoun ("when they vote"); a word after a determiner or a preposition is
# a noun ("when the ministers ..."), and a "verb" with a preposition after it was a noun ("before
# federal judges in Boston": "before" as a preposition). A clause in the past (an -ed form, an
# irregular past, "was", "had") tells a time gone by, not an event to come.
_CLAUSE_OPENING_ING = re.compile(r"^([a-z]+ing)\b")
_CLAUSE_PASSIVE = re.compile(r"\s(?:is|are|gets?)\s+(?:\w+ly\s+)?([a-z]{3,}(?:ed|en))\b")
# A present in -s ("announces", "meets"); not a noun's -ss, -is, -us ("crisis", "status").
_PRESENT_S = re.compile(r"[a-z]{2,}[^siu]s$")
_BEFORE_A_NOUN = frozenset("the a an its their his her this that these those our my your of in for on at by with from "
                           "to and or all most many some few several both each every no other such".split())
_SUBJECT_PRONOUNS = frozenset("they we you i he she it".split())
_S_ADVERBS = frozenset("always perhaps sometimes nonetheless nevertheless".split())  # adverbs that end in -s
_PAST_AUXILIARY = re.compile(r"\b(?:was|were|had|did)\b", re.I)
_IRREGULAR_PAST_WORD = re.compile(ANY_IRREGULAR_PAST)
_PREPOSITION = frozenset("in at on of for from with by into to about over under between among against".split())


def _clause_verb(core: str) -> str | None:
    if (match := _CLAUSE_OPENING_ING.match(core) or _CLAUSE_PASSIVE.search(core)) is not None:
        return match.group(1)
    if _PAST_AUXILIARY.search(core):
        return None  # "when the two cases were solved": a time gone by, or one reported from the past
    words = [word.strip(".;:!?\"'“”’") for word in core.split()]
    for place, (before, word) in enumerate(zip(words, words[1:]), 1):
        if not word.isalpha() or not word.islower() or word in _BEFORE_A_NOUN or before.lower() in _BEFORE_A_NOUN \
                or word.endswith("ly") or word in _S_ADVERBS:
            continue
        if word.endswith("ed") or _IRREGULAR_PAST_WORD.fullmatch(word):
            return None  # a past: the clause tells a time gone by ("in 1991, when Moscow sent troops")
        if _PRESENT_S.search(word) or before.lower() in _SUBJECT_PRONOUNS or before.islower() and _PRESENT_S.search(before):
            after = words[place + 1] if place + 1 < len(words) else ""
            return None if after.lower() in _PREPOSITION else word
    return None


def _clause_events(clause: str) -> list[tuple[str, set[str]]]:
    """The event of a clause ("the academy announces the winner" -> announce, its terms), and
    what it is for, when a purpose follows ("deciding [to cancel games]")."""
    end = _CORE_END.search(clause, 1)
    core = clause[: end.start()] if end else clause
    # a clause of time ends at its comma or dash ("when the wind drops, officials said")
    core = re.split(",|" + re.escape(WIRE_DASH), core)[0]
    verb = _clause_verb(core)
    stems = _terms(verb) if verb else set()
    events = [(next(iter(stems)), _terms(core))] if stems else []
    return events + _purpose_event(clause, end)


def _purpose_event(text: str, end: re.Match | None) -> list[tuple[str, set[str]]]:
    """The event a purpose names when one opens at `end` ("... [to elect Lahoud]"), else none."""
    if not end or not _PURPOSE.match(text[end.start():]):
        return []
    purpose = text[end.end():].split(",")[0]
    stop = _CORE_END.search(purpose, 1)
    purpose = purpose[: stop.start()] if stop else purpose
    words = purpose.split()
    first = _terms(words[0]) if words and words[0].islower() else set()  # "to elect", not "to D'Amato"
    return [(next(iter(first)), _terms(purpose))] if first else []


def forecast_events(text: str, dated: bool = True) -> list[tuple[str, set[str]]]:
    """What a forecast expects, and what it expects it for: "is expected to meet Thursday [to
    elect Lahoud]" is settled by a later "Lahoud was elected" as much as by "they met"; and the
    events of its clauses of time ("[when the academy announces the winner]", see _TIME_CLAUSE)."""
    verb, terms = forecast_event(text, dated)
    if verb is None:
        return []
    events = [(verb, terms)]
    text = _without_times(text)
    match = _forecast_cue(text)
    tail = " ".join(text[match.end():].split()) + " " if match else ""
    events += _purpose_event(tail, _CORE_END.search(tail, 1))
    for clause in _TIME_CLAUSE.finditer(tail):
        if _RELATIVE.search(tail, 0, clause.start()) or _attribution(tail, clause.start()):
            break  # inside a relative clause it times a noun's event ("an opinion that ... when it alleges"),
            # after an attribution the saying ("will resign, aides said when announcing ...")
        events += _clause_events(tail[clause.end():])
    return events


# Before a verb of saying, what makes it a passive ("will be added", "was formally added"); "it is
# said" still attributes (an impersonal passive).
_PASSIVE_AUXILIARY = re.compile(r"(?<!\bit )\b(?:be|been|being|is|are|was|were)\s+(?:\w+ly\s+)?$", re.I)


def _attribution(text: str, end: int) -> bool:
    """A verb of saying before `end` that attributes ("aides said", "it is said"); one in a
    personal passive does not ("one will be added when ...": added to a list, not said)."""
    return any(not _PASSIVE_AUXILIARY.search(text[max(0, match.start() - OVERTAKING.passive_look_back):match.start()])
               for match in REPORTING.finditer(text, 0, end))


def _answered_in_other_words(objects: set[str], reported: set[str]) -> bool:
    return (len(objects) >= OVERTAKING.fewest_object_terms
            and len(objects & reported) / len(objects) >= OVERTAKING.object_coverage)


def is_forecast(statement: Statement) -> bool:
    return annotate(statement.text, statement.reference_date).tense == FUTURE


def awaits_an_event(statement: Statement) -> bool:
    """A forecast, or an open question about a future event ("It was not known where Annan will
    meet Gadhafi"): a later report of the event answers either."""
    if is_forecast(statement):
        return True
    note = annotate(statement.text, statement.reference_date)
    if not (note.modality == UNCERTAIN or _unanswered(statement.text)):
        return False
    # the future in the question itself: after the hedge, before the clause ends ("It was not
    # known where Annan will meet ...", not "... unclear who fired, but the army said it would ...")
    text = statement.text
    hedges = [m.start() for m in pattern("language", "uncertain").finditer(text)] + \
             [m.start() for m in pattern("language", "negation").finditer(text)]
    cue = _forecast_cue(text)
    if cue is None or not hedges or min(hedges) > cue.start():
        return False
    return not _QUESTION_END.search(text, min(hedges), cue.start())


_QUESTION_END = re.compile(r";|,\s+(?:but|and|while|although)\b|\bbut\b")


def overtaken(statements: list[Statement]) -> frozenset[int]:
    """Indices of forecasts that a later article reports as done.

    A forecast from article A is overtaken when an article dated after A reports, in the past
    tense, the forecast's verb and most of the core of what it expected (reported_coverage of
    its content words: who, what, with whom), and the forecast's own date, if it names one, is
    no later than that article's date. "Is set to meet Hegseth in Malaysia on Friday" is
    overtaken by "on Friday signed ..., during a meeting between Singh and Hegseth"; "is
    expected to review the purchase of six aircraft" is not, as nothing reports a review. When
    either article is undated the tense orders them: a report of the event in the past tense was
    written after it happened, so after the forecast.
    """
    # One report states the event in one sentence: each past-tense sentence is matched on its
    # own (the terms of a whole article, pooled, would "report" any short forecast).
    article_date: dict[int, dt.date | None] = {}
    # index -> (article, terms, settles, own date, verbs not done, classes of its past verbs, text)
    reports: dict[int, tuple] = {}
    postings: dict[str, list[int]] = {}
    class_postings: dict[str, list[int]] = {}  # event class -> reports whose past verbs tell it
    day_postings: dict[dt.date, list[int]] = {}  # a day -> reports that date their event to it
    undated_sides = any(s.reference_date is None for s in statements)
    for index, statement in enumerate(statements):
        article_date[statement.article] = statement.reference_date
        note = annotate(statement.text, statement.reference_date)
        tense = note.tense
        settles = _concluded(statement.text)
        done = statement.text if tense == PAST or settles else _done_before_telling(statement.text, tense)
        if done:
            terms = frozenset(_terms(done))
            # a verb after "to" or a modal is not done ("met to make a pitch", "hope they will make")
            undone = frozenset(_terms(" ".join(m.group(1) for m in _UNDONE_VERB.finditer(statement.text))))
            # Without dates on both sides the tense orders a forecast and a report, unless the report
            # dates its event itself ("met in Geneva in 1994"): such a report may tell an earlier meeting.
            # (read only where a side is undated: a second annotation of the sentence otherwise)
            own_date = undated_sides and main_event_date(statement.text, None) is not None
            told = _told_classes(done)
            reports[index] = (statement.article, terms, settles and tense != FUTURE, own_date, undone, told,
                              statement.text)
            for term in terms:
                postings.setdefault(term, []).append(index)
            for name in told:
                class_postings.setdefault(name, []).append(index)
            if tense == PAST:
                for day in {m.value for m in note.dates if m.precision == DAY and m.tense != FUTURE}:
                    day_postings.setdefault(day, []).append(index)
    loosest = min(OVERTAKING.reported_coverage, OVERTAKING.settled_coverage, OVERTAKING.object_coverage)
    result = set()
    for index, statement in enumerate(statements):
        written = statement.reference_date
        if not awaits_an_event(statement) or is_fragment(statement.text):
            continue
        # numbered before the filter: the purpose (or a clause of time) stays one when its main event has
        # too few terms; each is told by its own verb only (`purpose`), never in other words
        events = [(number, verb, expected)
                  for number, (verb, expected) in enumerate(forecast_events(statement.text, written is not None))
                  if len(expected) >= OVERTAKING.fewest_terms]
        if not events:
            continue
        ahead = [m for m in annotate(statement.text, written).dates
                 if m.tense == FUTURE and not _time_of_a_thing(statement.text, m)] if written else []
        # a span around the writing ("for the fourth time this year", "later this month") bounds the
        # event by its end, but the event may come any day of it: a report within it tells it
        forecast_day = max((m.last_day for m in ahead if not m.first_day <= written <= m.last_day),
                           default=written) if written else None
        # the day it is expected on: a report that dates its event to that day and names what the
        # forecast expects besides its verb tells it, in whatever words ("is expected to question
        # the governor on Wednesday" / "at a hearing on Wednesday, the governor declined to say ...")
        on_days = {m.value for m in ahead if m.precision == DAY}
        for number, verb, expected in events:
            # a sentence repeating `need` of the k terms holds one of any k - need + 1 of them:
            # the rarest are enough to find every candidate (never all pairs of sentences)
            need = math.ceil(loosest * len(expected))
            rarest = sorted(expected, key=lambda t: len(postings.get(t, ())))[: len(expected) - need + 1]
            on_the_day = {j for day in on_days for j in day_postings.get(day, ())}
            candidates = sorted({j for term in rarest for j in postings.get(term, ())}
                                | set(class_postings.get(_event_class(verb), ())) | on_the_day)
            obj = _verb_object(statement.text, verb)
            object_terms = _terms(obj) if obj else None  # read once, not per candidate report
            if any(_reports(statement.article, written, forecast_day, article_date, reports[j], verb, expected, obj,
                            purpose=number > 0, object_terms=object_terms, on_the_day=j in on_the_day)
                   for j in candidates):
                result.add(index)
                break
    return frozenset(result)


# A determiner or a possessive before a year, or a time in the possessive: the time names a
# thing ("the government's 2027 budget", "its 2030 target", "Monday's court ruling"), it is not
# when the forecast's event happens.
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|our|this|that)|['’]s)\s+$", re.I)
_POSSESSIVE_AFTER = re.compile(r"['’]s\b")


def _time_of_a_thing(text: str, mention) -> bool:
    return (mention.precision == YEAR and bool(_DETERMINER_BEFORE.search(text, 0, mention.start))
            or bool(_POSSESSIVE_AFTER.match(text, mention.end)))


# A fronted adjunct (_FRONTED_ADJUNCT) of what was done before the telling: "After meeting Gadhafi
# in a desert tent, Annan said he thinks ..." reports the meeting as done, whatever he said.
_DONE_BEFORE = re.compile(r"\W*(?:After|Following)\s+[a-z]+ing\b")


def _done_before_telling(text: str, tense: str) -> str:
    """The adjunct and the teller ("After meeting Gadhafi in a desert tent, U.N. Secretary-General
    Kofi Annan"): what the sentence reports as done, "" if nothing. What was said after it may
    be a forecast, and is not."""
    adjunct = _FRONTED_ADJUNCT.match(text)
    if not adjunct or not _DONE_BEFORE.match(adjunct.group(0)) or _NOT_YET.search(adjunct.group(0)):
        return ""  # "After meeting him next week, ...": not done yet
    telling = REPORTING.search(text, adjunct.end())
    if telling is None and tense == FUTURE or telling is not None and _NOT_YET.search(text, adjunct.end(), telling.start()):
        return ""  # "After meeting Oda, the envoy will travel to Tarn, aides said": what follows is to come
    return text[:telling.start()] if telling else adjunct.group(0)


# A modal or a time to come: what the clause tells has not happened yet.
_NOT_YET = re.compile(r"\b(?:will|shall|would|'ll|next|tomorrow|coming|upcoming|later\s+this)\b", re.I)


_UNDONE_VERB = re.compile(r"\b(?:to|will|would|could|can|may|might|should|shall|must)\s+(?:\w+ly\s+|not\s+|be\s+)?([a-z]+)")


@lru_cache(maxsize=1)
def _striving() -> frozenset[str]:
    """Stems of the verbs of working towards an outcome (cues/striving.txt)."""
    return frozenset(_stem(v) for v in phrases("analysis", "striving"))


def _reports(article: int, written: dt.date | None, forecast_day: dt.date | None,
             article_date: dict[int, dt.date | None],
             report: tuple, verb: str, expected: set[str], obj: str | None = None, purpose: bool = False,
             object_terms: set[str] | None = None, on_the_day: bool = False) -> bool:
    """Whether one past-tense sentence of another article reports what a forecast expected
    (`obj`: the head of what the forecast's verb takes, "report" of "will release its report").
    A `purpose` ("... to elect Lahoud") is told by its own verb: its object in other words ("to
    bolster the rebel offensive" / "the rebels launched an offensive") tells another event."""
    other, terms, settles, own_date, undone, told, text = report
    later = article_date[other]
    if other == article:
        return False
    if written is not None and later is not None:
        if later <= written or forecast_day > later:
            return False  # dated both: the report must come after the forecast and its day
    elif own_date:
        return False  # an undated side: only a report that does not date its event itself
    shared = len(expected & terms) / len(expected)
    done = verb in terms and verb not in undone
    if not done and _event_class(verb) in told and (
            len((expected - {verb}) & terms) >= OVERTAKING.fewest_object_terms
            or obj is not None and _object_follows(text, _event_class(verb), obj)):
        # told in another verb of the event ("will release its report" / "unveiled a 3,500-page
        # report"), with what the forecast expected it of named too, or as that verb's own object
        done, shared = True, shared + 1 / len(expected)
    # told in other words, what the forecast's verb takes must be named ("will deliver remarks at
    # the ASEAN meeting" is not answered by "was signed on the sidelines of the ASEAN meeting")
    named = obj is None or (object_terms if object_terms is not None else _terms(obj)) <= terms
    if on_the_day and not purpose and named and (
            len((expected - {verb}) & terms) >= OVERTAKING.fewest_object_terms
            or (done or _event_class(verb) in told) and (expected - {verb}) & terms):
        # told as done on the day the forecast expected it, with what its verb takes named and
        # more of what it expected, or in its own verb or a verb of its event with one of its
        # participants ("talks are expected to conclude on Wednesday" / "talks ended on Wednesday",
        # "talks are expected to resume on Wednesday under a mediator" / "the talks resumed on Wednesday")
        return True
    return (done and shared >= OVERTAKING.reported_coverage
            # what it expected to be explored or worked towards was reported as concluded
            or settles and shared >= OVERTAKING.settled_coverage and (named or verb in _striving())
            # what it expected, told as past in other verbs
            or not purpose and _answered_in_other_words(expected - {verb}, terms) and named)


def classify(statements: list[Statement], gone: frozenset[int] | None = None) -> tuple[str, ...]:
    """Each statement's section (or "none"), read in the context of all the story's statements.
    `gone` is overtaken(statements), when the caller has it already."""
    return tuple(label for label, _ in decide_all(statements, gone))


def decide_all(statements: list[Statement], gone: frozenset[int] | None = None) -> tuple[tuple[str, str], ...]:
    """Each statement's section and the reason for it (see `decide`), in the story's context."""
    # The newest report's news is what the story came to only against older reporting of it:
    # when every dated report is of one day (a single article, a day's rewrites of one wire
    # story), its news is the story's central event, not a result.
    dated = {s.reference_date for s in statements if s.reference_date}
    newest = max(dated) if len(dated) > 1 else None
    gone = overtaken(statements) if gone is None else gone
    lead = frozenset(term for s in statements if s.position < RULES.lead_sentences for term in _terms(s.text))
    return tuple((NONE, OVERTAKEN) if i in gone else decide(s, newest, lead) for i, s in enumerate(statements))


NEWEST_NEWS = "newest report's news"
OVERTAKEN = "a later report overtook it"
# Reasons that place a sentence by inference rather than by what it states: a key fact only by
# the words it shares with the leads, an open question only by its future tense (no hedge, no
# "pending"). A section takes its lines placed by what they state first; these fill what room
# is left. (Read line by line, these were the sections' most often misplaced lines.)
WEAK_REASONS = frozenset({BY_LEAD_WORDS, BY_TENSE, BY_SAYING})


# --- Sections of a corpus ------------------------------------------------------------------
def statements_of(corpus: Corpus, dates: dict[int, ArticleDate]) -> list[Statement]:
    """One statement per item, read from the sentence the item shows."""
    statements = []
    quoted = quotation_reader(corpus)
    opinion = opinion_articles(corpus)
    for item in corpus.items:
        sentence = representative(item)
        told = [dates[m.article].date for m in item.members if dates[m.article].date is not None]
        statements.append(Statement(item.text, sentence.article, dates[sentence.article].date, sentence.position,
                                    first_told=min(told) if told else None,
                                    in_quotation=quoted(sentence), opinion=sentence.article in opinion))
    return statements


def opinion_articles(corpus: Corpus) -> frozenset[int]:
    """The articles that announce themselves as opinion in their first sentence ("The New York
    Times said in an editorial on Sunday: ..."): a word of cues/opinion_pieces.txt before a colon."""
    return frozenset(m.article for item in corpus.items for m in item.members
                     if m.position == 0 and ":" in m.text and _cue("opinion_pieces").search(m.text.split(":", 1)[0]))


def quotation_reader(corpus: Corpus) -> Callable[[Sentence], bool]:
    """Whether a sentence of the corpus stands inside a quotation opened before it in its
    paragraph: each article's quotations read once, then asked of each sentence."""
    sources = {c.article.number: c.article.source for c in corpus.articles}
    runs = {number: quotation_runs(source) for number, source in sources.items()}
    return lambda sentence: sentence.start >= 0 and open_quotation_at(
        sources[sentence.article], sentence.start, runs[sentence.article])


def time_key(statement: Statement) -> str:
    """When a statement's event happened, as sortable ISO text: its own date if it names one,
    else its article's; undated statements sort last."""
    mention = event_date(statement.text, statement.reference_date)
    return mention.sort_key if mention else _undated(statement)


def _undated(statement: Statement) -> str:
    return statement.reference_date.isoformat() if statement.reference_date else "~"


@dataclass(frozen=True)
class Placement:
    """When two lines of a brief make the same point."""

    # Share of the shorter item's terms at which two items of one section say the same thing
    # (rewrites the dedupe stage kept apart, in other words).
    same_point: float = 0.35
    # Across sections a line may take up a point another section makes ("the visit was
    # cancelled" in Background, "a visit is still open" below): only a plain repeat is left out.
    elsewhere: float = 0.5
    # A word in at least this share of the story's sentences (and in three or more) is the story's
    # topic ("strike", "union", "workers" in a strike story): every line shares it, so a repeat
    # across sections is judged on the other words ("3,500 members of the union joined the strike"
    # does not repeat "workers agreed to end the strike after the union reached a deal").
    topic_share: float = 0.2
    topic_fewest: int = 3


PLACEMENT = Placement()


def _same_point(a: set[str], b: set[str], share: float = PLACEMENT.same_point) -> bool:
    return containment(a, b) >= share


def _newer(a: Statement, b: Statement) -> bool:
    return a.reference_date is not None and (b.reference_date is None or a.reference_date > b.reference_date)


_YEAR = re.compile(r"(?<![\w$€£.,'’-])(1[89]\d\d|20\d\d)(?![\w-])")


def _earlier_years(statement: Statement) -> frozenset[str]:
    """The years a sentence writes that are before its report's year ("in 2016" in a 2026 report)."""
    if statement.reference_date is None:
        return frozenset()
    return frozenset(y for y in _YEAR.findall(statement.text) if int(y) < statement.reference_date.year)


def assign_sections(statements: list[Statement], labels: tuple[str, ...], order: tuple[int, ...],
                    scores: tuple[float, ...], budgets: dict[str, int],
                    weak: frozenset[int] = frozenset()) -> dict[str, list[int]]:
    """Section -> item indices, arranged to read as a story: by time, then importance.

    Each section takes the ranked candidates of its kind in ranking order while it has room,
    one item per point across the whole brief. Background prefers sentences that say when
    ("in August", "last year"): it is there to tell what came before. Items in `weak` (placed
    by a WEAK_REASONS inference) come after those their own words place.
    """
    candidates = list(order)
    undated_background = {i for i in candidates
                          if labels[i] == BACKGROUND and event_date(statements[i].text, statements[i].reference_date) is None}
    candidates.sort(key=lambda i: i in undated_background or i in weak)  # stable: ranking order otherwise kept
    chosen: dict[str, list[int]] = {key: [] for key in SECTION_KEYS}
    terms: dict[int, set[str]] = {}
    every = [_terms(s.text) for s in statements]  # read once
    spread = Counter(term for found in every for term in found)
    topic = frozenset(term for term, count in spread.items()
                      if count >= max(PLACEMENT.topic_fewest, PLACEMENT.topic_share * len(statements)))
    tenses: dict[int, str | None] = {}

    def tense(i: int) -> str | None:
        if i not in tenses:
            tenses[i] = annotate(statements[i].text, statements[i].reference_date).tense
        return tenses[i]

    for index in candidates:
        key = labels[index]
        if key not in chosen or len(chosen[key]) >= budgets.get(key, 0):
            continue
        candidate = every[index]
        earlier = _earlier_years(statements[index])

        def another_time(other: int) -> bool:
            """The candidate names a year before its report's that the other does not ("Teachers
            last struck in the province in 2016" / "teachers in the province went on strike on
            Monday"): two events, however alike in words."""
            return any(year not in statements[other].text for year in earlier)

        def another_event(other: int) -> bool:
            """One tells what will be, the other what was ("will ask the court to review its ruling
            halting the dam" / "the court halted the dam"): two events, however alike in words (a
            forecast a later report tells as done is overtaken before this)."""
            return (tense(index) == FUTURE) != (tense(other) == FUTURE)

        if any(_same_point(candidate, terms[other]) and not another_time(other) for other in chosen[key]):
            continue  # this section says it already
        elsewhere = [other for other in terms
                     if _same_point(candidate - topic, terms[other] - topic, PLACEMENT.elsewhere) and not another_time(other)]
        if elsewhere:
            # Another section says it: the newer report's telling stands, the older gives way;
            # but an older report's lead stays beside a newer line that tells another event in
            # its words (the ruling beside "will ask the court to review its ruling halting the dam")
            if not all(_newer(statements[index], statements[other]) for other in elsewhere):
                continue
            for other in elsewhere:
                if another_event(other) and statements[other].position < RULES.lead_sentences:
                    continue
                chosen[labels[other]].remove(other)
                del terms[other]
        terms[index] = candidate
        chosen[key].append(index)
    return {key: sorted(indices, key=lambda i: (time_key(statements[i]), -scores[i], i))
            for key, indices in chosen.items()}
