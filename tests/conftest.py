"""Shared fixtures: the project root, the seeds, and small article folders written here."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TEMPLATES = ROOT / "templates"


@pytest.fixture
def seeds() -> Path:
    return SEEDS


@pytest.fixture
def write_articles(tmp_path):
    """Write {name: text} into a fresh sources folder and return it."""

    def write(articles: dict[str, str | bytes], folder: str = "sources") -> Path:
        target = tmp_path / folder
        target.mkdir(exist_ok=True)
        for name, text in articles.items():
            path = target / name
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        return target

    return write


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's config and templates in a temporary folder."""
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    shutil.copy(ROOT / "config.yaml", tmp_path / "config.yaml")
    return tmp_path


@pytest.fixture
def cli():
    """Run briefer in a child process, as a user would, with this checkout's package first."""

    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        bootstrap = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from briefer.cli import main; sys.exit(main())"
        return subprocess.run(
            [sys.executable, "-c", bootstrap, *args],
            cwd=cwd or ROOT, capture_output=True, text=True, timeout=300,
        )

    return run


@pytest.fixture
def build_brief(tmp_path, write_articles):
    """Build Markdown/HTML/PDF from the given articles; returns the (only) audience's output."""
    from briefer.build import build
    from briefer.config import parse_config

    def run(articles: dict[str, str]):
        sources = write_articles(articles)
        config = parse_config(
            {"sources": str(sources), "output": str(tmp_path / "out"), "templates": str(TEMPLATES)},
            None, tmp_path,
        )
        return build(config).outputs[0]

    return run


@pytest.fixture(scope="session")
def seed_corpus():
    from briefer.build import load_corpus

    corpus, _ = load_corpus(SEEDS)
    return corpus
