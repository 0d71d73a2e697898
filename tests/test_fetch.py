"""`briefer fetch` against a real HTTP server on 127.0.0.1 (a thread, stopped after each test):
new articles, nothing twice with conditional requests, and every way a fetch can go wrong
leaving the sources folder without a half-written file."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from briefer.commands.fetch import RECORD_NAME, fetch, slug
from briefer.config import parse_config
from briefer.sources.ingest import read_articles

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>{base}/</link>
<item><title>Port authority delays dredging</title><link>{base}/dredging</link>
<pubDate>Wed, 12 Nov 2025 08:00:00 GMT</pubDate>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>The port authority said on
Tuesday that dredging of the main channel would be delayed until March.</p><p>Shipping firms said the delay
would cost them money.</p>]]></content:encoded></item>
<item><title>Ferry fares to rise</title><link>{base}/fares</link>
<pubDate>Tue, 11 Nov 2025 08:00:00 GMT</pubDate>
<description>Ferry fares will rise in January.</description></item>
</channel></rss>
"""
FARES_PAGE = """<html><head><title>Ferry fares to rise</title><meta property="og:site_name" content="Harbour Gazette">
</head><body><article><h1>Ferry fares to rise</h1>
<p>Ferry fares will rise by five percent in January, the operator announced on Monday, citing fuel costs.</p>
<p>Commuters' groups said the increase would hit island residents hardest and asked the council to step in.</p>
<p>The operator said it had held fares steady for three years and that the rise was the smallest possible.</p>
</article></body></html>"""
PAGE = """<html><head><title>Council approves harbour budget</title>
<meta property="article:published_time" content="2025-11-10T09:00:00Z"></head><body><article>
<h1>Council approves harbour budget</h1>
<p>The city council approved the harbour budget on Monday after a debate that ran late into the night.</p>
<p>The budget sets aside money for new berths, a sea wall and the dredging of the main channel next year.</p>
<p>Opposition members said the plan leaned too heavily on borrowing and would burden future councils.</p>
</article></body></html>"""
BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
<rss version="2.0"><channel><title>&lol2;</title><item><title>&lol2;</title><description>&lol2;</description></item></channel></rss>
"""


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        server = self.server
        server.requests.append((self.path, dict(self.headers)))
        route = server.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        status, headers, body, delay = route
        if delay:
            time.sleep(delay)
        if status == 200 and headers.get("ETag") and self.headers.get("If-None-Match") == headers["ETag"]:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if callable(body):  # streamed without a Content-Length
            self.end_headers()
            try:
                for chunk in body():
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False


@pytest.fixture
def server():
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.requests, httpd.routes = [], {}
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd, base
    httpd.shutdown()
    httpd.server_close()


def serve(httpd, path, body, status=200, delay=0.0, **headers):
    httpd.routes[path] = (status, {"Content-Type": "text/html; charset=utf-8", **headers}, body, delay)


def configure(tmp_path, feeds=(), pages=(), **fetch_settings):
    sources = tmp_path / "sources"
    sources.mkdir(exist_ok=True)
    settings = {"allow_addresses": ["127.0.0.1"], "timeout": 5, **fetch_settings}
    return parse_config({"sources": str(sources), "feeds": list(feeds), "pages": list(pages), "fetch": settings},
                        None, tmp_path)


def run(config):
    lines, warnings = [], []
    result = fetch(config, lines.append, warnings.append)
    return result, lines, warnings


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def leftovers(folder: Path) -> list[str]:
    """Temporary files of an interrupted write (the record itself is the only hidden file)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != RECORD_NAME)


