"""The build: the shared stages once, then each audience's outputs published together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefer.brief.audiences import audience_brief, select_audiences
from briefer.prepare.clean import clean_articles
from briefer.brief.compose import brief_date, read_story
from briefer.brief.edits import audience_edits
from briefer.commands.engine import make_engine
from briefer.commands.stories import read_day
from briefer.config import Config, heading
from briefer.analysis.stories import headline
from briefer.brief.daily import (check_not_empty, new_item_texts, newest_date, previous_record, refuse_future,
                                  within_window)
from briefer.analysis.dedupe import build_corpus
from briefer.core.errors import InputError
from briefer.sources.dating import build_day
from briefer.sources.ingest import read_articles
from briefer.analysis.importance import brief_ranking
from briefer.core.locations import StorageURL
from briefer.core.limits import MAX_SENTENCE_CHARS, MAX_SENTENCES_PER_ARTICLE, cap_paragraphs
from briefer.core.models import CleanArticle, Corpus, Sentence
from briefer.core.progress import progress
from briefer.output.publish import publish
from briefer.output.formats import Rendition, render_files
from briefer.output.parallel import in_parallel
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


def sentences_of(articles, warnings: list[str]) -> list[Sentence]:
    """Every usable sentence of the cleaned articles, in order; each article's warning appended."""
    sentences: list[Sentence] = []
    for article in articles:
        usable, warning = usable_sentences(article)
        sentences.extend(usable)
        if warning:
            warnings.append(warning)
    return sentences


def load_corpus(sources: Path | StorageURL, date: dt.date | None = None,
                window_days: int | None = None, strict: bool = False) -> tuple[Corpus, tuple[str, ...]]:
    """Ingest, keep the articles the brief's date and window allow, clean, segment and dedupe.
    `strict`: a skipped file, an unread part of one or an undated article is an InputError."""
    progress("reading the articles in %s", sources)
    ingested = read_articles(sources, date, strict)
    warnings = ([f"skipped {s.path}: {s.reason}" for s in ingested.skipped] + list(ingested.notes)
                + list(ingested.undated))
    present, future = refuse_future(ingested.articles, build_day())  # 9999-12-31 never sets the date
    warnings.extend(future)
    day = date or newest_date(present)
    kept = within_window(present, day, window_days)
    check_not_empty(kept, sources, day, window_days, future)
    articles = clean_articles(kept)
    sentences = sentences_of(articles, warnings)
    if not sentences:
        raise InputError(f"no usable sentences in {sources}: " + "; ".join(warnings))
    return build_corpus(articles, sentences), tuple(warnings)


def render_audience(job: tuple) -> tuple[Rendered, dict[str, bytes]]:
    """One audience's brief fitted to its page, and the file of every output format."""
    brief, templates, template, page_size, new_items, name = job
    progress("laying out the %s brief on one %s page", name, page_size)
    rendered = render_brief(brief, templates, template, page_size, new_items)
    return rendered, render_files(Rendition(rendered, name, new_items))


def build(config: Config, date: dt.date | None = None, audiences: Sequence[str] | None = None,
          edits: Path | None = None, strict: bool = False, edits_root: Path | None = None,
          jobs: int | None = None) -> BuildResult:
    """Ingest..rank once; compose and render each audience; write out/<date>/<audience>/.
    edits: the analyst's edits for every audience built (default: each audience's
    edits.yaml beside its brief, if there is one, under edits_root, by default the output
    folder). strict: see load_corpus.
    A folder holding several stories gets a page per story and a digest (commands/digest.py),
    with the same `edits` and `strict`."""
    chosen = select_audiences(config, audiences)
    engine = make_engine(config.engine, config.dask_scheduler, jobs)
    day = read_day(config.sources, config.output, date, config.window_days, engine,
                   queries=tuple(dict.fromkeys(q for audience in chosen for q in audience.topics)))
    if day.many_stories:
        from briefer.commands.digest import build_digest

        return build_digest(config, day, chosen, date, engine, edits=edits, strict=strict, edits_root=edits_root)
    corpus, warnings = load_corpus(config.sources, date, config.window_days, strict)
    warnings = list(warnings)
    progress("read %d articles (%d distinct lines); ranking and composing", len(corpus.articles), len(corpus.items))
    story = read_story(corpus, brief_ranking(corpus))
    day = brief_date(corpus, date)
    edited = audience_edits(edits, edits_root or config.output, day, chosen)
    jobs = []
    for audience in chosen:
        brief = audience_brief(story, heading(config.title, headline(corpus)), audience, date, edited[audience.name])
        warnings.extend(f"{audience.name}: {warning}" for warning in brief.warnings)
        if edited[audience.name].pages:
            warnings.append(f"{audience.name}: {edited[audience.name].source}: pages: "
                            f"{', '.join(name for name, _ in edited[audience.name].pages)}: not applied, the folder is "
                            f"read as one story today, so the brief has no story pages")
        new_items = new_item_texts(brief, previous_record(config.output, audience.name, brief.date,
                                                             warnings.append))
        jobs.append((brief, config.templates, audience.template, audience.page_size, new_items, audience.name))
    planned = []
    for (brief, *_, new_items, name), (rendered, files) in zip(jobs, in_parallel(render_audience, jobs)):
        folder = config.output / brief.date.isoformat() / name
        planned.append((AudienceOutput(name, folder, tuple(folder / n for n in files), rendered, new_items), files))
    # Everything is rendered before the first write, so a failure leaves the old briefs whole.
    for output, files in planned:
        publish(output.folder, files)
        progress("published %s", output.folder)
    return BuildResult(planned[0][0].rendered.brief.date, tuple(output for output, _ in planned), tuple(warnings))
