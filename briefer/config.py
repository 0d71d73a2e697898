"""config.yaml, loaded once into typed objects; every problem is reported at once, by key."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import string
from dataclasses import dataclass
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

import yaml

from briefer.core.errors import ConfigError, InputError
from briefer.core.locations import StorageURL, storage_problem, storage_url
from briefer.core.query import QueryError, parse as parse_query
from briefer.core.sections import BOTTOM_LINE, BUDGET_KEYS, DEFAULT_BUDGETS, SECTION_KEYS, SECTION_TITLES  # noqa: F401
from briefer.core.resources import find_template_folder, template_search_path
from briefer.core.yaml_limits import load_bounded

PAGE_SIZES = ("A4", "Letter")


@dataclass(frozen=True)
class Config:
    path: Path | None  # the file it came from, None when no file exists
    title: str
    sources: Path | StorageURL  # a folder, or a storage URL read through fsspec (core/locations.py)
    output: Path
    templates: Path  # folder holding default/ and audience overrides
    page_size: str
    section_budgets: dict[str, int]  # section key -> most items it may hold
    window_days: int | None = None  # keep articles dated within this many days up to the brief's date
    audiences: tuple[AudienceConfig, ...] = ()  # empty: the single audience "default"
    email: EmailConfig | None = None
    fetch: FetchConfig | None = None  # `feeds:`, `pages:` and `fetch:` settings for briefer fetch
    engine: str = "local"  # local | dask: where per-article and per-story work runs
    dask_scheduler: str | None = None  # the Dask scheduler's address (engine: dask)
    publish_url: str | None = None  # where <output> is on the web (no trailing /): absolute links to story pages


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
        if key not in BUDGET_KEYS:
            report(f"'sections.{key}': unknown section (expected one of {', '.join(BUDGET_KEYS)})")
        elif isinstance(value, bool) or not isinstance(value, int):
            report(f"'sections.{key}': expected a whole number of items, got {value!r}")
        elif value < 0 or value > 50:
            report(f"'sections.{key}': must be between 0 and 50, got {value}")
        else:
            budgets[key] = value
    return budgets


@dataclass(frozen=True)
class Option:
    """One top-level key of config.yaml, declared once: its check, default and help."""

    key: str
    kind: str  # what the value must be, as the error message says it
    default: Any
    help: str


OPTIONS = (
    Option("title", "text", "Policy brief",
           "the brief's heading; {story} stands for the story's own headline (its newest article's title)"),
    Option("sources", "folder or storage URL", "sources",
           "folder of articles, relative to the config file; or a storage URL read through fsspec "
           "(s3://bucket/prefix, gcs://..., file:///shared/path; pip install 'briefer[dask]')"),
    Option("output", "folder", "out", "briefs are written to <output>/<date>/<audience>/"),
    Option("templates", "folder", "templates", "the project's template folder; what it lacks comes from briefer's own"),
    Option("page_size", "one of " + ", ".join(PAGE_SIZES), "A4", "the page every PDF must fit"),
    Option("sections", "mapping of section to item count", None,
           "the most items each section may hold (" + ", ".join(f"{k} {v}" for k, v in DEFAULT_BUDGETS.items()) + ")"),
    Option("window_days", "whole number of days", None, "use only articles dated within the N days ending on the brief's date"),
    Option("audiences", "mapping of audience name to settings", None,
           "per audience: template, sections (which, in what order, how many), page_size, recipients, subject, bcc, "
           "topics (keyword queries choosing its stories), stories (how many in its digest)"),
    Option("email", "mapping", None, "from, smtp (host, port, security, username, password_env, ca_file, timeout), retry"),
    Option("feeds", "list of URLs", None, "RSS/Atom feeds `briefer fetch` downloads into the sources folder"),
    Option("pages", "list of URLs", None, "web pages `briefer fetch` downloads into the sources folder"),
    Option("fetch", "mapping", None, "how `briefer fetch` downloads: timeouts, size caps, redirects, private addresses"),
    Option("engine", "local or dask", "local", "where per-article and per-story work runs (dask: pip install 'briefer[dask]')"),
    Option("dask", "mapping", None, "scheduler: the Dask scheduler's address, for engine: dask"),
    Option("publish_url", "an http(s) URL", None,
           "the web address the output folder is published at: a digest's email and PDF link each story page "
           "as <publish_url>/<date>/<audience>/story-<id>.html (without it the email attaches the pages' PDFs)"),
)
KNOWN_KEYS = tuple(option.key for option in OPTIONS)
DEFAULTS = {option.key: option.default for option in OPTIONS}


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


# In the title, the story's own headline: a config written for one story's sources titles any other
# folder's brief by that folder's story, not by a heading of the first.
STORY_FIELD = "{story}"
_BRACE = re.compile(r"[{}]")


def heading(title: str, story: str) -> str:
    """The configured title with the story's headline where it says {story}."""
    return title.replace(STORY_FIELD, story)


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
    title, sources, output, templates = (_check_str(raw, key, DEFAULTS[key], report)
                                         for key in ("title", "sources", "output", "templates"))
    if _BRACE.search(title.replace(STORY_FIELD, "")):
        report(f"'title': only {STORY_FIELD} may stand in braces, got {title!r}")
    page_size = raw.get("page_size", DEFAULTS["page_size"])
    if page_size not in PAGE_SIZES:
        report(f"'page_size': expected one of {', '.join(PAGE_SIZES)}, got {page_size!r}")
        page_size = DEFAULTS["page_size"]
    budgets = _check_budgets(raw.get("sections"), report)
    window_days = _check_window_days(raw.get("window_days"), report)
    audiences = _check_audiences(raw.get("audiences"), page_size, budgets, base_dir / templates, report)
    email = _check_email(raw.get("email"), base_dir, report)
    fetch = _check_fetch(raw.get("feeds"), raw.get("pages"), raw.get("fetch"), report)
    engine, dask_scheduler = _check_engine(raw.get("engine"), raw.get("dask"), report)
    publish_url = _check_publish_url(raw.get("publish_url"), report)
    location = storage_url(sources)
    if location is not None:
        problem = storage_problem(location)
        if problem:
            report(f"'sources': {problem}")
    if check_folders:  # only values that are strings: a wrong type was reported already
        folders = {key: value for key, value in (("sources", sources), ("output", output))
                   if raw.get(key, value) == value and not (key == "sources" and location)}
        _check_folders(base_dir, folders, report)
    if problems:
        raise ConfigError(shown, problems)
    return Config(
        path=path,
        title=title,
        sources=location or base_dir / sources,
        output=base_dir / output,
        templates=base_dir / templates,
        page_size=page_size,
        section_budgets=budgets,
        window_days=window_days,
        audiences=audiences,
        email=email,
        fetch=fetch,
        engine=engine,
        dask_scheduler=dask_scheduler,
        publish_url=publish_url,
    )


