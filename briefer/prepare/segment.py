"""Split cleaned paragraphs into sentences, each kept verbatim from its article.

The splitter is rule-based and linear. A paragraph is cut into whitespace-separated
tokens, and each gap between two tokens is judged on how the token before it ends (a
period, "?"/"!", an ellipsis, maybe sealed by a closing quote or bracket) and on the
first word after it. Two local exceptions: items of a run-in list ("1) ... 2) ...") and a
quoted question followed by its speaker ('"Why?" Trump asked.'). Sentences only ever
break at whitespace, so each one is an exact substring of the paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from briefer.core.lexicon import MONTHS, SPEECH_VERB_PATTERN, WEEKDAYS
from briefer.core.models import CleanArticle, Sentence
from briefer.prepare.locate import locate

# A spaced ellipsis (". . .") is one token, so it is judged as a whole; anything glued
# to its end (a closing quote) belongs to it. A closing quote standing apart after a
# word (wire copy's "organism. '' Because") belongs to that word too.
_TOKEN = re.compile(r"(?:\.(?: \.)+\S*|\S+)(?: (?:''|”)(?!\S))?")
_WORD = re.compile(r"[^\W_]+")
_WHITESPACE_RUN = re.compile(r"\s+")

_STOPS = ".?!… "  # the space joins the dots of a spaced ellipsis
_CLOSERS = "\"'”’»)]}"
_BULLETS = "•⁃▪‣◦"
_STOP_AT_END = re.compile("[.?!…][%s]*(?=\\s|$)" % re.escape(_CLOSERS))
_BULLET_OPENING = re.compile("(?<!\\S)[%s]" % _BULLETS)

# What a word may be glued to before its final period: "India-U.S.", "(Co.", "/a.html".
_WORD_SEPARATORS = re.compile(r"[-–—/(\[{\"'“‘`]")

# Initials and dotted acronyms, seen without their final period: "E", "U.S", "a.m", "U.S.A".
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")

# A quoted question or exclamation followed by its speaker: '"Why?" Trump asked.'
_QUOTED_CRY = re.compile(r"[?!][\"'”’]+$")
# A character of an apposition: no stop, no quotation mark, no comma; a period only closing an
# abbreviation ("Acme Inc.", "the U.S. trade representative", "D-Calif.").
_APPOSED = r"(?:[^.?!\"“”,]|(?<=[A-Z])\.|" + "|".join(rf"(?<=\b[A-Z][a-z]{{{n}}})\." for n in range(1, 5)) + ")"
_ATTRIBUTION = re.compile(
    # the speaker's name, up to four words, and the verb: '..?" Smith said'; or the name, then
    # its apposition set off by commas: '..?" Will Estrada, the chairman for the exurb, said'
    r"\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}"
    rf"(?:\s+|,\s+(?:{_APPOSED}{{1,80}},\s+){{1,2}})"
    rf"(?:{SPEECH_VERB_PATTERN})\b"
)

# A list marker opening a sentence ("1.", "2.)", "a)", "• 9.") is not a sentence of its own.
_LIST_MARKER = re.compile(r"(?:[•⁃▪‣◦]\s*)?(?:\d{1,3}|[A-Za-z])(?:\.\)|[.)])")
# A paragraph opening with an enumerator is a run-in list: later items start new sentences.
_LEADING_ENUMERATOR = re.compile(r"\s*(?:[•⁃▪‣◦]\s*)?(\d{1,3}|[a-z])(\.\)|[.)])\s")

# Abbreviations that lead into what follows (a name, an example), so never end a sentence.
_NEVER_FINAL = frozenset(
    """
    Mr Mrs Ms Mx Messrs Dr Prof St Mt Ft Gen Lt Col Maj Capt Cmdr Adm Brig Sgt Cpl Pvt
    Sen Rep Gov Pres Amb Hon Rt Rev Fr Supt Insp Det vs v cf viz e.g i.e approx ca
    """.split()
)

_NAME_ENDING_IN_TITLE = re.compile(
    r"\b[A-Z][a-z]+ (?:%s)\b(?![.\w])" % "|".join(w for w in sorted(_NEVER_FINAL) if w[0].isupper())
)

# Abbreviations that lead into a number ("No. 10", "p. 55"); before a word they are
# ordinary words ending a sentence ("Is it over? No. It continues").
_BEFORE_NUMBER = frozenset("No Nos Nr Fig Figs Vol Art N° Nº p pp".split())

# Abbreviations that usually sit mid-sentence but can end one ("... Pitt, Briggs & Co.").
_OFTEN_MID = frozenset(
    """
    Co co Corp Inc Ltd Plc Bros Jr Sr Esq Ph.D etc al
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
    Ave Blvd Rd Dept Govt Univ Intl Natl
    """.split()
)

# Words that typically open an English sentence. After an ambiguous abbreviation or an
# initial they signal a new sentence ("based in the U.S. The company said"), whereas a
# name or other capitalised word does not ("U.S. President", "S. Jaishankar").
_SENTENCE_STARTERS = frozenset(
    """
    I He She It We They You This That These Those There Here
    The A An His Her Its Our Their My Your Some Many Most All Both Each Every Several
    Such Any Few Other Another Neither
    But And Or So Yet Still Then Now Also However Meanwhile Moreover Furthermore
    Instead Thus Indeed Later Earlier Today Yesterday Tomorrow Last
    If When While Although Though Since Because As After Before Once Unless Until Whether
    What Where Why How Who Which Whose
    In On At For From With By Under Over During Despite According Among Against To
    Is Are Was Were Do Does Did Will Would Can Could Should Has Have Had May Might Must
    """.split()
)


def split_sentences(text: str, names: frozenset[str] = frozenset()) -> list[str]:
    """Split a paragraph into sentences, each an exact, stripped substring of `text`.

    `names` are names ending in a title's abbreviation ("Hun Sen"): see `title_names`."""
    tokens = list(_TOKEN.finditer(text))
    next_item = _first_successor_marker(text)
    # Only a gap after a stop or before a bullet can end a sentence; a run-in list's
    # enumerators are followed gap by gap.
    gaps = range(len(tokens) - 1) if next_item else _possible_ends(text, tokens)
    next_words = _NextWords(tokens)
    sentences: list[str] = []
    start = 0  # index of the current sentence's first token
    for i in gaps:
        token, following = tokens[i].group(), tokens[i + 1].group()
        item = following.lstrip(_BULLETS)
        enumerated = item == next_item
        if enumerated:
            next_item = _successor_marker(item)
        if enumerated or item != following:  # an enumerator or a bullet opens a list item
            boundary = bool(token.strip(_BULLETS))  # a lone bullet stays with its item
        else:
            boundary = (
                (_ends_sentence(token, next_words[i]) or _name_ends_sentence(tokens, i, next_words[i], names))
                and not _speaker_follows(text, tokens[i])
                # the sentence so far is just its list marker
                and not _LIST_MARKER.fullmatch(text, tokens[start].start(), tokens[i].end())
            )
        if boundary:
            sentences.append(text[tokens[start].start() : tokens[i].end()])
            start = i + 1
    if tokens:
        sentences.append(text[tokens[start].start() : tokens[-1].end()])
    return sentences


