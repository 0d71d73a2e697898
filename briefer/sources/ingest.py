"""Ingest: read article files and find each one's title, outlet, date and body lines."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefer.core.errors import InputError
from briefer.core.lexicon import MONTH_PATTERN, MONTHS
from briefer.core.limits import MAX_ARTICLE_BYTES, MAX_PARAGRAPH_CHARS, loses_text, shorten, split_long
from briefer.core.models import Article

ARTICLE_SUFFIXES = (".txt", ".md")

DATE_LINE = re.compile(r"^\s*(?:date|published|updated)\s*:?\s*(\d{4})-(\d{2})-(\d{2})\s*$", re.I)
# "New Delhi, Nov. 1 --" opening the first paragraph: place, month and day, a dash.
DATELINE = re.compile(
    rf"^(?P<place>[A-Z][\w.'’ -]{{1,40}}),\s+(?P<month>{MONTH_PATTERN})\.?\s+(?P<day>\d{{1,2}})"
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
# A line that ends a sentence: final punctuation, maybe closing quotes (wire-style `` '' too) or brackets.
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]`]*$")
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
    notes: tuple[str, ...] = ()  # files read, but not as plain UTF-8 or not whole


@dataclass(frozen=True)
class Decoded:
    text: str | None  # None when the bytes are not usable text
    note: str  # why not usable; or how it was read when not as UTF-8; else ""


# A well-formed multi-byte UTF-8 sequence: its presence means the file meant to be UTF-8.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Control characters other than tab, newline, carriage return and form feed: invisible,
# and some (ESC) act on a terminal that shows the brief.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe\x00\x00", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode(data: bytes) -> Decoded:
    """UTF-8 (with or without BOM), UTF-16/32 with BOM, or Windows-1252 when that is plainly
    what it is. Binary data and broken UTF-8 are refused rather than turned into mojibake."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    note = ""
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            return Decoded(None, f"invalid {encoding.upper()} (bad data at byte {exc.start})")
    elif b"\x00" in data:
        return Decoded(None, "binary data (NUL bytes), not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if _UTF8_MULTIBYTE.search(data):
                return Decoded(None, f"invalid UTF-8 (bad byte at offset {exc.start}); save it as UTF-8")
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                return Decoded(None, f"neither UTF-8 nor Windows-1252 text (bad byte at offset {exc.start})")
            note = "not UTF-8: read as Windows-1252"
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        return Decoded(None, "binary data (control characters), not text")
    return Decoded(_CONTROL.sub("", text), note)


def split_front_matter(text: str) -> tuple[dict, str]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1))
    except (yaml.YAMLError, ValueError, RecursionError):  # impossible dates (2025-13-45), deep nesting
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
    # Over-long lines are cut at sentence ends so no later pattern or splitter sees a megabyte.
    lines = [piece for line in body.split("\n") for piece in split_long(line.strip()) or [""]]
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
        title=shorten(title),
        outlet=shorten(outlet) if outlet else None,
        date=date,
        url=shorten(url) if url else None,
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
    try:
        entries = list(folder.iterdir())
    except OSError as exc:
        raise InputError(f"cannot list the sources folder {folder}: {exc.strerror or exc}") from None
    return sorted((p for p in entries if p.suffix.lower() in ARTICLE_SUFFIXES), key=lambda p: p.name)


def unreadable_reason(path: Path, root: Path) -> str | None:
    """Why a folder entry is not a file briefer may read, or None when it is."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "a broken symlink"
        if not target.is_relative_to(root):
            return "a symlink to a file outside the sources folder (not followed)"
    if path.is_dir():
        return "a folder, not a file"
    if not path.is_file():
        return "not a regular file"  # a FIFO or device could block the build forever
    return None


def read_limited(path: Path, limit: int = MAX_ARTICLE_BYTES) -> bytes | None:
    """The file's bytes, or None when it is larger than the limit (never reads more)."""
    with path.open("rb") as stream:
        data = stream.read(limit + 1)
    return data if len(data) <= limit else None


def read_articles(folder: Path) -> IngestResult:
    """Every usable .txt and .md file in the folder, in name order, numbered from 1.

    Each unusable file is skipped with its reason; none usable is an InputError.
    """
    articles: list[Article] = []
    skipped: list[SkippedFile] = []
    notes: list[str] = []
    root = folder.resolve()
    for path in article_files(folder):
        reason = unreadable_reason(path, root)
        if reason:
            skipped.append(SkippedFile(path.name, reason))
            continue
        try:
            data = read_limited(path)
        except OSError as exc:
            skipped.append(SkippedFile(path.name, f"cannot be read ({exc.strerror or exc})"))
            continue
        if data is None:
            size = path.stat().st_size
            skipped.append(SkippedFile(path.name, f"too large ({size:,} bytes; the limit is {MAX_ARTICLE_BYTES:,})"))
            continue
        if not data:
            skipped.append(SkippedFile(path.name, "empty"))
            continue
        decoded = decode(data)
        if decoded.text is None:
            skipped.append(SkippedFile(path.name, decoded.note))
            continue
        if not decoded.text.strip():
            skipped.append(SkippedFile(path.name, "only whitespace"))
            continue
        if decoded.note:
            notes.append(f"{path.name}: {decoded.note}")
        if any(loses_text(line) for line in decoded.text.replace("\r", "\n").split("\n")):
            notes.append(f"{path.name}: text running over {MAX_PARAGRAPH_CHARS:,} characters without a sentence"
                         " end was left out")
        articles.append(parse_article(len(articles) + 1, path.name, decoded.text))
    if not articles:
        why = "; ".join(f"{s.path}: {s.reason}" for s in skipped)
        raise InputError(
            f"no usable articles in {folder}" + (f" ({why})" if why else " (no .txt or .md files)")
        )
    return IngestResult(tuple(articles), tuple(skipped), tuple(notes))
