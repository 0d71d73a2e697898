"""A day of many stories built and sent like one: `--strict`, the analyst's edits, and an email
whose links to the story pages work (published address, or the pages' PDFs attached)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
import yaml

from briefer.brief.edits import line_id
from briefer.commands.build import build
from briefer.config import load_config
from briefer.core.errors import ConfigError, InputError
from briefer.delivery.email import send
from support import Recorder, make_project, run_cli
from tests.test_stories import DAY, FLOOD, PORT, VOTE

STORIES = {**PORT, **FLOOD, **VOTE}
BOTTOM = "Our reading: the berths matter more than the fees."
DAY_LINE = "Three stories today; the floods need the most attention."


def folder_of(config, audience: str = "default") -> Path:
    return config.output / DAY / audience


def records(config, audience: str = "default") -> tuple[dict, dict[str, dict]]:
    """The digest's record and each story page's, by page name."""
    folder = folder_of(config, audience)
    pages = {p.name[:-len(".json")]: json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("story-*.json")}
    return json.loads((folder / "brief.json").read_text(encoding="utf-8")), pages


def items(record: dict, section: str | None = None) -> dict[str, dict]:
    return {item["id"]: item for s in record["sections"] if section in (None, s["key"]) for item in s["items"]}


def page_with(pages: dict[str, dict], name: str) -> str:
    """The page of the story told by the article `name`."""
    return next(page for page, record in pages.items() if any(s["path"] == name for s in record["sources"]))


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


# --- --strict ------------------------------------------------------------------------------
UNDATED = ("vote_4.txt", "Tessaly count goes on\n\nBallots in the Tessaly snap election are still being counted.\n")
BAD_LINE = ("wire.jsonl", '{"title": "Port fees set", "date": "2026-03-03", "text": "Corvo port fees were set."}\n'
            "this line is not JSON\n")
UNREAD = ("notes.docx", "a kind of file briefer does not read")


@pytest.mark.parametrize("bad, named", [(UNDATED, "vote_4.txt: undated"), (BAD_LINE, "wire.jsonl:2"),
                                        (UNREAD, "skipped notes.docx")])
def test_strict_refuses_a_many_story_folder_with_one_line_naming_the_file(tmp_path, bad, named):
    config = load_config(make_project(tmp_path, {**STORIES, bad[0]: bad[1]}))
    with pytest.raises(InputError) as caught:
        build(config, strict=True)
    message = str(caught.value)
    assert "\n" not in message and message.startswith("--strict: 1 problem(s)") and named in message
    assert not config.output.exists()  # nothing published, not even the day's story record


def test_strict_failure_leaves_the_published_day_whole_and_the_cli_says_one_line(tmp_path):
    config = load_config(make_project(tmp_path, {**STORIES, UNDATED[0]: UNDATED[1]}))
    result = build(config)  # without --strict: built, the undated article named
    assert any("vote_4.txt: undated" in warning for warning in result.warnings)
    assert len(list(folder_of(config).glob("story-*.pdf"))) == 3
    before = snapshot(config.output)
    done = run_cli("build", "--strict", "--config", str(config.path), cwd=tmp_path)
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("briefer: error: --strict:") and "vote_4.txt" in line
    assert snapshot(config.output) == before


# --- The analyst's edits -------------------------------------------------------------------
@pytest.fixture
def day_built(tmp_path):
    """The three stories built once without edits: the config, the digest's and pages' records."""
    config = load_config(make_project(tmp_path, STORIES))
    build(config)
    return (config, *records(config))


def write_edits(path: Path, edits: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(edits, sort_keys=False), encoding="utf-8")
    return path


def test_edits_under_a_page_name_edit_that_page_and_its_lines_in_the_digest(day_built):
    config, digest, pages = day_built
    port = page_with(pages, "port_1.txt")
    dropped = next(iter(items(digest, port)))  # a line of the port story the digest shows
    # the edits file beside the digest, as an analyst keeps it across rebuilds
    write_edits(folder_of(config).resolve().parent / "default" / "edits.yaml", {
        "pages": {port: {"drop": [dropped], "add": [{"section": "bottom_line", "text": BOTTOM}]}}})
    result = build(config)
    assert not result.warnings
    digest, pages = records(config)
    assert dropped not in items(pages[port]) and dropped not in items(digest)
    page_bottom = pages[port]["sections"][0]
    assert page_bottom["key"] == "bottom_line" and page_bottom["items"][0]["analyst"]
    first = digest_lines(config, port)[0]  # the analyst's line leads the story's lines in the digest
    assert first == f"- *Analyst’s own words, not from the sources:* {BOTTOM}"
    others = [page for page in pages if page != port]
    assert all(len(digest_lines(config, page)) == 3 for page in others)  # the other stories as before


def digest_lines(config, page: str) -> list[str]:
    markdown = (folder_of(config) / "brief.md").read_text(encoding="utf-8")
    section = markdown.split(f"]({page}.html)\n")[1].split("\n## ")[0]
    return [line for line in section.splitlines() if line.startswith("- ")]


def test_the_digests_own_edits_drop_pin_and_add_there_and_leave_the_pages(day_built, tmp_path):
    config, digest, pages = day_built
    flood, port = page_with(pages, "flood_1.txt"), page_with(pages, "port_1.txt")
    dropped = next(iter(items(digest, flood)))
    pinned = next(i for i in items(pages[port]) if i not in items(digest))  # on the page, not in the digest
    edits = write_edits(tmp_path / "desk-edits.yaml", {
        "drop": [dropped], "pin": [pinned], "add": [{"section": "bottom_line", "text": DAY_LINE}]})
    result = build(config, edits=edits)
    assert not result.warnings
    after, pages_after = records(config)
    assert dropped not in items(after) and dropped in items(pages_after[flood])  # the page keeps it
    assert items(after, port)[pinned]["pinned"] and pinned in items(pages_after[port])
    assert [s["key"] for s in after["sections"]][0] == "bottom_line"
    assert after["sections"][0]["items"][0]["text"] == DAY_LINE
    markdown = (folder_of(config) / "brief.md").read_text(encoding="utf-8")
    assert "## Bottom line\n" in markdown and "(bottom_line.html)" not in markdown
    text = {item["id"]: item["text"] for item in items(pages_after[port]).values()}
    assert text[pinned] in digest_lines(config, port)[-1]  # a pinned line joins its story's lines
    assert json.loads((folder_of(config) / "brief.json").read_text())["sections"][0]["items"][0]["analyst"]


def test_edits_naming_lines_or_pages_that_are_not_there_warn_from_the_command_line(day_built, tmp_path):
    config, _, pages = day_built
    port = page_with(pages, "port_1.txt")
    ghost = line_id("port_9.txt", "A sentence no article of the day holds.")
    elsewhere = next(iter(items(pages[page_with(pages, "vote_1.txt")])))  # a line of another story
    edits = write_edits(tmp_path / "my-edits.yaml", {
        "pin": [ghost], "pages": {port: {"drop": [ghost, elsewhere]}, "story-s0000000000": {"drop": [ghost]}}})
    done = run_cli("build", "--config", str(config.path), "--edits", str(edits), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("briefer: warning: ")]
    on_digest = [w for w in warnings if f"pin {ghost}" in w]
    on_page = [w for w in warnings if f"pages.{port}: drop" in w]
    no_page = [w for w in warnings if "pages.story-s0000000000" in w]
    assert len(on_digest) == 1 and "my-edits.yaml" in on_digest[0] and "none of the digest's story pages" in on_digest[0]
    assert {w.split(": drop ")[1].split(":")[0] for w in on_page} == {ghost, elsewhere}
    assert all("no longer in the sources" in w for w in on_page)
    assert len(no_page) == 1 and "no such story page" in no_page[0]
    digest, pages = records(config)
    assert any(ghost in w for w in digest["warnings"]) and any("story-s0000000000" in w for w in digest["warnings"])
    assert any(elsewhere in w for w in pages[port]["warnings"])


def test_page_edits_on_a_one_story_folder_are_named_not_ignored(tmp_path):
    config = load_config(make_project(tmp_path, PORT))
    edits = write_edits(tmp_path / "edits.yaml", {"pages": {"story-s0123456789": {"drop": ["L0123456789"]}}})
    result = build(config, edits=edits)
    (warning,) = result.warnings
    assert "story-s0123456789" in warning and "one story" in warning and "not applied" in warning


@pytest.mark.parametrize("edits, named", [
    ({"pages": {"port": {"drop": ["Labc"]}}}, "'pages.port'"),
    ({"pages": {"story-s1": {"pages": {}}}}, "'pages.story-s1.pages'"),
    ({"pages": {"story-s1": {"move": {"Labc": "nowhere"}}}}, "'pages.story-s1.move.Labc'"),
    ({"pages": ["story-s1"]}, "'pages'"),
])
def test_bad_page_edits_are_one_line_naming_the_key(tmp_path, edits, named):
    make_project(tmp_path, STORIES)
    path = write_edits(tmp_path / "bad.yaml", edits)
    done = run_cli("build", "--edits", str(path), cwd=tmp_path)
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert "bad.yaml" in line and named in line


# --- The digest by email ---------------------------------------------------------------------
URL = "https://briefs.example.org/desk"


def sent_day(tmp_path: Path, servers, **settings):
    """The three stories built for the audience `desk` and sent to a real SMTP server: the
    config and the one message received."""
    handler = Recorder()
    server = servers(handler)
    config = load_config(make_project(
        tmp_path, STORIES, audiences={"desk": {"recipients": ["desk@example.org"]}},
        email={"from": "briefs@example.org", "smtp": {"host": "127.0.0.1", "port": server.port, "security": "none"},
               "retry": {"attempts": 1}}, **settings))
    build(config)
    assert [o.action for o in send(config)] == ["sent"]
    (received,) = handler.messages
    assert [o.action for o in send(config)] == ["skipped"]  # exactly once: the ledger holds
    assert len(handler.messages) == 1
    sent = json.loads((folder_of(config, "desk") / "sent.json").read_text(encoding="utf-8"))
    assert len(sent["deliveries"]) == 1
    return config, received["message"]


def story_pages(config) -> list[str]:
    return sorted(p.name[:-len(".pdf")] for p in folder_of(config, "desk").glob("story-*.pdf"))


def assert_relative_on_disk(config) -> None:
    """The digest's Markdown and HTML sit beside the pages: their links stay relative."""
    folder = folder_of(config, "desk")
    for page in story_pages(config):
        assert f"]({page}.html)" in (folder / "brief.md").read_text(encoding="utf-8")
        assert f'href="{page}.html"' in (folder / "brief.html").read_text(encoding="utf-8")


