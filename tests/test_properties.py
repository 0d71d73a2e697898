"""Property tests: arbitrary Unicode, markup, and very long or very short sentences as
article text never crash the build, and every output it writes is valid.

Two tests, 200 examples each: one runs ingest, clean, segment, dedupe, rank, compose,
Markdown and HTML in-process (fast, and checks escaping in isolation); the other runs the
real build, which also lays out the PDF and writes all three files (about 0.1 s an example).
"""

from __future__ import annotations

import re

import datetime as dt
import tempfile
from pathlib import Path

import pypdf
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from briefer.core.text import as_printed
from briefer.commands.build import build, load_corpus
from briefer.brief.compose import compose
from briefer.config import DEFAULT_BUDGETS, load_config
from briefer.core.errors import InputError
from briefer.analysis.importance import brief_ranking
from briefer.output.render import render_markup, template_environment
from support import ROOT, make_project, only_output, parse_html

PIPELINE_EXAMPLES = 200
PDF_EXAMPLES = 200
# derandomize: CI runs the same examples every time (the rules of the house want deterministic tests).
settings.register_profile("briefer-ci", max_examples=PIPELINE_EXAMPLES, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CI = settings.get_profile("briefer-ci")

MARKUP = [
    "<script>alert(1)</script>", '<img src="http://127.0.0.1:9/x.png">', "</li></ul></main>", "<!--", "-->",
    "# heading", "## Sources", "[x](javascript:alert(1))", "![](http://127.0.0.1:9/p.png)", "<http://a.b>",
    "| a | b |", "|---|", "{{ 7*7 }}", "{% for x in y %}", "{#", "*", "**", "_", "`", "```", "~~~", "\\", "&amp;",
    "&#x41;", "&copy", "---", "===", "1.", "2)", "-", "+", ">", "[[1](#source-1)]", "[^1]", "\u202e", "\u200b",
    "\ufeff", "\u2028", "\x0c", "\x1b[31m", "\ud7ff", "\U0001f600", "e\u0301", "ﬁ",
]
WORDS = "the minister talks port deal signed officials said Monday India trade and of a".split()

word = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(MARKUP),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12),
)
ordinary = st.builds(lambda words, end: " ".join(words).capitalize() + end,
                     st.lists(word, min_size=1, max_size=25), st.sampled_from([".", "?", "!", "…", "", '."']))
very_long = st.builds(lambda w, n: " ".join([w] * n) + ".", st.sampled_from(WORDS + MARKUP), st.integers(150, 2500))
very_short = st.sampled_from(["A.", "I.", ".", "?!", "Ok.", "x", "1.", "-"])
long_token = st.builds(lambda c, n: "Token " + c * n + ".", st.sampled_from(["x", "<", "_", "\ufdfd", "—"]),
                       st.integers(100, 900))
sentence = st.one_of(ordinary, ordinary, ordinary, very_long, very_short, long_token)
paragraph = st.lists(sentence, min_size=1, max_size=6).map(" ".join)
article = st.builds(
    lambda title, paragraphs, joiner: (title + "\n\n" if title else "") + joiner.join(paragraphs) + "\n",
    st.one_of(st.just(""), ordinary), st.lists(paragraph, min_size=1, max_size=5), st.sampled_from(["\n\n", "\n"]),
)
articles = st.lists(article, min_size=1, max_size=3)

# what the templates themselves produce (the figures table, quotes, marks); article text adds none
ALLOWED_TAGS = {"h1", "h2", "p", "ul", "ol", "li", "a", "em", "strong", "blockquote", "table", "thead", "tbody", "tr", "th", "td"}
PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "main"}
MARKDOWN_ENV = template_environment(ROOT / "templates", "default", autoescape=False)
HTML_ENV = template_environment(ROOT / "templates", "default", autoescape=True)
PERMISSIVE = MarkdownIt("commonmark", {"html": True})  # as a Markdown viewer that allows raw HTML


def write_sources(folder: Path, texts: list[str]) -> None:
    for number, text in enumerate(texts, start=1):
        (folder / f"{number:03}.txt").write_text(text, encoding="utf-8")


def normal(text: str) -> str:
    return " ".join(text.split())


def assert_valid_and_inert(html: str, shown: list[str]) -> None:
    """Well-formed; no element or link that article text could have made; the text literal."""
    parsed = parse_html(html)
    assert parsed.problems == []
    tags = [(tag, attrs) for tag, attrs in parsed.tags if tag not in PAGE_TAGS]
    assert {tag for tag, _ in tags} <= ALLOWED_TAGS
    # links only to the brief's own sources, or (a digest of many stories) to a story's page
    # the build named itself: never anything article text could have made
    assert all(attrs.get("href", "#source-").startswith("#source-")
               or re.fullmatch(r"story-[A-Za-z0-9_-]+\.html", attrs["href"]) for _, attrs in tags)
    text = normal("".join(parsed.text))
    for item in shown:
        assert as_printed(normal(item)) in text  # literal, wire copy's `` '' and " _ " as printed


@CI
@given(texts=articles)
def test_any_article_text_gives_valid_inert_markdown_and_html(texts):
    with tempfile.TemporaryDirectory() as folder:
        write_sources(Path(folder), texts)
        try:
            corpus, _ = load_corpus(Path(folder))
        except InputError as refused:  # nothing usable: a clear one-line refusal is a valid outcome
            assert str(refused) and "\n" not in str(refused)
            event("refused")
            return
    brief = compose(corpus, brief_ranking(corpus), "Brief", DEFAULT_BUDGETS, dt.date(2025, 11, 1))
    markdown, html = render_markup(brief, MARKDOWN_ENV, HTML_ENV, "A4")
    shown = [item.text for section in brief.sections for item in section.items]
    event(f"items={min(len(shown), 5)}")
    assert_valid_and_inert(html, shown)
    assert_valid_and_inert(f"<main>{PERMISSIVE.render(markdown)}</main>", shown)


@settings(CI, max_examples=PDF_EXAMPLES)
@given(texts=articles)
def test_any_article_text_builds_three_valid_files_with_a_one_page_pdf(texts):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        config = make_project(root, {f"{n:03}.txt": text for n, text in enumerate(texts, start=1)})
        try:
            result = only_output(build(load_config(config), dt.date(2025, 11, 1)))
        except InputError as refused:
            assert str(refused) and "\n" not in str(refused)
            event("refused")
            return
        shown = [item.text for section in result.rendered.brief.sections for item in section.items]
        event(f"pdf items={min(len(shown), 5)}")
        names = {p.name for p in result.folder.iterdir()}
        assert {"brief.html", "brief.md", "brief.pdf"} <= names and not any(n.startswith(".") for n in names)
        assert_valid_and_inert((result.folder / "brief.html").read_text(encoding="utf-8"), shown)
        markdown = (result.folder / "brief.md").read_text(encoding="utf-8")
        assert_valid_and_inert(f"<main>{PERMISSIVE.render(markdown)}</main>", shown)
        assert len(pypdf.PdfReader(result.folder / "brief.pdf").pages) == 1
