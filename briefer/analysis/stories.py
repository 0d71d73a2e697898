"""Stories: group a day's articles into the events they report, and keep each story's id across days.

Each article becomes a sparse tf-idf vector over its content words (title and body). Pairs
to compare come from an inverted index over each article's few most distinctive terms, and
within one term only neighbours in a bounded window are paired: the work grows with the
number of articles, never with all pairs. Pairs whose cosine reaches `same_story` are linked,
and the linked groups are the stories; a group linked only through a thin chain is split
where it is thin (see `split_chains`), so two related events do not merge through one article.

A story's id comes from yesterday's record when the story continues one (shares an article
with it, or its centroid is close to the old one), else from its earliest article, so
tomorrow's follow-ups join today's story.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from briefer.core.models import Article
from briefer.core.query import matches
from briefer.core.text import is_content_word, words
from briefer.analysis.dedupe import UnionFind


@dataclass(frozen=True)
class StoryThresholds:
    """How alike two articles must be to report one event, and how much work a search may do."""

    rewrite: float = 0.6  # cosine at which two articles are one report retold: joined at once
    same_story: float = 0.08  # mean pairwise cosine at which two groups of articles are one story
    top_terms: int = 15  # each article is indexed under its this-many most distinctive terms
    window: int = 10  # within one term's articles, each is compared with this many neighbours
    continues: float = 0.3  # cosine of a story's centroid to a recorded one's to continue it
    centroid_terms: int = 40  # terms kept of each recorded story's centroid
    # Documents of news at large, none holding the folder's words, added to the folder when
    # weighing terms by rarity: ten articles are too few to say that a word all of them use is
    # common (it is what makes them one story); in a day's thousands these weigh nothing.
    prior_documents: int = 30


THRESHOLDS = StoryThresholds()
TITLE_WORDS = 14


@dataclass(frozen=True)
class ArticleTerms:
    """What grouping needs of one article: small enough to keep for ten thousand of them."""

    path: str
    title: str
    date: dt.date | None
    terms: tuple[tuple[str, int], ...]  # content word and its count, title words counted twice
    topics: tuple[int, ...] = ()  # indexes of the topic queries the article matches
    month_day: tuple[int, int] | None = None  # a dateline without its year (the day's date places it)


@dataclass(frozen=True)
class StoryGroup:
    id: str
    title: str
    members: tuple[int, ...]  # indexes into the article list, newest first then by path
    centroid: tuple[tuple[str, float], ...]  # the story's strongest terms and weights
    continued: bool = False  # the id came from an earlier record


def article_terms(article: Article, queries: tuple = ()) -> ArticleTerms:
    """The article's content words (numbers left out: they name no event), title words
    counted twice more; and which of the parsed topic `queries` its title and body match."""
    body = "\n".join(article.lines)
    counts = Counter(words(body))
    for w in words(article.title):
        counts[w] += 2
    counts = {w: n for w, n in counts.items() if is_content_word(w) and not w.isdigit()}
    text = article.title + "\n" + body
    topics = tuple(index for index, query in enumerate(queries) if matches(query, text)) if queries else ()
    return ArticleTerms(article.path, article.title, article.date, tuple(sorted(counts.items())), topics,
                        getattr(article, "month_day", None))


def _vectors(articles: list[ArticleTerms], prior: int = THRESHOLDS.prior_documents
             ) -> tuple[sparse.csr_matrix, list[str]]:
    """Rows: articles; columns: terms; values: (1 + log tf) * idf, rows of unit length."""
    vocabulary: dict[str, int] = {}
    indptr, indices, values = [0], [], []
    for article in articles:
        for term, count in article.terms:
            indices.append(vocabulary.setdefault(term, len(vocabulary)))
            values.append(1.0 + math.log(count))
        indptr.append(len(indices))
    matrix = sparse.csr_matrix((np.array(values, dtype=np.float64), np.array(indices, dtype=np.int64),
                                np.array(indptr, dtype=np.int64)), shape=(len(articles), len(vocabulary)))
    frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = np.log((1.0 + len(articles) + prior) / (1.0 + frequency)) + 1.0
    matrix = sparse.csr_matrix(matrix.multiply(idf[np.newaxis, :]))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)
    terms = [""] * len(vocabulary)
    for term, column in vocabulary.items():
        terms[column] = term
    return matrix, terms


def _top_terms(matrix: sparse.csr_matrix, count: int, shared: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's `count` heaviest terms among those another row shares (a term only one row
    has links nothing; `shared`: which terms, when the rows are part of a larger matrix), as
    parallel arrays of row, column and weight."""
    if shared is None:
        shared = np.bincount(matrix.indices, minlength=matrix.shape[1]) >= 2
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    keep = shared[matrix.indices]
    rows, columns, weights = rows[keep], matrix.indices[keep], matrix.data[keep]
    # rank of each entry within its row, heaviest first
    order = np.lexsort((-weights, rows))
    rows, columns, weights = rows[order], columns[order], weights[order]
    starts = np.searchsorted(rows, rows, side="left")
    top = (np.arange(len(rows)) - starts) < count
    return rows[top], columns[top], weights[top]


