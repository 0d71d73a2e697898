"""Rank the corpus items: what a brief should say, most important first.

The method is expected word coverage of a reading budget, solved greedily. A selection is
good when the words someone summarising the same articles would write turn up in it, as
often as they would write them:

1. Concepts are the stemmed content words of a sentence and its adjacent word pairs with a
   content word in them (bigrams). The probability that a human summary uses a concept comes
   from a logistic model of two cross-article signals: how many independent origins use it
   and how early (the sum over origins of exp(-first position / 3), divided by the number of
   origins), and how often it is mentioned (log mentions per article). A concept used by a
   single origin gets no weight: one article's aside is not the story. A summary that uses
   a word with probability p uses it once more with probability ``repeat_share * p``, so a
   second mention of the story's main names still counts, for less; a pair counts once.
2. Function words ("the", "of") and pairs of them ("of the") are written about as often as
   the articles write them: a summary of ``budget_words`` words uses each a Poisson number
   of times, with the articles' rate times the budget as the mean.
3. An item's gain is the expected number of those uses it adds (the k-th use of a word counts
   with the probability that a summary uses it at least k times). Only items that can stand
   alone as a line are picked (8 to 60 words, no question, no personal pronoun as the first
   word), and only for what they add in content words: function words never earn a place.
4. Items are picked greedily by gain per word, the length raised to the model's exponent
   (0.8; Lin & Bilmes 2010), until the budget is read; an item running past the budget
   counts only for its words within it. Near-duplicates are refused outright.

An item's score is its gain per scaled word: for a selected item at the moment it was
picked (held at or below the score before it, so scores fall along ``order``), for any
other item what it would still add to the final selection.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import chain, compress, count, repeat
from operator import and_, not_

import numpy as np
from scipy import sparse

from briefer.core.text import stem
from briefer.core.models import Corpus, Item, Sentence

POSITION_DECAY = 3.0  # sentences; an early mention counts e-times more than one 3 sentences later
MIN_ORIGINS = 2  # concepts used by fewer independent origins are asides


@dataclass(frozen=True)
class Model:
    """The fitted constants of the method (benchmarks/fit_concept_model.py refits and
    cross-validates them)."""

    # P(a human summary uses the concept) = sigmoid(a + b * lead_spread + c * log_tf), fitted
    # to the share of reference summaries using each concept, unigrams and pairs separately
    unigram: tuple[float, float, float]
    bigram: tuple[float, float, float]
    # P(a summary uses a word again | it used it) = repeat_share * P(it uses it): a summary names
    # its subjects more than once, but seldom repeats a phrase, so a pair of words counts once
    repeat_share: float
    # Gain per word favours short items too much when picking greedily: a long item that adds
    # much beats a short one that adds a little more per word (Lin & Bilmes 2010 scale the cost).
    length_exponent: float


# Fitted on the 20 DUC 2004 development clusters. Refitted 5-fold without the clusters being
# summarised, the coefficients move by 0.3 at most and every cluster's summary stays the same.
# The length exponent is the middle of the plateau (0.7 to 0.9) that both halves of the
# clusters and every summary length from 60 to 150 words prefer over 1 (plain gain per word).
MODEL = Model(unigram=(-2.16, 3.83, 0.9), bigram=(-2.13, 3.54, 1.03), repeat_share=0.55, length_exponent=0.8)

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
_WORD_OR_LINE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|\n")

Concept = str | tuple[str, str]


@dataclass(frozen=True)
class Ranking:
    order: tuple[int, ...]  # indices into corpus.items of the SELECTED items, most important first
    scores: tuple[float, ...]  # an importance score for EVERY item in corpus.items (same length)


def words(text: str) -> list[str]:
    """Lowercased word tokens; wire-style ``quotes'' and possessive 's are dropped."""
    text = text.lower().replace("``", " ").replace("''", " ")
    return [w[:-2] if w.endswith("'s") else w for w in _WORD.findall(text)]


