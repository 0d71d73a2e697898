"""Deliver: email each audience's built brief to its recipients, once.

One message per audience: multipart/alternative (plain text made from the Markdown, HTML with
its CSS inlined) and the PDF attached. Temporary failures are retried with backoff, permanent
ones stop at once; a delivery is recorded in sent.json beside the brief so a second run does
not send it again. The brief's own files are only ever read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import smtplib
import ssl
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path

from markdown_it import MarkdownIt

from briefer.brief.audiences import select_audiences
from briefer.output.publish import write_atomically
from briefer.config import AudienceConfig, Config, EmailConfig, SmtpConfig
from briefer.brief.daily import RECORD_NAME
from briefer.core.errors import BrieferError, InputError
from briefer.output.inline import inline_css

log = logging.getLogger(__name__)

SENT_NAME = "sent.json"
BRIEF_FILES = ("brief.md", "brief.html", "brief.pdf", RECORD_NAME)


class DeliveryError(BrieferError):
    """The relay refused for good, or stayed unreachable through every retry."""


@dataclass(frozen=True)
class Outcome:
    audience: str
    date: dt.date
    action: str  # sent | skipped | dry-run
    detail: str  # one line for the user

    def __str__(self) -> str:
        return f"{self.audience} {self.date}: {self.detail}"


# --- Plain text from the brief's Markdown --------------------------------------------
_markdown = MarkdownIt("commonmark", {"html": False})


def _inline_text(children) -> str:
    """Link targets and emphasis markers go; "[[1](#source-1), [3](#source-3)]" reads "[1, 3]"."""
    pieces = []
    for child in children or ():
        if child.type in ("text", "code_inline", "image"):
            pieces.append(child.content)
        elif child.type == "softbreak":
            pieces.append(" ")
        elif child.type == "hardbreak":
            pieces.append("\n")
    return "".join(pieces).strip()


def markdown_to_text(markdown: str) -> str:
    lines: list[str] = []
    lists: list[int | None] = []  # per open list: next number, None when bulleted
    marker = ""
    quote_depth = 0
    heading = None

    def blank() -> None:
        if lines and lines[-1] != "":
            lines.append("")

    for token in _markdown.parse(markdown):
        kind = token.type
        if kind == "heading_open":
            heading = token.tag
        elif kind == "bullet_list_open":
            lists.append(None)
        elif kind == "ordered_list_open":
            lists.append(int(token.attrGet("start") or 1))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists:
                blank()
        elif kind == "list_item_open":
            number = lists[-1]
            marker = "- " if number is None else f"{number}. "
            if number is not None:
                lists[-1] = number + 1
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
            blank()
        elif kind in ("paragraph_close", "heading_close") and not lists:
            blank()
        elif kind == "inline":
            indent = "    " * quote_depth + "  " * max(0, len(lists) - 1)
            text = _inline_text(token.children)
            lines.append(indent + marker + text)
            marker = ""
            if heading:
                lines.append(indent + ("=" if heading == "h1" else "-") * len(text))
                heading = None
    return "\n".join(lines).strip() + "\n"


# --- The message ---------------------------------------------------------------------
@dataclass(frozen=True)
class BriefFiles:
    folder: Path
    audience: str
    date: dt.date
    title: str
    markdown: str
    html: str
    pdf: bytes


def attachment_name(date: dt.date, audience: str, suffix: str = "pdf") -> str:
    return f"brief-{date.isoformat()}-{audience}.{suffix}"


def read_brief(folder: Path, audience: str, date: dt.date) -> BriefFiles:
    missing = [name for name in BRIEF_FILES if not (folder / name).is_file()]
    if missing:
        raise InputError(f"no complete brief for audience {audience!r} dated {date} in {folder} "
                         f"(missing {', '.join(missing)}): run 'briefer build' first")
    try:
        record = json.loads((folder / RECORD_NAME).read_text(encoding="utf-8"))
        title = record["title"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"cannot read {folder / RECORD_NAME}: {exc}") from None
    return BriefFiles(
        folder=folder, audience=audience, date=date, title=str(title),
        markdown=(folder / "brief.md").read_text(encoding="utf-8"),
        html=(folder / "brief.html").read_text(encoding="utf-8"),
        pdf=(folder / "brief.pdf").read_bytes(),
    )


def build_message(brief: BriefFiles, audience: AudienceConfig, sender: str,
                  now: dt.datetime | None = None) -> EmailMessage:
    message = EmailMessage()
    subject = audience.subject.format(title=brief.title, date=brief.date, audience=audience.name)
    message["Subject"] = " ".join(subject.split())  # a header is one line; the title may hold a line break
    message["From"] = sender
    message["To"] = ", ".join(audience.recipients)
    message["Date"] = format_datetime(now or dt.datetime.now(dt.timezone.utc))
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(f"briefer.{brief.date}.{audience.name}", domain=domain)
    message.set_content(markdown_to_text(brief.markdown))
    message.add_alternative(inline_css(brief.html), subtype="html")
    message.add_attachment(brief.pdf, maintype="application", subtype="pdf",
                           filename=attachment_name(brief.date, audience.name))
    return message


# --- SMTP ----------------------------------------------------------------------------
def _failure(exc: BaseException) -> tuple[bool, str]:
    """(temporary?, what happened) for an exception raised while talking to the relay."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return False, f"authentication failed ({exc.smtp_code} {_reply(exc.smtp_error)})"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        refused = "; ".join(f"{address}: {code} {_reply(reply)}" for address, (code, reply) in exc.recipients.items())
        return all(400 <= code < 500 for code in codes), f"recipients refused ({refused})"
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500, f"the server replied {exc.smtp_code} {_reply(exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return False, f"the server does not support it: {exc}"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return False, f"the server's certificate is not trusted ({exc.verify_message}); set email.smtp.ca_file"
    if isinstance(exc, ssl.SSLError):
        return False, f"TLS failed ({exc.reason or exc})"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return True, f"the server disconnected ({exc})"
    if isinstance(exc, OSError):  # refused, reset, timed out, name not resolved (yet)
        return True, f"cannot connect ({exc.strerror or exc})"
    return False, f"{type(exc).__name__}: {exc}"


