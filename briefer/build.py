"""The build: the shared stages once, then each audience's brief written atomically."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .audiences import audience_brief, select_audiences
from .clean import clean_articles
from .config import Config
from .daily import (RECORD_NAME, brief_record, check_not_empty, new_item_texts, newest_date, previous_record,
                    record_bytes, within_window)
from .dedupe import build_corpus
from .ingest import read_articles
from .models import Corpus
from .importance import brief_ranking
from .render import Rendered, render_brief
from .segment import segment

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


def load_corpus(sources: Path, date: dt.date | None = None,
                window_days: int | None = None) -> tuple[Corpus, tuple[str, ...]]:
    """Ingest, keep the articles the brief's date and window allow, clean, segment and dedupe."""
    ingested = read_articles(sources)
    warnings = tuple(f"skipped {s.path}: {s.reason}" for s in ingested.skipped)
    day = date or newest_date(ingested.articles)
    kept = within_window(ingested.articles, day, window_days)
    check_not_empty(kept, sources, day, window_days)
    articles = clean_articles(kept)
    sentences = [sentence for article in articles for sentence in segment(article)]
    return build_corpus(articles, sentences), warnings


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target, then rename over it: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def build(config: Config, date: dt.date | None = None, audiences: Sequence[str] | None = None) -> BuildResult:
    """Ingest..rank once; compose and render each audience; write out/<date>/<audience>/."""
    chosen = select_audiences(config, audiences)
    corpus, warnings = load_corpus(config.sources, date, config.window_days)
    ranking = brief_ranking(corpus)
    planned = []
    for audience in chosen:
        brief = audience_brief(corpus, ranking, config.title, audience, date)
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
        for name, data in files.items():
            write_atomically(output.folder / name, data)
    return BuildResult(planned[0][0].rendered.brief.date, tuple(output for output, _ in planned), warnings)
