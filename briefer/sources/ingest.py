"""Ingest: read article files and find each one's title, outlet, date and body lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from briefer.core.errors import InputError
from briefer.core.limits import MAX_ARTICLE_BYTES, MAX_PARAGRAPH_CHARS, loses_text
from briefer.core.models import Article
from briefer.sources.registry import reader_for, readers

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
    # A control character becomes a space, so offsets still count the file's own characters.
    return Decoded(_CONTROL.sub(" ", text), note)


def article_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise InputError(f"sources folder not found: {folder}")
    try:
        entries = list(folder.iterdir())
    except OSError as exc:
        raise InputError(f"cannot list the sources folder {folder}: {exc.strerror or exc}") from None
    known = readers()
    return sorted((p for p in entries if p.suffix.lower() in known), key=lambda p: p.name)


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


@dataclass(frozen=True)
class FileRead:
    """One file's outcome: its articles (numbered 0), or why it was skipped; notes on how it was read."""

    articles: tuple[Article, ...]
    skipped: SkippedFile | None
    notes: tuple[str, ...] = ()


def read_path(path: Path, root: Path) -> FileRead:
    """Read one folder entry safely: never more than the size limit, never outside `root`."""
    reason = unreadable_reason(path, root)
    if reason:
        return FileRead((), SkippedFile(path.name, reason))
    try:
        data = read_limited(path)
    except OSError as exc:
        return FileRead((), SkippedFile(path.name, f"cannot be read ({exc.strerror or exc})"))
    if data is None:
        size = path.stat().st_size
        return FileRead((), SkippedFile(path.name, f"too large ({size:,} bytes; the limit is {MAX_ARTICLE_BYTES:,})"))
    if not data:
        return FileRead((), SkippedFile(path.name, "empty"))
    decoded = decode(data)
    if decoded.text is None:
        return FileRead((), SkippedFile(path.name, decoded.note))
    if not decoded.text.strip():
        return FileRead((), SkippedFile(path.name, "only whitespace"))
    notes = [f"{path.name}: {decoded.note}"] if decoded.note else []
    if any(loses_text(line) for line in decoded.text.replace("\r", "\n").split("\n")):
        notes.append(f"{path.name}: text running over {MAX_PARAGRAPH_CHARS:,} characters without a sentence"
                     " end was left out")
    return FileRead(read_file(path.name, decoded.text), None, tuple(notes))


def no_articles_error(folder: Path, skipped: list[SkippedFile]) -> InputError:
    why = "; ".join(f"{s.path}: {s.reason}" for s in skipped)
    return InputError(f"no usable articles in {folder}" + (f" ({why})" if why else " (no .txt or .md files)"))


def read_articles(folder: Path, names: frozenset[str] | None = None) -> IngestResult:
    """Every usable file of a registered kind in the folder (or only those `names`), in name
    order, its articles numbered from 1.

    Each unusable file is skipped with its reason; none usable is an InputError.
    """
    articles: list[Article] = []
    skipped: list[SkippedFile] = []
    notes: list[str] = []
    root = folder.resolve()
    for path in article_files(folder):
        if names is not None and path.name not in names:
            continue
        read = read_path(path, root)
        if read.skipped:
            skipped.append(read.skipped)
        notes.extend(read.notes)
        for article in read.articles:
            articles.append(replace(article, number=len(articles) + 1))
    if not articles:
        raise no_articles_error(folder, skipped)
    return IngestResult(tuple(articles), tuple(skipped), tuple(notes))


def read_file(name: str, text: str) -> tuple[Article, ...]:
    """The articles in one decoded file, by the reader registered for its suffix."""
    reader = reader_for(name)
    if reader is None:
        raise InputError(f"{name}: no reader for files of this kind")
    return tuple(reader(name, text))
