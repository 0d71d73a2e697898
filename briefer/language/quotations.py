"""Direct quotations in a whole article text, with offsets and their speakers."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Quotation:
    start: int  # offsets into the text given to find_quotes, the quoted words' first to last fragment
    end: int
    text: str
    speaker: str | None  # the fullest name the article gives, or None when it is unclear
    cue: str | None = None  # the attributing verb or phrase ("said", "according to")


_PAIRED = re.compile(r"“([^”\n]{2,})”|\"([^\"\n]{2,})\"|``([^'\n]{2,}?)''")


def find_quotes(text: str) -> tuple[Quotation, ...]:
    """Every span between matching quotation marks (speaker not yet read)."""
    found = []
    for match in _PAIRED.finditer(text):
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        start, end = match.start(group), match.end(group)
        found.append(Quotation(start, end, text[start:end], None))
    return tuple(found)
