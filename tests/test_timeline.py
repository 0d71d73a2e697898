"""Date resolution, article dating and the timeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefer.commands.build import load_corpus
from briefer.brief.compose import compose
from briefer.config import DEFAULT_BUDGETS
from briefer.analysis.importance import brief_ranking
from briefer.analysis.timeline import DAY, MONTH, REWRITE, TEXT, WEEK, YEAR, article_dates, day_mentions, resolve_dates

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
THURSDAY = dt.date(2025, 10, 30)
SATURDAY = dt.date(2025, 11, 1)


def only(text: str, reference: dt.date | None = THURSDAY):
    mentions = resolve_dates(text, reference)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize("text, reference, expected", [
    ("Singh is set to meet Hegseth in Malaysia on Friday.", THURSDAY, dt.date(2025, 10, 31)),
    ("India and the US on Friday signed a framework.", SATURDAY, dt.date(2025, 10, 31)),
    ("The ministers met on Friday in Kuala Lumpur.", THURSDAY, dt.date(2025, 10, 24)),
    ("Jaishankar and Rubio met in Kuala Lumpur on Monday.", THURSDAY, dt.date(2025, 10, 27)),
    ("The talks will resume on Monday.", THURSDAY, dt.date(2025, 11, 3)),
    ("Singh is set to meet Hegseth in Malaysia on Oct. 31 to ease the strain.", THURSDAY, dt.date(2025, 10, 31)),
    ("He will deliver a formal address on 1 November.", THURSDAY, dt.date(2025, 11, 1)),
    ("Scheduled for November 1, the summit will focus on security.", THURSDAY, dt.date(2025, 11, 1)),
    ("Lynch held talks with Indian officials on September 16.", SATURDAY, dt.date(2025, 9, 16)),
    ("The bombing on Dec. 21, 1988 killed 270 people.", None, dt.date(1988, 12, 21)),
    ("It was a pleasure to meet him this morning.", THURSDAY, THURSDAY),
    ("The minister left two days ago.", THURSDAY, dt.date(2025, 10, 28)),
    ("The Cabinet resigned after last Thursday's vote.", THURSDAY, dt.date(2025, 10, 23)),
])
def test_days(text, reference, expected):
    mention = only(text, reference)
    assert (mention.precision, mention.value) == (DAY, expected)
    assert text[mention.start:mention.end] == mention.text


def test_a_year_less_date_told_in_the_past_is_the_last_one():
    assert only("Trump, speaking in South Korea on Oct. 29 during a tour, said he wanted a deal.").value \
        == dt.date(2025, 10, 29)
    assert only("In December, the ministry said it would cut rates.").value == (2024, 12)


@pytest.mark.parametrize("text, expected", [
    ("U.S. sanctions last week on Moscow's top two crude exporters.", dt.date(2025, 10, 20)),
    ("He said this week that talks went well.", dt.date(2025, 10, 27)),
    ("Speaking in South Korea earlier this week, Trump praised India.", dt.date(2025, 10, 27)),
    ("The ministers will meet again next week.", dt.date(2025, 11, 3)),
])
def test_weeks_are_their_monday(text, expected):
    mention = only(text)
    assert (mention.precision, mention.value, mention.label) == (WEEK, expected, f"week of {expected.day} {expected:%b %Y}")


@pytest.mark.parametrize("text, expected", [
    ("Singh had earlier planned to meet Hegseth in Washington in August, but the trip was cancelled.", (2025, 8)),
    ("The summit will be held in March.", (2026, 3)),  # future: the next March
    ("In December the ministry raised rates.", (2024, 12)),  # past: December would be ahead
    ("The two sides signed the arrangement in August 2024.", (2024, 8)),
    ("Relations have been under pressure since August, when tariffs doubled.", (2025, 8)),
])
def test_months(text, expected):
    mention = only(text)
    assert (mention.precision, mention.value) == (MONTH, expected)
    assert mention.label == dt.date(expected[0], expected[1], 1).strftime("%b %Y")


@pytest.mark.parametrize("text, expected", [
    ("Tariffs were imposed earlier this year.", 2025),
    ("Last year, the two sides also signed a memorandum.", 2024),
    ("With elections in both nations next year, neither wants to look weak.", 2026),
    ("Libya has been under sanctions since 1992.", 1992),
])
def test_years(text, expected):
    mention = only(text)
    assert (mention.precision, mention.value, mention.label) == (YEAR, expected, str(expected))


def test_relative_expressions_need_a_reference_date():
    assert resolve_dates("They met on Friday and will meet again next week, in August.", None) == ()


def test_not_dates():
    assert resolve_dates("May the talks go well; the 1975-90 civil war ended.", THURSDAY) == ()
    assert resolve_dates("He spent $2025 on 12 tickets.", THURSDAY) == ()


def test_mentions_come_in_text_order_without_overlaps():
    mentions = resolve_dates("On Monday, after talks in August 2024 and last week, they signed on Oct. 31.", THURSDAY)
    assert [m.text for m in mentions] == ["Monday", "August 2024", "last week", "Oct. 31"]  # TimeML extents


# --- Article dates ---------------------------------------------------------------------------
def write(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


REPORT = [
    "Indian Defence Minister Rajnath Singh is set to meet his U.S. counterpart Pete Hegseth in Malaysia on Oct. 31 to ease the strain on ties, two officials said.",
    "The talks on the sidelines of the regional defence ministers' meeting are expected to include a review of plans to buy six patrol aircraft for the navy.",
    "Singh had earlier planned to visit Washington in August, but the trip was cancelled after tariffs on Indian goods were doubled to 50 percent that month.",
    "Trump, speaking in South Korea on Oct. 29 during a tour of Asia, said that he wanted to reach a trade deal with India.",
    "Singh is expected to deliver remarks at the regional meeting on Nov. 1, the defence ministry said.",
]


def test_day_mentions_keep_only_what_the_text_fixes():
    # A weekday stays a weekday, with or without the article's date: two reports' "Friday" agree.
    (friday,) = day_mentions("The ministers met on Friday in Oslo.", None)
    assert (friday.text, friday.weekday, friday.month, friday.day, friday.year) == ("Friday", 4, None, None, None)
    # Without a reference a year-less day keeps its month and day, and no weekday.
    (undated,) = day_mentions("They meet on Oct. 30 in Oslo.", None)
    assert (undated.weekday, undated.month, undated.day, undated.year) == (None, 10, 30, None)
    # With one the tense places the year, as resolve_dates does: a plan for Jan. 2 lies ahead.
    (planned,) = day_mentions("Talks will resume on Jan. 2 in Oslo.", dt.date(2025, 7, 1))
    assert (planned.year, planned.weekday) == (2026, 4)
    # A weekday and its date are one mention; the named weekday is kept; impossible days are dropped.
    (both,) = day_mentions("They met on Friday, Oct. 31, 2025 and not on Feb. 30.", None)
    assert (both.text, both.weekday, both.month, both.day, both.year) == ("Friday, Oct. 31, 2025", 4, 10, 31, 2025)


def test_an_undated_report_is_dated_by_the_days_it_reports_and_announces(tmp_path):
    folder = write(tmp_path / "s", {
        "a.txt": "\n\n".join(REPORT),
        "b.txt": "date: 2025-11-03\n\nThe ministers met in Kuala Lumpur on Friday and signed a framework for defence cooperation in 2025.",
    })
    corpus, _ = load_corpus(folder)
    dates = article_dates(corpus)
    # Reports Oct. 29 as past and Oct. 31 as ahead: written Oct. 29-30; the latest day is taken.
    assert dates[1].date == dt.date(2025, 10, 30) and dates[1].basis == TEXT


def test_an_undated_rewrite_takes_its_dated_twin_s_date(tmp_path):
    rewrite = [s.replace("Oct. 31", "Friday").replace("on Oct. 29", "earlier this week") for s in REPORT]
    folder = write(tmp_path / "s", {
        "a.txt": "date: 2025-10-28\n\n" + "\n\n".join(REPORT[:2] + REPORT[2:3]),
        "b.txt": "\n\n".join(rewrite[:3]),
    })
    corpus, _ = load_corpus(folder)
    assert corpus.origin_of[1] == corpus.origin_of[2]
    assert article_dates(corpus)[2].date == dt.date(2025, 10, 28)
    assert article_dates(corpus)[2].basis == REWRITE


def test_a_text_with_nothing_to_go_on_stays_undated(tmp_path):
    folder = write(tmp_path / "s", {"a.txt": "The ministers met in Kuala Lumpur on Monday to discuss trade and security."})
    corpus, _ = load_corpus(folder)
    assert article_dates(corpus)[1].date is None
    assert not any(m.precision == DAY for m in resolve_dates(corpus.items[0].text, article_dates(corpus)[1].date))


def test_the_seeds_undated_rewrites_take_the_reuters_report_s_date():
    corpus, _ = load_corpus(SEEDS)
    dates = {c.article.path[:3]: article_dates(corpus)[c.article.number] for c in corpus.articles}
    assert dates["000"].date == dates["002"].date == dt.date(2025, 10, 30)
    assert dates["003"].date is None  # nothing in it says when


# --- Timeline on the seeds -------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeds_brief():
    corpus, _ = load_corpus(SEEDS)
    return compose(corpus, brief_ranking(corpus), "t", dict(DEFAULT_BUDGETS))


def test_seeds_timeline_places_the_signing_and_the_tariff_increase(seeds_brief):
    timeline = seeds_brief.timeline
    assert 0 < len(timeline) <= DEFAULT_BUDGETS["timeline"]
    assert [e.sort_key for e in timeline] == sorted(e.sort_key for e in timeline)
    signing = [e for e in timeline if e.sort_key == "2025-10-31"]
    assert signing and "signed" in signing[0].text and "Kuala Lumpur" in signing[0].text
    assert signing[0].date_label == "31 Oct 2025"
    august = [e for e in timeline if e.sort_key == "2025-08"]
    assert august and august[0].date_label == "Aug 2025"
    assert "tariffs" in august[0].text and "50 percent" in august[0].text


def test_seeds_timeline_shows_no_forecast_whose_day_has_passed(seeds_brief):
    assert not any("set to meet" in e.text or "scheduled to meet" in e.text for e in seeds_brief.timeline)


def test_timeline_citations_are_renumbered_with_the_sources(seeds_brief):
    numbers = {s.number for s in seeds_brief.sources}
    assert numbers == set(range(1, len(numbers) + 1))
    assert all(set(e.citations) <= numbers for e in seeds_brief.timeline)


# --- Event dates: the sentence's own event, never an invented year ----------------------------
from briefer.analysis.timeline import belongs_elsewhere, dated_events, main_event_date  # noqa: E402


@pytest.mark.parametrize("text, expression", [
    ("Rebels marked the anniversary of the 1973 coup with a march.", "1973"),
    ("Libya has been under sanctions since 1992.", "1992"),
    ("Kidnappings have soared since the start of 1998.", "1998"),
    ("She broke a record set in 1996 by a Kenyan runner.", "1996"),
    ("Voters stayed home, just as many Republicans did in November 1974.", "November 1974"),
    ("The city won the 2002 Games in a landslide.", "2002"),
])
def test_a_date_that_belongs_to_something_else_does_not_date_the_sentence(text, expression):
    start = text.index(expression)
    assert belongs_elsewhere(text, start, start + len(expression))
    assert main_event_date(text, None) is None


def test_a_time_in_a_comparisons_base_does_not_date_the_sentence():
    for text in ("The ferry line said net income rose to $10.8 million, or 35 cents a share, from $9.5 million, "
                 "or 31 cents a share, a year ago.",
                 "Port fees were $6.6 million in the quarter compared with $3.1 million a year ago.",
                 "The rise left wages 3.8 percent higher than a year earlier."):
        assert main_event_date(text, THURSDAY) is None, text
    # a value that was the news a year ago, or a time in a clause of its own, still dates the sentence
    for text in ("The ferry line had net income of $132,000, or three cents a share, a year ago.",
                 "Rebels fired more than 50 rockets into Kelso two days ago.",
                 "The bomb killed more than 200 people on Friday.",
                 "Rescuers pulled 12 survivors from the rubble of the 10-story building two days ago.",
                 "Ortiz sold the ferry line for $9.5 million a year ago."):
        assert main_event_date(text, THURSDAY) is not None, text


def test_a_passives_agent_is_no_bound_and_by_a_time_is():
    # "hit by flooding in 1987": "by" names who or what did it, the year dates the event
    for text in ("The valley was last hit by comparable flooding in 1987.", "The town was destroyed by a fire in 1911."):
        assert main_event_date(text, THURSDAY) is not None, text
    for text, expression in (("The plant must close by the end of 2027.", "2027"), ("Talks must end by Friday.", "Friday"),
                             ("The minister ordered crash barriers on the pass by the summer.", "summer")):
        start = text.index(expression)
        assert belongs_elsewhere(text, start, start + len(expression)), text


@pytest.mark.parametrize("text, reference, expected", [
    ("The federal suit against the port was filed in 1906.", None, (YEAR, 1906)),
    ("The ministers met in Oslo on Friday.", THURSDAY, (DAY, dt.date(2025, 10, 24))),
    ("In August, the government imposed tariffs on steel.", THURSDAY, (MONTH, (2025, 8))),
])
def test_the_sentence_s_own_date_dates_it(text, reference, expected):
    mention = main_event_date(text, reference)
    assert (mention.precision, mention.value) == expected


def test_in_an_undated_article_a_relative_expression_keeps_the_sentence_undated():
    # "Friday" cannot be placed without the article's date; the 1987 strike is not the arrest.
    assert main_event_date("Police arrested 12 pickets Friday at the port, scene of a 1987 strike.", None) is None
    assert main_event_date("Police arrested 12 pickets Friday at the port in 1987.", None) is None
    assert main_event_date("Police arrested 12 pickets at the port in 1987.", None).value == 1987


WIRE = {
    "portville_strike.txt": (
        "PORTVILLE, Arland (AP) _ Police arrested 12 pickets Friday outside the harbour gates, "
        "where a 1987 strike ended in riots, and the port authority said cargo traffic had stopped.\n\n"
        "``We have waited long enough for a fair wage,'' union leader Marta Kovach said Saturday. "
        "``The ships can wait a little longer.''\n\n"
        "The dock workers last held a national strike in 1987, when the port was closed for six weeks.\n\n"
        "The union signed its current contract in March 1994, and talks on a new one collapsed last week.\n"),
    "portville_talks.txt": (
        "PORTVILLE, Arland (AP) _ Harbour owners and the dock workers' union met Sunday for the first time "
        "since the strike began, a mediator said.\n\n"
        "``Nobody wants another 1987,'' said mediator Tomas Ebeling, a retired judge. "
        "``Both sides know what is at stake.''\n\n"
        "Ebeling said the two sides agreed to meet again Tuesday, the day before a government deadline.\n\n"
        "The harbour owners approved a pay offer of 4 percent on Saturday, the owners' group said.\n"),
    "portville_ships.txt": (
        "BELMARK HARBOUR, Belmark (AP) _ Dozens of container ships diverted to Belmark Harbour this week "
        "as the Portville strike entered its fourth day.\n\n"
        "``We took in 40 ships yesterday alone,'' harbour master Ines Okafor said.\n\n"
        "Belmark Harbour was rebuilt in 1996 after a fire destroyed its cranes, and it has since doubled in size.\n\n"
        "Officials said the strike could cost Arland 2 percent of its exports this year.\n"),
}


def test_a_brief_from_undated_wire_copy_invents_no_year(build_brief, tmp_path):
    brief = build_brief(WIRE).rendered.brief
    # Every timeline entry's date is written in its own sentence: no year was placed from elsewhere.
    assert brief.timeline
    for entry in brief.timeline:
        assert entry.sort_key[:4] in entry.text, entry
    # The story's dated events: sentences whose event only "Friday", "Sunday", "Saturday" or
    # "yesterday" places are not among them, whatever year they mention in passing ("where a
    # 1987 strike ended in riots"); what the copy dates itself is, also beside a later
    # clause's "last week".
    corpus, _ = load_corpus(tmp_path / "sources")
    events = {corpus.items[e.index].text: e.mention.sort_key for e in dated_events(corpus, article_dates(corpus))}
    assert not [text for text in events
                if any(event in text for event in ("arrested", "met Sunday", "approved a pay offer", "took in 40 ships"))]
    dated = {next(text for text in events if phrase in text): key for phrase, key in (
        ("national strike", "1987"), ("rebuilt", "1996"), ("signed its current contract", "1994-03"))}
    assert sorted(dated.values()) == ["1987", "1994-03", "1996"] and all(events[t] == k for t, k in dated.items())


def test_a_date_in_the_subjects_participle_or_a_span_is_not_the_main_events():
    import datetime as dt
    from briefer.analysis.timeline import main_event_date

    day = dt.date(2025, 11, 3)
    freed = main_event_date("A ferry captain kidnapped in the north more than ten months ago has been freed and "
                            "was flown to Kelso on Saturday.", day)
    assert freed is not None and freed.text == "Saturday"
    assert main_event_date("The man arrested Monday was released.", day) is None  # Monday is the arrest's
    assert main_event_date("Prices rose last week, said analysts.", day).text == "last week"  # the telling follows
    assert main_event_date("Officials denied that the fund bought votes in the years between 1998 and 2002.", day) is None
    # a span after a verb is when the event was: "served on the council between 2011 and 2019"
    served = main_event_date("Ortiz served two terms on the city council between 2011 and 2019.", day)
    assert served is not None and served.value == 2011
    # a main verb with its own date is no participle of the subject
    for text in ("The rebels attacked the town on Monday, United Nations officials said.",
                 "Shares of the company jumped on Monday, boosted by strong earnings.",
                 "The rebels attacked the town on Monday, then looted shops.",
                 "A summit between the leaders on Monday ended in deadlock."):
        assert main_event_date(text, day).text == "Monday", text


def test_an_irregular_main_verb_after_a_participles_date_keeps_its_own_date():
    import datetime as dt
    from briefer.analysis.timeline import main_event_date

    told = main_event_date("An official kidnapped in Kelso last week met reporters on Monday.", dt.date(2025, 11, 3))
    assert told is not None and told.text == "Monday"
