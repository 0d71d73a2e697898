"""The build: the shared stages once, then each audience's outputs published together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefer.brief.audiences import audience_brief, select_audiences
from briefer.prepare.clean import clean_articles
from briefer.brief.compose import read_story
from briefer.commands.engine import make_engine
from briefer.commands.stories import read_day
from briefer.config import Config
from briefer.brief.daily import (RECORD_NAME, brief_record, check_not_empty, new_item_texts, newest_date, previous_record,
                    record_bytes, within_window)
from briefer.analysis.dedupe import build_corpus
from briefer.core.errors import InputError
from briefer.sources.ingest import read_articles
from briefer.analysis.importance import brief_ranking
from briefer.core.limits import MAX_SENTENCE_CHARS, MAX_SENTENCES_PER_ARTICLE, cap_paragraphs
from briefer.core.models import CleanArticle, Corpus, Sentence
from briefer.output.publish import publish
from briefer.output.render import Rendered, render_brief
from briefer.prepare.segment import segment

@dataclass(frozen=True)
class AudienceOutput:
    audience: str
    folder: Path
    paths: tuple[Path, ...]
    rendered: Rendered
    new_items: frozenset[str]  # texts of the items marked new


@dataclass(frozen=True)
class BuildResult:
    date: dt.date
    outputs: tuple[AudienceOutput, ...]  # one per audience, in the order asked for
    warnings: tuple[str, ...]

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(path for output in self.outputs for path in output.paths)

def usable_sentences(article: CleanArticle) -> tuple[tuple[Sentence, ...], str | None]:
    """The article's sentences short enough for a brief, at most MAX_SENTENCES_PER_ARTICLE;
    and a warning when any were left out or none were found."""
    found = segment(cap_paragraphs(article))
    kept = tuple(s for s in found if len(s.text) <= MAX_SENTENCE_CHARS)[:MAX_SENTENCES_PER_ARTICLE]
    name = article.article.path
    if not found:
        return kept, f"{name}: no prose sentences found"
    if len(kept) < len(found):
        return kept, (f"{name}: left out {len(found) - len(kept)} of {len(found)} sentences (over "
                      f"{MAX_SENTENCE_CHARS:,} characters, or past the first {MAX_SENTENCES_PER_ARTICLE:,})")
    return kept, None


def load_corpus(sources: Path, date: dt.date | None = None,
                window_days: int | None = None) -> tuple[Corpus, tuple[str, ...]]:
    """Ingest, keep the articles the brief's date and window allow, clean, segment and dedupe."""
    ingested = read_articles(sources)
    warnings = [f"skipped {s.path}: {s.reason}" for s in ingested.skipped] + list(ingested.notes)
    day = date or newest_date(ingested.articles)
    kept = within_window(ingested.articles, day, window_days)
    check_not_empty(kept, sources, day, window_days)
    articles = clean_articles(kept)
    sentences: list[Sentence] = []
    for article in articles:
        usable, warning = usable_sentences(article)
        sentences.extend(usable)
        if warning:
            warnings.append(warning)
    if not sentences:
        raise InputError(f"no usable sentences in {sources}: " + "; ".join(warnings))
    return build_corpus(articles, sentences), tuple(warnings)


def build(config: Config, date: dt.date | None = None, audiences: Sequence[str] | None = None,
          jobs: int | None = None, progress=None) -> BuildResult:
    """Ingest..rank once; compose and render each audience; write out/<date>/<audience>/.
    A folder holding several stories gets a page per story and a digest (commands/digest.py)."""
    chosen = select_audiences(config, audiences)
    engine = make_engine(config.engine, config.dask_scheduler, jobs)
    day = read_day(config.sources, config.output, date, config.window_days, engine,
                   progress and (lambda done, total: progress("articles", done, total)),
                   tuple(dict.fromkeys(q for audience in chosen for q in audience.topics)))
    if len(day.stories) > 1:
        from briefer.commands.digest import build_digest

        return build_digest(config, day, chosen, date, engine, progress)
    corpus, warnings = load_corpus(config.sources, date, config.window_days)
    story = read_story(corpus, brief_ranking(corpus))
    planned = []
    for audience in chosen:
        brief = audience_brief(story, config.title, audience, date)
        new_items = new_item_texts(brief, previous_record(config.output, audience.name, brief.date))
        rendered = render_brief(brief, config.templates, audience.template, audience.page_size, new_items)
        folder = config.output / brief.date.isoformat() / audience.name
        files = {
            "brief.md": rendered.markdown.encode("utf-8"),
            "brief.html": rendered.html.encode("utf-8"),
            "brief.pdf": rendered.pdf,
            RECORD_NAME: record_bytes(brief_record(rendered.brief, audience.name, new_items)),
        }
        planned.append((AudienceOutput(audience.name, folder, tuple(folder / n for n in files), rendered,
                                       new_items), files))
    # Everything is rendered before the first write, so a failure leaves the old briefs whole.
    for output, files in planned:
        publish(output.folder, files)
    return BuildResult(planned[0][0].rendered.brief.date, tuple(output for output, _ in planned), warnings)
