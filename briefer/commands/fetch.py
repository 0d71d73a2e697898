"""`briefer fetch`: download the configured feeds and pages into the sources folder.

Each new article becomes `YYYY-MM-DD-slug.txt` (`undated-slug.txt` when nothing dates it) with
front matter recording what was learned: title, outlet, date, URL and when it was fetched. A
feed entry that carries only a summary has its page fetched and read when that is allowed.

Safety: http and https only; every address a URL resolves to, redirects included, must be
public unless `fetch.allow_addresses` lists it; at most `fetch.max_redirects` redirects; a
response larger than `fetch.max_bytes` is refused without being read whole; the whole response
must arrive within `fetch.timeout` seconds. Feeds refuse XML entity declarations (feeds.py).

A record in the sources folder (`.briefer-fetch.json`, hidden from ingest) keeps each URL's
ETag and Last-Modified for conditional requests and every article already saved, so nothing
is fetched or written twice. Files and the record are written atomically: an interrupted
fetch leaves no half-written file.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import re
import socket
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from briefer.config import Config, FetchConfig, WebSource
from briefer.core.errors import BrieferError, InputError
from briefer.core.locations import StorageURL
from briefer.output.publish import write_atomically
from briefer.sources.feeds import Entry, parse_feed
from briefer.sources.html import extract_page
from briefer.sources.ingest import decode

RECORD_NAME = ".briefer-fetch.json"
SLUG_MAX_CHARS = 60
REDIRECTS = (301, 302, 303, 307, 308)


class FetchError(BrieferError):
    """One URL could not be fetched; the others still are."""

    exit_status = 1


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 when not modified
    body: bytes
    etag: str | None
    last_modified: str | None


@dataclass
class FetchReport:
    saved: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one line per feed or page that failed
    sources: int = 0  # feeds and pages tried


# --- Addresses and HTTP -----------------------------------------------------------------

def _allowed_networks(settings: FetchConfig):
    return [ipaddress.ip_network(a, strict=False) for a in settings.allow_addresses]


def check_address(url: str, settings: FetchConfig) -> None:
    """Refuse a URL that is not http(s) or whose host resolves to a private, loopback,
    link-local or otherwise non-public address (unless configured as allowed)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs are fetched")
    host = parts.hostname
    if not host:
        raise FetchError(f"{url}: no host in the URL")
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise FetchError(f"{url}: cannot resolve {host} ({exc})") from None
    allowed = _allowed_networks(settings)
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if any(address in network for network in allowed):
            continue
        if not address.is_global or address.is_multicast:
            raise FetchError(f"{url}: {host} is a private or local address ({address}); refused "
                             "(list it in fetch.allow_addresses to allow it)")


