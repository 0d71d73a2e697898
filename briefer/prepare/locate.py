"""Provenance: where each sentence stands in its source file's decoded text.

The splitter collapses whitespace and cleaning drops furniture between sentences, so a
sentence is searched for in order, from the end of the one before, allowing any run of
whitespace where the sentence has one. The search looks a bounded distance ahead, so a
sentence that cannot be found (text the reader rewrote) costs little and leaves the
position where it was.
"""

from __future__ import annotations

from collections.abc import Iterable

# How far past the previous sentence to look: cleaning removes furniture, never whole pages.
LOOKAHEAD_CHARS = 20_000


def find_in(source: str, text: str, position: int, lookahead: int = LOOKAHEAD_CHARS) -> tuple[int, int]:
    """Where `text` stands in `source` from `position` on, any whitespace run matching any
    other; (-1, -1) when it is not within `lookahead` characters."""
    words = text.split()
    if not words:
        return -1, -1
    limit = min(len(source), position + lookahead + len(text))
    at = source.find(words[0], position, limit)
    while at >= 0:
        cursor, ok = at + len(words[0]), True
        for word in words[1:]:
            skipped = cursor
            while skipped < len(source) and source[skipped].isspace():
                skipped += 1
            if skipped == cursor or not source.startswith(word, skipped):
                ok = False
                break
            cursor = skipped + len(word)
        if ok:
            return at, cursor
        at = source.find(words[0], at + 1, limit)
    return -1, -1


def locate(source: str, start: int, texts: Iterable[str]) -> list[tuple[int, int]]:
    """Offsets of each text in order, searched from `start`; (-1, -1) for one not found."""
    found, position = [], start
    for text in texts:
        span = find_in(source, text, position)
        if span[0] >= 0:
            position = span[1]
        found.append(span)
    return found
