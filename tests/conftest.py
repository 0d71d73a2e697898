"""Shared helpers: write small articles and build a brief from them end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.build import build
from briefer.config import parse_config

REPO = Path(__file__).resolve().parent.parent


def write_articles(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def build_brief(tmp_path):
    """Build Markdown/HTML/PDF from the given articles; returns the BuildResult."""

    def run(articles: dict[str, str]):
        sources = write_articles(tmp_path / "sources", articles)
        config = parse_config(
            {"sources": str(sources), "output": str(tmp_path / "out"), "templates": str(REPO / "templates")},
            None, tmp_path,
        )
        return build(config)

    return run


@pytest.fixture(scope="session")
def seed_corpus():
    from briefer.build import load_corpus

    corpus, _ = load_corpus(REPO / "seeds")
    return corpus
