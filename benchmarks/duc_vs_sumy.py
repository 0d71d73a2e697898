"""Speed (and ROUGE, for reference) of our summariser against sumy's LexRank.

    python benchmarks/duc_vs_sumy.py [DATASET] [--words 100] [--repeat 3]

Both get the same clusters, the same sentence splitter and the same word target; each
system's time is the best of ``--repeat`` runs over all clusters, from raw article texts
to summary.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.duc_eval import DEFAULT_DATASET  # noqa: E402
from benchmarks.harness import clean_wire_text, corpus_from_texts, split_sentences  # noqa: E402
from briefer.evaluate import load_dataset, score_summaries, summarize_corpus  # noqa: E402


class SumyTokenizer:
    """sumy's Tokenizer interface without NLTK's punkt data: our splitter, a regex for words."""

    language = "english"
    _word = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")

    def to_sentences(self, paragraph: str) -> list[str]:
        return split_sentences(clean_wire_text(paragraph))

    def to_words(self, sentence: str) -> list[str]:
        return self._word.findall(sentence)


def sumy_lexrank(words: int):
    """A function: article texts -> LexRank summary of about ``words`` words."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = SumyTokenizer()

    def best_until_words(ranked):  # sumy passes sentences best-rated first
        chosen, total = [], 0
        for info in ranked:
            if total >= words:
                break
            chosen.append(info)
            total += len(str(info.sentence).split())
        return chosen

    def summarize(texts: list[str]) -> str:
        document = PlaintextParser.from_string("\n\n".join(texts), tokenizer).document
        return " ".join(str(s) for s in summarizer(document, best_until_words))

    return summarize


def ours(words: int):
    return lambda texts: " ".join(summarize_corpus(corpus_from_texts(texts), words))


def timed(summarize, clusters, repeat: int) -> tuple[dict[str, str], float]:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        summaries = {c.name: summarize(list(c.docs)) for c in clusters}
        best = min(best, time.perf_counter() - start)
    return summaries, best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", default=str(DEFAULT_DATASET))
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    clusters = load_dataset(args.dataset)
    results = {
        "briefer (ours)": timed(ours(args.words), clusters, args.repeat),
        "sumy LexRank": timed(sumy_lexrank(args.words), clusters, args.repeat),
    }
    print(f"{len(clusters)} clusters, {args.words} words, best of {args.repeat} runs")
    print(f"{'system':16s} {'R-1':>6s} {'R-2':>6s} {'seconds':>8s} {'ms/cluster':>10s}")
    for system, (summaries, seconds) in results.items():
        r1, r2 = score_summaries(clusters, summaries, args.words)
        per_cluster = 1000 * seconds / len(clusters)
        print(f"{system:16s} {r1:6.2f} {r2:6.2f} {seconds:8.2f} {per_cluster:10.1f}")
    ratio = results["sumy LexRank"][1] / results["briefer (ours)"][1]
    print(f"speed-up over sumy LexRank: {ratio:.1f}x")


if __name__ == "__main__":
    main()
