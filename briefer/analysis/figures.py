"""Key figures: the numbers that matter and what each counts, in the sources' own words.

Every quantity in every sentence (see quantities.py) is grouped with the same value, unit
and counted noun elsewhere in the corpus; a group's label is a noun phrase taken verbatim
from one of its sentences ("Boeing P8I aircraft for the Indian Navy"), and its citations
are every article that states it. Figures rank by how many independent origins and
sources state them; small counts ("two officials") and numbers that count nothing
named are left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from briefer.core.models import Corpus, Figure
from briefer.language.quantities import Quantity, display_value, quantities

MOST_FIGURES = 5
# "two sides", "two officials": counts this small are the grammar of news, not its figures.
SMALLEST_COUNT = 3


@dataclass(frozen=True)
class _Mention:
    quantity: Quantity
    article: int
    origin: int


def _figure_key(quantity: Quantity) -> tuple:
    return (quantity.exact_value, quantity.unit, quantity.head)  # exact: two 23-digit numbers stay two


def _counts_something(quantity: Quantity) -> bool:
    if quantity.head is None or not quantity.label:
        return False
    if not (quantity.exact or quantity.changed_to):
        return False  # "over the next 10 years", the old value of "from 25% to 50%"
    return quantity.unit != "count" or quantity.value >= SMALLEST_COUNT


def _best_label(mentions: list[_Mention]) -> str:
    """The label most sources use; ties go to one with a following "of/on ..." phrase, then the shortest."""
    counts: dict[str, set[int]] = defaultdict(set)
    for mention in mentions:
        counts[mention.quantity.label].add(mention.article)
    return min(counts, key=lambda label: (-len(counts[label]), " of " not in label and " on " not in label
                                          and " for " not in label, len(label), label))


def key_figures(corpus: Corpus, disputed: frozenset[str] = frozenset()) -> tuple[Figure, ...]:
    """A handful of figures, the most corroborated first, each stated by its sources verbatim.

    Sentences in `disputed` (the claims of "Where sources disagree") give no figure: a value
    the sources contest is not stated as a fact in the table.
    """
    groups: dict[tuple, list[_Mention]] = defaultdict(list)
    for item in corpus.items:
        for member in item.members:
            if member.text in disputed:
                continue
            for quantity in quantities(member.text):
                if _counts_something(quantity):
                    groups[_figure_key(quantity)].append(
                        _Mention(quantity, member.article, corpus.origin_of[member.article]))
    figures = []
    for mentions in groups.values():
        articles = tuple(sorted({m.article for m in mentions}))
        origins = len({m.origin for m in mentions})
        # Corroboration first; a percentage, sum or duration says more than a bare count, and a
        # figure an article repeats in several sentences is one it leans on.
        repeats = len({(m.article, m.quantity.label) for m in mentions}) - len(articles)
        weight = (2 * origins + len(articles) + (0 if mentions[0].quantity.unit == "count" else 1)
                  + 0.5 * min(repeats, 2))
        figures.append((weight, min(m.article for m in mentions), Figure(
            value=display_value(mentions[0].quantity), label=_best_label(mentions),
            citations=articles, origins=origins, score=0.0)))
    figures.sort(key=lambda f: (-f[0], f[1], f[2].value, f[2].label))
    return tuple(figure for _, _, figure in figures[:MOST_FIGURES])