# Finds the candidate pairs of (rows, keys, weights) records with a window: the in-memory
# `pairs_sharing` below, or an engine's (a Dask shuffle on the key, commands/engine.py).
PairFinder = Callable[[np.ndarray, np.ndarray, np.ndarray, int], np.ndarray]


def candidate_pairs(matrix: sparse.csr_matrix, thresholds: StoryThresholds = THRESHOLDS,
                    find_pairs: PairFinder | None = None) -> np.ndarray:
    """Row pairs sharing a distinctive term: within each term's rows (ordered by the term's
    weight) each is paired with its `window` next ones, so at most rows x top_terms x window
    pairs, never all pairs. Rows (first, second), first < second, unique.

    The records are `keyed_terms`: a group-by on the key (the term) and a window within each
    key's group, done here in memory or by `find_pairs` (same arguments, same pairs)."""
    return (find_pairs or pairs_sharing)(*keyed_terms(matrix, thresholds), thresholds.window)


def keyed_terms(matrix: sparse.csr_matrix, thresholds: StoryThresholds = THRESHOLDS
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The records candidate pairs come from, as parallel arrays of row, key and weight: each
    row's `top_terms` heaviest terms that another row shares. The key is the term (its column):
    the articles' distinctive terms serve as the band keys that bucket articles to compare."""
    return _top_terms(matrix, thresholds.top_terms)


def window_pairs(group: Iterable[tuple[float, int]], window: int) -> list[tuple[int, int]]:
    """The pairs of one key's group of (weight, row) records: the rows ordered heaviest first
    (equal weights: the lower row first), each paired with its `window` next ones; each pair
    (lower row, higher row). `pairs_sharing` does the same for every key at once."""
    rows = [row for _, row in sorted(group, key=lambda record: (-record[0], record[1]))]
    return [(min(a, b), max(a, b)) for position, a in enumerate(rows)
            for b in rows[position + 1:position + 1 + window] if a != b]


def pairs_sharing(rows: np.ndarray, columns: np.ndarray, weights: np.ndarray, window: int) -> np.ndarray:
    """`window_pairs` of every key's group, unique, in memory: records ordered by key, then
    heaviest first; the records come in row order, so equal weights keep the lower row first."""
    order = np.lexsort((-weights, columns))
    rows, columns = rows[order], columns[order]
    firsts, seconds = [], []
    for step in range(1, window + 1):
        if step >= len(rows):
            break
        same = columns[:-step] == columns[step:]
        if not same.any():
            break
        firsts.append(rows[:-step][same])
        seconds.append(rows[step:][same])
    if not firsts:
        return np.zeros((0, 2), dtype=np.int64)
    a, b = np.concatenate(firsts), np.concatenate(seconds)
    pairs = np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    return np.unique(pairs, axis=0)


def similarities(matrix: sparse.csr_matrix, pairs: np.ndarray) -> np.ndarray:
    if not len(pairs):
        return np.zeros(0)
    return np.asarray(matrix[pairs[:, 0]].multiply(matrix[pairs[:, 1]]).sum(axis=1)).ravel()


def link(size: int, pairs: np.ndarray, scores: np.ndarray, threshold: float) -> list[list[int]]:
    """Groups of articles joined by pairs at or above the threshold, each sorted, in order of
    their first article."""
    union = UnionFind(size)
    for (a, b), score in zip(pairs.tolist(), scores.tolist()):
        if score >= threshold:
            union.union(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for node in range(size):
        groups[union.find(node)].append(node)
    return sorted(groups.values(), key=lambda group: group[0])


def _group_sums(matrix: sparse.csr_matrix, groups: list[list[int]]) -> sparse.csr_matrix:
    rows = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    columns = np.fromiter((m for g in groups for m in g), dtype=np.int64, count=len(rows))
    membership = sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(groups), matrix.shape[0]))
    return sparse.csr_matrix(membership @ matrix)


