"""Ingest: read article files and find each one's title, outlet, date and body lines."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from briefer.core.errors import InputError
from briefer.core.limits import MAX_ARTICLE_BYTES, MAX_PARAGRAPH_CHARS, loses_text
from briefer.core.models import Article
from briefer.core.text import as_written
from briefer.sources.registry import reader_for, readers
from briefer.sources.safe import UnsafeFile, open_checked, read_descriptor, shown_name

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
    # A control character or a line separator (VT, FF, NEL, U+2028, U+2029) becomes a space,
    # so words stay apart; invisible format characters (bidi controls, zero-width and tag
    # characters) are removed: the text is what a reader sees, and offsets count it.
    return Decoded(as_written(_CONTROL.sub(" ", text)), note)


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


def read_articles(folder: Path) -> IngestResult:
    """Every usable file of a registered kind in the folder, in name order, its articles numbered from 1.

    Each unusable file is skipped with its reason; none usable is an InputError.
    """
    articles: list[Article] = []
    skipped: list[SkippedFile] = []
    notes: list[str] = []
    root = folder.resolve()
    for path in article_files(folder):
        name = shown_name(path.name)  # control characters and non-UTF-8 bytes escaped
        reason = unreadable_reason(path, root)
        if reason:
            skipped.append(SkippedFile(name, reason))
            continue
        try:
            data = read_limited(path, root=root)
        except UnsafeFile as exc:
            skipped.append(SkippedFile(name, str(exc)))
            continue
        except OSError as exc:
            skipped.append(SkippedFile(name, f"cannot be read ({exc.strerror or exc})"))
            continue
        if data is None:
            size = path.stat().st_size
            skipped.append(SkippedFile(name, f"too large ({size:,} bytes; the limit is {MAX_ARTICLE_BYTES:,})"))
            continue
        if not data:
            skipped.append(SkippedFile(name, "empty"))
            continue
        decoded = decode(data)
        if decoded.text is None:
            skipped.append(SkippedFile(name, decoded.note))
            continue
        if not decoded.text.strip():
            skipped.append(SkippedFile(name, "only whitespace"))
            continue
        if decoded.note:
            notes.append(f"{name}: {decoded.note}")
        if any(loses_text(line) for line in decoded.text.replace("\r", "\n").split("\n")):
            notes.append(f"{name}: text running over {MAX_PARAGRAPH_CHARS:,} characters without a sentence"
                         " end was left out")
        try:
            found = read_file(name, decoded.text)
        except InputError as exc:  # a reader refusing the file (front matter too large)
            skipped.append(SkippedFile(name, str(exc)))
            continue
        for article in found:
            articles.append(replace(article, number=len(articles) + 1))
    if not articles:
        why = "; ".join(f"{s.path}: {s.reason}" for s in skipped)
        raise InputError(
            f"no usable articles in {folder}" + (f" ({why})" if why else " (no .txt or .md files)")
        )
    return IngestResult(tuple(articles), tuple(skipped), tuple(notes))


def read_file(name: str, text: str) -> tuple[Article, ...]:
    """The articles in one decoded file, by the reader registered for its suffix."""
    reader = reader_for(name)
    if reader is None:
        raise InputError(f"{name}: no reader for files of this kind")
    return tuple(reader(name, text))
