"""Compose: put the ranked items into the brief's sections, with citations and sources."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .config import SECTION_KEYS, SECTION_TITLES
from .corroboration import prefer_corroborated
from .disagree import find_disagreements
from .figures import key_figures
from .models import Brief, BriefItem, Corpus, Section, Source
from .quotes import key_quotes
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
    ranking = prefer_corroborated(corpus, ranking)
    chosen: dict[str, list[BriefItem]] = {key: [] for key in SECTION_KEYS}
    for index in ranking.order:
        item = corpus.items[index]
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
    item_scores = sorted((i.score for section in sections for i in section.items), reverse=True)
    disagreements = find_disagreements(corpus)
    disputed = frozenset(claim.text for d in disagreements for claim in d.claims)
    return renumber(Brief(
        title=title, date=brief_date(corpus, date), sections=sections, sources=sources,
        disagreements=tuple(replace(d, score=placed_score(item_scores, "disagreements", k))
                            for k, d in enumerate(disagreements)),
        quotes=tuple(replace(q, score=placed_score(item_scores, "quotes", k))
                     for k, q in enumerate(key_quotes(corpus.articles, corpus.origin_of))),
        figures=tuple(replace(f, score=placed_score(item_scores, "figures", k))
                      for k, f in enumerate(key_figures(corpus, disputed))),
    ))


# Where the k-th element of each kind stands among the items when a full page sheds the
# least important: worth as much as the item ranked first + step * k. A disagreement is
# as important as the best facts; a figure (one short table row) ranks with the 3rd item and
# every 2nd place after; a quote (several lines) with the 6th and every 4th place after.
PLACES = {"disagreements": (0, 2), "figures": (2, 2), "quotes": (5, 4)}


def placed_score(item_scores: list[float], kind: str, k: int) -> float:
    first, step = PLACES[kind]
    rank = first + step * k
    if not item_scores:
        return 1.0 / (1 + rank)
    return item_scores[min(rank, len(item_scores) - 1)]


def renumber(brief: Brief) -> Brief:
    """Keep only the sources something in the brief cites, numbered 1.. in their original order."""
    cited = sorted({n for citations in _all_citations(brief) for n in citations})
    new_number = {old: new for new, old in enumerate(cited, start=1)}

    def renumbered(citations: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(new_number[n] for n in citations)

    sections = tuple(
        replace(s, items=tuple(replace(i, citations=renumbered(i.citations)) for i in s.items))
        for s in brief.sections
    )
    sources = tuple(replace(s, number=new_number[s.number]) for s in brief.sources if s.number in new_number)
    return replace(
        brief, sections=sections, sources=sources,
        disagreements=tuple(
            replace(d, claims=tuple(replace(c, citations=renumbered(c.citations)) for c in d.claims))
            for d in brief.disagreements
        ),
        quotes=tuple(replace(q, citations=renumbered(q.citations)) for q in brief.quotes),
        figures=tuple(replace(f, citations=renumbered(f.citations)) for f in brief.figures),
    )


def _all_citations(brief: Brief):
    for section in brief.sections:
        for item in section.items:
            yield item.citations
    for disagreement in brief.disagreements:
        for claim in disagreement.claims:
            yield claim.citations
    for element in brief.quotes + brief.figures:
        yield element.citations


def _elements(brief: Brief) -> list[tuple[float, tuple]]:
    """(score, identity) of everything that may give way on a full page; headings never do."""
    elements = [(item.score, (0, si, ii)) for si, s in enumerate(brief.sections) for ii, item in enumerate(s.items)]
    for kind, group in enumerate((brief.disagreements, brief.figures, brief.quotes), start=1):
        elements.extend((element.score, (kind, k)) for k, element in enumerate(group))
    return elements


def keep_top(brief: Brief, count: int) -> Brief:
    """The brief with only its `count` most important elements (items, disagreements, figures,
    quotes); section headings always stay. Ties keep items first, then the earlier element."""
    ranked = sorted(_elements(brief), key=lambda e: (-e[0], e[1]))
    kept = {identity for _, identity in ranked[:count]}
    sections = tuple(
        replace(s, items=tuple(item for ii, item in enumerate(s.items) if (0, si, ii) in kept))
        for si, s in enumerate(brief.sections)
    )
    return replace(
        brief, sections=sections,
        disagreements=tuple(d for k, d in enumerate(brief.disagreements) if (1, k) in kept),
        figures=tuple(f for k, f in enumerate(brief.figures) if (2, k) in kept),
        quotes=tuple(q for k, q in enumerate(brief.quotes) if (3, k) in kept),
    )


def item_count(brief: Brief) -> int:
    """Everything that may give way on a full page."""
    return len(_elements(brief))
