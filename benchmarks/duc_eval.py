"""ROUGE of our summariser and of every published peer on a DUC-style dataset.

    python benchmarks/duc_eval.py [DATASET] [--words 100] [--summaries OUTDIR]

DATASET defaults to ../shared/eval/duc2004-dev relative to the repository root.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.harness import corpus_from_texts  # noqa: E402
from briefer.evaluate import load_dataset, score_peers, score_summaries, summarize_corpus  # noqa: E402

DEFAULT_DATASET = REPO.parent / "shared" / "eval" / "duc2004-dev"
OURS = "briefer (ours)"


def summarize_dataset(clusters, words: int) -> tuple[dict[str, str], float]:
    """Cluster name -> summary, and the seconds spent summarising (file reading excluded)."""
    start = time.perf_counter()
    summaries = {
        c.name: " ".join(summarize_corpus(corpus_from_texts(list(c.docs)), words)) for c in clusters
    }
    return summaries, time.perf_counter() - start


def print_table(scores: dict[str, tuple[float, float]]) -> None:
    print(f"{'system':16s} {'R-1':>6s} {'R-2':>6s}")
    for system, (r1, r2) in sorted(scores.items(), key=lambda kv: (-kv[1][1], -kv[1][0])):
        print(f"{system:16s} {r1:6.2f} {r2:6.2f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", default=str(DEFAULT_DATASET))
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--summaries", help="also write <cluster>.txt summaries here")
    args = parser.parse_args(argv)

    clusters = load_dataset(args.dataset)
    summaries, seconds = summarize_dataset(clusters, args.words)
    if args.summaries:
        out = Path(args.summaries)
        out.mkdir(parents=True, exist_ok=True)
        for name, text in summaries.items():
            (out / f"{name}.txt").write_text(text + "\n", encoding="utf-8")

    scores = score_peers(args.dataset, args.words)
    scores[OURS] = score_summaries(clusters, summaries, args.words)
    print(f"ROUGE recall x 100, summaries cut to {args.words} words, {len(clusters)} clusters")
    print_table(scores)
    print(f"summarising time: {seconds:.2f} s ({1000 * seconds / len(clusters):.1f} ms per cluster)")


if __name__ == "__main__":
    main()
