"""The command line: parse arguments, call the pipeline, turn failures into one line."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path

from . import __version__
from .config import load_config
from .errors import BrieferError, InputError


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="briefer", description="One-page, cited policy briefs from news articles."
    )
    top.add_argument("--version", action="version", version=f"briefer {__version__}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    build = commands.add_parser("build", help="build the brief as Markdown, HTML and PDF")
    build.add_argument("--config", type=Path, help="configuration file (default: ./config.yaml)")
    build.add_argument("--sources", type=Path, help="folder of .txt/.md articles (overrides the config)")
    build.add_argument("--out", type=Path, help="output folder (overrides the config)")
    build.add_argument("--date", type=_date, help="the brief's date, YYYY-MM-DD (default: newest article's)")
    return top


def run_build(args: argparse.Namespace) -> int:
    from .build import build

    # Overrides are checked with the rest of the configuration (a missing --sources folder too).
    overrides = {key: str(Path.cwd() / value) for key, value in (("sources", args.sources), ("output", args.out))
                 if value is not None}
    config = load_config(args.config, overrides)
    result = build(config, args.date)
    for warning in result.warnings:
        print(f"briefer: warning: {warning}", file=sys.stderr)
    for path in result.paths:
        print(path)
    return 0


COMMANDS = {"build": run_build}


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="briefer: warning: %(message)s")
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except BrieferError as exc:
        print(f"briefer: error: {exc}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("briefer: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the user gets one line, never a traceback
        print(f"briefer: error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
