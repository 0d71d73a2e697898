"""Daily runs: the window of articles a dated brief may use, and what is new since the last one."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from pathlib import Path

from briefer.core.errors import InputError
from briefer.core.models import Article, Brief

RECORD_NAME = "brief.json"
RECORD_VERSION = 1
# A day of many stories: beside the digest, each story's page is story-<id>.{md,html,pdf,json},
# and the digest's section of that story has the page's name as its key.
STORY_PAGE = re.compile(r"^story-[A-Za-z0-9_-]{1,64}$")


def story_page_name(story_id: str) -> str:
    return f"story-{story_id}"


def refuse_future(articles: tuple[Article, ...], day: dt.date) -> tuple[tuple[Article, ...], tuple[str, ...]]:
    """Articles dated after `day` are refused, each with a warning naming it: a date in the
    future (9999-12-31) would otherwise become the brief's date, and every later send's."""
    kept = tuple(a for a in articles if a.date is None or a.date <= day)
    warnings = tuple(f"skipped {a.path}: dated {a.date.isoformat()}, after the build day ({day.isoformat()})"
                     for a in articles if a.date is not None and a.date > day)
    return kept, warnings


def newest_date(articles: Iterable[Article]) -> dt.date | None:
    return max((article.date for article in articles if article.date), default=None)


def within_window(articles: tuple[Article, ...], day: dt.date | None,
                  window_days: int | None) -> tuple[Article, ...]:
    """Articles dated on `day` or in the `window_days` days ending there; undated ones stay.

    Nothing dated after the brief's own date is used: a brief for an earlier day rebuilt
    later reads the same articles it read on that day.
    """
    if day is None:
        return articles
    first = day - dt.timedelta(days=window_days - 1) if window_days else dt.date.min
    return tuple(a for a in articles if a.date is None or first <= a.date <= day)


def check_not_empty(kept: tuple, sources: Path, day: dt.date | None, window_days: int | None,
                    refused: tuple[str, ...] = ()) -> None:
    """An InputError naming what was left out when no article is left to build from. `refused`:
    the warnings of articles dated after the build day (refuse_future)."""
    if kept:
        return
    more = f" (and {len(refused) - 1} more)" if len(refused) > 1 else ""
    refusal = f": {refused[0]}{more}" if refused else ""  # the first article refused, named
    if day is None:  # no date to measure a window from: nothing read, or every dated article refused
        raise InputError(f"no articles in {sources} to build from{refusal}")
    span = f"within the {window_days} days ending {day}" if window_days else f"on or before {day}"
    raise InputError(f"no articles in {sources} dated {span}{refusal}")


def brief_record(brief: Brief, audience: str, new_items: frozenset[str]) -> dict:
    """What a brief said, machine-readable: the next day's brief compares against it."""
    return {
        "version": RECORD_VERSION,
        "audience": audience,
        "date": brief.date.isoformat(),
        "title": brief.title,
        "sections": [
            {
                "key": section.key,
                "title": section.title,
                "items": [
                    {"id": item.line_id, "text": item.text, "citations": list(item.citations),
                     "new": item.text in new_items, **({"pinned": True} if item.pinned else {}),
                     **({"analyst": True} if item.analyst else {}),
                     # offsets into each cited file's own decoded text of the sentence that carries the line
                     # there: the line itself in its own source, a near-identical telling in the others
                     "passages": [{"source": p.source, "start": p.start, "end": p.end} for p in item.passages]}
                    for item in section.items
                ],
            }
            for section in brief.sections
        ],
        "sources": [
            {"number": s.number, "title": s.title, "outlet": s.outlet,
             "date": s.date.isoformat() if s.date else None, "path": s.path, "url": s.url}
            for s in brief.sources
        ],
        **({"warnings": list(brief.warnings)} if brief.warnings else {}),
    }


def record_bytes(record: dict) -> bytes:
    return (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _folder_date(folder: Path) -> dt.date | None:
    try:
        return dt.date.fromisoformat(folder.name)
    except ValueError:
        return None


def dated_folders(output: Path, before: dt.date | None = None) -> list[tuple[dt.date, Path]]:
    """The output's day folders (<output>/YYYY-MM-DD), newest first; only those dated before
    `before` when it is given."""
    if not output.is_dir():
        return []
    return sorted(((date, folder) for folder in output.iterdir()
                   if (date := _folder_date(folder)) is not None and (before is None or date < before)),
                  reverse=True)


# A record larger than this was not written by briefer (one is a few tens of kilobytes).
MAX_RECORD_BYTES = 16 * 1024 * 1024


def previous_record(output: Path, audience: str, day: dt.date, warn=None, name: str = RECORD_NAME) -> dict | None:
    """The record of the newest brief for this audience dated before `day`, if any (`name`: a
    story page's record, "story-<id>.json", in a day of many stories).

    A damaged record (not JSON, not the shape briefer writes) is named through `warn` and
    ignored; the next older one serves."""
    for _, folder in dated_folders(output, day):
        path = folder / audience / name
        if not path.is_file():
            continue
        problem = None
        try:
            record = load_record(path)
        except ValueError as exc:
            record, problem = None, str(exc)
        if record is not None:
            return record
        if warn is not None:
            warn(f"ignored the earlier record {path}: {problem}")
    return None


def load_record(path: Path) -> dict:
    """A brief.json read back and checked; ValueError saying what is wrong with it."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_RECORD_BYTES + 1)
    except OSError as exc:
        raise ValueError(f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_RECORD_BYTES:
        raise ValueError(f"larger than {MAX_RECORD_BYTES:,} bytes")
    try:
        record = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not UTF-8") from None
    except RecursionError:
        raise ValueError("not a brief record (nested too deeply)") from None
    except ValueError as exc:
        raise ValueError(f"not valid JSON ({exc})") from None
    problem = record_problem(record)
    if problem:
        raise ValueError(f"not a brief record ({problem})")
    return record


def record_problem(record) -> str | None:
    """What makes a parsed record unlike the ones brief_record writes, or None."""
    if not isinstance(record, dict):
        return "the top level is not an object"
    if record.get("version") != RECORD_VERSION:
        return f"version {record.get('version')!r}, expected {RECORD_VERSION}"
    sections = record.get("sections")
    if not isinstance(sections, list):
        return "'sections' is not a list"
    for index, section in enumerate(sections):
        if not isinstance(section, dict) or not isinstance(section.get("items"), list):
            return f"section {index + 1} has no list of items"
        for item in section["items"]:
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                return f"an item of section {index + 1} has no text"
    return None


def record_texts(record: dict) -> frozenset[str]:
    if record_problem(record):
        return frozenset()
    return frozenset(item["text"] for section in record["sections"] for item in section["items"])


def brief_texts(brief: Brief) -> frozenset[str]:
    return frozenset(item.text for section in brief.sections for item in section.items if not item.analyst)


def new_item_texts(brief: Brief, previous: dict | None) -> frozenset[str]:
    """Items the previous brief did not carry; with no previous brief nothing is marked new."""
    if previous is None:
        return frozenset()
    return brief_texts(brief) - record_texts(previous)
