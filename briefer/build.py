"""The build: the shared stages once, then each audience's outputs published together."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .audiences import audience_brief, select_audiences
from .clean import clean_articles
from .compose import read_story
from .config import Config
from .daily import (RECORD_NAME, brief_record, check_not_empty, new_item_texts, newest_date, previous_record,
                    record_bytes, within_window)
from .dedupe import build_corpus
from .errors import InputError
from .ingest import read_articles
from .importance import brief_ranking
from .limits import MAX_SENTENCE_CHARS, MAX_SENTENCES_PER_ARTICLE, cap_paragraphs
from .models import CleanArticle, Corpus, Sentence
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


def build(config: Config, date: dt.date | None = None, audiences: Sequence[str] | None = None) -> BuildResult:
    """Ingest..rank once; compose and render each audience; write out/<date>/<audience>/."""
    chosen = select_audiences(config, audiences)
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