# host, optional port, a path of plain URL characters; no query or fragment (page names follow it)
PUBLISH_URL = re.compile(r"^https?://[a-z0-9.-]+(:[0-9]{1,5})?(/[a-z0-9._~!$&*+,;=:@%/-]*)?$", re.I)


def _check_publish_url(value: Any, report) -> str | None:
    """An http(s) address with no query or fragment; kept without its trailing slash."""
    url = _check_text(value, "publish_url", None, report)
    if url is None:
        return None
    if not PUBLISH_URL.match(url):
        report(f"'publish_url': expected the http:// or https:// address the output folder is published at "
               f"(no query or #fragment), got {url!r}")
        return None
    return url.rstrip("/")


ENGINES = ("local", "dask")


def _check_engine(engine: Any, dask: Any, report) -> tuple[str, str | None]:
    """engine: local | dask; dask: {scheduler: address}, required with engine: dask."""
    if engine is None:
        engine = "local"
    if engine not in ENGINES:
        report(f"'engine': expected one of {', '.join(ENGINES)}, got {engine!r}")
        engine = "local"
    raw = _check_mapping(dask, "dask", report)
    _check_known(raw, "dask", ("scheduler",), report)
    scheduler = _check_text(raw.get("scheduler"), "dask.scheduler", None, report)
    if engine == "dask" and scheduler is None:
        report("'dask.scheduler': 'engine: dask' needs the scheduler's address, e.g. tcp://10.0.0.5:8786")
    return engine, scheduler


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


