"""Fault injection for `briefer send`: a real SMTP server (aiosmtpd) on 127.0.0.1 that is slow
or drops the connection after DATA, refuses a recipient for now (450) or for good (550), and a
harness that kills `send` (SIGKILL, a child process run as a user runs it) at each step of the
conversation. After every fault, each recipient has the brief exactly once after at most one
re-run, or the tool names those that need --force.

Every case only drives the command line and looks at what the server received, so the same
cases measure any version of briefer:

    python tests/test_delivery_faults.py [PYTHONPATH]   # a table of failures by kind
"""

from __future__ import annotations

import asyncio
import email
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email import policy
from pathlib import Path

import pytest
import yaml
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

ROOT = Path(__file__).resolve().parent.parent
DATE = "2025-11-01"
KINDS = ("duplicate", "lost", "crash", "hang", "leak", "wrong text")
TIMEOUT = 1.5  # the client's SMTP timeout where a timeout is the case (a slow or silent server)
PATIENT = 15.0  # ... and everywhere else: a loaded machine may be slow to answer, and a timeout
# after the final dot would make a delivery "possibly delivered" and fail a case that expects it sent
SLOW = 3.0  # a slow server answers the final dot after this long
READY = 60.0  # seconds the server may take to start (aiosmtpd's default, 5, is short on a loaded machine)
RUN_LIMIT = 60  # seconds a send may take before it counts as a hang

DESK = {"a@example.org": "a@example.org", "b@example.org": "Bea Example <b@example.org>"}
PRESS = {"c@example.org": "c@example.org"}
BRIEF_MD = (
    "# Port talks brief\n\n1 November 2025\n\n## Key facts\n\n"
    "- Arland and Belmark signed a port memorandum. [[1](#source-1)]\n\n"
    "## Key figures\n\n| Figure | What it counts | Sources |\n|---:|---|---|\n"
    "| 12 | berths allocated to cargo ships | [[1](#source-1)] |\n"
    "| 3,400 | containers a day | [[2](#source-2)] |\n\n"
    "## Sources\n\n1. Ministers meet on port deal, *Harbour Post*, 1 November 2025, 001.txt, "
    "https://news.example.org/port-deal?id=7\n\n2. Port talks make progress, undated, 002.txt\n"
)

PRELUDE = """
import errno, os, sys
flag = os.environ.get("FAULT_DISK_FULL")
if flag:  # writes of sent.json fail (as on a full disk) while the flag file exists
    real_replace = os.replace
    def replace(source, target, *args, **kwargs):
        if os.path.basename(str(target)) == "sent.json" and os.path.exists(flag):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(source, target, *args, **kwargs)
    os.replace = replace
from briefer.cli import main
sys.exit(main(sys.argv[1:]))
"""


# --- The server -----------------------------------------------------------------------
class FaultHandler:
    """Receives mail, counts each recipient's copies, and misbehaves as told."""

    def __init__(self):
        self.messages: list[dict] = []
        self.lock = threading.Lock()
        self.victim: int | None = None  # the pid of the send to kill
        self.kill_at: str | None = None  # EHLO | MAIL | RCPT | DATA | dot | after-250
        self.slow_after_data = 0.0
        self.drop_after_data = False
        self.temporary: dict[str, int] = {}  # address -> RCPTs still refused with 450
        self.permanent: set[str] = set()  # addresses refused with 550
        self.disk_full_flag: Path | None = None  # created once a message has been received

    def copies(self) -> Counter:
        with self.lock:
            return Counter(address for m in self.messages for address in m["rcpt_tos"])

    def calm(self) -> None:
        self.kill_at, self.slow_after_data, self.drop_after_data = None, 0.0, False
        self.temporary.clear()

    def _kill(self, step: str) -> None:
        if self.kill_at == step and self.victim:
            self.kill_at = None
            os.kill(self.victim, signal.SIGKILL)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        self._kill("EHLO")
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self._kill("MAIL")
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self._kill("RCPT")
        if address.lower() in self.permanent:
            return "550 5.1.1 No such mailbox"
        if self.temporary.get(address.lower(), 0) > 0:
            self.temporary[address.lower()] -= 1
            return "450 4.2.1 Mailbox busy, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:  # the server has the whole message: from here on it counts as delivered
            self.messages.append({"rcpt_tos": [a.lower() for a in envelope.rcpt_tos], "raw": envelope.content})
        if self.disk_full_flag is not None:
            self.disk_full_flag.touch()
        self._kill("dot")
        if self.kill_at == "after-250" and self.victim:
            # Stopped before it can read the reply, killed once the reply is on its way.
            os.kill(self.victim, signal.SIGSTOP)
            victim, self.kill_at = self.victim, None
            asyncio.get_running_loop().call_later(0.3, os.kill, victim, signal.SIGKILL)
        if self.slow_after_data:
            await asyncio.sleep(self.slow_after_data)
        if self.drop_after_data:
            server.transport.abort()
        return "250 2.0.0 Message accepted for delivery"


