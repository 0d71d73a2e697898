"""The plain-text and Markdown reader: front matter, a headline first line, date lines, datelines."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from briefer.core.limits import shorten, split_long
from briefer.core.models import Article
from briefer.core.text import SENTENCE_END
from briefer.sources.dating import DATE_LINE, dateline_date, parse_date, strip_dateline
from briefer.sources.registry import register

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
# Attribution and membership lines name the publisher even when no front matter does.
OUTLET_HINTS = (
    re.compile(r"\bmember of (?P<name>[A-Z][\w&'’. -]{2,40}?) to (?:start )?comment", re.I),
)
TITLE_TRAILING_JUNK = re.compile(r"(?:\s+[/|•·-]+)+\s*[.]?\s*$")
HEADLINE_MAX_WORDS = 16
# libyaml's safe loader when PyYAML was built with it: the same documents, several times faster
# (front matter is parsed once per article, thousands of times in a day's folder).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)



def split_front_matter(text: str) -> tuple[dict, str]:
    meta, start = front_matter(text)
    return meta, text[start:]


def front_matter(text: str) -> tuple[dict, int]:
    """The front matter's fields and where the body begins (0 when there is none usable)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    try:
        meta = yaml.load(match.group(1), Loader=_SAFE_LOADER)  # noqa: S506 (a safe loader)
    except (yaml.YAMLError, ValueError, RecursionError):  # impossible dates (2025-13-45), deep nesting
        return {}, 0
    if not isinstance(meta, dict):
        return {}, 0
    return meta, match.end()


def _clean_title(line: str) -> str:
    return TITLE_TRAILING_JUNK.sub("", line).strip()


def looks_like_headline(line: str, following: str | None) -> bool:
    """A short first line without sentence-final punctuation, followed by longer prose."""
    title = _clean_title(line)
    words = title.split()
    if not words or len(words) > HEADLINE_MAX_WORDS or following is None:
        return False
    return not SENTENCE_END.search(title) and len(following.split()) > len(words)


def find_outlet(lines: list[str]) -> str | None:
    for line in lines:
        for hint in OUTLET_HINTS:
            match = hint.search(line)
            if match:
                return match.group("name").strip()
    return None


def parse_article(number: int, path: str, text: str) -> Article:
    meta, body_start = front_matter(text)
    body = text[body_start:].replace("\r\n", "\n").replace("\r", "\n")
    # Over-long lines are cut at sentence ends so no later pattern or splitter sees a megabyte.
    lines = [piece for line in body.split("\n") for piece in split_long(line.strip()) or [""]]
    date = parse_date(meta.get("date"))
    date_source = "front matter" if date else None
    kept: list[str] = []
    for line in lines:
        match = DATE_LINE.match(line)
        if match and not kept:
            if date is None:
                date = parse_date("-".join(match.groups()))
                date_source = "date line" if date else None
            continue
        kept.append(line)
    content = [line for line in kept if line]
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    if content and looks_like_headline(content[0], content[1] if len(content) > 1 else None):
        title = title or _clean_title(content[0])
        kept.remove(content[0])
        content = content[1:]
    if content and date is None:
        date = dateline_date(content[0], "\n".join(content))
        date_source = "dateline" if date else None
    if not title:
        title = _fallback_title(content, path)
    outlet = meta.get("outlet") if isinstance(meta.get("outlet"), str) else find_outlet(content)
    url = meta.get("url") if isinstance(meta.get("url"), str) else None
    return Article(
        number=number,
        path=path,
        title=shorten(title),
        outlet=shorten(outlet) if outlet else None,
        date=date,
        url=shorten(url) if url else None,
        lines=tuple(kept),
        source=text,
        body_start=body_start,
        date_source=date_source,
    )


def _fallback_title(content: list[str], path: str) -> str:
    """No headline: the opening words of the first paragraph, marked as cut."""
    if not content:
        return Path(path).stem
    words = strip_dateline(content[0]).split()
    return " ".join(words[:12]) + (" …" if len(words) > 12 else "")


@register(".txt", ".md")
def read_text(name: str, text: str) -> tuple[Article, ...]:
    """One article per file."""
    return (parse_article(0, name, text),)
