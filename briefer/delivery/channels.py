"""Delivery channels: how a built brief reaches its readers. Email is the first.

A channel takes the files the publisher wrote for one audience and date (read from one
published version of the folder, so a rebuild at the same moment cannot mix two briefs) and
delivers them to the audience's recipients, exactly once, keeping its record beside the brief
(see ledger.py). `deliver` runs every chosen audience: one audience's failure is reported and
the others still go; the failures are named together at the end (exit 1).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from briefer.brief.audiences import select_audiences
from briefer.brief.daily import STORY_PAGE, dated_folders
from briefer.config import AudienceConfig, Config
from briefer.core.errors import BrieferError, InputError
from briefer.delivery.ledger import locked
from briefer.output.formats import published_files

log = logging.getLogger(__name__)

REQUIRED_FORMATS = ("markdown", "pdf", "json")  # what every channel may rely on
MAX_FILE_BYTES = 50_000_000


class DeliveryError(BrieferError):
    """Not every recipient has the brief: refused, unreachable, or the outcome is unclear."""


@dataclass(frozen=True)
class Outcome:
    audience: str
    date: dt.date
    action: str  # sent | skipped | dry-run | failed
    detail: str  # one line for the user

    def __str__(self) -> str:
        return f"{self.audience} {self.date}: {self.detail}"


@dataclass(frozen=True)
class PublishedBrief:
    """The files published for one audience and date, read from one version of the folder."""

    folder: Path  # out/<date>/<audience> (where the channel's record is kept)
    audience: str
    date: dt.date
    title: str
    files: dict[str, bytes] = field(repr=False)  # format name (markdown, html, pdf, json, ...) -> content
    # a digest of many stories: each story page's PDF, by the page's name (story-<id>)
    pages: dict[str, bytes] = field(default_factory=dict, repr=False)

    def text(self, format_name: str) -> str:
        return self.files[format_name].decode("utf-8")


def _read_regular(path: Path) -> bytes:
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise OSError(f"{path} is not a regular file")
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise OSError(f"{path} is larger than {MAX_FILE_BYTES:,} bytes")
    return data


def read_published(folder: Path, audience: str, date: dt.date) -> PublishedBrief:
    """Every file the build published for this brief, as its record lists them
    (output.formats.published_files), read from the version the folder shows now."""
    try:
        version = folder.resolve(strict=True)  # out/<date>/<audience> -> its current hidden version
        listed = {entry.format: entry for entry in published_files(version)}
    except OSError:
        version, listed = folder, {}
    missing = [f"{name} ({listed[name].name if name in listed else name})" for name in REQUIRED_FORMATS
               if name not in listed or not (version / listed[name].name).is_file()]
    if missing:
        raise InputError(f"no complete brief for audience {audience!r} dated {date} in {folder} "
                         f"(missing {', '.join(missing)}): run 'briefer build' first")
    try:
        files = {name: _read_regular(version / entry.name) for name, entry in listed.items()
                 if (version / entry.name).is_file()}
        record = json.loads(files["json"].decode("utf-8"))
        title = record.get("title") if isinstance(record, dict) else None
        if not isinstance(title, str):
            raise ValueError(f"{listed['json'].name} has no 'title'")
        files["markdown"].decode("utf-8")
        pages = {name: _read_regular(version / f"{name}.pdf") for name in _story_pages(record)}
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the brief in {folder}: {exc}") from None
    return PublishedBrief(folder=folder, audience=audience, date=date, title=title, files=files, pages=pages)


def _story_pages(record: dict) -> list[str]:
    """The story pages a digest's record names (its sections' keys), published beside it."""
    sections = record.get("sections")
    return [section["key"] for section in sections if isinstance(section, dict)
            and isinstance(section.get("key"), str) and STORY_PAGE.match(section["key"])] \
        if isinstance(sections, list) else []


def newest_brief_date(output: Path, audience: str) -> dt.date | None:
    return next((date for date, folder in dated_folders(output) if (folder / audience).is_dir()), None)


class Channel(Protocol):
    """One way of delivering a brief. `prepare` runs once per send (credentials, checks);
    `deliver` sends one audience's brief and returns its outcome, or raises a BrieferError
    naming what went wrong. It runs holding the brief's lock (ledger.locked) and keeps its
    own exactly-once record beside the brief (a ledger.Ledger)."""

    name: str

    def prepare(self, config: Config, dry_run: bool) -> object: ...

    def deliver(self, config: Config, prepared: object, audience: AudienceConfig, brief: PublishedBrief,
                dry_run: bool, force: bool) -> Outcome: ...


CHANNELS: dict[str, Channel] = {}


def register(channel: Channel) -> Channel:
    CHANNELS[channel.name] = channel
    return channel


def channel(name: str) -> Channel:
    if name not in CHANNELS:
        raise InputError(f"no delivery channel {name!r} (known: {', '.join(sorted(CHANNELS))})")
    return CHANNELS[name]


def deliver(config: Config, channel_name: str | Channel, date: dt.date | None = None, audiences: Sequence[str] | None = None,
            dry_run: bool = False, force: bool = False, report: Callable[[Outcome], None] = lambda _: None,
            complain: Callable[[str], None] = lambda line: log.error("%s", line)) -> list[Outcome]:
    """Deliver every chosen audience's brief; each outcome is reported as soon as it is known.
    A failed audience does not stop the next; afterwards one error names every failure."""
    chosen_channel = channel(channel_name) if isinstance(channel_name, str) else channel_name
    chosen = select_audiences(config, audiences)
    prepared = chosen_channel.prepare(config, dry_run)
    outcomes: list[Outcome] = []
    failures: list[tuple[str, BrieferError]] = []
    for audience in chosen:
        try:
            day = date or newest_brief_date(config.output, audience.name)
            if day is None:
                raise InputError(f"no brief for audience {audience.name!r} in {config.output}: "
                                 f"run 'briefer build' first")
            folder = config.output / day.isoformat() / audience.name
            if not (folder.is_dir() or folder.is_symlink()):
                read_published(folder, audience.name, day)  # says what is missing, makes no lock file
            # One at a time per brief: a build swapping the folder, or another send, waits.
            with locked(folder, f"{audience.name} {day}", waiting=log.warning):
                brief = read_published(folder, audience.name, day)
                outcome = chosen_channel.deliver(config, prepared, audience, brief, dry_run, force)
        except BrieferError as exc:
            failures.append((audience.name, exc))
            if len(chosen) > 1:
                complain(str(exc))
            continue
        report(outcome)
        outcomes.append(outcome)
    if len(failures) == 1 and len(chosen) == 1:
        raise failures[0][1]
    if failures:
        error_class = InputError if all(f.exit_status == 2 for _, f in failures) else DeliveryError
        names = ", ".join(name for name, _ in failures)
        raise error_class(f"{len(failures)} of {len(chosen)} audiences not fully delivered ({names}); "
                          f"each is explained above")
    return outcomes
