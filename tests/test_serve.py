"""`briefer serve`: a live preview on 127.0.0.1 that rebuilds when a source changes."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import time
import urllib.request

from support import PYTHON, ROOT, make_project

TIMEOUT = 120  # seconds; the server is stopped by the test whatever happens


def replace_file(path, text: str) -> None:
    """Write a config whole, as an editor saving it does: a server polling every 0.1 s must never
    read it half written (an empty file is a valid config of defaults, not the edit being tested)."""
    part = path.with_name(path.name + ".part")
    part.write_text(text, encoding="utf-8")
    part.replace(path)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (a loopback URL)
        return response.read().decode("utf-8")


def test_serve_builds_serves_and_rebuilds_on_a_changed_source(tmp_path):
    config = make_project(tmp_path)
    # Ctrl-C reaches the preview as in a terminal, even when the tests run as a background job
    # of a shell without job control, whose children inherit an ignored SIGINT.
    as_in_a_terminal = ("import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
                        "sys.argv[0] = 'briefer'; runpy.run_module('briefer', run_name='__main__')")
    server = subprocess.Popen(
        [PYTHON, "-c", as_in_a_terminal, "serve", "--config", str(config), "--port", "0", "--interval", "0.2"],
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
            server.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert server.returncode == 0, server.stderr.read()


def test_a_config_change_rebuilds_and_a_broken_config_keeps_the_last_good_preview(tmp_path):
    import threading

    from briefer.commands.serve import serve
    from briefer.config import load_config

    config = make_project(tmp_path)
    stop, urls = threading.Event(), []
    # A fixed date: the articles are undated, so each build would take today's, and a rebuild
    # after midnight would look for the edits below beside another day's brief.
    server = threading.Thread(target=serve, daemon=True, kwargs=dict(
        load=lambda: load_config(config), date=dt.date(2025, 11, 1), port=0, interval=0.1, stop=stop,
        announce=urls.append))
    server.start()
    try:
        deadline = time.monotonic() + TIMEOUT
        while not urls:
            assert time.monotonic() < deadline and server.is_alive(), "the preview did not start"
            time.sleep(0.1)
        url = urls[0]
        assert url.startswith("http://127.0.0.1:")

        def wait_for(check):  # each change gets the whole timeout: a loaded machine rebuilds slowly
            until = time.monotonic() + TIMEOUT
            while not check():
                assert time.monotonic() < until, "the preview did not change"
                time.sleep(0.1)

        replace_file(config, config.read_text(encoding="utf-8").replace("Port talks brief", "Harbour brief"))
        wait_for(lambda: "Harbour brief" in fetch(url + "default/"))
        # The analyst's edits beside the real brief show in the preview.
        import json

        date = json.loads(fetch(url + "default/brief.json"))["date"]
        edits = tmp_path / "out" / date / "default" / "edits.yaml"
        edits.parent.mkdir(parents=True)
        edits.write_text("add: [{section: assessment, text: Watch the fleets.}]\n", encoding="utf-8")
        wait_for(lambda: "Watch the fleets." in fetch(url + "default/"))
        replace_file(config, "title: [unclosed\n")
        wait_for(lambda: "Not rebuilt" in fetch(url))
        assert "Harbour brief" in fetch(url + "default/")  # the last good brief stays up
    finally:
        stop.set()
        server.join(timeout=TIMEOUT)
    assert not server.is_alive()


def test_a_change_saved_while_a_build_runs_is_built_next(tmp_path, monkeypatch):
    """The preview compares the files with what its latest build read, not with what they
    were once that build ended: a save during a build is never taken as seen."""
    from briefer.commands import serve as serving
    from briefer.config import load_config

    config = make_project(tmp_path)
    real_build = serving.build

    def build_while_the_analyst_saves(*args, **kwargs):
        result = real_build(*args, **kwargs)
        replace_file(config, config.read_text(encoding="utf-8").replace("Port talks brief", "Harbour brief"))
        return result

    preview = serving.Preview(lambda: load_config(config), None, None)
    try:
        monkeypatch.setattr(serving, "build", build_while_the_analyst_saves)
        preview.rebuild()
        assert preview.watched() != preview.built_from  # the next look rebuilds
        monkeypatch.setattr(serving, "build", real_build)
        preview.rebuild()
        assert preview.watched() == preview.built_from
        assert b"Harbour brief" in preview.page("/default/")[0]
        replace_file(config, "title: [unclosed\n")
        preview.rebuild()
        assert preview.error and preview.watched() == preview.built_from  # not rebuilt again until it changes
        assert b"Harbour brief" in preview.page("/default/")[0]
    finally:
        import shutil

        shutil.rmtree(preview.folder, ignore_errors=True)


def test_a_config_saved_while_it_is_read_is_built_next(tmp_path):
    """An editor that truncates and rewrites config.yaml may be read half-way: the
    fingerprint is taken before the configuration is read, so the finished save is new."""
    from briefer.commands import serve as serving
    from briefer.config import load_config

    config = make_project(tmp_path)
    preview = serving.Preview(lambda: load_config(config), None, None)

    def read_then_saved():
        loaded = load_config(config)  # what this build uses: the old title
        replace_file(config, config.read_text(encoding="utf-8").replace("Port talks brief", "Harbour brief"))
        return loaded

    try:
        preview.rebuild()
        preview.load = read_then_saved
        preview.rebuild()
        assert preview.watched() != preview.built_from  # the next look rebuilds
    finally:
        import shutil

        shutil.rmtree(preview.folder, ignore_errors=True)


def test_ctrl_c_stops_the_preview_between_builds_and_twice_at_once():
    import signal

    import pytest

    from briefer.commands.serve import _Interrupt

    before = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, even in a background job
    interrupt = _Interrupt()  # the main thread: it handles SIGINT now
    try:
        assert signal.getsignal(signal.SIGINT) == interrupt.handle and not interrupt.is_set()
        interrupt.handle(signal.SIGINT, None)  # the first: a flag the loop reads after the build under way
        assert interrupt.is_set()
        with pytest.raises(KeyboardInterrupt):  # the second: at once
            interrupt.handle(signal.SIGINT, None)
    finally:
        interrupt.restore()
    assert signal.getsignal(signal.SIGINT) == signal.default_int_handler
    # an interrupt a background job ignores stays ignored
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        ignored = _Interrupt()
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
        ignored.restore()
    finally:
        signal.signal(signal.SIGINT, before)
