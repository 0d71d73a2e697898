"""Clean: reduce each article to its prose paragraphs.

Site furniture (adverts, sign-up prompts, related links, comment widgets, syndication
notices) and subheadings never reach a brief. The rules are general shapes, not a list of
one site's strings: calls to action, navigation labels and lines without sentence
structure. A short line that several articles repeat is furniture only when it also has no
sentence structure or says what furniture says (cues/furniture.txt): otherwise it is a
fact the articles share, the best corroborated kind, and copying a line into a second
article must not delete it.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from briefer.core.cues import pattern, phrase_pattern, phrases
from briefer.core.text import SENTENCE_END, STOPWORDS, as_written
from briefer.sources.dating import strip_dateline
from briefer.core.models import Article, CleanArticle

# Imperatives and prompts that address the reader rather than report anything.
CALL_TO_ACTION = re.compile(
    r"\b(?:sign ?up|sign in|log ?in|subscribe|register now|create an account|already have an account"
    r"|become a member|start the conversation|join the (?:conversation|discussion)|leave a (?:reply|comment)"
    r"|post a comment|comments? (?:are|is) closed|click here|tap here|read (?:the full|more)"
    r"|download (?:the|our) app|follow us|share (?:this|on)|newsletter|contact us|all rights reserved"
    r"|copyright|©|advertisement|sponsored|recommended for you|get the complete feed"
    r"|based on (?:an? )?[\w&'’. -]{1,30}? report)\b",
    re.I,
)
# "Also Read: ...", "Related: ...", "WATCH | ...": a label pointing elsewhere.
NAVIGATION_LABEL = re.compile(
    r"^(?:also read|read also|read more|related|see also|more from|watch|listen|trending|recommended"
    r"|must read|don'?t miss|also see|explained|photos?|video)\s*[:|–—-]",
    re.I,
)
# An editors' instruction in the copy, in capitals and parentheses: "(OPTIONAL TRIM CAN
# BEGIN HERE)", "(END OPTIONAL TRIM)". Three words at least: "(NATO)" is an acronym.
EDITORS_NOTE = re.compile(r"\((?:[A-Z]{2,}\s+){2,}[A-Z]{2,}\)")
CTA_MAX_WORDS = 30
FRAGMENT_MAX_WORDS = 25
REPEATED_LINE_MAX_WORDS = 12


def normalise(line: str) -> str:
    return " ".join(re.findall(r"\w+", line.lower()))


def is_furniture(line: str, repeated: set[str]) -> bool:
    """True for a line that is page furniture or a heading, not reporting prose."""
    words = line.split()
    if NAVIGATION_LABEL.match(line) or correction_notice(line):
        return True
    if len(words) <= CTA_MAX_WORDS and CALL_TO_ACTION.search(line):
        return True
    if not SENTENCE_END.search(line) and len(words) <= FRAGMENT_MAX_WORDS:
        return True  # headings, labels, a cut-off teaser
    if len(words) < 4:
        return True  # "Contact Us.", "Comments."
    if len(words) <= REPEATED_LINE_MAX_WORDS and normalise(line) in repeated:
        return bool(furniture_cues().search(line)) or not has_sentence_structure(line)
    return False


def correction_notice(line: str) -> bool:
    """A correction the outlet printed under the article (cues/corrections.txt): it names the value
    that was wrong, which is no fact of the story. The notice opens its paragraph, with a label
    ("Correction:") or a sentence about the article: a paragraph of news that ends on one ("...
    This story has been corrected to fix the town's name.") is news."""
    labels, sentences = _correction_cues()
    line = line.replace("’", "'")
    return bool(labels.match(line) or sentences.match(line))


@lru_cache(maxsize=1)
def _correction_cues() -> tuple[re.Pattern, re.Pattern]:
    found = phrases("prepare", "corrections")
    labels = [phrase_pattern(p[:-1]) for p in found if p.endswith(":")]
    sentences = [phrase_pattern(p) for p in found if not p.endswith(":")]
    return (re.compile(r"^[\W_]*(?:" + "|".join(labels) + r")\s*:", re.I),
            re.compile(r"^[\W_]*(?:" + "|".join(sentences) + r")\b", re.I))


def furniture_cues():
    return pattern("prepare", "furniture")


def has_sentence_structure(line: str) -> bool:
    """Ends like a sentence and has the function words prose has ("the", "of", "was"): a row
    of menu labels or names ("World. Business. Markets.") has none."""
    if not SENTENCE_END.search(line):
        return False
    return any(word in STOPWORDS for word in normalise(line).split())


def paragraphs_of(lines: tuple[str, ...]) -> list[str]:
    """Blank lines separate blocks; a block whose lines are hard-wrapped prose is joined."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    paragraphs: list[str] = []
    for block in blocks:
        if not block:
            continue
        ended = sum(1 for line in block if SENTENCE_END.search(line) or len(line.split()) < 6)
        if len(block) > 1 and ended * 2 < len(block):
            paragraphs.append(" ".join(block))  # wrapped lines of one paragraph
        else:
            paragraphs.extend(block)  # one paragraph (or one furniture line) per line
    return paragraphs


def repeated_short_lines(articles: tuple[Article, ...]) -> set[str]:
    """Short lines that appear in more than one article: shared site furniture."""
    counts: Counter[str] = Counter()
    for article in articles:
        counts.update(
            {normalise(line) for line in article.lines if 0 < len(line.split()) <= REPEATED_LINE_MAX_WORDS}
        )
    return {line for line, count in counts.items() if count > 1 and line}


def without_editors_notes(paragraph: str) -> list[str]:
    """The paragraph's text around any editors' notes, each part verbatim."""
    return [part.strip() for part in EDITORS_NOTE.split(paragraph) if part.strip()]


def clean_article(article: Article, repeated: set[str]) -> CleanArticle:
    # as_written: readers that unescape (JSON "\u202e", HTML "&#x202E;") can let invisible
    # characters past decode; none reaches a sentence.
    parts = [part for p in paragraphs_of(article.lines) for part in without_editors_notes(as_written(p))]
    kept = [p for p in parts if not is_furniture(p, repeated)]
    if kept:
        kept[0] = strip_dateline(kept[0])
    return CleanArticle(article=article, paragraphs=tuple(p for p in kept if p.strip()))


def clean_articles(articles: tuple[Article, ...]) -> tuple[CleanArticle, ...]:
    repeated = repeated_short_lines(articles)
    return tuple(clean_article(article, repeated) for article in articles)
