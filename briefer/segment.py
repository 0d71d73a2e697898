"""Segment: placeholder splitter, replaced by the segment branch."""

from __future__ import annotations

import re

from .models import CleanArticle, Sentence

_BOUNDARY = re.compile(r"(?<=[.!?\"”’)])\s+(?=[\"“‘(]?[A-Z])")
_NOT_END = re.compile(r"\b(?:U\.S|U\.N|Mr|Mrs|Ms|Dr|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])\.$")


def split_sentences(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _NOT_END.search(text[start:match.start()]):
            continue
        pieces.append(text[start:match.start()].strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def segment(article: CleanArticle) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    for paragraph_index, paragraph in enumerate(article.paragraphs):
        for text in split_sentences(paragraph):
            sentences.append(Sentence(article.article.number, len(sentences), paragraph_index, " ".join(text.split())))
    return tuple(sentences)
