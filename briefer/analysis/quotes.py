"""Key quotes: direct quotations, verbatim, with who said them and where.

Quotations and their speakers come from the article-wide finder (language/quotations.py:
curly, straight and wire-style marks, full names, pronouns resolved), read here per paragraph
(the sentence splitter would cut a multi-sentence quote apart); what the finder leaves unnamed,
an official body or an anonymous official, is read by the attribution shapes of news prose:
    "...," Singh wrote on X.            "...," one of the officials said.
    "...," said the ministry.           Singh said, "..."
    According to X, "..."               As one official put it, "..."
    X expressed ..., saying, "..."      "..." standing alone after a sentence "..., X said."
"he"/"she" resolve to the one person named in the nearest sentence before that names
anyone; a surname resolves to the fullest form of that name in the article ("Singh" ->
"Rajnath Singh") when the article names only one such person; "the ministry" to the
fuller body the article named before it ("the defence ministry"). Fragments ("unfair"),
unattributed and ambiguous quotations are left out: a quote with the wrong speaker is
worse than none.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from briefer.core.cues import phrases
from briefer.core.lexicon import SPEECH_VERB_PATTERN
from briefer.core.models import CleanArticle, Quote
from briefer.core.text import STOPWORDS, jaccard, words
from briefer.language.annotate import article_quotes as annotated_quotes

MIN_WORDS = 6
MAX_WORDS = 80
MOST_QUOTES = 4
MOST_PER_SPEAKER = 1
SAME_QUOTE = 0.6  # word overlap at which two quotations are one, reported twice

_QUOTATION = re.compile(r"“(?P<curly>[^“”]+)”|\"(?P<straight>[^\"]+)\"|``(?P<wire>(?:(?!'').)+)''")
# "told" names its listener ("told reporters"): the speaker is before it, the listener skipped.
_VERB = rf"(?:told\s+(?:[\w’'-]+\s+){{0,3}}?[\w’'-]+|{SPEECH_VERB_PATTERN})"
_SPEAKER = r"(?:[A-Za-z@][\w.’'@-]*\s+){0,6}?[A-Za-z@][\w’'@-]*"
_MEDIUM = re.compile(
    r"\b(?:[Oo]n (?:X|Twitter|Facebook|Instagram|LinkedIn|Telegram|Truth Social|social media|(?:state )?television)"
    r"|[Ii]n an? (?:[\w-]+ ){0,3}?(?:statement|post|interview|briefing|speech|letter|message|address)"
    r"|[Aa]t an? (?:[\w-]+ ){0,2}?(?:press conference|news conference|briefing|rally|event))\b"
)
_AFTER = re.compile(rf"^\s*(?P<speaker>{_SPEAKER})\s+{_VERB}\b(?P<tail>[^.!?“”\"]*)")
_AFTER_INVERTED = re.compile(rf"^\s*(?:said|says|wrote|added)\s+(?P<speaker>{_SPEAKER})(?P<tail>[^.!?“”\"]*)[.!?]")
_BEFORE = (
    re.compile(rf"(?P<speaker>{_SPEAKER})\s+{_VERB}(?P<tail>(?:\s+(?:on|in|at)\s[^,:“”\"]{{1,40}})?)\s*[,:]\s*$"),
    re.compile(rf"\b[Aa]ccording to (?P<speaker>{_SPEAKER}),\s*$"),
    re.compile(rf"\b[Aa]s (?P<speaker>{_SPEAKER}) put it,\s*$"),
)
_SAYING = re.compile(r",\s*saying,?\s*$")
# The sentence before a standalone quotation names its speaker: "..., the ministry said."
_PREVIOUS_ENDS = re.compile(rf",\s*(?P<speaker>{_SPEAKER})\s+{_VERB}\b(?P<tail>[^.!?“”\"]*)[.!?]?\s*$")
_PREVIOUS_OPENS = re.compile(rf"^(?P<speaker>{_SPEAKER})\s+(?:said|added|wrote|told|noted)\b")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")
_INTRO = re.compile(r"^(?:In|On|At|During|After|Before|Speaking|Later|Earlier|Meanwhile)\b[^,]*,\s*")
_NAME = re.compile(r"(?:[A-Z]\.(?=\s)|[A-Z][\w’'-]*)(?:\s+(?:[A-Z]\.(?=\s)|[A-Z][\w’'-]*))*")
_CAPITALISED = re.compile(r"[A-Z@]")
# "Kari Holt, the defence minister, ...": a title in apposition marks a person.
_APPOSITIVE_TITLE = re.compile(r",\s+(?:the|a|an)?\s*(?:[\w-]+\s+){0,3}?(?P<title>[\w-]+)\b(?=[,.])")

PRONOUNS = frozenset({"he", "she"})
ALLOWED_LEADS = frozenset({"the", "a", "an", "one", "two", "three", "another", "his", "her", "its", "their"})
# Words that precede a person's name without being part of it: "Defence Secretary Pete Hegseth".
TITLE_NOUNS = frozenset(
    """minister secretary president chancellor premier spokesperson spokesman spokeswoman ambassador senator
    governor mayor king queen prince mr mrs ms dr sir lord envoy representative counterpart aide adviser
    advisor director officer official leader lawmaker judge justice admiral commander colonel captain general
    chief designate""".split()
)
TITLE_MODIFIERS = frozenset(
    "vice prime foreign defence defense external affairs state deputy commerce trade finance home interior assistant".split()
)
BODY_WORDS = frozenset(
    """ministry government department embassy office spokesperson spokesman spokeswoman agency commission
    council committee administration cabinet parliament pentagon kremlin house company bank army navy
    police court""".split()
)
ANONYMOUS_WORDS = frozenset({"official", "officials", "source", "sources", "diplomat", "diplomats", "person", "people", "analyst"})


@dataclass(frozen=True)
class Found:
    """A quotation as found, before duplicates across articles are merged."""

    text: str
    speaker: str
    medium: str | None
    weight: int  # 3 a named person, 2 an official body, 1 an unnamed official
    article: int
    order: int  # where in the article: earlier first


def _quoted(match: re.Match) -> str:
    return match.group("curly") or match.group("straight") or match.group("wire")


def _inner(match: re.Match) -> str:
    text = _quoted(match).strip()
    return text[:-1].rstrip() if text.endswith(",") else text


def _is_statement(text: str) -> bool:
    """A full statement, not a scare quote or a title: capitalised and long enough."""
    count = len(text.split())
    return MIN_WORDS <= count <= MAX_WORDS and bool(_CAPITALISED.match(text))


def _outside_quotes(text: str) -> str:
    return _QUOTATION.sub(" ", text)


def _medium(*texts: str) -> str | None:
    for text in texts:
        match = _MEDIUM.search(_outside_quotes(text))
        if match:  # "In a statement" opening its sentence is "in a statement" after the speaker
            return match.group(0)[0].lower() + match.group(0)[1:]
    return None


def _speaker_ok(speaker: str) -> bool:
    first = speaker.split()[0]
    return first[0].isupper() or first[0] == "@" or first.lower() in ALLOWED_LEADS | PRONOUNS


def attribution(paragraph: str, match: re.Match, previous: str) -> tuple[str, str | None] | None:
    """(speaker as written, medium) for one quotation, or None when the text names no one."""
    inner = _quoted(match).rstrip()
    after = paragraph[match.end():]
    before = paragraph[:match.start()]
    if inner.endswith((",", "?", "!", "—", "–")):
        for pattern in (_AFTER_INVERTED, _AFTER):
            found = pattern.match(after)
            if found and _speaker_ok(found.group("speaker")):
                return found.group("speaker"), _medium(found.group("tail"))
    sentence_before = _SENTENCE_BREAK.split(before)[-1] if before.strip() else ""
    for pattern in _BEFORE:
        found = pattern.search(sentence_before)
        if found and _speaker_ok(found.group("speaker")):
            return found.group("speaker"), _medium(found.groupdict().get("tail") or "", sentence_before)
    if _SAYING.search(sentence_before):
        subject = _subject(sentence_before)
        return (subject, _medium(sentence_before)) if subject else None
    if sentence_before.strip() and not re.search(r"[.!?]\s*$", before):
        return None  # the quotation sits inside a sentence that names no speaker
    # A quotation standing alone takes the speaker of the sentence before it.
    context = before.strip() or previous
    if not context:
        return None
    last = _SENTENCE_BREAK.split(_outside_quotes_keep_attribution(context))[-1]
    for pattern in (_PREVIOUS_ENDS, _PREVIOUS_OPENS):
        found = pattern.search(last)
        if found and _speaker_ok(found.group("speaker")):
            return found.group("speaker"), _medium(last)
    return None


def _outside_quotes_keep_attribution(text: str) -> str:
    """The text with quotations emptied, keeping the attribution that follows them."""
    return _QUOTATION.sub("“…,”", text)


def _subject(sentence: str) -> str | None:
    """The name that opens a clause: "In a post, Jaishankar expressed ..., saying," -> Jaishankar."""
    clause = _INTRO.sub("", sentence.strip())
    match = _NAME.match(clause)
    if match:
        return match.group(0)
    lower = re.match(r"(?:the|The) (?:[a-z]+ ){0,2}[a-z]+", clause)
    return lower.group(0) if lower and lower.group(0).split()[-1].lower() in BODY_WORDS else None


# --- Names --------------------------------------------------------------------------------------
def people(text: str) -> dict[str, Counter]:
    """Surname -> the full names ending in it, counted, for names a title or a speech verb marks as a person."""
    names: dict[str, Counter] = defaultdict(Counter)
    for match in _NAME.finditer(text):
        tokens = match.group(0).split()
        # the two words before, from a bounded window: splitting all the text before every name was quadratic
        words_before = text[max(0, match.start() - 300):match.start()].split()[-2:]
        before = words_before[-1].lower().strip(",").split("-")[-1] if words_before else ""
        after = (text[match.end():match.end() + 12].split()[:1] or [""])[0].lower()
        titled = [i for i, token in enumerate(tokens) if token.lower() in TITLE_NOUNS]
        person = (before in TITLE_NOUNS or after in ("said", "wrote", "added", "says")
                  or _titled_in_apposition(text, match.end()))
        if titled:  # "Indian Defence Minister Rajnath Singh" -> "Rajnath Singh"
            tokens, person = tokens[titled[-1] + 1:], True
        elif tokens[0].lower() in TITLE_MODIFIERS and before == "of" and len(words_before) == 2 \
                and words_before[0].lower() in TITLE_NOUNS:  # "Secretary of State Marco Rubio"
            while tokens and tokens[0].lower() in TITLE_MODIFIERS:
                tokens.pop(0)
            person = True
        if person and 1 <= len(tokens) <= 3 and all(_name_token(t) for t in tokens):
            names[_bare(tokens[-1])][" ".join(_bare(t) for t in tokens)] += 1
    return names


def _titled_in_apposition(text: str, end: int) -> bool:
    apposition = _APPOSITIVE_TITLE.match(text, end)
    return apposition is not None and apposition.group("title").lower() in TITLE_NOUNS


def _name_token(token: str) -> bool:
    """A word that can be part of a person's name: not a pronoun, acronym or plural possessive."""
    bare = _bare(token)
    return (bare.lower() not in STOPWORDS and not token.endswith(("’", "'"))
            and not (bare.isupper() and len(bare) > 1 and not bare.endswith(".")))


