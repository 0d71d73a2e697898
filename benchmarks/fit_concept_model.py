"""Fit the ranker's concept model on a DUC-style dataset, and cross-validate it.

    python benchmarks/fit_concept_model.py [DATASET] [--folds 5] [--words 100]
                                           [--exponents 0.6,0.7,0.8,0.9,1.0]

For every cluster the articles go through the brief's stages (ingest .. dedupe); every
concept the ranker would weigh is labelled with the share of the reference summaries that use
it (and, for words, that use it twice). The logistic models (unigrams, pairs) are fitted to
those shares by log-loss, ``repeat_share`` by least squares on P(used twice) = share * p^2.

Printed: the constants fitted on all clusters (``briefer.analysis.rank.MODEL`` holds them), then ROUGE
with the constants fitted without the clusters being summarised (k-fold, by cluster) beside
ROUGE in-sample, and, for each length exponent asked for, ROUGE with the shipped model.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from briefer.commands.build import load_corpus  # noqa: E402
from briefer.commands.evaluate import Cluster, load_dataset, rouge_scorer, score_summaries  # noqa: E402
from briefer.core.models import Corpus  # noqa: E402
from briefer.analysis.rank import MODEL, Model, concept_probabilities, concept_signals, concepts, rank  # noqa: E402

DEFAULT_DATASET = REPO.parent / "shared" / "eval" / "duc2004-dev"


@dataclass(frozen=True)
class Labelled:
    unigram: np.ndarray  # per concept: is it a word (else a pair)
    features: np.ndarray  # concept x (lead_spread, log_tf)
    used: np.ndarray  # share of the references using it
    used_twice: np.ndarray  # share of the references using it at least twice


def labelled(corpus: Corpus, references: tuple[str, ...]) -> Labelled:
    texts = {m.text for item in corpus.items for m in item.members}
    found, signals = concept_signals(corpus, {text: concepts(text) for text in texts})
    _, weighed = concept_probabilities(signals, MODEL)  # the concepts the ranker weighs
    in_references = [concepts(reference) for reference in references]
    kept = [concept for concept, keep in zip(found, weighed) if keep]
    return Labelled(
        unigram=signals.unigram[weighed],
        features=np.column_stack([signals.lead_spread[weighed], signals.log_tf[weighed]]),
        used=np.array([np.mean([concept in found for found in in_references]) for concept in kept]),
        used_twice=np.array([np.mean([found.get(concept, 0) >= 2 for found in in_references]) for concept in kept]),
    )


def fit_logistic(features: np.ndarray, shares: np.ndarray) -> tuple[float, ...]:
    """Intercept and slopes minimising the log-loss against soft labels."""
    design = np.column_stack([np.ones(len(features)), features])

    def loss(beta: np.ndarray) -> tuple[float, np.ndarray]:
        p = np.clip(1 / (1 + np.exp(-design @ beta)), 1e-12, 1 - 1e-12)
        value = -np.mean(shares * np.log(p) + (1 - shares) * np.log(1 - p))
        return value, design.T @ (p - shares) / len(shares)

    fitted = minimize(loss, np.zeros(design.shape[1]), jac=True, method="L-BFGS-B").x
    return tuple(round(float(b), 2) for b in fitted)


def fit_model(data: list[Labelled], base: Model) -> Model:
    def stacked(field: str, unigram: bool) -> np.ndarray:
        return np.concatenate([getattr(d, field)[d.unigram == unigram] for d in data])

    unigram = fit_logistic(stacked("features", True), stacked("used", True))
    bigram = fit_logistic(stacked("features", False), stacked("used", False))
    features, twice = stacked("features", True), stacked("used_twice", True)
    p = 1 / (1 + np.exp(-(unigram[0] + features @ np.array(unigram[1:]))))
    repeat_share = round(float((twice * p**2).sum() / (p**4).sum()), 2)
    return replace(base, unigram=unigram, bigram=bigram, repeat_share=repeat_share)


def rouge(corpora: dict[str, Corpus], clusters: list[Cluster], model: Model, words: int, scorer) -> tuple[float, float]:
    summaries = {
        c.name: " ".join(corpora[c.name].items[i].text for i in rank(corpora[c.name], words, model).order)
        for c in clusters
    }
    return score_summaries(scorer, clusters, summaries, words)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--exponents", default="0.6,0.7,0.8,0.9,1.0")
    args = parser.parse_args(argv)

    scorer = rouge_scorer()
    if scorer is None:
        raise SystemExit("needs rouge-score: pip install 'briefer[eval]'")
    clusters = [c for c in load_dataset(args.dataset) if c.refs]
    corpora = {c.name: load_corpus(c.docs)[0] for c in clusters}
    data = {c.name: labelled(corpora[c.name], c.refs) for c in clusters}

    fitted = fit_model(list(data.values()), MODEL)
    print(f"fitted on all {len(clusters)} clusters: {fitted}")
    print(f"shipped (briefer.analysis.rank.MODEL):      {MODEL}")

    held_out: dict[str, str] = {}
    for fold in range(args.folds):
        test = clusters[fold::args.folds]
        model = fit_model([data[c.name] for c in clusters if c not in test], MODEL)
        print(f"  fold {fold + 1}: unigram {model.unigram} bigram {model.bigram} repeat {model.repeat_share}")
        for c in test:
            held_out[c.name] = " ".join(corpora[c.name].items[i].text for i in rank(corpora[c.name], args.words, model).order)
    r1, r2 = score_summaries(scorer, clusters, held_out, args.words)
    print(f"ROUGE-1 / ROUGE-2 recall x 100, {args.words} words")
    print(f"  {args.folds}-fold cross-validated: {r1:6.2f} {r2:6.2f}")
    print("  in-sample, fitted on all:  {:6.2f} {:6.2f}".format(*rouge(corpora, clusters, fitted, args.words, scorer)))
    for exponent in (float(e) for e in args.exponents.split(",") if e):
        shipped = replace(MODEL, length_exponent=exponent)
        r1, r2 = rouge(corpora, clusters, shipped, args.words, scorer)
        halves = [rouge(corpora, half, shipped, args.words, scorer) for half in (clusters[::2], clusters[1::2])]
        print(f"  shipped model, length exponent {exponent:.2f}: {r1:6.2f} {r2:6.2f}   halves "
              + "  ".join(f"{a:.2f} {b:.2f}" for a, b in halves))


if __name__ == "__main__":
    main()
