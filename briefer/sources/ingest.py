"""Ingest: read article files and find each one's title, outlet, date and body lines."""

from __future__ import annotations

import os
import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from briefer.core.errors import InputError
from briefer.core.locations import StorageURL
from briefer.core.limits import MAX_ARTICLE_BYTES, MAX_PARAGRAPH_CHARS, loses_text
from briefer.core.models import Article
from briefer.core.text import INVISIBLE, as_written, char_class
from briefer.sources.safe import UnsafeFile, open_checked, read_descriptor, shown_name
from briefer.sources.dating import build_day, place_year
from briefer.sources.registry import collecting_warnings, reader_for, suffixes
from briefer.sources import storage
from briefer.sources.storage import StoredObject

@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: str


@dataclass(frozen=True)
class IngestResult:
    articles: tuple[Article, ...]
    skipped: tuple[SkippedFile, ...]
    notes: tuple[str, ...] = ()  # files read, but not as plain UTF-8 or not whole
    undated: tuple[str, ...] = ()  # one warning per article whose date cannot be known
    unread_parts: tuple[str, ...] = ()  # parts of files a reader left out ("a.jsonl:3: not JSON"), also in notes


@dataclass(frozen=True)
class Decoded:
    text: str | None  # None when the bytes are not usable text
    note: str  # why not usable; or how it was read when not as UTF-8; else ""
    # where the characters taken out of `text` (a UTF-8 byte-order mark, invisible format
    # characters) stood in the file's own text, so offsets into `text` map back to the file
    removed: tuple[int, ...] = ()


# A well-formed multi-byte UTF-8 sequence: its presence means the file meant to be UTF-8.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Control characters other than tab, newline, carriage return and form feed: invisible,
# and some (ESC) act on a terminal that shows the brief.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile(char_class(INVISIBLE))
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
    # A control character or a line separator (VT, FF, NEL, U+2028, U+2029) becomes a space,
    # so words stay apart; invisible format characters (bidi controls, zero-width and tag
    # characters) are removed: the text is what a reader sees, and offsets count it.
    text = _CONTROL.sub(" ", text)
    bom = 1 if not encoding and data.startswith(b"\xef\xbb\xbf") else 0  # utf-8-sig took it out
    invisible = () if text.isascii() else tuple(m.start() + bom for m in _INVISIBLE.finditer(text))  # ASCII has none
    removed = ((0,) if bom else ()) + invisible
    return Decoded(as_written(text), note, removed)


def article_files(folder: Path | StorageURL) -> list[Path] | list[StoredObject]:
    """Every entry of the folder in name order but hidden ones (".name": editors' swap files,
    the fetch record); ingest accounts for each, read or skipped with its reason. At a storage
    URL, its objects (sources/storage.py)."""
    if isinstance(folder, StorageURL):
        return storage.list_objects(folder)
    if not folder.is_dir():
        raise InputError(f"sources folder not found: {folder}")
    try:
        entries = list(folder.iterdir())
    except OSError as exc:
        raise InputError(f"cannot list the sources folder {folder}: {exc.strerror or exc}") from None
    return sorted((p for p in entries if not p.name.startswith(".")), key=lambda p: p.name)


def source_root(folder: Path | StorageURL) -> Path | StorageURL:
    """What read_path checks a folder's entries against: the folder's real path (no file
    outside it is read); a storage URL names its objects itself."""
    return folder if isinstance(folder, StorageURL) else folder.resolve()


def unreadable_reason(path: Path, root: Path) -> str | None:
    """Why a folder entry is not a file briefer may read, or None when it is.

    A first look, for a clear reason; `read_limited` checks again on the opened file, so
    nothing swapped in after this look is read."""
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


def read_limited(path: Path, limit: int = MAX_ARTICLE_BYTES, root: Path | None = None) -> bytes | None:
    """The file's bytes, or None when it is larger than the limit (never reads more).

    Opened without following a final symlink and without blocking, then checked on the
    opened descriptor (see sources/safe.py): UnsafeFile, an OSError, says why a file is
    refused. `root` is the sources folder, by default the folder the file is listed in."""
    folder = Path(os.path.realpath(root if root is not None else path.parent))
    descriptor = open_checked(path, folder)
    try:
        return read_descriptor(descriptor, limit)
    finally:
        os.close(descriptor)


