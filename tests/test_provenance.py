"""Provenance: every line of the JSON brief, and every sentence, time and quote `inspect`
shows, carries character offsets into its source file's own decoded text."""

from __future__ import annotations

import datetime as dt
import json

from briefer.commands.build import build
from briefer.commands.inspect import inspect_file
from briefer.config import load_config
from support import make_project, only_output

ARTICLES = {
    "001_first.txt": (
        "---\ntitle: Port deal signed\noutlet: Corvo Herald\ndate: 2025-11-03\n---\n"
        "Port deal signed\n\n"
        "CORVO, Nov. 3 --  The harbour ministers of Arland and Belmark signed a port deal in Corvo on Monday.\n"
        "The deal cuts   harbour fees for cargo ships by a fifth from December.\n\n"
        "\"This is a good day for both ports,\" said Mara Lind, Arland's harbour minister.\n"
    ),
    "002_second.txt": (
        "Arland and Belmark agree port deal\n\n"
        "The harbour ministers of Arland and Belmark signed a port deal in Corvo on Monday, officials said.\n"
        "Fishing fleets are not covered by the deal, which takes effect in December.\r\n"
    ),
}


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_every_line_of_the_json_brief_points_at_its_passage(tmp_path):
    config = load_config(make_project(tmp_path, ARTICLES))
    output = only_output(build(config, dt.date(2025, 11, 3)))
    record = json.loads((output.folder / "brief.json").read_text(encoding="utf-8"))
    paths = {s["number"]: tmp_path / "sources" / s["path"] for s in record["sources"]}
    items = [item for section in record["sections"] for item in section["items"]]
    assert items
    for item in items:
        assert item["passages"], item["text"]
        assert {p["source"] for p in item["passages"]} <= set(item["citations"])
        quoted = []
        for passage in item["passages"]:
            with open(paths[passage["source"]], encoding="utf-8", newline="") as stream:
                quoted.append(_squash(stream.read()[passage["start"]:passage["end"]]))
        assert item["text"] in quoted  # the line itself, verbatim, in at least its own source


def test_inspect_offsets_index_the_file_text(tmp_path):
    path = tmp_path / "001_first.txt"
    path.write_text(ARTICLES["001_first.txt"], encoding="utf-8")
    (result,) = inspect_file(str(path))
    record = result.record
    text = path.read_text(encoding="utf-8")
    assert record["date"] == "2025-11-03" and record["date_source"] == "front matter"
    assert len(record["sentences"]) == 3
    for sentence in record["sentences"]:
        assert _squash(text[sentence["start"]:sentence["end"]]) == sentence["text"]
    for found in record["times"] + record["quotes"]:
        assert text[found["start"]:found["end"]] == found["text"]
    assert any(q["text"].startswith("This is a good day") for q in record["quotes"])


def test_offsets_count_the_characters_the_reader_took_out(tmp_path):
    # A byte-order mark and a zero-width space are not part of the text briefer reads, but
    # they are part of the file: offsets must still index the file's own text.
    path = tmp_path / "marked.txt"
    path.write_bytes("\ufeff---\ndate: 2025-11-03\n---\nThe co\u200bop met on Friday. "
                     "\"We agree,\" said Mara Lind, the chair.\n".encode("utf-8"))
    (result,) = inspect_file(str(path))
    text = path.read_text(encoding="utf-8")  # keeps the mark, as the scorers read it
    record = result.record
    assert [s["text"] for s in record["sentences"]][0] == "The coop met on Friday."
    assert text[record["sentences"][0]["start"]:record["sentences"][0]["end"]] == "The co\u200bop met on Friday."
    for found in record["times"] + record["quotes"]:
        assert text[found["start"]:found["end"]] == found["text"]
    assert record["times"] and record["quotes"]


WIRE = {
    "001_wire.txt": (
        "---\ntitle: Port deal signed\noutlet: Wire\ndate: 2025-11-03\n---\n"
        "CORVO (AP) _ The harbour ministers of Arland and Belmark signed a port deal in Corvo on Monday.\n\n"
        "Mara Lind _ Arland's harbour minister since 2019 _ called it ``a good day for both ports.''\n\n"
        "The deal cuts harbour fees for cargo ships by a fifth from December, officials said.\n"
    ),
    "002_rewrite.txt": (
        "---\ntitle: Port deal\noutlet: Daily\ndate: 2025-11-03\n---\n"
        "The harbour ministers of Arland and Belmark signed a port deal in Corvo on Monday, officials said.\n\n"
        "Mara Lind _ Arland's harbour minister since 2019 _ called it ``a good day for both ports.''\n"
    ),
}


def test_wire_copys_ascii_marks_print_as_typeset_and_stay_verbatim_in_the_record(tmp_path):
    # `` '' and " _ " are shown as “ ” and — on the page; the JSON record keeps the source's
    # own text, and its passages still point at it
    config = load_config(make_project(tmp_path, WIRE))
    output = only_output(build(config, dt.date(2025, 11, 3)))
    markdown = (output.folder / "brief.md").read_text(encoding="utf-8")
    html = (output.folder / "brief.html").read_text(encoding="utf-8")
    for page in (markdown, html):
        assert "“a good day for both ports.”" in page and "Mara Lind — Arland" in page
        assert "``" not in page and "Lind _ " not in page and "Lind \\_" not in page
    record = json.loads((output.folder / "brief.json").read_text(encoding="utf-8"))
    paths = {s["number"]: tmp_path / "sources" / s["path"] for s in record["sources"]}
    items = [item for section in record["sections"] for item in section["items"]]
    wire_lines = [item for item in items if "``" in item["text"]]
    assert wire_lines
    for item in wire_lines:
        quoted = []
        for passage in item["passages"]:
            with open(paths[passage["source"]], encoding="utf-8", newline="") as stream:
                quoted.append(_squash(stream.read()[passage["start"]:passage["end"]]))
        assert item["text"] in quoted
