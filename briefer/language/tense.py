"""One tense and modality reader for every stage.

`main_tense` reads the governing verb (reporting verbs aside: "officials said the talks would
..." is a forecast). `modality` says how the sentence holds its claim: done, ongoing, planned,
expected, conditional or negated. The time resolver's `tense_around` reads the tense near one
expression (language/timex.py) with the same kind of cues.
"""

from __future__ import annotations

import re

from briefer.core.cues import pattern, phrases

PAST, FUTURE, PRESENT = "past", "future", "present"
DONE, ONGOING, PLANNED, EXPECTED, CONDITIONAL, NEGATED, UNCERTAIN = (
    "done", "ongoing", "planned", "expected", "conditional", "negated", "uncertain")

# Irregular pasts (data files): those read as the main verb wherever they stand, and those that
# are as often an adjective ("the paid staff"), read like an "-ed" form after their subject.
IRREGULAR_PAST = "|".join(phrases("language", "irregular_pasts"))
PARTICIPLE_PAST = "|".join(phrases("language", "participle_pasts"))
ANY_IRREGULAR_PAST = IRREGULAR_PAST + "|" + PARTICIPLE_PAST  # a finite past, whichever list gives it
REPORTING = re.compile(
    r"\b(?:said|says|say|told|noted|added|stated|reported|according to|announced that|wrote)\b"
    # raising a possibility introduces what may happen, as saying does ("raised the possibility
    # that the group would endorse both")
    r"|\b(?:raised|raises|raising|floated|floats|mentioned|suggested|left\s+open)\s+the\s+possibility\s+that\b", re.I)
# In a reported clause, "was expected", "were scheduled to" tell what the saying expected, as
# "would" does: the backshifted "is expected" ("officials said more rain was expected over the
# weekend": the coming weekend). Without a saying before it, or in an aside ("the verdict, which
# was expected on Tuesday, came on Wednesday"), "was expected" may tell a past plan.
BACKSHIFTED_FUTURE = re.compile(r"\b(?:was|were)\s+(?:\w+ly\s+)?(?:(?:expected|scheduled|slated|due|set|poised)\s+(?:to|for)\b"
                                r"|(?:expected|scheduled|slated)(?=\s+(?:on|in|at|over|by|during|this|next|later|soon)\b))",
                                re.I)  # ("was set on fire", "bail was set at $1 million": no forecast)


def backshifted_futures(text: str, content: str | None = None) -> list[re.Match]:
    """The backshifted forecasts of the text that follow a saying; read in `content` (the text
    with its asides blanked, same length) when given: "the verdict, which was expected on
    Tuesday, came on Wednesday" has none."""
    return [m for m in BACKSHIFTED_FUTURE.finditer(content if content is not None else text)
            if REPORTING.search(text, 0, m.start())]


# The auxiliaries that may stand between a noun and its participle ("people were killed", "had been").
AUXILIARY = r"(?:was|were|is|are|be|been|being|had|has|have|got|get|gets)"


# "will" as a noun ("his 1895 will", "Nobel's will", "the political will was lacking"): right
# after a possessive, a determiner or a year, or followed by what never follows the modal.
_NOUN_WILL = (r"(?:" + "|".join(f"(?<={w} )" for w in ("'s", "’s", r"\bhis", r"\bher", r"\bits", r"\btheir", r"\bthe",
                                                      r"\ba", r"\bhis \d{4}", r"\bher \d{4}", r"\btheir \d{4}",
                                                      r"'s \d{4}", r"’s \d{4}"))
              + r")will\b|will(?=\s+(?:of|was|is|were|are|has|had)\b)")
