"""Readers for real inputs: saved pages, feeds, JSON Lines, newsletters and Markdown; every file
in the sources folder accounted for; a mixed folder builds one brief citing each article once."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from briefer.commands.build import build
from briefer.config import load_config
from briefer.core.errors import InputError
from briefer.sources.html import clean_paragraphs, extract_page
from briefer.sources.ingest import read_articles
from support import make_project, only_output

TXT = """---
outlet: City Desk
---
Harbour council backs new budget
date 2025-11-12
The city council approved the harbour budget on Tuesday after a long debate that ran late into the night.
Councillors said the budget would pay for new berths and a sea wall, and that dredging would follow next year.
"""
MD = """---
title: Shipping firms warn on delays
outlet: Maritime Weekly
---
# Shipping firms warn on delays

PANAMA CITY, Nov. 11 (Reuters) - **Shipping firms** agreed on Monday to pay a [new canal levy](https://example.org/x)
of $12 per container from January, ending a dispute that had delayed dozens of ships.

## What comes next

The canal authority approved the levy and said the money would pay for a new lock.
"""
HTML = """<html><head><title>Pilots reject pay offer - Coast News</title>
<meta property="og:site_name" content="Coast News">
<meta name="author" content="Ana Ruiz">
<link rel="canonical" href="https://coast.example/pilots-reject-offer">
<meta property="article:published_time" content="2025-11-10T09:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Pilots reject pay offer</h1>
<p>Harbour pilots rejected a new pay offer on Sunday and said they would consider strike action next week.</p>
<p>The pilots' union said the offer did not cover the cost of longer night shifts introduced this year.</p>
<p>Port managers said talks would resume on Wednesday and that they hoped to avoid any disruption to shipping.</p>
<p>Subscribe to our newsletter for the latest harbour news.</p>
</article><footer>© 2025 Coast News. All rights reserved.</footer></body></html>"""
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Gazette</title><id>urn:gazette</id>
<updated>2025-11-12T08:00:00Z</updated>
<entry><title>Port authority delays dredging</title><link href="https://gazette.example/dredging"/>
<id>urn:1</id><published>2025-11-12T08:00:00Z</published><updated>2025-11-12T08:00:00Z</updated>
<content type="html">&lt;p&gt;The port authority said on Tuesday that dredging of the main channel would be
delayed until March.&lt;/p&gt;&lt;p&gt;Shipping firms said the delay would cost them money.&lt;/p&gt;</content></entry>
<entry><title>Ferry fares to rise</title><link href="https://gazette.example/fares"/><id>urn:2</id>
<published>2025-11-11T08:00:00Z</published><updated>2025-11-11T08:00:00Z</updated>
<summary>Ferry fares will rise by five percent in January, the operator announced on Monday.</summary></entry>
</feed>
"""
JSONL = "\n".join([
    json.dumps({"title": "Dock strike ends", "text": "Dock workers ended a two-day strike on Wednesday after a pay "
                "deal was agreed with the port operator.", "published": "2025-11-12T10:00:00Z",
                "source": {"id": None, "name": "Wire"}, "url": "https://wire.example/strike"}),
    "{not json",
    json.dumps(["a", "list"]),
    json.dumps({"title": "No body here", "date": "2025-11-12"}),
    json.dumps({"title": "Cranes arrive", "body": "Four new cranes arrived at the container terminal on Tuesday.",
                "date": "12 November 2025", "outlet": "Port News"}),
]) + "\n"
EML = """From: Harbour Alerts <alerts@example.org>
To: desk@example.org
Subject: Harbour alert: 2 new results
Date: Wed, 12 Nov 2025 09:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Plain version.
--b1
Content-Type: text/html; charset=utf-8

<html><body><p>Your daily harbour alert</p>
<table><tr><td><a href="https://news.example/cranes">New cranes arrive at the container terminal</a></td></tr>
<tr><td>Four new cranes arrived at the container terminal on Tuesday, doubling its capacity, the operator said.</td></tr>
<tr><td><a href="https://other.example/pilots">Harbour pilots threaten to strike over pay</a></td></tr>
<tr><td>Harbour pilots said on Tuesday they would strike next week unless their pay claim is met in full.</td></tr></table>
<p><a href="https://alerts.example/unsub">Unsubscribe</a> from these alerts. You are receiving this email because you
signed up for alerts.</p>
</body></html>
--b1--
"""
SINGLE_EML = """From: Ports Weekly <editor@portsweekly.example>
Subject: Ports Weekly: the sea wall decision
Date: Thu, 13 Nov 2025 07:00:00 +0000
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><body><h1>The sea wall decision</h1>
<p>The council's vote for a new sea wall settles a debate that has run for a decade, and shipping firms welcomed it.</p>
<p>Engineers said construction could begin in the spring if the contract is signed by February.</p>
<p>Critics said the wall would cost far more than the budget allows and asked for an independent review.</p>
<p><a href="https://portsweekly.example/more">Read more on our site</a></p></body></html>
"""


def by_path(folder):
    return {a.path: a for a in read_articles(folder).articles}


def test_a_saved_page_gives_body_title_site_author_date_and_url(write_articles):
    article = by_path(write_articles({"pilots.html": HTML}))["pilots.html"]
    assert article.title == "Pilots reject pay offer"
    assert (article.outlet, article.date, article.date_source) == ("Coast News", dt.date(2025, 11, 10), "page metadata")
    assert article.url == "https://coast.example/pilots-reject-offer" and article.authors == ("Ana Ruiz",)
    text = " ".join(article.lines)
    assert "rejected a new pay offer on Sunday" in text and "hoped to avoid any disruption" in text
    assert "Home" not in text and "Subscribe" not in text and "All rights reserved" not in text


def test_page_furniture_closing_a_story_goes_the_story_stays():
    story = ["The council approved the budget on Tuesday.", "Mayor speaks", "She said the vote was close."]
    closing = ["Related: Budget vote in pictures", "- Photos: the harbour at night", "Follow her on Twitter @ana.",
               "Get the latest updates right in your inbox. Subscribe to our newsletters.", "comments"]
    assert clean_paragraphs(story + closing) == story
    assert clean_paragraphs(["[button link=\"x\" type=\"big\"]Send us news[/button]"] + story) == ["Send us news"] + story
    # Brackets in quotations are the writer's, not a page builder's.
    assert clean_paragraphs(["“[We] agreed,” she said."]) == ["“[We] agreed,” she said."]


def test_a_page_without_an_article_gives_no_paragraphs_not_a_crash():
    assert extract_page("<html><body></body></html>").paragraphs == ()
    assert extract_page("not html at all").title is None


def test_a_feed_file_gives_one_article_per_entry(write_articles):
    articles = by_path(write_articles({"gazette.atom": FEED}))
    assert list(articles) == ["gazette.atom#1", "gazette.atom#2"]
    dredging, fares = articles.values()
    assert (dredging.title, dredging.outlet, dredging.date, dredging.date_source, dredging.url) == (
        "Port authority delays dredging", "Harbour Gazette", dt.date(2025, 11, 12), "feed",
        "https://gazette.example/dredging")
    assert [line for line in dredging.lines if line][1] == "Shipping firms said the delay would cost them money."
    assert fares.lines[0].startswith("Ferry fares will rise")  # a summary is all it has


def test_an_xml_bomb_in_a_feed_file_is_refused_unexpanded(write_articles):
    bomb = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><rss version="2.0"><channel><title>&c;</title><item>'
            "<title>&c;</title><description>&c;</description></item></channel></rss>")
    external = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                '<rss version="2.0"><channel><item><title>&x;</title><description>&x;</description></item></channel></rss>')
    result = read_articles(write_articles({"bomb.rss": bomb, "external.xml": external, "ok.txt": TXT}))
    assert [a.path for a in result.articles] == ["ok.txt"]
    reasons = {s.path: s.reason for s in result.skipped}
    assert set(reasons) == {"bomb.rss", "external.xml"}
    assert all(r.startswith("declares XML entities in its DOCTYPE; refused") for r in reasons.values())