def _bare(token: str) -> str:
    return re.sub(r"[’']s$", "", token)


def fullest_name(name: str, known: dict[str, Counter]) -> str:
    """ "Singh" -> "Rajnath Singh" when the article names one Singh; else the name as written."""
    forms = known.get(_bare(name.split()[-1]))
    if not forms:
        return name
    longest = max(len(form.split()) for form in forms)
    candidates = [form for form in forms if len(form.split()) == longest and form.endswith(name.split()[-1])]
    if len(candidates) != 1 or len(candidates[0]) < len(name):
        return name
    if len(name.split()) > 1 and not candidates[0].endswith(name):
        return name
    return candidates[0]


def _persons_in(sentence: str, known: dict[str, Counter]) -> set[str]:
    return {fullest_name(_bare(m.group(0).split()[-1]), known)
            for m in _NAME.finditer(_outside_quotes(sentence)) if _bare(m.group(0).split()[-1]) in known}


def antecedent(text_before: str, known: dict[str, Counter]) -> str | None:
    """The one person named in the nearest sentence before that names a person; None if two are."""
    for sentence in reversed(_SENTENCE_BREAK.split(_outside_quotes_keep_attribution(text_before))):
        persons = _persons_in(sentence, known)
        if persons:
            return persons.pop() if len(persons) == 1 else None
    return None


