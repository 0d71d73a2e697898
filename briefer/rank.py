"""Rank the corpus items: what a brief should say, most important first.

The method is expected concept coverage, solved greedily:

1. Concepts are the stemmed content words of a sentence and its adjacent word pairs
   (bigrams); a pair of two stopwords is no concept.
2. Every concept gets the probability that a human summary of the corpus uses it, from a
   logistic model of two cross-article signals: how many independent origins use it and
   how early (the sum over origins of exp(-first position / 3), divided by the number of
   origins), and how often it is mentioned (log mentions per article). A concept used by
   a single origin gets no weight: one article's aside is not the story.
3. Only items that can stand alone as a line are picked: 8 to 60 words, no question, no
   personal pronoun as the first word.
4. Items are picked by cost-benefit greedy budgeted coverage (Khuller et al. 1999; Lin &
   Bilmes 2010): repeatedly the item adding the most not-yet-covered concept weight per
   word. A concept counts once, so an item repeating what is already said gains nothing;
   near-duplicates are also refused outright.

An item's score is its gain per word: for a selected item at the moment it was picked (so
scores fall along ``order``), for any other item what it would still add to the final
selection.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse

from briefer.models import Corpus, Item

# Logistic models P(a human summary uses the concept) = sigmoid(a + b * lead_spread + c * log_tf),
# fitted on the 20 DUC 2004 development clusters (unigrams and bigrams separately). Refitted
# without the clusters being summarised (2- to 20-fold), the coefficients move by 0.35 at most
# and ROUGE stays within 0.25 points of the in-sample score: they are not tuned to these 20.
UNIGRAM_MODEL = (-2.24, 3.95, 0.92)
BIGRAM_MODEL = (-2.38, 4.26, 1.21)
POSITION_DECAY = 3.0  # sentences; an early mention counts e-times more than one 3 sentences later
MIN_ORIGINS = 2  # concepts used by fewer independent origins are asides

MIN_WORDS = 8  # shorter sentences are mostly fragments, datelines or attributions
MAX_WORDS = 60  # longer ones are run-ons or splitting failures
# a sentence opening with a personal pronoun leans on the one before it: no line of its own
CONTEXT_DEPENDENT_OPENERS = frozenset("he she it they his her its their".split())
NEAR_DUPLICATE = 0.7  # share of the smaller item's content words that makes two items one claim

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just may me might more most mr mrs ms must my myself new no nor not
    now of off on once one only or other our ours ourselves out over own same say said says
    shall she should so some such than that the their theirs them themselves then there these
    they this those through to too two under until up us very was we were what when where
    which while who whom why will with would you your yours yourself yourselves s t""".split()
)

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_VOWEL = re.compile(r"[aeiouy]")

Concept = str | tuple[str, str]


@dataclass(frozen=True)
class Ranking:
    order: tuple[int, ...]  # indices into corpus.items of the SELECTED items, most important first
    scores: tuple[float, ...]  # an importance score for EVERY item in corpus.items (same length)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Light suffix stripping: conflates inflections (plural, -ed, -ing, -y/-ies, -e)."""
    if len(word) <= 3:
        return word
    if word.endswith("ies"):
        word = word[:-3] + "i"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 3 and _VOWEL.search(base):
            # undouble: "stopped" -> "stop", but keep "called" -> "call"
            word = base[:-1] if base[-1] == base[-2] and base[-1] not in "lsz" else base
            break
    if word.endswith("y") and len(word) > 3:
        word = word[:-1] + "i"
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lowercased word tokens; wire-style ``quotes'' and possessive 's are dropped."""
    text = text.lower().replace("``", " ").replace("''", " ")
    return [w[:-2] if w.endswith("'s") else w for w in _WORD.findall(text)]


def concepts(text: str) -> Counter[Concept]:
    """Stemmed content words and word pairs of ``text``, with their counts."""
    stems = [stem(w) for w in words(text)]
    found: Counter[Concept] = Counter(s for s in stems if s not in STOPWORDS)
    found.update(
        (a, b) for a, b in zip(stems, stems[1:]) if not (a in STOPWORDS and b in STOPWORDS)
    )
    return found


def word_count(text: str) -> int:
    return len(text.split())


