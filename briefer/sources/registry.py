"""Readers by file suffix (Pelican's reader registry): one module per format registers itself.

A reader takes the file's name and decoded text and returns its articles (a feed or a JSON
Lines file holds many); `number` is set by ingest, which numbers every article it keeps.
Adding a format is one module that calls `register` and one line in BUILTIN_READERS.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

from briefer.core.models import Article

Reader = Callable[[str, str], Sequence[Article]]
READERS: dict[str, Reader] = {}
BUILTIN_READERS = ("briefer.sources.text", "briefer.sources.html")


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