def _unit_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def average_link(matrix: sparse.csr_matrix, groups: list[list[int]], threshold: float,
                 thresholds: StoryThresholds = THRESHOLDS) -> list[list[int]]:
    """Group-average agglomeration by reciprocal nearest neighbours: two groups whose mean
    pairwise cosine is each one's best and at least `threshold` merge; rounds repeat until no
    pair does. Candidates come from the groups' centroids' distinctive terms, as for articles."""
    # Mean cosine of two groups, by their first members and sizes: groups only grow, so an
    # unchanged key is an unchanged pair and keeps the score it had.
    known: dict[tuple[int, int, int, int], float] = {}
    tops: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}  # a group's distinctive terms, by the same key
    while len(groups) > 1:
        sums = _group_sums(matrix, groups)
        sizes = np.array([len(g) for g in groups], dtype=np.float64)
        firsts = np.array([g[0] for g in groups])
        pairs = _group_candidates(_unit_rows(sums), firsts, sizes, tops, thresholds)
        if not len(pairs):
            break
        keys = list(zip(firsts[pairs[:, 0]].tolist(), sizes[pairs[:, 0]].astype(int).tolist(),
                        firsts[pairs[:, 1]].tolist(), sizes[pairs[:, 1]].astype(int).tolist()))
        fresh = np.array([key not in known for key in keys], dtype=bool)
        scores = np.array([known.get(key, 0.0) for key in keys])
        if fresh.any():
            scores[fresh] = similarities(sums, pairs[fresh]) / (sizes[pairs[fresh, 0]] * sizes[pairs[fresh, 1]])
        known.update((key, score) for key, score, new in zip(keys, scores.tolist(), fresh.tolist()) if new)
        keep = scores >= threshold
        if not keep.any():
            break
        mutual = _mutual_best(pairs[keep], scores[keep])
        if not mutual:
            break
        merged_into = {}
        for a, b in mutual:
            merged_into[b] = a
        joined = {a: list(groups[a]) for a in range(len(groups)) if a not in merged_into}
        for b, a in merged_into.items():
            joined[a].extend(groups[b])
        groups = [sorted(g) for g in joined.values()]
    return sorted(groups, key=lambda g: g[0])


