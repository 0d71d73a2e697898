"""The plain-text and Markdown reader: front matter, a headline first line, date lines, datelines.

A .md file is read as Markdown: its text, not its syntax (`**bold**` is "bold", a link is its
words, a `#` heading is a line of text), one line per block.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from briefer.core.errors import InputError
from briefer.core.limits import shorten, split_long
from briefer.core.models import Article
from briefer.core.text import SENTENCE_END, words
from briefer.core.yaml_limits import YamlTooLarge, load_bounded
from briefer.sources.dating import dateline, find_date_line, parse_date, strip_dateline
from briefer.sources.registry import register

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
# Attribution and membership lines name the publisher even when no front matter does.
OUTLET_HINTS = (
    re.compile(r"\bmember of (?P<name>[A-Z][\w&'’. -]{2,40}?) to (?:start )?comment", re.I),
)
# Separators a site leaves after a headline ("Talks resume | Site -"): removed by one scan
# from the end (trailing_junk_start). The pattern (?:\s+[/|•·-]+)+\s*[.]?\s*$ said the same,
# but a regex engine tries it from every position: 0.8 s for a 5 KB run of " -".
TITLE_JUNK = frozenset("/|•·-")
HEADLINE_MAX_WORDS = 16



def split_front_matter(text: str) -> tuple[dict, str]:
    meta, start = front_matter(text)
    return meta, text[start:]


def front_matter(text: str) -> tuple[dict, int]:
    """The front matter's fields and where the body begins (0 when there is none usable)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    try:
        meta = load_bounded(match.group(1))
    except YamlTooLarge as exc:
        raise InputError(f"front matter refused: {exc.problem}") from None
    except (yaml.YAMLError, ValueError, RecursionError):  # impossible dates (2025-13-45), deep nesting
        meta = _plain_fields(match.group(1))  # "title: Recall: what patients need to know" is no YAML
        return (meta, match.end()) if meta else ({}, 0)
    if not isinstance(meta, dict):
        return {}, 0
    return meta, match.end()


_PLAIN_FIELD = re.compile(r"([A-Za-z_][\w-]*):(?:\s+(.*))?$")


def _plain_fields(block: str) -> dict:
    """Front matter written as plain "key: value" lines that YAML refuses (a colon inside a
    title, an impossible date): each line's key and the rest of it as text, or {} when a line
    is not of that form."""
    fields = {}
    for line in block.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        found = _PLAIN_FIELD.match(line.strip())
        if found is None:
            return {}
        value = (found.group(2) or "").strip()
        if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        fields[found.group(1).lower()] = value
    return fields


def _clean_title(line: str) -> str:
    return line[:trailing_junk_start(line)].strip()


def trailing_junk_start(line: str) -> int:
    """Where the trailing separators of a headline begin: one or more runs of / | • · -,
    each after whitespace, then maybe a period; len(line) when there are none. One pass
    from the end, so linear in the line's length."""
    end = len(line)
    while end and line[end - 1].isspace():
        end -= 1
    if end and line[end - 1] == ".":
        end -= 1
        while end and line[end - 1].isspace():
            end -= 1
    start = len(line)
    while True:
        junk = end
        while junk and line[junk - 1] in TITLE_JUNK:
            junk -= 1
        space = junk
        while space and line[space - 1].isspace():
            space -= 1
        if junk == end or space == junk:
            return start  # no separator run here, or one glued to a word
        start = end = space


def looks_like_headline(line: str, following: str | None) -> bool:
    """A short first line without sentence-final punctuation, followed by longer prose."""
    title = _clean_title(line)
    words = title.split()
    if not words or len(words) > HEADLINE_MAX_WORDS or following is None:
        return False
    return not SENTENCE_END.search(title) and len(following.split()) > len(words)


def find_outlet(lines: list[str]) -> str | None:
    for line in lines:
        for hint in OUTLET_HINTS:
            match = hint.search(line)
            if match:
                return match.group("name").strip()
    return None


def markdown_lines(body: str) -> list[str]:
    """The text of a Markdown body: one line per block (hard breaks kept), a blank line between blocks."""
    from markdown_it import MarkdownIt

    lines: list[str] = []
    for token in MarkdownIt("commonmark").parse(body):
        if token.type != "inline":
            continue
        parts = []
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type == "softbreak":  # a wrapped line of the same paragraph
                parts.append(" ")
            elif child.type == "hardbreak":
                parts.append("\n")
        text = "".join(parts).strip()
        if text:
            lines.extend(line.strip() for line in text.split("\n"))
            lines.append("")
    return lines


def parse_article(number: int, path: str, text: str) -> Article:
    meta, body_start = front_matter(text)
    body = text[body_start:].replace("\r\n", "\n").replace("\r", "\n")
    raw = markdown_lines(body) if path.lower().endswith(".md") else body.split("\n")
    # Over-long lines are cut at sentence ends so no later pattern or splitter sees a megabyte.
    lines = [piece for line in raw for piece in split_long(line.strip()) or [""]]
    date = parse_date(meta.get("date"))
    date_source = "front matter" if date else None
    found = find_date_line(lines)
    if found:  # the date line is metadata, not prose, wherever it stands in the opening
        index, line_date = found
        del lines[index]
        if date is None:
            date, date_source = line_date, "date line"
    kept = lines
    content = [line for line in kept if line]
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    if title:  # the headline the front matter gives, repeated as the body's opening line(s)
        repeated = _headline_lines(content, title)
        for line in content[:repeated]:
            kept.remove(line)
        content = content[repeated:]
    if content and looks_like_headline(content[0], content[1] if len(content) > 1 else None):
        title = title or _clean_title(content[0])
        kept.remove(content[0])
        content = content[1:]
    month_day = None
    opening = dateline(content[0]) if content else None
    if opening and date is None:
        date, month_day = opening.date, opening.month_day
        date_source = "dateline" if date else "dateline without a year"
    if not title:
        title = _fallback_title(content, path)
    outlet = meta.get("outlet") if isinstance(meta.get("outlet"), str) else find_outlet(content)
    url = meta.get("url") if isinstance(meta.get("url"), str) else None
    return Article(
        number=number,
        path=path,
        title=shorten(title),
        outlet=shorten(outlet) if outlet else None,
        date=date,
        url=shorten(url) if url else None,
        lines=tuple(kept),
        source=text,
        body_start=body_start,
        date_source=date_source,
        month_day=month_day,
    )


HEADLINE_LINES = 3  # a headline repeated in the body is written on this many lines at most
HEADLINE_WORDS = 20  # and has at most this many words: a longer "title" may be the lead itself


def _headline_lines(content: list[str], title: str) -> int:
    """How many opening lines of the body repeat the headline word for word ("Clinton blasts
    Trump over 'deportation force' idea." under that title; a two-part headline over two lines),
    0 if they do not: the headline is not a sentence of the report."""
    target, taken = words(title), []
    if len(target) > HEADLINE_WORDS:
        return 0
    for count, line in enumerate(content[:HEADLINE_LINES], start=1):
        taken += words(line)
        if taken == target:
            return count if count < len(content) else 0  # never the whole body
        if taken != target[:len(taken)]:
            return 0
    return 0


def _fallback_title(content: list[str], path: str) -> str:
    """No headline: the opening words of the first paragraph, marked as cut."""
    if not content:
        return Path(path).stem
    words = strip_dateline(content[0]).split()
    return " ".join(words[:12]) + (" …" if len(words) > 12 else "")


@register(".txt", ".md")
def read_text(name: str, text: str) -> tuple[Article, ...]:
    """One article per file."""
    return (parse_article(0, name, text),)
