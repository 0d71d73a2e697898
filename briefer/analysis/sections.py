"""Sections by meaning: which part of the brief a sentence belongs to, or none.

Rule-based, offline and deterministic. A sentence is read for its tense and modality (reported
as done, planned, expected, speculated), its dates resolved against its article's date and
compared with the newest article's, and its cue verbs (signed, agreed: outcomes; had planned,
since, last year: background). A forecast that a later article reports as done ("is set to
meet on Friday", then "met on Friday and signed") is overtaken and leaves the brief.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from briefer.core.sections import SECTION_KEYS
from briefer.core.text import SENTENCE_END
from briefer.core.models import Corpus
from briefer.analysis.rank import stem
from briefer.core.text import containment, content_words
from briefer.analysis.timeline import ArticleDate, event_date, representative
from briefer.language.tense import FORECAST_CUE, IRREGULAR_PAST, REPORTING, main_tense
from briefer.language.times import FUTURE, PAST, resolve_dates

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


# --- Cues ------------------------------------------------------------------------------
# A finite verb: auxiliary, modal, irregular past, or an -ed/-s form after a word.
FINITE_VERB = re.compile(
    rf"\b(?:is|are|am|was|were|be|been|has|have|had|will|would|can|could|may|might|must|shall|should|do|does"
    rf"|said|says|told|remains?|{IRREGULAR_PAST})\b|(?<![Tt]o )(?<![\w-])[a-z]{{3,}}ed\b|[\w)’'”]\s+[a-z]{{3,}}s\b",
)
# Reporting furniture: who would not speak, who did not answer, where it was posted.
FURNITURE = re.compile(
    r"\b(?:(?:declined|refused) to (?:be named|comment|give details|elaborate)|requested anonymity"
    r"|did not (?:immediately )?respond|not authori[sz]ed to speak"
    r"|not (?:yet )?(?:issued|made|given|released) (?:any |an? )?(?:official )?(?:comments?|statements?)"
    r"|(?:wrote|posted|said) on (?:X|Twitter|Facebook)\b|did not report on"
    r"|(?:social media|X|Twitter|Facebook|Instagram) post)",
    re.I,
)
# Commentary and colour: the writer's or observers' reading, sentiment, slogans.
COMMENTARY = re.compile(
    r"\b(?:observers?|analysts? say|(?:is|are) seen as|significance|symbolism|underscores?|reinforces|is vital"
    r"|(?:is|are|remains?) (?:an? )?(?:critical|crucial|essential|indispensable|important|equally important)"
    r"|one of the most|(?:pivotal|key|central|vital) role|(?:often|widely|frequently) (?:described|regarded) as"
    r"|all eyes|on the horizon|a new (?:era|chapter|page)|an? (?:signal|sign) of|(?:cautious |guarded )?optimism"
    r"|irrelevant to|fruitful|productive|cordial|a pleasure|satisfaction)\b",
    re.I,
)
FIRST_PERSON_OPENING = re.compile(r"^[\"“‘'`]*(?:We|We're|I|I'm|Our|My)\b")
# Explicitly open: not known, not decided, disputed, hoped for, unconfirmed.
OPEN_CUE = re.compile(
    r"\b(?:whether|unclear|not (?:yet |been )?known|yet to|not yet|no formal|pending|hopeful|hope[sd]? that"
    r"|imminent|hinted|remains? to be seen|did not say|nor how|later\.$|hurdle|refuse to negotiate"
    r"|would have to|undecided|unresolved|in the event|reportedly)\b",
    re.I,
)
# Forecasts of emphasis or characterisation ("will focus on", "is likely to highlight",
# "will mark the first") describe an agenda or a mood, not an outcome anyone awaits.
SOFT_FORECAST = re.compile(
    r"\b(?:focus|highlight|touch|serve|mark|provide|remain|send|usher|herald|underscore|reflect|signal"
    r"|intended)\b"
    # a scheduled speech is agenda, not a question anyone awaits the answer to
    r"|\bdeliver (?:(?:his|her|their|a|an|the) )?(?:\w+ )?(?:remarks|address|speech|statement|keynote)\b",
    re.I,
)
# A decision already taken, even when told in the future tense ("under the deal X will head").
DECIDED = re.compile(r"\b(?:announced|agreed|compromise|under the (?:deal|agreement))\b", re.I)
OUTCOME_VERB = re.compile(
    r"\b(?:signed|inked|agreed|decided|approved|ratified|reached|concluded|adopted|broke|dropped"
    r"|reaffirmed|resolved|accepted|endorsed|elected|appointed|pardoned|released|freed|responded positively"
    r"|settled)\b|\bmet\b[^.]*\bto sign\b",
    re.I,
)
BACKGROUND_CUE = re.compile(
    r"\b(?:had (?:\w+ )?(?:been|[a-z]+ed|made|held|met|taken|left|won|sunk|sank)|earlier(?! this week)"
    r"|previously|since|ago|last (?:year|month)|recent(?:ly)?|over the past|in the past"
    r"|followed|following|stalled|cancell?ed|cancellation|at loggerheads|accused|convicted|deposed|coup"
    r"|was met with|pointed out|has said|maintains that|has been (?:a|under)|so far"
    r"|(?:has|have) (?:also )?been [a-z]+(?:ed|en)\b)",
    re.I,
)
# The story's central event, when a sentence reports on it in the past tense.
CENTRAL_EVENT = re.compile(r"\b(?:talks|meeting|met|discussed|discussions?|focused|reviewed|arrived|visit)\b", re.I)
PURPOSE = re.compile(r"\b(?:aims? to|aimed at|marks the first|first face-to-face|to discuss)\b", re.I)
# Days of slack before an event counts as earlier than the story: a report dated Saturday on
# Friday's signing is telling the story, not its background.
STORY_WINDOW_DAYS = 7
LEAD_SENTENCES = 2


def stands_alone(text: str) -> bool:
    """False for a piece of a multi-sentence quotation: read alone it has lost its speaker."""
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def is_fragment(text: str) -> bool:
    """A broken piece of a sentence (from segmentation) that makes no claim on its own."""
    if not stands_alone(text):
        return True
    stripped = text.strip("\"“”'` ")
    if not stripped or stripped[0].islower() or stripped[0] in "([":
        return True
    return not SENTENCE_END.search(text.rstrip()) or not FINITE_VERB.search(text)


def _older_than_story(statement: Statement) -> bool:
    """A date in the sentence lies well before its article: the sentence tells earlier history."""
    reference = statement.reference_date
    mentions = resolve_dates(statement.text, reference)
    if reference is None:
        return bool(mentions)  # undated article: only absolute dates resolve, and those are history
    return any(m.last_day < reference - dt.timedelta(days=STORY_WINDOW_DAYS) for m in mentions)


def classify_one(statement: Statement, newest: dt.date | None) -> str:
    """The section of one sentence on its own (overtaking is decided across sentences)."""
    text = statement.text
    if is_fragment(text) or FURNITURE.search(text) or COMMENTARY.search(text):
        return NONE
    if OPEN_CUE.search(text):
        return OPEN_QUESTIONS
    tense = main_tense(text)
    if tense == FUTURE:
        if DECIDED.search(text):
            return OUTCOMES
        return NONE if SOFT_FORECAST.search(text) else OPEN_QUESTIONS
    is_newest = newest is None or statement.reference_date is None or statement.reference_date >= newest
    if OUTCOME_VERB.search(text) and not BACKGROUND_CUE.search(text) and not _older_than_story(statement):
        return OUTCOMES if is_newest else KEY_FACTS
    if FIRST_PERSON_OPENING.search(text):
        return NONE  # a quoted voice: its news, if any, is reported in the sentences around it
    if PURPOSE.search(text):
        return KEY_FACTS  # what the story's event is for ("the talks are aimed at easing ...")
    if BACKGROUND_CUE.search(text):
        return BACKGROUND
    if tense == "present":
        return NONE  # a standing state or a reading of it, not a reported step
    if statement.position < LEAD_SENTENCES:
        return KEY_FACTS
    if _older_than_story(statement):
        return BACKGROUND
    return KEY_FACTS if CENTRAL_EVENT.search(text) else BACKGROUND


# --- Forecasts overtaken by later reports -------------------------------------------------
# Share of a forecast's content words that later past-tense reporting must repeat for the
# forecast to count as reported (its participants, its event, its object).
OVERTAKEN_COVERAGE = 0.6
# Share of a forecast's terms that a later concluded outcome (signed, agreed, ...) must state
# for the forecast, whatever its verb ("will explore a framework"), to be settled by it.
SETTLED_COVERAGE = 0.5
_GENERIC = frozenset("also officials official two new his her their".split())
# Event matching needs what a suffix stripper cannot see: irregular forms, and the verbs that
# only say an event happens ("will take place", "to be held", "convened") read as "meet".
_IRREGULAR = {"met": "meet", "held": "hold", "took": "take", "sworn": "swear"}
_HAPPENING = {stem(verb): "meet" for verb in ("take", "hold", "convene", "happen", "occur")}
_EQUIVALENT_NAMES = re.compile(r"\bUnited States\b", re.I)


def _stem(word: str) -> str:
    """The ranker's stem, after irregular forms and with happening verbs read as "meet"."""
    word = stem(_IRREGULAR.get(word, word))
    return _HAPPENING.get(word, word)


