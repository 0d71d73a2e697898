"""Ingest: read article files and find each one's title, outlet, date and body lines."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import InputError
from .models import Article

ARTICLE_SUFFIXES = (".txt", ".md")
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))

DATE_LINE = re.compile(r"^\s*(?:date|published|updated)\s*:?\s*(\d{4})-(\d{2})-(\d{2})\s*$", re.I)
# "New Delhi, Nov. 1 --" opening the first paragraph: place, month and day, a dash.
DATELINE = re.compile(
    rf"^(?P<place>[A-Z][\w.'’ -]{{1,40}}),\s+(?P<month>{_MONTH_PATTERN})\.?\s+(?P<day>\d{{1,2}})"
    r"(?:,\s*(?P<year>\d{4}))?\s*(?:--|—|–|-)\s+",
    re.I,
)
# A place name and colon opening a report: "Kuala Lumpur: Indian ..." (not "Note: ...").
PLACE_COLON = re.compile(r"^(?:[A-Z][\w.'’-]+\s){0,2}[A-Z][\w.'’-]+:\s+(?=[A-Z“\"])")
# "WASHINGTON (AP) _ ", "LAUSANNE, Switzerland (AP) _ ": a city in capitals, maybe its country.
AGENCY_DATELINE = re.compile(
    r"^[A-Z][A-Z .,'-]{2,60}(?:,\s*[A-Z][\w.'’ -]{1,40})?\((?:AP|AFP|Reuters|UPI|Xinhua|IANS|PTI)\)"
    r"\s*(?:_|--|—|–|-)\s*"
)
YEAR_MENTION = re.compile(r"\b(19[5-9]\d|20[0-9]\d)\b")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
# Attribution and membership lines name the publisher even when no front matter does.
OUTLET_HINTS = (
    re.compile(r"\bmember of (?P<name>[A-Z][\w&'’. -]{2,40}?) to (?:start )?comment", re.I),
)
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
TITLE_TRAILING_JUNK = re.compile(r"(?:\s+[/|•·-]+)+\s*[.]?\s*$")
HEADLINE_MAX_WORDS = 16


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


@dataclass(frozen=True)
class IngestResult:
    articles: tuple[Article, ...]
    skipped: tuple[SkippedFile, ...]


def decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252; None for binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text) // 100):
        return None
    return text


def split_front_matter(text: str) -> tuple[dict, str]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(meta, dict):
        return {}, text
    return meta, text[match.end():]


def parse_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _clean_title(line: str) -> str:
    return TITLE_TRAILING_JUNK.sub("", line).strip()


def looks_like_headline(line: str, following: str | None) -> bool:
    """A short first line without sentence-final punctuation, followed by longer prose."""
    title = _clean_title(line)
    words = title.split()
    if not words or len(words) > HEADLINE_MAX_WORDS or following is None:
        return False
    return not SENTENCE_END.search(title) and len(following.split()) > len(words)


def dateline_date(first_line: str, body: str) -> dt.date | None:
    """The date in a dateline; a dateline without a year takes the latest year the text names."""
    match = DATELINE.match(first_line)
    if not match:
        return None
    year = match.group("year")
    if year is None:
        years = [int(y) for y in YEAR_MENTION.findall(body)]
        if not years:
            return None
        year = max(years)
    try:
        return dt.date(int(year), MONTHS[match.group("month").lower()], int(match.group("day")))
    except ValueError:
        return None


def strip_dateline(paragraph: str) -> str:
    for pattern in (DATELINE, AGENCY_DATELINE, PLACE_COLON):
        stripped = pattern.sub("", paragraph, count=1)
        if stripped != paragraph:
            return stripped
    return paragraph


def find_outlet(lines: list[str]) -> str | None:
    for line in lines:
        for hint in OUTLET_HINTS:
            match = hint.search(line)
            if match:
                return match.group("name").strip()
    return None


def parse_article(number: int, path: str, text: str) -> Article:
    meta, body = split_front_matter(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.strip() for line in body.split("\n")]
    date = parse_date(meta.get("date"))
    kept: list[str] = []
    for line in lines:
        match = DATE_LINE.match(line)
        if match and not kept:
            date = date or parse_date("-".join(match.groups()))
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
    if not title:
        title = _fallback_title(content, path)
    outlet = meta.get("outlet") if isinstance(meta.get("outlet"), str) else find_outlet(content)
    url = meta.get("url") if isinstance(meta.get("url"), str) else None
    return Article(
        number=number,
        path=path,
        title=" ".join(title.split()),
        outlet=outlet,
        date=date,
        url=url,
        lines=tuple(kept),
    )


def _fallback_title(content: list[str], path: str) -> str:
    """No headline: the opening words of the first paragraph, marked as cut."""
    if not content:
        return Path(path).stem
    words = strip_dateline(content[0]).split()
    return " ".join(words[:12]) + (" …" if len(words) > 12 else "")


def article_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise InputError(f"sources folder not found: {folder}")
    return sorted(
        (p for p in folder.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES),
        key=lambda p: p.name,
    )


def read_articles(folder: Path) -> IngestResult:
    """Every .txt and .md file in the folder, in name order, numbered from 1."""
    articles: list[Article] = []
    skipped: list[SkippedFile] = []
    for path in article_files(folder):
        try:
            data = path.read_bytes()
        except OSError as exc:
            skipped.append(SkippedFile(path.name, f"cannot be read ({exc.strerror or exc})"))
            continue
        text = decode(data)
        if text is None:
            skipped.append(SkippedFile(path.name, "binary data, not text"))
            continue
        if not text.strip():
            skipped.append(SkippedFile(path.name, "empty"))
            continue
        articles.append(parse_article(len(articles) + 1, path.name, text))
    if not articles:
        why = "; ".join(f"{s.path}: {s.reason}" for s in skipped)
        raise InputError(
            f"no usable articles in {folder}" + (f" ({why})" if why else " (no .txt or .md files)")
        )
    return IngestResult(tuple(articles), tuple(skipped))
