"""The build: every stage in order, then the three outputs published together."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .clean import clean_articles
from .compose import compose
from .config import Config
from .dedupe import build_corpus
from .errors import InputError
from .ingest import read_articles
from .limits import MAX_SENTENCE_CHARS, MAX_SENTENCES_PER_ARTICLE, cap_paragraphs
from .models import CleanArticle, Corpus, Sentence
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


def load_corpus(sources: Path) -> tuple[Corpus, tuple[str, ...]]:
    """Ingest, clean, segment and dedupe a folder of articles."""
    ingested = read_articles(sources)
    warnings = [f"skipped {s.path}: {s.reason}" for s in ingested.skipped] + list(ingested.notes)
    articles = clean_articles(ingested.articles)
    sentences: list[Sentence] = []
    for article in articles:
        kept, warning = usable_sentences(article)
        sentences.extend(kept)
        if warning:
            warnings.append(warning)
    if not sentences:
        raise InputError(f"no usable sentences in {sources}: " + "; ".join(warnings))
    return build_corpus(articles, sentences), tuple(warnings)


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


# --- Publishing ------------------------------------------------------------------------
# out/<date>/<audience> is a symlink to a hidden sibling folder holding one complete set
# of outputs. A build writes a new hidden folder, then renames a new symlink over the old
# one: rename(2) is atomic, so at every instant the path shows the old set or the new set,
# never a mix or a partial file. Leftovers of a killed build are hidden (dot) entries,
# removed by the next build of that folder.


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_file(path: Path, data: bytes, mode: int) -> None:
    with open(path, "xb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(path, mode)


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def _exclusive(lock_path: Path):
    """One build at a time publishes a given folder, so hidden leftovers are never in use."""
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _point_link(link: Path, target: Path) -> None:
    """Make `link` a symlink to the sibling `target`, atomically replacing what was there."""
    temporary = link.with_name(f"{target.name}.link")
    temporary.unlink(missing_ok=True)
    os.symlink(target.name, temporary)
    if link.is_dir() and not link.is_symlink():
        # A folder from before symlinked outputs: set aside (hidden), removed once replaced.
        os.rename(link, link.with_name(f"{target.name}.replaced"))
    os.replace(temporary, link)


def _remove_leftovers(link: Path, keep: Path) -> None:
    """Hidden versions, links and set-aside folders of this output other than the live one."""
    for entry in link.parent.iterdir():
        if not entry.name.startswith(f".{link.name}.") or entry.name in (keep.name, f".{link.name}.lock"):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _carry_over(previous: Path, version: Path, replaced: set[str]) -> None:
    """Files kept beside the old brief that this build does not write (a delivery record,
    a dry-run message) stay beside the new one."""
    for entry in previous.iterdir() if previous.is_dir() else ():
        if entry.name not in replaced and entry.is_file() and not entry.is_symlink():
            try:
                os.link(entry, version / entry.name)
            except OSError:
                shutil.copy2(entry, version / entry.name)


def publish(folder: Path, outputs: dict[str, bytes]) -> tuple[Path, ...]:
    """Make every output appear under `folder` at once, replacing any previous set whole."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    mask = _umask()
    with _exclusive(folder.parent / f".{folder.name}.lock"):
        version = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
        try:
            for name, data in outputs.items():
                _write_file(version / name, data, 0o666 & ~mask)
            _carry_over(folder, version, set(outputs))
            os.chmod(version, 0o777 & ~mask)
            _fsync_folder(version)
            _point_link(folder, version)
        except BaseException:
            shutil.rmtree(version, ignore_errors=True)
            raise
        _fsync_folder(folder.parent)
        _remove_leftovers(folder, version)
    return tuple(folder / name for name in outputs)


def build(config: Config, date: dt.date | None = None) -> BuildResult:
    corpus, warnings = load_corpus(config.sources)
    ranking = rank(corpus, CANDIDATE_WORDS)
    brief = compose(corpus, ranking, config.title, config.section_budgets, date)
    rendered = render_brief(brief, config.templates, AUDIENCE, config.page_size)
    folder = config.output / brief.date.isoformat() / AUDIENCE
    # Everything is rendered before the first write, so a failure leaves the old brief whole.
    paths = publish(folder, {
        "brief.md": rendered.markdown.encode("utf-8"),
        "brief.html": rendered.html.encode("utf-8"),
        "brief.pdf": rendered.pdf,
    })
    return BuildResult(folder, paths, rendered, warnings)