def is_eligible(item: Item) -> bool:
    """Whether the item can stand alone as a line of a summary."""
    n = word_count(item.text)
    is_question = item.text.rstrip("'\"`” ").endswith("?")
    opener = words(item.text)[:1]
    leans_on_context = bool(opener) and opener[0] in CONTEXT_DEPENDENT_OPENERS
    return MIN_WORDS <= n <= MAX_WORDS and not is_question and not leans_on_context


def concept_weights(corpus: Corpus, concepts_of: dict[str, Counter[Concept]]) -> dict[Concept, float]:
    """Probability that a summary uses each concept, from every sentence of every article
    (``concepts_of`` maps each sentence text to its concepts)."""
    first_position: dict[Concept, dict[int, int]] = defaultdict(dict)
    mentions: Counter[Concept] = Counter()
    articles = set()
    for item in corpus.items:
        for sentence in item.members:
            articles.add(sentence.article)
            origin = corpus.origin_of.get(sentence.article, sentence.article)
            for concept, count in concepts_of[sentence.text].items():
                mentions[concept] += count
                earliest = first_position[concept].get(origin, sentence.position)
                first_position[concept][origin] = min(earliest, sentence.position)
    origins = {corpus.origin_of.get(a, a) for a in articles}
    min_origins = min(MIN_ORIGINS, len(origins))  # a one-source corpus still ranks
    weights = {}
    for concept, positions in first_position.items():
        if len(positions) < min_origins:
            continue
        lead_spread = sum(math.exp(-p / POSITION_DECAY) for p in positions.values()) / len(origins)
        log_tf = math.log(mentions[concept] / len(articles))
        a, b, c = UNIGRAM_MODEL if isinstance(concept, str) else BIGRAM_MODEL
        weights[concept] = 1.0 / (1.0 + math.exp(-(a + b * lead_spread + c * log_tf)))
    return weights


def _incidence(item_concepts: list[Iterable[Concept]], columns: dict[Concept, int]) -> sparse.csr_matrix:
    """Binary item x concept matrix."""
    rows, cols = [], []
    for row, found in enumerate(item_concepts):
        for concept in found:
            if concept in columns:
                rows.append(row)
                cols.append(columns[concept])
    data = np.ones(len(rows))
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(item_concepts), len(columns)))


def _is_near_duplicate(a: frozenset[str], b: frozenset[str]) -> bool:
    smaller = min(len(a), len(b))
    return smaller > 0 and len(a & b) >= NEAR_DUPLICATE * smaller


def rank(corpus: Corpus, budget_words: int) -> Ranking:
    """Select non-redundant items of at most ``budget_words`` words in all, most important
    first, and score every item."""
    items = corpus.items
    if not items:
        return Ranking(order=(), scores=())
    texts = {item.text for item in items} | {m.text for item in items for m in item.members}
    concepts_of = {text: concepts(text) for text in texts}
    weights = concept_weights(corpus, concepts_of)
    ordered = sorted(weights, key=str)  # a fixed column order keeps the result deterministic
    columns = {c: i for i, c in enumerate(ordered)}
    weight = np.array([weights[c] for c in ordered])
    matrix = _incidence([concepts_of[item.text] for item in items], columns)
    lengths = np.array([max(1, word_count(item.text)) for item in items], dtype=float)
    # ties go to the earliest sentence in its article, then to corpus order
    tie_break = np.lexsort((np.arange(len(items)), [item.first.position for item in items]))
    open_ = np.array([is_eligible(item) for item in items])
    uncovered = np.ones(len(columns))
    content = [frozenset(c for c in concepts_of[item.text] if isinstance(c, str)) for item in items]
    scores = np.zeros(len(items))
    order: list[int] = []
    used = 0
    while True:
        density = (matrix @ (weight * uncovered)) / lengths
        fits = open_ & (lengths <= budget_words - used)
        candidates = tie_break[fits[tie_break]]
        if candidates.size == 0:
            break
        best = candidates[np.argmax(density[candidates])]
        if density[best] <= 0:
            break
        open_[best] = False
        if any(_is_near_duplicate(content[best], content[chosen]) for chosen in order):
            continue
        scores[best] = density[best]
        order.append(int(best))
        used += int(lengths[best])
        uncovered[matrix[best].indices] = 0.0
    rest = np.ones(len(items), dtype=bool)
    rest[order] = False
    scores[rest] = ((matrix @ (weight * uncovered)) / lengths)[rest]
    return Ranking(order=tuple(order), scores=tuple(float(s) for s in scores))