def _group_candidates(unit: sparse.csr_matrix, firsts: np.ndarray, sizes: np.ndarray,
                      tops: dict, thresholds: StoryThresholds) -> np.ndarray:
    """candidate_pairs over the groups' centroids, reusing the distinctive terms of groups
    that did not change (`tops`, updated here) so a round costs what changed."""
    keys = list(zip(firsts.tolist(), sizes.astype(int).tolist()))
    missing = np.array([index for index, key in enumerate(keys) if key not in tops], dtype=np.int64)
    if len(missing):
        shared = np.bincount(unit.indices, minlength=unit.shape[1]) >= 2
        rows, columns, weights = _top_terms(unit[missing], thresholds.top_terms, shared)
        bounds = np.searchsorted(rows, np.arange(len(missing) + 1))
        for position, index in enumerate(missing.tolist()):
            start, end = bounds[position], bounds[position + 1]
            tops[keys[index]] = (columns[start:end], weights[start:end])
    rows = np.repeat(np.arange(len(keys)), [len(tops[key][0]) for key in keys])
    columns = np.concatenate([tops[key][0] for key in keys]) if keys else np.zeros(0, dtype=np.int64)
    weights = np.concatenate([tops[key][1] for key in keys]) if keys else np.zeros(0)
    return pairs_sharing(rows, columns, weights, thresholds.window)


def _mutual_best(pairs: np.ndarray, scores: np.ndarray) -> list[tuple[int, int]]:
    """Pairs (a, b) where b is a's best-scoring partner and a is b's (ties: the lower index)."""
    nodes = np.concatenate([pairs[:, 0], pairs[:, 1]])
    others = np.concatenate([pairs[:, 1], pairs[:, 0]])
    both = np.concatenate([scores, scores])
    order = np.lexsort((others, -both, nodes))
    nodes, others = nodes[order], others[order]
    first = np.ones(len(nodes), dtype=bool)
    first[1:] = nodes[1:] != nodes[:-1]
    best = dict(zip(nodes[first].tolist(), others[first].tolist()))
    return [(a, b) for a, b in best.items() if a < b and best.get(b) == a]


# --- Stories: groups, titles, ids ------------------------------------------------------
def group_articles(articles: list[ArticleTerms], thresholds: StoryThresholds = THRESHOLDS,
                   find_pairs: PairFinder | None = None) -> tuple[list[list[int]], sparse.csr_matrix, list[str]]:
    """The articles' stories as lists of indexes; and each article's vector and the terms.

    Articles with the very same words (one report with its paragraphs in another order, or
    syndicated unchanged) are one row while grouping: the work grows with distinct reports.
    `find_pairs`: how the articles' candidate pairs are found (see candidate_pairs); the
    merging of groups that follows runs here whichever found them."""
    if not articles:
        return [], sparse.csr_matrix((0, 0)), []
    row_of: dict[tuple, int] = {}
    rows = [row_of.setdefault(article.terms, len(row_of)) for article in articles]
    distinct = [None] * len(row_of)
    for article, row in zip(articles, rows):
        distinct[row] = distinct[row] or article
    matrix, terms = _vectors(distinct, thresholds.prior_documents)
    pairs = candidate_pairs(matrix, thresholds, find_pairs)
    groups = link(len(distinct), pairs, similarities(matrix, pairs), thresholds.rewrite)
    groups = average_link(matrix, groups, thresholds.same_story, thresholds)
    members: dict[int, list[int]] = defaultdict(list)
    group_of = {row: number for number, group in enumerate(groups) for row in group}
    for index, row in enumerate(rows):
        members[group_of[row]].append(index)
    article_rows = sparse.csr_matrix(matrix[np.array(rows)])
    return [members[number] for number in range(len(groups))], article_rows, terms


def _centroid(matrix: sparse.csr_matrix, members: list[int], terms: list[str], count: int
              ) -> tuple[tuple[str, float], ...]:
    row = np.asarray(matrix[members].sum(axis=0)).ravel()
    top = np.argsort(-row, kind="stable")[:count]
    top = top[row[top] > 0]
    norm = math.sqrt(float((row[top] ** 2).sum())) or 1.0
    return tuple(sorted(((terms[c], round(float(row[c]) / norm, 6)) for c in top), key=lambda t: (-t[1], t[0])))