def segment(article: CleanArticle) -> tuple[Sentence, ...]:
    """All sentences of an article in order, numbered across its paragraphs."""
    names = title_names(article.paragraphs)
    located = (
        (paragraph_index, sentence)
        for paragraph_index, paragraph in enumerate(article.paragraphs)
        for sentence in split_sentences(paragraph, names)
    )
    located = list(located)
    spans = locate(article.article.source, article.article.body_start, (sentence for _, sentence in located))
    return tuple(
        Sentence(
            article=article.article.number,
            position=position,
            paragraph=paragraph_index,
            text=_WHITESPACE_RUN.sub(" ", sentence),
            start=article.article.file_offset(start),
            end=article.article.file_offset(end - 1) + 1 if end > 0 else end,
        )
        for position, ((paragraph_index, sentence), (start, end)) in enumerate(zip(located, spans))
    )


def _possible_ends(text: str, tokens: list[re.Match[str]]) -> list[int]:
    """Indices of the tokens after which a sentence may end: those ending in a stop (maybe
    sealed by closers) and those before a token opening with a bullet."""
    starts = [token.start() for token in tokens]
    gaps = {bisect_right(starts, m.start()) - 1 for m in _STOP_AT_END.finditer(text)}
    if any(bullet in text for bullet in _BULLETS):
        gaps.update(bisect_right(starts, m.start()) - 2 for m in _BULLET_OPENING.finditer(text))
    return sorted(gap for gap in gaps if 0 <= gap < len(tokens) - 1)


