"""Corroboration: prefer what independent origins confirm.

Whatever ranker is in use, its scores are multiplied by a factor that grows with the
number of independent origins carrying an item (rewrites of one wire report count once):
1 origin x1, 2 origins x1.5, 3 or more x2. The order is then re-sorted by the adjusted
score, so corroborated items take their section's places first and give way last on a
full page. Kept outside rank.py so any ranker with the `Ranking(order, scores)` API gets it.
"""

from __future__ import annotations

from briefer.core.models import Corpus
from briefer.analysis.rank import Ranking

BONUS_PER_ORIGIN = 0.5
MOST_ORIGINS_COUNTED = 3


def origin_factor(origins: int) -> float:
    return 1.0 + BONUS_PER_ORIGIN * (min(max(origins, 1), MOST_ORIGINS_COUNTED) - 1)


def prefer_corroborated(corpus: Corpus, ranking: Ranking) -> Ranking:
    """The ranking with each score times its origin factor; the ranker's choice of items is kept."""
    scores = tuple(score * origin_factor(len(item.origins)) for item, score in zip(corpus.items, ranking.scores))
    position = {index: place for place, index in enumerate(ranking.order)}
    order = tuple(sorted(ranking.order, key=lambda i: (-scores[i], position[i])))
    return Ranking(order, scores)
