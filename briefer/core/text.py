"""Word-level helpers shared by the stages that compare sentences."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate, compress

# A line that ends a sentence: final punctuation, maybe closing quotes (wire-style `` '' too) or brackets.
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]`]*$")
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|\d+(?:[.,]\d+)*%?")
_TOKEN_OR_LINE = re.compile(_TOKEN.pattern + r"|\n")
_POSSESSIVE = re.compile(r"'s(?= |$)")  # in tokens joined by spaces
# Spellings and symbols that say the same thing in different house styles.
_EQUIVALENTS = {
    "%": "percent", "defence": "defense", "authorised": "authorized", "programme": "program",
    "programmes": "programs", "recognise": "recognize", "organisation": "organization",
}
_ABBREVIATIONS = re.compile(r"\b(U)\.(S|N|K)\.", re.I)

# Not rank.STOPWORDS: that list is tuned for ROUGE and drops "may", "must", "new", "one", "two",
# words that tell two claims apart here (dedupe, disagreements, quotes).
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves said says say told according""".split()
)


# --- Text as written ---------------------------------------------------------------------
# Characters that break a line or a paragraph without being "\n": each becomes one space, so
# the words either side stay apart (VT, FF, NEL, the Unicode line and paragraph separators).
LINE_SEPARATORS = "\x0b\x0c\x85\u2028\u2029"
# Invisible characters that change how text displays or compares, never what it says: bidi
# embeddings, overrides, isolates and marks (a right-to-left override reverses the citation
# after it); zero-width spaces and joiners, the word joiner, the BOM inside text, the soft
# hyphen, invisible operators, interlinear annotation marks, and the tag characters.
INVISIBLE = ("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
             "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\ufff9\ufffa\ufffb"
             + "".join(map(chr, range(0xE0000, 0xE0080))))
_AS_WRITTEN = {**{ord(c): " " for c in LINE_SEPARATORS}, **{ord(c): None for c in INVISIBLE}}


def char_class(chars: str) -> str:
    """A regular-expression class of `chars`, runs of consecutive code points as ranges: a
    class of 150 single characters costs a scan thirty times what its eight ranges do."""
    points = sorted(set(map(ord, chars)))
    runs: list[list[int]] = []
    for point in points:
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return "[%s]" % "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                            for a, b in runs)


_INVISIBLE_OR_SEPARATOR = re.compile(char_class(LINE_SEPARATORS + INVISIBLE))


def as_written(text: str) -> str:
    """The text a reader sees: line separators as spaces, invisible format characters removed."""
    if text.isascii() and not ("\x0b" in text or "\x0c" in text):
        return text
    return text.translate(_AS_WRITTEN) if _INVISIBLE_OR_SEPARATOR.search(text) else text


# Wire copy typed on ASCII terminals (AP and NYT archives, the LDC's news corpora) writes its
# quotation marks as backquotes and apostrophes (``Certainly not,'' he said; a quotation inside one
# opens with one backquote: ``He said `no.''') and its dashes as an underscore between spaces
# ("Rivera _ who did not support him _ announced"). A page shows them as printed; the sentence
# itself stays as its source wrote it, where its offsets point.
WIRE_DASH = " _ "


# Two apostrophes as a quotation mark; after a digit they are inches (a 6'2'' center).
_TWO_APOSTROPHES = re.compile(r"(?<![\d'])''(?!')")


def archive_quotes(text: str) -> bool:
    """The text writes its quotation marks as two apostrophes on both sides, as newspaper
    archives' plain text does (''racist,'' Mr. Ryan said), not wire copy's ``...''."""
    return "``" not in text and _TWO_APOSTROPHES.search(text) is not None


def wire_marks_balanced(text: str) -> bool:
    """Every quotation the ASCII marks open in the text closes in it: as many `` as '' in wire
    copy, an even number of '' in archive copy."""
    if archive_quotes(text):
        return len(_TWO_APOSTROPHES.findall(text)) % 2 == 0
    return text.count("``") == text.count("''")


