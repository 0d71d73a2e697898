"""config.yaml, loaded once into typed objects; every problem is reported at once, by key."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

SECTION_KEYS = ("background", "key_facts", "outcomes", "open_questions")
SECTION_TITLES = {
    "background": "Background",
    "key_facts": "Key facts",
    "outcomes": "Outcomes",
    "open_questions": "Open questions",
}
PAGE_SIZES = ("A4", "Letter")
DEFAULT_BUDGETS = {"background": 3, "key_facts": 5, "outcomes": 3, "open_questions": 3}


@dataclass(frozen=True)
class Config:
    path: Path | None  # the file it came from, None when no file exists
    title: str
    sources: Path
    output: Path
    templates: Path  # folder holding default/ and audience overrides
    page_size: str
    section_budgets: dict[str, int]  # section key -> most items it may hold


def _problem_collector():
    problems: list[str] = []
    return problems, problems.append


def _check_str(raw: dict, key: str, default: str, report) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str) or not value.strip():
        report(f"'{key}': expected a non-empty string, got {value!r}")
        return default
    return value


def _check_budgets(raw: Any, report) -> dict[str, int]:
    budgets = dict(DEFAULT_BUDGETS)
    if raw is None:
        return budgets
    if not isinstance(raw, dict):
        report(f"'sections': expected a mapping of section to item count, got {type(raw).__name__}")
        return budgets
    for key, value in raw.items():
        if key not in SECTION_KEYS:
            report(f"'sections.{key}': unknown section (expected one of {', '.join(SECTION_KEYS)})")
        elif isinstance(value, bool) or not isinstance(value, int):
            report(f"'sections.{key}': expected a whole number of items, got {value!r}")
        elif value < 0 or value > 50:
            report(f"'sections.{key}': must be between 0 and 50, got {value}")
        else:
            budgets[key] = value
    return budgets


KNOWN_KEYS = ("title", "sources", "output", "templates", "page_size", "sections")


def _unknown_key(key: Any, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(str(key), known, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"expected one of {', '.join(known)}"
    return f"'{key}': unknown key ({hint})"


def _check_folders(base_dir: Path, folders: dict[str, str], report) -> None:
    """The sources folder exists; the output folder, made on demand, is not a file."""
    paths = {key: base_dir / value for key, value in folders.items()}
    if "sources" in paths and not paths["sources"].is_dir():
        report(f"'sources': no such folder: {paths['sources']}")
    if "output" in paths and paths["output"].exists() and not paths["output"].is_dir():
        report(f"'output': {paths['output']} is a file, not a folder")


def parse_config(raw: Any, path: Path | None, base_dir: Path, overrides: dict[str, str] | None = None,
                 check_folders: bool = False) -> Config:
    """Validate a parsed YAML document (with command-line overrides); raise ConfigError
    listing every problem. check_folders: the folders it names must be usable too."""
    shown = str(path) if path else "the default configuration"
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(shown, [f"the top level must be a mapping of keys, got {type(raw).__name__}"])
    raw = {**raw, **(overrides or {})}
    problems, report = _problem_collector()
    for key in raw:
        if key not in KNOWN_KEYS:
            report(_unknown_key(key, KNOWN_KEYS))
    title = _check_str(raw, "title", "Policy brief", report)
    sources = _check_str(raw, "sources", "seeds", report)
    output = _check_str(raw, "output", "out", report)
    templates = _check_str(raw, "templates", "templates", report)
    page_size = raw.get("page_size", "A4")
    if page_size not in PAGE_SIZES:
        report(f"'page_size': expected one of {', '.join(PAGE_SIZES)}, got {page_size!r}")
        page_size = "A4"
    budgets = _check_budgets(raw.get("sections"), report)
    if check_folders:  # only values that are strings: a wrong type was reported already
        folders = {key: value for key, value in (("sources", sources), ("output", output)) if raw.get(key, value) == value}
        _check_folders(base_dir, folders, report)
    if problems:
        raise ConfigError(shown, problems)
    return Config(
        path=path,
        title=title,
        sources=base_dir / sources,
        output=base_dir / output,
        templates=base_dir / templates,
        page_size=page_size,
        section_budgets=budgets,
    )


class _UniqueKeyLoader(yaml.SafeLoader):
    """Safe YAML that refuses a key given twice (plain YAML silently keeps the last one)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, (str, int, float, bool)):
                continue  # the base class reports unhashable keys
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def load_config(path: Path | None, overrides: dict[str, str] | None = None) -> Config:
    """Read config.yaml (or the given file). A missing default file means all defaults.
    `overrides` (key -> value, paths absolute) come from the command line and win."""
    if path is None:
        candidate = Path("config.yaml")
        if not candidate.exists():
            return parse_config({}, None, Path.cwd(), overrides, check_folders=True)
        path = candidate
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(str(path), ["the file does not exist"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), [f"cannot be read: {exc}"]) from None
    try:
        raw = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(str(path), [f"{where}invalid YAML: {problem}"]) from None
    return parse_config(raw, path, path.resolve().parent, overrides, check_folders=True)