def test_fetch_saves_each_entry_and_page_with_front_matter_then_nothing_twice(tmp_path, server):
    httpd, base = server
    serve(httpd, "/feed.xml", FEED.format(base=base), ETag='"v1"', **{"Content-Type": "application/rss+xml"})
    serve(httpd, "/fares", FARES_PAGE)
    serve(httpd, "/budget", PAGE)
    config = configure(tmp_path, feeds=[f"{base}/feed.xml"], pages=[{"url": f"{base}/budget", "outlet": "City Desk"}])
    result, lines, warnings = run(config)
    folder = config.sources
    assert visible(folder) == ["2025-11-10-council-approves-harbour-budget.txt",
                               "2025-11-11-ferry-fares-to-rise.txt", "2025-11-12-port-authority-delays-dredging.txt"]
    assert lines == [f"feed {base}/feed.xml: 2 new", f"page {base}/budget: 1 new"]
    assert warnings == [] and result.failed == []
    text = (folder / "2025-11-11-ferry-fares-to-rise.txt").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] == "Ferry fares to rise" and meta["outlet"] == "Harbour Gazette"
    assert str(meta["date"]) == "2025-11-11" and meta["url"] == f"{base}/fares" and meta["fetched_at"]
    # The feed had only a teaser: the entry's page was read for the article.
    assert "island residents hardest" in text
    budget = (folder / "2025-11-10-council-approves-harbour-budget.txt").read_text(encoding="utf-8")
    assert "outlet: City Desk" in budget and "burden future councils" in budget
    # What was saved is what a build reads.
    articles = read_articles(folder).articles
    assert {a.outlet for a in articles} == {"Harbour Gazette", "City Desk"}
    assert all(a.date for a in articles)

    httpd.requests.clear()
    again, lines, _ = run(config)
    assert again.saved == [] and visible(folder) == sorted(visible(folder))
    assert len(visible(folder)) == 3
    assert lines == [f"feed {base}/feed.xml: not modified", f"page {base}/budget: already fetched"]
    feed_requests = [headers for path, headers in httpd.requests if path == "/feed.xml"]
    assert feed_requests and feed_requests[0].get("If-None-Match") == '"v1"'  # a conditional request
    assert [path for path, _ in httpd.requests] == ["/feed.xml"]  # no page fetched again


def test_a_changed_feed_brings_only_its_new_entries(tmp_path, server):
    httpd, base = server
    serve(httpd, "/feed.xml", FEED.format(base=base), **{"Last-Modified": "Wed, 12 Nov 2025 08:00:00 GMT"})
    serve(httpd, "/fares", FARES_PAGE)
    config = configure(tmp_path, feeds=[f"{base}/feed.xml"])
    run(config)
    extra = FEED.format(base=base).replace("<item>", "<item><title>Pilots strike</title><link>"
                                           f"{base}/pilots</link><description>Harbour pilots walked out on "
                                           "Thursday over pay, halting traffic in the port.</description></item><item>", 1)
    serve(httpd, "/feed.xml", extra)
    httpd.requests.clear()
    result, lines, _ = run(config)
    assert [p.name for p in result.saved] == ["undated-pilots-strike.txt"]
    assert lines == [f"feed {base}/feed.xml: 1 new, 2 already fetched"]
    assert httpd.requests[0][1].get("If-Modified-Since") == "Wed, 12 Nov 2025 08:00:00 GMT"


def test_a_slow_server_times_out_and_writes_nothing(tmp_path, server):
    httpd, base = server
    serve(httpd, "/feed.xml", FEED.format(base=base), delay=2.0)
    config = configure(tmp_path, feeds=[f"{base}/feed.xml"], timeout=0.3)
    result, lines, _ = run(config)
    assert result.failed == [f"{base}/feed.xml: timed out after 0.3 s"]
    assert lines == [f"feed {base}/feed.xml: failed: timed out after 0.3 s"]
    assert visible(config.sources) == [] and leftovers(config.sources) == []


@pytest.mark.parametrize("streamed", [False, True])
def test_a_huge_response_is_refused_without_reading_it_whole(tmp_path, server, streamed):
    httpd, base = server
    sent = []

    def endless():
        for _ in range(2000):  # 2000 x 10 kB: far more than the cap, with no Content-Length
            sent.append(1)
            yield b"<p>" + b"x" * 10_000 + b"</p>"

    serve(httpd, "/big", endless if streamed else "<p>" + "x" * 2_000_000 + "</p>")
    config = configure(tmp_path, pages=[f"{base}/big"], max_bytes=50_000)
    result, lines, _ = run(config)
    assert len(result.failed) == 1 and "response too large" in result.failed[0]
    assert "limit is 50,000" in result.failed[0] or "over 50,000 bytes" in result.failed[0]
    assert visible(config.sources) == [] and leftovers(config.sources) == []


