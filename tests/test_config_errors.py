"""Configuration: invalid YAML names line and column; every problem is reported at once,
each naming its key; exit status 2; never a traceback."""

from __future__ import annotations

import pytest

from briefer.cli import main
from briefer.config import load_config, parse_config
from briefer.core.errors import ConfigError
from support import error_lines, make_project, run_cli


def write_config(tmp_path, text: str | bytes):
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "templates" / "default").mkdir(parents=True, exist_ok=True)
    path = tmp_path / "config.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def problems(path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return caught.value.problems


@pytest.mark.parametrize("text, problem", [
    ("title: ok\nsections:\n  background: 3\n key_facts: 2\n",
     "line 4, column 2: invalid YAML: expected <block end>, but found '<block mapping start>'"),
    ("title: ok\n\tsources: x\n", "line 2, column 1: invalid YAML: found character '\\t' that cannot start any token"),
    ('title: "unterminated\nsources: x\n', "line 3, column 1: invalid YAML: found unexpected end of stream"),
    ("title: a\noutput: o\ntitle: b\n", "line 3, column 1: invalid YAML: duplicate key 'title'"),
    ("sections:\n  outcomes: 1\n  outcomes: 2\n", "line 3, column 3: invalid YAML: duplicate key 'outcomes'"),
    ("? [a, b]\n: 1\n", "line 1, column 3: invalid YAML: found unhashable key"),
    ("- a list\n- not a mapping\n", "the top level must be a mapping of keys, got list"),
    ("title: 2025-13-45\n", "invalid YAML: month must be in 1..12"),
    ("title: " + "[" * 5000 + "\n", "invalid YAML: nested too deeply"),
    (b"title: \xff\xfe\n", "cannot be read: 'utf-8' codec can't decode byte 0xff in position 7: invalid start byte"),
])
def test_unreadable_yaml_is_reported_with_line_and_column(tmp_path, text, problem):
    assert problems(write_config(tmp_path, text)) == [problem]


def test_every_problem_is_reported_at_once_each_naming_its_key(tmp_path, capsys):
    (tmp_path / "out.txt").write_text("a file where the output folder should be")
    path = write_config(tmp_path, (
        "title: 5\nsources: missing\noutput: out.txt\npage_size: A3\ntemplate: x\n"
        "sections:\n  background: -2\n  key_facts: 2.5\n  outcomes: true\n  summary: 3\n  open_questions: 51\n"
    ))
    assert main(["build", "--config", str(path)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"briefer: error: invalid configuration in {path}:",
        "  - 'template': unknown key (did you mean 'templates'?)",
        "  - 'title': expected a non-empty string, got 5",
        "  - 'page_size': expected one of A4, Letter, got 'A3'",
        "  - 'sections.background': must be between 0 and 50, got -2",
        "  - 'sections.key_facts': expected a whole number of items, got 2.5",
        "  - 'sections.outcomes': expected a whole number of items, got True",
        "  - 'sections.summary': unknown section (expected one of background, key_facts, outcomes, open_questions, timeline)",
        "  - 'sections.open_questions': must be between 0 and 50, got 51",
        f"  - 'sources': no such folder: {tmp_path / 'missing'}",
        f"  - 'output': {tmp_path / 'out.txt'} is a file, not a folder",
    ]


def test_wrong_types_are_named_by_key(tmp_path):
    path = write_config(tmp_path, 'title: ""\nsources: [a]\ntemplates: {x: 1}\nsections: [1, 2]\nunknown_thing: 1\n')
    assert problems(path) == [
        "'unknown_thing': unknown key (expected one of title, sources, output, templates, page_size, sections, window_days, audiences, email, feeds, pages, fetch, engine, dask, publish_url)",
        "'title': expected a non-empty string, got ''",
        "'sources': expected a non-empty string, got ['a']",
        "'templates': expected a non-empty string, got {'x': 1}",
        "'sections': expected a mapping of section to item count, got list",
    ]


def test_missing_folders_are_reported_with_key_and_folder(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("sources: articles\noutput: config.yaml\n")
    assert problems(path) == [
        f"'sources': no such folder: {tmp_path / 'articles'}",
        f"'output': {path} is a file, not a folder",
    ]


def test_checking_a_document_alone_leaves_the_folders_to_the_loader(tmp_path):
    # parse_config validates a document; load_config, which builds from it, also checks the disk.
    assert parse_config({"sources": "articles"}, None, tmp_path).sources == tmp_path / "articles"
    with pytest.raises(ConfigError):
        parse_config({"sources": "articles"}, None, tmp_path, check_folders=True)


def test_a_missing_sources_override_is_reported_like_the_config_key(tmp_path, capsys, monkeypatch):
    config = make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--config", str(config), "--sources", "elsewhere"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"briefer: error: invalid configuration in {config}:",
        f"  - 'sources': no such folder: {tmp_path / 'elsewhere'}",
    ]


def test_an_override_wins_over_a_missing_configured_folder(tmp_path, capsys, monkeypatch):
    config = make_project(tmp_path, sources="gone")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--config", str(config), "--sources", "sources", "--out", "elsewhere"]) == 0
    assert sorted(p.name for p in (tmp_path / "elsewhere").glob("*/default/brief.*")) == [
        "brief.html", "brief.json", "brief.md", "brief.pdf"]


@pytest.mark.parametrize("make, problem", [
    (lambda p: None, "the file does not exist"),
    (lambda p: p.mkdir(), "cannot be read: [Errno 21] Is a directory: '{path}'"),
])
def test_a_config_file_that_cannot_be_read(tmp_path, make, problem):
    path = tmp_path / "config.yaml"
    make(path)
    assert problems(path) == [problem.format(path=path)]


def test_the_real_cli_reports_config_problems_without_a_traceback(tmp_path):
    path = write_config(tmp_path, "page_size: Tabloid\nsections:\n  key_facts: -1\nsources: nowhere\n")
    result = run_cli("build", "--config", str(path))
    assert result.returncode == 2
    assert error_lines(result) == [
        f"briefer: error: invalid configuration in {path}:",
        "  - 'page_size': expected one of A4, Letter, got 'Tabloid'",
        "  - 'sections.key_facts': must be between 0 and 50, got -1",
        f"  - 'sources': no such folder: {tmp_path / 'nowhere'}",
    ]


def test_a_valid_config_loads(tmp_path):
    # Control: the same helpers with sound values give a Config, so the failures above are the checks.
    config = load_config(write_config(tmp_path, "page_size: Letter\nsources: sources\nsections:\n  key_facts: 0\n"))
    assert config.page_size == "Letter" and config.section_budgets["key_facts"] == 0
    assert config.sources == tmp_path / "sources"


def test_only_the_story_may_stand_in_braces_in_the_title(tmp_path):
    assert load_config(write_config(tmp_path, 'title: "{story}: brief"\n')).title == "{story}: brief"
    assert problems(write_config(tmp_path, 'title: "{topic}: brief"\n')) == [
        "'title': only {story} may stand in braces, got '{topic}: brief'"]
