"""No fetching while rendering: WeasyPrint reads only files inside the template folders.

A local HTTP server records every request; templates and article text point at it (CSS,
images, stylesheets, attachments, objects) and at files outside the templates. The build
must send it nothing, refuse and log each URL, and still read the template's own files.
"""

from __future__ import annotations

import logging
import os
import struct
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pypdf
import pytest

from briefer.commands.build import build
from briefer.config import load_config
from briefer.output.render import template_only_fetcher
from support import PLAIN_ARTICLES, make_project, only_output


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


class Recorder(BaseHTTPRequestHandler):
    def answer(self):
        self.server.requests.append((self.command, self.path))
        body = tiny_png()
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_HEAD = do_POST = answer

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def hostile_templates(tmp_path, url: str) -> dict[str, str]:
    """Point the copied default templates at the server and at files outside; return the URLs."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(tiny_png())
    (outside / "secret.txt").write_text("top secret attachment")
    default = tmp_path / "templates" / "default"
    (default / "inside.png").write_bytes(tiny_png())
    os.symlink(outside / "secret.png", default / "link_out.png")
    refused = {
        "stylesheet": f"{url}/sheet.css",
        "attachment link": f"{url}/attachment.pdf",
        "attachment anchor": f"{url}/anchor-attachment.txt",
        "image": f"{url}/logo.png",
        "object": f"{url}/object.svg",
        "embed": f"{url}/embed.svg",
        "css import": f"{url}/import.css",
        "css background": f"{url}/background.png",
        "css font": f"{url}/font.woff",
        "css content": f"{url}/content.png",
        "markdown image": f"{url}/markdown.png",
        "https": "https://127.0.0.1:1/https.png",
        "data": "data:image/png;base64,iVBORw0KGgo=",
        "file elsewhere": "file:///etc/passwd",
        "file outside": (outside / "secret.txt").as_uri(),
        "file on a host": f"file://127.0.0.1{outside / 'secret.png'}",
        "dot-dot": (outside / "secret.png").as_uri(),  # "../../outside/secret.png", made absolute
        "symlink out": (default / "link_out.png").as_uri(),
    }
    html = (default / "brief.html.j2").read_text()
    html = html.replace("<style>", (
        f'<link rel="stylesheet" href="{refused["stylesheet"]}">\n'
        f'<link rel="attachment" href="{refused["attachment link"]}">\n'
        f'<link rel="attachment" href="{refused["file outside"]}">\n'
        f'<style>@import url("{refused["css import"]}");</style>\n<style>'
    ))
    html = html.replace('<main class="brief">', (
        '<main class="brief">\n'
        f'<img src="{refused["image"]}"><img src="inside.png"><img src="../../outside/secret.png">\n'
        f'<img src="{refused["https"]}"><img src="{refused["data"]}"><img src="{refused["file elsewhere"]}">\n'
        f'<img src="{refused["file on a host"]}"><img src="link_out.png">\n'
        f'<a rel="attachment" href="{refused["attachment anchor"]}">attached</a>\n'
        f'<object data="{refused["object"]}"></object><embed src="{refused["embed"]}">\n'
    ))
    (default / "brief.html.j2").write_text(html)
    with open(default / "style.css.j2", "a") as css:
        css.write(
            f'@font-face {{ font-family: Remote; src: url("{refused["css font"]}"); }}\n'
            f'body {{ background: url("{refused["css background"]}"); }}\n'
            f'h1::before {{ content: url("{refused["css content"]}"); }}\n'
            'h1 { font-family: Remote, sans-serif; }\n'
        )
    with open(default / "brief.md.j2", "a") as markdown:
        markdown.write(f'\n![logo]({refused["markdown image"]})\n')
    return refused


def test_rendering_sends_no_request_and_refuses_every_outside_url(tmp_path, server, caplog):
    httpd, url = server
    article = (f'Ministers met in Corvo to sign <img src="{url}/article.png"> a port deal today.\n\n'
               f"Officials said ![pixel]({url}/article-markdown.png) the talks went well on Monday.\n")
    config = make_project(tmp_path, {**PLAIN_ARTICLES, "003_links.txt": article})
    refused = hostile_templates(tmp_path, url)
    with caplog.at_level(logging.WARNING, logger="briefer.output.render"):
        result = only_output(build(load_config(config)))

    assert httpd.requests == []
    logged = [r.getMessage() for r in caplog.records if r.name == "briefer.output.render"]
    for what, refused_url in refused.items():
        expected = f"refused to fetch {refused_url} while rendering the PDF"
        assert any(m.startswith(expected) for m in logged), what
    assert len(logged) == len(set(logged))  # each URL logged once, however many fitting attempts

    reader = pypdf.PdfReader(result.folder / "brief.pdf")
    assert reader.attachments == {}
    images = [x for x in reader.pages[0]["/Resources"].get("/XObject", {}).values()
              if x.get_object().get("/Subtype") == "/Image"]
    assert len(images) == 1  # inside.png, the template's own file, was read
    text = reader.pages[0].extract_text()
    assert f"{url}/article.png" in "".join(text.split())  # article URLs are printed, never fetched


def test_the_server_would_see_a_default_weasyprint_fetch(server):
    # Control: the same kind of reference does reach the server without briefer's fetcher.
    import weasyprint

    httpd, url = server
    weasyprint.HTML(string=f'<img src="{url}/logo.png">').render()
    assert httpd.requests == [("GET", "/logo.png")]


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "http://127.0.0.1:1/x.css", "ftp://example.org/x", "data:text/css,body{}",
    "file:///nonexistent/templates/default/x.css", "file://server/share/x.css", "javascript:alert(1)",
    "file:///%00", "",
])
def test_the_fetcher_refuses_anything_but_template_files(tmp_path, url):
    (tmp_path / "templates" / "default").mkdir(parents=True)
    (tmp_path / "templates" / "default" / "style.css").write_text("body {}")
    fetcher = template_only_fetcher(tmp_path / "templates")
    with pytest.raises(ValueError, match="briefer does not fetch"):
        fetcher.fetch(url)
    inside = (tmp_path / "templates" / "default" / "style.css").as_uri()
    assert fetcher.fetch(inside + "?v=1").read() == b"body {}"
