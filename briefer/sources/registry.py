"""Readers by file suffix (Pelican's reader registry): one module per format registers itself.

A reader takes the file's name and decoded text and returns its articles (a feed or a JSON
Lines file holds many); `number` is set by ingest, which numbers every article it keeps.
Adding a format is one module that calls `register` and one line in BUILTIN_READERS.
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib
from collections.abc import Callable, Iterator, Sequence

from briefer.core.models import Article

Reader = Callable[[str, str], Sequence[Article]]
READERS: dict[str, Reader] = {}
BUILTIN_READERS = ("briefer.sources.text", "briefer.sources.html", "briefer.sources.feeds", "briefer.sources.jsonl",
                   "briefer.sources.eml")


_WARNINGS: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("reader_warnings", default=None)


def warn(message: str) -> None:
    """A reader's warning about part of a file it could not read ("feed.jsonl:3: not JSON")."""
    collected = _WARNINGS.get()
    if collected is not None:
        collected.append(message)


@contextlib.contextmanager
def collecting_warnings() -> Iterator[list[str]]:
    """The warnings readers give inside the block."""
    collected: list[str] = []
    token = _WARNINGS.set(collected)
    try:
        yield collected
    finally:
        _WARNINGS.reset(token)


def suffixes() -> str:
    return ", ".join(sorted(readers()))


def register(*suffixes: str) -> Callable[[Reader], Reader]:
    def add(reader: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix.lower()] = reader
        return reader
    return add


def readers() -> dict[str, Reader]:
    """Every registered reader by suffix, the built-in ones loaded on first use."""
    for module in BUILTIN_READERS:
        importlib.import_module(module)
    return READERS


def reader_for(name: str) -> Reader | None:
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return readers().get(suffix)