def as_printed(text: str) -> str:
    """``Certainly not,'' -> “Certainly not,”; ``He said `no.''' -> “He said ‘no.’”; "Rivera _
    who ... _ announced" -> "Rivera — who ... — announced": wire copy's ASCII marks as printed.
    Archive copy's ''racist,'' -> “racist,”: its marks open and close in turn."""
    if archive_quotes(text) and "'''" not in text and len(marks := _TWO_APOSTROPHES.findall(text)) % 2 == 0:
        turns = iter(("\u201c", "\u201d") * (len(marks) // 2))
        text = _TWO_APOSTROPHES.sub(lambda _: next(turns), text)
    if "''" in text or "``" in text:
        text = text.replace("'''", "\u2019\u201d")
        if "``" in text:  # a lone backquote is wire copy's opening single mark only beside its `` (else code: `ls`)
            text = text.replace("``", "\u201c").replace("`", "\u2018").replace("''", "\u201d")
        else:  # no wire copy: '' after a digit is inches (a 6'2'' center)
            text = _TWO_APOSTROPHES.sub("\u201d", text)
    return text.replace(WIRE_DASH, " \u2014 ") if WIRE_DASH in text else text


# Letters of other scripts drawn like Latin ones (Unicode's confusables, the ones fonts show
# alike): "Аrland" with a Cyrillic А is "Arland" to every reader, so it is to comparison too.
_CONFUSABLES = str.maketrans(
    "АВЕЅІЈКМНОРСТХУаеѕіјорсхуԁԛԝӏӀ"  # Cyrillic
    "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικνρυχ"  # Greek
    "ıօսɡ",  # dotless i, Armenian o and u, script g
    "ABESIJKMHOPCTXYaesijopcxydqwlI"
    "ABEZHIKMNOPTYXoikvpux"
    "ioug",
)
_CONFUSABLE_LETTERS = frozenset(k for k in _CONFUSABLES)
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def comparable(text: str) -> str:
    """A copy of the text for comparison only (dedupe, corroboration), never for output:
    compatibility forms folded (NFKC: fullwidth, ligatures, styled letters), invisible
    characters dropped, and look-alike letters folded to Latin in every word written
    only in Latin and look-alike letters (a Russian word with its own letters is left alone)."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", as_written(text))
    if text.isascii():
        return text
    return _LETTER_RUN.sub(_fold_word, text)


def _fold_word(match: re.Match) -> str:
    word = match.group(0)
    if word.isascii() or not all(c.isascii() or ord(c) in _CONFUSABLE_LETTERS for c in word):
        return word
    return word.translate(_CONFUSABLES)


def words(text: str) -> list[str]:
    """Lower-case word tokens with house-style spellings folded ("U.S." -> "us", "%" -> "percent").

    rank.words is kept apart on purpose: it reads DUC's wire text as the ROUGE scorer does."""
    text = _ABBREVIATIONS.sub(lambda m: m.group(1) + m.group(2), comparable(text))
    tokens = _folded(text).split()
    return list(map(_EQUIVALENTS.get, tokens, tokens))


def words_by_text(texts: list[str]) -> tuple[list[str], list[int]]:
    """``words`` of many texts read at once: every word, and the number of the text it is in."""
    joined = "\n".join(comparable(text).replace("\n", " ") for text in texts)
    pieces = _folded(_ABBREVIATIONS.sub(lambda m: m.group(1) + m.group(2), joined)).split(" ")
    line_break = list(map("\n".__eq__, pieces))
    is_word = [bool(piece) and not brk for piece, brk in zip(pieces, line_break)]
    found = list(compress(pieces, is_word))
    return list(map(_EQUIVALENTS.get, found, found)), list(compress(accumulate(line_break), is_word))


def _folded(text: str) -> str:
    """The text's tokens, lower-cased, joined by spaces, line breaks kept as tokens."""
    # tokens hold no spaces: fold them all in one string, not one by one
    joined = " ".join(_TOKEN_OR_LINE.findall(text)).lower().replace("’", "'").replace("%", " percent")
    return _POSSESSIVE.sub("", joined)


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if is_content_word(w)]


def is_content_word(word: str) -> bool:
    """Whether a word produced by `words` tells sentences apart."""
    return word not in STOPWORDS and len(word) > 1


# A capitalised word inside a sentence (not its first, nor one opening a sentence after a stop).
_INNER_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]*")


def inner_names(text: str) -> set[str]:
    """The words a sentence capitalises inside it, lower-cased: its names ("Ostline Rail Freight",
    "told Marek"); the sentence's first word is left out, capitalised as any first word is."""
    return {w.lower() for w in _INNER_NAME.findall(text.strip())}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the other: a short sentence inside a long one scores 1."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


_VOWEL = re.compile(r"[aeiouy]")
_VOWELS = re.compile(r"[aeiouy]+")  # a run of vowels: about one syllable


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Light suffix stripping: conflates inflections (plural, -ed, -ing, -y/-ies, -e) and the
    British doubled -ll- ("cancelled" / "canceled")."""
    if len(word) <= 3:
        return word
    if word.endswith("ies"):
        word = word[:-3] + "i"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 3 and _VOWEL.search(base):
            # undouble: "stopped" -> "stop", but keep "called" -> "call"
            word = base[:-1] if base[-1] == base[-2] and base[-1] not in "lsz" else base
            break
    if word.endswith("y") and len(word) > 3:
        word = word[:-1] + "i"
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    if word.endswith("ll") and len(_VOWELS.findall(word[:-2])) >= 2:
        # British "cancelled", "travelled" with American "canceled": one stem. Only a word of two
        # syllables or more varies so ("chill", "stall", "shall" keep theirs)
        word = word[:-1]
    return word


# --- Clauses ---------------------------------------------------------------------------------
# What ends a clause around a word: a comma (not one inside a number, "1,000"), a semicolon,
# a colon, a bracket or a dash (wire copy's " _ " too).
_CLAUSE_MARK = re.compile(r"[;:()—–]|,(?!\d)|" + re.escape(WIRE_DASH))


def clause_bounds(text: str, start: int, end: int, commas_before: bool = True) -> tuple[int, int]:
    """Where the clause around text[start:end] begins and ends, from the mark before it to the
    mark after. commas_before False: a comma before it does not end the clause ("mourned on
    Friday, by about 1,000 people" keeps what happened)."""
    begin, stop = 0, len(text)
    for mark in _CLAUSE_MARK.finditer(text):
        if mark.start() < start and (commas_before or mark.group() != ","):
            begin = mark.end()
        elif mark.start() >= end:
            stop = mark.start()
            break
    return begin, stop