class _NextWords:
    """The first word after a token, skipping tokens with no letter or digit (a dash, a spaced
    ellipsis); None when nothing follows. Asked in increasing order, it reads each token once."""

    def __init__(self, tokens: list[re.Match[str]]):
        self.tokens = tokens
        self.scanned = -1  # the token holding ``word``, the first word after the last one asked
        self.word: str | None = None

    def __getitem__(self, i: int) -> str | None:
        if self.scanned <= i:
            self.scanned, self.word = i + 1, None
            while self.scanned < len(self.tokens):
                found = _WORD.search(self.tokens[self.scanned].group())
                if found:
                    self.word = found.group()
                    break
                self.scanned += 1
        return self.word


def _ends_sentence(token: str, next_word: str | None) -> bool:
    """Does a sentence end after `token`, given the first word that follows it?"""
    if next_word is None or next_word[0].islower():
        return False  # nothing follows, or the sentence carries on ("Yahoo! in", '." she said')
    core = token.rstrip(_CLOSERS + " ")  # the space before a closing quote standing apart
    body = core.rstrip(_STOPS)
    stop = core[len(body) :]
    if not stop:
        return False
    if "?" in stop or "!" in stop:
        return True
    dots = stop.count(".") + 3 * stop.count("…")
    if dots > 1:
        return dots >= 4  # an ellipsis pauses mid-sentence; a fourth dot is the full stop
    if core != token:
        return True  # a quote or bracket closing after the period seals the sentence
    return _period_ends_sentence(_last_word(body), next_word)


def _speaker_follows(text: str, token: re.Match[str]) -> bool:
    """Is `token` a quoted question or exclamation whose speaker comes next?"""
    return bool(_QUOTED_CRY.search(token.group())) and bool(_ATTRIBUTION.match(text, token.end()))


def title_names(paragraphs: tuple[str, ...]) -> frozenset[str]:
    """Names whose last word reads like a title's abbreviation, seen without a period:
    "Hun Sen" in "Hun Sen complained". Where the text writes "Hun Sen." the period is a
    full stop, as a title comes before a name, never after it."""
    return frozenset(m.group() for paragraph in paragraphs for m in _NAME_ENDING_IN_TITLE.finditer(paragraph))


def _name_ends_sentence(tokens: list[re.Match[str]], i: int, next_word: str | None,
                        names: frozenset[str]) -> bool:
    """Does `tokens[i]` end one of `names` with a full stop, a capitalised word following?"""
    token = tokens[i].group()
    if not names or i == 0 or next_word is None or not next_word[0].isupper() or not token.endswith("."):
        return False
    return f"{tokens[i - 1].group()} {token[:-1]}" in names


def _period_ends_sentence(word: str, next_word: str) -> bool:
    """Is the period after `word` a full stop rather than an abbreviation's?"""
    if word in _NEVER_FINAL:
        return False
    if word in _BEFORE_NUMBER:
        return not next_word[0].isdigit()
    if word.lower() in _CLOCK:
        # "at about 10 a.m. No group has claimed ...": a clock time runs on only into the day, the
        # month or the zone it is told in ("10 a.m. Tuesday", "9 p.m. EST")
        bare = next_word.rstrip(".,;:")
        return not (bare.lower() in WEEKDAYS or bare.lower() in MONTHS or bare in _ZONES
                    or bare.isupper() and len(bare) <= 4)
    if word in _OFTEN_MID or _INITIALS.fullmatch(word):
        return next_word in _SENTENCE_STARTERS
    return True


_CLOCK = frozenset(("a.m", "p.m"))
_ZONES = frozenset("Eastern Central Mountain Pacific Atlantic Greenwich".split())  # "10 a.m. Eastern"


def _last_word(text: str) -> str:
    """The word a trailing period belongs to: "U.S" in "India-U.S", "Co" in "(Co"."""
    return _WORD_SEPARATORS.split(text.rstrip(_CLOSERS))[-1]


def _first_successor_marker(text: str) -> str | None:
    """The marker the second item would carry if `text` opens with an enumerator."""
    leading = _LEADING_ENUMERATOR.match(text)
    return _successor_marker("".join(leading.groups())) if leading else None


def _successor_marker(marker: str) -> str | None:
    """The next enumerator in sequence: "1." -> "2.", "9.)" -> "10.)", "a)" -> "b)"."""
    ordinal = marker.rstrip(".)")
    suffix = marker[len(ordinal) :]
    if ordinal.isdigit():
        return f"{int(ordinal) + 1}{suffix}"
    return f"{chr(ord(ordinal) + 1)}{suffix}" if ordinal < "z" else None
