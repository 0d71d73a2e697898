"""Honest article dates: every form a date is written in, and no date made up from the body."""

from __future__ import annotations

import datetime as dt

import pytest

from briefer.core.errors import InputError
from briefer.sources.dating import date_line, dateline, place_year
from briefer.sources.ingest import read_articles
from briefer.sources.text import parse_article

BODY = "The council approved the harbour budget on Tuesday after a long debate.\n"


def dated(text: str, name: str = "a.txt"):
    article = parse_article(1, name, text)
    return article.date, article.date_source


def test_front_matter_date():
    assert dated(f"---\ntitle: Harbour vote\ndate: 2025-11-12\n---\n{BODY}") == (dt.date(2025, 11, 12), "front matter")


@pytest.mark.parametrize("line", ["date 2025-11-12", "date: 2025-11-12", "Date: 2025-11-12",
                                  "Published: Nov. 12, 2025", "Published: 12 November 2025 at 9:30 a.m. ET",
                                  "Posted on November 12, 2025", "published 2025-11-12T08:15:00Z"])
def test_a_date_line_after_the_headline_dates_the_article_and_is_not_prose(line):
    article = parse_article(1, "a.txt", f"Harbour council backs new budget\n{line}\n{BODY}")
    assert (article.date, article.date_source) == (dt.date(2025, 11, 12), "date line")
    assert article.title == "Harbour council backs new budget"
    assert line not in article.lines and BODY.strip() in article.lines


def test_a_date_line_after_a_byline_counts_but_not_one_deep_in_the_story():
    opening = f"Harbour council backs new budget\nBy Ana Ruiz, City desk\nPublished: Nov. 12, 2025\n{BODY}"
    assert dated(opening) == (dt.date(2025, 11, 12), "date line")
    late = "Harbour council backs new budget\n" + BODY * 9 + "date: 2025-11-12\n"
    assert dated(late) == (None, None)


def test_a_sentence_naming_a_date_is_not_a_date_line():
    assert date_line("Date of the vote was 2025-11-12, officials said.") is None
    assert date_line("Published: by the harbour board") is None


def test_an_update_line_counts_only_when_no_publication_date_is_given():
    both = f"Harbour council backs new budget\nUpdated: 2025-11-13\nPublished: 2025-11-12\n{BODY}"
    assert dated(both) == (dt.date(2025, 11, 12), "date line")
    assert dated(f"Harbour council backs new budget\nUpdated: 2025-11-13\n{BODY}") == (dt.date(2025, 11, 13), "date line")


def test_a_dateline_with_its_year_dates_the_article():
    assert dated("Canal traffic slows\nPANAMA CITY, Nov. 12, 2025 (Reuters) - Ships waited for days.\n") == (
        dt.date(2025, 11, 12), "dateline")


def test_a_reuters_dateline_without_a_year_takes_it_from_the_other_articles(write_articles):
    folder = write_articles({
        "a.txt": "Canal traffic slows\nPANAMA CITY, Nov. 12 (Reuters) - Ships waited at the canal for days, "
                 "and planners warned that traffic could fall by 2031 and 2040.\n",
        "b.txt": f"---\ndate: 2025-11-14\n---\n{BODY}",
    })
    result = read_articles(folder)
    canal = result.articles[0]
    assert canal.date == dt.date(2025, 11, 12)  # not 2040, the latest year the body names
    assert canal.date_source == "dateline, year from the other articles"
    assert result.undated == ()


def test_a_dateline_year_comes_from_the_brief_date_across_new_year(write_articles):
    folder = write_articles({"a.txt": "New Delhi, Dec. 30 -- India and the US signed a pact to run until 2035.\n"})
    result = read_articles(folder, brief_date=dt.date(2026, 1, 2))
    assert result.articles[0].date == dt.date(2025, 12, 30)
    assert result.articles[0].date_source == "dateline, year from the brief's date"


def test_an_ap_dateline_names_a_place_not_a_date(write_articles):
    folder = write_articles({
        "ap1.txt": "WASHINGTON (AP) -- Lawmakers agreed on a budget that runs until 2030, aides said.\n",
        "ap2.txt": "CANBERRA, Australia (AP) _ The prime minister promised new ports by 2032.\n",
    })
    result = read_articles(folder)
    assert [a.date for a in result.articles] == [None, None]  # never 2030 or 2032
    assert len(result.undated) == 2 and all("undated" in w and "does not date the brief" in w for w in result.undated)
    assert result.undated[0].startswith("ap1.txt: ")


def test_a_year_less_dateline_alone_stays_undated_and_says_why(write_articles):
    folder = write_articles({"a.txt": "New Delhi, Nov. 1 -- India and the US signed a pact to run until 2035.\n"})
    result = read_articles(folder)
    assert result.articles[0].date is None
    assert "dateline gives Nov 1 without a year" in result.undated[0]


def test_an_undated_article_never_dates_the_brief(build_brief):
    output = build_brief({
        "dated.txt": f"---\ntitle: Harbour vote\noutlet: Gazette\ndate: 2025-11-10\n---\n{BODY}"
                     "The mayor said the new berths would open in the spring.\n",
        "outlook.txt": "Ports outlook to 2040\nAnalysts expect harbour traffic to double before 2040, "
                       "according to a report on regional shipping.\n",
    })
    assert output.rendered.brief.date == dt.date(2025, 11, 10)


def test_strict_makes_an_undated_article_an_error(write_articles):
    folder = write_articles({"a.txt": f"---\ndate: 2025-11-10\n---\n{BODY}", "b.txt": BODY})
    with pytest.raises(InputError, match=r"--strict: .*b\.txt: undated"):
        read_articles(folder, strict=True)
    assert len(read_articles(folder).articles) == 2


def test_place_year_prefers_the_nearest_date_not_after_the_reference():
    assert place_year((11, 12), dt.date(2025, 11, 14)) == dt.date(2025, 11, 12)
    assert place_year((11, 20), dt.date(2025, 11, 14)) == dt.date(2025, 11, 20)  # a few days ahead: same year
    assert place_year((12, 30), dt.date(2026, 1, 2)) == dt.date(2025, 12, 30)
    assert place_year((2, 29), dt.date(2025, 6, 1)) == dt.date(2024, 2, 29)


def test_datelines_recognised():
    assert dateline("PANAMA CITY, Nov. 12 (Reuters) - Ships waited.").month_day == (11, 12)
    assert dateline("New Delhi, Nov. 1 -- India signed.").month_day == (11, 1)
    assert dateline("WASHINGTON (AP) -- Lawmakers agreed.") is None
    assert dateline("The talks, Nov. 1 was the day they ended.") is None


def test_a_dateline_with_its_region_or_any_agency_is_one_and_goes_from_the_first_line():
    """"ŁÓDŹ, Poland, April 14 (CEP) - ": a place (in any alphabet), its region, the day and a
    wire no list names; the lines of the brief start where the report does."""
    from briefer.sources.dating import strip_dateline

    for line in ("ŁÓDŹ, Poland, April 14 (CEP) - Nine people were killed.",
                 "NIAMEY, March 2 (SPA) - Nine people were killed.",
                 "Kesh, Tessaria, March 2 - Nine people were killed."):
        assert dateline(line) is not None, line
        assert strip_dateline(line) == "Nine people were killed.", line


def test_a_phrase_and_a_day_before_a_dash_is_no_dateline():
    assert dateline("Speaking in Lagos, on Monday, April 14 - officials met.") is None
