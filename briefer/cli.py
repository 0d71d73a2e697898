"""The command line: parse arguments, call the pipeline, turn failures into one line."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from pathlib import Path

from briefer import __version__
from briefer.config import load_config
from briefer.core.locations import storage_url
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
    build.add_argument("--sources", type=_sources,
                       help="folder of articles: .txt, .md, .html, feeds, .jsonl, .eml; or a storage URL "
                            "(s3://bucket/day; overrides the config)")
    build.add_argument("--out", type=Path, help="output folder (overrides the config)")
    build.add_argument("--date", type=_date, help="the brief's date, YYYY-MM-DD (default: newest article's)")
    build.add_argument("--audience", action="append", metavar="NAME",
                       help="build only this audience (repeatable; default: every configured audience)")
    build.add_argument("--strict", action="store_true",
                       help="any skipped file, unread part of a file or undated article is an error (exit 2)")
    build.add_argument("--edits", type=Path, metavar="FILE",
                       help="the analyst's edits for every audience built (default: each brief's own "
                            "edits.yaml, beside it in the output folder)")
    build.add_argument("--engine", choices=("local", "dask"),
                       help="where the work runs (overrides the config's 'engine'; dask needs 'dask.scheduler')")

    fetch = commands.add_parser(
        "fetch", help="download the configured feeds and pages into the sources folder",
        description="Download the feeds listed under 'feeds:' and the pages under 'pages:' into the sources "
                    "folder, one file per new article; what was fetched before is not fetched again.",
        epilog="a daily cron line: briefer fetch && briefer build && briefer send")
    fetch.add_argument("--config", type=Path, help="configuration file (default: ./config.yaml)")
    fetch.add_argument("--sources", type=Path, help="the folder to download into (overrides the config)")

    new = commands.add_parser("new", help="create a briefing project: config, sources folder, example template")
    new.add_argument("directory", type=Path, metavar="DIR")

    send = commands.add_parser("send", help="email each audience's brief to its recipients")
    send.add_argument("--config", type=Path, help="configuration file (default: ./config.yaml)")
    send.add_argument("--out", type=Path, help="output folder holding the briefs (overrides the config)")
    send.add_argument("--audience", action="append", metavar="NAME",
                      help="send only this audience's brief (repeatable; default: every configured audience)")
    send.add_argument("--date", type=_date, help="the brief's date, YYYY-MM-DD (default: each audience's newest)")
    send.add_argument("--dry-run", action="store_true", help="write each message as a .eml file beside the brief")
    send.add_argument("--force", action="store_true", help="send to recipients whose delivery is unclear or was refused; when "
                           "everyone has it, send the whole brief again")

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

    stories = commands.add_parser(
        "stories", help="group the articles into stories and list them",
        description="Group the sources folder's articles into stories (rewrites and follow-ups of one event "
                    "together) and list each story's id, title, articles and dates; ids continue the last build's.",
        epilog="example: briefer stories --json --sources sources")
    stories.add_argument("--config", type=Path, help="configuration file (default: ./config.yaml)")
    stories.add_argument("--sources", type=_sources, help="folder of articles, or a storage URL (overrides the config)")
    stories.add_argument("--out", type=Path, help="output folder holding earlier story records (overrides the config)")
    stories.add_argument("--date", type=_date, help="the day, YYYY-MM-DD (default: newest article's)")
    stories.add_argument("--json", action="store_true",
                         help='one JSON object per story per line: {"id", "title", "articles", "dates", "new"}')

    serve = commands.add_parser("serve", help="preview the briefs in a browser, rebuilt when anything changes")
    serve.add_argument("--config", type=Path, help="configuration file (default: ./config.yaml)")
    serve.add_argument("--audience", action="append", metavar="NAME",
                       help="build only this audience (repeatable; default: every configured audience)")
    serve.add_argument("--date", type=_date, help="the brief's date, YYYY-MM-DD (default: newest article's)")
    serve.add_argument("--port", type=_port, default=8000, help="port on 127.0.0.1 (default: 8000; 0: any free one)")
    serve.add_argument("--interval", type=float, default=1.0, metavar="SECONDS",
                       help="how often to look for changes (default: 1)")
    _conventions(top, commands)
    return top


# Every subcommand: a description, an example, and -q/-v.
SUBCOMMAND_HELP = {
    "build": ("Build each audience's one-page brief (Markdown, HTML, tagged PDF, JSON) from the articles "
              "in the sources folder, applying the analyst's edits.",
              "briefer build --date 2025-11-01 --audience minister"),
    "new": ("Create a briefing project: a commented config.yaml, an empty sources/ folder and an example "
            "audience template.", "briefer new ~/desk && cd ~/desk"),
    "send": ("Email each audience's brief to its recipients: plain text and HTML, the PDF attached; "
             "never the same brief twice unless --force.", "briefer send --dry-run"),
    "summarize": ("Print an extractive summary of a folder of articles, most important sentence first.",
                  "briefer summarize sources/ --words 60"),
    "eval": ("Summarise every DATASET/<cluster>/docs/ and score the summaries with ROUGE beside the "
             "published systems.", "briefer eval ../shared/eval/duc2004 --words 100"),
    "inspect": (None, "briefer inspect --json sources/*.txt | head -1"),
    "stories": ("Group the articles of the sources folder into stories (rewrites and follow-ups of one "
                "event together) and list them, each with a stable id across days.",
                "briefer stories --json --sources sources/"),
    "serve": ("Build the briefs and serve them on 127.0.0.1 for a live preview; the page rebuilds "
              "when the sources, the configuration or the templates change.",
              "briefer serve --port 8000   # then open http://127.0.0.1:8000/"),
}


def _verbosity_options(parser: argparse.ArgumentParser, default) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", dest="verbosity", action="store_const", const=-1, default=default,
                       help="print only errors (no warnings, no progress)")
    group.add_argument("-v", "--verbose", dest="verbosity", action="store_const", const=1, default=default,
                       help="say more, and show progress even when not on a terminal")


def _conventions(top: argparse.ArgumentParser, commands) -> None:
    _verbosity_options(top, 0)
    for name, sub in commands.choices.items():
        description, example = SUBCOMMAND_HELP.get(name, (None, None))
        sub.description = sub.description or description or sub.description
        if example and not sub.epilog:
            sub.epilog = f"example: {example}"
        _verbosity_options(sub, argparse.SUPPRESS)


def _port(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number 0-65535, got {value!r}")
    return number


def _sources(value: str) -> Path | str:
    """--sources: a folder, or a storage URL (s3://bucket/day) kept as written."""
    return value if storage_url(value) else Path(value)


def _configured(args: argparse.Namespace):
    """The configuration, with --sources/--out checked together with the rest of it."""
    overrides = {key: value if isinstance(value, str) else str(Path.cwd() / value)
                 for key, value in (("sources", getattr(args, "sources", None)), ("output", getattr(args, "out", None)))
                 if value is not None}
    if getattr(args, "engine", None):
        overrides["engine"] = args.engine
    return load_config(args.config, overrides)


def run_build(args: argparse.Namespace) -> int:
    from briefer.commands.build import build

    result = build(_configured(args), args.date, args.audience, args.edits, strict=args.strict)
    for warning in result.warnings:
        warn(warning)
    for path in result.paths:
        print(path)
    return 0


def run_fetch(args: argparse.Namespace) -> int:
    from briefer.commands.fetch import fetch

    def report(line: str) -> None:  # one line per feed or page: what the command did (none with -q)
        if not _quiet[0]:
            print(line, flush=True)

    result = fetch(_configured(args), report, warn)
    for failure in result.failed:
        warn(failure)
    return 1 if result.failed and not result.saved and len(result.failed) == result.sources else 0


def run_new(args: argparse.Namespace) -> int:
    from briefer.commands.new import new_project, next_steps

    for path in new_project(args.directory):
        print(path)
    if getattr(args, "verbosity", 0) >= 0:
        for line in next_steps(args.directory):
            print(line)
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from briefer.commands.serve import serve

    serve(lambda: _configured(args), args.date, args.audience, args.port, args.interval)
    return 0


def run_send(args: argparse.Namespace) -> int:
    from briefer.delivery.email import send

    send(_configured(args), args.date, args.audience, dry_run=args.dry_run, force=args.force,
         report=print, complain=lambda line: print(f"briefer: error: {line}", file=sys.stderr))
    return 0


def run_summarize(args: argparse.Namespace) -> int:
    from briefer.commands.evaluate import summarize_folder

    summary, warnings = summarize_folder(args.directory, args.words)
    for warning in warnings:
        warn(warning)
    for sentence in summary:
        print(sentence)
    return 0


def run_eval(args: argparse.Namespace) -> int:
    from briefer.commands.evaluate import evaluate, report

    evaluation = evaluate(args.dataset, args.words, args.summaries)
    for warning in evaluation.warnings:
        warn(warning)
    for line in report(evaluation, args.words):
        print(line)
    return 0


def run_inspect(args: argparse.Namespace) -> int:
    from briefer.commands.inspect import inspect

    failed = inspect(args.files, args.json, print, lambda line: warn(line))
    return 2 if failed and failed == len(args.files) else 0


def _set_verbosity(verbosity: int) -> None:
    """-q: errors only. Default: warnings, and progress when stderr is a terminal. -v: also
    what each step did, and progress wherever stderr goes."""
    from briefer.core.progress import PROGRESS_LOGGER

    root = logging.getLogger()
    root.setLevel(logging.ERROR if verbosity < 0 else logging.INFO if verbosity > 0 else logging.WARNING)
    for handler in root.handlers:
        handler.setFormatter(_Formatter())
    shown = verbosity > 0 or (verbosity == 0 and sys.stderr.isatty())
    logging.getLogger(PROGRESS_LOGGER).setLevel(logging.INFO if shown else logging.WARNING)
    _quiet[0] = verbosity < 0
    for library in ("weasyprint", "fontTools"):  # their own step-by-step logs are not ours to show
        logging.getLogger(library).setLevel(max(root.level, logging.WARNING))


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        kind = {logging.WARNING: "warning: ", logging.ERROR: "error: "}.get(record.levelno, "")
        return f"briefer: {kind}{record.getMessage()}"


_quiet = [False]


def warn(message: str) -> None:
    if not _quiet[0]:
        print(f"briefer: warning: {message}", file=sys.stderr)


def _quiet_closed_pipe() -> None:
    """Nothing more can reach the reader; say nothing, and keep Python from complaining when
    it flushes stdout on the way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def run_stories(args: argparse.Namespace) -> int:
    from briefer.commands.stories import list_stories, read_day

    config = _configured(args)
    day = read_day(config.sources, config.output, args.date, config.window_days)
    for warning in day.warnings:
        warn(warning)
    list_stories(day, args.json, print)
    return 0


COMMANDS = {"stories": run_stories, "inspect": run_inspect, "build": run_build, "fetch": run_fetch, "new": run_new, "send": run_send, "summarize": run_summarize, "eval": run_eval,
            "serve": run_serve}


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="briefer: warning: %(message)s")
    args = parser().parse_args(argv)
    _set_verbosity(args.verbosity)
    try:
        return COMMANDS[args.command](args)
    except BrokenPipeError:  # `briefer inspect ... | head -1`: the reader has all it wanted
        _quiet_closed_pipe()
        return 141  # as if killed by SIGPIPE, the shell's convention
    except BrieferError as exc:
        print(f"briefer: error: {exc}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("briefer: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the user gets one line, never a traceback
        print(f"briefer: error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