def _fuller_body(speaker: str, text_before: str) -> str:
    """ "the ministry" -> "the defence ministry" when the article named it so before."""
    head = speaker.split()[-1]
    fuller = re.findall(rf"\b[Tt]he ((?:[a-z]+ ){{1,2}}){re.escape(head)}\b", text_before)
    return f"the {fuller[-1]}{head}" if fuller and len(speaker.split()) == 2 else speaker


def resolve(speaker: str, text_before: str, known: dict[str, Counter]) -> tuple[str, int] | None:
    """(speaker to show, weight) or None when a pronoun has no single antecedent."""
    lower = speaker.lower()
    if lower in PRONOUNS:
        person = antecedent(text_before, known)
        return (person, 3) if person else None
    last = lower.split()[-1]
    if speaker[0].isupper() and lower.split()[0] not in ALLOWED_LEADS:
        if last in BODY_WORDS:
            return speaker, 2
        return fullest_name(speaker, known), 3
    if last in BODY_WORDS:
        return _fuller_body(speaker, text_before), 2
    if last in ANONYMOUS_WORDS or last.rstrip("s") in ANONYMOUS_WORDS:
        return speaker, 1
    return None


# --- Whole articles -----------------------------------------------------------------------------
def article_quotes(article: CleanArticle) -> list[Found]:
    found: list[Found] = []
    full_text = "\n".join(article.paragraphs)
    named = {q.start: q.speaker for q in annotated_quotes(full_text) if q.speaker}
    known = people("\n".join(_outside_quotes(p) for p in article.paragraphs))
    offset = 0
    previous = ""
    for paragraph in article.paragraphs:
        for match in _QUOTATION.finditer(paragraph):
            text = _inner(match)
            if not _is_statement(text):
                continue
            attributed = attribution(paragraph, match, previous)
            speaker = named.get(offset + match.start(match.lastgroup))  # the finder gives the words inside the marks
            if speaker:  # the finder's full name; the medium from the attribution read here
                medium = attributed[1] if attributed else _medium(_sentence_around(paragraph, match))
                weight = 2 if speaker.isupper() or speaker.split()[-1].lower() in BODY_WORDS | {"party"} else 3
                found.append(Found(text, speaker, medium, weight, article.article.number, offset + match.start()))
                continue
            if attributed is None:
                continue
            speaker, medium = attributed
            resolved = resolve(speaker, full_text[:offset + match.start()], known)
            if resolved is None or resolved[1] == 3:
                continue  # a person the finder could not name with confidence: left out
            found.append(Found(text, resolved[0], medium, resolved[1], article.article.number,
                               offset + match.start()))
        offset += len(paragraph) + 1
        previous = paragraph
    return found