def _terms(text: str) -> set[str]:
    text = _EQUIVALENT_NAMES.sub("US", text)
    return {_stem(w) for w in content_words(text) if w not in _GENERIC and not w.isdigit()}


# The core of a forecast ends at a purpose or relative clause ("... on Friday [to ease ...]").
_CORE_END = re.compile(r"[;:—–(]|\s-\s|\s(?:to|in order to|so that|in what|as|which|who|while|but)\s"
                       r"|,\s+(?:\w+ly\s+)?\w+ing\b", re.I)  # or a participle clause: ", potentially expanding"
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


def forecast_event(text: str) -> tuple[str | None, set[str]]:
    """What a forecast expects: its verb and the core of its predicate, up to the first clause
    break or purpose ("is set to [meet X in Y on Friday] to ease ..." -> meet, {meet, X, Y})."""
    match = FORECAST_CUE.search(REPORTING.sub(lambda m: " " * len(m.group(0)), text))
    if not match:
        return None, set()
    tail = _without_leading(text[match.end():].lstrip() + " ")
    for mention in reversed(resolve_dates(tail, None)):
        tail = tail[: mention.start] + tail[mention.end:]
    end = _CORE_END.search(tail, 1)
    core = tail[: end.start()] if end else tail
    terms = _terms(core)
    verb = next(iter(_terms(core.split()[0]))) if core.split() and _terms(core.split()[0]) else None
    if match.group(0).lower() == "to be held":  # the cue is the event: "the meeting, to be held in X"
        verb = _stem("held")
        terms |= {verb}
    return verb, terms


