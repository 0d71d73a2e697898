"""Where sources disagree: conflicts between independent origins, and agreement in other words."""

from __future__ import annotations

import datetime as dt

from briefer.commands.build import load_corpus
from briefer.analysis.disagree import dates_conflict, same_fact, sentences_disagree
from briefer.analysis.timeline import day_mentions

# Two independent reports of one visit: they disagree on the number of aircraft and on the day.
HERALD = """---
title: Norland orders patrol aircraft
outlet: Harbour Herald
date: 2025-03-08
---
Norland will buy six Avion P-9 patrol aircraft for its navy, defence minister Kari Holt said on Saturday.

Holt met her Sarvian counterpart Ivo Marek in Geneva on Friday to discuss the purchase and a joint training plan.

The deal still needs approval from the Norland parliament, where the opposition has questioned the cost.
"""
COURIER = """---
title: Sarvia and Norland talk defence
outlet: Valley Courier
date: 2025-03-08
---
Defence minister Kari Holt told reporters that Norland will buy eight Avion P-9 patrol aircraft for its navy.

Holt and Ivo Marek met in Geneva on Monday to discuss the purchase, officials from both ministries said.

Marek is expected to visit Norland in the spring to review progress on the training plan.
"""

# Two independent reports that agree in different words: "doubled ... to 50 percent" and
# "50%"; "six" and "6"; "Oct. 31" and "Friday" (31 October 2025 is a Friday); and the
# parts of a tariff ("25% reciprocal", "25% penalty") next to its total.
GAZETTE = """---
title: Norland doubles steel tariff
outlet: Gazette
date: 2025-10-29
---
Norland doubled tariffs on Sarvian steel to 50 percent in August, trade minister Lena Dahl said.

Dahl said six Sarvian mills would be inspected by Norland officials before the end of the year.

Dahl will meet Sarvian trade envoy Tomas Berg in Oslo on Oct. 31 to discuss the dispute.

Norland first hit Sarvian steel with 25% reciprocal tariffs and later added a 25% penalty.
"""
TRIBUNE = """---
title: Steel dispute talks set for Friday
outlet: Tribune
date: 2025-10-29
---
Dahl will meet Sarvian trade envoy Tomas Berg in Oslo on Friday to discuss the dispute, her office said.

Exporters in Sarvia say the 50 percent tariff has cut their shipments to Norland by half.

According to Dahl, 6 Sarvian mills would be inspected by Norland officials before the end of the year.

Trade minister Lena Dahl confirmed that the 50% tariff on Sarvian steel, in force since August, would stay.
"""

SECTION = "## Where sources disagree"


def section_of(markdown: str) -> str:
    start = markdown.index(SECTION)
    end = markdown.index("\n## ", start + 1)
    return markdown[start:end]


def test_count_and_date_disagreements_are_listed_with_both_claims_and_citations(build_brief, tmp_path):
    result = build_brief({"1_herald.md": HERALD, "2_courier.md": COURIER})
    corpus, _ = load_corpus(tmp_path / "sources")
    assert len(set(corpus.origin_of.values())) == 2
    markdown = result.rendered.markdown
    assert SECTION in markdown
    section = section_of(markdown)
    assert "six [[1](#source-1)] vs eight [[2](#source-2)]" in section
    assert "Friday [[1](#source-1)] vs Monday [[2](#source-2)]" in section
    # Each claim is a verbatim sentence from its own article, cited to it.
    assert ("Norland will buy six Avion P-9 patrol aircraft for its navy, defence minister Kari Holt said on "
            "Saturday. [[1](#source-1)]") in section
    assert ("Defence minister Kari Holt told reporters that Norland will buy eight Avion P-9 patrol aircraft "
            "for its navy. [[2](#source-2)]") in section
    assert "met in Geneva on Monday to discuss the purchase, officials from both ministries said. [[2](#source-2)]" in section
    disagreements = result.rendered.brief.disagreements
    assert {d.what for d in disagreements} == {"Avion P-9 patrol aircraft", "date"}
    assert all(len(d.claims) == 2 for d in disagreements)
    # The section follows Outcomes (here the sources report none, so it closes the sections),
    # once, and is in the HTML too.
    assert markdown.count(SECTION) == 1
    assert "## Outcomes" not in markdown
    shown = [markdown.index(h) for h in ("## Background", "## Key facts", "## Open questions") if h in markdown]
    assert shown and max(shown) < markdown.index(SECTION)
    assert "<h2>Where sources disagree</h2>" in result.rendered.html
    # A contested value is not stated as a fact in the key-figures table.
    assert not any("patrol aircraft" in f.label for f in result.rendered.brief.figures)


def test_agreement_in_other_words_is_not_a_disagreement(build_brief, tmp_path):
    result = build_brief({"1_gazette.md": GAZETTE, "2_tribune.md": TRIBUNE})
    corpus, _ = load_corpus(tmp_path / "sources")
    assert len(set(corpus.origin_of.values())) == 2  # independent reports: their values were compared
    assert result.rendered.brief.disagreements == ()
    assert "Where sources disagree" not in result.rendered.markdown
    assert "Where sources disagree" not in result.rendered.html