def _sentence_around(paragraph: str, match: re.Match) -> str:
    """The quotation's sentence with what attributes it: the text from the sentence before's end to the next stop."""
    start = max(paragraph.rfind(". ", 0, match.start()) + 1, 0)
    stop = re.search(r"[.!?](?:\s|$)", paragraph[match.end():])
    return paragraph[start:match.end() + (stop.end() if stop else len(paragraph))]


_POINTS_BACK = re.compile(r"^\W*(?:" + "|".join(map(re.escape, phrases("analysis", "back_pronouns"))) + r")\b", re.I)
# A quotation that leans on what was said before it: a demonstrative or "it" as its subject ("This
# is really part of the daily life", "It is one of the black pages"), a possessive opening ("Their
# murder is ..."), a conjunction ("But everyone believes ..."), a pronoun in the clause it opens
# with ("If he rules in our favor, ..."), or a demonstrative object ("There's little hope of that").
# What it points to is not shown. (An "it" further on may be the quote's own: "Srebrenica is a dark
# part of our history and people don't talk about it".)
# "It was a pleasure to meet ...", "It is time that ...": an "it" standing for the clause after it
_EXPLETIVE = r"(?!(?:['’]s|\s+(?:is|was|will\s+be|would\s+be|has\s+been))\s+(?:\w+\s+){0,3}?(?:to|that|whether|how|why|when|if)\b)"
_LEANS_BACK = re.compile(
    r"^\W*(?:(?:this|that|these|those|it" + _EXPLETIVE + r")(?:['’]s\b|\s+(?:is|was|are|were|has|had|have|will|would|could|can|may|might"
    r"|must|should|means|meant|shows|makes|made)\b)"
    r"|(?:their|his|her|its)\s|(?:but|and|so|yet|or)\b"
    r"|(?:if|when|because|since|after|although|though|while|as|once|unless)\s+(?:he|she|they|it|this|that)\b)"
    r"|\b(?:of|about|with|for|to|like|on|from|than)\s+(?:(?:that|this)\W*$|(?:that|this)(?=\s*[,;:]|\s+(?:in|at|on"
    r"|here|there|now|again|anymore)\b))", re.I)


