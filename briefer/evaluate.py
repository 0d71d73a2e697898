"""ROUGE evaluation on DUC-style datasets, in the metric of shared/eval/README.md.

The metric: rouge-score's ROUGE-1 and ROUGE-2 *recall* (Porter stemming, no stopword
removal) of the system summary cut to its first ``words`` whitespace-separated words,
averaged over the cluster's references; a dataset score is the mean over clusters.

A DUC-style dataset directory holds ``<cluster>/docs/*.txt`` (one article per file),
``<cluster>/refs/*.txt`` (human summaries) and ``_peers/<System>/<cluster>.txt``
(other systems' summaries of the same clusters).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefer.models import Corpus
from briefer.rank import MAX_WORDS, rank

PEERS_DIR = "_peers"


@dataclass(frozen=True)
class Cluster:
    name: str
    docs: tuple[str, ...]  # article texts, in natural file-name order (C1, C2, ..., C10)
    refs: tuple[str, ...]  # human reference summaries


@lru_cache(maxsize=1)
def _scorer():
    try:
        from rouge_score import rouge_scorer
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise RuntimeError(
            "ROUGE evaluation needs the 'rouge-score' package: pip install 'briefer[eval]'"
        ) from error
    return rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)


def truncate_words(text: str, words: int) -> str:
    """The first ``words`` whitespace-separated words of ``text``."""
    return " ".join(text.split()[:words])


def rouge_recall(summary: str, references: list[str], words: int = 100) -> tuple[float, float]:
    """(ROUGE-1, ROUGE-2) recall in [0, 1] of ``summary`` cut to ``words`` words,
    averaged over ``references``."""
    if not references:
        raise ValueError("at least one reference summary is needed")
    scorer = _scorer()
    cut = truncate_words(summary, words)
    scores = [scorer.score(reference, cut) for reference in references]
    r1 = sum(s["rouge1"].recall for s in scores) / len(scores)
    r2 = sum(s["rouge2"].recall for s in scores) / len(scores)
    return r1, r2


def _natural_key(path: Path) -> list:
    """Sort C2 before C10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.name)]


def _read_texts(directory: Path) -> tuple[str, ...]:
    files = sorted(directory.glob("*.txt"), key=_natural_key)
    return tuple(f.read_text(encoding="utf-8", errors="replace") for f in files)


def load_dataset(path: str | Path) -> list[Cluster]:
    """Every cluster of a DUC-style dataset directory, sorted by name."""
    root = Path(path)
    clusters = [
        Cluster(name=d.name, docs=_read_texts(d / "docs"), refs=_read_texts(d / "refs"))
        for d in sorted(root.iterdir())
        if d.is_dir() and (d / "docs").is_dir() and (d / "refs").is_dir()
    ]
    if not clusters:
        raise FileNotFoundError(f"no <cluster>/docs + <cluster>/refs folders under {root}")
    return clusters


def load_peers(path: str | Path) -> dict[str, dict[str, str]]:
    """system -> cluster name -> summary text, from ``<dataset>/_peers``."""
    peers_root = Path(path) / PEERS_DIR
    if not peers_root.is_dir():
        return {}
    return {
        system.name: {f.stem: f.read_text(encoding="utf-8") for f in system.glob("*.txt")}
        for system in sorted(peers_root.iterdir())
        if system.is_dir()
    }


def score_summaries(
    clusters: Iterable[Cluster], summaries: Mapping[str, str], words: int = 100
) -> tuple[float, float]:
    """Mean (ROUGE-1, ROUGE-2) recall x 100 over the clusters; a missing summary scores 0."""
    per_cluster = [rouge_recall(summaries.get(c.name, ""), list(c.refs), words) for c in clusters]
    if not per_cluster:
        raise ValueError("no clusters to score")
    r1 = 100 * sum(r for r, _ in per_cluster) / len(per_cluster)
    r2 = 100 * sum(r for _, r in per_cluster) / len(per_cluster)
    return r1, r2


def score_peers(path: str | Path, words: int = 100) -> dict[str, tuple[float, float]]:
    """System -> mean (ROUGE-1, ROUGE-2) recall x 100 for every peer under ``_peers``."""
    clusters = load_dataset(path)
    return {
        system: score_summaries(clusters, summaries, words)
        for system, summaries in load_peers(path).items()
    }


def summarize_corpus(corpus: Corpus, words: int) -> list[str]:
    """The ranked sentences, most important first, until they hold at least ``words`` words
    (the last one may run over: the metric cuts the summary at ``words``)."""
    # with room for one more sentence of maximal length, greedy fills past ``words``
    ranking = rank(corpus, budget_words=words + MAX_WORDS)
    summary: list[str] = []
    total = 0
    for index in ranking.order:
        if total >= words:
            break
        text = corpus.items[index].text
        summary.append(text)
        total += len(text.split())
    return summary