def test_a_malformed_feed_file_is_skipped_with_its_reason(write_articles):
    result = read_articles(write_articles({"broken.xml": "<html><p>not a feed</p>", "ok.txt": TXT}))
    assert [s.path for s in result.skipped] == ["broken.xml"]
    assert "RSS or Atom feed" in result.skipped[0].reason


def test_json_lines_read_each_good_line_and_name_each_bad_one(write_articles):
    result = read_articles(write_articles({"news.jsonl": JSONL}))
    strike, cranes = result.articles
    assert (strike.path, strike.title, strike.outlet, strike.date, strike.url) == (
        "news.jsonl#1", "Dock strike ends", "Wire", dt.date(2025, 11, 12), "https://wire.example/strike")
    assert (cranes.path, cranes.outlet, cranes.date) == ("news.jsonl#5", "Port News", dt.date(2025, 11, 12))
    assert [note.split(":")[:2] for note in result.notes] == [["news.jsonl", "2"], ["news.jsonl", "3"], ["news.jsonl", "4"]]
    assert "not JSON" in result.notes[0] and "not a JSON object" in result.notes[1] and "no text" in result.notes[2]


def test_a_newsletter_with_separate_items_gives_one_article_each(write_articles):
    articles = by_path(write_articles({"alert.eml": EML}))
    assert list(articles) == ["alert.eml#1", "alert.eml#2"]
    cranes, pilots = articles.values()
    assert (cranes.title, cranes.url, cranes.outlet, cranes.date, cranes.date_source) == (
        "New cranes arrive at the container terminal", "https://news.example/cranes", "news.example",
        dt.date(2025, 11, 12), "email date")
    assert [line for line in pilots.lines if line] == [
        "Harbour pilots said on Tuesday they would strike next week unless their pay claim is met in full."]


