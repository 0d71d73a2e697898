"""Rank: placeholder scorer, replaced by the rank branch (same API)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .models import Corpus
from .text import content_words, jaccard


@dataclass(frozen=True)
class Ranking:
    order: tuple[int, ...]
    scores: tuple[float, ...]


def rank(corpus: Corpus, budget_words: int) -> Ranking:
    origins_using: dict[str, set[int]] = defaultdict(set)
    terms = [set(content_words(item.text)) for item in corpus.items]
    for item, item_terms in zip(corpus.items, terms):
        for term in item_terms:
            origins_using[term].update(item.origins)
    scores = []
    for item, item_terms in zip(corpus.items, terms):
        weight = sum(len(origins_using[t]) for t in item_terms) / (len(item_terms) + 5)
        scores.append(weight * (1 + len(item.origins)) / (1 + 0.1 * item.first.position))
    order: list[int] = []
    words = 0
    for index in sorted(range(len(scores)), key=lambda i: (-scores[i], i)):
        if words >= budget_words:
            break
        if any(jaccard(terms[index], terms[j]) >= 0.4 for j in order):
            continue
        order.append(index)
        words += len(corpus.items[index].text.split())
    return Ranking(tuple(order), tuple(scores))
