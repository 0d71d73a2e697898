"""Nothing lost: a build that fails or is killed at any step leaves the previous brief for
that date and audience whole; the three outputs change together; builds are reproducible."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from briefer.commands.build import build
from briefer.output.publish import publish
from briefer.config import load_config
from briefer.core.errors import BrieferError
from support import PYTHON, ROOT, make_project, only_output, write_articles

DATE = dt.date(2025, 11, 1)
NAMES = ("brief.html", "brief.md", "brief.pdf")
NEW_ARTICLE = {"003_third.txt": (
    "Fees cut at Corvo\n\n"
    "Arland and Belmark signed a second memorandum on harbour fees in Corvo on Monday. "
    "Belmark cut harbour fees for Arland cargo ships by a fifth from the first of December. "
    "The cut follows the memorandum signed in Corvo on Monday, officials said.\n"
)}

# Runs a real build in a child process that stops (and waits to be killed) at one point.
DRIVER = r"""
import os, sys, time
import briefer.commands.build as build
import briefer.output.publish as publishing

point, config, date = sys.argv[1:4]

def stop(marker):
    print(marker, flush=True)
    time.sleep(600)

if point == "rendering":
    build.render_brief = lambda *args, **kwargs: stop(point)
elif point.startswith("half-written "):
    name, real_write = point.split(" ", 1)[1], publishing._write_file
    def write(path, data, mode):
        if path.name == name:
            with open(path, "xb") as stream:
                stream.write(data[: len(data) // 2])
                stream.flush()
            stop(point)
        real_write(path, data, mode)
    publishing._write_file = write
elif point in ("before the swap", "after the swap"):
    real_replace = os.replace
    def swap(source, target):
        if os.path.basename(target) != "default":
            return real_replace(source, target)
        if point == "before the swap":
            stop(point)
        real_replace(source, target)
        stop(point)
    publishing.os.replace = swap
elif point == "cleaning up":
    publishing._remove_leftovers = lambda link, keep: stop(point)

from briefer.cli import main
sys.exit(main(["build", "--config", config, "--date", date]))
"""
KILL_POINTS = {  # where the child is killed -> which brief must be there afterwards
    "rendering": "old",
    "half-written brief.md": "old",
    "half-written brief.html": "old",
    "half-written brief.pdf": "old",
    "before the swap": "old",
    "after the swap": "new",
    "cleaning up": "new",
}


def outputs(folder: Path) -> dict[str, bytes]:
    """Every visible file of a published brief (brief.md, .html, .pdf, and any record beside them)."""
    files = {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}
    assert set(NAMES) <= set(files)
    return files


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


@pytest.fixture
def project(tmp_path):
    """A project with a published brief, plus the brief its changed sources must produce."""
    config_path = make_project(tmp_path)
    config = load_config(config_path)
    old = outputs(only_output(build(config, DATE)).folder)
    write_articles(tmp_path / "sources", NEW_ARTICLE)
    new = outputs(only_output(build(replace(config, output=tmp_path / "expected"), DATE)).folder)
    assert old != new
    return config_path, config.output / DATE.isoformat() / "default", old, new


def kill_at(point: str, config_path: Path) -> None:
    child = subprocess.Popen(
        [PYTHON, "-c", DRIVER, point, str(config_path), DATE.isoformat()],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        reached = child.stdout.readline().strip()  # blocks until the child stops at the point
    finally:
        child.send_signal(signal.SIGKILL)
        _, errors = child.communicate()
    assert reached == point, f"the child never reached {point!r}: {errors}"
    assert child.returncode == -signal.SIGKILL


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_killed_build_leaves_the_old_brief_or_the_new_one_whole(project, point):
    config_path, folder, old, new = project
    kill_at(point, config_path)
    assert outputs(folder) == (old if KILL_POINTS[point] == "old" else new)  # every file of one set
    assert visible(folder.parent) == ["default"]
    # The next build publishes the new brief and clears what the killed one left behind.
    build(load_config(config_path), DATE)
    assert outputs(folder) == new
    assert sorted(p.name for p in folder.parent.iterdir()) == sorted(
        [".default.lock", os.readlink(folder), "default"])


def test_a_template_error_leaves_the_previous_brief_intact(project):
    config_path, folder, old, _ = project
    default = config_path.parent / "templates" / "default"
    # The Markdown renders, the HTML fails: nothing may be published.
    (default / "brief.html.j2").write_text((default / "brief.html.j2").read_text() + "{{ no_such_value }}\n")
    before = sorted(p.name for p in folder.parent.iterdir())
    with pytest.raises(BrieferError, match="undefined value"):
        build(load_config(config_path), DATE)
    assert outputs(folder) == old
    assert sorted(p.name for p in folder.parent.iterdir()) == before


def test_a_failed_write_removes_its_partial_version(tmp_path, monkeypatch):
    import briefer.output.publish as build_module

    folder = tmp_path / "2025-11-01" / "default"
    publish(folder, {"brief.md": b"old md", "brief.html": b"old html"})

    def failing_write(path, data, mode):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_module, "_write_file", failing_write)
    with pytest.raises(OSError, match="No space left"):
        publish(folder, {"brief.md": b"new md", "brief.html": b"new html"})
    assert (folder / "brief.md").read_bytes() == b"old md"
    assert sorted(p.name for p in folder.parent.iterdir()) == sorted(
        [".default.lock", os.readlink(folder), "default"])


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path):
    config = load_config(make_project(tmp_path))
    first = outputs(only_output(build(replace(config, output=tmp_path / "one"), DATE)).folder)
    second = outputs(only_output(build(replace(config, output=tmp_path / "two"), DATE)).folder)
    assert first == second  # Markdown, HTML and the PDF (WeasyPrint writes no creation date)
    assert b"/CreationDate" not in first["brief.pdf"] and b"/ModDate" not in first["brief.pdf"]


def test_outputs_live_in_a_hidden_version_folder_behind_a_symlink(tmp_path):
    config = load_config(make_project(tmp_path))
    folder = only_output(build(config, DATE)).folder
    assert folder.is_symlink()
    target = folder.parent / os.readlink(folder)
    assert target.parent == folder.parent and target.name.startswith(".default.")
    assert {oct(p.stat().st_mode & 0o777) for p in target.iterdir()} == {oct(0o666 & ~_umask())}


def test_files_kept_beside_the_old_brief_stay_beside_the_new_one(tmp_path):
    folder = tmp_path / "2025-11-01" / "default"
    publish(folder, {"brief.md": b"old"})
    (folder / "sent.json").write_text('{"deliveries": []}')  # written by briefer send
    publish(folder, {"brief.md": b"new"})
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {
        "brief.md": b"new", "sent.json": b'{"deliveries": []}'}


def test_a_folder_from_before_symlinks_is_replaced(tmp_path):
    folder = tmp_path / "out" / "2025-11-01" / "default"
    folder.mkdir(parents=True)
    (folder / "brief.md").write_text("from an older briefer")
    publish(folder, {"brief.md": b"new"})
    assert folder.is_symlink() and (folder / "brief.md").read_bytes() == b"new"
    assert sorted(p.name for p in folder.parent.iterdir()) == sorted(
        [".default.lock", os.readlink(folder), "default"])


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
