"""Configuration of audiences, the daily window and email: typed, and every problem at once."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefer.cli import main
from briefer.config import (SECTION_KEYS, AudienceConfig, EmailConfig, configured_audiences, load_config,
                            parse_config)
from briefer.core.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def parse(document: dict, tmp_path: Path):
    return parse_config(document, tmp_path / "config.yaml", tmp_path)


def problems(document: dict, tmp_path: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        parse(document, tmp_path)
    assert caught.value.path == str(tmp_path / "config.yaml")
    return caught.value.problems


def test_the_repository_config_declares_three_audiences_and_a_local_relay():
    config = load_config(ROOT / "config.yaml")
    assert [a.name for a in config.audiences] == ["analyst", "minister", "press"]
    minister = config.audiences[1]
    assert minister.template == "minister"  # found by name in templates/
    assert minister.sections == ("bottom_line", "outcomes", "open_questions")
    assert minister.section_budgets["bottom_line"] == 3 and minister.section_budgets["key_facts"] == 0
    assert config.email.smtp.host == "localhost" and config.email.smtp.username is None


def test_a_full_email_section_becomes_typed_objects(tmp_path):
    (tmp_path / "ca.pem").write_text("placeholder")
    config = parse({
        "window_days": 3,
        "page_size": "Letter",
        "audiences": {"desk": {"recipients": ["a@example.org", "Bo <b@example.org>"], "subject": "{audience}"}},
        "email": {"from": "Desk <desk@example.org>",
                  "smtp": {"host": "relay.example.org", "security": "ssl", "username": "u",
                           "password_env": "RELAY_PASSWORD", "ca_file": "ca.pem"},
                  "retry": {"attempts": 2, "delay": 0.01, "factor": 2}},
    }, tmp_path)
    assert config.window_days == 3
    desk = config.audiences[0]
    assert isinstance(desk, AudienceConfig)
    assert desk.template == "default" and desk.page_size == "Letter" and desk.sections == SECTION_KEYS
    assert desk.recipients == ("a@example.org", "Bo <b@example.org>")
    assert isinstance(config.email, EmailConfig)
    assert config.email.smtp.port == 465  # the default port follows the security mode
    assert config.email.smtp.ca_file == tmp_path / "ca.pem"
    assert (config.email.retry.attempts, config.email.retry.delay) == (2, 0.01)


def test_no_audiences_means_the_single_default_audience(tmp_path):
    config = parse({"sections": {"outcomes": 1}}, tmp_path)
    (audience,) = configured_audiences(config)
    assert audience.name == "default" and audience.template == "default"
    assert audience.section_budgets["outcomes"] == 1 and audience.recipients == ()


def test_section_order_follows_the_mapping(tmp_path):
    config = parse({"audiences": {"x": {"sections": {"open_questions": 2, "bottom_line": 1}}}}, tmp_path)
    assert config.audiences[0].sections == ("open_questions", "bottom_line")


def test_every_problem_is_reported_at_once_by_key(tmp_path):
    found = problems({
        "window_days": 0,
        "audiences": {
            "Bad Name": {},
            "minister": {"template": "../elsewhere", "sections": {"bottom_line": "three", "summary": 1},
                         "page_size": "A5", "recipients": "office@example.org", "subject": "{when}",
                         "colour": "red"},
            "press": {"template": "missing", "recipients": ["ok@example.org", "not an address"]},
        },
        "email": {"from": "nobody", "sign": True,
                  "smtp": {"port": 0, "security": "tls", "password": "hunter2", "username": "u",
                           "ca_file": "none.pem", "timeout": "soon"},
                  "retry": {"attempts": 0, "factor": 0.5}},
    }, tmp_path)
    expected = [
        "'window_days'", "'audiences.Bad Name'", "'audiences.minister.colour': unknown key",
        "'audiences.minister.template'", "'audiences.minister.page_size'",
        "'audiences.minister.sections.bottom_line'", "'audiences.minister.sections.summary': unknown section",
        "'audiences.minister.recipients': expected a list", "'audiences.minister.subject': unknown placeholder",
        "'audiences.press.template': no folder 'missing'", "'audiences.press.recipients[1]': not an email",
        "'email.sign': unknown key", "'email.from': not an email address",
        "'email.smtp.password': the password never sits in the file",
        "'email.smtp.security'", "'email.smtp': 'username' and 'password_env' go together",
        "'email.smtp.ca_file': no such file", "'email.smtp.port'", "'email.smtp.timeout'",
        "'email.retry.attempts'", "'email.retry.factor'",
    ]
    for start in expected:
        assert any(p.startswith(start) for p in found), start
    assert len(found) == len(expected)
    assert not any("hunter2" in p for p in found)  # a password put in the file is not echoed back


@pytest.mark.parametrize("document, fragment", [
    ({"audiences": ["minister"]}, "'audiences': expected a mapping"),
    ({"audiences": {"x": {"sections": {}}}}, "'audiences.x.sections': expected a mapping"),
    ({"audiences": {"x": {"subject": "{title.__class__}"}}}, "unknown placeholder"),
    ({"audiences": {"x": {"subject": "Brief\nBcc: all@example.org"}}}, "must be a single line"),
    ({"email": {"smtp": {}}}, "'email.from': an email address is required"),
    ({"email": {"from": "a@b.org", "smtp": {"password_env": "1BAD", "username": "u"}}},
     "expected the name of an environment variable"),
    ({"email": "localhost"}, "'email': expected a mapping"),
    ({"email": {"from": "a@b.org", "smtp": {"security": "none", "username": "u", "password_env": "P"}}},
     "a password is never sent unencrypted"),
    ({"window_days": True}, "'window_days': expected a whole number"),
])
def test_wrong_types_and_impossible_values(tmp_path, document, fragment):
    assert any(fragment in p for p in problems(document, tmp_path))


def test_the_command_line_names_the_file_and_exits_2(tmp_path, capsys):
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump({"audiences": {"x": {"page_size": "A0"}}}), encoding="utf-8")
    assert main(["send", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "'audiences.x.page_size'" in err
