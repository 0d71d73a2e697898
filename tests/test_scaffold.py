"""`briefer new`, then what a new user does: add articles, build, dry-run send."""

from __future__ import annotations

import email
import shutil
from email import policy
from pathlib import Path

import pypdf

from briefer.cli import main
from briefer.config import load_config

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_new_project_builds_and_dry_run_sends(tmp_path, capsys, monkeypatch):
    desk = tmp_path / "desk"
    assert main(["new", str(desk)]) == 0
    assert (desk / "config.yaml").is_file() and (desk / "sources").is_dir()
    assert list((desk / "sources").iterdir()) == []
    assert not (desk / "templates" / "default").exists()  # briefer's built-in default serves
    assert "# " in (desk / "config.yaml").read_text()  # the config explains itself
    config = load_config(desk / "config.yaml")
    assert [a.name for a in config.audiences] == ["desk", "minister"]

    monkeypatch.chdir(desk)  # as a user would: inside the project, no --config
    assert main(["build"]) == 2  # no articles yet: one clear line, exit 2
    assert "no usable articles" in capsys.readouterr().err

    for article in SEEDS.iterdir():
        shutil.copy(article, desk / "sources")
    assert main(["build"]) == 0
    built = sorted(p for p in (desk / "out").glob("*/*/brief.pdf") if not p.parent.name.startswith("."))
    assert [p.parent.name for p in built] == ["desk", "minister"]
    for pdf in built:
        assert len(pypdf.PdfReader(pdf).pages) == 1
    assert "Desk edition" in (built[0].parent / "brief.md").read_text()  # the example override
    assert "For the Minister" in (built[1].parent / "brief.md").read_text()  # briefer's minister template

    capsys.readouterr()
    assert main(["send", "--dry-run"]) == 0
    assert capsys.readouterr().out.count("dry run: nothing sent") == 2
    for pdf in built:
        (eml,) = pdf.parent.glob("*.eml")
        message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
        (attachment,) = message.iter_attachments()
        assert attachment.get_content() == pdf.read_bytes()
        assert not (pdf.parent / "sent.json").exists()


def test_new_refuses_a_folder_that_holds_something(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["new", str(tmp_path)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
