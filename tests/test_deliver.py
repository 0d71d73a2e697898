"""`briefer send` against a real SMTP server (aiosmtpd) on 127.0.0.1, in this process."""

from __future__ import annotations

import datetime as dt
import email
import hashlib
import ipaddress
import json
import re
import shutil
import ssl
from email import policy
from pathlib import Path

import pytest
import yaml
from aiosmtpd.smtp import AuthResult, LoginPassword

from briefer.commands.build import build
from briefer.cli import main
from briefer.config import AudienceConfig, load_config
from briefer.delivery.channels import PublishedBrief
from briefer.delivery.email import DeliveryError, build_message, markdown_to_text, send
from support import Recorder, free_port

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DATE = "2025-11-01"
PASSWORD = "correct-horse-7Qz"
AUDIENCES = {
    "minister": {"sections": {"bottom_line": 3, "outcomes": 3, "open_questions": 3},
                 "recipients": ["office@example.org", "Deputy <deputy@example.org>"],
                 "subject": "Daily brief: {title} ({date})"},
    "press": {"sections": {"key_facts": 6}, "recipients": ["press@example.org"],
              "subject": "Press notes for {audience}: {date}"},
}


# --- A real SMTP server: Recorder and the `servers` fixture (support.py, conftest.py) ---------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1/localhost, made here with `cryptography`."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_file, key_file = folder / "relay.pem", folder / "relay.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


def server_tls_context(certificate) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*map(str, certificate))
    return context


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"briefer" and \
        auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)  # unhandled: the server replies 535 itself


# --- A built brief and a project pointing at the server --------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The seeds built once for the two audiences; each test works on its own copy."""
    root = tmp_path_factory.mktemp("built")
    config = write_config(root, {"host": "127.0.0.1", "port": 25, "security": "none"})
    build(load_config(config))
    return root / "out"


def write_config(root: Path, smtp: dict, retry: dict | None = None) -> Path:
    document = {
        "title": "Test brief",
        "sources": str(SEEDS),
        "output": "out",
        "audiences": AUDIENCES,
        "email": {"from": "Briefing Desk <briefs@example.org>", "smtp": {"timeout": 5, **smtp},
                  "retry": retry or {"attempts": 3, "delay": 0, "factor": 1}},
    }
    path = root / "config.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path, built):
    shutil.copytree(built, tmp_path / "out")

    def configure(smtp: dict, retry: dict | None = None):
        return load_config(write_config(tmp_path, smtp, retry))

    return configure


def brief_folder(config, audience: str) -> Path:
    return config.output / DATE / audience


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("brief.*")}