def concepts(text: str) -> Counter[Concept]:
    """Stemmed content words and word pairs with a content word in ``text``, with their counts."""
    tokens = words(text)
    stems = list(map(stem, tokens))
    # a stopword is known by its spelling, not its stem ("they" stems to "thei")
    stop = list(map(STOPWORDS.__contains__, tokens))
    stop_pair = map(and_, stop, stop[1:])
    return Counter(chain(compress(stems, map(not_, stop)), compress(zip(stems, stems[1:]), map(not_, stop_pair))))


def word_count(text: str) -> int:
    return len(text.split())


def is_eligible(item: Item) -> bool:
    """Whether the item can stand alone as a line of a summary."""
    n = word_count(item.text)
    is_question = item.text.rstrip("'\"`” ").endswith("?")
    opener = _WORD.search(item.text.lower().replace("``", " ").replace("''", " "))  # as ``words``
    leans_on_context = opener is not None and opener.group().removesuffix("'s") in CONTEXT_DEPENDENT_OPENERS
    return MIN_WORDS <= n <= MAX_WORDS and not is_question and not leans_on_context


@dataclass(frozen=True)
class ConceptSignals:
    """The cross-article signals of concepts."""

    unigram: np.ndarray  # a word (else a pair of words)
    lead_spread: np.ndarray  # sum over origins of exp(-first position / POSITION_DECAY), / origins
    log_tf: np.ndarray  # log(mentions per article)
    origins: np.ndarray  # how many origins use it


def concept_signals(corpus: Corpus, concepts_of: dict[str, Counter[Concept]]
                    ) -> tuple[tuple[Concept, ...], ConceptSignals]:
    """Every concept of every sentence of every article (``concepts_of`` maps each sentence
    text to its concepts), and its signals."""
    found: list[Concept] = []  # every concept of every member sentence,
    counts: list[int] = []  # its count there,
    members: list[int] = []  # and the member
    sentences = [sentence for item in corpus.items for sentence in item.members]
    for member, sentence in enumerate(sentences):
        mentioned = concepts_of[sentence.text]
        found.extend(mentioned)
        counts.extend(mentioned.values())
        members.extend([member] * len(mentioned))
    columns = dict(zip(dict.fromkeys(found), count()))
    column = np.fromiter(map(columns.__getitem__, found), dtype=int, count=len(found))
    unigram = np.fromiter(map(isinstance, columns, repeat(str)), dtype=bool, count=len(columns))
    signals = _signals(corpus, sentences, column, np.array(members, dtype=int), np.array(counts), unigram)
    return tuple(columns), signals


def _signals(corpus: Corpus, sentences: list[Sentence], column: np.ndarray, member: np.ndarray,
             counts: np.ndarray, unigram: np.ndarray) -> ConceptSignals:
    """Signals from concept mentions: each one's concept column, member sentence and count."""
    origin_ids: dict[int, int] = {}
    origin_of = np.array([origin_ids.setdefault(corpus.origin_of.get(s.article, s.article), len(origin_ids))
                          for s in sentences], dtype=int)
    articles = len({s.article for s in sentences})
    concepts = len(unigram)
    position = np.array([s.position for s in sentences], dtype=float)[member]
    mentions = np.bincount(column, weights=counts, minlength=concepts)
    # each origin's first mention of each concept: sort by (origin, concept), then position
    key = origin_of[member] * concepts + column
    by_key = np.lexsort((position, key))
    first = np.ones(len(by_key), dtype=bool)
    first[1:] = key[by_key][1:] != key[by_key][:-1]
    firsts = by_key[first]
    spread = np.bincount(column[firsts], weights=np.exp(-position[firsts] / POSITION_DECAY), minlength=concepts)
    return ConceptSignals(
        unigram=unigram,
        lead_spread=spread / max(len(origin_ids), 1),
        log_tf=np.log(mentions / max(articles, 1)),
        origins=np.bincount(column[firsts], minlength=concepts),
    )


def concept_weights(corpus: Corpus, concepts_of: dict[str, Counter[Concept]],
                    model: Model = MODEL) -> dict[Concept, float]:
    """Probability that a summary uses each concept used by enough independent origins."""
    concepts, signals = concept_signals(corpus, concepts_of)
    probability, weighed = concept_probabilities(signals, model)
    return dict(zip(compress(concepts, weighed), probability[weighed].tolist()))


