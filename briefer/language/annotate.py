"""The annotation pass: every distinct sentence is read once, into a frozen Annotation.

Sections, timeline, disagreements, figures, importance and dedupe read these records instead
of re-reading the text. An annotation depends only on the sentence's text and its article's
date (the anchor relative expressions resolve against), so it is cached on exactly that.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from briefer.core.text import content_words
from briefer.language.quantities import Quantity, quantities
from briefer.language.quotations import Quotation, find_quotes
from briefer.language.tense import main_tense, modality
from briefer.language.times import DateMention, DayMention, dates_of, day_mentions
from briefer.language.timex import Timex, find_times, relative_spans


@dataclass(frozen=True)
class Annotation:
    text: str
    anchor: dt.date | None  # the article's date the relative expressions were resolved against
    tense: str  # past | present | future, of the governing verb
    modality: str  # done | ongoing | planned | expected | conditional | negated | uncertain
    times: tuple[Timex, ...]  # TIMEX3 values, offsets into the sentence
    dates: tuple[DateMention, ...]  # the same expressions as days, weeks, months, years with their tense
    days: tuple[DayMention, ...]  # days as the text names them (a weekday stays a weekday)
    relative: tuple[tuple[int, int], ...]  # spans only the article's date can place ("Friday", "last week")
    quantities: tuple[Quantity, ...]
    quotes: tuple[Quotation, ...]  # quoted words inside the sentence
    terms: tuple[str, ...]  # content words, folded, in order


CALLS = {"annotate": 0}  # how many sentences were actually read (the test counts it)


@lru_cache(maxsize=65536)
def annotate(text: str, anchor: dt.date | None = None) -> Annotation:
    """The sentence read once: tense, modality, times, quantities, quotes and terms."""
    CALLS["annotate"] += 1
    tense = main_tense(text)
    times = find_times(text, anchor)
    return Annotation(
        text=text,
        anchor=anchor,
        tense=tense,
        modality=modality(text, tense),
        times=times,
        dates=dates_of(times, text),
        days=day_mentions(text, anchor),
        relative=relative_spans(text),
        quantities=tuple(quantities(text)),
        quotes=find_quotes(text),
        terms=tuple(content_words(text)),
    )


@lru_cache(maxsize=4096)
def article_quotes(body: str) -> tuple[Quotation, ...]:
    """The quotations of a whole article body, read once: a quote may run over several
    sentences and paragraphs, and its speaker may be named sentences away, so quotes are
    the one annotation read over the article rather than the sentence."""
    return find_quotes(body)
