"""Keyword queries for audience topics: words, "exact phrases", AND, OR, NOT and parentheses.

    tariffs AND (India OR "United States") NOT cricket

Words next to each other without an operator must all be there (AND). Matching is on the
words of `core.text.words` (case-insensitive, house spellings folded); a word ending in `*`
matches any word it begins ("tariff*": tariff, tariffs). NOT binds tightest, then AND, then OR.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefer.core.text import words

_TOKEN = re.compile(r'\s*(?:"(?P<phrase>[^"]*)"|(?P<paren>[()])|(?P<word>[^\s()"]+))')
OPERATORS = ("AND", "OR", "NOT")


class QueryError(ValueError):
    """A query that cannot be read; the message says where."""


@dataclass(frozen=True)
class Words:
    words: tuple[str, ...]  # one word, or a phrase's words in order
    prefix: bool = False  # the last word may be the start of a longer one


@dataclass(frozen=True)
class Not:
    part: object


@dataclass(frozen=True)
class AllOf:
    parts: tuple


@dataclass(frozen=True)
class AnyOf:
    parts: tuple


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise QueryError(f"an unclosed quotation mark at character {position + 1}")
        position = match.end()
        if match.group("phrase") is not None:
            tokens.append(("phrase", match.group("phrase")))
        elif match.group("paren"):
            tokens.append((match.group("paren"), match.group("paren")))
        elif match.group("word") in OPERATORS:
            tokens.append((match.group("word"), match.group("word")))
        else:
            tokens.append(("word", match.group("word")))
    return tokens


def parse(text: str):
    """The query as a tree of Words, Not, AllOf and AnyOf; QueryError when it cannot be read."""
    if not isinstance(text, str) or not text.strip():
        raise QueryError("an empty query")
    tokens = _tokens(text)
    position = 0

    def peek() -> str | None:
        return tokens[position][0] if position < len(tokens) else None

    def take() -> tuple[str, str]:
        nonlocal position
        position += 1
        return tokens[position - 1]

    def either():
        parts = [every()]
        while peek() == "OR":
            take()
            parts.append(every())
        return parts[0] if len(parts) == 1 else AnyOf(tuple(parts))

    def every():
        parts = [negated()]
        while peek() in ("AND", "NOT", "word", "phrase", "("):
            if peek() == "AND":
                take()
            parts.append(negated())
        return parts[0] if len(parts) == 1 else AllOf(tuple(parts))

    def negated():
        if peek() == "NOT":
            take()
            return Not(negated())
        return atom()

    def atom():
        kind = peek()
        if kind is None:
            raise QueryError("the query ends where a word, phrase or '(' was expected")
        kind, value = take()
        if kind == "(":
            inner = either()
            if peek() != ")":
                raise QueryError("a '(' is never closed")
            take()
            return inner
        if kind in ("word", "phrase"):
            prefix = kind == "word" and value.endswith("*")
            found = tuple(words(value.rstrip("*")))
            if not found:
                raise QueryError(f"{value!r} holds no word to search for")
            return Words(found, prefix)
        raise QueryError(f"{value!r} where a word, phrase or '(' was expected")

    tree = either()
    if position < len(tokens):
        raise QueryError(f"unexpected {tokens[position][1]!r}")
    return tree


def _has(tokens: list[str], present: set[str], query: Words) -> bool:
    if len(query.words) == 1 and not query.prefix:
        return query.words[0] in present
    size = len(query.words)
    head, last = query.words[:-1], query.words[-1]
    for start in range(len(tokens) - size + 1):
        if tuple(tokens[start:start + size - 1]) == head:
            word = tokens[start + size - 1]
            if word == last or (query.prefix and word.startswith(last)):
                return True
    return False


def matches(query, text: str) -> bool:
    """Whether the text satisfies the parsed query."""
    tokens = words(text)
    present = set(tokens)

    def holds(node) -> bool:
        if isinstance(node, Words):
            return _has(tokens, present, node)
        if isinstance(node, Not):
            return not holds(node.part)
        if isinstance(node, AllOf):
            return all(holds(part) for part in node.parts)
        return any(holds(part) for part in node.parts)

    return holds(query)