CONFIG_NAME = "config.yaml"
CONFIG_VARIABLE = "BRIEFER_CONFIG"


def find_config() -> Path | None:
    """./config.yaml, else the file BRIEFER_CONFIG names, else None."""
    here = Path(CONFIG_NAME)
    if here.exists():
        return here
    named = os.environ.get(CONFIG_VARIABLE, "").strip()
    return Path(named) if named else None


def load_config(path: Path | None, overrides: dict[str, str] | None = None) -> Config:
    """Read the given file, else ./config.yaml, else $BRIEFER_CONFIG. With none of them, the
    defaults serve only when the command line names the sources; otherwise a hint to run
    `briefer new`.
    `overrides` (key -> value, paths absolute) come from the command line and win."""
    if path is None:
        path = find_config()
        if path is None:
            if not (overrides or {}).get("sources"):
                raise InputError(f"no {CONFIG_NAME} in {Path.cwd()} and {CONFIG_VARIABLE} is not set: "
                                 f"run `briefer new DIR` to start a project (or give --config FILE)")
            return parse_config({}, None, Path.cwd(), overrides, check_folders=True)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(str(path), ["the file does not exist"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), [f"cannot be read: {exc}"]) from None
    try:
        raw = load_bounded(text, _UniqueKeyLoader)  # a SafeLoader; aliases bounded (yaml_limits.py)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(str(path), [f"{where}invalid YAML: {problem}"]) from None
    except ValueError as exc:  # a value YAML recognises but cannot build: the date 2025-13-45
        raise ConfigError(str(path), [f"invalid YAML: {exc}"]) from None
    except RecursionError:
        raise ConfigError(str(path), ["invalid YAML: nested too deeply"]) from None
    return parse_config(raw, path, path.resolve().parent, overrides, check_folders=True)


# --- Audiences, daily window and email ------------------------------------------------
AUDIENCE_SECTION_KEYS = (BOTTOM_LINE,) + BUDGET_KEYS  # the timeline is budgeted like a section
AUDIENCE_KEYS = ("template", "sections", "page_size", "recipients", "subject", "bcc", "topics", "stories")
DEFAULT_DIGEST_STORIES = 6  # stories in an audience's daily digest when the folder holds many
AUDIENCE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")  # it names folders and files
DEFAULT_AUDIENCE = "default"
SUBJECT_FIELDS = ("title", "date", "audience")
DEFAULT_SUBJECT = "{title} ({date})"
EMAIL_KEYS = ("from", "smtp", "retry")
SMTP_KEYS = ("host", "port", "security", "username", "password_env", "ca_file", "timeout")
RETRY_KEYS = ("attempts", "delay", "factor")
SECURITY_MODES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
ENVIRONMENT_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
ADDRESS = re.compile(r"^[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+$")


@dataclass(frozen=True)
class AudienceConfig:
    name: str
    template: str  # folder in the template search path whose blocks override default/
    sections: tuple[str, ...]  # the sections shown, in order (bottom_line included)
    section_budgets: dict[str, int]  # section key -> most items it may hold
    page_size: str
    recipients: tuple[str, ...]
    subject: str  # str.format template over {title}, {date}, {audience}
    bcc: bool = False  # recipients only in the SMTP envelope, never in the message's headers
    topics: tuple[str, ...] = ()  # keyword queries (core/query.py); a story matching any is this audience's
    stories: int = DEFAULT_DIGEST_STORIES  # the most stories its digest holds


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: str  # starttls | ssl | none
    username: str | None
    password_env: str | None  # the environment variable holding the password
    ca_file: Path | None  # a CA bundle to trust instead of the system's (self-signed relays)
    timeout: float  # seconds