def key_quotes(articles: tuple[CleanArticle, ...], origin_of: dict[int, int]) -> tuple[Quote, ...]:
    """The quotations that matter most: named speakers first, the story's principals (named by
    the most articles) before others, then the most widely carried."""
    # a quotation opening on a pronoun that points back ("They are tired but in good health"), or
    # leaning back otherwise (_LEANS_BACK), needs the sentences before it: never a key quote, and
    # another takes its place
    found = [quote for article in articles for quote in article_quotes(article)
             if not _POINTS_BACK.match(quote.text) and not _LEANS_BACK.search(quote.text)]
    groups = _merge_duplicates(found)
    texts = [" ".join(article.paragraphs) for article in articles]
    prominence = {speaker: sum(1 for text in texts if re.search(rf"\b{re.escape(speaker.split()[-1])}\b", text))
                  for speaker in {q.speaker for q in found}}
    ranked = sorted(
        groups,
        key=lambda g: (-max(q.weight for q in g), -max(prominence[q.speaker] for q in g),
                       -len({origin_of[q.article] for q in g}), -len({q.article for q in g}),
                       min((q.article, q.order) for q in g)),
    )
    chosen: list[Quote] = []
    per_speaker: Counter = Counter()
    for group in ranked:
        best = max(group, key=lambda q: (q.weight, q.medium is not None, -q.article))
        if per_speaker[best.speaker] >= MOST_PER_SPEAKER:
            continue
        per_speaker[best.speaker] += 1
        chosen.append(Quote(text=best.text, speaker=best.speaker, medium=best.medium,
                            citations=tuple(sorted({q.article for q in group})), score=0.0))
        if len(chosen) == MOST_QUOTES:
            break
    return tuple(chosen)


def _merge_duplicates(found: list[Found]) -> list[list[Found]]:
    """One group per quotation however many articles carry it (an index on rare words, not all pairs)."""
    vocab = [set(w for w in words(q.text) if w not in STOPWORDS) for q in found]
    frequency = Counter(w for terms in vocab for w in terms)
    index: dict[str, list[int]] = defaultdict(list)
    group_of: list[int] = []
    groups: list[list[Found]] = []
    for i, quote in enumerate(found):
        rare = sorted(vocab[i], key=lambda w: (frequency[w], w))[:3]
        match = next((group_of[j] for w in rare for j in index[w] if jaccard(vocab[i], vocab[j]) >= SAME_QUOTE), None)
        if match is None:
            groups.append([quote])
            group_of.append(len(groups) - 1)
        else:
            groups[match].append(quote)
            group_of.append(match)
        for w in rare:
            index[w].append(i)
    return groups