@dataclass(frozen=True)
class FileRead:
    """One file's outcome: its articles (numbered 0), or why it was skipped; notes on how it
    was read, and the parts of it a reader left out (also among the notes)."""

    articles: tuple[Article, ...]
    skipped: SkippedFile | None
    notes: tuple[str, ...] = ()
    unread_parts: tuple[str, ...] = ()


def read_path(path: Path | StoredObject, root: Path | StorageURL) -> FileRead:
    """Read one folder entry safely: never more than the size limit, never outside `root`.
    One file at a time, so a folder can be read streaming, in worker processes. An object at a
    storage URL is read by the same rules (sources/storage.py)."""
    name = shown_name(path.name)  # control characters and non-UTF-8 bytes escaped
    stored = isinstance(path, StoredObject)
    if reader_for(path.name) is None and not (path.kind == "directory" if stored else path.is_dir()):
        kind = Path(path.name).suffix.lower() or "without a suffix"
        return FileRead((), SkippedFile(name, f"not a kind of file briefer reads ({kind}; it reads {suffixes()})"))
    reason = storage.unreadable_reason(path) if stored else unreadable_reason(path, root)
    if reason:
        return FileRead((), SkippedFile(name, reason))
    try:
        data = storage.read_object(path, MAX_ARTICLE_BYTES) if stored else read_limited(path, root=root)
    except UnsafeFile as exc:
        return FileRead((), SkippedFile(name, str(exc)))
    except OSError as exc:
        return FileRead((), SkippedFile(name, f"cannot be read ({exc.strerror or exc})"))
    if data is None:
        size = path.size if stored else path.stat().st_size
        shown = f"{size:,} bytes" if size is not None else f"more than {MAX_ARTICLE_BYTES:,} bytes"
        return FileRead((), SkippedFile(name, f"too large ({shown}; the limit is {MAX_ARTICLE_BYTES:,})"))
    if not data:
        return FileRead((), SkippedFile(name, "empty"))
    decoded = decode(data)
    if decoded.text is None:
        return FileRead((), SkippedFile(name, decoded.note))
    if not decoded.text.strip():
        return FileRead((), SkippedFile(name, "only whitespace"))
    notes = [f"{name}: {decoded.note}"] if decoded.note else []
    if any(loses_text(line) for line in decoded.text.replace("\r", "\n").split("\n")):
        notes.append(f"{name}: text running over {MAX_PARAGRAPH_CHARS:,} characters without a sentence"
                     " end was left out")
    try:
        with collecting_warnings() as warnings:
            found = read_file(name, decoded.text, decoded.removed)
    except InputError as exc:
        return FileRead((), SkippedFile(name, str(exc).removeprefix(f"{name}: ")), tuple(notes))
    notes.extend(warnings)
    skipped = None if found else SkippedFile(name, "no articles in it")
    return FileRead(tuple(found), skipped, tuple(notes), tuple(warnings))


def no_articles_error(folder: Path | StorageURL, skipped: list[SkippedFile]) -> InputError:
    why = "; ".join(f"{s.path}: {s.reason}" for s in skipped)
    return InputError(
        f"no usable articles in {folder}" + (f" ({why})" if why else f" (no files of the kinds it reads: {suffixes()})")
    )


def read_articles(folder: Path | StorageURL, brief_date: dt.date | None = None, strict: bool = False,
                  names: frozenset[str] | None = None) -> IngestResult:
    """Every usable file in the folder (or only those `names`), in name order, its articles
    numbered from 1.

    Each file is accounted for: read, or skipped with its reason (a kind briefer does not read
    is named too). A dateline without a year takes it from `brief_date`, else from the newest
    dated article. None usable is an InputError; with `strict`, so is any skipped file, bad
    part of a file or undated article.
    """
    articles: list[Article] = []
    skipped: list[SkippedFile] = []
    notes: list[str] = []
    unread_parts: list[str] = []
    root = source_root(folder)
    # `names` are article paths: a file's name, or "feed.xml#2" for one article of a file.
    files = None if names is None else {name.split("#", 1)[0] for name in names}
    for path in article_files(folder):
        if files is not None and path.name not in files and shown_name(path.name) not in files:
            continue
        read = read_path(path, root)
        if read.skipped:
            skipped.append(read.skipped)
        notes.extend(read.notes)
        unread_parts.extend(read.unread_parts)
        for article in read.articles:
            if names is None or article.path in names:
                articles.append(replace(article, number=len(articles) + 1))
    if not articles:
        raise no_articles_error(folder, skipped)
    articles = one_per_url(articles, notes)
    articles, undated = place_years(articles, brief_date)
    result = IngestResult(tuple(articles), tuple(skipped), tuple(notes), tuple(undated), tuple(unread_parts))
    if strict:
        check_strict(result, folder)
    return result


