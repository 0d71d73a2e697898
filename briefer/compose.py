"""Compose: put the ranked items into the brief's sections, with citations and sources."""

from __future__ import annotations

import datetime as dt
import re

from .config import SECTION_KEYS, SECTION_TITLES
from .models import Brief, BriefItem, Corpus, Section, Source
from .rank import Ranking

# First-pass cues; a sentence takes the first section whose cue it shows.
OPEN_CUES = re.compile(
    r"\?$|\b(?:expected to|is set to|are set to|likely to|yet to|not yet|remains? to be seen|pending"
    r"|unclear|whether|hopeful|could|may|might|did not immediately respond|declined to (?:comment|be named)"
    r"|have so far not)\b",
    re.I,
)
OUTCOME_CUES = re.compile(
    r"\b(?:signed|agreed|announced|decided|approved|reached|concluded|adopted|ratified|inked|met)\b", re.I
)
BACKGROUND_CUES = re.compile(
    r"\b(?:earlier|previously|had (?:earlier|planned|been)|last (?:week|month|year)|ago|since"
    r"|was cancelled|in recent years|over the past|in (?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December)(?: \d{4})?)\b",
    re.I,
)


def stands_alone(text: str) -> bool:
    """False for a piece of a multi-sentence quotation: read alone it has lost its speaker."""
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def section_of(text: str) -> str:
    if OPEN_CUES.search(text):
        return "open_questions"
    if BACKGROUND_CUES.search(text):
        return "background"
    if OUTCOME_CUES.search(text):
        return "outcomes"
    return "key_facts"


def brief_date(corpus: Corpus, override: dt.date | None) -> dt.date:
    """The given date, else the newest article's, else today's."""
    if override:
        return override
    dates = [c.article.date for c in corpus.articles if c.article.date]
    return max(dates) if dates else dt.date.today()


def compose(corpus: Corpus, ranking: Ranking, title: str, budgets: dict[str, int],
            date: dt.date | None = None) -> Brief:
    """All candidate items, up to each section's budget, most important first within a section."""
    chosen: dict[str, list[BriefItem]] = {key: [] for key in SECTION_KEYS}
    for index in ranking.order:
        item = corpus.items[index]
        if not stands_alone(item.text):
            continue
        key = section_of(item.text)
        if len(chosen[key]) >= budgets.get(key, 0):
            continue
        chosen[key].append(
            BriefItem(text=item.text, citations=item.sources, origins=len(item.origins),
                      score=ranking.scores[index])
        )
    sections = tuple(
        Section(key=key, title=SECTION_TITLES[key], items=tuple(chosen[key])) for key in SECTION_KEYS
    )
    sources = tuple(
        Source(number=c.article.number, title=c.article.title, outlet=c.article.outlet,
               date=c.article.date, path=c.article.path, url=c.article.url)
        for c in corpus.articles
    )
    return renumber(Brief(title=title, date=brief_date(corpus, date), sections=sections, sources=sources))


def renumber(brief: Brief) -> Brief:
    """Keep only the sources the items cite, numbered 1.. in their original order."""
    cited = sorted({n for section in brief.sections for item in section.items for n in item.citations})
    new_number = {old: new for new, old in enumerate(cited, start=1)}
    sections = tuple(
        Section(
            key=s.key, title=s.title,
            items=tuple(
                BriefItem(text=i.text, citations=tuple(new_number[n] for n in i.citations),
                          origins=i.origins, score=i.score)
                for i in s.items
            ),
        )
        for s in brief.sections
    )
    sources = tuple(
        Source(number=new_number[s.number], title=s.title, outlet=s.outlet, date=s.date,
               path=s.path, url=s.url)
        for s in brief.sources if s.number in new_number
    )
    return Brief(title=brief.title, date=brief.date, sections=sections, sources=sources,
                 warnings=brief.warnings)


def keep_top(brief: Brief, count: int) -> Brief:
    """The brief with only its `count` most important items; headings always stay."""
    ranked = sorted(
        ((item.score, -si, -ii) for si, s in enumerate(brief.sections) for ii, item in enumerate(s.items)),
        reverse=True,
    )
    kept = {(-si, -ii) for _, si, ii in ranked[:count]}
    sections = tuple(
        Section(key=s.key, title=s.title,
                items=tuple(item for ii, item in enumerate(s.items) if (si, ii) in kept))
        for si, s in enumerate(brief.sections)
    )
    return Brief(title=brief.title, date=brief.date, sections=sections, sources=brief.sources,
                 warnings=brief.warnings)


def item_count(brief: Brief) -> int:
    return sum(len(s.items) for s in brief.sections)
