"""Audiences: one shared ranking, three one-page briefs that differ, built-in template fallback."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

import briefer.commands.build
from briefer.commands.build import build, load_corpus
from briefer.cli import main
from briefer.config import load_config
from briefer.delivery.email import markdown_to_text
from briefer.brief.compose import compose
from briefer.config import SECTION_KEYS
from briefer.analysis.importance import brief_ranking

ROOT = Path(__file__).resolve().parent.parent
DATE = "2025-11-01"


@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory):
    """The repository's own config.yaml (analyst, minister, press) over seeds/."""
    config = replace(load_config(ROOT / "config.yaml"), output=tmp_path_factory.mktemp("out"))
    return config, build(config)


def pdf_text(path: Path) -> tuple[int, str]:
    reader = pypdf.PdfReader(path)
    return len(reader.pages), " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def record(config, audience: str) -> dict:
    return json.loads((config.output / DATE / audience / "brief.json").read_text(encoding="utf-8"))


def headings(config, audience: str) -> list[str]:
    return [line[3:] for line in (config.output / DATE / audience / "brief.md").read_text().splitlines()
            if line.startswith("## ")]


def test_every_configured_audience_gets_all_four_files(seeds_build):
    config, result = seeds_build
    assert [output.audience for output in result.outputs] == ["analyst", "minister", "press"]
    for audience in ("analyst", "minister", "press"):
        folder = config.output / DATE / audience
        assert sorted(p.name for p in folder.iterdir()) == ["brief.html", "brief.json", "brief.md", "brief.pdf"]


def test_the_three_pdfs_are_one_page_each_and_differ_visibly(seeds_build):
    config, _ = seeds_build
    texts = {}
    for audience in ("analyst", "minister", "press"):
        pages, texts[audience] = pdf_text(config.output / DATE / audience / "brief.pdf")
        assert pages == 1, audience
    assert headings(config, "analyst") == ["Background", "Key facts", "Outcomes", "Open questions",
                                           "Key figures", "Key quotes", "Timeline", "Sources"]
    assert headings(config, "minister") == ["Bottom line", "Outcomes", "Open questions", "Sources"]
    assert headings(config, "press") == ["Outcomes", "Key facts", "Key quotes", "Sources"]
    assert "Analyst edition" in texts["analyst"]
    assert "FOR THE MINISTER" in texts["minister"] and "BOTTOM LINE" in texts["minister"]
    assert "Press notes" in texts["press"] and "OPEN QUESTIONS" not in texts["press"]
    counts = {a: sum(len(s["items"]) for s in record(config, a)["sections"]) for a in texts}
    assert counts["analyst"] > max(counts["press"], counts["minister"])


def test_the_pdfs_use_different_type_sizes(seeds_build):
    config, _ = seeds_build

    def body_size(audience: str) -> float:
        sizes: dict[float, int] = {}

        def visit(text, cm, tm, font, size):
            scale = abs(tm[0] * cm[0]) or 1
            if text.strip():
                sizes[round(size * scale, 1)] = sizes.get(round(size * scale, 1), 0) + len(text)

        pypdf.PdfReader(config.output / DATE / audience / "brief.pdf").pages[0].extract_text(visitor_text=visit)
        return max(sizes, key=sizes.get)  # the size most characters are set in

    assert body_size("minister") > body_size("press") > body_size("analyst")


def test_the_bottom_line_is_the_three_most_important_sentences_verbatim_with_citations(seeds_build):
    config, _ = seeds_build
    corpus, _ = load_corpus(config.sources, None, config.window_days)
    everything = compose(corpus, brief_ranking(corpus), "t", {key: 50 for key in SECTION_KEYS})
    ranked = sorted((item for section in everything.sections for item in section.items), key=lambda i: -i.score)
    bottom = record(config, "minister")["sections"][0]
    assert bottom["key"] == "bottom_line"
    # The most important lines, in order of importance, except a line that is the only one its
    # section has (the section would read "Nothing in the sources" beside it).
    texts = [item.text for item in ranked]
    assert len(bottom["items"]) == 3
    positions = [texts.index(item["text"]) for item in bottom["items"]]
    assert positions == sorted(positions) and positions[-1] <= 4
    assert all(s["items"] for s in record(config, "minister")["sections"])
    articles = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in config.sources.iterdir())
    shown = markdown_to_text((config.output / DATE / "minister" / "brief.md").read_text())
    for number, item in enumerate(bottom["items"], start=1):
        assert item["text"] in articles and item["citations"]
        assert f"{number}. {item['text']} [{', '.join(map(str, item['citations']))}]" in shown
    shown_below = [i["text"] for s in record(config, "minister")["sections"][1:] for i in s["items"]]
    assert not set(shown_below) & {item["text"] for item in bottom["items"]}  # not repeated below


def test_the_shared_stages_run_once_per_build(tmp_path, monkeypatch):
    calls = []

    def counting_ranking(corpus):
        calls.append(corpus)
        return brief_ranking(corpus)

    monkeypatch.setattr(briefer.commands.build, "brief_ranking", counting_ranking)
    config = replace(load_config(ROOT / "config.yaml"), output=tmp_path)
    result = build(config)
    assert len(result.outputs) == 3 and len(calls) == 1


def test_audience_option_builds_only_the_named_audiences(tmp_path, capsys):
    status = main(["build", "--config", str(ROOT / "config.yaml"), "--out", str(tmp_path),
                   "--audience", "press", "--audience", "minister"])
    assert status == 0
    assert sorted(p.name for p in (tmp_path / DATE).iterdir() if not p.name.startswith(".")) == ["minister", "press"]
    assert main(["build", "--config", str(ROOT / "config.yaml"), "--out", str(tmp_path),
                 "--audience", "nobody"]) == 2
    assert "unknown audience 'nobody' (configured: analyst, minister, press)" in capsys.readouterr().err


def test_without_audiences_the_single_audience_is_default_and_templates_fall_back(tmp_path):
    (tmp_path / "templates").mkdir()  # the project's templates folder lacks default/
    config_file = tmp_path / "config.yaml"
    config_file.write_text(f"sources: {ROOT / 'seeds'}\noutput: out\n", encoding="utf-8")
    result = build(load_config(config_file))
    assert [output.audience for output in result.outputs] == ["default"]
    assert (tmp_path / "out" / DATE / "default" / "brief.pdf").is_file()


def test_a_project_override_replaces_only_its_block(tmp_path):
    override = tmp_path / "templates" / "desk"
    override.mkdir(parents=True)
    (override / "brief.md.j2").write_text(
        '{% extends "default/brief.md.j2" %}{% block header %}# Desk {{ brief.title|md }}\n\n{% endblock %}\n')
    config_file = tmp_path / "config.yaml"
    config_file.write_text(
        f"sources: {ROOT / 'seeds'}\naudiences:\n  desk:\n    sections: {{outcomes: 2}}\n", encoding="utf-8")
    build(load_config(config_file))
    markdown = (tmp_path / "out" / DATE / "desk" / "brief.md").read_text()
    assert markdown.startswith("# Desk ")
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Outcomes" and headings[-1] == "## Sources"  # the rest of default/ as it is
    assert not {"## Background", "## Key facts", "## Open questions"} & set(headings)