@dataclass(frozen=True)
class RetryConfig:
    attempts: int  # tries per message, the first included
    delay: float  # seconds before the second try
    factor: float  # each later wait is this many times the one before


@dataclass(frozen=True)
class EmailConfig:
    sender: str
    smtp: SmtpConfig
    retry: RetryConfig


def default_audience(config: Config) -> AudienceConfig:
    """The one audience of a configuration that declares none."""
    return AudienceConfig(
        name=DEFAULT_AUDIENCE, template="default", sections=SECTION_KEYS,
        section_budgets=dict(config.section_budgets), page_size=config.page_size,
        recipients=(), subject=DEFAULT_SUBJECT,
    )


def configured_audiences(config: Config) -> tuple[AudienceConfig, ...]:
    return config.audiences or (default_audience(config),)


def _type_name(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__


def _check_known(value: dict, key: str, known: tuple[str, ...], report, hints: dict[str, str] | None = None) -> None:
    for name in value:
        if name in (hints or {}):
            report(f"'{key}.{name}': {hints[name]}")
        elif name not in known:
            report(f"'{key}.{name}': unknown key (expected one of {', '.join(known)})")


def _check_mapping(value: Any, key: str, report) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        report(f"'{key}': expected a mapping, got {_type_name(value)}")
        return {}
    return value


def _check_whole(value: Any, key: str, default: int, low: int, high: int, report) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        report(f"'{key}': expected a whole number, got {value!r}")
        return default
    if not low <= value <= high:
        report(f"'{key}': must be between {low} and {high}, got {value}")
        return default
    return value


def _check_number(value: Any, key: str, default: float, low: float, high: float, report) -> float:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        report(f"'{key}': expected a number, got {value!r}")
        return default
    if not low <= value <= high:
        report(f"'{key}': must be between {low:g} and {high:g}, got {value}")
        return default
    return float(value)


def _check_text(value: Any, key: str, default: str | None, report) -> str | None:
    """A non-empty one-line string (values that reach mail headers must not break lines)."""
    if value is None:
        return default
    if not isinstance(value, str) or not value.strip():
        report(f"'{key}': expected a non-empty string, got {value!r}")
        return default
    if "\n" in value or "\r" in value:
        report(f"'{key}': must be a single line")
        return default
    return value.strip()


def mailbox(text: str):
    """The one RFC 5322 mailbox in `text` ("Name <a@b.example>" or "a@b.example") as an
    email.headerregistry.Address, or None: a list, a group or anything malformed is not one."""
    try:
        header = default_policy.header_factory("To", text)
    except Exception:  # the parser's own failures on hostile input: simply not an address
        return None
    if header.defects or len(header.groups) != 1 or header.groups[0].display_name is not None:
        return None
    (address,) = header.groups[0].addresses or (None,)
    if address is None or not ADDRESS.match(address.addr_spec):
        return None
    return address


def _check_address(value: Any, key: str, report) -> str | None:
    """Exactly one email address, optionally with a display name: "Desk <desk@example.org>"."""
    text = _check_text(value, key, None, report) if value is not None else None
    if value is None:
        report(f"'{key}': an email address is required")
    if text is None:
        return None
    address = mailbox(text)
    if address is None:
        report(f"'{key}': not an email address, or more than one: {text!r} (exactly one per entry, "
               f"e.g. \"Name <name@example.org>\")")
        return None
    return str(address)


def _check_window_days(value: Any, report) -> int | None:
    return _check_whole(value, "window_days", None, 1, 3660, report)


def _check_subject(value: Any, key: str, report) -> str:
    subject = _check_text(value, key, DEFAULT_SUBJECT, report)
    try:
        fields = {field for _, field, _, _ in string.Formatter().parse(subject) if field is not None}
        unknown = sorted(fields - set(SUBJECT_FIELDS))
        if unknown:
            report(f"'{key}': unknown placeholder {{{unknown[0]}}} (use {', '.join('{' + f + '}' for f in SUBJECT_FIELDS)})")
            return DEFAULT_SUBJECT
        subject.format(title="title", date=dt.date(2000, 1, 1), audience="audience")
    except (ValueError, TypeError) as exc:
        report(f"'{key}': not a valid subject template ({exc})")
        return DEFAULT_SUBJECT
    return subject


def _check_audience_sections(value: Any, key: str, budgets: dict[str, int], report) -> tuple[tuple[str, ...], dict[str, int]]:
    """An ordered mapping section -> item count: which sections appear, in what order, how full."""
    if value is None:
        return SECTION_KEYS, dict(budgets)
    if not isinstance(value, dict) or not value:
        report(f"'{key}': expected a mapping of section to item count, in display order, got {value!r}")
        return SECTION_KEYS, dict(budgets)
    chosen: dict[str, int] = {}
    for section, count in value.items():
        if section not in AUDIENCE_SECTION_KEYS:
            report(f"'{key}.{section}': unknown section (expected one of {', '.join(AUDIENCE_SECTION_KEYS)})")
            continue
        chosen[section] = _check_whole(count, f"{key}.{section}", 0, 0, 50, report)
    return tuple(chosen), {**{k: 0 for k in AUDIENCE_SECTION_KEYS}, **chosen}


def _check_flag(value: Any, key: str, report) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        report(f"'{key}': expected true or false, got {value!r}")
        return False
    return value


def _check_recipients(value: Any, key: str, report) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        report(f"'{key}': expected a list of email addresses, got {_type_name(value)}")
        return ()
    checked = [_check_address(address, f"{key}[{index}]", report) for index, address in enumerate(value)]
    return tuple(address for address in checked if address)


def _check_topics(value: Any, key: str, report) -> tuple[str, ...]:
    """A query or a list of queries (AND, OR, NOT, "phrases"), each checked here."""
    if value is None:
        return ()
    queries = [value] if isinstance(value, str) else value
    if not isinstance(queries, list):
        report(f"'{key}': expected a keyword query or a list of them, got {_type_name(value)}")
        return ()
    kept = []
    for index, query in enumerate(queries):
        where = key if isinstance(value, str) else f"{key}[{index}]"
        if not isinstance(query, str):
            report(f"'{where}': expected a keyword query, got {_type_name(query)}")
            continue
        try:
            parse_query(query)
        except QueryError as exc:
            report(f"'{where}': {exc} in {query!r}")
            continue
        kept.append(query)
    return tuple(kept)


def _check_audience(name: Any, value: Any, page_size: str, budgets: dict[str, int],
                    search_path: tuple[Path, ...], report) -> AudienceConfig | None:
    key = f"audiences.{name}"
    if not isinstance(name, str) or not AUDIENCE_NAME.match(name):
        report(f"'{key}': an audience name must be lower-case letters, digits, '-' or '_' (it names a folder)")
        return None
    raw = _check_mapping(value, key, report)
    _check_known(raw, key, AUDIENCE_KEYS, report)
    template = _check_text(raw.get("template"), f"{key}.template", None, report)
    if template is None:
        # Unnamed: the folder of the audience's own name when there is one, else the default.
        template = name if find_template_folder(search_path, name) else "default"
    elif "/" in template or "\\" in template or template.startswith("."):
        report(f"'{key}.template': expected a folder name inside the templates folder, got {template!r}")
    elif find_template_folder(search_path, template) is None:
        report(f"'{key}.template': no folder {template!r} in {' or '.join(str(f) for f in search_path)}")
    audience_page = raw.get("page_size", page_size)
    if audience_page not in PAGE_SIZES:
        report(f"'{key}.page_size': expected one of {', '.join(PAGE_SIZES)}, got {audience_page!r}")
        audience_page = page_size
    sections, audience_budgets = _check_audience_sections(raw.get("sections"), f"{key}.sections", budgets, report)
    return AudienceConfig(
        name=name, template=template, sections=sections, section_budgets=audience_budgets,
        page_size=audience_page, recipients=_check_recipients(raw.get("recipients"), f"{key}.recipients", report),
        subject=_check_subject(raw.get("subject"), f"{key}.subject", report),
        bcc=_check_flag(raw.get("bcc"), f"{key}.bcc", report),
        topics=_check_topics(raw.get("topics"), f"{key}.topics", report),
        stories=_check_whole(raw.get("stories"), f"{key}.stories", DEFAULT_DIGEST_STORIES, 1, 50, report),
    )


def _check_audiences(value: Any, page_size: str, budgets: dict[str, int], templates: Path,
                     report) -> tuple[AudienceConfig, ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        report(f"'audiences': expected a mapping of audience name to its settings, got {_type_name(value)}")
        return ()
    search_path = template_search_path(templates)
    checked = [_check_audience(name, raw, page_size, budgets, search_path, report) for name, raw in value.items()]
    return tuple(audience for audience in checked if audience)


def _check_smtp(value: Any, base_dir: Path, report) -> SmtpConfig:
    raw = _check_mapping(value, "email.smtp", report)
    _check_known(raw, "email.smtp", SMTP_KEYS, report, hints={
        "password": "the password never sits in the file: put it in an environment variable and name it in "
                    "'email.smtp.password_env'",
    })
    security = raw.get("security", "starttls")
    if security not in SECURITY_MODES:
        report(f"'email.smtp.security': expected one of {', '.join(SECURITY_MODES)}, got {security!r}")
        security = "starttls"
    username = _check_text(raw.get("username"), "email.smtp.username", None, report)
    password_env = _check_text(raw.get("password_env"), "email.smtp.password_env", None, report)
    if password_env is not None and not ENVIRONMENT_NAME.match(password_env):
        report(f"'email.smtp.password_env': expected the name of an environment variable, got {password_env!r}")
    if ("username" in raw) != ("password_env" in raw):
        report("'email.smtp': 'username' and 'password_env' go together (both or neither)")
    if username is not None and security == "none":
        report("'email.smtp.security': a password is never sent unencrypted: use starttls or ssl with a username")
    ca_file = _check_text(raw.get("ca_file"), "email.smtp.ca_file", None, report)
    ca_path = base_dir / ca_file if ca_file else None
    if ca_path is not None and not ca_path.is_file():
        report(f"'email.smtp.ca_file': no such file: {ca_path}")
    return SmtpConfig(
        host=_check_text(raw.get("host"), "email.smtp.host", "localhost", report),
        port=_check_whole(raw.get("port"), "email.smtp.port", DEFAULT_PORTS[security], 1, 65535, report),
        security=security, username=username, password_env=password_env, ca_file=ca_path,
        timeout=_check_number(raw.get("timeout"), "email.smtp.timeout", 30.0, 0.1, 600, report),
    )


def _check_retry(value: Any, report) -> RetryConfig:
    raw = _check_mapping(value, "email.retry", report)
    _check_known(raw, "email.retry", RETRY_KEYS, report)
    return RetryConfig(
        attempts=_check_whole(raw.get("attempts"), "email.retry.attempts", 4, 1, 20, report),
        delay=_check_number(raw.get("delay"), "email.retry.delay", 5.0, 0, 3600, report),
        factor=_check_number(raw.get("factor"), "email.retry.factor", 3.0, 1, 10, report),
    )


def _check_email(value: Any, base_dir: Path, report) -> EmailConfig | None:
    if value is None:
        return None
    raw = _check_mapping(value, "email", report)
    if not raw:
        return None
    _check_known(raw, "email", EMAIL_KEYS, report)
    sender = _check_address(raw.get("from"), "email.from", report)
    smtp = _check_smtp(raw.get("smtp"), base_dir, report)
    retry = _check_retry(raw.get("retry"), report)
    return EmailConfig(sender=sender or "", smtp=smtp, retry=retry)


# --- Fetching: feeds, pages and how they are downloaded --------------------------------
FETCH_KEYS = ("timeout", "max_bytes", "max_redirects", "allow_addresses", "user_agent")
SOURCE_KEYS = ("url", "outlet")


@dataclass(frozen=True)
class WebSource:
    url: str
    outlet: str | None = None  # the outlet's name when the feed or page does not give one


@dataclass(frozen=True)
class FetchConfig:
    feeds: tuple[WebSource, ...] = ()
    pages: tuple[WebSource, ...] = ()
    timeout: float = 20.0  # seconds for a whole response, connection included
    max_bytes: int = 5_000_000  # a larger response is refused, never read whole
    max_redirects: int = 5
    # Private, loopback and link-local addresses are refused unless listed here ("127.0.0.1",
    # "10.0.0.0/8"): a feed must not make briefer reach into the local network.
    allow_addresses: tuple[str, ...] = ()
    user_agent: str = "briefer (policy brief builder)"


def _check_web_sources(value: Any, key: str, report) -> tuple[WebSource, ...]:
    """A list of URLs, each a string or a mapping with `url` and `outlet`."""
    if value is None:
        return ()
    if not isinstance(value, list):
        report(f"'{key}': expected a list of http(s) URLs, got {_type_name(value)}")
        return ()
    found = []
    for index, item in enumerate(value):
        where = f"{key}[{index}]"
        raw = item if isinstance(item, dict) else {"url": item}
        _check_known(raw, where, SOURCE_KEYS, report)
        url = _check_text(raw.get("url"), f"{where}.url" if isinstance(item, dict) else where, None, report)
        if url is None:
            if raw.get("url") is None:
                report(f"'{where}': a URL is required")
            continue
        if not re.match(r"^https?://[^\s/]+", url, re.I):
            report(f"'{where}': only http:// and https:// URLs can be fetched, got {url!r}")
            continue
        found.append(WebSource(url, _check_text(raw.get("outlet"), f"{where}.outlet", None, report)))
    return tuple(found)


def _check_fetch(feeds: Any, pages: Any, value: Any, report) -> FetchConfig | None:
    import ipaddress

    raw = _check_mapping(value, "fetch", report)
    _check_known(raw, "fetch", FETCH_KEYS, report)
    allowed = raw.get("allow_addresses") or []
    if not isinstance(allowed, list):
        report(f"'fetch.allow_addresses': expected a list of addresses or networks, got {_type_name(allowed)}")
        allowed = []
    for index, address in enumerate(allowed):
        try:
            ipaddress.ip_network(str(address), strict=False)
        except ValueError:
            report(f"'fetch.allow_addresses[{index}]': not an IP address or network: {address!r}")
    return FetchConfig(
        feeds=_check_web_sources(feeds, "feeds", report),
        pages=_check_web_sources(pages, "pages", report),
        timeout=_check_number(raw.get("timeout"), "fetch.timeout", 20.0, 0.1, 600, report),
        max_bytes=_check_whole(raw.get("max_bytes"), "fetch.max_bytes", 5_000_000, 1_000, 100_000_000, report),
        max_redirects=_check_whole(raw.get("max_redirects"), "fetch.max_redirects", 5, 0, 20, report),
        allow_addresses=tuple(str(a) for a in allowed),
        user_agent=_check_text(raw.get("user_agent"), "fetch.user_agent", "briefer (policy brief builder)", report),
    )