def http_get(client, url: str, settings: FetchConfig, etag: str | None = None,
             last_modified: str | None = None) -> Response:
    """GET with conditional headers, checked redirects, a size cap and an overall deadline."""
    import httpx

    deadline = time.monotonic() + settings.timeout
    headers = {"User-Agent": settings.user_agent, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    for _ in range(settings.max_redirects + 1):
        check_address(url, settings)
        try:
            with client.stream("GET", url, headers=headers) as response:
                if response.status_code in REDIRECTS:
                    location = response.headers.get("Location")
                    if not location:
                        raise FetchError(f"{url}: redirect without a Location")
                    url = urljoin(url, location)
                    continue
                if response.status_code == 304:
                    return Response(url, 304, b"", etag, last_modified)
                if response.status_code != 200:
                    raise FetchError(f"{url}: HTTP {response.status_code} {response.reason_phrase}".rstrip())
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > settings.max_bytes:
                    raise FetchError(f"{url}: response too large ({int(declared):,} bytes; "
                                     f"the limit is {settings.max_bytes:,})")
                chunks, size = [], 0
                for chunk in response.iter_raw():
                    size += len(chunk)
                    if size > settings.max_bytes:
                        raise FetchError(f"{url}: response too large (over {settings.max_bytes:,} bytes); not read further")
                    if time.monotonic() > deadline:
                        raise FetchError(f"{url}: timed out after {settings.timeout:g} s")
                    chunks.append(chunk)
                return Response(url, 200, b"".join(chunks), response.headers.get("ETag"),
                                response.headers.get("Last-Modified"))
        except httpx.TimeoutException:
            raise FetchError(f"{url}: timed out after {settings.timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None
    raise FetchError(f"{url}: more than {settings.max_redirects} redirects")


# --- The record of what was fetched ---------------------------------------------------

def load_record(folder: Path) -> dict:
    path = folder / RECORD_NAME
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"urls": {}, "saved": {}}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: the fetch record cannot be read ({exc}); move it aside to start afresh") from None
    if not isinstance(record, dict):
        raise InputError(f"{path}: the fetch record is not a JSON object; move it aside to start afresh")
    record.setdefault("urls", {})
    record.setdefault("saved", {})
    return record


def save_record(folder: Path, record: dict) -> None:
    write_atomically(folder / RECORD_NAME, json.dumps(record, indent=1, sort_keys=True).encode("utf-8"))


# --- Writing articles -----------------------------------------------------------------

def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", plain)
    cut = "-".join(words)[:SLUG_MAX_CHARS].rstrip("-")
    return cut or "article"


def article_text(title: str | None, outlet: str | None, date: dt.date | None, url: str | None,
                 fetched_at: dt.datetime, paragraphs: tuple[str, ...]) -> str:
    meta = {key: value for key, value in (("title", title), ("outlet", outlet), ("date", date), ("url", url))
            if value}
    meta["fetched_at"] = fetched_at.isoformat(timespec="seconds")
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n" + "\n\n".join(paragraphs) + "\n"


def write_article(folder: Path, title: str | None, outlet: str | None, date: dt.date | None, url: str | None,
                  paragraphs: tuple[str, ...], fetched_at: dt.datetime) -> Path:
    stem = f"{date.isoformat() if date else 'undated'}-{slug(title or url or 'article')}"
    path = folder / f"{stem}.txt"
    number = 2
    while path.exists():
        path = folder / f"{stem}-{number}.txt"
        number += 1
    write_atomically(path, article_text(title, outlet, date, url, fetched_at, paragraphs).encode("utf-8"))
    return path


# --- Feeds and pages --------------------------------------------------------------------

def _get(client, url: str, settings: FetchConfig, record: dict) -> Response:
    known = record["urls"].get(url, {})
    response = http_get(client, url, settings, known.get("etag"), known.get("last_modified"))
    if response.status == 200:
        record["urls"][url] = {key: value for key, value in
                               (("etag", response.etag), ("last_modified", response.last_modified)) if value}
    return response


def _text(response: Response) -> str:
    decoded = decode(response.body)
    if decoded.text is None:
        raise FetchError(f"{response.url}: {decoded.note}")
    return decoded.text


def _entry_key(entry: Entry) -> str:
    return entry.url or f"{entry.title}|{entry.date}"


def fetch_feed(client, source: WebSource, settings: FetchConfig, folder: Path, record: dict,
               now: dt.datetime, warn: Callable[[str], None]) -> tuple[list[Path], str]:
    response = _get(client, source.url, settings, record)
    if response.status == 304:
        return [], "not modified"
    try:
        feed = parse_feed(_text(response), source.url)
    except InputError as exc:
        raise FetchError(str(exc)) from None
    if feed.problem:
        warn(f"{source.url}: the feed is not well-formed ({feed.problem}); its entries were read as far as possible")
    outlet = source.outlet or feed.title
    saved, already = [], 0
    for entry in feed.entries:
        key = _entry_key(entry)
        if key in record["saved"]:
            already += 1
            continue
        paragraphs = entry.paragraphs
        if entry.only_summary and entry.url:  # the page holds the article; the feed only a teaser
            try:
                page = extract_page(_text(http_get(client, entry.url, settings)))
                if len(" ".join(page.paragraphs).split()) > len(" ".join(paragraphs).split()):
                    paragraphs = page.paragraphs
            except FetchError as exc:
                warn(f"{exc} (kept the feed's summary)")
        if not paragraphs:
            warn(f"{source.url}: entry {entry.title or key!r} has no text; left out")
            continue
        path = write_article(folder, entry.title, outlet, entry.date, entry.url, paragraphs, now)
        record["saved"][key] = path.name
        saved.append(path)
    return saved, f"{len(saved)} new" + (f", {already} already fetched" if already else "")


def fetch_page(client, source: WebSource, settings: FetchConfig, folder: Path, record: dict,
               now: dt.datetime) -> tuple[list[Path], str]:
    if source.url in record["saved"]:
        return [], "already fetched"
    response = _get(client, source.url, settings, record)
    if response.status == 304:
        return [], "not modified"
    page = extract_page(_text(response))
    if not page.paragraphs:
        raise FetchError(f"{source.url}: no article text found on the page")
    path = write_article(folder, page.title, source.outlet or page.site, page.date, page.url or source.url,
                         page.paragraphs, now)
    record["saved"][source.url] = path.name
    return [path], "1 new"


def fetch(config: Config, report: Callable[[str], None], warn: Callable[[str], None],
          now: dt.datetime | None = None) -> FetchReport:
    """Fetch every configured feed and page; one progress line each through `report`."""
    import httpx

    settings = config.fetch or FetchConfig()
    if not settings.feeds and not settings.pages:
        raise InputError("nothing to fetch: list feed URLs under 'feeds:' or page URLs under 'pages:' in the configuration")
    folder = config.sources
    if isinstance(folder, StorageURL):
        raise InputError(f"'sources' is a storage URL ({folder}): briefer fetch saves into a folder on this machine; "
                         "fetch into one and copy it to the storage")
    if not folder.is_dir():
        raise InputError(f"sources folder not found: {folder}")
    record = load_record(folder)
    now = now or dt.datetime.now(dt.timezone.utc)
    result = FetchReport(sources=len(settings.feeds) + len(settings.pages))
    timeout = httpx.Timeout(settings.timeout)
    with httpx.Client(follow_redirects=False, timeout=timeout, trust_env=False) as client:
        for kind, sources in (("feed", settings.feeds), ("page", settings.pages)):
            for source in sources:
                try:
                    if kind == "feed":
                        saved, summary = fetch_feed(client, source, settings, folder, record, now, warn)
                    else:
                        saved, summary = fetch_page(client, source, settings, folder, record, now)
                except FetchError as exc:
                    result.failed.append(str(exc))
                    report(f"{kind} {source.url}: failed: {str(exc).removeprefix(source.url + ': ')}")
                    continue
                result.saved.extend(saved)
                save_record(folder, record)  # after each source: an interruption loses nothing saved
                report(f"{kind} {source.url}: {summary}")
    save_record(folder, record)
    return result