# Future and possibility in the main verb. A modal with "never" ("he would never shake the hand of
# Arafat", "we will never negotiate") states a refusal, a stance held now, not an awaited event.
FORECAST_CUE = re.compile(
    # a modal verb: in lower case ("in May" is a month; "Will Carling" is a name), or capitalised
    # where a question opens ("Will ...?"), and not the noun "will" (_NOUN_WILL)
    r"(?<![\w'’])(?!" + _NOUN_WILL + r")(?:(?-i:will|shall|would)\b(?!\s+never\b)|(?-i:could|may|might|should)\b)"
    r"|(?:^|(?<=^[\"“‘(]))(?-i:Will|Shall|Would|Could|Might|Should)\b(?=[^.!]*\?)|\b(?:set|scheduled|expected|likely|slated|poised"
    r"|planning|going|intended) (?:to|for)\b|\bto be held\b"
    # awaited, with only its time after it: "A preliminary report is expected within 30 days", "A
    # verdict is due on Friday"
    r"|\b(?:is|are)\s+(?:\w+ly\s+)?(?:expected|due)(?=\s+(?:on|in|within|by|later|next|this|soon|shortly|before"
    r"|at|early|late)\b|\s*[.;]|\s*$)"
    r"|(?<!\bhad )(?<![Hh]er )(?<![Hh]is )(?<![Ii]ts )(?<![Tt]heir )(?<![Oo]ur )(?<![Tt]he )(?<=[a-z] )"
    r"(?:hopes?|hoped)\s+to\b|"
    # a hope for a step, after its subject ("said it hoped to restore full operations by next
    # week"; not the noun, "Hopes to reach a deal faded", "her hopes to win", nor "had hoped"); a progressive
    # of anticipation, with its auxiliary ("he was expecting air shipments", "they
    # are hoping the group will"): what is awaited has not happened
    r"\b(?:is|are|was|were|am)\s+(?:\w+ly\s+)?(?:expecting|hoping|anticipating)\b|\bupcoming\b|\bagenda item\b|^If\b"
    # "due to" is a forecast after a form of "be" ("is due to meet"); after a noun it gives a cause
    r"|\b(?:is|are|was|were|be|been|being|am)\s+due\s+(?:to|for)\b",
    re.I,
)
STRONG_PAST = re.compile(rf"\b(?:{IRREGULAR_PAST}|ago|earlier|previously|already)\b", re.I)
WEAK_PAST = re.compile(rf"(?<![\w-])(?:[a-z]{{3,}}ed|{PARTICIPLE_PAST})\b")
# What comes before an "-ed" word that makes it an adjective or a participle, not the main verb:
# a determiner or possessive ("the planned visit"), "to be"/"been"/"being", "to", a modal's "will be".
ATTRIBUTIVE = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|our|this|that|these|those|to|be|been|being|is|are"
                         r"|am|was|were|has|have|had|newly|well|ill|long|so|more|most|less|least|very|fully|them|him|us|me|it)"
                         r"|[-\w]+'s|[-\w]+’s|,)\s+$"
                         # a preposition, or a participle that works as one ("citing", "including"),
                         # opens a noun phrase: an "-ed" word right after it modifies the noun ("citing
                         # stalled negotiations", "over armed attacks"), it is no finite verb
                         r"|\b(?:of|in|on|at|with|for|from|by|into|onto|over|under|among|amid|amidst|against"
                         r"|despite|during|through|toward|towards|upon|via|without|within|citing|including"
                         r"|regarding|concerning|involving|excluding)\s+$", re.I)