def one_per_url(articles: list[Article], notes: list[str]) -> list[Article]:
    """One article per URL: a feed entry that is only a teaser of a page saved beside it (or a
    story fetched twice under two names) is read once, from the fuller copy; renumbered."""
    fullest: dict[str, Article] = {}
    for article in articles:
        if article.url:
            held = fullest.get(article.url)
            if held is None or _words(article) > _words(held):
                fullest[article.url] = article
    kept = []
    for article in articles:
        chosen = fullest.get(article.url) if article.url else article
        if chosen is not article:
            notes.append(f"{article.path}: the same story as {chosen.path} ({article.url}); read once, from {chosen.path}")
            continue
        kept.append(replace(article, number=len(kept) + 1))
    return kept


def _words(article: Article) -> int:
    return sum(len(line.split()) for line in article.lines)


def place_years(articles: list[Article], brief_date: dt.date | None) -> tuple[list[Article], list[str]]:
    """Datelines without a year get the one the brief's date or the other articles imply;
    every article still undated is named."""
    today = build_day()  # a date in the future (9999-12-31) gives no year: build refuses it
    reference = brief_date or max((a.date for a in articles if a.date and a.date <= today), default=None)
    origin = "the brief's date" if brief_date else "the other articles"
    placed, undated = [], []
    for article in articles:
        if article.date is None and article.month_day and reference:
            date = place_year(article.month_day, reference)
            if date:
                article = replace(article, date=date, date_source=f"dateline, year from {origin}")
        if article.date is None:
            undated.append(undated_warning(article.path, article.month_day))
        placed.append(article)
    return placed, undated


def undated_warning(path: str, month_day: tuple[int, int] | None) -> str:
    """The warning naming an article whose date cannot be known, and why."""
    if month_day:
        month, day = month_day
        why = f"its dateline gives {dt.date(2000, month, day):%b} {day} without a year, and no other article or --date gives one"
    else:
        why = "no date in its front matter, opening lines, dateline or metadata"
    return f"{path}: {_UNDATED} ({why}); it does not date the brief"


_UNDATED = "undated"


def is_undated_warning(warning: str) -> bool:
    """Is this one of undated_warning's lines (whatever the path before it)?"""
    return f": {_UNDATED} (" in warning


def strict_problems(skipped, unread_parts, undated) -> list[str]:
    """What --strict refuses: skipped files, parts of files left unread, undated articles."""
    return [f"skipped {s.path}: {s.reason}" for s in skipped] + list(unread_parts) + list(undated)


def refuse_problems(problems: list[str] | tuple[str, ...], folder: Path) -> None:
    """--strict: any problem is an InputError, one line naming each file."""
    if problems:
        raise InputError(f"--strict: {len(problems)} problem(s) in {folder}: " + "; ".join(problems))


def check_strict(result: IngestResult, folder: Path) -> None:
    refuse_problems(strict_problems(result.skipped, result.unread_parts, result.undated), folder)


def read_file(name: str, text: str, removed: tuple[int, ...] = ()) -> tuple[Article, ...]:
    """The articles in one decoded file, by the reader registered for its suffix. `removed`:
    Decoded.removed, kept by the articles whose source is this text (offsets map back)."""
    reader = reader_for(name)
    if reader is None:
        raise InputError(f"{name}: no reader for files of this kind")
    articles = tuple(reader(name, text))
    if not removed:
        return articles
    return tuple(replace(a, removed=removed) if a.source == text else a for a in articles)