def test_a_single_story_newsletter_is_read_like_a_page(write_articles):
    [article] = read_articles(write_articles({"weekly.eml": SINGLE_EML})).articles
    assert (article.title, article.outlet, article.date) == (
        "Ports Weekly: the sea wall decision", "Ports Weekly", dt.date(2025, 11, 13))
    text = " ".join(article.lines)
    assert "settles a debate" in text and "independent review" in text


def test_markdown_is_read_as_its_text_not_its_syntax(write_articles):
    article = by_path(write_articles({"b.md": MD}))["b.md"]
    text = "\n".join(article.lines)
    assert "Shipping firms agreed on Monday to pay a new canal levy of $12" in text.replace("\n", " ")
    assert "**" not in text and "](" not in text and "#" not in text
    assert "What comes next" in article.lines  # a heading is a line of text
    assert article.date == dt.date(2025, 11, 11) or article.date is None  # placed only among other articles


def test_every_file_is_accounted_for_and_strict_makes_skips_errors(write_articles, cli, tmp_path):
    folder = write_articles({"a.txt": TXT, "notes.docx": b"PK\x03\x04 binary", "README": "read me",
                             ".hidden.swp": "editor swap file"})
    result = read_articles(folder)
    reasons = {s.path: s.reason for s in result.skipped}
    assert set(reasons) == {"notes.docx", "README"}  # hidden files are not sources
    assert reasons["notes.docx"].startswith("not a kind of file briefer reads (.docx; it reads ")
    assert ".eml" in reasons["README"] and ".jsonl" in reasons["README"]
    with pytest.raises(InputError, match=r"--strict: 2 problem\(s\) .*skipped README"):
        read_articles(folder, strict=True)
    out = tmp_path / "out"
    loose = cli("build", "--sources", str(folder), "--out", str(out))
    assert loose.returncode == 0, loose.stderr
    assert "briefer: warning: skipped notes.docx: not a kind of file briefer reads" in loose.stderr
    strict = cli("build", "--sources", str(folder), "--out", str(tmp_path / "out2"), "--strict")
    assert strict.returncode == 2 and "--strict" in strict.stderr and "Traceback" not in strict.stderr
    assert not (tmp_path / "out2").exists()