def is_forecast(statement: Statement) -> bool:
    return main_tense(statement.text) == FUTURE


def overtaken(statements: list[Statement]) -> frozenset[int]:
    """Indices of forecasts that a later article reports as done.

    A forecast from article A is overtaken when an article dated after A reports, in the past
    tense, the forecast's verb and most of the core of what it expected (OVERTAKEN_COVERAGE of
    its content words: who, what, with whom), and the forecast's own date, if it names one, is
    no later than that article's date. "Is set to meet Hegseth in Malaysia on Friday" is
    overtaken by "on Friday signed ..., during a meeting between Singh and Hegseth"; "is
    expected to review the purchase of six aircraft" is not, as nothing reports a review. Forecasts without dated context are never overtaken (nothing says which
    report came later).
    """
    reported: dict[int, set[str]] = {}
    outcomes: dict[int, set[str]] = {}
    article_date: dict[int, dt.date | None] = {}
    for statement in statements:
        article_date[statement.article] = statement.reference_date
        if main_tense(statement.text) == PAST or OUTCOME_VERB.search(statement.text):
            reported.setdefault(statement.article, set()).update(_terms(statement.text))
        if OUTCOME_VERB.search(statement.text) and main_tense(statement.text) != FUTURE:
            outcomes.setdefault(statement.article, set()).update(_terms(statement.text))
    result = set()
    for index, statement in enumerate(statements):
        written = statement.reference_date
        if written is None or not is_forecast(statement) or is_fragment(statement.text):
            continue
        verb, expected = forecast_event(statement.text)
        if verb is None or len(expected) < 2:
            continue
        forecast_day = max((m.last_day for m in resolve_dates(statement.text, written) if m.tense == FUTURE),
                           default=written)
        for article, terms in reported.items():
            later = article_date[article]
            if later is None or later <= written or forecast_day > later:
                continue
            if verb in terms and len(expected & terms) / len(expected) >= OVERTAKEN_COVERAGE:
                result.add(index)
                break
            # what it expected to be explored or worked towards was reported as concluded
            settled = outcomes.get(article, set())
            if len(expected & settled) / len(expected) >= SETTLED_COVERAGE:
                result.add(index)
                break
    return frozenset(result)


