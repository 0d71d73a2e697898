"""Dedupe: find articles that are rewrites of one report, and merge near-duplicate sentences.

Pairs are found through a sparse sentence-by-term matrix restricted to informative terms,
so the work grows with the number of sentences that share words, never with all pairs of
sentences or of articles.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import count

import numpy as np
from scipy import sparse

from briefer.analysis.disagree import one_line
from briefer.core.cues import phrase_pattern, phrases
from briefer.core.models import CleanArticle, Corpus, Item, Sentence
from briefer.core.text import is_content_word, jaccard, words, words_by_text

# Same words, near enough: the sentences may share one citation line.
NEAR_IDENTICAL = 0.6
# Same fact reported (in other words): evidence that two articles follow one report.
SAME_FACT = 0.2
# Share of the shorter article a rewrite must re-tell in order.
REWRITE_SHARE = 0.45
REWRITE_MIN_MATCHES = 3
MIN_OUTLET_NAME = 2  # letters: an outlet named by one letter would be found in too much prose
MIN_INITIALS = 3  # an outlet's initials credit it from three letters ("NNA"); "UN", "EU" name more than an outlet
MIN_SHARED_TERMS = 2


@dataclass(frozen=True)
class SentencePair:
    first: int  # index into the flat sentence list, first < second
    second: int
    word_overlap: float  # Jaccard over all words
    content_overlap: float  # Jaccard over content words


class UnionFind:
    """Disjoint sets of 0..size-1, joined by union; the smaller root names each set."""

    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, node: int) -> int:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def candidate_pairs(sentences: list[Sentence]) -> list[SentencePair]:
    """Sentence pairs sharing enough informative terms, scored by word overlap."""
    all_words, content = _incidences(sentences)
    if not content.nnz:
        return []
    # Terms used by a large share of sentences do not tell sentences apart; dropping them
    # keeps the product sparse on big inputs.
    document_frequency = np.asarray(content.sum(axis=0)).ravel()
    informative = document_frequency <= max(20, len(sentences) // 20)
    telling = content[:, np.flatnonzero(informative)]
    shared = sparse.triu(telling @ telling.T, k=1).tocoo()
    enough = shared.data >= MIN_SHARED_TERMS
    first, second = shared.row[enough], shared.col[enough]
    by_pair = np.lexsort((second, first))
    first, second = first[by_pair], second[by_pair]
    return [
        SentencePair(*pair) for pair in zip(
            first.tolist(), second.tolist(),
            _jaccards(all_words, first, second).tolist(), _jaccards(content, first, second).tolist(),
        )
    ]


def _incidences(sentences: list[Sentence]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Binary sentence x word matrices: all words, content words (the columns are shared)."""
    found, line = words_by_text([s.text for s in sentences])
    vocabulary = dict(zip(dict.fromkeys(found), count()))
    terms = len(vocabulary)
    entry = np.array(line, dtype=np.int64) * terms + np.fromiter(map(vocabulary.__getitem__, found), dtype=np.int64,
                                                                 count=len(found))
    is_content = np.fromiter(map(is_content_word, vocabulary), dtype=bool, count=terms)
    matrices = []
    for entries in (np.unique(entry), np.unique(entry[is_content[entry % max(terms, 1)]])):
        matrices.append(sparse.csr_matrix((np.ones(len(entries), dtype=np.int32), (entries // terms, entries % terms)),
                                          shape=(len(sentences), terms)))
    return matrices[0], matrices[1]


def _jaccards(matrix: sparse.csr_matrix, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Jaccard overlap of the term sets of rows ``first[k]`` and ``second[k]``, for every k."""
    sizes = np.diff(matrix.indptr)
    shared = np.asarray(matrix[first].multiply(matrix[second]).sum(axis=1)).ravel()
    union = sizes[first] + sizes[second] - shared
    return np.divide(shared, union, out=np.zeros(len(first)), where=union > 0)


def find_origins(articles: tuple[CleanArticle, ...], sentences: list[Sentence],
                 pairs: list[SentencePair]) -> dict[int, int]:
    """Article number -> origin id (the lowest article number of its group of rewrites).

    A rewrite re-tells most of the shorter article in the same order, in other words: for
    each sentence of the shorter article take its closest sentence in the longer one, and
    count the longest run of those matches that keeps the original order.
    """
    sentence_counts: dict[int, int] = defaultdict(int)
    for sentence in sentences:
        sentence_counts[sentence.article] += 1
    # (shorter, longer) article -> shorter's position -> (overlap, longer's position)
    closest: dict[tuple[int, int], dict[int, tuple[float, int]]] = defaultdict(dict)
    for pair in pairs:
        a, b = sentences[pair.first], sentences[pair.second]
        if a.article == b.article or pair.content_overlap < SAME_FACT:
            continue
        if (sentence_counts[a.article], a.article) > (sentence_counts[b.article], b.article):
            a, b = b, a
        matches = closest[(a.article, b.article)]
        candidate = (pair.content_overlap, -b.position)
        if a.position not in matches or candidate > matches[a.position]:
            matches[a.position] = candidate
    numbers = [c.article.number for c in articles]
    index = {number: i for i, number in enumerate(numbers)}
    groups = UnionFind(len(numbers))
    for (shorter, longer), matches in sorted(closest.items()):
        in_order = longest_increasing_run([-matches[p][1] for p in sorted(matches)])
        if in_order >= REWRITE_MIN_MATCHES and in_order >= REWRITE_SHARE * sentence_counts[shorter]:
            groups.union(index[shorter], index[longer])
    # A report that credits another's outlet and shares a claim with it retells that report.
    outlet_of = {c.article.number: " ".join(c.article.outlet.split()) for c in articles if c.article.outlet}
    credits = _credited(articles)
    for first, second in closest:  # the article pairs that share a claim
        for teller, other in ((first, second), (second, first)):
            if outlet_of.get(other) in credits.get(teller, ()) and outlet_of.get(teller) != outlet_of[other]:
                groups.union(index[teller], index[other])
    return {number: numbers[groups.find(index[number])] for number in numbers}


def _credited(articles: tuple[CleanArticle, ...]) -> dict[int, set[str]]:
    """Article number -> the outlets of the day's articles it credits in its own words, by name
    or by initials of three letters or more ("..., Reuters reported", "according to AFP" for
    Agence France-Presse, "NNA reported" for the Norrheim News Agency; "UN", "EU" name more than
    an outlet). A run of capitalised words where a crediting form puts the outlet is looked up
    among the outlets' names: one pass over the articles, whatever the number of outlets."""
    names: dict[str, str] = {}  # as written in a credit -> the outlet
    for clean in articles:
        outlet = " ".join((clean.article.outlet or "").split())
        if len(outlet) >= MIN_OUTLET_NAME:
            names[outlet] = outlet
            capitalised = [w for w in re.split(r"[\s-]+", outlet) if w[:1].isupper()]
            if len(capitalised) >= MIN_INITIALS:
                names.setdefault("".join(w[0] for w in capitalised), outlet)
    credited: dict[int, set[str]] = defaultdict(set)
    if not names:
        return credited
    for clean in articles:
        for paragraph in clean.paragraphs:
            for form, before in _credit_forms():
                for match in form.finditer(paragraph):
                    run = match.group("outlet").split()
                    # the outlet ends the run before a verb ("The Norrheim News Agency said") and
                    # opens the run after a preposition ("according to Reuters Television")
                    tries = (run[i:] for i in range(len(run))) if before else (run[:i] for i in range(len(run), 0, -1))
                    found = next((names[" ".join(t)] for t in tries if " ".join(t) in names), None)
                    if found:
                        credited[clean.article.number].add(found)
    return credited


_CAPITALISED_RUN = r"(?P<outlet>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,5})"


@lru_cache(maxsize=1)
def _credit_forms() -> tuple[tuple[re.Pattern, bool], ...]:
    """Each crediting form as a pattern (its words in any case, the outlet a run of capitalised
    words), and whether the outlet comes before the form's words."""
    forms = []
    for form in phrases("analysis", "crediting"):
        if "{outlet}" not in form:
            continue
        before, after = form.split("{outlet}", 1)
        pattern = (r"(?<!\w)(?i:" + phrase_pattern(before) + r")\s*" if before.strip() else r"(?<![\w-])") \
            + _CAPITALISED_RUN \
            + (r"\s*(?i:" + phrase_pattern(after) + r")" + (r"(?!\w)" if after[-1:].isalnum() else "") if after.strip() else "")
        forms.append((re.compile(pattern), not before.strip()))
    return tuple(forms)


def longest_increasing_run(values: list[int]) -> int:
    """Length of the longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    for value in values:
        slot = bisect_left(tails, value)
        if slot == len(tails):
            tails.append(value)
        else:
            tails[slot] = value
    return len(tails)


def _medoid(group: list[int], all_words: dict[int, set[str]]) -> int:
    """The member most like the others; ties go to the earliest sentence."""
    return max(
        group,
        key=lambda i: (sum(jaccard(all_words[i], all_words[j]) for j in group if j != i), -i),
    )


def merge_sentences(sentences: list[Sentence], pairs: list[SentencePair],
                    origin_of: dict[int, int]) -> tuple[Item, ...]:
    """Group near-identical sentences; each group's citation is checked against its representative.

    Sentences that state different values ("six aircraft" / "eight aircraft") or tell of
    different places ("killed 9 in Kesh" / "killed 15 in Tarrow") never share a citation line,
    however alike their words, nor one naming a place the other does not (disagree.one_line):
    that is a disagreement or another fact, not a duplicate.
    """
    apart = lru_cache(maxsize=None)(lambda a, b: not one_line(a, b))  # pairs come back when groups are split
    groups = UnionFind(len(sentences))
    for pair in pairs:
        if pair.word_overlap >= NEAR_IDENTICAL and not apart(sentences[pair.first].text, sentences[pair.second].text):
            groups.union(pair.first, pair.second)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(sentences)):
        members[groups.find(i)].append(i)
    # a sentence alone in its group is never compared: only groups need their words
    all_words = {i: set(words(sentences[i].text)) for group in members.values() if len(group) > 1 for i in group}
    items: list[Item] = []
    for group in members.values():
        while group:
            representative = _medoid(group, all_words)
            close = [i for i in group if i == representative or (
                jaccard(all_words[i], all_words[representative]) >= NEAR_IDENTICAL
                and not apart(sentences[i].text, sentences[representative].text))]
            items.append(_item(sentences[representative], [sentences[i] for i in close], origin_of))
            group = [i for i in group if i not in close]
    items.sort(key=lambda item: (item.first.position, item.first.article))
    return tuple(items)


def _item(representative: Sentence, members: list[Sentence], origin_of: dict[int, int]) -> Item:
    sources = tuple(sorted({m.article for m in members}))
    return Item(
        text=representative.text,
        members=tuple(sorted(members, key=lambda m: (m.article, m.position))),
        sources=sources,
        origins=tuple(sorted({origin_of[s] for s in sources})),
    )


def build_corpus(articles: tuple[CleanArticle, ...], sentences: list[Sentence]) -> Corpus:
    pairs = candidate_pairs(sentences)
    origin_of = find_origins(articles, sentences, pairs)
    return Corpus(articles=articles, origin_of=origin_of, items=merge_sentences(sentences, pairs, origin_of))
