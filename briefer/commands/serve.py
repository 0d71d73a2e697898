"""`briefer serve`: a live local preview. The briefs are built into a temporary folder and
served on 127.0.0.1 only; when a source, the configuration, a template or an analyst's
edits file changes they are built again and open pages reload themselves. Nothing is
published to the output folder."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import logging
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from briefer.brief.edits import EDITS_NAME
from briefer.commands.build import build
from briefer.config import Config
from briefer.core.errors import BrieferError
from briefer.core.progress import progress
from briefer.core.resources import template_search_path

log = logging.getLogger(__name__)
HOST = "127.0.0.1"  # loopback only: a preview is never on the network
MAX_WATCHED_FILES = 20_000

RELOAD = b"""<script>
(function () {
  var seen = null;
  function look() {
    fetch("/_version", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (v) {
      if (seen !== null && v !== seen) { location.reload(); }
      seen = v;
    }).catch(function () {});
  }
  look(); setInterval(look, 1000);
})();
</script>
"""
MEDIA_TYPES = {".html": "text/html; charset=utf-8", ".md": "text/markdown; charset=utf-8",
               ".pdf": "application/pdf", ".json": "application/json"}


def watched_roots(config: Config | None, config_path: Path | None) -> list[Path]:
    """The configuration file, the sources and template folders and the analyst's edits
    files. (Sources at a storage URL are not watched: a change there needs a rebuild by hand.)"""
    roots: list[Path] = [config_path] if config_path else []
    if config is not None:
        roots += [*([config.sources] if isinstance(config.sources, Path) else []), *template_search_path(config.templates),
                  *sorted(config.output.glob(f"*/*/{EDITS_NAME}"))]
    return roots


def fingerprint(roots: list[Path]) -> str:
    """What a rebuild depends on: every file's name, size and time under the watched roots."""
    digest = hashlib.blake2b(digest_size=16)
    count = 0
    for root in roots:
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            count += 1
            if count > MAX_WATCHED_FILES:
                break
            try:
                status = path.stat()
            except OSError:
                continue
            digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\n".encode("utf-8", "replace"))
    return digest.hexdigest()


class Preview:
    """The latest build's files in memory, and its version (what open pages poll)."""

    def __init__(self, load: Callable[[], Config], date: dt.date | None, audiences: Sequence[str] | None):
        self.load, self.date, self.audiences = load, date, audiences
        self.lock = threading.Lock()
        self.files: dict[str, tuple[bytes, str]] = {}
        self.names: list[str] = []
        self.error: str | None = None
        self.version = 0
        self.config: Config | None = None
        self.config_path: Path | None = None
        self.built_from = ""  # the fingerprint of what the latest build read
        self.folder = Path(tempfile.mkdtemp(prefix="briefer-serve-"))

    def rebuild(self) -> None:
        files: dict[str, tuple[bytes, str]] = {}
        names: list[str] = []
        error = None
        loaded = False
        # Taken before anything is read, the configuration included: a change saved from here
        # on (while the configuration is read, or while the build runs) is a change from what
        # was built, and is rebuilt at the next look.
        roots = watched_roots(self.config, self.config_path)
        before = fingerprint(roots)
        try:
            config = self.load()
            now_watched = watched_roots(config, config.path)
            if now_watched != roots:
                # The first build, or a configuration that changed what is watched: fingerprint
                # the new roots, then read the configuration again after it, so a save made
                # meanwhile is a change from what is built.
                before = fingerprint(now_watched)
                config = self.load()
            loaded = True
            self.config, self.config_path = config, config.path
            self.built_from = before
            output = self.folder / f"build-{self.version + 1}"
            # The analyst's edits beside the real briefs apply to the preview too.
            result = build(replace(config, output=output), self.date, self.audiences, edits_root=config.output)
            for warning in result.warnings:
                log.warning("%s", warning)
            for built in result.outputs:
                names.append(built.audience)
                for path in built.paths:
                    files[f"/{built.audience}/{path.name}"] = (path.read_bytes(), MEDIA_TYPES.get(path.suffix, "application/octet-stream"))
            shutil.rmtree(output, ignore_errors=True)
        except BrieferError as exc:
            error = str(exc)
            if not loaded:  # the broken configuration as read: rebuilt once it changes again
                self.built_from = before
            log.warning("the preview was not rebuilt: %s", error)
        with self.lock:
            if error is None:
                self.files, self.names = files, names
            self.error = error
            self.version += 1

    def watched(self) -> str:
        return fingerprint(watched_roots(self.config, self.config_path))

    def page(self, path: str) -> tuple[bytes, str] | None:
        with self.lock:
            if path in ("/", "/index.html"):
                return self.index(), "text/html; charset=utf-8"
            if path == "/_version":
                return str(self.version).encode(), "text/plain; charset=utf-8"
            if path.rstrip("/") in (f"/{name}" for name in self.names):
                path = path.rstrip("/") + "/brief.html"
            found = self.files.get(path)
        if found and found[1].startswith("text/html"):
            return found[0].replace(b"</body>", RELOAD + b"</body>", 1), found[1]
        return found

    def index(self) -> bytes:
        items = "".join(f'<li><a href="/{html.escape(n)}/">{html.escape(n)}</a> '
                        f'(<a href="/{html.escape(n)}/brief.pdf">PDF</a>, '
                        f'<a href="/{html.escape(n)}/brief.md">Markdown</a>)</li>' for n in self.names)
        problem = f'<p role="alert"><strong>Not rebuilt:</strong> {html.escape(self.error)}</p>' if self.error else ""
        return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>briefer preview</title>'
                f'</head><body><main><h1>briefer preview</h1>{problem}<ul>{items}</ul></main>'
                f'</body></html>').encode("utf-8").replace(b"</body>", RELOAD + b"</body>", 1)