class FaultSMTP(SMTP):
    async def smtp_DATA(self, arg):
        self.event_handler._kill("DATA")
        return await super().smtp_DATA(arg)


class FaultController(Controller):
    def factory(self):
        return FaultSMTP(self.handler, **self.SMTP_kwargs)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- A project with a published brief ---------------------------------------------------
def write_project(root: Path, port: int, desk: list[str] | None = None, bcc: bool = False,
                  timeout: float = PATIENT) -> Path:
    """config.yaml and a published brief for two audiences (desk and press), made here."""
    sys.path.insert(0, str(ROOT)) if str(ROOT) not in sys.path else None
    from briefer.output.publish import publish

    (root / "sources").mkdir(exist_ok=True)
    for audience in ("desk", "press"):
        record = {"title": "Port talks brief", "date": DATE, "audience": audience, "sections": []}
        publish(root / "out" / DATE / audience, {
            "brief.md": BRIEF_MD.encode(), "brief.html": b"<!DOCTYPE html><html><body><p>x</p></body></html>",
            "brief.pdf": b"%PDF-1.4\n% a stand-in\n", "brief.json": json.dumps(record).encode()})
    desk_audience = {"sections": {"key_facts": 3}, "recipients": desk or list(DESK.values())}
    if bcc:
        desk_audience["bcc"] = True
    document = {
        "title": "Port talks brief", "sources": "sources", "output": "out",
        "audiences": {"desk": desk_audience,
                      "press": {"sections": {"key_facts": 3}, "recipients": list(PRESS.values())}},
        "email": {"from": "Briefing Desk <briefs@example.org>",
                  "smtp": {"host": "127.0.0.1", "port": port, "security": "none", "timeout": timeout},
                  "retry": {"attempts": 3, "delay": 0, "factor": 1}},
    }
    path = root / "config.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


@dataclass
class Run:
    status: int | None  # None: it hung
    output: str
    killed: bool = False  # the harness killed it on purpose


@dataclass
class World:
    root: Path
    config: Path
    handler: FaultHandler
    pythonpath: str
    runs: list[Run] = field(default_factory=list)

    def start(self, *extra: str, env: dict | None = None) -> subprocess.Popen:
        environment = {**os.environ, "PYTHONPATH": self.pythonpath, **(env or {})}
        return subprocess.Popen([sys.executable, "-c", PRELUDE, "send", "--config", str(self.config), *extra],
                                cwd=self.root, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True)

    def finish(self, process: subprocess.Popen) -> Run:
        try:
            output, _ = process.communicate(timeout=RUN_LIMIT)
            run = Run(process.returncode, output)
        except subprocess.TimeoutExpired:
            process.kill()
            run = Run(None, process.communicate()[0])
        self.runs.append(run)
        return run

    def send(self, *extra: str, env: dict | None = None, kill_at: str | None = None) -> Run:
        process = self.start(*extra, env=env)
        self.handler.victim, self.handler.kill_at = process.pid, kill_at
        run = self.finish(process)
        run.killed = run.status == -signal.SIGKILL and kill_at is not None
        return run

    def output(self) -> str:
        return "\n".join(run.output for run in self.runs)

    def sent_json(self, audience: str) -> Path:
        return self.root / "out" / DATE / audience / "sent.json"


# --- Verdicts ------------------------------------------------------------------------------
GENERIC_ERROR = re.compile(r"error: [A-Z][A-Za-z]*(Error|Exception)\b|Traceback")


def named(world: World, address: str) -> bool:
    """The tool says this recipient needs attention (--force, refused, possibly delivered)."""
    return any(address in line and re.search(r"--force|refused|possibly", line)
               for line in world.output().splitlines())


