"""Compose: put the ranked items into the brief's sections, with citations and sources."""

from __future__ import annotations

import datetime as dt

from .config import SECTION_KEYS, SECTION_TITLES
from .models import Brief, BriefItem, Corpus, Section, Source, TimelineEntry
from .rank import Ranking
from .sections import assign_sections, classify, overtaken, statements_of
from .timeline import article_dates, build_timeline


def brief_date(corpus: Corpus, override: dt.date | None) -> dt.date:
    """The given date, else the newest article's, else today's."""
    if override:
        return override
    dates = [c.article.date for c in corpus.articles if c.article.date]
    return max(dates) if dates else dt.date.today()


def compose(corpus: Corpus, ranking: Ranking, title: str, budgets: dict[str, int],
            date: dt.date | None = None) -> Brief:
    """The ranked items in the sections their meaning gives them (forecasts a later report
    overtook left out), up to each section's budget, each section in time order; the timeline."""
    dates = article_dates(corpus)
    statements = statements_of(corpus, dates)
    gone = overtaken(statements)
    labels = classify(statements, gone)
    chosen = assign_sections(statements, labels, ranking.order, ranking.scores, budgets)

    def brief_item(index: int) -> BriefItem:
        item = corpus.items[index]
        return BriefItem(text=item.text, citations=item.sources, origins=len(item.origins),
                         score=ranking.scores[index])

    sections = tuple(
        Section(key=key, title=SECTION_TITLES[key], items=tuple(brief_item(i) for i in chosen[key]))
        for key in SECTION_KEYS
    )
    day = brief_date(corpus, date)
    timeline = build_timeline(corpus, ranking.scores, dates, day, budgets.get("timeline", 0), gone)
    sources = tuple(
        Source(number=c.article.number, title=c.article.title, outlet=c.article.outlet,
               date=c.article.date, path=c.article.path, url=c.article.url)
        for c in corpus.articles
    )
    return renumber(Brief(title=title, date=day, sections=sections, sources=sources, timeline=timeline))


def renumber(brief: Brief) -> Brief:
    """Keep only the sources the items and timeline entries cite, numbered 1.. in their original order."""
    cited = sorted({n for section in brief.sections for item in section.items for n in item.citations}
                   | {n for entry in brief.timeline for n in entry.citations})
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
    timeline = tuple(
        TimelineEntry(date_label=e.date_label, sort_key=e.sort_key, text=e.text,
                      citations=tuple(new_number[n] for n in e.citations), score=e.score)
        for e in brief.timeline
    )
    return Brief(title=brief.title, date=brief.date, sections=sections, sources=sources,
                 warnings=brief.warnings, timeline=timeline)


def keep_top(brief: Brief, count: int) -> Brief:
    """The brief with only its `count` most important items and timeline entries; headings stay.

    Timeline entries compete with section items on score; ties go to the earlier place.
    """
    places = [(item.score, si, ii) for si, s in enumerate(brief.sections) for ii, item in enumerate(s.items)]
    timeline_place = len(brief.sections)  # the timeline follows the sections
    places += [(entry.score, timeline_place, ei) for ei, entry in enumerate(brief.timeline)]
    ranked = sorted(places, key=lambda p: (-p[0], p[1], p[2]))
    kept = {(si, ii) for _, si, ii in ranked[:count]}
    sections = tuple(
        Section(key=s.key, title=s.title,
                items=tuple(item for ii, item in enumerate(s.items) if (si, ii) in kept))
        for si, s in enumerate(brief.sections)
    )
    timeline = tuple(entry for ei, entry in enumerate(brief.timeline) if (timeline_place, ei) in kept)
    return Brief(title=brief.title, date=brief.date, sections=sections, sources=brief.sources,
                 warnings=brief.warnings, timeline=timeline)


def item_count(brief: Brief) -> int:
    return sum(len(s.items) for s in brief.sections) + len(brief.timeline)
