"""Sources at a storage URL (fsspec): the same build as from the folder; the folder's safe-read
rules for objects; a URL that cannot be read here is a configuration error naming 'sources'.
No network: file:// and memory:// (and a memory store that refuses one object) stand in for
object storage."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace

import pytest
import yaml

fsspec = pytest.importorskip("fsspec")

from fsspec.implementations.memory import MemoryFileSystem  # noqa: E402

from briefer.commands.build import build  # noqa: E402
from briefer.commands.stories import read_day  # noqa: E402
from briefer.config import load_config  # noqa: E402
from briefer.core.errors import ConfigError, InputError  # noqa: E402
from briefer.core.limits import MAX_ARTICLE_BYTES  # noqa: E402
from briefer.core.locations import StorageURL  # noqa: E402
from tests.support import PYTHON, ROOT, make_project, run_cli  # noqa: E402
from briefer.sources.registry import suffixes  # noqa: E402
from tests.test_stories import FLOOD, PORT, VOTE  # noqa: E402

DAY = {**PORT, **FLOOD, **VOTE}


class LockedMemory(MemoryFileSystem):
    """A memory store of its own whose objects named locked* refuse to be read, as an object
    the storage's credentials do not cover."""

    protocol = "lockedmem"
    store: dict = {}
    pseudo_dirs = [""]

    @classmethod
    def _strip_protocol(cls, path):
        return super()._strip_protocol(str(path).removeprefix("lockedmem://"))

    def _open(self, path, mode="rb", **kwargs):
        if "r" in mode and path.rsplit("/", 1)[-1].startswith("locked"):
            raise PermissionError(13, "access denied by the storage")
        return super()._open(path, mode, **kwargs)


fsspec.register_implementation("lockedmem", LockedMemory, clobber=True)


