"""`briefer serve`: a live preview on 127.0.0.1 that rebuilds when a source changes."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request

from support import PYTHON, ROOT, make_project

TIMEOUT = 120  # seconds; the server is stopped by the test whatever happens


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (a loopback URL)
        return response.read().decode("utf-8")


def test_serve_builds_serves_and_rebuilds_on_a_changed_source(tmp_path):
    config = make_project(tmp_path)
    server = subprocess.Popen(
        [PYTHON, "-m", "briefer", "serve", "--config", str(config), "--port", "0", "--interval", "0.2"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        assert line.startswith("serving http://127.0.0.1:"), (line, server.poll())
        url = line.split()[1]
        assert "default" in fetch(url)
        page = fetch(url + "default/")
        assert "Corvo" in page and "Zembla" not in page and "<script>" in page  # the reload script
        version = fetch(url + "_version")

        for article in (tmp_path / "sources").iterdir():  # each replaced whole, as an editor saves
            changed = article.with_name(".changed")
            changed.write_text(article.read_text(encoding="utf-8").replace("Corvo", "Zembla"), encoding="utf-8")
            changed.replace(article)
        deadline = time.monotonic() + TIMEOUT
        while fetch(url + "_version") == version or "Zembla" not in fetch(url + "default/"):
            assert time.monotonic() < deadline, "no rebuild after the sources changed"
            time.sleep(0.2)
        page = fetch(url + "default/")
        assert "Zembla" in page and "Corvo" not in page
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert server.returncode == 0, server.stderr.read()