def test_a_redirect_to_a_private_address_is_refused(tmp_path, server):
    httpd, base = server
    serve(httpd, "/feed.xml", "", status=302, Location="http://10.11.12.13/feed.xml")
    config = configure(tmp_path, feeds=[f"{base}/feed.xml"])
    result, _, _ = run(config)
    assert len(result.failed) == 1
    assert "private or local address (10.11.12.13); refused" in result.failed[0]
    assert visible(config.sources) == []


def test_loopback_is_refused_unless_the_config_allows_it(tmp_path, server):
    httpd, base = server
    serve(httpd, "/feed.xml", FEED.format(base=base))
    config = configure(tmp_path, feeds=[f"{base}/feed.xml"], allow_addresses=[])
    result, _, _ = run(config)
    assert "private or local address (127.0.0.1)" in result.failed[0]
    assert httpd.requests == []  # refused before any connection


def test_too_many_redirects(tmp_path, server):
    httpd, base = server
    serve(httpd, "/loop", "", status=301, Location="/loop")
    config = configure(tmp_path, pages=[f"{base}/loop"], max_redirects=3)
    result, _, _ = run(config)
    assert result.failed == [f"{base}/loop: more than 3 redirects"]
    assert len(httpd.requests) == 4


def test_a_malformed_feed_is_a_clear_failure(tmp_path, server):
    httpd, base = server
    serve(httpd, "/feed.xml", "<html><body><p>Not a feed at all, <b>broken</p></body>")
    serve(httpd, "/bad.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>'
                             "Harbour pilots strike</title><description>Pilots walked out on Thursday over pay.")
    config = configure(tmp_path, feeds=[f"{base}/feed.xml", f"{base}/bad.xml"])
    result, lines, warnings = run(config)
    assert lines[0].startswith(f"feed {base}/feed.xml: failed: ")
    assert "not an RSS or Atom feed" in lines[0] or "not a readable RSS or Atom feed" in lines[0]
    # A truncated feed: what could be read is read, and the warning says the feed is broken.
    assert any("not well-formed" in w for w in warnings)
    assert all(name.endswith(".txt") for name in visible(config.sources))


def test_an_xml_bomb_is_refused_not_expanded(tmp_path, server):
    httpd, base = server
    serve(httpd, "/bomb.xml", BOMB)
    config = configure(tmp_path, feeds=[f"{base}/bomb.xml"])
    result, _, _ = run(config)
    assert len(result.failed) == 1 and "declares XML entities" in result.failed[0]
    assert visible(config.sources) == []


def test_fetch_from_the_command_line_prints_one_line_per_feed(tmp_path, server, cli):
    httpd, base = server
    serve(httpd, "/feed.xml", FEED.format(base=base))
    serve(httpd, "/fares", FARES_PAGE)
    (tmp_path / "sources").mkdir()
    (tmp_path / "config.yaml").write_text(yaml.safe_dump({
        "sources": "sources", "feeds": [f"{base}/feed.xml", f"{base}/missing.xml"],
        "fetch": {"allow_addresses": ["127.0.0.1"], "timeout": 5}}), encoding="utf-8")
    result = cli("fetch", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"feed {base}/feed.xml: 2 new",
                                          f"feed {base}/missing.xml: failed: HTTP 404 Not Found"]
    assert f"briefer: warning: {base}/missing.xml: HTTP 404 Not Found" in result.stderr
    assert "Traceback" not in result.stderr


def test_nothing_configured_is_an_input_error(tmp_path, cli):
    (tmp_path / "sources").mkdir()
    (tmp_path / "config.yaml").write_text("sources: sources\n", encoding="utf-8")
    result = cli("fetch", cwd=tmp_path)
    assert result.returncode == 2 and "nothing to fetch" in result.stderr


def test_slug():
    assert slug("Café owners: “We’re worried” — 2025 survey!") == "cafe-owners-were-worried-2025-survey"
    assert slug("!!!") == "article"