def classify(statements: list[Statement], gone: frozenset[int] | None = None) -> tuple[str, ...]:
    """Each statement's section (or "none"), read in the context of all the story's statements.
    `gone` is overtaken(statements), when the caller has it already."""
    dated = [s.reference_date for s in statements if s.reference_date]
    newest = max(dated) if dated else None
    gone = overtaken(statements) if gone is None else gone
    return tuple(NONE if i in gone else classify_one(s, newest) for i, s in enumerate(statements))


# --- Sections of a corpus ------------------------------------------------------------------
def statements_of(corpus: Corpus, dates: dict[int, ArticleDate]) -> list[Statement]:
    """One statement per item, read from the sentence the item shows."""
    statements = []
    for item in corpus.items:
        sentence = representative(item)
        statements.append(Statement(item.text, sentence.article, dates[sentence.article].date, sentence.position))
    return statements


def time_key(statement: Statement) -> str:
    """When a statement's event happened, as sortable ISO text: its own date if it names one,
    else its article's; undated statements sort last."""
    mention = event_date(statement.text, statement.reference_date)
    return mention.sort_key if mention else _undated(statement)


def _undated(statement: Statement) -> str:
    return statement.reference_date.isoformat() if statement.reference_date else "~"


# Share of the shorter item's terms at which two items of one section say the same thing
# (rewrites the dedupe stage kept apart, in other words).
SAME_POINT = 0.35
# Across sections a line may take up a point another section makes ("the visit was
# cancelled" in Background, "a visit is still open" below): only a plain repeat is left out.
ELSEWHERE = 0.5


def _same_point(a: set[str], b: set[str], share: float = SAME_POINT) -> bool:
    return containment(a, b) >= share


def _newer(a: Statement, b: Statement) -> bool:
    return a.reference_date is not None and (b.reference_date is None or a.reference_date > b.reference_date)


def assign_sections(statements: list[Statement], labels: tuple[str, ...], order: tuple[int, ...],
                    scores: tuple[float, ...], budgets: dict[str, int]) -> dict[str, list[int]]:
    """Section -> item indices, arranged to read as a story: by time, then importance.

    Each section takes the ranked candidates of its kind in ranking order while it has room,
    one item per point across the whole brief. Background prefers sentences that say when
    ("in August", "last year"): it is there to tell what came before.
    """
    candidates = list(order)
    undated_background = {i for i in candidates
                          if labels[i] == BACKGROUND and event_date(statements[i].text, statements[i].reference_date) is None}
    candidates.sort(key=lambda i: i in undated_background)  # stable: ranking order otherwise kept
    chosen: dict[str, list[int]] = {key: [] for key in SECTION_KEYS}
    terms: dict[int, set[str]] = {}
    for index in candidates:
        key = labels[index]
        if key not in chosen or len(chosen[key]) >= budgets.get(key, 0):
            continue
        candidate = _terms(statements[index].text)
        if any(_same_point(candidate, terms[other]) for other in chosen[key]):
            continue  # this section says it already
        elsewhere = [other for other in terms if _same_point(candidate, terms[other], ELSEWHERE)]
        if elsewhere:
            # Another section says it: the newer report's telling stands, the older gives way.
            if not all(_newer(statements[index], statements[other]) for other in elsewhere):
                continue
            for other in elsewhere:
                chosen[labels[other]].remove(other)
                del terms[other]
        terms[index] = candidate
        chosen[key].append(index)
    return {key: sorted(indices, key=lambda i: (time_key(statements[i]), -scores[i], i))
            for key, indices in chosen.items()}
