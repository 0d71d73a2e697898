"""Cue phrases as data: `briefer/<stage>/cues/<name>.txt`, one phrase per line.

Lines starting with `#` are comments (each file opens with one saying what the group is for);
blank lines are ignored. A phrase is matched as whole words, case-insensitively; inside a
phrase, `*` stands for any one word. A file is read once per process.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=None)
def phrases(stage: str, name: str) -> tuple[str, ...]:
    """The phrases of one cue file, in file order."""
    path = _PACKAGE / stage / "cues" / f"{name}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


def phrase_pattern(phrase: str) -> str:
    """One phrase as a regex: its words escaped, any space between them, `*` any one word."""
    words = [r"[\w'’-]+" if word == "*" else re.escape(word) for word in phrase.split()]
    return r"\s+".join(words)


@lru_cache(maxsize=None)
def pattern(stage: str, name: str) -> re.Pattern:
    """One case-insensitive regex matching any phrase of the file as whole words, longest first."""
    alternatives = sorted(phrases(stage, name), key=len, reverse=True)
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(map(phrase_pattern, alternatives)) + r")(?![\w'’-])", re.I)
