"""Helpers shared by the tests (conftest.py builds its fixtures on them): fixture articles,
project folders, the CLI in a child process, strict HTML parsing, what a real SMTP server received."""

from __future__ import annotations

import email
import os
import shutil
import socket
import subprocess
import sys
from email import policy
from html.parser import HTMLParser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# Three plain articles on one made-up story; enough prose for every stage.
PLAIN_ARTICLES = {
    "001_first.txt": (
        "Ministers meet on port deal\n\n"
        "The harbour ministers of Arland and Belmark met in Corvo on Monday to discuss a port deal. "
        "They agreed to set up a joint working group on shipping fees. "
        "Officials said the talks were constructive and would continue next month.\n"
    ),
    "002_second.txt": (
        "Port talks make progress\n\n"
        "Arland and Belmark signed a memorandum on port access in Corvo on Monday. "
        "The memorandum covers customs checks and berth allocation for cargo ships. "
        "It is unclear whether the fishing fleets will be included in the deal.\n"
    ),
}


def write_articles(folder: Path, articles: dict[str, str | bytes]) -> Path:
    """Write {name: text or bytes} into folder and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in articles.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def make_project(tmp_path: Path, articles: dict[str, str | bytes] | None = None, **config) -> Path:
    """A project folder: config.yaml, sources/, a copy of the default templates; returns config.yaml."""
    write_articles(tmp_path / "sources", PLAIN_ARTICLES if articles is None else articles)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    settings = {"title": "Port talks brief", "sources": "sources", "output": "out", "templates": "templates",
                **config}
    config_path = tmp_path / "config.yaml"
    config_path.write_text(yaml.safe_dump(settings), encoding="utf-8")
    return config_path


def only_output(build_result):
    """The output of a build for its one audience."""
    (output,) = build_result.outputs
    return output


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m briefer ARGS` in a child process, as a user runs it."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [PYTHON, "-m", "briefer", *args], cwd=cwd or ROOT, env=environment,
        capture_output=True, text=True, timeout=300,
    )


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    return result.stderr.strip().splitlines()


def squash(text: str) -> str:
    """Text without any whitespace: line wrapping in a PDF moves spaces and breaks."""
    return "".join(text.split())


VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)


class StrictHTML(HTMLParser):
    """Collects tags, attributes and text; records every unbalanced or stray end tag."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID_ELEMENTS:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"unexpected </{tag}> with {self.open[-3:]} open")
        else:
            self.open.pop()

    def handle_data(self, data):
        self.text.append(data)

    def close(self):
        super().close()
        if self.open:
            self.problems.append(f"never closed: {self.open}")


def parse_html(html: str) -> StrictHTML:
    parser = StrictHTML()
    parser.feed(html)
    parser.close()
    return parser


# --- A real SMTP server (aiosmtpd; conftest.py's `servers` starts one) -------------------
class Recorder:
    """Keeps what the server received; can refuse recipients or data with a given reply."""

    def __init__(self, rcpt_replies=(), data_replies=()):
        self.messages: list[dict] = []
        self.rcpt_replies = list(rcpt_replies)  # consumed one per RCPT; then 250
        self.data_replies = list(data_replies)  # consumed one per DATA; then 250

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_replies:
            return self.rcpt_replies.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_replies:
            return self.data_replies.pop(0)
        self.messages.append({
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "message": email.message_from_bytes(envelope.content, policy=policy.default),
            "authenticated": session.authenticated,
        })
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