def concept_probabilities(signals: ConceptSignals, model: Model) -> tuple[np.ndarray, np.ndarray]:
    """The probability that a summary uses each concept, and whether enough independent
    origins use it to be weighed at all."""
    a, b, c = (np.where(signals.unigram, u, v) for u, v in zip(model.unigram, model.bigram))
    probability = 1.0 / (1.0 + np.exp(-(a + b * signals.lead_spread + c * signals.log_tf)))
    # a corpus whose origins share no concept (one source, or unrelated ones) still ranks
    return probability, signals.origins >= min(MIN_ORIGINS, signals.origins.max(initial=1))


@dataclass(frozen=True)
class Reading:
    """Every distinct sentence text of a corpus, read at once. A concept or function gram is
    a code: a stem's number, or ``stems + first * stems + second`` for a pair."""

    vocabulary: dict[str, int]  # stem -> number
    concepts: tuple[np.ndarray, np.ndarray]  # per mention: the code, the text
    function: tuple[np.ndarray, np.ndarray]

    @classmethod
    def of(cls, texts: list[str]) -> Reading:
        # the texts in one string, a line each: one pass of each kind over all their words
        joined = "\n".join(text.replace("\n", " ") for text in texts).lower().replace("``", " ").replace("''", " ")
        pieces = _WORD_OR_LINE.findall(joined)  # as ``words``, lines apart
        line_break = np.fromiter(map("\n".__eq__, pieces), dtype=bool, count=len(pieces))
        text = np.cumsum(line_break)[~line_break]
        tokens = [w[:-2] if w.endswith("'s") else w for w in pieces if w != "\n"]
        stems = list(map(stem, tokens))
        # a stopword is known by its spelling, not its stem ("they" stems to "thei")
        stop = np.fromiter(map(STOPWORDS.__contains__, tokens), dtype=bool, count=len(tokens))
        vocabulary = dict(zip(dict.fromkeys(stems), count()))
        number = np.fromiter(map(vocabulary.__getitem__, stems), dtype=np.int64, count=len(stems))
        pair = len(vocabulary) + number[:-1] * len(vocabulary) + number[1:]
        in_one_text = text[:-1] == text[1:]
        stop_pair = stop[:-1] & stop[1:]
        content_pair, function_pair = in_one_text & ~stop_pair, in_one_text & stop_pair
        return cls(
            vocabulary,
            (np.concatenate([number[~stop], pair[content_pair]]), np.concatenate([text[~stop], text[:-1][content_pair]])),
            (np.concatenate([number[stop], pair[function_pair]]), np.concatenate([text[stop], text[:-1][function_pair]])),
        )

    def codes(self, text: str) -> np.ndarray:
        """The concept codes of a text not read with the others (words unknown to them are left out)."""
        tokens = words(text)
        number = np.array([self.vocabulary.get(stem(w), -1) for w in tokens], dtype=np.int64)
        content = ~np.fromiter(map(STOPWORDS.__contains__, tokens), dtype=bool, count=len(tokens))
        known = number >= 0
        pairs = (content[:-1] | content[1:]) & known[:-1] & known[1:]
        pair = len(self.vocabulary) + number[:-1] * len(self.vocabulary) + number[1:]
        return np.concatenate([number[content & known], pair[pairs]])


