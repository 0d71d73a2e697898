"""Importance of every item for the brief.

The summariser (rank.py) picks by *marginal* gain: once a concept is covered, a sentence
stating it again gains nothing, which is right for a 100-word summary but makes the scores
of everything after the first few picks meaningless as importance. A brief needs each
line's own weight, to fill its sections and to decide what gives way on a full page, so
here an item's salience is the summariser's concept weights (how many independent origins
use a concept, how early, how often) summed over the concepts it states, per square root
of its length: long sentences say more, but not proportionally more. Redundancy is handled
where items are placed (sections.assign_sections), not here.
"""

from __future__ import annotations

import math

import re

from briefer.core.models import Corpus, Item
from briefer.analysis.rank import CONTEXT_DEPENDENT_OPENERS, Ranking, concept_weights, concepts, word_count

MIN_WORDS = 6  # "Talks resumed in Geneva on Monday." is a line; "Contact us." is not
MAX_WORDS = 70
# "It is unclear whether ...", "It was not immediately known ...": an expletive "it" leans on nothing.
EXPLETIVE_IT = re.compile(r"^[\"“‘'`]*It (?:is|was|has been|had been|remains|seems|appears)\b")
FIRST_WORD = re.compile(r"[A-Za-z]+")


def salience(corpus: Corpus) -> tuple[float, ...]:
    texts = {member.text for item in corpus.items for member in item.members}
    concepts_of = {text: concepts(text) for text in texts}
    weights = concept_weights(corpus, concepts_of)
    return tuple(
        sum(weights.get(concept, 0.0) for concept in concepts_of[item.text]) / math.sqrt(word_count(item.text))
        for item in corpus.items
    )


def can_stand_alone(item: Item) -> bool:
    """A line a reader can take on its own: a whole statement, not a question, not leaning on
    the sentence before it through a pronoun."""
    words = word_count(item.text)
    if not MIN_WORDS <= words <= MAX_WORDS or item.text.rstrip("\"'`”’ ").endswith("?"):
        return False
    first = FIRST_WORD.search(item.text)
    leans = first is not None and first.group(0).lower() in CONTEXT_DEPENDENT_OPENERS
    return not leans or bool(EXPLETIVE_IT.match(item.text))


def brief_ranking(corpus: Corpus) -> Ranking:
    """Every item that can stand as a line, most salient first; every item scored."""
    scores = salience(corpus)
    eligible = [index for index, item in enumerate(corpus.items) if can_stand_alone(item)]
    order = tuple(sorted(eligible, key=lambda index: (-scores[index], index)))
    return Ranking(order=order, scores=scores)