def test_sentences_disagree_compares_values_not_spellings():
    assert sentences_disagree("The navy will buy six aircraft from Avion.", "The navy will buy eight aircraft from Avion.")
    assert not sentences_disagree("The navy will buy six aircraft from Avion.", "The navy will buy 6 aircraft from Avion.")
    assert not sentences_disagree("The tariff is 50 percent.", "The tariff is 50%.")
    # A part of a whole is a different slot: the reciprocal tariff is not the tariff.
    assert not sentences_disagree("Norland imposed 25% reciprocal tariffs on steel.",
                                  "Norland imposed a 50 percent tariff on steel.")
    assert sentences_disagree("The ministers met on Friday in Oslo.", "The ministers met on Monday in Oslo.")


def test_near_identical_sentences_with_different_values_are_not_merged(build_brief):
    first = "---\ndate: 2025-03-08\n---\nThe navy will buy six patrol aircraft from Avion under the new plan.\n"
    second = "---\ndate: 2025-03-08\n---\nThe navy will buy eight patrol aircraft from Avion under the new plan.\n"
    brief = build_brief({"a.md": first, "b.md": second}).rendered.brief
    cited = {item.text: item.citations for section in brief.sections for item in section.items}
    # Never one line cited to a source that says something else.
    assert all(len(citations) == 1 for citations in cited.values())


def test_dates_resolve_against_the_article_date():
    published = dt.date(2025, 10, 29)
    (october,) = day_mentions("They meet on Oct. 31 in Oslo.", published)
    (friday,) = day_mentions("They meet on Friday in Oslo.", published)
    (monday,) = day_mentions("They meet on Monday in Oslo.", published)
    assert (october.year, october.month, october.day, october.weekday) == (2025, 10, 31, 4)
    assert not dates_conflict(october, friday)
    assert dates_conflict(october, monday)
    assert dates_conflict(friday, monday)
    # Without a year a month-day fixes no weekday: nothing is compared, nothing is claimed.
    (undated,) = day_mentions("They meet on Oct. 30 in Oslo.", None)
    assert not dates_conflict(undated, friday)
    # a time of a named day names that day; a clock time alone names none
    (night,) = day_mentions("They met in Oslo Friday night.", published)
    (morning,) = day_mentions("They met in Oslo at 10 a.m. on Oct. 31.", published)
    assert (night.weekday, morning.month, morning.day) == (4, 10, 31) and not dates_conflict(night, morning)
    assert day_mentions("They met in Oslo at 10 a.m.", published) == ()
    # a night's event may be told on either side of midnight; two days apart is still a conflict
    (saturday,) = day_mentions("They met in Oslo early Saturday.", published)
    assert not dates_conflict(night, saturday) and not dates_conflict(saturday, night) and dates_conflict(night, monday)
    # six days apart is two days, whichever is the night
    from briefer.language.times import DayMention
    first = DayMention("Oct. 1", 0, 6, None, 10, 1, None)
    seventh_night = DayMention("Oct. 7 night", 0, 12, None, 10, 7, None, "NI")
    assert dates_conflict(first, seventh_night) and dates_conflict(seventh_night, first)
    # a day's time other than its night does not run into the next day
    (afternoon,) = day_mentions("They met in Oslo on Friday afternoon.", published)
    assert dates_conflict(afternoon, saturday)
    (first_november,) = day_mentions("She speaks on 1 November.", published)
    (november_first,) = day_mentions("She speaks on November 1.", published)
    assert not dates_conflict(first_november, november_first)


def test_different_meetings_are_not_the_same_fact():
    assert not same_fact(
        "Foreign minister Ana Ruiz and envoy Tomas Berg met in Oslo on Monday to discuss trade.",
        "Defence minister Kari Holt and Ivo Marek met in Oslo on Friday to discuss trade.",
    )


def test_seed_articles_show_no_false_disagreement(seed_corpus):
    from briefer.analysis.disagree import find_disagreements

    # The seeds carry 25% reciprocal tariffs + a 25% penalty (one origin) and the 50% tariff
    # (others); Friday 31 October in one and Oct. 31 in another; a Monday meeting of two other
    # ministers. None of it is a conflict.
    assert find_disagreements(seed_corpus) == ()


def test_the_day_of_a_statement_is_not_the_day_of_the_event():
    from briefer.analysis.disagree import event_dates

    published = dt.date(2025, 3, 8)
    assert event_dates("The ministry said Tuesday that the talks had failed.", published) == []
    assert event_dates("Marek announced on Friday that talks had failed.", published) == []
    (met,) = event_dates("Holt and Marek met on Monday, the ministry said Tuesday.", published)
    assert met.text == "Monday"


def test_a_measure_in_other_units_is_a_different_slot():
    assert not sentences_disagree("The yacht rolled over 22 miles south of the island.",
                                  "The yacht rolled over 19 nautical miles south of the island.")