@dataclass(frozen=True)
class ReadCorpus:
    """A corpus read once: its distinct texts, which text each member sentence and each item is."""

    corpus: Corpus
    texts: list[str]
    reading: Reading
    member_text: np.ndarray
    item_text: np.ndarray

    @classmethod
    def of(cls, corpus: Corpus) -> ReadCorpus:
        members = [sentence.text for item in corpus.items for sentence in item.members]
        texts = list(dict.fromkeys([item.text for item in corpus.items] + members))
        number = {text: i for i, text in enumerate(texts)}
        return cls(corpus, texts, Reading.of(texts), np.array([number[text] for text in members], dtype=int),
                   np.array([number[item.text] for item in corpus.items], dtype=int))

    def weighed(self, model: Model) -> tuple[np.ndarray, np.ndarray]:
        """The codes of the concepts weighed, in increasing order, and their probabilities:
        ``concept_weights`` from the words read at once."""
        mentioned, member = _mentions_in(self.reading.concepts, len(self.texts), self.member_text)
        codes, column = np.unique(mentioned, return_inverse=True)
        members = [sentence for item in self.corpus.items for sentence in item.members]
        unigram = codes < len(self.reading.vocabulary)
        signals = _signals(self.corpus, members, column, member, np.ones(len(column)), unigram)
        probability, weighed = concept_probabilities(signals, model)
        return codes[weighed], probability[weighed]

    def incidence(self, known: np.ndarray) -> sparse.csr_matrix:
        """Binary item x concept matrix over the ``known`` codes."""
        in_items, item = _mentions_in(self.reading.concepts, len(self.texts), self.item_text)
        column = _columns(in_items, known)
        entries = np.unique(item[column >= 0] * len(known) + column[column >= 0])
        width = max(len(known), 1)
        return sparse.csr_matrix((np.ones(len(entries)), (entries // width, entries % width)),
                                 shape=(len(self.item_text), len(known)))


def _mentions_in(mentions: tuple[np.ndarray, np.ndarray], texts: int, wanted: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray]:
    """The codes mentioned in each wanted text, and the index in ``wanted`` of each."""
    code, text = mentions
    by_text = np.argsort(text, kind="stable")
    per_text = np.bincount(text, minlength=texts)
    start = np.cumsum(per_text) - per_text
    sizes = per_text[wanted]
    owner = np.repeat(np.arange(len(wanted)), sizes)
    within = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return code[by_text][start[wanted][owner] + within], owner


def _columns(codes: np.ndarray, known: np.ndarray) -> np.ndarray:
    """The column of each code among the sorted ``known`` codes, -1 for an unknown code."""
    if not known.size:
        return np.full(len(codes), -1)
    column = np.minimum(np.searchsorted(known, codes), len(known) - 1)
    return np.where(known[column] == codes, column, -1)


@dataclass(frozen=True)
class FunctionWords:
    """Expected matches of function grams with a summary of the budget's length."""

    expected: np.ndarray  # gram x uses: expected matches of the first ``uses`` uses
    rows: np.ndarray  # per (item, gram) entry: the item ...
    grams: np.ndarray  # ... the gram ...
    counts: np.ndarray  # ... and how often the item uses it
    items: int

    @classmethod
    def of(cls, reading: Reading, texts: list[str], member_text: np.ndarray, item_text: np.ndarray,
           budget_words: int) -> FunctionWords:
        used, _ = _mentions_in(reading.function, len(texts), member_text)
        grams_used, used_count = np.unique(used, return_counts=True)
        words_read = np.array([word_count(text) for text in texts])[member_text].sum()
        mean = max(budget_words, 0) * used_count / max(words_read, 1)
        in_items, item = _mentions_in(reading.function, len(texts), item_text)
        entries, counts = np.unique(item * len(grams_used) + _columns(in_items, grams_used), return_counts=True)
        return cls(_expected_matches(mean), entries // max(len(grams_used), 1), entries % max(len(grams_used), 1),
                   counts, len(item_text))

    def gain(self, uses: np.ndarray) -> np.ndarray:
        """Per item, the expected matches its function grams add to ``uses`` so far."""
        if not self.rows.size:
            return np.zeros(self.items)
        most = self.expected.shape[1] - 1
        before = uses[self.grams]
        added = (self.expected[self.grams, np.minimum(before + self.counts, most)]
                 - self.expected[self.grams, np.minimum(before, most)])
        return np.bincount(self.rows, weights=added, minlength=self.items)

    def uses_of(self, item: int) -> tuple[np.ndarray, np.ndarray]:
        """The item's grams and how often it uses each."""
        entries = self.rows == item
        return self.grams[entries], self.counts[entries]


def _expected_matches(mean: np.ndarray) -> np.ndarray:
    """gram x m: sum over k = 1..m of P(N >= k) for N ~ Poisson(mean); m runs far enough
    into the tail that further uses match nothing."""
    if not mean.size:
        return np.zeros((0, 1))
    mean = np.maximum(mean, 1e-12)  # a zero budget expects nothing
    largest = float(mean.max())
    longest = int(largest + 10 * math.sqrt(largest) + 10)
    k = np.arange(longest)
    log_factorial = np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, longest)))])
    log_pmf = -mean[:, None] + k[None, :] * np.log(mean)[:, None] - log_factorial[None, :]
    at_least = np.clip(1.0 - np.cumsum(np.exp(log_pmf), axis=1), 0.0, 1.0)  # P(N >= k + 1)
    return np.hstack([np.zeros((len(mean), 1)), np.cumsum(at_least, axis=1)])


