"""`briefer stories`: read a folder of articles once, streaming, and group them into stories.

Files are read one at a time (in worker processes when the folder is large and the machine
has cores to spare); each article is kept only as the few terms grouping needs, so memory
grows with the number of articles, not with their text. Story ids continue yesterday's:
the record `<output>/<date>/stories.json` lists each story's articles and centroid terms.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from briefer.analysis.stories import ArticleTerms, StoryGroup, article_terms, make_stories, story_record
from briefer.brief.daily import check_not_empty, dated_folders, newest_date, refuse_future
from briefer.commands.engine import LocalEngine
from briefer.core.progress import progress
from briefer.core.query import parse as parse_query
from briefer.output.publish import write_atomically
from briefer.sources.dating import build_day, place_year
from briefer.sources.storage import StoredObject
from briefer.core.locations import StorageURL
from briefer.sources.ingest import (SkippedFile, article_files, no_articles_error, read_path, source_root,
                                    strict_problems, undated_warning)

STORIES_RECORD = "stories.json"
MIN_REPORTS = 3  # articles a story needs to count towards a day of many stories (a pair may be one desk's follow-up)


@dataclass(frozen=True)
class Scan:
    articles: tuple[ArticleTerms, ...]  # in file name order
    warnings: tuple[str, ...]
    skipped: tuple[SkippedFile, ...] = ()  # also among the warnings
    unread_parts: tuple[str, ...] = ()  # parts of files a reader left out, also among the warnings


def _scan_one(task: tuple[Path | StoredObject, Path | StorageURL, tuple[str, ...]]
              ) -> tuple[tuple[ArticleTerms, ...], SkippedFile | None, tuple[str, ...], tuple[str, ...]]:
    path, root, queries = task
    read = read_path(path, root)
    parsed = _parsed(queries)
    return tuple(article_terms(a, parsed) for a in read.articles), read.skipped, read.notes, read.unread_parts


@lru_cache(maxsize=8)
def _parsed(queries: tuple[str, ...]) -> tuple:
    return tuple(parse_query(q) for q in queries)


def scan(folder: Path | StorageURL, engine=None, queries: tuple[str, ...] = ()) -> Scan:
    """Every article of the folder as its grouping terms and the topic `queries` it matches;
    unusable files become warnings."""
    paths = article_files(folder)
    root = source_root(folder)
    found: list[ArticleTerms] = []
    skipped: list[SkippedFile] = []
    warnings: list[str] = []
    unread: list[str] = []
    tasks = [(path, root, queries) for path in paths]
    for done, (terms, skip, notes, parts) in enumerate((engine or LocalEngine()).map(_scan_one, tasks), start=1):
        # one string per distinct word, however many articles use it (they came apart from workers)
        found.extend(replace(t, terms=tuple((sys.intern(w), n) for w, n in t.terms)) for t in terms)
        if skip:
            skipped.append(skip)
        warnings.extend(notes)
        unread.extend(parts)
        if done == len(paths) or done % max(1, len(paths) // 10) == 0:
            progress("read %d of %d files", done, len(paths))
    if not found:
        raise no_articles_error(folder, skipped)
    return Scan(tuple(found), tuple(f"skipped {s.path}: {s.reason}" for s in skipped) + tuple(warnings),
                tuple(skipped), tuple(unread))


def place_years(articles: tuple[ArticleTerms, ...], reference: dt.date | None) -> tuple[ArticleTerms, ...]:
    """As ingest.place_years: a dateline without a year takes the day's (or the newest article's)."""
    if reference is None:
        return articles
    return tuple(replace(a, date=place_year(a.month_day, reference)) if a.date is None and a.month_day else a
                 for a in articles)


def in_window(articles: tuple[ArticleTerms, ...], day: dt.date | None, window_days: int | None
              ) -> list[ArticleTerms]:
    """As daily.within_window: dated on the day or in the window ending there; undated ones stay."""
    if day is None:
        return list(articles)
    first = day - dt.timedelta(days=window_days - 1) if window_days else dt.date.min
    return [a for a in articles if a.date is None or first <= a.date <= day]


def previous_stories(output: Path, day: dt.date | None) -> list[dict]:
    """The newest story record dated before `day` (or the newest of all when undated)."""
    for _, folder in dated_folders(output, day):
        if not (folder / STORIES_RECORD).is_file():
            continue
        try:
            record = json.loads((folder / STORIES_RECORD).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(record, dict) and isinstance(record.get("stories"), list):
            return [s for s in record["stories"] if isinstance(s, dict) and isinstance(s.get("id"), str)]
    return []


@dataclass(frozen=True)
class Day:
    date: dt.date | None
    articles: tuple[ArticleTerms, ...]  # those the day's window keeps
    stories: tuple[StoryGroup, ...]
    new_paths: frozenset[str]  # articles no earlier story record listed
    had_record: bool
    warnings: tuple[str, ...]
    # what `build --strict` refuses: skipped files, unread parts of files, undated articles
    strict_problems: tuple[str, ...] = ()

    @property
    def many_stories(self) -> bool:
        """A day of several stories: at least two told by more than one article each. Articles
        alone on their event beside one story (or all alone) are read as one story, as ever."""
        return sum(1 for story in self.stories if len(story.members) >= MIN_REPORTS) >= 2

    def story_json(self, story: StoryGroup) -> dict:
        members = [self.articles[i] for i in story.members]
        return {
            "id": story.id, "title": story.title,
            "articles": [a.path for a in members],
            "dates": sorted({a.date.isoformat() for a in members if a.date}),
            "new": [a.path for a in members if a.path in self.new_paths] if self.had_record else [],
            "continued": story.continued,
        }


def read_day(sources: Path | StorageURL, output: Path, date: dt.date | None = None, window_days: int | None = None,
             engine=None, queries: tuple[str, ...] = ()) -> Day:
    """The day's articles (by `engine`, default: local processes) grouped into stories (their
    candidate pairs found by the engine: in memory, or a shuffle on a Dask cluster)."""
    engine = engine or LocalEngine()
    progress("reading the articles in %s", sources)
    scanned = scan(sources, engine, queries)
    present, future = refuse_future(scanned.articles, build_day())  # as load_corpus: 9999-12-31 never sets the date
    day = date or newest_date(present)
    placed = place_years(present, day)
    undated = tuple(undated_warning(a.path, a.month_day) for a in placed if a.date is None)
    kept = in_window(placed, day, window_days)
    check_not_empty(kept, sources, day, window_days, future)
    previous = previous_stories(output, day)
    seen = frozenset(str(p) for s in previous for p in s.get("articles", []))
    stories = make_stories(kept, previous, find_pairs=engine.pair_finder())
    return Day(day, tuple(kept), stories, frozenset(a.path for a in kept) - seen, bool(previous),
               scanned.warnings + undated + future,
               tuple(strict_problems(scanned.skipped, scanned.unread_parts, undated)))


def record_day(output: Path, day: Day) -> Path | None:
    """Keep the day's stories for tomorrow's ids: <output>/<date>/stories.json."""
    if day.date is None:
        return None
    path = output / day.date.isoformat() / STORIES_RECORD
    record = {"version": 1, "date": day.date.isoformat(), "stories": story_record(day.stories, list(day.articles))}
    write_atomically(path, (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
    return path


def list_stories(day: Day, as_json: bool, emit: Callable[[str], None]) -> None:
    for story in day.stories:
        shown = day.story_json(story)
        if as_json:
            emit(json.dumps(shown, ensure_ascii=False))
        else:
            new = f", {len(shown['new'])} new" if shown["new"] else ""
            dates = f", {shown['dates'][0]}..{shown['dates'][-1]}" if shown["dates"] else ""
            emit(f"{story.id}  {len(story.members)} articles{new}{dates}  {story.title}")
