"""Shared fixtures: the project root, the seeds, and small article folders written here.
Plain helpers (also used where a fixture cannot be, e.g. inside hypothesis examples) live in support.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import ROOT, free_port, only_output, run_cli, write_articles as write_to

SEEDS = ROOT / "seeds"
TEMPLATES = ROOT / "templates"


@pytest.fixture
def seeds() -> Path:
    return SEEDS


@pytest.fixture
def write_articles(tmp_path):
    """Write {name: text} into a fresh sources folder and return it."""

    def write(articles: dict[str, str | bytes], folder: str = "sources") -> Path:
        return write_to(tmp_path / folder, articles)

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
    return run_cli


@pytest.fixture
def build_brief(tmp_path, write_articles):
    """Build Markdown/HTML/PDF from the given articles; returns the (only) audience's output."""
    from briefer.commands.build import build
    from briefer.config import parse_config

    def run(articles: dict[str, str]):
        sources = write_articles(articles)
        config = parse_config(
            {"sources": str(sources), "output": str(tmp_path / "out"), "templates": str(TEMPLATES)},
            None, tmp_path,
        )
        return only_output(build(config))

    return run


@pytest.fixture(scope="session")
def seed_corpus():
    from briefer.commands.build import load_corpus

    corpus, _ = load_corpus(SEEDS)
    return corpus


@pytest.fixture
def servers():
    """Start real SMTP servers (aiosmtpd) on 127.0.0.1: servers(handler, port=None, **options);
    each is stopped after the test."""
    from aiosmtpd.controller import Controller

    started: list = []

    def start(handler, port=None, **options):
        # ready_timeout: aiosmtpd's default (5 s) to start and answer is short on a loaded machine
        controller = Controller(handler, hostname="127.0.0.1", port=port or free_port(),
                                **{"ready_timeout": 60.0, **options})
        controller.start()
        started.append(controller)
        return controller

    yield start
    for controller in started:
        controller.stop()
