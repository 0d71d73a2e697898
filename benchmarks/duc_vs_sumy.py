"""Speed (and ROUGE, for reference) of our summariser against sumy's LexRank, side by side.

    python benchmarks/duc_vs_sumy.py [DATASET] [--words 100] [--repeat 3]

Ours is exactly what ``briefer eval`` times: each cluster's docs/ folder through ingest,
clean, segment, dedupe and rank. sumy's LexRank reads the same files and splits sentences
with our splitter (its own needs NLTK data, which cannot be downloaded here), words with a
regex. Both take whole sentences, best first, until the word target. The two run in turns,
``--repeat`` times each; each system's time is its best run over all clusters.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.duc_eval import DEFAULT_DATASET  # noqa: E402
from briefer.commands.evaluate import Cluster, load_dataset, rouge_scorer, score_summaries, summarize_folder  # noqa: E402
from briefer.prepare.segment import split_sentences  # noqa: E402

Summarizer = Callable[[Path], str]  # a docs/ folder -> its summary


class SumyTokenizer:
    """sumy's Tokenizer interface without NLTK's punkt data: our splitter, a regex for words."""

    language = "english"
    _word = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")

    def to_sentences(self, paragraph: str) -> list[str]:
        return split_sentences(paragraph)

    def to_words(self, sentence: str) -> list[str]:
        return self._word.findall(sentence)


def sumy_lexrank(words: int) -> Summarizer:
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

    def summarize(folder: Path) -> str:
        texts = [f.read_text(encoding="utf-8", errors="replace") for f in sorted(folder.glob("*.txt"))]
        document = PlaintextParser.from_string("\n\n".join(texts), tokenizer).document
        return " ".join(str(s) for s in summarizer(document, best_until_words))

    return summarize


def ours(words: int) -> Summarizer:
    return lambda folder: " ".join(summarize_folder(folder, words)[0])


def timed(summarize: Summarizer, clusters: list[Cluster]) -> tuple[dict[str, str], float]:
    start = time.perf_counter()
    summaries = {c.name: summarize(c.docs) for c in clusters}
    return summaries, time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    clusters = list(load_dataset(args.dataset))
    systems = {"briefer": ours(args.words), "sumy LexRank": sumy_lexrank(args.words)}
    best = {name: float("inf") for name in systems}
    summaries: dict[str, dict[str, str]] = {}
    for _ in range(args.repeat):
        for name, summarize in systems.items():  # in turns: both meet the same machine load
            summaries[name], seconds = timed(summarize, clusters)
            best[name] = min(best[name], seconds)

    scorer = rouge_scorer()
    referenced = [c for c in clusters if c.refs]
    print(f"{len(clusters)} clusters, {args.words} words, best of {args.repeat} runs each")
    print(f"{'system':14s} {'R-1':>6s} {'R-2':>6s} {'seconds':>8s} {'ms/cluster':>10s}")
    for name, seconds in best.items():
        r1, r2 = score_summaries(scorer, referenced, summaries[name], args.words) if scorer and referenced else (0, 0)
        print(f"{name:14s} {r1:6.2f} {r2:6.2f} {seconds:8.2f} {1000 * seconds / len(clusters):10.1f}")
    print(f"time: briefer {best['briefer']:.2f} s, sumy LexRank {best['sumy LexRank']:.2f} s; "
          f"briefer is {best['sumy LexRank'] / best['briefer']:.1f}x faster")


if __name__ == "__main__":
    main()