def verdict(world: World, expect: dict[str, str]) -> str | None:
    """The kind of failure, or None, the worst first. expect: address -> once | once-or-named |
    named (not delivered, and the tool says so) | none (must not receive it)."""
    if any(run.status is None for run in world.runs):
        return "hang"
    copies = world.handler.copies()
    if any(copies[address] > 1 for address in expect):
        return "duplicate"
    if any(rule == "none" and copies[address] for address, rule in expect.items()):
        return "leak"
    for address, rule in expect.items():
        count = copies[address]
        if rule == "once" and count == 0:
            return "lost"
        if rule in ("once-or-named", "named") and count == 0 and not named(world, address):
            return "lost"
        if rule == "named" and not named(world, address):
            return "lost"
    if any(run.status not in (0, 1, 2) and not run.killed or GENERIC_ERROR.search(run.output) for run in world.runs):
        return "crash"
    return None


EVERYONE = {**{a: "once" for a in DESK}, **{a: "once" for a in PRESS}}


def everyone_named_unless_once() -> dict[str, str]:
    return {**{a: "once-or-named" for a in DESK}, **{a: "once" for a in PRESS}}


# --- The cases -----------------------------------------------------------------------------
def case_kill(step: str) -> Callable[[World], str | None]:
    def run(world: World) -> str | None:
        world.send("--audience", "desk", kill_at=step)
        world.send()
        return verdict(world, everyone_named_unless_once())
    run.__name__ = f"kill -9 at {step}"
    return run


def case_slow_after_data(world: World) -> str | None:
    world.config = write_project(world.root, world.handler.port, timeout=TIMEOUT)
    world.handler.slow_after_data = SLOW
    world.send("--audience", "desk")
    world.handler.calm()
    world.send()
    return verdict(world, everyone_named_unless_once())


def case_drop_after_data(world: World) -> str | None:
    world.handler.drop_after_data = True
    world.send("--audience", "desk")
    world.handler.calm()
    world.send()
    return verdict(world, everyone_named_unless_once())


def case_temporary_refusal(world: World) -> str | None:
    world.handler.temporary["b@example.org"] = 100  # refused with 450 through the whole first run
    world.send()
    world.handler.calm()
    world.send()
    return verdict(world, EVERYONE)


def case_permanent_refusal(world: World) -> str | None:
    world.handler.permanent.add("b@example.org")
    world.send()
    if world.handler.copies()["c@example.org"] != 1:
        return "lost"  # one audience's refusal stopped another's delivery
    world.send()
    return verdict(world, {"a@example.org": "once", "b@example.org": "named", "c@example.org": "once"})


def case_concurrent(world: World) -> str | None:
    world.handler.slow_after_data = 0.5  # a little slow, so the two runs overlap
    first, second = world.start(), world.start()
    world.finish(first), world.finish(second)
    return verdict(world, EVERYONE)


def case_record_fails_after_delivery(world: World) -> str | None:
    flag = world.root / "disk-full"
    world.handler.disk_full_flag = flag  # the disk fills up as the server takes the message
    first = world.send("--audience", "desk", env={"FAULT_DISK_FULL": str(flag)})
    flag.unlink()
    world.handler.disk_full_flag = None
    world.send()
    kind = verdict(world, everyone_named_unless_once())
    if kind is None and not re.search(r"WAS sent", first.output):
        return "wrong text"  # the user is not told that the email went out
    return kind


def case_disk_full_before_sending(world: World) -> str | None:
    flag = world.root / "disk-full"
    flag.touch()
    world.send("--audience", "desk", env={"FAULT_DISK_FULL": str(flag)})
    flag.unlink()
    world.send()
    return verdict(world, EVERYONE)


def _after_a_delivery_damage(content: str) -> Callable[[World], str | None]:
    def run(world: World) -> str | None:
        world.send()
        world.sent_json("desk").write_text(content, encoding="utf-8")
        world.runs.clear()
        second = world.send()
        kind = verdict(world, EVERYONE)
        if kind is None and "sent.json" not in second.output:
            return "wrong text"  # the damaged record is not named
        return kind
    run.__name__ = f"sent.json damaged to {content!r}"
    return run