def assert_complete_message(received: dict, config, audience: str) -> None:
    message = received["message"]
    folder = brief_folder(config, audience)
    expected = [a.split("<")[-1].rstrip(">") for a in AUDIENCES[audience]["recipients"]]
    assert received["rcpt_tos"] == expected
    assert received["mail_from"] == "briefs@example.org"
    assert message["From"] == "Briefing Desk <briefs@example.org>"
    assert message.get_content_type() == "multipart/mixed"
    alternative = message.get_payload()[0]
    assert alternative.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in alternative.get_payload()] == ["text/plain", "text/html"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    record = json.loads((folder / "brief.json").read_text())
    first = next(s["items"][0] for s in record["sections"] if s["items"])
    citation = "[" + ", ".join(map(str, first["citations"])) + "]"
    assert f"{first['text']} {citation}" in text
    assert "](#source-" not in text and "\\" not in text
    assert 'style="' in html  # inlined for clients that drop <style>; only @media rules stay in one
    assert all(block.strip().startswith("@media") for block in re.findall(r"<style>(.*?)</style>", html, re.S))
    attachments = list(message.iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["application/pdf"]
    assert attachments[0].get_filename() == f"brief-{DATE}-{audience}.pdf"
    assert attachments[0].get_content() == (folder / "brief.pdf").read_bytes()


# --- The tests ---------------------------------------------------------------------------
def test_plain_smtp_delivers_one_complete_message_per_audience(project, servers):
    handler = Recorder()
    server = servers(handler)
    config = project({"host": "127.0.0.1", "port": server.port, "security": "none"})
    before = {a: snapshot(brief_folder(config, a)) for a in AUDIENCES}

    outcomes = send(config)

    assert [o.action for o in outcomes] == ["sent", "sent"]
    assert len(handler.messages) == 2
    minister, press = handler.messages
    assert_complete_message(minister, config, "minister")
    assert_complete_message(press, config, "press")
    assert minister["message"]["Subject"] == f"Daily brief: Test brief ({DATE})"
    assert press["message"]["Subject"] == f"Press notes for press: {DATE}"
    for audience in AUDIENCES:
        assert snapshot(brief_folder(config, audience)) == before[audience]  # sending never edits a brief
        sent = json.loads((brief_folder(config, audience) / "sent.json").read_text())
        assert len(sent["deliveries"]) == 1


def test_starttls_with_auth_and_a_trusted_self_signed_certificate(project, servers, certificate, capsys):
    handler = Recorder()
    server = servers(handler, tls_context=server_tls_context(certificate), require_starttls=True,
                     authenticator=authenticator, auth_required=True)
    config = project({"host": "127.0.0.1", "port": server.port, "security": "starttls",
                      "username": "briefer", "password_env": "TEST_SMTP_PASSWORD",
                      "ca_file": str(certificate[0])})

    send(config, audiences=["minister"], environment={"TEST_SMTP_PASSWORD": PASSWORD}, report=print)

    assert len(handler.messages) == 1
    assert handler.messages[0]["authenticated"]
    assert_complete_message(handler.messages[0], config, "minister")
    assert PASSWORD not in capsys.readouterr().out


def test_an_untrusted_certificate_is_a_permanent_failure(project, servers, certificate):
    server = servers(Recorder(), tls_context=server_tls_context(certificate), require_starttls=True)
    config = project({"host": "127.0.0.1", "port": server.port, "security": "starttls"})
    with pytest.raises(DeliveryError, match="certificate is not trusted"):
        send(config, audiences=["minister"], sleep=lambda s: pytest.fail("a certificate problem is not retried"))


def test_wrong_password_stops_with_one_line_exit_1_and_never_shows_it(
        project, servers, certificate, capsys, caplog, monkeypatch):
    server = servers(Recorder(), tls_context=server_tls_context(certificate), require_starttls=True,
                     authenticator=authenticator, auth_required=True)
    config = project({"host": "127.0.0.1", "port": server.port, "security": "starttls",
                      "username": "briefer", "password_env": "TEST_SMTP_PASSWORD",
                      "ca_file": str(certificate[0])}, retry={"attempts": 3, "delay": 0})
    wrong = "wrong-password-9xK"
    monkeypatch.setenv("TEST_SMTP_PASSWORD", wrong)

    status = main(["send", "--config", str(config.path), "--audience", "minister"])

    captured = capsys.readouterr()
    assert status == 1
    errors = captured.err.strip().splitlines()
    assert len(errors) == 1 and "authentication failed" in errors[0]
    assert "Traceback" not in captured.err
    for secret in (wrong, PASSWORD):
        assert secret not in captured.out + captured.err + caplog.text
    assert delivered(brief_folder(config, "minister")) == set()


def delivered(folder: Path) -> set[str]:
    """The recipients sent.json records as having the brief (no record: nobody)."""
    path = folder / "sent.json"
    if not path.exists():
        return set()
    return {address for attempt in json.loads(path.read_text())["deliveries"]
            for address, entry in attempt["recipients"].items() if entry["state"] == "delivered"}


def test_a_missing_password_variable_is_a_configuration_problem(project, capsys, monkeypatch):
    config = project({"host": "127.0.0.1", "port": free_port(), "security": "starttls",
                      "username": "briefer", "password_env": "TEST_SMTP_PASSWORD_UNSET"})
    monkeypatch.delenv("TEST_SMTP_PASSWORD_UNSET", raising=False)
    assert main(["send", "--config", str(config.path)]) == 2
    assert "TEST_SMTP_PASSWORD_UNSET" in capsys.readouterr().err


def test_a_server_that_is_down_then_comes_up_is_retried_with_backoff(project, servers, caplog):
    handler = Recorder()
    port = free_port()
    config = project({"host": "127.0.0.1", "port": port, "security": "none"},
                     retry={"attempts": 4, "delay": 0.5, "factor": 3})
    waits: list[float] = []

    def sleep(seconds):  # the server comes up during the second wait
        waits.append(seconds)
        if len(waits) == 2:
            servers(handler, port=port)

    outcomes = send(config, audiences=["press"], sleep=sleep)

    assert waits == [0.5, 1.5]
    assert [o.action for o in outcomes] == ["sent"]
    assert len(handler.messages) == 1
    assert_complete_message(handler.messages[0], config, "press")
    assert "cannot connect" in caplog.text and "attempt 2 of 4" in caplog.text


def test_a_server_that_stays_down_fails_after_the_last_attempt(project, capsys):
    config = project({"host": "127.0.0.1", "port": free_port(), "security": "none"},
                     retry={"attempts": 2, "delay": 0})
    assert main(["send", "--config", str(config.path), "--audience", "press"]) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert errors[-1].startswith("briefer: error: press 2025-11-01: sending to 127.0.0.1:")
    assert "after 2 attempts" in errors[-1]


def test_a_4xx_reply_is_retried(project, servers):
    handler = Recorder(data_replies=["451 4.3.0 Try again later"])
    server = servers(handler)
    config = project({"host": "127.0.0.1", "port": server.port, "security": "none"})
    send(config, audiences=["press"], sleep=lambda s: None)
    assert len(handler.messages) == 1


def test_a_5xx_rejection_stops_at_once_with_exit_1(project, servers, capsys):
    handler = Recorder(data_replies=["554 5.7.1 Message rejected as spam"])
    server = servers(handler)
    config = project({"host": "127.0.0.1", "port": server.port, "security": "none"})

    status = main(["send", "--config", str(config.path), "--audience", "press"])

    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1
    assert len(err) == 1 and "554 5.7.1 Message rejected as spam" in err[0]
    assert handler.messages == [] and handler.data_replies == []  # asked once, not retried
    assert "refused for press@example.org (554 5.7.1 Message rejected as spam)" in err[0]
    assert delivered(brief_folder(config, "press")) == set()


def test_a_second_send_sends_nothing_and_force_sends_again(project, servers, capsys):
    handler = Recorder()
    server = servers(handler)
    config = project({"host": "127.0.0.1", "port": server.port, "security": "none"})
    arguments = ["send", "--config", str(config.path), "--date", DATE]

    assert main(arguments) == 0
    assert len(handler.messages) == 2
    assert main(arguments) == 0
    assert len(handler.messages) == 2
    assert "already sent" in capsys.readouterr().out
    assert main(arguments + ["--force", "--audience", "minister"]) == 0
    assert len(handler.messages) == 3
    sent = json.loads((brief_folder(config, "minister") / "sent.json").read_text())
    assert len(sent["deliveries"]) == 2
    assert sent["deliveries"][0]["message_id"] != sent["deliveries"][1]["message_id"]


def test_dry_run_writes_eml_files_and_sends_nothing(project, servers):
    handler = Recorder()
    server = servers(handler)
    config = project({"host": "127.0.0.1", "port": server.port, "security": "none"})
    before = snapshot(brief_folder(config, "minister"))

    outcomes = send(config, dry_run=True)

    assert [o.action for o in outcomes] == ["dry-run", "dry-run"] and handler.messages == []
    eml = brief_folder(config, "minister") / f"brief-{DATE}-minister.eml"
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert_complete_message({"message": message, "mail_from": "briefs@example.org",
                             "rcpt_tos": ["office@example.org", "deputy@example.org"]}, config, "minister")
    assert not (brief_folder(config, "minister") / "sent.json").exists()
    assert snapshot(brief_folder(config, "minister")) == before


def test_send_without_a_built_brief_says_to_build_first(tmp_path, capsys):
    config = write_config(tmp_path, {"host": "127.0.0.1", "port": 25, "security": "none"})
    assert main(["send", "--config", str(config)]) == 2
    assert "run 'briefer build' first" in capsys.readouterr().err


def test_plain_text_has_bare_citations_and_no_markdown_syntax():
    markdown = (
        "# A \\*title\\*\n\n1 November 2025\n\n## Key facts\n\n"
        "- **New:** One [[1](#source-1), [3](#source-3)]\n- Two\\_words [[2](#source-2)]\n\n"
        "> 1. Bottom [[1](#source-1)]\n\n## Sources\n\n1. First, *Outlet*, undated, a.txt\n"
    )
    assert markdown_to_text(markdown) == (
        "A *title*\n=========\n\n1 November 2025\n\nKey facts\n---------\n\n"
        "- New: One [1, 3]\n- Two_words [2]\n\n    1. Bottom [1]\n\nSources\n-------\n\n"
        "1. First, Outlet, undated, a.txt\n"
    )


def test_a_recipient_refused_for_good_is_reported_and_the_others_are_recorded(project, servers):
    handler = Recorder(rcpt_replies=["550 5.1.1 No such mailbox"])
    server = servers(handler)
    config = project({"host": "127.0.0.1", "port": server.port, "security": "none"})

    with pytest.raises(DeliveryError, match=r"sent to Deputy <deputy@example.org>; refused for office@example.org \(550 5.1.1 No such mailbox\)"):
        send(config, audiences=["minister"])

    assert [m["rcpt_tos"] for m in handler.messages] == [["deputy@example.org"]]
    sent = json.loads((brief_folder(config, "minister") / "sent.json").read_text())
    recipients = sent["deliveries"][0]["recipients"]
    assert recipients["deputy@example.org"]["state"] == "delivered"
    assert recipients["deputy@example.org"]["name"] == "Deputy <deputy@example.org>"
    assert recipients["office@example.org"] == {"name": "office@example.org", "state": "refused",
                                                 "reply": "550 5.1.1 No such mailbox"}


def test_a_title_with_a_line_break_makes_a_one_line_subject(tmp_path):
    brief = PublishedBrief(folder=tmp_path, audience="desk", date=dt.date(2025, 11, 1), title="Line one\nLine two",
                           files={"markdown": b"# Line one Line two\n", "pdf": b"%PDF-1.4"})
    audience = AudienceConfig("desk", "default", ("key_facts",), {"key_facts": 3}, "A4", ("desk@example.org",),
                              "Brief: {title}\r\n({date})")
    message = build_message(brief, audience, "briefs@example.org", SEEDS.parent / "templates")
    assert message["Subject"] == "Brief: Line one Line two (2025-11-01)"