def _reply(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(text.split())


def _redact(text: str, secret: str | None) -> str:
    return text.replace(secret, "********") if secret else text


def smtp_password(smtp: SmtpConfig, environment: Mapping[str, str]) -> str | None:
    if smtp.username is None:
        return None
    password = environment.get(smtp.password_env or "")
    if not password:
        raise InputError(f"email.smtp.password_env names {smtp.password_env}, which is not set in the environment")
    return password


def send_once(message: EmailMessage, smtp: SmtpConfig, password: str | None) -> dict:
    """One connection, one message; returns the recipients refused while others were accepted."""
    context = ssl.create_default_context(cafile=str(smtp.ca_file) if smtp.ca_file else None)
    if smtp.security == "ssl":
        client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout, context=context)
    else:
        client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
    with client:
        if smtp.security == "starttls":
            client.starttls(context=context)
        if smtp.username is not None:
            client.login(smtp.username, password or "")
        return client.send_message(message)


def transmit(message: EmailMessage, email: EmailConfig, password: str | None,
             sleep: Callable[[float], None] = time.sleep, label: str = "") -> dict:
    """Send with retries: temporary failures wait delay, delay*factor, ...; permanent ones stop."""
    smtp, retry = email.smtp, email.retry
    where = f"{smtp.host}:{smtp.port}"
    wait = retry.delay
    for attempt in range(1, retry.attempts + 1):
        try:
            return send_once(message, smtp, password)
        except Exception as exc:  # every failure is classified; none escapes unexplained
            temporary, what = _failure(exc)
            what = _redact(what, password)
            if not temporary:
                raise DeliveryError(f"{label}: sending to {where} failed: {what}") from None
            if attempt == retry.attempts:
                raise DeliveryError(
                    f"{label}: sending to {where} failed after {retry.attempts} attempts: {what}") from None
            log.warning("%s: %s at %s; trying again in %gs (attempt %d of %d)",
                        label, what, where, wait, attempt + 1, retry.attempts)
            sleep(wait)
            wait *= retry.factor
    raise AssertionError("unreachable: the loop returns or raises")