# What makes an "-ed" word an adjective before its noun: a determiner, a degree word, a possessive
# ("the most feared company", "its planned visit").
_BEFORE_ADJECTIVE = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|our)\s+(?:(?:more|most|less|least|very|newly|well"
                               r"|so|fully)\s+)?|\b(?:very|newly|well|fully)\s+|[-\w]+['’]s\s+)$", re.I)
_TAIL = 60  # the words right before an "-ed" form that can make it an adjective or a passive (never the whole prefix)
# A present passive ("is considered", "is being considered"): a state now, not a past step.
_PRESENT_PASSIVE = re.compile(r"\b(?:is|are|am)\s+(?:(?:being|still|now|also|not)\s+)*(?:\w+ly\s+)?$", re.I)
# the sentence's own verb before the hedge: an auxiliary, a saying, or an "-ed" verb taking its
# object ("criticized a resolution", "divides an area"), not an adjective ("masked gunmen", "the embattled mayor")
_FINITE_BEFORE = re.compile(r"\b(?:is|are|was|were|has|have|had|said|says|did|does|will|would)\b"
                            r"|\b[a-z]{3,}(?:ed|[^s]s)\s+(?:a|an|the|his|her|its|their|this|that)\b")
# A verb that introduces what someone said or thought ("suggested that ...", "announced, ...")
# reports the sentence; the verb of its complement governs.
COMPLEMENT = re.compile(r"^\s*(?:that\b|,)")
# A present main verb before any future or past one governs ("1999 is the start-up date of the
# euro, which will unite 11 countries"), unless it carries the forecast ("is set to", "is due").
PRESENT_CUE = re.compile(r"\b(?:is|are|am)\b(?!\s+(?:not\s+)?(?:set|scheduled|expected|likely|due|slated|poised|going"
                         r"|planning|to|being|hopeful|confident|optimistic|certain|sure|unlikely|uncertain|unclear|\w+ed\b|\w+en\b))",
                         re.I)
PRESENT_PERFECT = re.compile(r"\b(?:has|have)\s+(?:(?:already|now|also|just|recently|repeatedly|not|never)\s+)?"
                             r"(?!been\b)[a-z]{3,}ed\b", re.I)
# A perfect in the passive ("has been fined", "have been arrested"): a done act, which governs a
# modal further on ("... fined for selling insurance that customers could never use"). Not one
# that carries a forecast ("has been expected to", "have been asked to").
PASSIVE_PERFECT = re.compile(rf"\b(?:has|have)\s+(?:(?:already|now|also|just|recently|not|never)\s+)?been\s+"
                             rf"(?:[a-z]{{3,}}ed|{PARTICIPLE_PAST})\b(?!\s+to\b)", re.I)
# What introduces a clause of what was said or thought: "that", or a participle set off by a
# comma (", saying ...", ", arguing ...").
_INTRODUCED = re.compile(r"\bthat\b|,\s+[a-z]+ing\b")
ONGOING_CUE = re.compile(r"\b(?:is|are|am|remains?|continues?)\s+(?:still\s+)?[a-z]+ing\b", re.I)
# The forms a participle may take besides the "-ed" ones: the irregular pasts ("held", "met"; the
# list holds some that are only pasts, "was", "knew", which a rule asking for a participle after
# "had" or "been" never meets) and the "-en" ones ("taken", "known"); one alternation, for every
# rule that asks for a participle.
PAST_PARTICIPLE = ANY_IRREGULAR_PAST + "|" + pattern("language", "en_participles").pattern


# "no doubt", "little doubt", "without doubt": the hedge word denied, the claim held firmly.
_DOUBT_DENIED = re.compile(r"\b(?:no|little|without|beyond)\s+$", re.I)
# "rejected the bid, citing doubts about the evidence", "resigned amid doubts over his degree": a
# doubt named as the reason or the setting of an act is why it was done, not doubt of the claim.
_DOUBT_AS_REASON = re.compile(r"\b(?:citing|cited|amid|over|because\s+of|due\s+to|owing\s+to|given|despite)\s+"
                              r"(?:[\w'’-]+\s+){0,2}$", re.I)
_DOUBT_NOUNS = frozenset({"doubt", "doubts"})
# "calls he allegedly made", "a man who reportedly fled": a hedge inside a relative clause doubts
# what the clause says of its noun, not the sentence's claim ("Gore is under investigation").
_IN_RELATIVE = re.compile(r"(?:\b(?:who|whom|which)\b[^,;:]*|\b(?P<noun>[a-z]+s)\s+(?:he|she|they|it|we)\s+)$")
_CLAUSE_HEDGES = frozenset({"allegedly", "reportedly"})


def _in_relative(before: str) -> bool:
    """The text before a word ends inside a relative clause: after "who", "which", or a plural
    noun and a pronoun subject ("calls he"; not a verb of saying, "says he")."""
    found = _IN_RELATIVE.search(before)
    return bool(found) and not (found.group("noun") and REPORTING.match(found.group("noun")))


# "an unclear word", "the uncertain economy": a hedge word before its noun describes a thing;
# the claim is doubted when it is the predicate ("it is unclear whether ...").
_ATTRIBUTIVE_HEDGE = re.compile(r"\b(?:a|an|the|its|his|her|their|this|that|these|those)\s+(?:\w+ly\s+)?$", re.I)
_STATE_HEDGES = frozenset({"unclear", "uncertain", "unsure"})
# A hedge adverb on a participle that describes a noun ("violations allegedly committed by Hun
# Sen", "the man reportedly seen at the scene"): it doubts that description, not the sentence's
# claim; a noun (a lower-case word, not an auxiliary) stands before it, and the sentence's own verb
# before that ("Police reportedly arrested three men": the hedge is on the main verb).
# ("are widely believed to", "was reportedly seen": the auxiliary before an adverb makes it the predicate)
_AUXILIARY_AND_ADVERB = re.compile(r"\b(?:is|are|was|were|be|been|being|has|have|had)\s+\w+ly\s+$", re.I)
# So is "believed to" or "thought to" after a noun ("an area believed to hold large reserves").
_HEDGED_MODIFIER = re.compile(r"(?<=[a-z)] )(?<!\bis )(?<!\bwas )(?<!\bare )(?<!\bbe )(?<!\bwere )(?<!\bhas )(?<!\bhad )"
                              r"(?<!\bbeen )(?<!\bhave )(?:(?:allegedly|reportedly)\s+[a-z]+ed\b|(?:believed|thought)\s+to\b)")


def without_reporting(text: str) -> str:
    """The text with reporting verbs blanked (same length, so offsets hold)."""
    return REPORTING.sub(lambda m: " " * len(m.group(0)), text)


# A clause set off by commas that describes a noun (", who has courted gay voters,"): its verb
# tells about the noun, not the sentence's time.
_ASIDE = re.compile(r",\s+(?:who|which|whose|whom)\b[^,;:]*,"
                   # or a named body's future role, closed by a comma before the sentence goes on
                   # ("The head of the European Central Bank that will set monetary policy ..., Wim
                   # Duisenberg, again on Thursday suggested ...")
                   r"|\b[A-Z][a-z]+\s+(?:that|which)\s+(?:will|would|is\s+to|are\s+to)\b[^,;:]*,"
                   r"(?=\s*[A-Z][a-z]+(?:\s+[A-Z][\w.'’-]*)*,)")  # ... then the body's head named beside it


# A "may not be" or "might not be" that concedes, answered by "but" in the same sentence ("X may not
# be familiar names, but what they won the prize for is known by most patients", "they may not be
# severely malnourished, but they are not well nourished"): the claim is the clause after "but",
# and the modal forecasts nothing. (Not any "may ..., but": "The toll may rise, but officials gave
# no figure" still awaits a rise; nor a passive, an event still to come: "The vote may not be held
# until March, but campaigning has begun", "The toll may not be known for weeks, but ...".)
_CONCEDING = re.compile(r"\b(?:may|might)(?=\s+not\s+be\s+(?!(?:\w+ly\s+)?(?:[a-z]+ed|" + PAST_PARTICIPLE
                        + r")\b)[^,;]*,\s+but\b)")


def _words_before(content: str, match: re.Match) -> str:
    """The few words right before a match: all an adjective's or a passive's cue needs."""
    return content[max(0, match.start() - _TAIL):match.start()]


# A participle right after its subject's noun, with the clause's own auxiliary of the future
# after it: "Seven aid workers kidnapped in Ombara five months ago are expected to be freed
# within days", "A man arrested in Kesh will appear in court": a relative clause without its
# "who were"; the future after it is the sentence's.
_SUBJECT_NOUN_BEFORE = re.compile(r"(?<![\w'’-])(?!(?:" + AUXILIARY + r"|to|and|or|not|who|which|that|it|he|she|they|we|i|you"
                                  r")\b)[a-z]{3,}s?\s+$", re.I)
_FUTURE_AUXILIARY = re.compile(r"\b(?:is|are|will|would)\b")
_PREPOSITION_NEXT = re.compile(r"\s+(?:in|on|at|by|near|from|during|after|last|earlier|over|outside|inside|off|with|for)\b")


def _reduced_relative(content: str, participle: re.Match, forecasts: list[re.Match]) -> int | None:
    """Where the relative clause the participle opens ends (the future after it), or None."""
    # a passive participle takes no object: a preposition follows it ("kidnapped in", "arrested
    # on"), where a main verb takes its object ("The council approved the plan and will ...")
    if not _SUBJECT_NOUN_BEFORE.search(_words_before(content, participle)) \
            or not _PREPOSITION_NEXT.match(content, participle.end()):
        return None
    after = next((f for f in forecasts if f.start() > participle.end()), None)
    if after is None:
        return None
    between = content[participle.end():after.start()]
    # nothing that ends the relative clause first (",", "and", another verb's past; its own time,
    # "five months ago", is the participle's), and the future's auxiliary opens the main clause
    # ("are expected to", "will appear")
    closed = "," in between or re.search(r"\b(?:and|but|or)\b", between) or WEAK_PAST.search(between) \
        or any(m.group(0).lower() != "ago" for m in STRONG_PAST.finditer(between)) \
        or not _FUTURE_AUXILIARY.search(content, max(participle.end(), after.start() - 4), after.end() + 1)
    return None if closed else after.start()


# An apposition closed by its comma, then the subject's verb with its object: "nations adopting the
# new currency, the euro, dropped key interest rates Thursday". (A participle after a comma takes
# no object: ", backed by Syria", ", injured in the blast".)
_APPOSITION_CLOSED = re.compile(r",\s+(?:the|a|an)\s+[^,;]{1,40},\s+$", re.I)
# an object follows: any word but a preposition ("dropped key rates", not ", backed by Syria")
_OBJECT_NEXT = re.compile(r"\s+(?!(?:by|in|on|at|to|from|with|for|after|before|during|under|over|as|into|near"
                          r"|since|until|that|and|or|but)\b)[\w$€£]", re.I)


def _after_an_apposition(content: str, participle: re.Match) -> bool:
    return bool(_APPOSITION_CLOSED.search(content, 0, participle.start())) and bool(
        _OBJECT_NEXT.match(content, participle.end()))


def main_tense(text: str) -> str:
    """The tense of the governing verb: the first future or strong past cue, reporting verbs
    and relative clauses set off by commas aside; else a weak "-ed" form; else present."""
    content = _ASIDE.sub(lambda m: " " * len(m.group(0)), without_reporting(text))
    content = _CONCEDING.sub(lambda m: " " * len(m.group(0)), content)
    # "upcoming" qualifies a noun ("athletes arriving for the upcoming Games"): it makes the
    # sentence a forecast only when no verb in it says otherwise
    forecasts = list(FORECAST_CUE.finditer(content))  # one pass, read three times below
    cues = [(m.start(), FUTURE) for m in forecasts if m.group(0).lower() != "upcoming"]
    cues += [(m.start(), FUTURE) for m in backshifted_futures(text, content)]
    # a relative clause without its "who were" ("aid workers kidnapped five months ago are expected
    # to ..."): its participle and its time are not the sentence's
    reduced = [(m.start(), end) for m in WEAK_PAST.finditer(content)
               if (end := _reduced_relative(content, m, forecasts)) is not None]
    cues += [(m.start(), PAST) for m in STRONG_PAST.finditer(content) if not any(a <= m.start() < b for a, b in reduced)]
    # A regular past after its subject ("the league canceled ..., the first time it will lose ...")
    # governs too; after a determiner it is an adjective ("the planned visit will ...").
    cues += [(m.start(), PAST) for m in WEAK_PAST.finditer(content)
             if (not ATTRIBUTIVE.search(_words_before(content, m)) or _after_an_apposition(content, m))
             and not COMPLEMENT.match(content[m.end():m.end() + 8])
             and not any(a == m.start() for a, _ in reduced)]
    cues += [(m.start(), PRESENT) for m in PRESENT_CUE.finditer(content)]
    cues += [(m.start(), PAST) for m in PASSIVE_PERFECT.finditer(content)]
    # a present perfect that introduces what was said or thought ("has warned cities that they
    # should ...", "have dismissed reports that the stadium would ...", "has declined requests,
    # saying the meeting would ...") reports a done act
    cues += [(m.start(), PAST) for m in PRESENT_PERFECT.finditer(content)
             if _INTRODUCED.search(content[m.end():next((c.start() for c in forecasts if c.start() >= m.end()),
                                                        len(content))])]
    # A fronted clause ("While the report is expected to ..., it has found ...", "When Nobel
    # wrote his will, ..."): a tense of the main clause after it tells the sentence's time. A
    # "clause" holding two verbs' tenses ran on past its own end: it had no comma of its own.
    fronted = _FRONTED_CLAUSE.match(content)
    main = [cue for cue in cues if fronted and cue[0] >= fronted.end()]
    if len(cues) - len(main) > 1:
        main = []
    if main or cues:
        return min(main or cues)[1]
    # an "-ed" word left only as an adjective ("the most feared company ... presents a target")
    # or before a complement tells no past
    if any(not _BEFORE_ADJECTIVE.search(_words_before(content, m)) and not _PRESENT_PASSIVE.search(_words_before(content, m))
           for m in WEAK_PAST.finditer(content)):
        return PAST
    return FUTURE if forecasts else PRESENT


# A subordinate clause set before the main one, closed by its comma (a condition is modality's).
_FRONTED_CLAUSE = re.compile(r"^\W*(?:While|Although|Though|Whereas|Even\s+(?:though|as)|Because|When|Whenever|Once"
                             r"|Until|Before|After|As\s+soon\s+as)\s+[^,;:]*,")


def modality(text: str, tense: str | None = None) -> str:
    """How the sentence holds its main claim. A hedge (unconfirmed, unclear, believed to),
    negation and conditions outrank the tense."""
    content = without_reporting(text)
    tense = tense or main_tense(text)
    if pattern("language", "cannot_tell").search(text):
        return UNCERTAIN  # "it is too early to tell whether ...": no one can say yet
    if any(not _DOUBT_DENIED.search(content[:m.start()])
           and not (m.group(0).lower() in _DOUBT_NOUNS and _DOUBT_AS_REASON.search(content[:m.start()]))
           and not (m.group(0).lower() in _CLAUSE_HEDGES and _in_relative(content[:m.start()]))
           and not (_ATTRIBUTIVE_HEDGE.search(content[:m.start()]) and m.group(0).lower() in _STATE_HEDGES)
           and not (_HEDGED_MODIFIER.match(content, m.start()) and _FINITE_BEFORE.search(content, 0, m.start())
                    and not _AUXILIARY_AND_ADVERB.search(content, 0, m.start()))
           for m in pattern("language", "uncertain").finditer(content)):
        return UNCERTAIN
    if pattern("language", "negation").search(content):
        return NEGATED
    if content.lstrip("\"“‘'` ").lower().startswith(("if ", "unless ")) or (
            tense == FUTURE and re.search(r"\b(?:would|could|might|may)\b", content, re.I)
            and pattern("language", "conditional").search(content)):
        return CONDITIONAL
    if tense == FUTURE:
        return EXPECTED if pattern("language", "expected").search(content) else PLANNED
    if tense == PAST:
        return DONE
    return ONGOING
