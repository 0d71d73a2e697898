"""The analyst's hand: drop, pin, move and add lines with an edits file; rebuilds keep them;
an edit whose line has gone is named, never silently lost."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from briefer.brief.edits import EDITS_NAME, line_id
from briefer.commands.build import build
from briefer.config import load_config
from support import make_project, run_cli

ARTICLES = {
    "001_port.txt": (
        "Ministers meet on port deal\n\ndate 2025-03-03\n\n"
        "The harbour ministers of Arland and Belmark met in Corvo on Monday to discuss a port deal. "
        "They agreed to set up a joint working group on shipping fees. "
        "Officials said the talks were constructive and would continue next month. "
        "The deal was signed after six hours of talks at the old customs house.\n"
    ),
    "002_access.txt": (
        "Port talks make progress\n\ndate 2025-03-03\n\n"
        "Arland and Belmark signed a memorandum on port access in Corvo on Monday. "
        "The memorandum covers customs checks and berth allocation for cargo ships. "
        "It is unclear whether the fishing fleets will be included in the deal. "
        "Dockworkers in Corvo said they had not been consulted about the new berth rules.\n"
    ),
    "003_fleet.txt": (
        "Fishing fleets wait\n\ndate 2025-03-02\n\n"
        "Fishing crews in Belmark fear losing their berths to the larger cargo ships. "
        "The fishermen's association will meet the port authority next week to ask for guarantees.\n"
    ),
}
ASSESSMENT = "Our reading: the berth rules matter more than the fees."
BOTTOM = "Expect the fleets question to decide the deal."


def lines(record: dict) -> dict[str, tuple[str, dict]]:
    return {item["id"]: (section["key"], item) for section in record["sections"] for item in section["items"]}


def record_of(result) -> dict:
    (output,) = result.outputs
    return json.loads((output.folder / "brief.json").read_text(encoding="utf-8"))


def setup(tmp_path: Path):
    config_path = make_project(tmp_path, ARTICLES)
    config = load_config(config_path)
    return config, record_of(build(config))


def test_line_ids_are_stable_and_shown_in_the_json_brief(tmp_path):
    config, first = setup(tmp_path)
    second = record_of(build(config))
    assert lines(first).keys() == lines(second).keys()
    for identity, (_, item) in lines(first).items():
        assert identity.startswith("L") and len(identity) == 11
        # The id is the sentence's words and the file it comes from; one of the cited files has it.
        cited = [source["path"] for source in first["sources"] if source["number"] in item["citations"]]
        assert identity in {line_id(path, item["text"]) for path in cited}


def test_drop_pin_move_and_add_are_applied_and_kept_across_rebuilds(tmp_path):
    config, before = setup(tmp_path)
    shown = lines(before)
    by_section = {}
    for identity, (key, _) in shown.items():
        by_section.setdefault(key, []).append(identity)
    dropped = next(iter(shown))
    moved = next(i for i, (key, _) in shown.items() if i != dropped and key != "open_questions")
    pinned = next(i for i in shown if i not in (dropped, moved))
    folder = config.output / before["date"] / "default"
    (folder / EDITS_NAME).write_text(yaml.safe_dump({
        "drop": [dropped], "pin": [pinned], "move": {moved: "open_questions"},
        "add": [{"section": "assessment", "text": ASSESSMENT}, {"section": "bottom_line", "text": BOTTOM}],
    }), encoding="utf-8")

    for _ in range(2):  # a rebuild applies them, and so does the next one
        result = build(config)
        assert result.warnings == ()
        after = lines(record_of(result))
        assert dropped not in after
        assert after[moved][0] == "open_questions"
        assert after[pinned][1].get("pinned") is True
        record = record_of(result)
        keys = [section["key"] for section in record["sections"]]
        assert keys[:2] == ["bottom_line", "assessment"]
        added = {item["text"]: item for section in record["sections"] for item in section["items"] if item.get("analyst")}
        assert set(added) == {ASSESSMENT, BOTTOM}
        assert all(item["citations"] == [] for item in added.values())
        markdown = (folder / "brief.md").read_text(encoding="utf-8")
        analyst_line = next(line for line in markdown.splitlines() if "berth rules matter" in line)
        assert "Analyst’s own words, not from the sources" in analyst_line and "[" not in analyst_line
        assert shown[dropped][1]["text"][:40] not in markdown
        assert (folder / EDITS_NAME).is_file()  # the edits stay beside the brief


def test_an_edit_whose_line_has_gone_is_named(tmp_path):
    config, before = setup(tmp_path)
    gone = line_id("003_fleet.txt", "Fishing crews in Belmark fear losing their berths to the larger cargo ships.")
    edits = tmp_path / "my-edits.yaml"
    edits.write_text(yaml.safe_dump({"pin": [gone], "add": [{"text": ASSESSMENT}]}), encoding="utf-8")
    assert not build(config, edits=edits).warnings  # the line is there: no warning
    (config.sources / "003_fleet.txt").unlink()
    result = run_cli("build", "--config", str(config.path), "--edits", str(edits), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    warning = next(line for line in result.stderr.splitlines() if gone in line)
    assert "pin" in warning and "my-edits.yaml" in warning and "no longer" in warning
    record = json.loads((config.output / before["date"] / "default" / "brief.json").read_text(encoding="utf-8"))
    assert any(gone in w for w in record["warnings"])  # the JSON brief says so too


def test_bad_edits_are_one_clear_line(tmp_path):
    config, _ = setup(tmp_path)
    edits = tmp_path / "bad.yaml"
    edits.write_text("move: {Labc: nowhere}\nsmite: [x]\n", encoding="utf-8")
    result = run_cli("build", "--config", str(config.path), "--edits", str(edits), cwd=tmp_path)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert "bad.yaml" in line and "nowhere" in line and "smite" in line