def case_damaged_before_any_delivery(world: World) -> str | None:
    """A damaged record stops only its own audience: the other is still delivered."""
    world.sent_json("desk").write_text('{"deliveries": [', encoding="utf-8")
    world.send()
    if world.handler.copies()["c@example.org"] != 1:
        return "lost"
    return verdict(world, {"a@example.org": "none", "b@example.org": "none", "c@example.org": "once"})


def case_smuggled_recipient(world: World) -> str | None:
    world.config = write_project(world.root, world.handler.port,
                                 desk=["a@example.org, smuggled@evil.example"])
    run = world.send()
    if world.handler.copies()["smuggled@evil.example"]:
        return "leak"
    if run.status != 2 or "recipients[0]" not in run.output:
        return "lost"
    return None


def case_bcc_hides_recipients(world: World) -> str | None:
    world.config = write_project(world.root, world.handler.port, bcc=True)
    world.send("--audience", "desk")
    messages = world.handler.messages
    if not messages:
        return "lost"
    raw = messages[0]["raw"].decode("utf-8", "replace").lower()
    header = raw.split("\r\n\r\n", 1)[0]
    if any(address in header for address in DESK):
        return "leak"
    return verdict(world, {**{a: "once" for a in DESK}})


def _received_text(world: World, subtype: str) -> str:
    message = email.message_from_bytes(world.handler.messages[0]["raw"], policy=policy.default)
    return message.get_body((subtype,)).get_content()


def case_plain_text_table(world: World) -> str | None:
    world.send("--audience", "press")
    if not world.handler.messages:
        return "lost"
    lines = _received_text(world, "plain").splitlines()
    rows = [line for line in lines if "berths allocated" in line or "containers a day" in line]
    if len(rows) != 2 or rows[0].index("berths") != rows[1].index("containers"):
        return "wrong text"  # the table is not one aligned row per line
    return None


def case_sources_are_links(world: World) -> str | None:
    world.send("--audience", "press")
    if not world.handler.messages:
        return "lost"
    html = _received_text(world, "html")
    plain = _received_text(world, "plain")
    if 'href="https://news.example.org/port-deal?id=7"' not in html.replace("&amp;", "&"):
        return "wrong text"
    if "https://news.example.org/port-deal?id=7" not in plain:
        return "wrong text"
    return None