def _is_near_duplicate(a: frozenset[str], b: frozenset[str]) -> bool:
    smaller = min(len(a), len(b))
    return smaller > 0 and len(a & b) >= NEAR_DUPLICATE * smaller


def rank(corpus: Corpus, budget_words: int, model: Model = MODEL) -> Ranking:
    """Select non-redundant items to be read in order up to ``budget_words`` words (the last
    one may run past the budget), most important first, and score every item."""
    items = corpus.items
    if not items:
        return Ranking(order=(), scores=())
    read = ReadCorpus.of(corpus)
    reading, texts, member_text, item_text = read.reading, read.texts, read.member_text, read.item_text
    known, weight = read.weighed(model)  # the columns: codes in increasing order
    again = model.repeat_share * weight * (known < len(reading.vocabulary))  # a word, not a pair
    incidence = read.incidence(known)
    function = FunctionWords.of(reading, texts, member_text, item_text, budget_words)
    lengths = np.array([max(1, word_count(item.text)) for item in items], dtype=float)
    # ties go to the earliest sentence in its article, then to corpus order
    tie_break = np.lexsort((np.arange(len(items)), [item.first.position for item in items]))
    place = np.empty(len(items), dtype=int)
    place[tie_break] = np.arange(len(items))
    open_ = np.array([is_eligible(item) for item in items])
    uses = np.zeros(len(known))  # how many selected items use each concept
    function_uses = np.zeros(function.expected.shape[0], dtype=int)

    def content_words(index: int) -> frozenset[str]:
        return frozenset(c for c in concepts(items[index].text) if isinstance(c, str))

    def read_within(index: int, left: int, value: np.ndarray) -> float:
        """The content gain of the item's first ``left`` words."""
        read = _columns(reading.codes(" ".join(items[index].text.split()[:left])), known)
        return float(value[np.unique(read[read >= 0])].sum())

    scores = np.zeros(len(items))
    order: list[int] = []
    used = 0
    while used < budget_words:
        left = budget_words - used
        value = weight * again**uses  # what one more use of each concept is expected to match
        content_gain = incidence @ value
        share = np.minimum(1.0, left / lengths)  # function words are spread through an item
        function_gain = function.gain(function_uses) * share
        scaled = np.minimum(lengths, left) ** model.length_exponent
        # exact for the items that fit; for longer ones an upper bound, as their words past
        # the budget are not read: their exact gain is worked out only while it could win
        bound = (content_gain + function_gain) / scaled
        candidates = tie_break[(open_ & (content_gain > 0))[tie_break]]
        best, best_density = -1, 0.0
        for index in candidates[np.argsort(-bound[candidates], kind="stable")]:
            if bound[index] < best_density:
                break
            density = bound[index]
            if lengths[index] > left:
                within = read_within(int(index), left, value)
                density = (within + function_gain[index]) / scaled[index] if within > 0 else 0.0
            if density > best_density or (density == best_density > 0 and place[index] < place[best]):
                best, best_density = int(index), density
        if best < 0:
            break
        open_[best] = False
        if any(_is_near_duplicate(content_words(best), content_words(chosen)) for chosen in order):
            continue
        scores[best] = min(best_density, scores[order[-1]]) if order else best_density
        order.append(best)
        used += int(lengths[best])
        uses[incidence[best].indices] += 1
        used_grams, counts = function.uses_of(best)
        function_uses[used_grams] += counts
    rest = np.ones(len(items), dtype=bool)
    rest[order] = False
    content_gain = incidence @ (weight * again**uses)
    gain = content_gain + function.gain(function_uses)
    scores[rest] = np.where(content_gain > 0, gain / lengths**model.length_exponent, 0.0)[rest]
    return Ranking(order=tuple(order), scores=tuple(float(s) for s in scores))
