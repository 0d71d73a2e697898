"""The email channel: each audience's brief to its recipients, exactly once.

One message per audience: multipart/alternative (plain text made from the Markdown, with
tables as aligned columns; HTML with the audience's own email stylesheet, inlined, one
column, dark-mode aware, no remote resources) and the PDF attached. Recipients appear in To,
or only in the SMTP envelope when the audience sets `bcc: true`.

Exactly once (see ledger.py): the attempt is recorded durably before connecting, and again
just before the final "." of DATA hands the whole message over. Failures before that point
are retried (temporary ones with backoff, this run; or on the next run); after it nothing is
retried: an answer that never comes is recorded as "possibly delivered" and only `--force`
sends to those recipients again. Each recipient has its own state, so one refused at RCPT
with a 4xx is tried again on the next run while the others are not sent twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import smtplib
import ssl
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import tinyhtml5
from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefer.brief.daily import STORY_PAGE
from briefer.config import AudienceConfig, Config, EmailConfig, SmtpConfig, mailbox
from briefer.core.errors import BrieferError, InputError
from briefer.delivery import ledger as ledger_module
from briefer.delivery.channels import DeliveryError, Outcome, PublishedBrief, deliver, register
from briefer.delivery.ledger import (DEFERRED, DELIVERED, IN_FLIGHT, NOT_SENT, POSSIBLY, REFUSED, RETRIED, Ledger,
                                     LedgerError)
from briefer.output.inline import inline_css, serialize
from briefer.output.publish import published_url, write_atomically
from briefer.output.render import markdown_to_html, relative_link, render_template, template_environment

log = logging.getLogger(__name__)

SENT_NAME = "sent.json"
EMAIL_TEMPLATE = "email.html.j2"
EMAIL_STYLESHEET = "email.css.j2"
# CRLF line ends, headers folded and encoded for SMTP; text parts quoted-printable (7-bit safe).
MESSAGE_POLICY = policy.SMTP


# --- Plain text from the brief's Markdown --------------------------------------------
_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")


def _inline_text(children) -> str:
    """Link targets and emphasis markers go; "[[1](#source-1), [3](#source-3)]" reads "[1, 3]".
    A link to the web keeps its address after its words: "Port deal <https://...>"."""
    pieces = []
    target = None
    for child in children or ():
        if child.type == "link_open":
            target = child.attrGet("href") or ""
        elif child.type == "link_close":
            if re.match(r"(?i)https?://", target or ""):
                pieces.append(f" <{target}>")
            target = None
        elif child.type in ("text", "code_inline", "image"):
            pieces.append(child.content)
        elif child.type == "softbreak":
            pieces.append(" ")
        elif child.type == "hardbreak":
            pieces.append("\n")
    return "".join(pieces).strip()


def aligned_table(rows: list[list[str]], right: list[bool], indent: str = "") -> list[str]:
    """Rows of cells as columns padded to their widest cell; a rule under the header row."""
    columns = max(len(row) for row in rows)
    rows = [row + [""] * (columns - len(row)) for row in rows]
    right = right + [False] * (columns - len(right))
    widths = [max(len(row[c]) for row in rows) for c in range(columns)]

    def line(row: list[str]) -> str:
        cells = [cell.rjust(width) if flush else cell.ljust(width) for cell, width, flush in zip(row, widths, right)]
        return (indent + "  ".join(cells)).rstrip()

    return [line(rows[0]), indent + "  ".join("-" * width for width in widths)] + [line(row) for row in rows[1:]]


def markdown_to_text(markdown: str, edit: Callable[[list], None] | None = None) -> str:
    """The brief as plain text. `edit`: called with the parsed tokens first (see page_links)."""
    tokens = _markdown.parse(markdown)
    if edit is not None:
        edit(tokens)
    lines: list[str] = []
    lists: list[int | None] = []  # per open list: next number, None when bulleted
    marker = ""
    quote_depth = 0
    heading = None
    table: list[list[str]] | None = None
    right: list[bool] = []

    def blank() -> None:
        if lines and lines[-1] != "":
            lines.append("")

    for token in tokens:
        kind = token.type
        if kind == "table_open":
            table, right = [], []
        elif kind == "tr_open" and table is not None:
            table.append([])
        elif kind in ("th_open", "td_open") and table is not None and len(table) == 1:
            right.append("right" in (token.attrGet("style") or ""))
        elif kind == "table_close" and table:
            indent = "    " * quote_depth
            lines.extend(aligned_table(table, right, indent))
            table = None
            blank()
        elif kind == "inline" and table is not None:
            table[-1].append(_inline_text(token.children))
        elif kind == "heading_open":
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


# --- The HTML part -------------------------------------------------------------------
_URL = re.compile(r"https?://[^\s<>\"']+")
_URL_TRAILING = ".,;:!?)]}'\""


def _link_text(parent: ElementTree.Element, text: str, before: ElementTree.Element | None) -> str:
    """Split `text` (parent's text when `before` is None, else before's tail) at each web
    address, putting each in an <a href>; returns what stays as plain text."""
    pieces = []
    last = 0
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(_URL_TRAILING)
        pieces.append((text[last:match.start()], url))
        last = match.start() + len(url)
    if not pieces:
        return text
    kept = pieces[0][0]
    position = list(parent).index(before) + 1 if before is not None else 0
    for index, (_, url) in enumerate(pieces):
        link = ElementTree.Element("a", {"href": url})
        link.text = url
        following = pieces[index + 1][0] if index + 1 < len(pieces) else text[last:]
        link.tail = following
        parent.insert(position + index, link)
    return kept


def link_addresses(root: ElementTree.Element) -> None:
    """Web addresses written as text in the Sources list become links."""
    for item in root.iter("li"):
        if not (item.get("id") or "").startswith("source-"):
            continue
        for element in list(item.iter()):
            if element.tag == "a":
                continue
            if element.text:
                element.text = _link_text(element, element.text, None)
            for child in list(element):
                if child.tail:
                    child.tail = _link_text(element, child.tail, child)


def email_html(brief: PublishedBrief, audience: AudienceConfig, templates: Path,
               edit: Callable[[list], None] | None = None) -> str:
    """The brief's Markdown as an email page: the audience's email stylesheet inlined.
    `edit`: called with the parsed Markdown tokens first (see page_links)."""
    environment = template_environment(templates, audience.template, autoescape=True)
    context = {"title": brief.title, "date": brief.date, "audience": audience.name}
    css = render_template(environment, EMAIL_STYLESHEET, context)
    root = tinyhtml5.parse(markdown_to_html(brief.text("markdown"), edit=edit), namespace_html_elements=False)
    link_addresses(root)
    body = "".join(serialize(child) for child in root.find("body"))
    page = render_template(environment, EMAIL_TEMPLATE, {**context, "css": css, "body": body})
    return inline_css(page, keep_media=True)


# --- A digest's links to its story pages ------------------------------------------------
ATTACHED = "full brief attached: {file}"  # what stands for a link to a story page without publish_url


def story_page(href: str) -> str | None:
    """The story page a relative link names (story-<id>.html beside the digest), if it does."""
    if not relative_link(href) or not href.endswith(".html"):
        return None
    name = href[: -len(".html")]
    return name if STORY_PAGE.match(name) else None


def page_links(tokens: list, base: str | None) -> list[str]:
    """A digest's links to its story pages, which work only beside the pages, made to work in
    an email: absolute under `base` (where the audience's folder is published); without one,
    each link gives way to its words and "(full brief attached: story-<id>.pdf)". Returns the
    names of the pages whose PDF the message must attach."""
    attached: list[str] = []
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        children, page = [], None
        for child in token.children:
            if child.type == "link_open" and (name := story_page(child.attrGet("href") or "")):
                if base:
                    child.attrSet("href", base + name + ".html")
                else:
                    page = name
                    continue
            elif child.type == "link_close" and page:
                children.append(Token("text", "", 0, content=f" ({ATTACHED.format(file=page + '.pdf')})"))
                attached.append(page)
                page = None
                continue
            children.append(child)
        token.children = children
    return list(dict.fromkeys(attached))


# --- The message ---------------------------------------------------------------------
def attachment_name(date: dt.date, audience: str, suffix: str = "pdf") -> str:
    return f"brief-{date.isoformat()}-{audience}.{suffix}"


def list_id(audience: str, sender: str) -> str:
    address = mailbox(sender)
    domain = address.domain if address is not None and address.domain else "localhost"
    return f"Briefs for {audience} <{audience}.briefs.{domain}>"


def build_message(brief: PublishedBrief, audience: AudienceConfig, sender: str, templates: Path,
                  now: dt.datetime | None = None, publish_url: str | None = None) -> EmailMessage:
    """The message of one brief. A digest's links to its story pages point where the pages are
    published (`publish_url`); without it, each page's PDF is attached and named instead."""
    base = published_url(publish_url, brief.date, audience.name) if publish_url else None
    attached: list[str] = []

    def links(tokens: list) -> None:
        attached[:] = page_links(tokens, base)

    message = EmailMessage(policy=MESSAGE_POLICY)
    subject = audience.subject.format(title=brief.title, date=brief.date, audience=audience.name)
    message["Subject"] = " ".join(subject.split())  # a header is one line; the title may hold a line break
    message["From"] = sender
    message["To"] = "undisclosed-recipients:;" if audience.bcc else ", ".join(audience.recipients)
    message["Date"] = format_datetime(now or dt.datetime.now(dt.timezone.utc))
    address = mailbox(sender)
    message["Message-ID"] = make_msgid(f"briefer.{brief.date}.{audience.name}",
                                       domain=address.domain if address is not None else None)
    message["Auto-Submitted"] = "auto-generated"
    message["List-Id"] = list_id(audience.name, sender)
    message.set_content(markdown_to_text(brief.text("markdown"), links), cte="quoted-printable")
    message.add_alternative(email_html(brief, audience, templates, links), subtype="html", cte="quoted-printable")
    message.add_attachment(brief.files["pdf"], maintype="application", subtype="pdf",
                           filename=attachment_name(brief.date, audience.name))
    for name in attached:
        if name not in brief.pages:
            raise InputError(f"{brief.folder}: the digest links {name}.html, but its record names no such "
                             f"story page (rebuild it with 'briefer build')")
        message.add_attachment(brief.pages[name], maintype="application", subtype="pdf", filename=f"{name}.pdf")
    return message


def wire_data(message: EmailMessage) -> bytes:
    """The message as DATA carries it, without the final ".": CRLF line ends, leading dots doubled."""
    data = message.as_bytes(policy=MESSAGE_POLICY)
    data = re.sub(rb"\r?\n", b"\r\n", data)
    data = re.sub(rb"(?m)^\.", b"..", data)
    return data if data.endswith(b"\r\n") else data + b"\r\n"


# --- SMTP ----------------------------------------------------------------------------
def _failure(exc: BaseException) -> tuple[bool, str]:
    """(temporary?, what happened) for an exception raised while talking to the relay."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return False, f"authentication failed ({exc.smtp_code} {_reply(exc.smtp_error)})"
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


class PossiblyDelivered(Exception):
    """The server had the whole message (after DATA's final dot), but its answer never came."""


class RecordFailed(Exception):
    """The durable record before the final dot could not be written: the dot was not sent."""


def hand_over(data: bytes, sender: str, recipients: Sequence[str], smtp: SmtpConfig, password: str | None,
              before_final_dot: Callable[[dict[str, tuple[int, str]]], None]) -> dict[str, tuple[int, str]]:
    """One connection: MAIL, a RCPT per recipient, DATA. Returns each recipient's (code, reply):
    its RCPT refusal, or the reply to the final dot. before_final_dot(RCPT replies) runs after the
    body is sent and before the final "."; once that dot is sent, any failure is PossiblyDelivered."""
    context = ssl.create_default_context(cafile=str(smtp.ca_file) if smtp.ca_file else None)
    if smtp.security == "ssl":
        client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout, context=context)
    else:
        client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
    handed = False
    try:
        if smtp.security == "starttls":
            client.starttls(context=context)
        if smtp.username is not None:
            client.login(smtp.username, password or "")
        client.ehlo_or_helo_if_needed()
        options = ["SMTPUTF8"] if not all(r.isascii() for r in (sender, *recipients)) else []
        if options and not client.has_extn("smtputf8"):
            raise smtplib.SMTPNotSupportedError("non-ASCII addresses need SMTPUTF8")
        code, reply = client.mail(sender, options)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, reply, sender)
        results = {}
        for recipient in recipients:
            code, reply = client.rcpt(recipient)
            results[recipient] = (code, _reply(reply))
        accepted = [r for r in recipients if 200 <= results[r][0] < 300]
        if not accepted:
            return results
        code, reply = client.docmd("data")
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        client.send(data)
        try:
            before_final_dot(results)
        except Exception as exc:  # noqa: BLE001 (any failure to record stops before the dot)
            raise RecordFailed(str(exc)) from exc
        handed = True
        client.send(b".\r\n")
        code, reply = client.getreply()
        if not 200 <= code < 600:  # an answer that is not one: the outcome is unknown
            raise smtplib.SMTPResponseException(code, reply)
        for recipient in accepted:
            results[recipient] = (code, _reply(reply))
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            pass  # the message's fate is already known
        return results
    except (smtplib.SMTPException, OSError) as exc:
        if handed:
            raise PossiblyDelivered(_failure(exc)[1]) from None
        raise
    finally:
        client.close()


