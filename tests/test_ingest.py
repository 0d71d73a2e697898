import datetime as dt

import pytest

from briefer.core.errors import InputError
from briefer.sources.ingest import decode, read_articles
from briefer.sources.text import parse_article


def test_seeds_metadata(seeds):
    articles = {a.path: a for a in read_articles(seeds).articles}
    assert [a.number for a in articles.values()] == [1, 2, 3, 4, 5]
    headline = articles["004_b866fdc46dd0074b.txt"]
    assert headline.title == "India and US ink 10-year defence framework pact"
    assert headline.date == dt.date(2025, 11, 1)  # "New Delhi, Nov. 1 --", year from the other articles
    assert articles["001_f7249d456f77812b.txt"].date == dt.date(2025, 10, 30)  # "date 2025-10-30"
    first = articles["000_58d61d05caeabd52.txt"]
    assert first.title == "Indo-US ties significantly soured after US' tariff impositions on India"
    assert first.outlet == "New India Abroad"
    assert not any("date 2025" in line for line in articles["001_f7249d456f77812b.txt"].lines)


def test_front_matter_wins():
    text = "---\ntitle: Talks end\noutlet: Wire\ndate: 2024-03-05\nurl: https://example.org/a\n---\nThe talks ended on Monday after a week.\n"
    article = parse_article(1, "a.md", text)
    assert (article.title, article.outlet, article.date, article.url) == (
        "Talks end", "Wire", dt.date(2024, 3, 5), "https://example.org/a")
    assert article.lines[0] == "The talks ended on Monday after a week."


def test_the_headline_repeated_as_the_opening_lines_is_not_prose():
    one = "---\ntitle: \"Mayor blasts port plan\"\n---\nMayor blasts port plan.\n\nThe mayor of Kelso called the plan absurd on Monday.\n"
    assert [line for line in parse_article(1, "a.md", one).lines if line] == ["The mayor of Kelso called the plan absurd on Monday."]
    two = ("---\ntitle: \"Port plan stalls; Mayor blasts cost of the new quay\"\n---\nPort plan stalls;\n"
           "Mayor blasts cost of the new quay.\n\nThe mayor of Kelso called the plan absurd on Monday.\n")
    assert [line for line in parse_article(1, "b.md", two).lines if line] == ["The mayor of Kelso called the plan absurd on Monday."]
    lead = "---\ntitle: Port closes\n---\nPort closes after the storm on Monday, officials said.\n"
    assert parse_article(1, "c.md", lead).lines[0] == "Port closes after the storm on Monday, officials said."  # more than the headline
    only = "---\ntitle: Port closes after the storm\n---\nPort closes after the storm.\n"
    assert "Port closes after the storm." in parse_article(1, "d.md", only).lines  # never the whole body
    sentence = ("The port of Kelso closed on Monday after a storm sank 14 fishing boats and left the harbour wall "
                "cracked in three places, officials said.")
    scraped = f"---\ntitle: \"{sentence}\"\n---\n{sentence}\n\nThe mayor called it a disaster.\n"
    assert sentence in parse_article(1, "e.md", scraped).lines  # a title that long is the lead itself


@pytest.mark.parametrize("front_matter", ["date: 2025-13-45", "date: 2025-02-30", "title: " + "[" * 5000])
def test_unparseable_front_matter_is_read_as_text_not_a_crash(front_matter):
    article = parse_article(1, "a.md", f"---\n{front_matter}\n---\nThe talks ended on Monday after a week.\n")
    assert article.date is None
    assert "The talks ended on Monday after a week." in article.lines


def test_front_matter_with_a_colon_in_a_field_is_read_as_plain_fields():
    # YAML refuses "title: Recall: what patients need to know"; writers type it all the same
    text = ("---\ntitle: Recall: what patients need to know\noutlet: The Daily Courier\ndate: 2026-07-21\n---\n"
            "Fourteen batches of the drug are being recalled, the agency said on Tuesday.\n")
    article = parse_article(1, "a.md", text)
    assert article.date == dt.date(2026, 7, 21)
    assert article.title == "Recall: what patients need to know"
    assert not any("outlet:" in line for line in article.lines)


def test_no_headline_falls_back_to_opening_words():
    article = parse_article(1, "a.txt", "The council approved the budget on Tuesday after a long debate that ran late into the night.\n")
    assert article.title.startswith("The council approved the budget")
    assert article.title.endswith("…")


def test_decoding():
    assert decode("café".encode("utf-8")).text == "café"
    assert decode("café".encode("cp1252")).text == "café"
    assert decode("café".encode("utf-16")).text == "café"


def test_unusable_files_are_skipped_with_reason(write_articles):
    folder = write_articles({"a.txt": "A real article says something here.\n", "b.txt": b"\x00\x00\x89PNG",
                             "c.md": "   \n", "unread.pdf": "x"})
    result = read_articles(folder)
    assert [a.path for a in result.articles] == ["a.txt"]
    reasons = {s.path: s.reason for s in result.skipped}
    assert reasons.pop("unread.pdf").startswith("not a kind of file briefer reads (.pdf; it reads ")
    assert reasons == {"b.txt": "binary data (NUL bytes), not text", "c.md": "only whitespace"}


def test_missing_or_empty_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_articles(tmp_path / "nowhere")
    with pytest.raises(InputError, match="no usable articles"):
        read_articles(tmp_path)