def _central(matrix: sparse.csr_matrix, members: list[int]) -> int:
    """The member nearest the story's centroid: its title speaks for the story."""
    sub = matrix[members]
    centroid = np.asarray(sub.sum(axis=0)).ravel()
    scores = sub @ centroid
    return members[int(np.argmax(scores))]


def headline(corpus) -> str:
    """The story's headline: the title of its newest dated article (the first article's when none
    is dated), cut as a story's title is."""
    articles = [c.article for c in corpus.articles]
    dated = [a for a in articles if a.date is not None]
    newest = max(dated, key=lambda a: a.date) if dated else articles[0]
    return story_title(newest.title)


def story_title(title: str) -> str:
    words_ = title.split()
    return " ".join(words_[:TITLE_WORDS]) + (" …" if len(words_) > TITLE_WORDS and not title.endswith("…") else "")


def _new_id(first: ArticleTerms) -> str:
    digest = hashlib.sha1(f"{first.date}|{first.path}".encode("utf-8")).hexdigest()
    return f"s{digest[:10]}"


def _order_key(article: ArticleTerms) -> tuple:
    return (-(article.date.toordinal() if article.date else 0), article.path)


def _cosine(a: dict[str, float], b: tuple[tuple[str, float], ...]) -> float:
    return sum(weight * a.get(term, 0.0) for term, weight in b)


def make_stories(articles: list[ArticleTerms], previous: list[dict] | None = None,
                 thresholds: StoryThresholds = THRESHOLDS, find_pairs: PairFinder | None = None
                 ) -> tuple[StoryGroup, ...]:
    """The stories of these articles, largest first, with ids carried over from `previous`
    (a story record: [{"id", "articles": [path...], "centroid": [[term, weight]...]}]).
    `find_pairs`: see group_articles."""
    groups, matrix, terms = group_articles(articles, thresholds, find_pairs)
    by_path: dict[str, str] = {}
    recorded: list[tuple[str, dict[str, float]]] = []
    for story in previous or []:
        for path in story.get("articles", []):
            by_path.setdefault(str(path), str(story["id"]))
        recorded.append((str(story["id"]), {str(t): float(w) for t, w in story.get("centroid", [])}))
    stories, taken = [], set()
    for members in groups:
        members = sorted(members, key=lambda i: _order_key(articles[i]))
        centroid = _centroid(matrix, members, terms, thresholds.centroid_terms)
        shared = Counter(by_path[articles[i].path] for i in members if articles[i].path in by_path)
        story_id = next((sid for sid, _ in shared.most_common() if sid not in taken), None)
        if story_id is None and recorded:
            near = max(((_cosine(old, centroid), sid) for sid, old in recorded if sid not in taken), default=None)
            if near and near[0] >= thresholds.continues:
                story_id = near[1]
        continued = story_id is not None
        if story_id is None:
            story_id = _new_id(min((articles[i] for i in members), key=lambda a: (a.date or dt.date.max, a.path)))
        taken.add(story_id)
        title = story_title(articles[_central(matrix, members)].title)
        stories.append(StoryGroup(story_id, title, tuple(members), centroid, continued))
    return tuple(sorted(stories, key=lambda s: (-len(s.members), _order_key(articles[s.members[0]]), s.id)))


# A story is about a topic when at least this share of its articles match the query: a
# passing mention in one report of many does not make the story the audience's.
TOPIC_SHARE = 1 / 3


def story_topics(story: StoryGroup, articles: list[ArticleTerms], count: int) -> frozenset[int]:
    hits = Counter(t for i in story.members for t in articles[i].topics)
    return frozenset(t for t in range(count) if hits[t] >= TOPIC_SHARE * len(story.members))


def story_record(stories: tuple[StoryGroup, ...], articles: list[ArticleTerms]) -> list[dict]:
    """What the next day needs to recognise these stories."""
    return [{"id": s.id, "title": s.title, "articles": [articles[i].path for i in s.members],
             "centroid": [[t, w] for t, w in s.centroid]} for s in stories]
