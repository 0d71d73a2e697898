import pytest

from briefer.config import load_config
from briefer.core.errors import ConfigError


def test_empty_config_means_defaults(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("")
    (tmp_path / "sources").mkdir()  # the default folder: never the repository's seeds
    config = load_config(path)
    assert config.page_size == "A4" and config.sources == tmp_path / "sources"
    assert config.section_budgets == {"background": 3, "key_facts": 5, "outcomes": 3, "open_questions": 4,
                                      "timeline": 4}


def test_every_problem_reported_at_once_naming_key_and_file(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("page_size: A5\ncolour: red\nsections:\n  background: -1\n  key_facts: many\n")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    message = str(error.value)
    assert str(path) in message
    for key in ("'page_size'", "'colour'", "'sections.background'", "'sections.key_facts'"):
        assert key in message


def test_invalid_yaml_reports_line_and_column(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("title: ok\npage_size: [A4\n")
    with pytest.raises(ConfigError, match=r"line \d+, column \d+"):
        load_config(path)


def test_every_option_is_declared_once_and_documented():
    from briefer.config import KNOWN_KEYS, OPTIONS
    from support import ROOT

    assert len(set(KNOWN_KEYS)) == len(KNOWN_KEYS) == len(OPTIONS)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for option in OPTIONS:
        assert option.help and f"| `{option.key}` |" in readme, option.key
