"""The build: every stage in order, then the three outputs written atomically."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .clean import clean_articles
from .compose import compose
from .config import Config
from .dedupe import build_corpus
from .ingest import read_articles
from .models import Corpus
from .rank import rank
from .render import Rendered, render_brief
from .segment import segment

# Enough candidates to fill a page; the renderer drops the least important that don't fit.
CANDIDATE_WORDS = 900
AUDIENCE = "default"


@dataclass(frozen=True)
class BuildResult:
    folder: Path
    paths: tuple[Path, ...]
    rendered: Rendered
    warnings: tuple[str, ...]


def load_corpus(sources: Path) -> tuple[Corpus, tuple[str, ...]]:
    """Ingest, clean, segment and dedupe a folder of articles."""
    ingested = read_articles(sources)
    warnings = tuple(f"skipped {s.path}: {s.reason}" for s in ingested.skipped)
    articles = clean_articles(ingested.articles)
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


def build(config: Config, date: dt.date | None = None) -> BuildResult:
    corpus, warnings = load_corpus(config.sources)
    ranking = rank(corpus, CANDIDATE_WORDS)
    brief = compose(corpus, ranking, config.title, config.section_budgets, date)
    rendered = render_brief(brief, config.templates, AUDIENCE, config.page_size)
    folder = config.output / brief.date.isoformat() / AUDIENCE
    outputs = {
        "brief.md": rendered.markdown.encode("utf-8"),
        "brief.html": rendered.html.encode("utf-8"),
        "brief.pdf": rendered.pdf,
    }
    # Everything is rendered before the first write, so a failure leaves the old brief whole.
    for name, data in outputs.items():
        write_atomically(folder / name, data)
    return BuildResult(folder, tuple(folder / name for name in outputs), rendered, warnings)