def _handler(preview: Preview):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            found = preview.page(self.path.split("?", 1)[0])
            if found is None:
                self.send_error(HTTPStatus.NOT_FOUND)
                return
            body, media_type = found
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):  # requests are not news
            log.debug(format, *args)

    return Handler


def serve(load: Callable[[], Config], date: dt.date | None = None, audiences: Sequence[str] | None = None,
          port: int = 8000, interval: float = 1.0, stop: threading.Event | None = None,
          announce: Callable[[str], None] = lambda url: print(f"serving {url} (Ctrl-C to stop)", flush=True)) -> None:
    """Build, serve on 127.0.0.1:port (0: a free port), rebuild on change until stopped."""
    preview = Preview(load, date, audiences)
    preview.rebuild()
    if preview.error and not preview.names:
        shutil.rmtree(preview.folder, ignore_errors=True)
        raise BrieferError(preview.error)
    try:
        server = ThreadingHTTPServer((HOST, port), _handler(preview))
    except OSError as exc:
        shutil.rmtree(preview.folder, ignore_errors=True)
        raise BrieferError(f"cannot serve on {HOST}:{port}: {exc.strerror or exc}") from None
    server.daemon_threads = True
    server.block_on_close = False  # a page still being sent does not hold up the stop
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    announce(f"http://{HOST}:{server.server_address[1]}/")
    stop = stop or threading.Event()
    interrupted = _Interrupt()
    try:
        while not stop.wait(max(0.05, interval)) and not interrupted.is_set():
            if preview.watched() != preview.built_from:
                progress("a source, the configuration or a template changed: rebuilding")
                preview.rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        interrupted.restore()
        server.shutdown()
        server.server_close()
        shutil.rmtree(preview.folder, ignore_errors=True)


class _Interrupt:
    """Ctrl-C, as a flag the preview's loop reads between builds: the build under way ends
    whole (an interrupt inside a build leaves its work half-done), and a second Ctrl-C stops
    at once. The handler only sets a flag: setting an Event there could wait for the lock
    the interrupted wait holds."""

    def __init__(self):
        self.count = 0
        self.previous = None
        # only the main thread handles signals; an interrupt ignored (a background job) stays so
        if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) not in (
                signal.SIG_IGN, None):
            self.previous = signal.signal(signal.SIGINT, self.handle)

    def handle(self, signum, frame):
        self.count += 1
        if self.count > 1:
            raise KeyboardInterrupt

    def is_set(self) -> bool:
        return self.count > 0

    def restore(self) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
            self.previous = None
