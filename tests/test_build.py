"""The whole build from seeds/, read back as a user would: PDF pages, headings, citations."""

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefer.commands.build import build
from briefer.config import load_config
from briefer.core.text import words

from conftest import ROOT, SEEDS

ITEM = re.compile(r"^- (?:\*[^*]+\*: )?(?P<text>.+?)(?: …)? \[(?P<cites>(?:\[\d+\]\(#source-\d+\)(?:, )?)+)\](?: \*[^*]+\*)?$")
SOURCE = re.compile(r"^(?P<number>\d+)\. .*, (?P<path>[^,]+\.(?:txt|md))$")


def unescape(markdown: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    config = load_config(ROOT / "config.yaml")
    from dataclasses import replace

    return build(replace(config, output=out), audiences=["analyst"]).outputs[0]


def brief_items(markdown: str) -> list[tuple[str, list[int]]]:
    items = []
    for line in markdown.splitlines():
        match = ITEM.match(line)
        if match:
            items.append((unescape(match["text"]), [int(n) for n in re.findall(r"\[(\d+)\]", match["cites"])]))
    return items


def source_files(markdown: str) -> dict[int, Path]:
    files = {}
    for line in markdown.split("## Sources", 1)[1].splitlines():
        match = SOURCE.match(unescape(line))
        if match:
            files[int(match["number"])] = SEEDS / match["path"].strip()
    return files


def test_outputs_written_and_pdf_is_one_page(seeds_build):
    names = sorted(p.name for p in seeds_build.paths)
    assert names == ["brief.html", "brief.json", "brief.md", "brief.pdf"]
    assert seeds_build.folder.parts[-2:] == ("2025-11-01", "analyst")
    assert len(PdfReader(seeds_build.folder / "brief.pdf").pages) == 1


def test_sections_in_order_and_every_line_cited(seeds_build):
    markdown = (seeds_build.folder / "brief.md").read_text()
    headings = re.findall(r"^## (.+)$", markdown, re.M)
    assert headings[:4] == ["Background", "Key facts", "Outcomes", "Open questions"]
    assert headings[-1] == "Sources"
    bullets = [line for line in markdown.splitlines() if line.startswith("- ") and "Nothing in the sources" not in line]
    assert bullets and len(brief_items(markdown)) == len(bullets)


def test_citations_are_verifiable_against_the_sources(seeds_build):
    markdown = (seeds_build.folder / "brief.md").read_text()
    files = source_files(markdown)
    for text, cites in brief_items(markdown):
        if re.fullmatch(r"see [A-Z][\w ]+", text):
            continue  # a timeline entry pointing to the section that shows its sentence
        bodies = {n: " ".join(files[n].read_text(encoding="utf-8").split()) for n in cites}
        # verbatim in at least one cited article ...
        assert any(text in body for body in bodies.values()), text
        # ... and every other cited article says the same in near-identical words
        item_words = set(words(text))
        for body in bodies.values():
            assert len(item_words & set(words(body))) >= 0.8 * len(item_words), (text, cites)


def test_no_boilerplate_and_no_repeated_claims(seeds_build):
    markdown = (seeds_build.folder / "brief.md").read_text()
    for furniture in ("ADVERTISEMENT", "Sign Up", "Also Read", "Contact Us", "Reuters Report", "Leave a Reply"):
        assert furniture not in markdown
    sections = markdown.split("## Timeline")[0]  # the timeline indexes dated items by date
    texts = [set(words(t)) for t, _ in brief_items(sections)]
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            assert len(a & b) / len(a | b) < 0.6


def test_html_links_citations_and_pdf_has_the_text(seeds_build):
    html = (seeds_build.folder / "brief.html").read_text()
    assert 'href="#source-1"' in html and 'id="source-1"' in html
    text = PdfReader(seeds_build.folder / "brief.pdf").pages[0].extract_text()
    assert "Key facts" in text.replace("KEY FACTS", "Key facts") and "Sources" in text.replace("SOURCES", "Sources")


def test_same_input_same_output(seeds_build, tmp_path):
    from dataclasses import replace

    again = build(replace(load_config(ROOT / "config.yaml"), output=tmp_path), audiences=["analyst"]).outputs[0]
    for name in ("brief.md", "brief.html"):
        assert (again.folder / name).read_bytes() == (seeds_build.folder / name).read_bytes()


def test_a_timeline_entry_points_to_the_line_it_would_repeat(seeds_build):
    markdown = (seeds_build.folder / "brief.md").read_text()
    above, timeline = markdown.split("## Timeline", 1)
    timeline = timeline.split("## Sources", 1)[0]
    openings = {" ".join(text.split()[:8]) for text, _ in brief_items(above)}
    entries = [unescape(line.split("*: ", 1)[1]) for line in timeline.splitlines() if line.startswith("- *")]
    assert entries
    for entry in entries:
        assert " ".join(entry.split()[:8]) not in openings, entry  # no sentence twice on one page
    assert re.search(r"^- \*31 Oct 2025\*: ", timeline, re.M)  # the signing keeps its place in time


def test_a_timeline_entry_shows_its_whole_sentence_not_its_first_words(seeds_build):
    """A cut sentence can stop before its verb or drop who said it ("Yugoslavia must cooperate
    with the tribunal …" without "legal experts said"): an entry with its own text shows it whole."""
    timeline = (seeds_build.folder / "brief.md").read_text().split("## Timeline", 1)[1].split("## Sources", 1)[0]
    entries = [line.split("*: ", 1)[1] for line in timeline.splitlines() if line.startswith("- *")]
    own = [re.sub(r"\s*\[\[.*$", "", entry) for entry in entries if not entry.startswith("see ")]
    assert own
    for entry in own:
        assert not entry.endswith("…") and entry.rstrip("”\"'’)").endswith((".", "!", "?")), entry


def test_a_title_naming_the_story_takes_each_folders_own_headline(tmp_path):
    # one config titles the brief of any folder by that folder's story (its newest article's title),
    # never by the headline of the story it was first written for
    from briefer.config import parse_config

    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.md").write_text("---\ntitle: Ferry strike halts Kelso route\ndate: 2026-03-02\n---\n"
                                  "Ferry crews in Kelso went on strike on Monday, halting the island route.\n")
    (sources / "b.md").write_text("---\ntitle: Kelso ferry strike ends after pay deal\ndate: 2026-03-04\n---\n"
                                  "Ferry crews in Kelso ended their strike on Wednesday after a pay deal.\n")
    config = parse_config({"title": "{story}: policy brief", "sources": str(sources),
                           "output": str(tmp_path / "out"), "templates": str(ROOT / "templates")}, None, tmp_path)
    result = build(config)
    markdown = (result.outputs[0].folder / "brief.md").read_text(encoding="utf-8")
    assert markdown.splitlines()[0] == "# Kelso ferry strike ends after pay deal: policy brief"
