"""The command line: parse arguments, call the pipeline, turn failures into one line."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path

from briefer import __version__
from briefer.config import load_config
from briefer.core.errors import BrieferError


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value!r}")
    return number


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
    build.add_argument("--audience", action="append", metavar="NAME",
                       help="build only this audience (repeatable; default: every configured audience)")
    build.add_argument("--engine", choices=("local", "dask"),
                       help="where the work runs (overrides the config's 'engine'; dask needs 'dask.scheduler')")

    new = commands.add_parser("new", help="create a briefing project: config, sources folder, example template")
    new.add_argument("directory", type=Path, metavar="DIR")

    send = commands.add_parser("send", help="email each audience's brief to its recipients")
    send.add_argument("--config", type=Path, help="configuration file (default: ./config.yaml)")
    send.add_argument("--out", type=Path, help="output folder holding the briefs (overrides the config)")
    send.add_argument("--audience", action="append", metavar="NAME",
                      help="send only this audience's brief (repeatable; default: every configured audience)")
    send.add_argument("--date", type=_date, help="the brief's date, YYYY-MM-DD (default: each audience's newest)")
    send.add_argument("--dry-run", action="store_true", help="write each message as a .eml file beside the brief")
    send.add_argument("--force", action="store_true", help="send again a brief that was already sent")

    summarize = commands.add_parser("summarize", help="print an extractive summary of a folder of articles")
    summarize.add_argument("directory", type=Path, metavar="DIR")
    summarize.add_argument("--words", type=_positive, default=100, metavar="N",
                           help="whole sentences until at least N words (default: 100)")

    evaluate = commands.add_parser("eval", help="summarise a DUC-style dataset and score it with ROUGE")
    evaluate.add_argument("dataset", type=Path, metavar="DATASET",
                          help="folder of <cluster>/docs (and refs/, _peers/<System>/<cluster>.txt)")
    evaluate.add_argument("--words", type=_positive, default=100, metavar="N",
                          help="summary length, and where ROUGE cuts it (default: 100)")
    evaluate.add_argument("--summaries", type=Path, metavar="OUTDIR", help="write each summary to OUTDIR/<cluster>.txt")
    inspect = commands.add_parser(
        "inspect", help="show what briefer reads from each article file",
        description="Show what briefer reads from each file: title, outlet, date and where it came from, "
                    "sentences, times, quotes and figures, with character offsets into the file's own text.",
        epilog="example: briefer inspect --json sources/*.txt")
    inspect.add_argument("files", nargs="+", metavar="FILE")
    inspect.add_argument("--json", action="store_true", help="one JSON object per article per line")

    stories = commands.add_parser("stories", help="group the articles into stories and list them")
    stories.add_argument("--config", type=Path, help="configuration file (default: ./config.yaml)")
    stories.add_argument("--sources", type=Path, help="folder of articles (overrides the config)")
    stories.add_argument("--out", type=Path, help="output folder holding earlier story records (overrides the config)")
    stories.add_argument("--date", type=_date, help="the day, YYYY-MM-DD (default: newest article's)")
    stories.add_argument("--json", action="store_true",
                         help='one JSON object per story per line: {"id", "title", "articles", "dates", "new"}')
    return top


def _configured(args: argparse.Namespace):
    """The configuration, with --sources/--out checked together with the rest of it."""
    overrides = {key: str(Path.cwd() / value)
                 for key, value in (("sources", getattr(args, "sources", None)), ("output", args.out))
                 if value is not None}
    if getattr(args, "engine", None):
        overrides["engine"] = args.engine
    return load_config(args.config, overrides)


def run_build(args: argparse.Namespace) -> int:
    from briefer.commands.build import build

    result = build(_configured(args), args.date, args.audience, progress=_progress if sys.stderr.isatty() else None)
    for warning in result.warnings:
        print(f"briefer: warning: {warning}", file=sys.stderr)
    for path in result.paths:
        print(path)
    return 0


def _progress(stage: str, done: int, total: int) -> None:
    """A progress line on a terminal: articles read, story briefs built."""
    if done == total or done % max(1, total // 100) == 0:
        bar = "#" * (30 * done // max(total, 1))
        print(f"\rbriefer: {stage:<12} [{bar:<30}] {done:,}/{total:,}", end="\n" if done == total else "",
              file=sys.stderr, flush=True)


def run_new(args: argparse.Namespace) -> int:
    from briefer.commands.new import new_project

    for path in new_project(args.directory):
        print(path)
    return 0


def run_send(args: argparse.Namespace) -> int:
    from briefer.delivery.email import send

    send(_configured(args), args.date, args.audience, dry_run=args.dry_run, force=args.force,
         report=print)
    return 0


def run_summarize(args: argparse.Namespace) -> int:
    from briefer.commands.evaluate import summarize_folder

    summary, warnings = summarize_folder(args.directory, args.words)
    for warning in warnings:
        print(f"briefer: warning: {warning}", file=sys.stderr)
    for sentence in summary:
        print(sentence)
    return 0


def run_eval(args: argparse.Namespace) -> int:
    from briefer.commands.evaluate import evaluate, report

    evaluation = evaluate(args.dataset, args.words, args.summaries)
    for warning in evaluation.warnings:
        print(f"briefer: warning: {warning}", file=sys.stderr)
    for line in report(evaluation, args.words):
        print(line)
    return 0


def run_inspect(args: argparse.Namespace) -> int:
    from briefer.commands.inspect import inspect

    failed = inspect(args.files, args.json, print, lambda line: print(f"briefer: warning: {line}", file=sys.stderr))
    return 2 if failed and failed == len(args.files) else 0


def run_stories(args: argparse.Namespace) -> int:
    from briefer.commands.stories import list_stories, read_day

    config = _configured(args)
    day = read_day(config.sources, config.output, args.date, config.window_days)
    for warning in day.warnings:
        print(f"briefer: warning: {warning}", file=sys.stderr)
    list_stories(day, args.json, print)
    return 0


COMMANDS = {"stories": run_stories, "inspect": run_inspect, "build": run_build, "new": run_new, "send": run_send, "summarize": run_summarize, "eval": run_eval}


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
