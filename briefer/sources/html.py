"""The web page reader (.html, .htm): the article body and its metadata, through trafilatura,
then our own cleaning of the page furniture trafilatura leaves in.

trafilatura (the field's reference extractor) is run in its precision mode without comments:
on news pages it keeps the story and drops more of the site around it. When that reading
looks cut short beside trafilatura's broader reading of the same page, the broader one is
used. Then paragraphs that address the reader (subscribe, follow us, tip-offs), labels that
point elsewhere ("Related: ...") and the run of links and sign-offs that closes many pages
are removed. Every rule is a shape of news pages, never one site's strings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from briefer.core.cues import pattern, phrases
from briefer.core.limits import shorten, split_long
from briefer.core.models import Article
from briefer.core.text import SENTENCE_END
from briefer.sources.dating import parse_date
from briefer.sources.registry import register


@dataclass(frozen=True)
class PageRules:
    furniture_max_words: int = 40  # a call to action is short; longer paragraphs are reporting
    link_item_max_words: int = 15  # "- Photos: Europa, mysterious icy moon" closing a page
    stub_max_chars: int = 20  # "Comments", "Share this": a lone label word closing a page
    # The precise reading is "cut short" when it keeps less than this share of the broad
    # reading's words: then the broad reading is the article.
    truncated_share: float = 0.5


RULES = PageRules()
_PRECISE = dict(favor_precision=True, include_comments=False, include_tables=True)
_BROAD = dict(favor_recall=True, include_comments=False, include_tables=True)
# Dates from the page's own metadata only: an extensive search would take a date from the text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# A shortcode of a page builder left in the text: [button link="..."] ... [/button].
_SHORTCODE = re.compile(r"\[[a-z_]+\s+[a-z_]+\s*=[^\]]*\]|\[/[a-z_]+\]")
_LIST_ITEM = re.compile(r"^[-*•]\s+")
_STUB = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+){0,2}")  # up to three words of letters only


@dataclass(frozen=True)
class Page:
    title: str | None
    site: str | None
    author: str | None
    date: dt.date | None
    url: str | None
    paragraphs: tuple[str, ...]


def _label() -> re.Pattern:
    alternatives = "|".join(re.escape(p) for p in sorted(phrases("sources", "page_labels"), key=len, reverse=True))
    return re.compile(rf"^(?:{alternatives})\s*[:|–—]", re.I)


def _words(text: str) -> int:
    return len(text.split())


def is_call_to_action(paragraph: str) -> bool:
    return _words(paragraph) <= RULES.furniture_max_words and bool(pattern("sources", "page_furniture").search(paragraph))


def is_label(paragraph: str) -> bool:
    return bool(_label().match(_LIST_ITEM.sub("", paragraph)))


def is_closing_furniture(paragraph: str) -> bool:
    """A paragraph of the run that closes a page: calls to action, labels, link lists, stubs."""
    if is_call_to_action(paragraph) or is_label(paragraph) or _SHORTCODE.search(paragraph):
        return True
    if SENTENCE_END.search(paragraph):
        return False
    if _LIST_ITEM.match(paragraph) and _words(paragraph) <= RULES.link_item_max_words:
        return True
    return len(paragraph) <= RULES.stub_max_chars and _STUB.fullmatch(paragraph) is not None


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Drop labels and shortcodes anywhere, and the run of furniture closing the page (inside the
    story a sign-up line may be the story: a deals page lists offers)."""
    kept = [p for p in paragraphs if not is_label(p) and not _SHORTCODE.fullmatch(p.strip())]
    kept = [_SHORTCODE.sub("", p).strip() if _SHORTCODE.search(p) else p for p in kept]
    kept = [p for p in kept if p]
    while kept and is_closing_furniture(kept[-1]):
        kept.pop()
    return kept


def _paragraphs(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").split("\n") if line.strip()]


def _extract(html: str, **options):
    import trafilatura  # imported on first use: it is slow to load and only pages need it

    try:
        return trafilatura.bare_extraction(html, with_metadata=True, date_extraction_params=_DATE_PARAMS,
                                           **options)
    except (ValueError, TypeError, RecursionError, AttributeError):
        return None  # a page lxml cannot build a tree from


def extract_page(html: str) -> Page:
    precise = _extract(html, **_PRECISE)
    body = _paragraphs(getattr(precise, "text", None))
    broad = _extract(html, **_BROAD)
    broad_body = _paragraphs(getattr(broad, "text", None))
    if _words(" ".join(body)) < RULES.truncated_share * _words(" ".join(broad_body)):
        body = broad_body
    meta = precise or broad
    return Page(
        title=_text(meta, "title"),
        site=_text(meta, "sitename") or host_of(_text(meta, "url")),
        author=_text(meta, "author"),
        date=parse_date(_text(meta, "date")),
        url=_text(meta, "url"),
        paragraphs=tuple(clean_paragraphs(body)),
    )


def _text(document, field: str) -> str | None:
    value = getattr(document, field, None) if document is not None else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def page_article(name: str, page: Page, *, title: str | None = None, outlet: str | None = None,
                 date: dt.date | None = None, date_source: str | None = None, url: str | None = None) -> Article:
    """An Article from a page read by `extract_page`; given fields win over the page's own."""
    lines: list[str] = []
    for paragraph in page.paragraphs:
        lines.extend(split_long(paragraph) or [paragraph])
        lines.append("")
    title = title or page.title or (" ".join(page.paragraphs[0].split()[:12]) if page.paragraphs else name)
    if date is None and page.date is not None:
        date, date_source = page.date, "page metadata"
    outlet = outlet or page.site
    url = url or page.url
    return Article(
        number=0, path=name, title=shorten(title), outlet=shorten(outlet) if outlet else None,
        date=date, url=shorten(url) if url else None, lines=tuple(lines),
        source="",  # offsets into the page's markup would mean nothing
        date_source=date_source if date else None,
        authors=(page.author,) if page.author else (),
    )


@register(".html", ".htm")
def read_html(name: str, text: str) -> tuple[Article, ...]:
    """One article per saved page."""
    return (page_article(name, extract_page(text)),)


_SPACES = re.compile(r"\s+")
_BLOCKS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table",
           "section", "article", "header", "footer", "pre", "dd", "dt", "figcaption")


def fragment_paragraphs(markup: str) -> list[str]:
    """The text of an HTML fragment (a feed entry's content, a newsletter item), one paragraph
    per block element; scripts, styles and markup are dropped."""
    import lxml.html
    from lxml import etree

    if "<" not in markup:
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", markup) if p.strip()]
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    return block_paragraphs(root)


def block_paragraphs(root) -> list[str]:
    for element in list(root.iter("script", "style", "noscript", "template", "head")):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        # Line breaks in the markup are spaces; only block elements and <br> break lines.
        element.text = _SPACES.sub(" ", element.text) if element.text else element.text
        element.tail = _SPACES.sub(" ", element.tail) if element.tail else element.tail
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCKS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    text = root.text_content()
    paragraphs = (" ".join(part.split()) for part in text.split("\n"))
    return [p for p in paragraphs if p]
