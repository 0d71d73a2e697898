"""The email people receive: its HTML part in a real headless Chromium at phone and desktop
widths, its stylesheet (pixels, one column, dark mode, nothing remote), the plain-text part,
headers, and recipients checked as exactly one RFC 5322 mailbox each."""

from __future__ import annotations

import datetime as dt
import html as html_escape
import json
import re
import subprocess
from email import policy
from pathlib import Path

import pytest

from briefer.config import AudienceConfig, ConfigError, mailbox, parse_config
from briefer.delivery.channels import PublishedBrief
from briefer.delivery.email import build_message, email_html, markdown_to_text
from briefer.delivery.ledger import LedgerError, POSSIBLY, read_record, states

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
CHROMIUM = Path("/usr/bin/chromium")
WIDTHS = (375, 1024)
LONG_URL = "https://news.example.org/" + "very-long-path-segment-" * 12 + "?id=7&part=2"
BRIEF_MD = (
    "# Arland and Belmark sign a port memorandum after a week of talks in Corvo\n\n1 November 2025\n\n"
    "*[n] cites source n; ◇ marks a line resting on a single origin.*\n\n"
    "## Bottom line\n\n> 1. **New:** The memorandum covers customs checks and berth allocation. [[1](#source-1)]\n\n"
    "## Key facts\n\n"
    "- **New:** Arland and Belmark signed a memorandum on port access in Corvo on Monday. "
    "[[1](#source-1), [2](#source-2)] *2 sources, 2 origins*\n"
    "- Supercalifragilisticexpialidociousharbourmasterassociationchairperson said so. [[2](#source-2)] *◇ 1 source*\n\n"
    "## Key figures\n\n| Figure | What it counts | Sources |\n|---:|---|---|\n"
    "| 12 | berths allocated to cargo ships under the memorandum | [[1](#source-1)] |\n"
    "| 3,400 | containers a day | [[2](#source-2)] ◇ |\n\n"
    "## Key quotes\n\n> “We agreed on the berths” — Ana Ruiz, minister [[1](#source-1)]\n\n"
    "## Timeline\n\n- *3 Nov 2025*: The working group meets for the first time … [[2](#source-2)]\n\n"
    "## Sources\n\n1. Ministers meet on port deal, *Harbour Post*, 1 November 2025, 001.txt, "
    f"{LONG_URL}\n\n2. Port talks make progress, undated, 002.txt\n"
)


def published(tmp_path: Path, markdown: str = BRIEF_MD) -> PublishedBrief:
    return PublishedBrief(folder=tmp_path, audience="desk", date=dt.date(2025, 11, 1), title="Port talks",
                          files={"markdown": markdown.encode(), "pdf": b"%PDF-1.4 stand-in"})


def audience(name: str = "desk", template: str = "default", bcc: bool = False) -> AudienceConfig:
    return AudienceConfig(name, template, ("key_facts",), {"key_facts": 3}, "A4",
                          ("a@example.org", "Bea Example <b@example.org>"), "{title} ({date})", bcc)


# --- In a real browser -------------------------------------------------------------------
def overflow_report(pages: dict[str, str], tmp_path: Path) -> dict[str, tuple[int, int]]:
    """{name@width: (document scrollWidth, viewport width)} for each page shown in an iframe of
    each width, measured by a script in headless Chromium."""
    frames = "".join(
        f'<iframe data-name="{name}@{width}" style="width:{width}px;height:900px;border:0;display:block" '
        f'srcdoc="{html_escape.escape(page, quote=True)}"></iframe>'
        for name, page in pages.items() for width in WIDTHS)
    script = """<script>window.addEventListener('load', function () {
      var out = [];
      document.querySelectorAll('iframe').forEach(function (frame) {
        var root = frame.contentDocument.documentElement;
        out.push(frame.dataset.name + '=' + root.scrollWidth + '/' + root.clientWidth);
      });
      document.getElementById('report').textContent = out.join(' ');
    });</script>"""
    page = tmp_path / "measure.html"
    page.write_text(f'<!DOCTYPE html><html><body style="margin:0;width:1100px">{frames}'
                    f'<pre id="report"></pre>{script}</body></html>', encoding="utf-8")
    result = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,900",
         "--virtual-time-budget=5000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=180)
    found = re.search(r'<pre id="report">(.*?)</pre>', result.stdout)
    assert found and found.group(1), f"no measurement from Chromium: {result.stderr[-500:]}"
    return {name: tuple(map(int, size.split("/"))) for name, size in
            (entry.split("=") for entry in found.group(1).split())}


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (scripts/setup.sh test installs it)")
def test_every_audience_email_fits_a_phone_and_a_desktop_without_horizontal_scrolling(tmp_path):
    pages = {name: html_part(build_message(published(tmp_path), audience(name, name), "briefs@example.org", TEMPLATES))
             for name in ("default", "analyst", "minister", "press")}
    # A control: a page that does overflow, so a broken measurement cannot pass.
    pages["control"] = '<!DOCTYPE html><html><body><div style="width:600px">wide</div></body></html>'

    sizes = overflow_report(pages, tmp_path)

    assert sizes["control@375"][0] > sizes["control@375"][1]
    for name in ("default", "analyst", "minister", "press"):
        for width in WIDTHS:
            scroll, viewport = sizes[f"{name}@{width}"]
            assert scroll <= viewport, f"{name} at {width}px is {scroll}px wide"


