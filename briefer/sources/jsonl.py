"""The JSON Lines reader (.jsonl): one article per line, as a scraper or a news API writes them.

Fields: `title`; the text in `text`, `body` or `content`; the date in `date` or `published`;
`url`; the outlet in `outlet` or `source` (a string, or an object with a `name`). A line that is
not a JSON object with some text is left out with a warning naming `file:line` and why; the
rest is read. Articles are cited as `file.jsonl#LINE`.
"""

from __future__ import annotations

import json

from briefer.core.limits import shorten, split_long
from briefer.core.models import Article
from briefer.sources.dating import parse_date
from briefer.sources.html import fragment_paragraphs
from briefer.sources.registry import register, warn

TEXT_FIELDS = ("text", "body", "content")
DATE_FIELDS = ("date", "published", "published_at", "publishedAt")
OUTLET_FIELDS = ("outlet", "source")


def _first_string(record: dict, fields: tuple[str, ...]) -> str | None:
    for field in fields:
        value = record.get(field)
        if isinstance(value, dict):  # {"source": {"id": null, "name": "Wire"}}
            value = value.get("name")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def line_article(name: str, number: int, record: dict) -> Article | str:
    """The article on one line, or why there is none."""
    text = _first_string(record, TEXT_FIELDS)
    if text is None:
        return f"no text (expected one of {', '.join(TEXT_FIELDS)})"
    paragraphs = fragment_paragraphs(text)
    if not paragraphs:
        return "its text is empty"
    raw_date = next((record[f] for f in DATE_FIELDS if record.get(f) is not None), None)
    date = parse_date(raw_date)
    if raw_date is not None and date is None:
        warn(f"{name}:{number}: date {str(raw_date)[:40]!r} is not a date; the article is undated")
    lines: list[str] = []
    for paragraph in paragraphs:
        lines.extend(split_long(paragraph) or [paragraph])
        lines.append("")
    title = _first_string(record, ("title", "headline")) or " ".join(paragraphs[0].split()[:12])
    outlet = _first_string(record, OUTLET_FIELDS)
    url = _first_string(record, ("url", "link"))
    return Article(number=0, path=f"{name}#{number}", title=shorten(title), outlet=shorten(outlet) if outlet else None,
                   date=date, url=shorten(url) if url else None, lines=tuple(lines), source="",
                   date_source=f"field '{next(f for f in DATE_FIELDS if record.get(f) is not None)}'" if date else None)


@register(".jsonl", ".ndjson")
def read_jsonl(name: str, text: str) -> tuple[Article, ...]:
    articles = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            warn(f"{name}:{number}: not JSON ({getattr(exc, 'msg', 'nested too deeply')}); line left out")
            continue
        if not isinstance(record, dict):
            warn(f"{name}:{number}: not a JSON object but {type(record).__name__}; line left out")
            continue
        found = line_article(name, number, record)
        if isinstance(found, str):
            warn(f"{name}:{number}: {found}; line left out")
        else:
            articles.append(found)
    return tuple(articles)