# --- The channel ---------------------------------------------------------------------
def _state(code: int) -> str:
    return DELIVERED if 200 <= code < 300 else DEFERRED if 400 <= code < 500 else REFUSED


@dataclass(frozen=True)
class Prepared:
    email: EmailConfig
    password: str | None


@dataclass
class EmailChannel:
    environment: Mapping[str, str] | None = None
    sleep: Callable[[float], None] = time.sleep
    name: str = "email"

    def prepare(self, config: Config, dry_run: bool) -> Prepared:
        if config.email is None:
            where = config.path or "config.yaml"
            raise InputError(f"{where} has no 'email' section: nothing says whom to send as, or through which server")
        environment = os.environ if self.environment is None else self.environment
        return Prepared(config.email, None if dry_run else smtp_password(config.email.smtp, environment))

    def deliver(self, config: Config, prepared: Prepared, audience: AudienceConfig, brief: PublishedBrief,
                dry_run: bool, force: bool) -> Outcome:
        label = f"{audience.name} {brief.date}"
        if not audience.recipients:
            return Outcome(audience.name, brief.date, "skipped", "no recipients configured")
        people = {}
        for text in audience.recipients:
            address = mailbox(text)
            if address is None:  # config checks every entry; a hand-made Config may not have
                raise InputError(f"audiences.{audience.name}.recipients: not an email address, or more than one: {text!r}")
            people[address.addr_spec.lower()] = (address.addr_spec, text)
        message = build_message(brief, audience, prepared.email.sender, config.templates,
                                publish_url=config.publish_url)
        if dry_run:
            path = brief.folder / attachment_name(brief.date, audience.name, "eml")
            write_atomically(path, message.as_bytes(policy=MESSAGE_POLICY))
            return Outcome(audience.name, brief.date, "dry-run", f"wrote {path} (dry run: nothing sent)")
        record = Ledger.open(brief.folder / SENT_NAME)  # the caller holds the brief's lock
        return self._send_under_lock(record, message, people, audience, brief, prepared, force, label)

    def _send_under_lock(self, record: Ledger, message: EmailMessage, people: dict[str, tuple[str, str]],
                         audience: AudienceConfig, brief: PublishedBrief, prepared: Prepared, force: bool,
                         label: str) -> Outcome:
        standing = record.standing()
        state = {key: standing.get(key) for key in people}
        current = {key: (s.state if s else None) for key, s in state.items()}
        digest = hashlib.sha256(brief.files["pdf"]).hexdigest()
        if force:
            targets = [key for key in people if current[key] != DELIVERED] or list(people)
        else:
            targets = [key for key in people if current[key] in RETRIED]
        held = {key: state[key] for key in people if key not in targets and current[key] in (POSSIBLY, REFUSED)}
        if not targets:
            if held:
                raise DeliveryError(f"{label}: " + _problems({k: (s.state, s.reply) for k, s in held.items()},
                                                            people, audience, brief))
            last = max((s.at for s in state.values() if s), default="?")
            rebuilt = any(a.get("pdf_sha256") not in ("", digest) for a in record.attempts)
            return Outcome(audience.name, brief.date, "skipped",
                           f"already sent at {last}" + ("; the brief has been rebuilt since" if rebuilt else "")
                           + " (--force sends it again)")
        try:
            attempt = record.begin(message["Message-ID"], str(message["Subject"]), digest,
                                   {key: people[key][1] for key in targets})
        except OSError as exc:
            raise LedgerError(f"{label}: cannot record the delivery in {record.path} ({exc.strerror or exc}); "
                              f"nothing was sent") from None
        outcome = self._transmit(record, attempt, message, {key: people[key][0] for key in targets}, prepared, label)
        names = [people[key][1] for key, (s, _) in outcome.items() if s == DELIVERED]
        try:
            record.update(attempt, "done", outcome)
        except OSError as exc:
            if not names:
                raise LedgerError(f"{label}: nobody was sent the brief, and recording that in {record.path} "
                                  f"failed ({exc.strerror or exc})") from None
            raise DeliveryError(
                f"{label}: the email WAS sent to {', '.join(names)}, but recording it in {record.path} failed "
                f"({exc.strerror or exc}); do not send it again by hand: the next 'briefer send' lists them "
                f"as possibly delivered") from None
        problems = {key: value for key, value in outcome.items() if value[0] != DELIVERED}
        problems.update({key: (s.state, s.reply) for key, s in held.items()})
        if problems:
            sent = f"sent to {', '.join(names)}; " if names else ""
            raise DeliveryError(f"{label}: {sent}" + _problems(problems, people, audience, brief))
        return Outcome(audience.name, brief.date, "sent", f"sent to {', '.join(names)}")

    def _transmit(self, record: Ledger, attempt: dict, message: EmailMessage, envelope: dict[str, str],
                  prepared: Prepared, label: str) -> dict[str, tuple[str, str]]:
        """Each recipient's (state, reply). Retries, with backoff, what failed before the server
        had the whole message; never what came after."""
        smtp, retry = prepared.email.smtp, prepared.email.retry
        where = f"{smtp.host}:{smtp.port}"
        sender = mailbox(prepared.email.sender)
        sender_address = sender.addr_spec if sender is not None else prepared.email.sender
        data = wire_data(message)
        by_address = {address: key for key, address in envelope.items()}
        wait = retry.delay

        def before_final_dot(replies: dict[str, tuple[int, str]]) -> None:
            record.update(attempt, "final-dot", {
                by_address[a]: (IN_FLIGHT if 200 <= code < 300 else _state(code), f"{code} {reply}")
                for a, (code, reply) in replies.items()})

        for number in range(1, retry.attempts + 1):
            try:
                replies = hand_over(data, sender_address, list(envelope.values()), smtp, prepared.password,
                                    before_final_dot)
            except PossiblyDelivered as exc:
                what = _redact(str(exc), prepared.password)
                accepted = [k for k, v in attempt["recipients"].items() if v["state"] == IN_FLIGHT]
                return {key: (POSSIBLY if key in accepted else attempt["recipients"][key]["state"],
                              what if key in accepted else attempt["recipients"][key]["reply"])
                        for key in envelope}
            except RecordFailed as exc:
                raise LedgerError(f"{label}: cannot record the delivery in {record.path} ({exc}); the "
                                  f"message was not handed over: nothing was sent") from None
            except Exception as exc:  # every failure before the final dot is classified; none escapes
                temporary, what = _failure(exc)
                what = _redact(what, prepared.password)
                reset = {key: (IN_FLIGHT, "") for key in envelope}
                if not temporary or number == retry.attempts:
                    self._settle(record, attempt, {key: (NOT_SENT, what) for key in envelope}, label)
                    tries = f" after {retry.attempts} attempts" if temporary else ""
                    raise DeliveryError(f"{label}: sending to {where} failed{tries}: {what}") from None
                self._rewind(record, attempt, reset, label)
                log.warning("%s: %s at %s; trying again in %gs (attempt %d of %d)",
                            label, what, where, wait, number + 1, retry.attempts)
                self.sleep(wait)
                wait *= retry.factor
                continue
            outcome = {by_address[a]: (_state(code), f"{code} {reply}") for a, (code, reply) in replies.items()}
            if all(state == DEFERRED for state, _ in outcome.values()) and number < retry.attempts:
                # Refused for now, every one: definitely not delivered, so it may be tried again.
                self._rewind(record, attempt, {key: (IN_FLIGHT, "") for key in envelope}, label)
                what = next(reply for _, reply in outcome.values())
                log.warning("%s: the server replied %s at %s; trying again in %gs (attempt %d of %d)",
                            label, what, where, wait, number + 1, retry.attempts)
                self.sleep(wait)
                wait *= retry.factor
                continue
            return outcome
        raise AssertionError("unreachable: the loop returns or raises")

    @staticmethod
    def _rewind(record: Ledger, attempt: dict, outcome: dict[str, tuple[str, str]], label: str) -> None:
        """Before trying again: the server did not take the message, so nothing is in flight."""
        try:
            record.update(attempt, "sending", outcome)
        except OSError as exc:
            raise LedgerError(f"{label}: cannot record the delivery in {record.path} ({exc.strerror or exc}); "
                              f"nobody was sent the brief") from None

    @staticmethod
    def _settle(record: Ledger, attempt: dict, outcome: dict[str, tuple[str, str]], label: str) -> None:
        try:
            record.update(attempt, "done", outcome)
        except OSError as exc:  # nothing was handed over: the attempt's "sending" stage says so already
            log.warning("%s: cannot record the failed attempt in %s (%s)", label, record.path, exc.strerror or exc)