def case_silent_server(world: World) -> str | None:
    """A server that accepts the connection and never says a word: send must give up."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(5)
        world.config = write_project(world.root, silent.getsockname()[1], timeout=TIMEOUT)
        run = world.send("--audience", "press")
    if run.status is None:
        return "hang"
    return None if run.status == 1 else "lost"


CASES: list[Callable[[World], str | None]] = [
    *(case_kill(step) for step in ("EHLO", "MAIL", "RCPT", "DATA", "dot", "after-250")),
    case_slow_after_data, case_drop_after_data, case_temporary_refusal, case_permanent_refusal,
    case_concurrent, case_record_fails_after_delivery, case_disk_full_before_sending,
    _after_a_delivery_damage("[]"), _after_a_delivery_damage('{"deliveries": [1]}'),
    _after_a_delivery_damage('{"deliveries": [{"stage": "sending"}'), case_damaged_before_any_delivery,
    case_smuggled_recipient, case_bcc_hides_recipients, case_plain_text_table, case_sources_are_links,
    case_silent_server,
]
def case_name(case) -> str:
    return case.__name__.removeprefix("case_").replace("_", " ")


def run_case(case, pythonpath: str) -> str | None:
    handler = FaultHandler()
    controller = FaultController(handler, hostname="127.0.0.1", port=free_port(), ready_timeout=READY)
    controller.start()
    handler.port = controller.port
    try:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            world = World(root, write_project(root, controller.port), handler, pythonpath)
            return case(world)
    finally:
        handler.calm()
        controller.stop()


@pytest.mark.parametrize("case", CASES, ids=case_name)
def test_fault(case):
    assert run_case(case, str(ROOT)) is None


# --- Direct checks of what the tool says -----------------------------------------------------
def world_for(tmp_path: Path, handler: FaultHandler, controller) -> World:
    return World(tmp_path, write_project(tmp_path, controller.port), handler, str(ROOT))


@pytest.fixture
def server():
    handler = FaultHandler()
    controller = FaultController(handler, hostname="127.0.0.1", port=free_port(), ready_timeout=READY)
    controller.start()
    handler.port = controller.port
    yield handler, controller
    handler.calm()
    controller.stop()


def test_an_unclear_outcome_names_each_recipient_and_force_sends_them_once(tmp_path, server):
    handler, controller = server
    world = world_for(tmp_path, handler, controller)
    handler.drop_after_data = True
    first = world.send("--audience", "desk")
    handler.calm()
    assert first.status == 1
    assert "possibly delivered to a@example.org" in first.output and "b@example.org" in first.output
    assert "--force --audience desk --date 2025-11-01" in first.output
    again = world.send("--audience", "desk")
    assert again.status == 1 and "possibly delivered" in again.output
    assert handler.copies() == Counter({"a@example.org": 1, "b@example.org": 1})
    forced = world.send("--audience", "desk", "--force")
    assert forced.status == 0, forced.output
    assert handler.copies() == Counter({"a@example.org": 2, "b@example.org": 2})  # what --force is for
    assert world.send("--audience", "desk").status == 0
    assert handler.copies() == Counter({"a@example.org": 2, "b@example.org": 2})


def test_a_deferred_recipient_alone_is_sent_on_the_next_run(tmp_path, server):
    handler, controller = server
    world = world_for(tmp_path, handler, controller)
    handler.temporary["b@example.org"] = 100
    first = world.send("--audience", "desk")
    assert first.status == 1 and "deferred for b@example.org (450 4.2.1" in first.output
    handler.calm()
    second = world.send("--audience", "desk")
    assert second.status == 0 and "sent to Bea Example <b@example.org>" in second.output
    assert [m["rcpt_tos"] for m in handler.messages] == [["a@example.org"], ["b@example.org"]]


def test_one_audience_refused_does_not_stop_the_next_and_both_are_named(tmp_path, server):
    handler, controller = server
    world = world_for(tmp_path, handler, controller)
    handler.permanent.update({"a@example.org", "b@example.org"})
    run = world.send()
    assert run.status == 1
    assert "press 2025-11-01: sent to c@example.org" in run.output
    assert run.output.strip().splitlines()[-1].startswith("briefer: error: 1 of 2 audiences not fully delivered (desk)")


def test_a_damaged_record_is_named_and_nothing_is_sent_for_it(tmp_path, server):
    handler, controller = server
    world = world_for(tmp_path, handler, controller)
    world.sent_json("desk").write_text('{"format": 2, "deliveries": [{"stage": "done"}]}', encoding="utf-8")
    run = world.send("--audience", "desk")
    assert run.status == 1
    assert f"{world.sent_json('desk')} is damaged (deliveries[0].at: expected a string)" in run.output
    assert handler.messages == []


def test_recording_failure_after_delivery_says_it_was_sent(tmp_path, server):
    handler, controller = server
    world = world_for(tmp_path, handler, controller)
    flag = tmp_path / "disk-full"
    handler.disk_full_flag = flag
    run = world.send("--audience", "press", env={"FAULT_DISK_FULL": str(flag)})
    assert run.status == 1
    assert "the email WAS sent to c@example.org, but recording it in" in run.output
    assert "No space left on device" in run.output


def test_the_record_says_what_happened_to_each_recipient(tmp_path, server):
    handler, controller = server
    world = world_for(tmp_path, handler, controller)
    handler.permanent.add("b@example.org")
    world.send("--audience", "desk")
    record = json.loads(world.sent_json("desk").read_text())
    (attempt,) = record["deliveries"]
    assert attempt["stage"] == "done"
    assert {a: e["state"] for a, e in attempt["recipients"].items()} == {
        "a@example.org": "delivered", "b@example.org": "refused"}
    assert attempt["recipients"]["b@example.org"]["name"] == "Bea Example <b@example.org>"


# --- The table for the report ------------------------------------------------------------------
def main(argv: list[str]) -> int:
    pythonpath = argv[0] if argv else str(ROOT)
    failures: Counter = Counter()
    for case in CASES:
        kind = run_case(case, pythonpath)
        failures[kind] += 1 if kind else 0
        print(f"{case_name(case):45} {kind or 'ok'}", flush=True)
    print(f"\n{len(CASES)} cases against {pythonpath}")
    for kind in KINDS:
        print(f"  {kind:10} {failures[kind]}")
    print(f"  {'held':10} {len(CASES) - sum(failures.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
