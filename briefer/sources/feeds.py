"""The feed reader (.xml, .rss, .atom): each entry of an RSS or Atom feed is an article.

feedparser reads the feed. Entity declarations are refused before it sees the text: an XML
bomb ("billion laughs") must not expand and an external entity must not be read, whatever
the parser underneath would do. An entry keeps its title, link, published date ("feed") and
its content, or its summary when that is all it has. Articles are cited as `feed.xml#N`.
"""

from __future__ import annotations

import calendar
import io
import datetime as dt
import re
from dataclasses import dataclass

from briefer.core.errors import InputError
from briefer.core.limits import shorten, split_long
from briefer.core.models import Article
from briefer.sources.html import fragment_paragraphs
from briefer.sources.registry import register, warn

# A DTD that declares entities, internal or external: the way in for entity expansion bombs
# and for reading files or URLs the feed names.
ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.I)
DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[", re.I)
XML_ENCODING = re.compile(r"""(\A\s*<\?xml[^>]*?\bencoding\s*=\s*["'])[^"']*(["'])""")


@dataclass(frozen=True)
class Entry:
    title: str | None
    url: str | None
    date: dt.date | None
    paragraphs: tuple[str, ...]
    only_summary: bool  # the feed gave a summary, not the article's content


@dataclass(frozen=True)
class Feed:
    title: str | None
    entries: tuple[Entry, ...]
    problem: str | None  # the feed was not well-formed but entries could be read anyway


def refuse_entities(text: str, name: str) -> None:
    if ENTITY_DECLARATION.search(text) or DOCTYPE_SUBSET.search(text):
        raise InputError(f"{name}: declares XML entities in its DOCTYPE; refused (an entity could expand "
                         "without bound or read a file outside the feed)")


def parse_feed(text: str, name: str) -> Feed:
    """The feed's title and entries; InputError when it is no feed at all."""
    import feedparser

    refuse_entities(text, name)
    # Bytes in a stream, never a string: feedparser fetches a string that looks like a URL
    # and opens one that names a file. The text is already decoded: its declaration says so.
    data = XML_ENCODING.sub(r"\1utf-8\2", text, count=1).encode("utf-8")
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    problem = None
    if parsed.get("bozo"):
        problem = str(parsed.get("bozo_exception") or "not well-formed").splitlines()[0]
        if not parsed.entries:
            raise InputError(f"{name}: not a readable RSS or Atom feed ({problem})")
    if not parsed.entries and not parsed.get("version"):
        raise InputError(f"{name}: not an RSS or Atom feed (no channel or feed element)")
    entries = tuple(_entry(raw) for raw in parsed.entries)
    return Feed(_clean(parsed.feed.get("title")), entries, problem)


def _clean(value) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _entry(raw) -> Entry:
    stamp = raw.get("published_parsed") or raw.get("updated_parsed") or raw.get("created_parsed")
    date = None
    if stamp:
        try:
            date = dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.timezone.utc).date()
        except (OverflowError, ValueError, OSError):
            date = None
    contents = [c.get("value", "") for c in raw.get("content") or () if c.get("value")]
    body = max(contents, key=len) if contents else raw.get("summary") or ""
    return Entry(title=_clean(raw.get("title")), url=_clean(raw.get("link")), date=date,
                 paragraphs=tuple(fragment_paragraphs(body)), only_summary=not contents)


def entry_article(name: str, entry: Entry, outlet: str | None) -> Article:
    lines: list[str] = []
    for paragraph in entry.paragraphs:
        lines.extend(split_long(paragraph) or [paragraph])
        lines.append("")
    title = entry.title or (" ".join(entry.paragraphs[0].split()[:12]) if entry.paragraphs else name)
    return Article(number=0, path=name, title=shorten(title), outlet=shorten(outlet) if outlet else None,
                   date=entry.date, url=shorten(entry.url) if entry.url else None, lines=tuple(lines),
                   source="", date_source="feed" if entry.date else None)


@register(".xml", ".rss", ".atom")
def read_feed(name: str, text: str) -> tuple[Article, ...]:
    """One article per entry with some text, cited as name#1, name#2, ... in feed order."""
    feed = parse_feed(text, name)
    if feed.problem:
        warn(f"{name}: the feed is not well-formed ({feed.problem}); its entries were read as far as possible")
    articles = []
    for index, entry in enumerate(feed.entries, start=1):
        if not entry.paragraphs:
            warn(f"{name}#{index}: entry has no text (no content or summary); left out")
            continue
        articles.append(entry_article(f"{name}#{index}", entry, feed.title))
    return tuple(articles)
