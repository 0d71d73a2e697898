"""Exactly-once bookkeeping for one brief (audience and date) on one channel.

The record (sent.json for email) lives beside the brief and is carried over when the brief is
rebuilt. It lists every attempt, and an attempt moves through three stages, each written
durably (temporary file, fsync, rename, fsync of the folder) before the next step is taken:

  sending    written before connecting: these recipients are about to be tried. Nothing has
             been handed over yet, so an attempt found in this stage delivered nothing.
  final-dot  written after the server took the recipients and the body, just before the
             final "." that hands the whole message over. An attempt found in this stage may
             have been delivered: its recipients are "possibly delivered" and only --force
             sends to them again.
  done       the outcome per recipient: delivered, deferred (4xx: tried again next run),
             refused (5xx), possibly-delivered (the server had the whole message but its
             answer never came), not-sent (failed before the server had it: tried again).

The whole sequence runs under a lock per audience and date (the lock `publish` holds while
it replaces the brief), so two sends, or a send and a build, never interleave. A record that
cannot be read or does not have this shape is named and never taken to mean "not sent".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import stat
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from briefer.config import mailbox
from briefer.core.errors import BrieferError
from briefer.output.publish import write_atomically
from briefer.output.publish import fsync_folder

FORMAT = 2
STAGES = ("sending", "final-dot", "done")
DELIVERED, DEFERRED, REFUSED, POSSIBLY, NOT_SENT, IN_FLIGHT = (
    "delivered", "deferred", "refused", "possibly-delivered", "not-sent", "in-flight")
RECIPIENT_STATES = (DELIVERED, DEFERRED, REFUSED, POSSIBLY, NOT_SENT, IN_FLIGHT)
RETRIED = frozenset({None, DEFERRED, NOT_SENT})  # states the next run sends to without --force


@dataclass(frozen=True)
class LedgerLimits:
    lock_wait: float = 900.0  # seconds to wait for another send or build of the same brief
    lock_poll: float = 0.05
    max_bytes: int = 4_000_000  # a record larger than this is not read (it is not ours)
    max_attempts: int = 10_000


LIMITS = LedgerLimits()


class LedgerError(BrieferError):
    """The record cannot be trusted or written: nothing more is sent for this brief."""


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


# --- The lock ----------------------------------------------------------------------------
def lock_path(folder: Path) -> Path:
    """The lock briefer.output.publish.publish holds while replacing this brief's folder."""
    return folder.parent / f".{folder.name}.lock"


@contextlib.contextmanager
def locked(folder: Path, label: str, limits: LedgerLimits = LIMITS, waiting=lambda message: None) -> Iterator[None]:
    path = lock_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        deadline = time.monotonic() + limits.lock_wait
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
            if not told:
                waiting(f"{label}: another briefer send or build of this brief is running; waiting for it")
                told = True
            if time.monotonic() > deadline:
                raise LedgerError(f"{label}: another briefer send or build held {path} for over "
                                  f"{limits.lock_wait:g}s; nothing was sent (try again when it has finished)")
            time.sleep(limits.lock_poll)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- Reading and validating ------------------------------------------------------------
def _damaged(path: Path, what: str) -> LedgerError:
    return LedgerError(
        f"{path} is damaged ({what}); it may record a delivery, so nothing was sent for this brief: "
        f"check it, then move it aside to send again")


def _expect(condition: bool, path: Path, what: str) -> None:
    if not condition:
        raise _damaged(path, what)


def _validate_attempt(path: Path, index: int, entry) -> dict:
    where = f"deliveries[{index}]"
    _expect(isinstance(entry, dict), path, f"{where}: expected an object")
    if "stage" not in entry:  # the first format: written once, after sending
        return _migrate(path, where, entry)
    _expect(entry.get("stage") in STAGES, path, f"{where}.stage: expected one of {', '.join(STAGES)}")
    for key in ("at", "message_id"):
        _expect(isinstance(entry.get(key), str), path, f"{where}.{key}: expected a string")
    recipients = entry.get("recipients")
    _expect(isinstance(recipients, dict) and recipients, path, f"{where}.recipients: expected a non-empty object")
    for address, state in recipients.items():
        _expect(isinstance(state, dict) and state.get("state") in RECIPIENT_STATES, path,
                f"{where}.recipients[{address!r}].state: expected one of {', '.join(RECIPIENT_STATES)}")
        _expect(isinstance(state.get("reply", ""), str), path, f"{where}.recipients[{address!r}].reply: expected a string")
    return entry


