"""The newsletter reader (.eml): an alert or newsletter saved from the inbox.

The HTML part is read like a page (the plain-text part when there is none). An alert that
holds several clearly separate items, each a headline link followed by its own text, becomes
one article per item, its title and URL the link's, cited as `file.eml#N`. The message's Date
dates every article ("email date"); the sender's name is the outlet of a single-story
newsletter, the linked site that of an item.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
import re
from dataclasses import dataclass

from briefer.core.errors import InputError
from briefer.core.limits import shorten, split_long
from briefer.core.models import Article
from briefer.sources.html import Page, host_of, block_paragraphs, clean_paragraphs, extract_page, page_article
from briefer.sources.registry import register


@dataclass(frozen=True)
class ItemRules:
    headline_min_words: int = 3  # a headline link; "Unsubscribe", "View online" are shorter
    headline_share: float = 0.8  # the link is (nearly) all the text of its block
    body_min_words: int = 8  # an item has its own text, not just a link
    min_items: int = 2  # fewer is one story, read like a page


RULES = ItemRules()
_MARK = "\u2063ITEM{}\u2063"  # an invisible separator around the item number, not in any text
_MARKED = re.compile("\u2063ITEM(\\d+)\u2063")


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    paragraphs: tuple[str, ...]


def _message(text: str, name: str):
    try:
        message = email.message_from_string(text, policy=email.policy.default)
    except (ValueError, TypeError, IndexError) as exc:
        raise InputError(f"{name}: not a readable email message ({exc})") from None
    if not message.keys():
        raise InputError(f"{name}: not an email message (no headers)")
    return message


def _body(message, name: str) -> tuple[str, str]:
    part = message.get_body(preferencelist=("html", "plain"))
    if part is None:
        raise InputError(f"{name}: the message has no text or HTML part")
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError) as exc:
        raise InputError(f"{name}: its {part.get_content_type()} part cannot be decoded ({exc})") from None
    return part.get_content_subtype(), content


def _block_of(element):
    block = element.getparent()
    while block is not None and block.tag not in ("p", "div", "td", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table"):
        block = block.getparent()
    return block


def newsletter_items(markup: str) -> list[Item]:
    """The separate items of an alert: headline links each followed by text of their own."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return []
    heads: list[tuple[str, str]] = []
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        title = " ".join(link.text_content().split())
        block = _block_of(link)
        block_text = " ".join(block.text_content().split()) if block is not None else title
        if (not href.lower().startswith(("http://", "https://")) or len(title.split()) < RULES.headline_min_words
                or len(title) < RULES.headline_share * len(block_text)):
            continue
        for child in list(link):
            link.remove(child)
        link.text = _MARK.format(len(heads))
        heads.append((title, href))
    if len(heads) < RULES.min_items:
        return []
    items: list[list[str]] = []
    numbers: list[int] = []
    for paragraph in block_paragraphs(root):
        marked = _MARKED.search(paragraph)
        if marked:
            numbers.append(int(marked.group(1)))
            items.append([])
            rest = _MARKED.sub("", paragraph).strip(" -–—|:")
            if rest:
                items[-1].append(rest)
        elif items:
            items[-1].append(paragraph)
    found = []
    for number, paragraphs in zip(numbers, items):
        body = clean_paragraphs(paragraphs)
        if sum(len(p.split()) for p in body) >= RULES.body_min_words:
            title, url = heads[number]
            found.append(Item(title, url, tuple(body)))
    return found if len(found) >= RULES.min_items else []


def _date(message) -> dt.date | None:
    try:
        stamp = email.utils.parsedate_to_datetime(str(message.get("Date", "")))
    except (TypeError, ValueError, IndexError):
        return None
    return stamp.date() if stamp else None


def _sender(message) -> str | None:
    name, address = email.utils.parseaddr(str(message.get("From", "")))
    return name.strip() or (address.split("@")[-1] if "@" in address else None)


@register(".eml")
def read_eml(name: str, text: str) -> tuple[Article, ...]:
    message = _message(text, name)
    kind, content = _body(message, name)
    date = _date(message)
    subject = " ".join(str(message.get("Subject", "")).split()) or None
    sender = _sender(message)
    source = "email date" if date else None
    if kind == "html":
        items = newsletter_items(content)
        if items:
            return tuple(_item_article(f"{name}#{index}", item, date, sender)
                         for index, item in enumerate(items, start=1))
        page = extract_page(content)
        if not page.paragraphs:
            import lxml.html
            page = Page(None, None, None, None, None, tuple(block_paragraphs(lxml.html.document_fromstring(content))))
    else:
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", content) if p.strip()]
        page = Page(None, None, None, None, None, tuple(clean_paragraphs(paragraphs)))
    return (page_article(name, page, title=subject, outlet=sender, date=date, date_source=source),)


def _item_article(path: str, item: Item, date: dt.date | None, sender: str | None) -> Article:
    lines: list[str] = []
    for paragraph in item.paragraphs:
        lines.extend(split_long(paragraph) or [paragraph])
        lines.append("")
    outlet = host_of(item.url) or sender
    return Article(number=0, path=path, title=shorten(item.title), outlet=shorten(outlet) if outlet else None,
                   date=date, url=shorten(item.url), lines=tuple(lines), source="",
                   date_source="email date" if date else None)
