"""Size limits that keep broken or hostile input from stalling any stage.

A news article is tens of kilobytes, a paragraph rarely 2,000 characters and a sentence
rarely 400. The limits sit far above real prose and far below the sizes that make a
regular expression, a sentence splitter, the near-duplicate search or the page layout slow.
"""

from __future__ import annotations

import re
from dataclasses import replace

from briefer.core.models import CleanArticle
from briefer.core.text import as_written

# Files larger than this are skipped as too large; no more than this is ever read.
MAX_ARTICLE_BYTES = 2 * 1024 * 1024
# Longer lines and paragraphs are cut after sentence ends into pieces at most this long,
# so no splitter ever sees more than this at once.
MAX_PARAGRAPH_CHARS = 5_000
# Longer "sentences" cannot be a line of a one-page brief: dropped before near-duplicate search.
MAX_SENTENCE_CHARS = 1_000
# Sentences beyond this many in one article are dropped (a long report has a few hundred).
MAX_SENTENCES_PER_ARTICLE = 2_000
# Titles, outlets and URLs from an article's front matter are cut to this length.
MAX_METADATA_CHARS = 200

_METADATA_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# The end of a sentence: final punctuation, maybe closing quotes or brackets, then a space.
# A cut only where a sentence surely ends: "?", "!", "…", a closing quote or bracket after the
# stop, or a period after a lower-case word or a number ("... in 1998. The"); never after a
# capital ("P.W. Botha", "U.S. officials"), which may be an initial, nor after a short capitalised
# word ("Gen. Mladic", "Mr. Smith", "Sen. Kerry"), which may be a title.
_SENTENCE_END = re.compile(r"(?:[!?…]|(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<=[a-z0-9%])\.)"
                           r"[\"'”’»)\]]*\s+|\.[\"'”’»)\]]+\s+")


def loses_text(text: str, limit: int = MAX_PARAGRAPH_CHARS) -> bool:
    """Whether split_long drops part of the text: a stretch of over `limit` characters
    with no sentence end in it. (Cutting long prose at its sentence ends loses nothing.)"""
    if len(text) <= limit:
        return False
    ends = [0] + [match.end() for match in _SENTENCE_END.finditer(text)] + [len(text)]
    return any(after - before > limit for before, after in zip(ends, ends[1:]))


def split_long(text: str, limit: int = MAX_PARAGRAPH_CHARS) -> list[str]:
    """Text of at most `limit` characters as it is; longer text cut after sentence ends.

    Every piece is at most `limit` characters and ends where a sentence ends. A stretch
    with no sentence end in `limit` characters holds no sentence a brief could use, so it
    is dropped rather than cut mid-sentence. One pass over the text: linear time.
    """
    if len(text) <= limit:
        return [text]
    ends = [match.end() for match in _SENTENCE_END.finditer(text)] + [len(text)]
    pieces: list[str] = []
    start, cut = 0, None  # the current piece's start; its furthest sentence end so far
    for end in ends:
        if end - start > limit and cut is not None:
            pieces.append(text[start:cut])
            start, cut = cut, None
        if end - start > limit:
            start = end  # one "sentence" longer than the limit: nothing usable
        else:
            cut = end
    if cut is not None:
        pieces.append(text[start:cut])
    return [piece.strip() for piece in pieces if piece.strip()]


def cap_paragraphs(article: CleanArticle) -> CleanArticle:
    """The article with every paragraph at most MAX_PARAGRAPH_CHARS long."""
    if all(len(p) <= MAX_PARAGRAPH_CHARS for p in article.paragraphs):
        return article
    return replace(article, paragraphs=tuple(piece for p in article.paragraphs for piece in split_long(p)))


def shorten(value: str, limit: int = MAX_METADATA_CHARS) -> str:
    """A one-line metadata value, cut at a word with a marker when over the limit.

    Control characters (a YAML "\\e" escape makes an ESC) become spaces and invisible format
    characters go, as in article text (text.as_written)."""
    value = " ".join(_METADATA_CONTROL.sub(" ", as_written(value)).split())
    if len(value) <= limit:
        return value
    return value[:limit].rsplit(" ", 1)[0] + " …"
