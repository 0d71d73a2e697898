"""Extractive summaries of article folders, and their ROUGE on DUC-style datasets.

A summary is what the brief would say first: the folder goes through the brief's own
stages (``briefer.commands.build.load_corpus``: ingest, clean, segment, dedupe) and ranker, and the
ranked sentences are taken whole, most important first, until they hold the word target.

The metric, as in shared/eval/README.md: rouge-score's ROUGE-1 and ROUGE-2 *recall*
(Porter stemming, no stopword removal) of the summary cut to its first ``words``
whitespace-separated words, averaged over the cluster's references; a dataset's score is
the mean over its clusters, times 100.

A DUC-style dataset directory holds ``<cluster>/docs/*.txt`` (one article per file),
optionally ``<cluster>/refs/*.txt`` (human summaries) and ``_peers/<System>/<cluster>.txt``
(other systems' summaries of the same clusters).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefer.commands.build import load_corpus
from briefer.core.errors import InputError
from briefer.core.models import Corpus
from briefer.analysis.rank import rank
from briefer.core.progress import progress
from briefer.sources.ingest import is_undated_warning

PEERS_DIR = "_peers"
OURS = "briefer"
MISSING_SCORER = "ROUGE not computed: the rouge-score package is missing (pip install 'briefer[eval]')"


@dataclass(frozen=True)
class Cluster:
    name: str
    docs: Path  # folder of the cluster's articles
    refs: tuple[str, ...]  # human reference summaries; none when the cluster has no refs/


@dataclass(frozen=True)
class Evaluation:
    clusters: tuple[Cluster, ...]
    summaries: dict[str, tuple[str, ...]]  # cluster name -> summary sentences
    seconds: float  # summarising every cluster, from its folder to its summary
    scores: dict[str, tuple[float, float]]  # system -> (ROUGE-1, ROUGE-2) recall x 100
    scored: int  # clusters with references, the ones the scores are over
    warnings: tuple[str, ...]
    note: str | None = None  # why there are no scores, when there are none


def summarize_corpus(corpus: Corpus, words: int) -> list[str]:
    """The ranked sentences, most important first, until they hold at least ``words`` words
    (the ranker reads its budget to the end: the last sentence may run over, and the metric
    cuts the summary at ``words``)."""
    return [corpus.items[index].text for index in rank(corpus, budget_words=words).order]


def summarize_folder(folder: Path, words: int) -> tuple[list[str], tuple[str, ...]]:
    """The summary of the articles in ``folder``, and the ingest warnings. Every article is
    used: no brief date, no window (DUC articles are undated)."""
    corpus, warnings = load_corpus(folder, date=None, window_days=None)
    return summarize_corpus(corpus, words), warnings


def load_dataset(path: Path) -> tuple[Cluster, ...]:
    """Every ``<cluster>/docs`` folder of a DUC-style dataset, sorted by cluster name."""
    if not path.is_dir():
        raise InputError(f"dataset folder not found: {path}")
    clusters = tuple(
        Cluster(folder.name, folder / "docs", _read_texts(folder / "refs"))
        for folder in sorted(path.iterdir())
        if (folder / "docs").is_dir()
    )
    if not clusters:
        raise InputError(f"no <cluster>/docs folders in {path}")
    return clusters


def load_peers(path: Path) -> dict[str, dict[str, str]]:
    """System -> cluster name -> summary text, from ``<dataset>/_peers``."""
    root = path / PEERS_DIR
    if not root.is_dir():
        return {}
    return {
        system.name: {f.stem: f.read_text(encoding="utf-8", errors="replace") for f in system.glob("*.txt")}
        for system in sorted(root.iterdir())
        if system.is_dir()
    }


def _read_texts(folder: Path) -> tuple[str, ...]:
    if not folder.is_dir():
        return ()
    return tuple(f.read_text(encoding="utf-8", errors="replace") for f in sorted(folder.glob("*.txt")))


def rouge_scorer() -> Callable[[str, str], tuple[float, float]] | None:
    """(reference, summary) -> (ROUGE-1, ROUGE-2) recall, or None without rouge-score."""
    try:
        from rouge_score import rouge_scorer as rouge
    except ImportError:
        return None
    scorer = rouge.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)

    def recall(reference: str, summary: str) -> tuple[float, float]:
        scores = scorer.score(reference, summary)
        return scores["rouge1"].recall, scores["rouge2"].recall

    return recall


def truncate_words(text: str, words: int) -> str:
    """The first ``words`` whitespace-separated words of ``text``."""
    return " ".join(text.split()[:words])


def score_summaries(scorer: Callable[[str, str], tuple[float, float]], clusters: Sequence[Cluster],
                    summaries: Mapping[str, str], words: int) -> tuple[float, float]:
    """Mean (ROUGE-1, ROUGE-2) recall x 100 over clusters with references; a missing
    summary scores 0."""
    per_cluster = []
    for cluster in clusters:
        cut = truncate_words(summaries.get(cluster.name, ""), words)
        recalls = [scorer(reference, cut) for reference in cluster.refs]
        per_cluster.append(tuple(sum(r[k] for r in recalls) / len(recalls) for k in (0, 1)))
    return tuple(100 * sum(r[k] for r in per_cluster) / len(per_cluster) for k in (0, 1))


def evaluate(path: Path, words: int, summaries_dir: Path | None = None,
             scorer: Callable[[str, str], tuple[float, float]] | None = None) -> Evaluation:
    """Summarise every cluster of the dataset (writing ``<cluster>.txt`` files to
    ``summaries_dir`` if given) and score ours and the peers where references exist.
    ``scorer`` defaults to rouge-score's; without it there are no scores, only a note."""
    clusters = load_dataset(path)
    summaries: dict[str, tuple[str, ...]] = {}
    warnings: list[str] = []
    undated = 0
    start = time.perf_counter()
    for number, cluster in enumerate(clusters, start=1):
        progress("summarising %s (%d of %d clusters)", cluster.name, number, len(clusters))
        summary, found = summarize_folder(cluster.docs, words)
        summaries[cluster.name] = tuple(summary)
        warnings.extend(f"{cluster.name}: {warning}" for warning in found if not is_undated_warning(warning))
        undated += sum(1 for warning in found if is_undated_warning(warning))
    seconds = time.perf_counter() - start
    if undated:  # DUC-style articles carry no dates and a summary needs none: one line, not one per article
        warnings.append(f"{undated} articles undated (a summary needs no dates)")
    if summaries_dir is not None:
        summaries_dir.mkdir(parents=True, exist_ok=True)
        for name, summary in summaries.items():
            (summaries_dir / f"{name}.txt").write_text("".join(f"{s}\n" for s in summary), encoding="utf-8")
    referenced = [c for c in clusters if c.refs]
    scorer = scorer or rouge_scorer()
    if not referenced:
        return Evaluation(clusters, summaries, seconds, {}, 0, tuple(warnings), "ROUGE not computed: no refs/ folders")
    if scorer is None:
        return Evaluation(clusters, summaries, seconds, {}, 0, tuple(warnings), MISSING_SCORER)
    systems = {OURS: {name: " ".join(summary) for name, summary in summaries.items()}} | load_peers(path)
    scores = {system: score_summaries(scorer, referenced, texts, words) for system, texts in systems.items()}
    return Evaluation(clusters, summaries, seconds, scores, len(referenced), tuple(warnings))


def report(evaluation: Evaluation, words: int) -> list[str]:
    """The lines ``briefer eval`` prints: one table of every system, best ROUGE-2 first,
    then the summarising time."""
    lines = []
    if evaluation.scores:
        lines.append(f"ROUGE recall x 100, summaries cut to {words} words, "
                     f"{evaluation.scored} of {len(evaluation.clusters)} clusters with references")
        width = max(len("system"), *(len(system) for system in evaluation.scores))
        lines.append(f"{'system':{width}s}    R-1    R-2")
        ranked = sorted(evaluation.scores.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0]))
        lines.extend(f"{system:{width}s} {r1:6.2f} {r2:6.2f}" for system, (r1, r2) in ranked)
    else:
        lines.append(evaluation.note or "ROUGE not computed")
    count = len(evaluation.clusters)
    lines.append(f"summarising time: {evaluation.seconds:.2f} s for {count} clusters "
                 f"({1000 * evaluation.seconds / count:.1f} ms per cluster)")
    return lines