def html_part(message) -> str:
    return message.get_body(("html",)).get_content()


# --- The stylesheet and the HTML part --------------------------------------------------------
@pytest.mark.parametrize("name", ["default", "analyst", "minister", "press"])
def test_each_email_stylesheet_is_one_column_in_pixels_with_dark_mode_and_nothing_remote(tmp_path, name):
    html = email_html(published(tmp_path), audience(name, name), TEMPLATES)
    styles = " ".join(re.findall(r'style="([^"]*)"', html)) + " ".join(re.findall(r"<style>(.*?)</style>", html, re.S))
    assert "max-width: 680px" in html
    assert not re.search(r"\d(pt|mm|cm|in)\b", styles)  # pixels, not print units
    assert "column-count" not in styles and "columns:" not in styles
    assert "@media (prefers-color-scheme: dark)" in html
    assert not re.search(r"url\(|@import|<link|<img|<script", html)
    assert not re.search(r'src="', html)


def test_citations_and_sources_are_links(tmp_path):
    html = email_html(published(tmp_path), audience(), TEMPLATES)
    assert re.search(r'<a href="#source-1"[^>]*>1</a>', html)
    assert re.search(r'<li id="source-1"[^>]*>.*<a href="' + re.escape(html_escape.escape(LONG_URL)) + '"', html, re.S)
    assert "id=7&amp;part=2</a>" in html


# --- The plain-text part -------------------------------------------------------------------
def test_plain_text_tables_are_aligned_and_sources_keep_their_addresses():
    text = markdown_to_text(BRIEF_MD)
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.lstrip().startswith("Figure"))
    assert lines[header:header + 4] == [
        "Figure  What it counts                                        Sources",
        "------  ----------------------------------------------------  -------",
        "    12  berths allocated to cargo ships under the memorandum  [1]",
        " 3,400  containers a day                                      [2] ◇",
    ]
    assert f"1. Ministers meet on port deal, Harbour Post, 1 November 2025, 001.txt, {LONG_URL}" in lines


# --- Headers and Bcc -------------------------------------------------------------------------
def test_headers_mark_the_message_automatic_and_name_its_list(tmp_path):
    message = build_message(published(tmp_path), audience(), "Briefing Desk <briefs@example.org>", TEMPLATES)
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["List-Id"] == "Briefs for desk <desk.briefs.example.org>"
    assert message["To"] == "a@example.org, Bea Example <b@example.org>"


def test_with_bcc_no_recipient_appears_in_the_headers(tmp_path):
    message = build_message(published(tmp_path), audience(bcc=True), "briefs@example.org", TEMPLATES)
    headers = message.as_bytes(policy=policy.SMTP).split(b"\r\n\r\n", 1)[0].decode()
    assert "a@example.org" not in headers and "b@example.org" not in headers
    assert "Bcc" not in headers
    assert message["To"] == "undisclosed-recipients:;"


# --- Recipients ------------------------------------------------------------------------------
@pytest.mark.parametrize("entry", [
    "a@one.example, smuggled@evil.example", "a@one.example; b@two.example", "Jane <j@x.org> k@y.org",
    "team: a@x.org, b@x.org;", "not an address", "a@", "@b.example", "<>", "Jane <j@x.org",
])
def test_a_recipient_entry_that_is_not_exactly_one_address_is_a_config_error_naming_it(tmp_path, entry):
    raw = {"sources": ".", "audiences": {"desk": {"recipients": ["ok@example.org", entry]}}}
    with pytest.raises(ConfigError) as error:
        parse_config(raw, None, tmp_path)
    assert "'audiences.desk.recipients[1]': not an email address, or more than one" in str(error.value)
    assert repr(entry) in str(error.value)


@pytest.mark.parametrize("entry, display", [
    ("Deputy <deputy@example.org>", "Deputy"), ('"Doe, Jane" <jane@example.org>', "Doe, Jane"),
    ("plain@example.org", ""), ("Zoë Ünal <zoe@example.org>", "Zoë Ünal"),
])
def test_one_address_keeps_its_display_name(tmp_path, entry, display):
    config = parse_config({"sources": ".", "audiences": {"desk": {"recipients": [entry], "bcc": True}}}, None, tmp_path)
    (desk,) = config.audiences
    assert desk.bcc is True
    assert mailbox(desk.recipients[0]).display_name == display


