"""Article text is data: HTML, Markdown and Jinja syntax in an article appear literally in
the Markdown, the HTML and the PDF, and do nothing (no tag, no link, no image, no evaluation)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest
import yaml
from markdown_it import MarkdownIt

from briefer.commands.build import build
from briefer.config import load_config
from briefer.core.models import Brief, BriefItem, Section, Source
from briefer.output.render import render_brief
from support import ROOT, make_project, only_output, parse_html, squash

HOSTILE_SENTENCES = [
    'The page showed <script>alert("owned")</script> before the talks began.',
    'A banner read <img src="http://127.0.0.1:9/pixel.png" onerror="alert(1)"> on the ministry site.',
    "# Breaking was the first line of the leaked memo, officials said.",
    "Officials shared [a link](javascript:alert(1)) with the delegates on Monday.",
    "The report embedded ![tracker](http://127.0.0.1:9/t.png) in its footer.",
    "The minutes held a table | a | b | with a row |---|---| pasted by mistake.",
    "Template syntax {{ 7*7 }} and {% for x in range(3) %}loop{% endfor %} appeared in the text.",
    "Raw <b>bold</b> &amp; <!-- comment --> and &lt;tag&gt; were left in the copy.",
    "1. Numbered lines like this one were kept by the editors.",
    "- Dashes opened this line as the editors intended.",
    "The command `rm -rf /` and *stars* and __underscores__ were quoted <https://example.org>.",
    "A closing tag </main></body></html> and a style <style>body{display:none}</style> were pasted.",
]
HOSTILE_TITLE = "<script>alert(1)</script> {{ 7*7 }} [t](javascript:x)"
# .txt: read literally (a .md file is read as Markdown, its syntax becoming text)
HOSTILE_FILE = "0_<b>bold<b>_[x](javascript:y)_&amp;.txt"
# what the templates themselves produce (the figures table, quotes, marks); article text adds none
ALLOWED_TAGS = {"h1", "h2", "p", "ul", "ol", "li", "a", "em", "strong", "blockquote", "table", "thead", "tbody", "tr", "th", "td"}


def hostile_brief() -> Brief:
    items = tuple(BriefItem(text=s, citations=(1,), origins=1, score=float(100 - i))
                  for i, s in enumerate(HOSTILE_SENTENCES))
    sections = (Section("key_facts", "Key facts", items[:6]), Section("outcomes", "Outcomes", items[6:]))
    source = Source(number=1, title=HOSTILE_TITLE, outlet="<b>Outlet</b>", date=dt.date(2025, 11, 1),
                    path=HOSTILE_FILE, url="javascript:alert(document.cookie)")
    return Brief(title="Brief <em>title</em> {{ 7*7 }}", date=dt.date(2025, 11, 1), sections=sections,
                 sources=(source,))


@pytest.fixture(scope="module")
def rendered():
    return render_brief(hostile_brief(), ROOT / "templates", "default", "A4")


def items_of(brief: Brief) -> list[str]:
    return [item.text for section in brief.sections for item in section.items]


def data_strings(brief: Brief) -> list[str]:
    source = brief.sources[0]
    return items_of(brief) + [brief.title, source.title, source.outlet, source.path, source.url]


def normal(text: str) -> str:
    return " ".join(text.split())


def assert_inert_html(html: str, strings: list[str]) -> None:
    """No element or link the text could have made, and every string shown literally."""
    parsed = parse_html(html)
    assert parsed.problems == []
    body_tags = [(tag, attrs) for tag, attrs in parsed.tags
                 if tag not in {"html", "head", "meta", "title", "style", "body", "main"}]
    assert {tag for tag, _ in body_tags} <= ALLOWED_TAGS
    assert [attrs for tag, attrs in body_tags if tag == "a" and not attrs.get("href", "").startswith("#source-")] == []
    assert all(set(attrs) <= {"href", "id"} for _, attrs in body_tags)
    text = normal("".join(parsed.text))
    for string in strings:
        assert normal(string) in text


def test_every_string_is_in_the_brief(rendered):
    assert items_of(rendered.brief) == HOSTILE_SENTENCES  # nothing dropped to fit the page


def test_html_shows_the_text_and_runs_nothing(rendered):
    assert_inert_html(rendered.html, data_strings(rendered.brief))
    assert "<script" not in rendered.html and "49" not in rendered.html


def test_markdown_is_escaped_even_for_a_renderer_that_allows_raw_html(rendered):
    # GitHub-style renderers pass raw HTML through: the escaping alone must keep it inert.
    permissive = MarkdownIt("commonmark", {"html": True}).render(rendered.markdown)
    assert_inert_html(f"<main>{permissive}</main>", data_strings(rendered.brief))
    assert re.findall(r"(?<!\\)<", rendered.markdown) == []  # every "<" escaped
    assert "49" not in rendered.markdown



def test_pdf_prints_the_text_and_links_nowhere(rendered):
    reader = pypdf.PdfReader(io.BytesIO(rendered.pdf))
    assert len(reader.pages) == 1
    text = squash(reader.pages[0].extract_text())
    for string in items_of(rendered.brief) + [HOSTILE_TITLE, HOSTILE_FILE]:
        assert squash(string) in text
    assert "49" not in text
    actions = [annotation.get_object().get("/A") for annotation in reader.pages[0].get("/Annots", [])]
    assert [a for a in actions if a is not None and a.get_object().get("/S") != "/GoTo"] == []
    assert b"/JavaScript" not in rendered.pdf and b"/URI" not in rendered.pdf


def test_a_hostile_article_builds_with_its_text_literal_in_all_outputs(tmp_path):
    front_matter = yaml.safe_dump({"title": HOSTILE_TITLE, "url": "javascript:alert(1)", "date": "2025-11-01"})
    body = "\n\n".join(HOSTILE_SENTENCES)
    config = make_project(
        tmp_path, {HOSTILE_FILE: f"---\n{front_matter}---\n{body}\n"},
        sections={"background": 10, "key_facts": 10, "outcomes": 10, "open_questions": 10},
    )
    result = only_output(build(load_config(config)))
    shown = items_of(result.rendered.brief)
    assert len(shown) >= 8
    assert set(shown) <= set(HOSTILE_SENTENCES)
    folder = result.folder
    html = (folder / "brief.html").read_text()
    markdown = (folder / "brief.md").read_text()
    strings = shown + [HOSTILE_TITLE, HOSTILE_FILE, "javascript:alert(1)"]
    assert_inert_html(html, strings)
    assert_inert_html(f"<main>{MarkdownIt('commonmark', {'html': True}).render(markdown)}</main>", strings)
    text = squash(pypdf.PdfReader(folder / "brief.pdf").pages[0].extract_text())
    for string in shown + [HOSTILE_TITLE]:
        assert squash(string) in text


def test_ampersand_entities_stay_literal(rendered):
    # "&amp;" in an article is five characters, not an ampersand.
    assert "&amp;amp;" in rendered.html