def _problems(problems: dict[str, tuple[str, str]], people: dict[str, tuple[str, str]], audience: AudienceConfig,
              brief: PublishedBrief) -> str:
    """One line: who has not (surely) got the brief, why, and what the next step is."""
    groups: dict[str, list[str]] = {}
    for key, (state, reply) in problems.items():
        groups.setdefault(state, []).append(f"{people[key][0]}" + (f" ({reply})" if reply else ""))
    force = f"'briefer send --force --audience {audience.name} --date {brief.date}'"
    parts = []
    if POSSIBLY in groups:
        parts.append(f"possibly delivered to {', '.join(groups[POSSIBLY])}: the server may have the whole message "
                     f"but its answer never came, so it is not sent again; check with them, then {force} "
                     f"sends to everyone not confirmed")
    if DEFERRED in groups:
        parts.append(f"deferred for {', '.join(groups[DEFERRED])}: the next 'briefer send' tries again")
    if REFUSED in groups:
        parts.append(f"refused for {'; '.join(groups[REFUSED])}: fix the address, or {force} to try again")
    if NOT_SENT in groups:
        parts.append(f"not sent to {', '.join(groups[NOT_SENT])}: the next 'briefer send' tries again")
    return "; ".join(parts)


register(EmailChannel())


def send(config: Config, date: dt.date | None = None, audiences: Sequence[str] | None = None,
         dry_run: bool = False, force: bool = False, environment: Mapping[str, str] | None = None,
         sleep: Callable[[float], None] = time.sleep, report: Callable[[Outcome], None] = lambda _: None,
         complain: Callable[[str], None] | None = None) -> list[Outcome]:
    """Email every chosen audience's brief; each outcome is reported as soon as it is known."""
    channel = EmailChannel(environment=environment, sleep=sleep)
    extra = {"complain": complain} if complain else {}
    return deliver(config, channel, date, audiences, dry_run, force, report, **extra)


__all__ = ["BrieferError", "DeliveryError", "EmailChannel", "LedgerError", "Outcome", "build_message",
           "markdown_to_text", "send", "ledger_module"]
