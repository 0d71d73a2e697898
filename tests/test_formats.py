"""Output formats as renderers of named files; the build lists them in brief.json and
published_files reads the same list back. Page fitting: at most two layouts per audience,
one page, the same bytes whether audiences are laid out here or in parallel processes."""

from __future__ import annotations

import json
from dataclasses import replace

import pypdf
import pytest

from briefer.commands.build import build
from briefer.config import load_config
from briefer.output import formats, parallel
from briefer.output.formats import Renderer, published_files, register
from support import ROOT, make_project


def test_every_format_is_a_named_file_listed_in_the_record(tmp_path):
    config = load_config(make_project(tmp_path))
    (output,) = build(config).outputs
    record = json.loads((output.folder / "brief.json").read_text(encoding="utf-8"))
    assert [(f["format"], f["name"]) for f in record["files"]] == [
        ("markdown", "brief.md"), ("html", "brief.html"), ("pdf", "brief.pdf"), ("json", "brief.json")]
    listed = published_files(output.folder)
    assert [f.path for f in listed] == list(output.paths)
    assert all(f.path.is_file() for f in listed)
    assert {f.format: f.media_type for f in listed}["pdf"] == "application/pdf"


def test_a_new_format_is_one_registered_renderer(tmp_path):
    config = load_config(make_project(tmp_path))
    formats.formats()
    saved = dict(formats.RENDERERS)
    try:
        register(Renderer("text", "brief.txt", "text/plain; charset=utf-8",
                          lambda rendition: rendition.rendered.brief.title.upper().encode("utf-8")))
        (output,) = build(config).outputs
        assert (output.folder / "brief.txt").read_text(encoding="utf-8") == "PORT TALKS BRIEF"
        assert "brief.txt" in [f.name for f in published_files(output.folder)]
        with pytest.raises(ValueError):
            register(Renderer("other", "brief.txt", "text/plain", lambda rendition: b""))
    finally:
        formats.RENDERERS.clear()
        formats.RENDERERS.update(saved)


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_every_audience_fits_one_page_in_at_most_two_layouts(tmp_path, page_size, monkeypatch):
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    config = load_config(ROOT / "config.yaml")
    config = replace(config, output=tmp_path, page_size=page_size,
                     audiences=tuple(replace(a, page_size=page_size) for a in config.audiences))
    result = build(config)
    assert len(result.outputs) == 3
    for output in result.outputs:
        assert output.rendered.layouts <= 2, output.audience
        assert len(pypdf.PdfReader(output.folder / "brief.pdf").pages) == 1


def test_parallel_layout_gives_the_same_bytes(tmp_path, monkeypatch):
    config = load_config(ROOT / "config.yaml")
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    here = build(replace(config, output=tmp_path / "here"))
    monkeypatch.setattr(parallel, "available_cores", lambda: 3)
    spawned = []
    real = parallel.ProcessPoolExecutor

    def pool(*args, **kwargs):
        spawned.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", pool)
    apart = build(replace(config, output=tmp_path / "apart"))
    assert spawned, "the audiences were not laid out in processes"
    for one, other in zip(here.outputs, apart.outputs):
        for first, second in zip(one.paths, other.paths):
            assert first.read_bytes() == second.read_bytes(), first.name