def test_a_mixed_folder_builds_one_brief_citing_each_article_once(tmp_path):
    articles = {"a.txt": TXT, "b.md": MD, "c.html": HTML, "gazette.atom": FEED, "news.jsonl": JSONL, "alert.eml": EML}
    # Room for every article's lines, so that the sources list holds every article.
    config = make_project(tmp_path, articles, sections={"background": 10, "key_facts": 10, "outcomes": 10,
                                                        "open_questions": 10, "timeline": 10})
    output = only_output(build(load_config(config)))
    markdown = output.rendered.markdown
    sources = markdown.split("## Sources", 1)[1]
    entries = re.findall(r"^\d+\. (.+)$", sources, re.M)
    expected = {  # path cited -> outlet and date it must show
        "a.txt": ("City Desk", "12 November 2025"), "b.md": ("Maritime Weekly", "11 November 2025"),
        "c.html": ("Coast News", "10 November 2025"),
        "gazette.atom\\#1": ("Harbour Gazette", "12 November 2025"),
        "gazette.atom\\#2": ("Harbour Gazette", "11 November 2025"),
        "news.jsonl\\#1": ("Wire", "12 November 2025"), "news.jsonl\\#5": ("Port News", "12 November 2025"),
        "alert.eml\\#1": ("news.example", "12 November 2025"), "alert.eml\\#2": ("other.example", "12 November 2025"),
    }
    assert len(entries) == len(expected)
    for path, (outlet, date) in expected.items():
        [entry] = [e for e in entries if f", {path}" in e]  # cited exactly once
        assert f"*{outlet}*" in entry and date in entry
    assert output.rendered.brief.date == dt.date(2025, 11, 12)


def test_a_feed_teaser_of_a_page_saved_beside_it_is_read_once_from_the_page(write_articles):
    page = HTML.replace("https://coast.example/pilots-reject-offer", "https://gazette.example/fares")
    result = read_articles(write_articles({"gazette.atom": FEED, "fares.html": page}))
    assert [a.path for a in result.articles] == ["fares.html", "gazette.atom#1"]
    assert [a.number for a in result.articles] == [1, 2]
    assert result.notes == ("gazette.atom#2: the same story as fares.html (https://gazette.example/fares); "
                            "read once, from fares.html",)


def test_inspect_shows_each_article_its_date_source_and_what_was_left_out(write_articles, cli):
    folder = write_articles({"news.jsonl": JSONL, "pilots.html": HTML})
    result = cli("inspect", "--json", str(folder / "news.jsonl"), str(folder / "pilots.html"))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["title"], r["date"], r["date_source"]) for r in records] == [
        ("Dock strike ends", "2025-11-12", "field 'published'"), ("Cranes arrive", "2025-11-12", "field 'date'"),
        ("Pilots reject pay offer", "2025-11-10", "page metadata")]
    assert "hoped to avoid any disruption to shipping" in records[2]["text"]
    assert "news.jsonl:2: not JSON" in result.stderr and "news.jsonl:4: no text" in result.stderr


def test_a_feed_file_holding_a_path_or_a_url_is_not_followed(write_articles, tmp_path):
    elsewhere = tmp_path / "elsewhere.xml"
    elsewhere.write_text(FEED, encoding="utf-8")
    folder = write_articles({"path.xml": str(elsewhere), "url.rss": "http://127.0.0.1:9/feed.xml",
                             "latin.xml": FEED.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
                                              .replace("Ferry fares", "Café fares"), "ok.txt": TXT})
    result = read_articles(folder)
    assert {s.path for s in result.skipped} == {"path.xml", "url.rss"}  # read as text, not opened or fetched
    assert "Café fares to rise" in [a.title for a in result.articles]  # the decoded text is what is parsed
