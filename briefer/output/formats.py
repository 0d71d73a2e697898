"""Output formats: each a renderer that turns the fitted brief into one named file.

A format is registered by name (`markdown`, `html`, `pdf`, `json`); the build writes the
files of every format and lists them in the brief's record (`brief.json`, key `files`),
and whatever delivers a brief (`send`) reads that same list with `published_files`. A new
format (DOCX, say) is one module with a `RENDERER`, added with `register`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from briefer.output.render import Rendered


@dataclass(frozen=True)
class Rendition:
    """Everything a renderer may read: the fitted brief and its markup, for one audience."""

    rendered: Rendered
    audience: str
    new_items: frozenset[str] = frozenset()
    files: tuple[dict, ...] = ()  # the manifest of every file written beside this one


@dataclass(frozen=True)
class Renderer:
    name: str  # the format's name
    filename: str  # the file it writes, inside the audience's folder
    media_type: str
    render: Callable[[Rendition], bytes]


RENDERERS: dict[str, Renderer] = {}


def register(renderer: Renderer) -> Renderer:
    if any(other.filename == renderer.filename and other.name != renderer.name for other in RENDERERS.values()):
        raise ValueError(f"two formats would write {renderer.filename}")
    RENDERERS[renderer.name] = renderer
    return renderer


def _builtin() -> None:
    from briefer.output import html, markdown, pdf, record

    for module in (markdown, html, pdf, record):
        register(module.RENDERER)


def formats() -> tuple[str, ...]:
    if not RENDERERS:
        _builtin()
    return tuple(RENDERERS)


def manifest(names: Sequence[str]) -> tuple[dict, ...]:
    return tuple({"format": RENDERERS[name].name, "name": RENDERERS[name].filename,
                  "media_type": RENDERERS[name].media_type} for name in names)


def render_files(rendition: Rendition, names: Sequence[str] | None = None) -> dict[str, bytes]:
    """{file name: bytes} for each format asked for (default: every registered one)."""
    names = tuple(names or formats())
    unknown = [name for name in names if name not in RENDERERS]
    if unknown:
        raise ValueError(f"unknown output format {unknown[0]!r} (known: {', '.join(RENDERERS)})")
    rendition = replace(rendition, files=manifest(names))
    return {RENDERERS[name].filename: RENDERERS[name].render(rendition) for name in names}


@dataclass(frozen=True)
class PublishedFile:
    format: str
    name: str
    media_type: str
    path: Path


from briefer.brief.daily import RECORD_NAME  # noqa: E402


def published_files(folder: Path) -> tuple[PublishedFile, ...]:
    """The files a build published in one audience's folder, as its record lists them (a
    record from before the list existed: the four built-in files)."""
    try:
        listed = json.loads((folder / RECORD_NAME).read_text(encoding="utf-8")).get("files")
    except (OSError, ValueError, AttributeError):
        listed = None
    if not isinstance(listed, list):
        formats()
        listed = manifest(("markdown", "html", "pdf", "json"))
    return tuple(PublishedFile(entry["format"], entry["name"], entry["media_type"], folder / entry["name"])
                 for entry in listed if isinstance(entry, dict)
                 and {"format", "name", "media_type"} <= set(entry) and "/" not in str(entry["name"]))