def test_with_publish_url_the_emailed_digest_links_each_page_where_it_is_published(tmp_path, servers):
    import pypdf

    config, message = sent_day(tmp_path, servers, publish_url=URL + "/")
    pages = story_pages(config)
    assert len(pages) == 3
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    hrefs = re.findall(r'href="([^"]*)"', html)
    for page in pages:
        address = f"{URL}/{DAY}/desk/{page}.html"
        assert address in hrefs and f"<{address}>" in text
    assert not [h for h in hrefs if not h.startswith(("#source-", URL))]  # no relative link left
    assert [a.get_filename() for a in message.iter_attachments()] == [f"brief-{DAY}-desk.pdf"]
    printed = pypdf.PdfReader(folder_of(config, "desk") / "brief.pdf").pages[0]
    links = [a.get_object()["/A"].get("/URI") for a in printed.get("/Annots", []) if "/A" in a.get_object()]
    assert sorted(u for u in links if u) == [f"{URL}/{DAY}/desk/{page}.html" for page in pages]
    assert_relative_on_disk(config)


def test_without_publish_url_the_email_attaches_each_page_and_names_it(tmp_path, servers):
    config, message = sent_day(tmp_path, servers)
    pages = story_pages(config)
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    assert "story-" not in " ".join(re.findall(r'href="([^"]*)"', html))
    attachments = {a.get_filename(): a.get_content() for a in message.iter_attachments()}
    assert sorted(attachments) == sorted([f"brief-{DAY}-desk.pdf"] + [f"{page}.pdf" for page in pages])
    for page in pages:
        assert attachments[f"{page}.pdf"] == (folder_of(config, "desk") / f"{page}.pdf").read_bytes()
        assert f"(full brief attached: {page}.pdf)" in text and f"full brief attached: {page}.pdf" in html
    assert_relative_on_disk(config)


@pytest.mark.parametrize("value", ["briefs.example.org", "ftp://example.org/out", "https://example.org/out?x=1",
                                   "https://example.org/a b"])
def test_publish_url_must_be_a_web_address(tmp_path, value):
    with pytest.raises(ConfigError) as caught:
        load_config(make_project(tmp_path, PORT, publish_url=value))
    assert "'publish_url'" in str(caught.value)
