"""Command-line conventions: -q/-v, progress, a closed pipe, where the config is found, help
with examples, next steps after `new`, one version."""

from __future__ import annotations

import os
import subprocess

import pytest

from briefer import __version__
from support import PYTHON, ROOT, make_project, run_cli

SEEDS = sorted(str(path) for path in (ROOT / "seeds").iterdir())


def cli_in(cwd, *args, **environment):
    env = {key: value for key, value in os.environ.items() if key != "BRIEFER_CONFIG"}
    env.update(PYTHONPATH=str(ROOT), **environment)
    return subprocess.run([PYTHON, "-m", "briefer", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


def test_a_closed_pipe_ends_quietly():
    # Far more than a pipe holds, so the writer is still writing when head has gone.
    command = " ".join([f"'{PYTHON}'", "-m", "briefer", "inspect", *(f"'{s}'" for s in SEEDS * 40), "| head -1"])
    result = subprocess.run(["bash", "-c", "set -o pipefail; " + command], cwd=ROOT, capture_output=True,
                            text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.stdout.startswith("== ") and result.stdout.count("\n") == 1
    assert result.stderr == ""
    assert result.returncode == 141


def test_outside_a_project_a_one_line_hint_to_run_new(tmp_path):
    result = cli_in(tmp_path, "build")
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert "briefer new" in line and "BRIEFER_CONFIG" in line and "seeds" not in line


def test_the_config_is_found_here_first_then_in_briefer_config(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    config = make_project(project)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = cli_in(elsewhere, "build", "-q", BRIEFER_CONFIG=str(config))
    assert result.returncode == 0, result.stderr
    assert all(line.startswith(str(project / "out")) for line in result.stdout.split())
    # ./config.yaml wins over BRIEFER_CONFIG
    here = make_project(elsewhere, title="Here")
    result = cli_in(elsewhere, "build", "-q", BRIEFER_CONFIG=str(config))
    assert result.returncode == 0 and all(line.startswith(str(elsewhere / "out")) for line in result.stdout.split())
    assert here.is_file()


def test_quiet_hides_warnings_and_verbose_shows_progress(tmp_path):
    config = make_project(tmp_path)
    (tmp_path / "sources" / "broken.txt").write_bytes(b"\x00\x01\x02 binary")
    normal = cli_in(tmp_path, "build")
    assert normal.returncode == 0 and "warning: skipped" in normal.stderr
    assert "reading the articles" not in normal.stderr  # not a terminal: no progress
    quiet = cli_in(tmp_path, "build", "-q")
    assert quiet.returncode == 0 and quiet.stderr == ""
    verbose = cli_in(tmp_path, "-v", "build")
    assert verbose.returncode == 0
    assert "briefer: reading the articles" in verbose.stderr and "briefer: published" in verbose.stderr
    assert "Step 1" not in verbose.stderr  # WeasyPrint's own steps are not shown
    assert config.is_file()


def _subcommands() -> list[str]:
    from briefer.cli import parser

    (commands,) = [action for action in parser()._actions if action.dest == "command"]
    return sorted(commands.choices)


@pytest.mark.parametrize("command", _subcommands())
def test_every_subcommand_has_a_description_and_an_example(command):
    result = run_cli(command, "--help")
    assert result.returncode == 0
    assert f"briefer {command}" in result.stdout.split("\n\n")[-1]  # the example, last
    assert "-q, --quiet" in result.stdout and "-v, --verbose" in result.stdout
    usage, description = result.stdout.split("\n\n")[:2]
    assert len(description.split()) >= 6, description


def test_new_prints_next_steps(tmp_path):
    result = run_cli("new", str(tmp_path / "desk"))
    assert result.returncode == 0
    assert "Next steps:" in result.stdout and "briefer build" in result.stdout and "briefer serve" in result.stdout


def test_one_version():
    assert run_cli("--version").stdout.strip() == f"briefer {__version__}"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and 'version = {attr = "briefer.__version__"}' in pyproject
    assert "\nversion =" not in pyproject.split("[project]")[1].split("\n[")[0]


def test_built_in_defaults_never_name_the_repository_seeds():
    from briefer.config import OPTIONS

    assert {option.key: option.default for option in OPTIONS}["sources"] == "sources"
    assert "sources: seeds" in (ROOT / "config.yaml").read_text(encoding="utf-8")  # named explicitly
