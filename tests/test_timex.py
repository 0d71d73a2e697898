"""TIMEX3 time expressions (language/timex.py): extents, types and TimeML values."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefer.language.timex import Timex, find_times, relative_spans

THURSDAY = dt.date(1998, 1, 8)  # a Thursday in ISO week 2
OCTOBER = dt.date(1989, 10, 26)


def values(text: str, anchor: dt.date | None = THURSDAY) -> list[tuple[str, str, str]]:
    found = find_times(text, anchor)
    for timex in found:
        assert text[timex.start:timex.end] == timex.text
    return [(t.text, t.type, t.value) for t in found]


@pytest.mark.parametrize("text, expected", [
    # Absolute dates, months, years, decades and centuries.
    ("The accord was signed on Jan. 8, 1998, in Geneva.", [("Jan. 8, 1998", "DATE", "1998-01-08")]),
    ("Prices fell in August 1997.", [("August 1997", "DATE", "1997-08")]),
    ("The law dates from 1901.", [("1901", "DATE", "1901")]),
    ("It was a fad of the 1990s.", [("the 1990s", "DATE", "199")]),
    ("Nothing like it happened in the nineties.", [("the nineties", "DATE", "199")]),
    ("Sales boomed in the late 80s and the '90s.", [("the late 80s", "DATE", "198"), ("the '90s", "DATE", "199")]),
    ("Elections are due in July this year.", [("July this year", "DATE", "1998-07")]),
    ("The worst crash of the 20th century.", [("the 20th century", "DATE", "19")]),
    ("The record stood until nineteen ninety-six.", [("nineteen ninety-six", "DATE", "1996")]),
    ("Profit rose in fiscal 1997.", [("fiscal 1997", "DATE", "1997")]),
    ("Profit rose in FY98 and fiscal '99.", [("FY98", "DATE", "1998"), ("fiscal '99", "DATE", "1999")]),
    ("The talks took half a year.", [("half a year", "DURATION", "P6M")]),
    # Relative days, weeks, months and years against the anchor.
    ("The minister resigned yesterday.", [("yesterday", "DATE", "1998-01-07")]),
    ("Talks resume today.", [("today", "DATE", "1998-01-08")]),
    ("Sales slowed last week.", [("last week", "DATE", "1998-W01")]),
    ("Rates rose last month.", [("last month", "DATE", "1997-12")]),
    ("Elections are due next year.", [("next year", "DATE", "1999")]),
    ("Exports grew earlier this year.", [("earlier this year", "DATE", "1998")]),
    ("The ship sank two days ago.", [("two days ago", "DATE", "1998-01-06")]),
    ("He left five years ago.", [("five years ago", "DATE", "1993")]),
    # Quarters, halves, seasons and parts of the day.
    ("Net income fell in the third quarter.", [("the third quarter", "DATE", "1997-Q3")]),
    ("Third-quarter sales fell.", [("Third-quarter", "DATE", "1997-Q3")]),
    ("Sales rose in the first half of 1997.", [("the first half of 1997", "DATE", "1997-H1")]),
    ("The plant opens this summer.", [("this summer", "DATE", "1998-SU")]),
    ("Exports grew in the first quarter of last year.", [("the first quarter of last year", "DATE", "1997-Q1")]),
    ("Exports will grow in the second half of this year.", [("the second half of this year", "DATE", "1998-H2")]),
    ("She spoke this morning.", [("this morning", "TIME", "1998-01-08TMO")]),
    ("The polls closed at 10 p.m. Wednesday.", [("10 p.m. Wednesday", "TIME", "1998-01-07T22:00")]),
    ("Polls closed at 6:10 p.m.\n\nAbout four in 10 voted.", [("6:10 p.m", "TIME", "1998-01-08T18:10")]),
    # Durations, sets and vague references.
    ("The strike lasted three days.", [("three days", "DURATION", "P3D")]),
    ("Output fell over the past three months.", [("the past three months", "DURATION", "P3M")]),
    ("Prices doubled in the first nine months.", [("the first nine months", "DURATION", "P9M")]),
    ("It signed a two-year contract.", [("two-year", "DURATION", "P2Y")]),
    ("The talks may take a few weeks.", [("a few weeks", "DURATION", "PXW")]),
    ("The talks lasted nearly two months.", [("nearly two months", "DURATION", "P2M")]),
    ("The council meets every Monday.", [("every Monday", "SET", "XXXX-WXX-1")]),
    ("The index is published weekly.", [("weekly", "SET", "XXXX-WXX")]),
    ("The site drew 30,000 hits an hour.", [("an hour", "SET", "PT1H")]),      # a rate
    ("He was jailed for a year.", [("a year", "DURATION", "P1Y")]),
    ("Unemployment is now at a record.", [("now", "DATE", "PRESENT_REF")]),
    ("The company recently cut jobs.", [("recently", "DATE", "PAST_REF")]),
    ("Rates may rise in the future.", [("the future", "DATE", "FUTURE_REF")]),
])
def test_forms_of_each_kind(text, expected):
    assert values(text) == expected


def test_extents_leave_out_prepositions_and_keep_determiners_and_approximators():
    assert [t for t, _, _ in values("On Friday, in the third quarter, for more than four hours.")] == [
        "Friday", "the third quarter", "more than four hours"]


@pytest.mark.parametrize("text, expected", [
    ("The ministers met Friday.", "1998-01-02"),        # past: the Friday before
    ("The ministers will meet Friday.", "1998-01-09"),  # future: the Friday after
    ("The ministers are set to meet on Friday.", "1998-01-09"),
    ("The ministers met on Monday.", "1998-01-05"),
    ("The talks will resume on Monday.", "1998-01-12"),
    ("The summit was held in December.", "1997-12"),
    ("The summit will be held in December.", "1998-12"),
    ("In December, the ministry said it would cut rates.", "1997-12"),  # a fronted date dates the main verb
    # a fronted phrase with no verb dates the main clause's verb, not a modal further on
    ("At a hearing of the committee on Wednesday, the governor declined to say whether the bank would cut rates.",
     "1998-01-07"),
    ("During an interview that aired Wednesday night, he said what he will do.", "1998-01-07TNI"),  # own clause first
    ("Holders will be paid at closing, which is expected in March.", "1998-03"),
    # a participle after "is"/"are" is a passive, no past; the expression's own clause in the present
    # is not governed by a past in another clause
    ("Talks in March are overshadowed by the feud.", "1998-03"),
    ("Their plans for the vote in March are complicated by a feud: they have already split once.", "1998-03"),
])
def test_tense_decides_the_direction(text, expected):
    (value,) = [v for _, _, v in values(text)]
    assert value == expected


def test_that_day_and_the_following_month_take_the_date_the_text_last_named():
    text = "The ship sank on Jan. 3, 1997. That day, a storm hit; the following month, the search ended."
    assert [v for _, _, v in values(text)] == ["1997-01-03", "1997-01-03", "1997-02"]
    assert values("They met Monday and signed the next day.")[-1] == ("the next day", "DATE", "1998-01-06")
    assert values("Nobody knows what happened that day.", None) == []  # nothing named: no guess


def test_a_24_hour_clock_in_wire_copy_is_a_time_not_a_year():
    assert values("Shelling resumed at 2030 GMT.") == [("2030 GMT", "TIME", "1998-01-08T20:30")]


def test_a_year_less_day_stays_within_half_a_year_of_the_writing():
    # Past tense beside it, but last December is too far back: wire copy would give its year.
    assert values("The company said the notes mature Dec. 15.", OCTOBER) == [("Dec. 15", "DATE", "1989-12-15")]
    assert values("Trump, speaking on Oct. 29 during a tour, said he wanted a deal.", dt.date(2025, 10, 30)) == [
        ("Oct. 29", "DATE", "2025-10-29")]



def test_a_day_its_own_clause_tells_in_the_past_is_the_last_one_up_to_a_year_back():
    # "was seized ... on Jan. 29" in an October report: last January, though it is more than half a year back
    assert values("Ortiz, who headed the port office, was seized by gunmen in Kelso on Jan. 29.", OCTOBER) == [
        ("Jan. 29", "DATE", "1989-01-29")]
    # a day of a participle's clause, with a past verb elsewhere, keeps the half-year reach
    assert values("The nations launching the ferry pact on Jan. 1 cut their fees in a move that won praise.",
                  OCTOBER) == [("Jan. 1", "DATE", "1990-01-01")]
    assert values("The ferry was sold to a Corvo company on Feb. 20.", OCTOBER) == [("Feb. 20", "DATE", "1989-02-20")]
    # a bound ahead of the verb is no day it was done
    assert values("The trial was postponed until Feb. 3.", OCTOBER) == [("Feb. 3", "DATE", "1990-02-03")]
    assert values("The deadline was extended to March 1.", OCTOBER) == [("March 1", "DATE", "1990-03-01")]
    # a day of an infinitive's clause, before a past verb: "to cancel ... between Nov. 3 and Nov. 16 came"
    assert values("The decision to cancel the sailings on Jan. 3 came after the strike.", OCTOBER) == [
        ("Jan. 3", "DATE", "1990-01-03")]


def test_quarterly_reports_read_a_year_ago_as_that_quarter():
    text = "Third-quarter profit rose to $5 million from $3 million a year ago."
    assert values(text, OCTOBER) == [("Third-quarter", "DATE", "1989-Q3"), ("a year ago", "DATE", "1988-Q3")]
    assert values("The treaty was signed a year ago.", OCTOBER) == [("a year ago", "DATE", "1988")]


def test_the_fourth_quarter_in_january_is_the_one_just_ended():
    assert values("Earnings fell in the fourth quarter.", dt.date(1998, 1, 26)) == [
        ("the fourth quarter", "DATE", "1997-Q4")]


def test_without_an_anchor_nothing_relative_is_resolved_and_no_year_is_invented():
    text = ("The ministers met Friday and will meet again next week, in August, after talks on Oct. 31 "
            "and yesterday's vote; the third quarter was weak, as it was two years ago.")
    found = values(text, None)
    assert ("Friday", "DATE", "XXXX-WXX-5") in found
    assert ("August", "DATE", "XXXX-08") in found
    assert ("Oct. 31", "DATE", "XXXX-10-31") in found
    assert ("the third quarter", "DATE", "XXXX-Q3") in found
    assert not any(re.search(r"\d{4}", value) for _, _, value in found)
    assert not {"next week", "yesterday", "two years ago"} & {t for t, _, _ in found}
    # Durations and vague references need no anchor.
    assert values("It lasted three days and is now over.", None) == [("three days", "DURATION", "P3D"),
                                                                     ("now", "DATE", "PRESENT_REF")]


def test_relative_spans_are_the_expressions_only_the_writing_date_can_place():
    text = "Police arrested him Friday, near the stadium built in 1987, three days after the vote."
    spans = [text[s:e] for s, e in relative_spans(text)]
    assert spans == ["Friday"]


@pytest.mark.parametrize("text", [
    "May the talks go well.",                      # the verb, not the month
    "He spent $2025 on 12 tickets.",               # money
    "The 1975-90 civil war ended.",                # a span, not the year 1975
    "The current account deficit widened.",        # a finance term
    "Listen to USA Today and ABC's This Week.",    # names
    "The company pays a quarterly dividend.",      # an adjective, not a set
    "He admired August Strindberg.",               # a first name
    "Tickets for the Winter Olympics sold out.",   # a name: seasons are lower case
    "Survivors recalled the fall of the city.",    # an event noun
    "She wrote ``The Year of the Rat.''",          # a title
    "He watched Saturday Night Live.",             # a title
    "It was her a second win.",                    # an ordinal
    "About a quarter of voters agreed.",           # a fraction
    "He flew to Mar-a-Lago with Jan Smith.",       # names, not abbreviated months
])
def test_not_times(text):
    assert values(text) == []


PIECES = list("0123456789 ,.-'`aemnoprstuy") + [
    " Friday", " May ", " last ", " week", " 1998", " the ", " third quarter", " ago", " p.m.", " noon",
    " nineteen ", " ninety", " years", " a ", " Oct.", " since ", " fiscal ", " 's", " every ", " Today"]


@settings(max_examples=150, deadline=None, derandomize=True)  # the same examples every run, as in test_properties
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
       st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))))
@example("0.1 years", None)  # 0.1 * 12 months was P1.2000000000000002M, a "year" 2000 in the value
def test_any_text_gives_well_formed_times(text, anchor):
    found = find_times(text, anchor)
    assert all(isinstance(t, Timex) and text[t.start:t.end] == t.text for t in found)
    assert all(t.type in ("DATE", "TIME", "DURATION", "SET") and t.value for t in found)
    assert [t.start for t in found] == sorted(t.start for t in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    if anchor is None:  # every year in a value is written in the expression (in figures, short or in words)
        assert all(year[2:] in t.text or not re.search(r"\d", t.text)
                   for t in found for year in re.findall(r"\d{4}", t.value))


def test_a_fortnight_is_two_weeks_whatever_its_count():
    assert [t.value for t in find_times("The strike lasted 1.5 fortnights.", None)] == ["P3W"]
    assert [t.value for t in find_times("The strike lasted a fortnight.", None)] == ["P2W"]


def test_a_day_inside_a_reported_clause_is_dated_by_that_clause_not_by_the_saying():
    import datetime as dt

    from briefer.language.annotate import annotate

    monday = dt.date(2025, 5, 5)

    def day(sentence: str) -> str:
        (time,) = annotate(sentence, monday).times
        return time.value

    assert day("Port managers said talks would resume on Wednesday.") == "2025-05-07"
    assert day("Officials said the ferry service will restart Friday.") == "2025-05-09"
    # the saying's own day, or a past in the reported clause, is read back
    assert day("Officials said Wednesday the talks would resume.") == "2025-04-30"
    assert day("Officials said the ferry sank on Wednesday.") == "2025-04-30"


def test_a_backshifted_expectation_after_a_saying_looks_ahead():
    """"said more rain was expected over the weekend" reports "is expected": the coming weekend;
    without a saying, "was expected on Tuesday" may be a past plan, read by its own verbs."""
    import datetime as dt

    from briefer.language.annotate import annotate
    from briefer.language.tense import EXPECTED, FUTURE, main_tense

    thursday = dt.date(2026, 3, 5)
    said = "The weather service said more rain was expected over the weekend."
    (time,) = annotate(said, thursday).times
    assert time.value == "2026-W10-WE"  # 7-8 March, not the weekend before
    assert main_tense(said) == FUTURE and annotate(said, thursday).modality == EXPECTED
    (time,) = annotate("Officials said the ferries were scheduled to sail on Monday.", thursday).times
    assert time.value == "2026-03-09"
    assert main_tense("The verdict, which was expected on Tuesday, came on Wednesday.") != FUTURE


def test_each_year_of_a_span_that_times_what_is_told_is_a_date():
    """"in 2022-2023" names two years, "the war of 1992-95" its first in full; a span before a
    noun names the thing ("the 1975-90 civil war"), and an identifier ("Case 2021-0456") no year."""
    assert [(t.text, t.value) for t in find_times("The worst outbreak came in 2022-2023, officials said.", None)] == [
        ("2022", "2022"), ("2023", "2023")]
    assert [t.value for t in find_times("The war of 1992-95 killed thousands.", None)] == ["1992"]
    assert find_times("The 1992-95 war killed thousands.", None) == ()
    assert find_times("Case 2021-0456 was filed by the port.", None) == ()


def test_review_cases_for_backshift_and_spans():
    from briefer.language.tense import FUTURE, main_tense

    assert main_tense("Police said the car was set on fire.") != FUTURE
    assert main_tense("Officials said bail was set at $1 million.") != FUTURE
    assert main_tense("Police said the verdict, which was expected on Tuesday, came on Wednesday.") != FUTURE
    assert [t.value for t in find_times("In 2022-2023 the outbreak spread.", None)] == ["2022", "2023"]
