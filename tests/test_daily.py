"""Daily runs: the article window, earlier days left alone, and items marked new."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pypdf
import pytest

from briefer.commands.build import build, load_corpus
from briefer.cli import main
from briefer.config import load_config
from briefer.brief.daily import within_window
from briefer.core.models import Article

ARTICLES = {
    "harbour.txt": ("2025-03-01", "Harbour talks open", [
        "Harbour officials opened talks with the dockworkers union in the old customs house.",
        "The union asked for a new safety code covering every container crane at the port.",
        "Negotiators met for six hours before adjourning without a statement.",
    ]),
    "cranes.txt": ("2025-03-02", "Crane code drafted", [
        "Engineers drafted a crane safety code that inspectors will apply from April.",
        "The port authority approved funding for two hundred new inspectors.",
        "Shipping lines warned that delays at the terminal could reach three days.",
    ]),
    "strike.txt": ("2025-03-03", "Strike averted", [
        "The dockworkers union called off its planned strike after a late-night agreement.",
        "Under the agreement, crane operators receive a bonus for every accident-free month.",
        "Ferry services to the islands resumed on the northern pier.",
    ]),
    "later.txt": ("2025-03-05", "Later news", [
        "Lighthouse keepers celebrated the restoration of the southern beacon with fireworks.",
    ]),
    "old.txt": ("2025-02-10", "Old news", [
        "Fishermen protested the closure of the western breakwater during the winter storms.",
    ]),
    "undated.txt": (None, "Background", [
        "The port handles most of the region's grain exports through its eastern quay.",
    ]),
}


def write_article(folder: Path, name: str, date: str | None, title: str, sentences: list[str]) -> None:
    front = f"---\ntitle: {title}\noutlet: Example Wire\n" + (f"date: {date}\n" if date else "") + "---\n"
    (folder / name).write_text(front + " ".join(sentences) + "\n", encoding="utf-8")


@pytest.fixture
def desk(tmp_path) -> Path:
    sources = tmp_path / "sources"
    sources.mkdir()
    for name, (date, title, sentences) in ARTICLES.items():
        write_article(sources, name, date, title, sentences)
    (tmp_path / "config.yaml").write_text(
        "title: Port brief\nsources: sources\nwindow_days: 2\n"
        "audiences:\n  desk:\n    sections: {key_facts: 6, outcomes: 4, background: 4, open_questions: 4}\n",
        encoding="utf-8")
    return tmp_path


def article(number: int, date: dt.date | None) -> Article:
    return Article(number=number, path=f"{number}.txt", title="t", outlet=None, date=date, url=None, lines=())


def test_the_window_keeps_the_days_ending_at_the_brief_date_and_undated_articles():
    day = dt.date(2025, 3, 3)
    articles = tuple(article(n, d) for n, d in enumerate(
        [dt.date(2025, 3, 1), dt.date(2025, 3, 2), day, dt.date(2025, 3, 4), None], start=1))
    assert [a.number for a in within_window(articles, day, 2)] == [2, 3, 5]
    assert [a.number for a in within_window(articles, day, 1)] == [3, 5]
    assert [a.number for a in within_window(articles, day, None)] == [1, 2, 3, 5]  # never after the date
    assert within_window(articles, None, 2) == articles  # no date known: nothing to measure from


def test_the_build_reads_only_the_articles_in_the_window(desk):
    corpus, _ = load_corpus(desk / "sources", dt.date(2025, 3, 3), 2)
    assert sorted(c.article.path for c in corpus.articles) == ["cranes.txt", "strike.txt", "undated.txt"]


def test_an_empty_window_is_an_input_error(desk, capsys):
    (desk / "sources" / "undated.txt").unlink()  # undated articles belong to every window
    assert main(["build", "--config", str(desk / "config.yaml"), "--date", "2025-01-01"]) == 2
    assert "no articles in" in capsys.readouterr().err


def items(record: dict) -> dict[str, bool]:
    return {item["text"]: item["new"] for section in record["sections"] for item in section["items"]}


def test_items_not_in_the_previous_brief_are_marked_new_and_earlier_days_are_untouched(desk):
    config = load_config(desk / "config.yaml")
    first = build(config, dt.date(2025, 3, 2)).outputs[0]
    first_record = json.loads((first.folder / "brief.json").read_text())
    assert not any(items(first_record).values())  # no earlier brief: nothing is new
    assert "**New:**" not in (first.folder / "brief.md").read_text()
    untouched = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in first.folder.iterdir()}

    second = build(config, dt.date(2025, 3, 3)).outputs[0]

    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in first.folder.iterdir()} == untouched
    marks = items(json.loads((second.folder / "brief.json").read_text()))
    expected = {text: text not in items(first_record) for text in marks}
    assert marks == expected
    assert any(marks.values()) and not all(marks.values())  # some carried over, some new
    new = [text for text, is_new in marks.items() if is_new]
    assert any("strike" in text for text in new)
    markdown = (second.folder / "brief.md").read_text()
    # each new line carries the mark; the legend explains it once
    assert markdown.count("- **New:**") == len(new)
    assert (second.folder / "brief.html").read_text().count("<li><strong>New:</strong>") == len(new)
    pdf_text = pypdf.PdfReader(second.folder / "brief.pdf").pages[0].extract_text()
    assert pdf_text.count("NEW:") == len(new)

    again = build(config, dt.date(2025, 3, 3)).outputs[0]  # rebuilding compares with 3 March's previous day
    assert items(json.loads((again.folder / "brief.json").read_text())) == marks


def test_the_record_is_the_rendered_brief(desk):
    output = build(load_config(desk / "config.yaml"), dt.date(2025, 3, 3)).outputs[0]
    record = json.loads((output.folder / "brief.json").read_text())
    assert record["date"] == "2025-03-03" and record["audience"] == "desk" and record["title"] == "Port brief"
    rendered = output.rendered.brief
    assert [s["key"] for s in record["sections"]] == [s.key for s in rendered.sections]
    assert [len(s["items"]) for s in record["sections"]] == [len(s.items) for s in rendered.sections]
    assert {s["path"] for s in record["sources"]} <= {"cranes.txt", "strike.txt", "undated.txt"}
    assert not list(output.folder.glob(".*"))  # no temporary files left beside it