def outputs(folder) -> dict[str, bytes]:
    """Every text output of every audience and the day's stories (PDFs hold their creation time)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.glob("*/[!.]*/*"))
            if p.suffix in (".md", ".html", ".json")} | {
        str(p.relative_to(folder)): p.read_bytes() for p in folder.glob("*/stories.json")}


def with_sources(config_path, sources: str):
    settings = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config_path.write_text(yaml.safe_dump({**settings, "sources": sources}), encoding="utf-8")
    return config_path


def test_file_url_builds_what_the_folder_builds(tmp_path):
    config_path = make_project(tmp_path, DAY)
    local = build(replace(load_config(config_path), output=tmp_path / "folder"))
    config = load_config(with_sources(config_path, (tmp_path / "sources").as_uri()))
    assert config.sources == StorageURL((tmp_path / "sources").as_uri())
    stored = build(replace(config, output=tmp_path / "url"))
    assert len(stored.outputs) == len(local.outputs) == 1
    ours = outputs(tmp_path / "folder")
    assert any("/story-" in name for name in ours)
    assert outputs(tmp_path / "url") == ours


def test_objects_are_read_by_the_folders_rules(tmp_path):
    store = fsspec.filesystem("lockedmem")
    for name, text in DAY.items():
        store.pipe(f"/day/{name}", text.encode("utf-8"))
    store.pipe("/day/big.txt", b"word " * (MAX_ARTICLE_BYTES // 5 + 1))
    store.pipe("/day/locked_report.txt", PORT["port_1.txt"].encode("utf-8"))
    store.pipe("/day/.swap.txt", b"an editor's swap file")
    store.pipe("/day/archive/old.txt", FLOOD["flood_1.txt"].encode("utf-8"))
    store.pipe("/day/notes.docx", b"PK")
    config = load_config(with_sources(make_project(tmp_path, {}), "lockedmem://day/"))
    result = build(config)
    assert len(result.outputs) == 1
    skipped = [w for w in result.warnings if w.startswith("skipped ")]
    assert skipped == [
        "skipped archive: a folder, not a file",
        f"skipped big.txt: too large ({MAX_ARTICLE_BYTES + 5 - MAX_ARTICLE_BYTES % 5:,} bytes; "
        f"the limit is {MAX_ARTICLE_BYTES:,})",
        "skipped locked_report.txt: cannot be read (access denied by the storage)",
        f"skipped notes.docx: not a kind of file briefer reads (.docx; it reads {suffixes()})",
    ]
    assert not any(".swap" in w for w in result.warnings)
    day = read_day(config.sources, tmp_path / "none")
    assert sorted(a.path for a in day.articles) == sorted(DAY)


def test_no_usable_objects_and_a_missing_prefix_are_input_errors(tmp_path):
    store = fsspec.filesystem("lockedmem")
    store.pipe("/empty/locked.txt", b"x")
    config = load_config(with_sources(make_project(tmp_path, {}), "lockedmem://empty"))
    with pytest.raises(InputError, match=r"no usable articles in lockedmem://empty \(locked.txt: cannot be read"):
        build(config)
    with pytest.raises(InputError, match="sources not found: lockedmem://nowhere"):
        build(replace(config, sources=StorageURL("lockedmem://nowhere")))


def problems(tmp_path, sources: str) -> list[str]:
    config_path = tmp_path / "config.yaml"
    with pytest.raises(ConfigError) as caught:
        load_config(with_sources(config_path if config_path.exists() else make_project(tmp_path, DAY), sources))
    return caught.value.problems


def test_an_unknown_protocol_is_a_configuration_error_naming_sources(tmp_path):
    (problem,) = problems(tmp_path, "nosuch://bucket/day")
    assert problem.startswith("'sources': nosuch://bucket/day: unknown storage protocol nosuch://")
    assert "\n" not in problem


def test_a_missing_storage_package_is_a_configuration_error_naming_sources(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "s3fs", None)  # as if not installed
    (problem,) = problems(tmp_path, "s3://bucket/day")
    assert problem.startswith("'sources': s3://bucket/day: reading s3:// needs a package not installed")
    assert "s3fs" in problem and "\n" not in problem
    monkeypatch.setitem(sys.modules, "fsspec", None)
    (problem,) = problems(tmp_path, "gcs://bucket/day")
    assert problem == "'sources': gcs://bucket/day is a storage URL, which needs fsspec: pip install 'briefer[dask]'"


def test_the_command_line_takes_a_storage_url(tmp_path):
    config_path = make_project(tmp_path, DAY)
    url = (tmp_path / "sources").as_uri()
    listed = run_cli("stories", "--json", "--config", str(config_path), "--sources", url + "/")
    assert listed.returncode == 0, listed.stderr
    stories = [json.loads(line) for line in listed.stdout.splitlines()]
    assert sorted(sorted(s["articles"]) for s in stories) == [sorted(FLOOD), sorted(PORT), sorted(VOTE)]
    refused = run_cli("build", "--config", str(config_path), "--sources", "nosuch://bucket/day")
    assert refused.returncode == 2
    assert "'sources': nosuch://bucket/day: unknown storage protocol" in refused.stderr


def test_a_plain_folder_never_imports_fsspec(tmp_path):
    config_path = make_project(tmp_path, DAY)
    code = ("import sys; from briefer.commands.build import build; from briefer.config import load_config; "
            f"build(load_config(__import__('pathlib').Path({str(config_path)!r}))); "
            "print('fsspec' in sys.modules)")
    run = subprocess.run([PYTHON, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"


def test_a_file_url_follows_no_symlink_and_opens_no_fifo(tmp_path):
    config = load_config(with_sources(make_project(tmp_path, DAY), (tmp_path / "sources").as_uri()))
    (tmp_path / "secret.txt").write_text("---\ntitle: Secret\n---\nNot in the sources folder at all.\n")
    (tmp_path / "sources" / "outside.txt").symlink_to(tmp_path / "secret.txt")
    (tmp_path / "sources" / "inside.txt").symlink_to(tmp_path / "sources" / "port_1.txt")
    os.mkfifo(tmp_path / "sources" / "pipe.txt")  # opening it would wait for a writer forever
    day = read_day(config.sources, tmp_path / "none")
    assert sorted(a.path for a in day.articles) == sorted(DAY)
    assert [w for w in day.warnings if w.startswith("skipped ")] == [
        "skipped inside.txt: a symlink (not followed at a storage URL)",
        "skipped outside.txt: a symlink (not followed at a storage URL)",
        "skipped pipe.txt: not a regular file"]
