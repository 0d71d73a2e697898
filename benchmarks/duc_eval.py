"""ROUGE of our summariser and of every published peer on a DUC-style dataset.

    python benchmarks/duc_eval.py [DATASET] [--words 100] [--summaries OUTDIR]

The same as ``briefer eval DATASET``, with DATASET defaulting to ../shared/eval/duc2004-dev
relative to the repository root.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from briefer.commands.evaluate import evaluate, report  # noqa: E402

DEFAULT_DATASET = REPO.parent / "shared" / "eval" / "duc2004-dev"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--summaries", type=Path, help="also write <cluster>.txt summaries here")
    args = parser.parse_args(argv)
    for line in report(evaluate(args.dataset, args.words, args.summaries), args.words):
        print(line)


if __name__ == "__main__":
    main()