# --- Records read back -------------------------------------------------------------------------
@pytest.mark.parametrize("content, problem", [
    ("{", "not valid JSON"), ("[]", "expected an object at the top"), ('{"deliveries": 3}', "'deliveries'"),
    ('{"deliveries": [{"stage": "flying"}]}', "deliveries[0].stage"),
    ('{"format": 9, "deliveries": []}', "unknown format 9"),
    ('{"deliveries": [{"stage": "final-dot", "at": "x", "message_id": "m", "recipients": {"a@x.org": {"state": "?"}}}]}',
     "recipients['a@x.org'].state"),
    ('{"deliveries": [{"recipients": "a@x.org"}]}', "deliveries[0].recipients"),
])
def test_a_damaged_record_is_named_never_read_as_not_sent(tmp_path, content, problem):
    path = tmp_path / "sent.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LedgerError) as error:
        read_record(path)
    assert str(path) in str(error.value) and problem in str(error.value)
    assert "nothing was sent" in str(error.value)


def test_an_interrupted_attempt_reads_as_possibly_delivered_only_after_the_final_dot_stage(tmp_path):
    def attempt(stage):
        return {"stage": stage, "at": "t", "message_id": "m", "subject": "s", "pdf_sha256": "",
                "recipients": {"a@x.org": {"name": "a@x.org", "state": "in-flight", "reply": ""}}}

    path = tmp_path / "sent.json"
    path.write_text(json.dumps({"format": 2, "deliveries": [attempt("sending")]}), encoding="utf-8")
    assert states(read_record(path)) == {}
    path.write_text(json.dumps({"format": 2, "deliveries": [attempt("sending"), attempt("final-dot")]}), encoding="utf-8")
    assert states(read_record(path))["a@x.org"].state == POSSIBLY


def test_a_record_from_the_first_format_still_counts_its_deliveries(tmp_path):
    path = tmp_path / "sent.json"
    path.write_text(json.dumps({"deliveries": [{"at": "2025-11-01T08:00:00+00:00", "message_id": "<m>",
                                                "recipients": ["Deputy <Deputy@Example.org>"],
                                                "refused": {"office@example.org": "550 No such mailbox"}}]}))
    standing = states(read_record(path))
    assert standing["deputy@example.org"].state == "delivered"
    assert standing["office@example.org"].state == "refused"


def test_setup_installs_chromium_for_the_tests():
    setup = (ROOT / "scripts" / "setup.sh").read_text()
    assert re.search(r'test .*/usr/bin/chromium.*missing_packages\+=\(chromium\)', setup)


def test_send_waits_for_the_lock_a_build_holds_while_publishing_the_same_brief(tmp_path):
    from briefer.delivery.ledger import LedgerLimits, lock_path, locked
    from briefer.output.publish import _exclusive, publish

    folder = tmp_path / "out" / "2025-11-01" / "desk"
    publish(folder, {"brief.md": b"# x\n"})
    with _exclusive(lock_path(folder)):  # exactly as publish() holds it while swapping the folder
        with pytest.raises(LedgerError, match="another briefer send or build"):
            with locked(folder, "desk 2025-11-01", LedgerLimits(lock_wait=0.2)):
                pass
    with locked(folder, "desk 2025-11-01", LedgerLimits(lock_wait=0.2)):
        pass  # free again once the build is done


@pytest.mark.parametrize("name", ["default", "analyst", "minister", "press"])
def test_email_text_contrast_is_at_least_4_5_in_light_and_dark_mode(name):
    import tinycss2
    from tinycss2.color3 import parse_color
    from test_accessibility import MINIMUM_CONTRAST, contrast, low_contrast_pairs

    from briefer.output.render import render_template, template_environment

    css = render_template(template_environment(TEMPLATES, name, autoescape=True), "email.css.j2",
                          {"title": "t", "date": dt.date(2025, 11, 1), "audience": name})
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    light = "\n".join(tinycss2.serialize([rule]) for rule in rules if rule.type == "qualified-rule")
    assert low_contrast_pairs(light) == []
    dark_page = parse_color("#121212")
    dark = [rule for rule in rules if rule.type == "at-rule" and "prefers-color-scheme" in tinycss2.serialize(rule.prelude)]
    assert dark
    for block in dark:
        for inner in tinycss2.parse_rule_list(block.content, skip_whitespace=True, skip_comments=True):
            for declaration in tinycss2.parse_declaration_list(inner.content, skip_whitespace=True, skip_comments=True):
                if declaration.type == "declaration" and declaration.lower_name == "color":
                    colour = parse_color(tinycss2.serialize(declaration.value).replace("!important", "").strip())
                    assert contrast(colour, dark_page) >= MINIMUM_CONTRAST, tinycss2.serialize(inner.prelude)
