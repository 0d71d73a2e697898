"""Score the sentence splitter on the English Golden Rules (pySBD / pragmatic_segmenter).

Run from the repository root:  python benchmarks/segment_golden_rules.py
A case passes when the output equals the expected sentences exactly (after stripping
surrounding whitespace). Every case counts, including those outside a news splitter's scope.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a plain script, without installing the package

from briefer.prepare.segment import split_sentences  # noqa: E402

GOLDEN_RULES = ROOT / "tests" / "data" / "golden_rules_en.json"


def failures(cases: list[dict]) -> list[tuple[dict, list[str]]]:
    """Each failing case with the sentences the splitter produced for it."""
    results = ((case, [s.strip() for s in split_sentences(case["input"])]) for case in cases)
    return [(case, got) for case, got in results if got != [s.strip() for s in case["expected"]]]


def main() -> None:
    cases = json.loads(GOLDEN_RULES.read_text(encoding="utf-8"))["cases"]
    failed = failures(cases)
    for case, got in failed:
        print(f"FAIL {case['name']}")
        print(f"  input:    {case['input']!r}")
        print(f"  expected: {case['expected']!r}")
        print(f"  got:      {got!r}")
    passed = len(cases) - len(failed)
    print(f"Golden Rules (English): {passed}/{len(cases)} = {100 * passed / len(cases):.1f}%")


if __name__ == "__main__":
    main()