# --- Sent records --------------------------------------------------------------------
def read_sent(folder: Path) -> list[dict]:
    path = folder / SENT_NAME
    if not path.is_file():
        return []
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {path}: {exc} (delete it to send again)") from None
    deliveries = record.get("deliveries") if isinstance(record, dict) else None
    return deliveries if isinstance(deliveries, list) else []


def record_sent(folder: Path, deliveries: list[dict], message: EmailMessage, refused: dict, pdf: bytes,
                recipients: Sequence[str]) -> None:
    entry = {
        "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "message_id": message["Message-ID"],
        "subject": message["Subject"],
        "recipients": list(recipients),
        "refused": {address: f"{code} {_reply(reply)}" for address, (code, reply) in refused.items()},
        "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
    }
    data = json.dumps({"deliveries": [*deliveries, entry]}, ensure_ascii=False, indent=2) + "\n"
    write_atomically(folder / SENT_NAME, data.encode("utf-8"))


# --- The command ---------------------------------------------------------------------
def newest_brief_date(output: Path, audience: str) -> dt.date | None:
    dates = []
    for folder in output.iterdir() if output.is_dir() else ():
        try:
            date = dt.date.fromisoformat(folder.name)
        except ValueError:
            continue
        if (folder / audience / "brief.pdf").is_file():
            dates.append(date)
    return max(dates, default=None)


def _already_sent(deliveries: list[dict], pdf: bytes) -> str:
    last = deliveries[-1]
    changed = last.get("pdf_sha256") != hashlib.sha256(pdf).hexdigest()
    return (f"already sent at {last.get('at', '?')}"
            + ("; the brief has been rebuilt since" if changed else "")
            + " (--force sends it again)")


def send_audience(config: Config, audience: AudienceConfig, date: dt.date | None, dry_run: bool, force: bool,
                  password: str | None, sleep: Callable[[float], None]) -> Outcome:
    day = date or newest_brief_date(config.output, audience.name)
    if day is None:
        raise InputError(f"no brief for audience {audience.name!r} in {config.output}: run 'briefer build' first")
    folder = config.output / day.isoformat() / audience.name
    if not audience.recipients:
        return Outcome(audience.name, day, "skipped", "no recipients configured")
    brief = read_brief(folder, audience.name, day)
    deliveries = read_sent(folder)
    if deliveries and not force:
        return Outcome(audience.name, day, "skipped", _already_sent(deliveries, brief.pdf))
    message = build_message(brief, audience, config.email.sender)
    if dry_run:
        path = folder / attachment_name(day, audience.name, "eml")
        write_atomically(path, message.as_bytes())
        return Outcome(audience.name, day, "dry-run", f"wrote {path} (dry run: nothing sent)")
    refused = transmit(message, config.email, password, sleep, label=f"{audience.name} {day}")
    accepted = [r for r in audience.recipients if parseaddr(r)[1] not in refused]
    record_sent(folder, deliveries, message, refused, brief.pdf, accepted)
    if refused:
        raise DeliveryError(f"{audience.name} {day}: sent to {', '.join(accepted)} but refused for "
                            + "; ".join(f"{a}: {code} {_reply(reply)}" for a, (code, reply) in refused.items()))
    return Outcome(audience.name, day, "sent", f"sent to {', '.join(audience.recipients)}")


def send(config: Config, date: dt.date | None = None, audiences: Sequence[str] | None = None,
         dry_run: bool = False, force: bool = False, environment: Mapping[str, str] | None = None,
         sleep: Callable[[float], None] = time.sleep, report: Callable[[Outcome], None] = lambda _: None,
         ) -> list[Outcome]:
    """Send every chosen audience's brief; each outcome is reported as soon as it is known."""
    if config.email is None:
        where = config.path or "config.yaml"
        raise InputError(f"{where} has no 'email' section: nothing says whom to send as, or through which server")
    chosen = select_audiences(config, audiences)
    password = None if dry_run else smtp_password(config.email.smtp, os.environ if environment is None else environment)
    outcomes = []
    for audience in chosen:
        outcome = send_audience(config, audience, date, dry_run, force, password, sleep)
        report(outcome)
        outcomes.append(outcome)
    return outcomes