def _migrate(path: Path, where: str, entry: dict) -> dict:
    """An entry of the first format ({recipients: [...], refused: {...}}): those listed got it."""
    listed, refused = entry.get("recipients"), entry.get("refused", {})
    _expect(isinstance(listed, list) and all(isinstance(r, str) for r in listed), path,
            f"{where}.recipients: expected a list of addresses")
    _expect(isinstance(refused, dict), path, f"{where}.refused: expected an object")
    states = {}
    for name in listed:
        address = mailbox(name)
        _expect(address is not None, path, f"{where}.recipients: not an address: {name!r}")
        states[address.addr_spec.lower()] = {"name": name, "state": DELIVERED, "reply": ""}
    for address, reply in refused.items():
        temporary = str(reply)[:1] == "4"
        states[str(address).lower()] = {"name": str(address), "state": DEFERRED if temporary else REFUSED,
                                        "reply": str(reply)}
    _expect(bool(states), path, f"{where}: records no recipient")
    return {"stage": "done", "at": str(entry.get("at", "?")), "message_id": str(entry.get("message_id", "?")),
            "subject": str(entry.get("subject", "")), "pdf_sha256": str(entry.get("pdf_sha256", "")),
            "recipients": states}


def read_record(path: Path, limits: LedgerLimits = LIMITS) -> list[dict]:
    """The attempts recorded in `path` ([] when there is no record), validated."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise _damaged(path, f"cannot be opened: {exc.strerror or exc}") from None
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise _damaged(path, "not a regular file")
        data = stream.read(limits.max_bytes + 1)
    _expect(len(data) <= limits.max_bytes, path, f"larger than {limits.max_bytes:,} bytes")
    try:
        record = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _damaged(path, f"not valid JSON: {exc}") from None
    _expect(isinstance(record, dict), path, "expected an object at the top")
    _expect(record.get("format", FORMAT) in (1, FORMAT), path, f"unknown format {record.get('format')!r}")
    attempts = record.get("deliveries")
    _expect(isinstance(attempts, list), path, "'deliveries': expected a list")
    _expect(len(attempts) <= limits.max_attempts, path, "too many attempts")
    return [_validate_attempt(path, index, entry) for index, entry in enumerate(attempts)]


# --- What the record says ------------------------------------------------------------------
@dataclass(frozen=True)
class RecipientState:
    state: str | None  # None: never tried
    at: str = ""
    reply: str = ""


def states(attempts: Iterable[dict]) -> dict[str, RecipientState]:
    """Each recipient's standing after every attempt, an interrupted one read conservatively."""
    standing: dict[str, RecipientState] = {}
    for attempt in attempts:
        stage = attempt["stage"]
        for address, entry in attempt["recipients"].items():
            state = entry["state"]
            if state == IN_FLIGHT:
                if stage == "sending":
                    continue  # interrupted before anything was handed over: as it was before
                state = POSSIBLY  # interrupted once the server might have had the message
            standing[address] = RecipientState(state, attempt["at"], entry.get("reply", ""))
    return standing


# --- Writing -----------------------------------------------------------------------------
class Ledger:
    """The record of one brief on one channel, written durably at every step."""

    def __init__(self, path: Path, attempts: list[dict]):
        self.path = path
        self.attempts = attempts

    @classmethod
    def open(cls, path: Path) -> Ledger:
        return cls(path, read_record(path))

    def standing(self) -> dict[str, RecipientState]:
        return states(self.attempts)

    def _write(self) -> None:
        data = json.dumps({"format": FORMAT, "deliveries": self.attempts}, ensure_ascii=False, indent=2) + "\n"
        write_atomically(self.path, data.encode("utf-8"))
        fsync_folder(self.path.parent)

    def begin(self, message_id: str, subject: str, digest: str, recipients: Mapping[str, str]) -> dict:
        """Record (durably) that these recipients are about to be tried; returns the attempt."""
        attempt = {"stage": "sending", "at": now(), "message_id": message_id, "subject": subject,
                   "pdf_sha256": digest,
                   "recipients": {address: {"name": name, "state": IN_FLIGHT, "reply": ""}
                                  for address, name in recipients.items()}}
        self.attempts.append(attempt)
        try:
            self._write()
        except BaseException:
            self.attempts.pop()
            raise
        return attempt

    def update(self, attempt: dict, stage: str, outcome: Mapping[str, tuple[str, str]]) -> None:
        """Move the attempt to `stage` with each recipient's (state, reply), durably."""
        attempt["stage"] = stage
        attempt["at"] = now()
        for address, (state, reply) in outcome.items():
            attempt["recipients"][address].update(state=state, reply=reply)
        self._write()
