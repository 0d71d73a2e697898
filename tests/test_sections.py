"""Sections by meaning, forecasts overtaken by later reports, section order, and the labelled set."""

from __future__ import annotations

import datetime as dt
import json
import importlib.util
from pathlib import Path

import pytest

from briefer.commands.build import load_corpus
from briefer.brief.compose import compose, item_count, keep_top, renumber
from briefer.config import DEFAULT_BUDGETS
from briefer.core.models import Brief, BriefItem, Section, Source, TimelineEntry
from briefer.analysis.importance import brief_ranking
from briefer.analysis.sections import (BACKGROUND, KEY_FACTS, NONE, OPEN_QUESTIONS, OUTCOMES, Statement, classify,
                              classify_one, decide, is_fragment, overtaken)
from briefer.language.tense import main_tense
from briefer.language.times import FUTURE

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
OCT_30, NOV_1 = dt.date(2025, 10, 30), dt.date(2025, 11, 1)


def one(text: str, reference: dt.date | None = NOV_1, position: int = 5) -> str:
    return classify_one(Statement(text, 1, reference, position), NOV_1)


@pytest.mark.parametrize("text, expected", [
    ("India and the US on Friday signed a 10-year framework to deepen defence ties.", OUTCOMES),
    ("Both leaders agreed to work together to address challenges, the ministry said.", OUTCOMES),
    ("Singh had earlier planned to visit Washington in August, but the trip was cancelled.", BACKGROUND),
    ("The two sides signed a supply arrangement in August 2024.", BACKGROUND),
    ("The trade talks were stalled after Trump hit Indian goods with tariffs.", BACKGROUND),
    ("Both leaders are hopeful that the agreement will be finalized soon.", OPEN_QUESTIONS),
    ("It was not known where Annan will meet Gadhafi.", OPEN_QUESTIONS),
    ("The meeting could lay the foundation for a future bilateral visit, an official noted.", OPEN_QUESTIONS),
    ("The officials declined to be named because they were not authorized to speak.", NONE),
    ("Observers note that both governments have strong incentives to stabilise ties.", NONE),
    ("Meeting Plus in Kuala Lumpur.", NONE),
    ("The discussion will take place on the sidelines of the ASEAN Defence Ministers’", NONE),
    ("We're enhancing our coordination, info sharing, and tech cooperation.", NONE),
    ("The summit will focus on regional security and maritime cooperation.", NONE),
])
def test_sentences_on_their_own(text, expected):
    assert one(text) == expected


def test_agreeing_to_something_concludes_a_step_agreeing_that_or_as_agreed_does_not():
    for text in ("The parties broke the deadlock and agreed to a coalition government on Friday.",
                 "The peace accord was signed on Friday, ending four decades of war.",
                 "The president signed that bill into law on Friday.",
                 "Norland agreed with Sarvia and Tarn on Friday to suspend the fishing quota."):
        assert one(text) == OUTCOMES, text
    for text in ("Participants in the talks generally agreed that crimes against humanity cannot go unpunished.",
                 "A district judge agreed, but an appeals court overturned that ruling.",
                 "The board paid the first half of the fee on Friday, as earlier agreed.",
                 "Most delegates agreed with the mayor about the harbour.",
                 "The minister agreed with the decision to close the port on Friday.",
                 "Oda agreed with Marek on Monday that the plan was flawed."):
        assert one(text) != OUTCOMES, text
    from briefer.analysis.sections import _concluded
    assert not _concluded("Economists are agreed that growth was slowing.")  # a view, in the passive too


def test_undated_a_step_concluded_in_a_lead_is_the_outcome_further_down_a_key_fact():
    text = "The two parties agreed to a coalition government on Friday."
    assert classify_one(Statement(text, 1, None, 0), None) == OUTCOMES
    assert classify_one(Statement(text, 1, None, 12), None) == KEY_FACTS  # a detail down the article
    assert classify_one(Statement(text, 1, NOV_1, 12), NOV_1) == OUTCOMES  # dated: the newest report's


def test_the_writers_own_voice_outside_quotes_is_no_line():
    for text in ("When the minister came to talk to me last week about trade, I did not expect a quarrel.",
                 "Officials told us on Monday that the port would reopen."):
        assert one(text) == NONE, text
    for text in ("He fought in World War I and later led the port workers' union.",
                 "In 1994, he lost a leg in a mine explosion near Kelso.",
                 "The US and India signed the framework on Friday."):
        assert one(text) != NONE, text


def test_a_saying_reported_in_the_writers_words_is_no_quoted_voice():
    # what a sentence reports of a saying, in its own words with a quoted word or two, is the
    # writer's report of it (a reaction of the story's days); a sentence mostly inside quotation
    # marks is the speaker's voice
    for text in ("Marek called the board's suspension \u201carbitrary.\u201d",
                 "In a statement on Saturday, the union said the ban was \u201ccompletely unacceptable\u201d "
                 "and that it would keep up the strike at the port."):
        assert one(text) != NONE, text
    assert one("Marek said: \u201cThe board has acted in haste and without any reason at all today.\u201d") == NONE


def test_what_no_one_can_yet_tell_is_an_open_question():
    for text in ("It was impossible to say who controlled the airport on Tuesday.",
                 "The mayor said it was too early to tell whether the fire had been set on purpose.",
                 "Officials said it was hard to say how long the repairs would take."):
        assert one(text) == OPEN_QUESTIONS, text
    assert one("It was impossible to ignore the queues outside the bank on Tuesday.") != OPEN_QUESTIONS


def test_a_straight_mark_closed_by_a_curly_one_is_a_whole_quotation():
    # copy edited by several hands mixes the marks; the sentence is whole, not a piece of a
    # quotation running over sentences
    text = '"We see no link to the strike," the mayor said on Monday, adding it would take "more hours\u201d to know.'
    assert not is_fragment(text)
    assert is_fragment('The mayor said on Monday: "We see no link to the strike.')


def test_a_measure_taken_told_by_the_newest_report_is_an_outcome():
    older, newest = dt.date(2025, 11, 3), dt.date(2025, 11, 5)

    def placed(text, day, position=4):
        return classify([Statement("Fire killed 12 workers at a textile plant in Selva on Monday.", 1, older, 0),
                         Statement(text, 2, day, position),
                         Statement("Relatives gathered outside the plant on Wednesday.", 3, newest, 0)])[1]

    for text in ("The labour ministry on Wednesday ordered inspections of all textile plants in the region.",
                 "The government declared three days of national mourning on Wednesday.",
                 "The regulator on Wednesday suspended the operating licence of the plant's owner.",
                 "The owner suspended all work at its plants on Wednesday pending an investigation."):
        assert placed(text, newest) == OUTCOMES, text
        assert placed(text, older) != OUTCOMES, text  # told by an older report: one of the story's steps
    for text in ("The foreman recalled in an interview on Wednesday that the alarm never sounded.",
                 "The plant's owner fired back on Wednesday that the inspectors had found nothing wrong.",
                 "When the owner's appeal was dismissed on Wednesday, the workers cheered."):
        assert placed(text, newest) != OUTCOMES, text  # another sense of the verb, or not the main clause
    # what is pending after a measure is how long it lasts: the measure is done, no open question
    assert placed("The owner suspended all work at its plants on Wednesday pending an investigation.",
                  newest) != OPEN_QUESTIONS
    assert placed("A decision on the plant's licence is pending.", newest) == OPEN_QUESTIONS


def test_an_agreements_participle_concludes_no_step_of_the_sentence():
    older, newest = dt.date(2026, 11, 18), dt.date(2026, 11, 19)
    statements = [Statement("Lorn and Vessa signed a free trade agreement on Wednesday.", 1, older, 0),
                  Statement("Farmers on Thursday protested against the trade agreement signed with Vessa.", 2, newest, 5),
                  Statement("Exporters praised the deal on Thursday.", 2, newest, 0)]
    assert classify(statements)[1] != OUTCOMES  # a reaction to the step, not the step
    assert classify(statements)[0] != OPEN_QUESTIONS


def test_leaving_office_told_by_the_newest_report_is_an_outcome():
    older, newest = dt.date(2026, 3, 9), dt.date(2026, 3, 11)

    def placed(text, day):
        return classify([Statement("A ferry capsized off Tarn on Monday, killing 40 passengers.", 1, older, 0),
                         Statement(text, 2, day, 4),
                         Statement("Divers searched the wreck again on Wednesday.", 3, newest, 0)])[1]

    for text in ("The transport minister resigned on Wednesday.",
                 "The ferry operator's chief executive stepped down on Wednesday, the company said."):
        assert placed(text, newest) == OUTCOMES, text
        assert placed(text, older) != OUTCOMES, text  # told by an older report: one of the story's steps
    for text in ("The transport minister has not resigned, his office said on Wednesday.",
                 "Officials indicated on Wednesday that any new ferry licence would have to be approved by parliament.",
                 "Unions threatened on Wednesday to have the minister stand down.",
                 "The captain's family resigned themselves on Wednesday to a long inquiry.",
                 "The harbour chief, who resigned in 2019, visited the quay on Wednesday."):
        assert placed(text, newest) != OUTCOMES, text  # not done, another sense, or not the sentence's claim


def test_a_step_the_teller_says_they_will_take_is_a_decision_unless_set_for_a_day_or_a_condition():
    assert one("The bank said on Friday it would not appeal the fine imposed by the regulator.") != OPEN_QUESTIONS
    assert one("The airline said it would cut 900 jobs and sell two of its jets.") != OPEN_QUESTIONS
    assert one("The panel said Wednesday it will not name the former president in its report.") != OPEN_QUESTIONS
    for text in ("The senator said he would release his tax return on Friday.",  # set for a day: still to come
                 "The ministry said it will open the site only if inspectors are let in.",
                 "Analysts said they would expect the rate to rise again.",  # a view, not a step
                 "The mayor said it would take hours before the cause was known.",  # "it" stands for no one
                 "The court said it would set a hearing date within three months.",  # a deadline to come
                 "The opposition said it would ask the Constitutional Court to review the law.",  # a process begun
                 # told of someone in a relative clause, it is not the sentence's claim
                 "Such a visit is not likely to please a man who has said he would never meet the rebels."):
        assert one(text) == OPEN_QUESTIONS, text


def test_a_second_steps_deadline_does_not_time_the_first():
    text = ("The government said on Friday it would not appeal the court's ruling and would delete the images "
            "of people never charged within 90 days.")
    assert one(text) != OPEN_QUESTIONS
    assert one("The government said it would delete the images within 90 days.") == OPEN_QUESTIONS


def test_what_is_not_yet_found_out_is_open():
    for text in ("Investigators have not determined what started the fire, but police were questioning a man.",
                 "It has not been established whether the two outbreaks were linked."):
        assert one(text) == OPEN_QUESTIONS, text


def test_no_date_set_is_still_open_and_a_hedge_on_a_noun_doubts_only_the_noun():
    for text in ("The Senate has not set a date for its vote on the bill.",
                 "No date has been set for the trial, a court spokesman said.",
                 "The board has not yet decided on a successor."):
        assert one(text) == OPEN_QUESTIONS, text
    # "believed to" after a noun describes the noun; the sentence's own claim is not doubted
    assert one("The treaty, signed in 2025, divides an area believed to hold large reserves of gas.") != OPEN_QUESTIONS
    assert one("The gunman is believed to have fled north.") == OPEN_QUESTIONS
    assert one("The fires are widely believed to have been set by the loggers.") == OPEN_QUESTIONS


def test_a_refusal_to_say_joined_to_a_claim_by_but_still_makes_the_claim():
    assert one("The port authority did not respond to requests for comment on Monday.") == NONE  # no claim made
    assert one("But the port authority did not comment.") == NONE  # an opening "But" joins nothing
    assert one("A police general said on Monday that suspects have been identified, but he would not "
               "reveal their names.") != NONE


def test_the_lead_reports_key_facts_and_purpose_is_a_key_fact():
    assert one("The ministers met in Kuala Lumpur on Monday to discuss trade.", position=0) == KEY_FACTS
    assert one("Officials said the talks are aimed at easing the strain on ties.") == KEY_FACTS


def test_a_feature_opening_that_reports_no_event_is_no_key_fact():
    # a soft lede: the simple present, no event, no time, no saying; the hard-news lede is the news
    for scene in ("As harbour disputes go, the current one between the port and its pilots is odd even by "
                  "maritime standards.",
                  "For some crews, a calm sea at the Cape means more than just a quiet night on deck."):
        assert one(scene, reference=None, position=0) == NONE
    for news in ("The pilots walked off the job at the port on Monday.",
                 "Port officials are intensely lobbying the pilots to return.",
                 "Port officials are now lobbying the pilots to return.",
                 "The pilots are not backing down.",
                 "The port says the pilots broke their contract.",
                 "The pilots have rejected the offer.",
                 "Three pilots died in the storm.",
                 # the present of headlines tells actions: no linking of a subject to a description
                 "Shares in the port company fall sharply as the strike spreads.",
                 "Kelso faces a default on its harbour bonds.",
                 "The port and the pilots agree to resume talks.",
                 "The rebels control most of the harbour district.",
                 # a linking verb in a clause that is not the main one ("as", "which"), or a past participle
                 "Shares in the port company fall sharply as the dollar is weak.",
                 "The rebels control the harbour, which is the largest on the coast.",
                 "The harbour deal is done."):
        assert one(news, reference=None, position=0) == KEY_FACTS, news
    # further down, the same present is a standing state, as before
    assert one("For some crews, a calm sea at the Cape means more than just a quiet night on deck.",
               reference=None, position=4) == NONE


def test_an_activity_under_way_in_the_present_perfect_progressive_is_a_key_fact():
    # told after the lead, the present is a standing state; "have been <doing>" is the story's doing
    assert one("Port officials have been urging the pilots' families to press for a deal.", reference=None) == KEY_FACTS
    assert one("Rescue crews have also been searching the flooded hills for survivors.", reference=None) == KEY_FACTS
    # not in a relative or adverbial clause: there it describes someone or sets a time
    assert one("Pilots who have been watching the talks say the port will give way.", reference=None) != KEY_FACTS
    assert one("While the case has been waiting to be heard, the rules have changed.", reference=None) != KEY_FACTS
    assert one("The port is the largest on the coast.", reference=None) == NONE  # a standing state
    # an -ing word with no object after "been" is a reading, not a doing
    for reading in ("The response from the pilots has been disappointing.",
                    "The season has been exhausting for the pilots.",
                    "Life in the port has been something of an ordeal."):
        assert one(reading, reference=None) == NONE, reading


def test_an_outcome_in_an_older_article_is_not_the_newest_outcome():
    statement = Statement("The two sides signed a memorandum on liaison officers.", 1, OCT_30, 5)
    assert classify_one(statement, NOV_1) == KEY_FACTS
    assert classify_one(statement, OCT_30) == OUTCOMES


# --- Forecasts overtaken -------------------------------------------------------------------
FORECAST = "Defence Minister Singh is set to meet his counterpart Hegseth in Malaysia on Friday to ease the strain."
AIRCRAFT = "The talks are expected to include a review of plans to purchase six patrol aircraft for the navy."
REPORT = "Singh and Hegseth met in Malaysia on Friday and signed a 10-year defence framework."


def story(*statements: tuple[str, int, dt.date | None]) -> list[Statement]:
    return [Statement(text, article, date, position) for position, (text, article, date) in enumerate(statements)]


def test_a_fronted_after_adjunct_reports_its_event_done_not_what_was_said():
    question = "It was not known where the envoy will meet President Oda, diplomats said."
    plan = "The envoy will bring the two suspects to trial in Kelso."
    later = "After meeting President Oda in a desert tent, the envoy said he would bring the two suspects to trial."
    statements = story((question, 1, OCT_30), (plan, 1, OCT_30), (later, 2, NOV_1))
    assert overtaken(statements) == {0}  # the meeting is done; the trial is still only said
    for later in ("After meeting President Oda, the envoy will travel to Tarn, aides said.",
                  "After meeting President Oda next week, the envoy said, he will fly home."):
        assert overtaken(story((question, 1, OCT_30), (later, 2, NOV_1))) == set(), later  # not done yet


def test_a_forecast_reported_done_later_is_overtaken():
    statements = story((FORECAST, 1, OCT_30), (AIRCRAFT, 1, OCT_30), (REPORT, 2, NOV_1))
    assert overtaken(statements) == {0}
    assert classify(statements) == (NONE, OPEN_QUESTIONS, OUTCOMES)


def test_a_year_that_names_what_is_voted_on_is_not_when_the_vote_is_expected():
    # "the government's 2027 budget": the budget's year; the vote is expected on Thursday, and a
    # report of the budget passed on Thursday answers the forecast
    forecast = "Norland's parliament is expected to approve the government's 2027 budget on Thursday."
    report = "Norland lawmakers passed the 2027 budget on Thursday by 109 votes to 88."
    tuesday, friday = dt.date(2026, 11, 17), dt.date(2026, 11, 20)
    assert overtaken(story((forecast, 1, tuesday), (report, 2, friday))) == {0}
    # a day in the possessive names a thing too ("Monday's ruling" is no day the appeal is due on)
    appeal = "The government said on Tuesday it would appeal Monday's court ruling on the dam."
    filed = "The government filed its appeal against the court ruling on Thursday."
    assert overtaken(story((appeal, 1, dt.date(2026, 5, 5)), (filed, 2, dt.date(2026, 5, 7)))) == {0}
    # a year the vote is expected in still dates it: a report before it answers nothing
    later = "Norland's parliament is expected to approve the new budget in 2027."
    assert overtaken(story((later, 1, tuesday), (report, 2, friday))) == frozenset()


def test_a_noun_of_the_act_is_answered_by_its_verb():
    # "a vaccination campaign is scheduled to start" / "began vaccinating residents ... on Thursday"
    forecast = "A vaccination campaign is scheduled to start on Thursday."
    report = "Health workers began vaccinating residents of Tellam on Thursday, officials said."
    tuesday, friday = dt.date(2026, 8, 4), dt.date(2026, 8, 7)
    assert overtaken(story((forecast, 1, tuesday), (report, 2, friday))) == {0}
    other = "Health workers began testing residents of Tellam on Thursday, officials said."
    assert overtaken(story((forecast, 1, tuesday), (other, 2, friday))) == frozenset()


def test_what_goes_with_a_forecast_event_is_not_what_a_report_must_repeat():
    """", with Tarn and Oda acting as guarantors" tells the circumstances of the talks, not the
    talks: a later report of the talks beginning in Kelso overtakes the forecast without them."""
    forecast = "Formal peace talks are due to begin in Kelso on Monday, with Tarn and Oda acting as guarantors."
    report = "Peace talks between the government and the rebel group began in Kelso on Monday, officials said."
    friday, monday = dt.date(2026, 7, 17), dt.date(2026, 7, 20)
    assert overtaken(story((forecast, 1, friday), (report, 2, monday))) == {0}
    other = "Fighting between the army and the rebel group went on near Tarn on Monday, officials said."
    assert overtaken(story((forecast, 1, friday), (other, 2, monday))) == frozenset()


def test_a_report_of_the_forecast_day_naming_what_it_expected_overtakes_it_in_other_words():
    # the committee was to question the governor on Wednesday; a report dates a hearing with the
    # governor to that Wednesday: the forecast is told done, though no verb of it is repeated
    monday, thursday = dt.date(2026, 11, 23), dt.date(2026, 11, 26)
    forecast = "Parliament's finance committee is expected to question Edrev on Wednesday about his plans for interest rates."
    report = ("At a hearing of parliament's finance committee on Wednesday, acting governor Ruslan Edrev declined to "
              "say whether the bank would cut rates.")
    assert overtaken(story((forecast, 1, monday), (report, 2, thursday))) == {0}
    # talks expected to conclude on a day; a report that they ended that day tells it in a verb of its event
    talks = ("The 14th round of talks is expected to conclude on Wednesday, when trade ministers from both sides "
             "will join the negotiators.")
    ended = "Trade talks between Norland and the Coast Union ended on Wednesday without agreement on beef."
    assert overtaken(story((talks, 1, monday), (ended, 2, thursday))) == {0}
    # another day, or other participants, tell another event
    for other_day in (report.replace("on Wednesday", "on Tuesday"), ended.replace("on Wednesday", "on Tuesday")):
        assert overtaken(story((forecast, 1, monday), (other_day, 2, thursday))) == frozenset()
        assert overtaken(story((talks, 1, monday), (other_day, 2, thursday))) == frozenset()
    other = "At a hearing on Wednesday, the transport committee questioned the rail operator's chief."
    assert overtaken(story((forecast, 1, monday), (other, 2, thursday))) == frozenset()


def test_a_forecast_nobody_reports_stays_an_open_question():
    statements = story((FORECAST, 1, OCT_30), ("Officials in Delhi praised the weather on Saturday.", 2, NOV_1))
    assert overtaken(statements) == frozenset()
    assert classify(statements)[0] == OPEN_QUESTIONS


def test_a_report_written_before_the_forecast_day_cannot_overtake_it():
    early = dt.date(2025, 10, 29)
    statements = story((FORECAST.replace("on Friday", "on Nov. 7"), 1, OCT_30), (REPORT, 2, early))
    assert overtaken(statements) == frozenset()
    # Nor can an article dated before the forecast's own article.
    assert overtaken(story((FORECAST, 1, NOV_1), (REPORT, 2, OCT_30))) == frozenset()


def test_without_dates_the_tense_orders_a_forecast_and_its_report():
    """A report of the event in the past tense was written after it happened, so after the
    forecast: undated articles (or one undated side) are ordered by what they tell."""
    assert overtaken(story((FORECAST, 1, OCT_30), (REPORT, 2, None))) == {0}
    assert overtaken(story((FORECAST, 1, None), (REPORT, 2, None))) == {0}
    # the forecast's own article never overtakes it, and a report of something else never does
    assert overtaken(story((FORECAST, 1, None), (REPORT, 1, None))) == frozenset()
    assert overtaken(story((FORECAST, 1, None), ("Officials in Delhi praised the weather on Saturday.", 2, None))) \
        == frozenset()


def test_a_later_forecast_is_no_report():
    statements = story((FORECAST, 1, OCT_30), ("Singh and Hegseth will meet in Malaysia on Friday.", 2, NOV_1))
    assert overtaken(statements) == frozenset()


# --- The seeds -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeds_brief() -> Brief:
    corpus, _ = load_corpus(SEEDS)
    return compose(corpus, brief_ranking(corpus), "t", dict(DEFAULT_BUDGETS))


def texts(brief: Brief, key: str) -> list[str]:
    return [item.text for s in brief.sections if s.key == key for item in s.items]


def test_seeds_outcomes_report_the_signing(seeds_brief):
    outcomes = " ".join(texts(seeds_brief, OUTCOMES))
    assert "signed a 10-year framework" in outcomes and "Kuala Lumpur" in outcomes


def test_seeds_background_keeps_the_tariff_dispute_and_the_cancelled_visit(seeds_brief):
    background = " ".join(texts(seeds_brief, BACKGROUND))
    assert "tariffs" in background and "50 percent" in background
    assert "August" in background and "cancelled" in background


def test_seeds_open_questions_list_what_is_still_open(seeds_brief):
    open_questions = " ".join(texts(seeds_brief, OPEN_QUESTIONS))
    assert "aircraft" in open_questions
    assert "bilateral visit" in open_questions


def test_a_hoped_for_agreement_is_an_open_question():
    assert one("Both leaders are hopeful that the agreement will be finalized soon.") == OPEN_QUESTIONS


def test_seeds_brief_presents_no_overtaken_forecast_as_news(seeds_brief):
    shown = [item.text for s in seeds_brief.sections for item in s.items] + [e.text for e in seeds_brief.timeline]
    assert not any(phrase in text for text in shown for phrase in ("set to meet", "scheduled to meet"))


def test_items_within_a_section_read_in_time_order(seeds_brief):
    background = texts(seeds_brief, BACKGROUND)
    august = next(i for i, t in enumerate(background) if "in August" in t)
    last_week = next(i for i, t in enumerate(background) if "last week" in t)
    assert august < last_week


# --- Page fitting with timeline entries ----------------------------------------------------
def test_keep_top_lets_timeline_entries_give_way_and_renumbers_their_citations():
    item = BriefItem("A.", (3,), 1, 5.0)
    brief = Brief(
        title="t", date=NOV_1,
        sections=(Section("outcomes", "Outcomes", (item,)),),
        sources=tuple(Source(n, f"s{n}", None, None, f"{n}.txt", None) for n in (1, 2, 3)),
        timeline=(TimelineEntry("Aug 2025", "2025-08", "B.", (1,), 1.0),
                  TimelineEntry("31 Oct 2025", "2025-10-31", "C.", (2, 3), 9.0)),
    )
    assert item_count(brief) == 3
    fitted = renumber(keep_top(brief, 2))
    assert [e.text for e in fitted.timeline] == ["C."]
    assert fitted.timeline[0].citations == (1, 2) and fitted.sections[0].items[0].citations == (2,)
    assert [s.title for s in fitted.sources] == ["s2", "s3"]


# --- The labelled set ----------------------------------------------------------------------
def load_benchmark():
    spec = importlib.util.spec_from_file_location("sections_accuracy", ROOT / "benchmarks" / "sections_accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The labelled set's DUC part lives in ../shared/eval (its records hold spans, no text), which
# tests never read: benchmarks/sections_accuracy.py scores it (tuned part and held-out part) and
# checks the cue phrases (`--cues`). Here the part in the repository, the seed story, is gated:
# measured 0.756 (131 sentences), a small margin below so a segmenter change that shifts a few
# sentences does not fail it and a regression does.
MIN_SEED_ACCURACY = 0.72


def test_classifier_accuracy_on_the_labelled_seed_story_does_not_regress():
    benchmark = load_benchmark()
    records = benchmark.load_records(eval_dir=None)
    assert len(records) >= 100 and {r["story"] for r in records} == {"seeds"}
    assert {r["label"] for r in records} <= {BACKGROUND, KEY_FACTS, OUTCOMES, OPEN_QUESTIONS, NONE}
    (tuned, count), _ = benchmark.split_accuracy(records, benchmark.predict(records))
    assert count == len(records) and tuned >= MIN_SEED_ACCURACY


def test_the_labelled_set_stores_no_evaluation_text():
    """Evaluation data is read from ../shared/eval at run time, never copied into the repository."""
    for line in (ROOT / "tests" / "data" / "sections_labelled.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            record = json.loads(line)
            assert (record["story"] == "seeds") == ("text" in record), record
            if "text" not in record:
                assert 0 <= record["start"] < record["end"] and record["split"] in ("tuned", "held_out")


# --- Readings of the language, not of one story ----------------------------------------------
@pytest.mark.parametrize("text", [
    "Rescuers were unsure of the whereabouts of the trawler and its crew.",
    "There was no word on the fate of the second ferry.",
    "The two fugitives are believed to have crossed into the neighbouring province.",
    "Some doubt remained about the timing of the merger.",
])
def test_a_hedged_claim_is_an_open_question(text):
    assert classify_one(Statement(text, 1, None, 6), None) == OPEN_QUESTIONS


def test_a_negated_saying_makes_no_claim_but_a_negated_event_is_still_one():
    silent = Statement("The ministry did not immediately respond to a request for comment.", 1, None, 6)
    assert classify_one(silent, None) == NONE
    event = Statement("The court did not order the release of the two harbour pilots.", 1, None, 6)
    assert classify_one(event, None) != NONE


def test_a_past_perfect_in_a_clause_hung_on_the_main_one_does_not_make_history():
    main = Statement("The harbour master had closed the port to all shipping.", 1, None, 0)
    assert classify_one(main, None) == BACKGROUND
    detail = Statement("The harbour master showed photographs he had taken of the flooded docks.", 1, None, 0)
    assert classify_one(detail, None) == KEY_FACTS
    # "when" ends in "en" but is no participle: "had hypothermia when ..." is a simple past
    sick = Statement("The sailor was in the water for an hour and had hypothermia when he was rescued.", 1, None, 0)
    assert classify_one(sick, None) == KEY_FACTS
    # a clause of time orders its own event ("before officials had weighed in"); a phrase of time
    # closed by its comma leaves the past perfect to the main clause
    clause = Statement("Before officials had weighed in, the mayor blamed the blast on a gas main.", 1, None, 0)
    assert classify_one(clause, None) == KEY_FACTS
    phrase = Statement("Before the vote, the harbour board had closed the port.", 1, None, 0)
    assert classify_one(phrase, None) == BACKGROUND


def test_words_that_name_an_event_do_not_place_it_before_the_story():
    lead = Statement("Police on Wednesday arrested a general who was accused of ordering the shelling.", 1, None, 0)
    assert classify_one(lead, None) == KEY_FACTS


def test_a_forecast_is_overtaken_by_a_later_report_of_what_it_was_for():
    forecast = Statement("The 120-member assembly is expected to meet Thursday to elect Haddad, diplomats said.",
                         1, OCT_30, 3)
    report = Statement("Lawmakers elected Haddad president of Veloria on Thursday.", 2, NOV_1, 0)
    assert overtaken([forecast, report]) == frozenset({0})
    unrelated = Statement("Lawmakers approved the budget on Thursday.", 2, NOV_1, 0)
    assert overtaken([forecast, unrelated]) == frozenset()


def test_a_forecast_whose_clause_of_time_is_reported_done_is_overtaken():
    """"When" the same time, "before" a later one: once that clause's event is reported done,
    the forecast's time has passed. Not "after": what comes after may still be to come."""
    wait = Statement("The federation's deputy head said it would wait until after next week's meeting before "
                     "deciding to cancel the spring tour.", 1, None, 3)
    cancelled = Statement("The federation on Tuesday cancelled the first three weeks of the spring tour.", 2, None, 0)
    assert overtaken([wait, cancelled]) == frozenset({0})
    era = Statement("A new era will begin Friday, when the assembly elects a new governor.", 1, OCT_30, 4)
    elected = Statement("Lawmakers elected Haddad governor of Veloria on Friday.", 2, NOV_1, 0)
    assert overtaken([era, elected]) == frozenset({0})
    meet = Statement("The assembly will meet Friday after the governor signs the amendment.", 1, OCT_30, 4)
    signed = Statement("The governor signed the amendment on Thursday.", 2, NOV_1, 0)
    assert overtaken([meet, signed]) == frozenset()
    # a clause that times a noun's event inside a relative clause is not the forecast's time
    cite = Statement("Marek will cite an opinion that sets a higher bar for the state when it alleges fraud.",
                     1, None, 4)
    alleged = Statement("The state alleged fraud by the port authority.", 2, None, 0)
    assert overtaken([cite, alleged]) == frozenset()
    # nor one after an attribution (it times the saying), nor a clause in the past, nor "before"
    # as a preposition
    for forecast, report in (
            ("The minister will resign, aides said when announcing the reshuffle.",
             "The prime minister announced a cabinet reshuffle on Monday."),
            ("Voters will elect a parliament for the first time since 1991, when Kelso sent troops into the province.",
             "Kelso sent troops into the province in 1991."),
            ("The appeal will go before federal judges in Tarn.", "Federal judges in Tarn dismissed a similar suit.")):
        assert overtaken([Statement(forecast, 1, None, 4), Statement(report, 2, None, 0)]) == frozenset(), forecast
    # a verb of saying in the passive attributes nothing: its clause of time is the forecast's
    for passive in ("One more name will be added to the roll when the assembly elects a new governor.",
                    "One more name will be formally added to the roll when the assembly elects a new governor."):
        assert overtaken([Statement(passive, 1, OCT_30, 4), elected]) == frozenset({0}), passive
    # an impersonal passive attributes: its clause of time times the saying
    said = Statement("The minister will resign, it is said, when the assembly elects a new governor.", 1, OCT_30, 4)
    assert overtaken([said, elected]) == frozenset()


def test_the_event_verbs_past_forms_name_their_event():
    # "named" is a past of "name", of the event "announce" (event_verbs.txt), though the stemmer
    # makes "nam" of it and "name" of the verb
    from briefer.analysis.sections import _told_classes
    assert "announc" in _told_classes("Poet Ana Ruiz was named the winner of the Kelso Poetry Prize.")
    assert "rule" in _told_classes("The court ruled on the appeal.")



def test_a_winner_announced_is_told_by_the_prize_awarded():
    # announcing a prize's winner and awarding the prize are one step
    forecast = Statement("The next chapter will be written Thursday, when the Kelso Academy announces this "
                         "year's winner of the poetry prize.", 1, None, 3)
    awarded = Statement("Ana Ruiz was awarded this year's poetry prize on Thursday by the Kelso Academy.", 2, None, 0)
    assert overtaken([forecast, awarded]) == frozenset({0})


def test_a_habit_or_a_long_history_told_after_the_lead_is_background():
    for text in ("The senator has repeatedly been nominated for the award for his work on refugees.",
                 "The federation eventually resigned its seat on the council.",
                 "Winners of the prize often profess surprise on learning of the honour."):
        assert classify_one(Statement(text, 1, None, 8), None) == BACKGROUND, text


def test_a_repetition_on_a_day_of_the_story_is_one_of_its_events():
    text = "In a speech on state radio Thursday, the governor repeatedly called the senator a liar."
    for date in (None, dt.date(2025, 3, 14)):
        assert classify_one(Statement(text, 1, date, 8), date) == KEY_FACTS, date
    # a day years before is history still
    text = "In a speech on state radio in 1998, the governor repeatedly called the senator a liar."
    assert classify_one(Statement(text, 1, dt.date(2025, 3, 14), 8), dt.date(2025, 3, 14)) == BACKGROUND


def test_a_sentence_inside_a_quotation_running_over_sentences_is_the_speakers_voice(tmp_path):
    from briefer.analysis.sections import statements_of
    from briefer.analysis.timeline import article_dates
    from briefer.commands.build import load_corpus

    (tmp_path / "a.txt").write_text(
        "---\ndate: 2016-03-15\n---\nGovernor speaks in Kelso\n\n"
        "The governor of Kelso spoke to supporters on Tuesday night.\n\n"
        '"We are now up 400,000 jobs. Not the ill, the addicted, the working poor. We leave no one behind.\n\n'
        '"Nobody, sir, has ever been made like you before, and no one will ever be like you again."\n', encoding="utf-8")
    corpus, _ = load_corpus(tmp_path)
    statements = statements_of(corpus, article_dates(corpus))
    inside = {s.text for s in statements if s.in_quotation}
    assert inside == {"Not the ill, the addicted, the working poor.", "We leave no one behind."}
    assert all(classify_one(s, None) == NONE for s in statements if s.in_quotation)
    # a mark left open for longer than any quotation runs is a stray one
    from briefer.language.quotations import open_quotation_at
    text = '"The ferry left. ' + "The crew sailed on. " * 70 + "The port closed."
    assert open_quotation_at(text, text.index("The crew")) and not open_quotation_at(text, text.index("The port"))


def test_a_question_states_nothing():
    for text in ("If the governor were a woman, would you still vote for her?", "Who runs the port today?",
                 "So why do we tolerate it from this man?"):
        assert classify_one(Statement(text, 1, None, 5), None) == NONE, text
    # a question quoted inside a statement is the statement's
    text = 'The senator asked the minister on Friday: "Why were the ferries not inspected?"'
    assert classify_one(Statement(text, 1, None, 5), None) != NONE


def test_a_saying_off_the_lead_with_no_earlier_time_is_one_of_the_storys_facts():
    for text in ("The mayor also said there had been no specific threats against the city.",
                 "Officials who attended the meeting said the talks had collapsed.",
                 "The talks collapsed over the border issue, officials said.",
                 "In a video posted online, she criticized Ortiz and challenged him to a debate."):
        for date in (None, dt.date(2016, 9, 17)):
            assert classify_one(Statement(text, 1, date, 9), date) == KEY_FACTS, (text, date)
    # an earlier saying is history; a saying in a relative clause is the noun's
    assert classify_one(Statement("The mayor said in 1998 that the port would close.", 1, None, 9), None) == BACKGROUND
    for text in ("Ortiz, who told reporters she was tired, left the meeting early.",
                 "Kelso has said it is being unfairly targeted by the port authority.",
                 "Prime minister Ines Ortiz called the election after her coalition collapsed.",
                 "The fighting in the northern hills continued for hours.", "Ortiz was widely praised as a peacemaker."):
        assert classify_one(Statement(text, 1, None, 9), None) == BACKGROUND, text


def test_a_claim_said_to_be_unconfirmed_is_open_and_a_refusal_to_confirm_is_no_claim():
    for text in ("Rebels said they had shot down the plane, a claim that could not be independently verified.",
                 "Officials in Kelso said the dam had held, but that has not yet been confirmed by the ministry.",
                 "The army said the port had fallen; the claim wasn't confirmed.", "The report hasn't been confirmed."):
        assert classify_one(Statement(text, 1, None, 6), None) == OPEN_QUESTIONS, text
    # a confirmation that came later is no open question
    text = "The envoy was not confirmed until 2009, after a long fight in the assembly."
    assert classify_one(Statement(text, 1, None, 6), None) != OPEN_QUESTIONS
    assert classify_one(Statement("The ministry did not confirm the report.", 1, None, 6), None) == NONE


def test_what_is_still_to_be_done_or_known_is_open():
    """"have yet to establish", "has not yet been determined", "still have to approve": the
    sources say it is not settled; a step done is not."""
    for text in ("Investigators have yet to establish what caused the fire at the Kesh depot.",
                 "The cause of the explosion has not yet been officially determined.",
                 "Union members still have to approve the agreement in a ballot.",
                 "The regional audit office must still approve the port budget."):
        assert classify_one(Statement(text, 1, dt.date(2026, 3, 3), 5), dt.date(2026, 3, 3)) == OPEN_QUESTIONS, text
    done = "Union members approved the agreement in a ballot on Monday."
    assert classify_one(Statement(done, 1, dt.date(2026, 3, 3), 5), dt.date(2026, 3, 3)) != OPEN_QUESTIONS


def test_a_comparison_with_a_year_before_is_no_history():
    text = "The rise left port fees 3.8 percent higher than a year earlier."
    assert classify_one(Statement(text, 1, dt.date(2025, 3, 14), 0), dt.date(2025, 3, 14)) != BACKGROUND
    text = "Port fees rose to $10.8 million from $9.5 million a year ago, the ferry line said on Friday."
    assert classify_one(Statement(text, 1, dt.date(2025, 3, 14), 0), dt.date(2025, 3, 14)) != BACKGROUND


def test_an_appositive_does_not_hide_a_past_perfect():
    text = "Marek, a 21-year-old student from Kelso, had dreamed of working for the coastguard."
    assert classify_one(Statement(text, 1, None, 6), None) == BACKGROUND


def test_what_a_forecast_is_for_ends_at_its_clause_and_a_weekday_is_no_part_of_it():
    from briefer.analysis.sections import forecast_events

    text = "The assembly is expected to meet Thursday to elect Haddad after the governor signs the amendment."
    # with no participant after its verb, the subject is who must be reported meeting (dated only)
    assert forecast_events(text) == [("meet", {"meet", "assembli"}), ("elect", {"elect", "haddad"})]
    assert forecast_events(text, dated=False) == [("meet", {"meet"}), ("elect", {"elect", "haddad"})]


def test_in_an_undated_article_a_year_of_something_else_does_not_make_the_lead_history():
    lead = Statement("The tribunal on Monday acquitted a commander of crimes against prisoners in 1992, but "
                     "convicted three of his guards.", 1, None, 0)
    assert classify_one(lead, None) == KEY_FACTS
    history = Statement("In 1990, the first free elections revived old land disputes in the province.", 1, None, 7)
    assert classify_one(history, None) == BACKGROUND


def test_a_background_cue_of_a_relative_clause_or_of_motion_does_not_date_the_sentence():
    # leads: the story's own events unless something dates them earlier
    shot = Statement("Police said two men followed Marek and his aide into the building and shot them.", 1, None, 0)
    assert classify_one(shot, None) == KEY_FACTS
    welcome = Statement("Hundreds gathered at the airport to welcome Haddad, who was cleared of the charges earlier "
                        "this week.", 1, None, 1)
    assert classify_one(welcome, None) == KEY_FACTS
    sequence = Statement("The downturn followed the minister's decision to double the port fees.", 1, None, 6)
    assert classify_one(sequence, None) == BACKGROUND


def test_a_gap_of_hours_or_a_fronted_following_orders_moments_of_the_story_not_its_history():
    # a gap of a day or less before "earlier" orders two moments of the story's days (a lead's
    # sentence is the story's own event unless something dates it earlier)
    for text in ("The mayor's apology overshadowed an attack she made just seconds earlier on the port board.",
                 "Hours earlier, rescuers pulled two fishermen from the harbour in Kelso.",
                 "The ferry union, which had struck a day earlier, returned to work in Kelso."):
        assert classify_one(Statement(text, 1, None, 0), None) == KEY_FACTS, text
    # a fronted "Following ...," is a time adjunct like "After ...,": the news follows it
    text = "Following the first reports of the blast, the mayor said at a rally that the port was safe."
    assert classify_one(Statement(text, 1, None, 0), None) == KEY_FACTS
    # a longer gap, or "following" inside the sentence, still tells what came before the story
    for text in ("Years earlier, the ferry line had carried grain to Kelso.",
                 "Weeks earlier, the council slashed the harbour budget.",
                 "The port cut its fees following new sanctions on the shipping line."):
        assert classify_one(Statement(text, 1, None, 0), None) == BACKGROUND, text


def test_what_a_constitution_a_law_or_a_will_requires_is_background_however_modal():
    for text in ("According to the constitution, a new president must appoint the prime minister by decree.",
                 "By the terms of the founder's will, the prize should go to the most idealistic work.",
                 "Under a formula agreed after the war, the speaker is always chosen from the north."):
        assert classify_one(Statement(text, 1, None, 5), None) == BACKGROUND, text


def test_a_past_perfect_after_a_pronoun_subject_is_still_the_main_verb():
    from briefer.analysis.sections import _past_perfect

    assert _past_perfect("In March she had resigned from the board.")
    assert _past_perfect("But he had already resigned by then.")
    assert not _past_perfect("Officials had seven children.")  # "seven" is no participle


def test_only_a_verb_of_knowing_or_telling_makes_a_negation_an_open_question():
    from briefer.analysis.sections import _unanswered

    assert _unanswered("It was not immediately clear why the talks failed.")
    assert _unanswered("Officials did not say how many people were hurt.")
    assert not _unanswered("The minister was not at home when the bomb exploded on Friday.")
    assert not _unanswered("Police did not arrest anyone who was at the scene.")


def test_a_hedge_word_in_passing_or_denied_is_no_open_question():
    for text in ("Unknown gunmen killed five villagers near Kelso on Friday.",
                 "There is no doubt that the vote was rigged, the monitors said on Friday."):
        assert classify_one(Statement(text, 1, None, 0), None) != OPEN_QUESTIONS, text
    assert classify_one(Statement("The fate of the second ferry remains unknown.", 1, None, 4), None) == OPEN_QUESTIONS


def test_an_act_done_under_a_law_is_no_standing_rule():
    act = Statement("Under the law, the president signed the port bill on Friday.", 1, None, 0)
    assert classify_one(act, None) != BACKGROUND


def test_an_undated_report_that_dates_its_event_earlier_does_not_overtake_a_forecast():
    forecast = ("Haddad and Marek will meet in Geneva next month to discuss the port treaty.", 1, OCT_30)
    assert overtaken(story(forecast, ("Haddad and Marek met in Geneva in 1994 to discuss the port treaty.", 2, None))) \
        == frozenset()
    assert overtaken(story(forecast, ("Haddad and Marek met in Geneva to discuss the port treaty.", 2, None))) == {0}


def test_followed_is_motion_only_with_a_person_after_it():
    from briefer.analysis.sections import _earlier_cue

    assert not _earlier_cue("Two men followed Marek and his aide into the building.")
    assert _earlier_cue("The strike followed NATO airstrikes on the city.")
    assert _earlier_cue("The protest followed Israeli airstrikes on the port.")


def test_a_forecast_answered_in_other_words_is_overtaken():
    forecast = ("The regatta is expected to attract more than 300 yachts from 20 nations.", 1, OCT_30)
    report = ("The regatta opened with 240 yachts from 18 nations racing in light winds.", 2, NOV_1)
    assert overtaken(story(forecast, report)) == {0}
    unrelated = ("The regatta opened in light winds off Kelso.", 2, NOV_1)
    assert overtaken(story(forecast, unrelated)) == frozenset()


def test_a_report_must_state_the_event_in_one_sentence_not_scattered_over_an_article():
    forecast = Statement("The rebels said they would open a road to the copper mines of Kasai.", 1, None, 3)
    scattered = [Statement("Government troops opened fire near the airport.", 2, None, 4),
                 Statement("Miners in Kasai were evacuated last year.", 2, None, 5),
                 Statement("A convoy used the old road to the mines.", 2, None, 6)]
    assert overtaken([forecast, *scattered]) == frozenset()
    reported = Statement("The rebels opened the road to the copper mines of Kasai.", 2, None, 7)
    assert overtaken([forecast, *scattered, reported]) == frozenset({0})


def test_verbs_that_tell_one_event_answer_a_forecast_in_other_words():
    forecast = Statement("The inquiry will release its final report on the harbour fire on Thursday.", 1, None, 3)
    unveiled = Statement("The inquiry unveiled its final report on the harbour fire, blaming the port owners.", 2, None, 0)
    assert overtaken([forecast, unveiled]) == frozenset({0})
    # a passive forecast expects something done to its subject: the subject must be reported
    games = Statement("The Pacific Youth Games will be held in Suva from July 3 to 9.", 1, None, 4)
    opened = Statement("The Pacific Youth Games opened in Suva with 3,000 athletes.", 2, None, 0)
    other = Statement("The regional trade fair opened in Suva.", 2, None, 1)
    assert overtaken([games, other]) == frozenset()
    assert overtaken([games, other, opened]) == frozenset({0})


@pytest.mark.parametrize("text", [
    "In his 1921 will, the shipowner left the fleet to the city and said the harbour should stay public.",
    "The mayor's will, read in court, gave the estate to a charity.",
    "The political will was lacking after the flood.",
])
def test_the_noun_will_is_no_forecast(text):
    assert main_tense(text) != FUTURE


def test_a_month_named_may_is_no_forecast_but_a_modal_is():
    assert main_tense("In May, the ferry company cut 300 jobs.") != FUTURE
    assert main_tense("The ferry company may cut 300 jobs.") == FUTURE
    assert main_tense("Will the ferry company cut more jobs?") == FUTURE


def test_a_hedge_word_before_its_noun_describes_a_thing_and_doubts_no_claim():
    described = "When the founder wrote the charter, he chose an unclear word and crossed out a line."
    assert classify_one(Statement(described, 1, None, 6), None) != OPEN_QUESTIONS
    assert classify_one(Statement("It is unclear whether the ferry will sail.", 1, None, 6), None) == OPEN_QUESTIONS


def test_a_doubt_given_as_the_reason_for_an_act_doubts_no_claim():
    for text in ("The court rejected the extradition request on Tuesday, citing doubts about the evidence.",
                 "The minister resigned amid growing doubts over his university degree.",
                 "The board delayed the vote because of doubts about the bidder's finances."):
        assert classify_one(Statement(text, 1, None, 0), None) != OPEN_QUESTIONS, text
    for text in ("Doubts remain over whether the ferry will sail on Friday.",
                 "Officials expressed doubts that the deal would survive the vote.",
                 "There is doubt over the bidder's finances."):
        assert classify_one(Statement(text, 1, None, 0), None) == OPEN_QUESTIONS, text


def test_a_hedge_inside_a_relative_clause_doubts_only_that_clause():
    for text in ("The deputy mayor is under investigation for payments he allegedly took from a builder.",
                 "Police on Monday arrested a driver who reportedly fled the scene of the crash."):
        assert classify_one(Statement(text, 1, None, 0), None) != OPEN_QUESTIONS, text
    for text in ("The deputy mayor allegedly took payments from a builder.",
                 "Prosecutors said he allegedly took payments from a builder."):
        assert classify_one(Statement(text, 1, None, 0), None) == OPEN_QUESTIONS, text


def test_a_position_stated_before_the_story_is_background_not_a_forecast():
    earlier = Statement("Norland said last year that ties would only be restored when the two killings were solved.",
                        1, None, 6)
    assert classify_one(earlier, None) == BACKGROUND
    dated = Statement("In 1995 the ministry said the bridge would open within five years.", 1, None, 6)
    assert classify_one(dated, None) == BACKGROUND
    current = Statement("Officials said the bridge would open next spring.", 1, None, 6)
    assert classify_one(current, None) == OPEN_QUESTIONS


@pytest.mark.parametrize("text", [
    "The sloop Tern was narrowly ahead of last year's winner, Kestrel.",  # the time of a noun
    "The talks aim to ease recent tensions over the fishing quota.",  # "recent" describes a noun
    "The visit is the first meeting of the two premiers since the border war.",  # a record, not a time
    "Colonel Ruiz is the highest-ranking officer to be charged so far.",
])
def test_a_time_word_that_qualifies_a_noun_or_a_record_does_not_make_history(text):
    assert classify_one(Statement(text, 1, None, 0), None) != BACKGROUND


def test_a_time_word_that_places_the_event_still_makes_history():
    for text in ("In recent years the port has handled less grain.", "Since the border war, the two premiers have not met.",
                 "Last year's harvest failed, and the ferry line was closed last year."):
        assert classify_one(Statement(text, 1, None, 5), None) == BACKGROUND, text


def test_a_verb_after_to_or_a_modal_reports_nothing_done():
    forecast = Statement("The board said it would probably make an endorsement by Friday.", 1, None, 3)
    purpose = Statement("The senator met the board last week to make one last pitch for the endorsement.", 2, None, 4)
    hope = Statement("Aides said they were hoping the board would make no endorsement at all.", 2, None, 5)
    assert overtaken([forecast, purpose, hope]) == frozenset()
    done = Statement("The board made its endorsement on Friday, backing the senator.", 2, None, 6)
    assert overtaken([forecast, purpose, hope, done]) == frozenset({0})
    # "in swinging voters to Ortiz" is no purpose: a name after "to" is not a verb
    swing = Statement("An endorsement could prove important in swinging voters to Ortiz in a tight race.", 1, None, 3)
    race = Statement("Ortiz was in a tight race last year.", 2, None, 4)
    assert overtaken([swing, race]) == frozenset()


def test_a_relative_clause_set_off_by_commas_does_not_give_the_sentence_its_tense():
    assert main_tense("For the mayor, who has courted the unions, the vote would be a triumph.") == FUTURE


def test_an_earlier_years_event_is_no_repeat_of_the_news_in_like_words():
    from briefer.analysis.sections import assign_sections

    day = dt.date(2026, 10, 5)
    statements = [Statement("About 38,000 teachers in Velde province went on strike on Monday.", 1, day, 0),
                  Statement("Teachers last struck in the province in 2016, for three weeks.", 1, day, 6)]
    chosen = assign_sections(statements, (KEY_FACTS, BACKGROUND), (0, 1), (1.0, 0.5), {KEY_FACTS: 2, BACKGROUND: 2})
    assert chosen[BACKGROUND] == [1]
    again = [statements[0], Statement("About 38,000 teachers in the province went on strike.", 2, day, 3)]
    assert assign_sections(again, (KEY_FACTS, BACKGROUND), (0, 1), (1.0, 0.5),
                           {KEY_FACTS: 2, BACKGROUND: 2})[BACKGROUND] == []  # a plain repeat still gives way


def test_a_section_takes_lines_its_words_place_before_lines_placed_by_inference():
    from briefer.analysis.sections import WEAK_REASONS, assign_sections, decide_all

    statements = story(("The port of Kelso will reopen next month, the harbour board said.", 1, None),
                       ("It remains unclear whether the ferry line will resume.", 1, None))
    decided = decide_all(statements)
    assert [label for label, _ in decided] == [OPEN_QUESTIONS, OPEN_QUESTIONS]
    weak = frozenset(i for i, (_, reason) in enumerate(decided) if reason in WEAK_REASONS)
    assert weak == {0}  # a bare forecast, placed by its tense; the other states its doubt
    labels = tuple(label for label, _ in decided)
    # ranked first, the forecast gives way to the stated doubt when the section has one place
    assert assign_sections(statements, labels, (0, 1), (1.0, 0.5), {OPEN_QUESTIONS: 1}, weak)[OPEN_QUESTIONS] == [1]
    assert assign_sections(statements, labels, (0, 1), (1.0, 0.5), {OPEN_QUESTIONS: 1}, frozenset())[OPEN_QUESTIONS] == [0]


def test_a_done_saying_in_the_present_perfect_is_no_forecast():
    for text in ("Organizers have dismissed reports that the stadium would not be ready in time.",
                 "The harbour board has warned skippers that they should not sail after dark."):
        assert main_tense(text) != FUTURE, text
    assert main_tense("The company has decided to close the plant and will cut 300 jobs.") == FUTURE


def test_what_a_forecast_expects_ends_before_a_that_clause():
    forecast = Statement("The inquiry will issue a report that finds the port owners share the blame for the fire.",
                         1, None, 3)
    issued = Statement("The inquiry issued its report on the harbour fire on Thursday.", 2, None, 0)
    assert overtaken([forecast, issued]) == frozenset({0})


def test_a_past_perfect_dated_to_a_day_of_the_story_is_its_event():
    told = Statement("On Saturday, the inspector had said the ferry operators had bribed port officials.", 1, None, 6)
    assert classify_one(told, None) == KEY_FACTS
    assert classify_one(Statement("The inspector had said the operators bribed officials.", 1, None, 6), None) == BACKGROUND


def test_years_that_name_a_thing_do_not_date_the_sentence():
    from briefer.analysis.timeline import main_event_date

    assert main_event_date("The inspector alleged bribes in the bids for the games of 1996, 1998 and 2000.", None) is None
    assert main_event_date("In 1996 the inspector alleged bribes in the bids.", None) is not None


def test_a_schedule_of_announcements_is_no_decision():
    schedule = Statement("The winner of the ferry prize will be announced Oct. 12, the runners-up on Oct. 13.", 1, None, 6)
    assert classify_one(schedule, None) != OUTCOMES


def test_a_dated_report_is_history_by_its_own_events_date_not_by_any_date_it_mentions():
    freed = Statement("A ferry captain who was kidnapped more than ten months ago was set free Saturday in Kelso.",
                      1, NOV_1, 0)
    assert classify_one(freed, NOV_1) != BACKGROUND
    cleared = Statement("The captain was cleared Friday of charges of smuggling committed in 1992.", 1, NOV_1, 3)
    assert classify_one(cleared, NOV_1) != BACKGROUND
    old = Statement("The captain was first arrested in 1992.", 1, NOV_1, 3)
    assert classify_one(old, NOV_1) == BACKGROUND


def test_a_day_without_its_year_beside_a_past_verb_is_the_nearest_within_half_a_year():
    from briefer.language.annotate import annotate

    note = annotate("The nations launching the euro on Jan. 1 cut their rates on Thursday.", dt.date(1998, 10, 6))
    assert dt.date(1999, 1, 1) in [m.value for m in note.dates]
    note = annotate("The aid worker was seized by masked gunmen on Aug. 29.", dt.date(1998, 10, 2))
    assert [m.value for m in note.dates] == [dt.date(1998, 8, 29)]


def test_a_date_in_the_subjects_relative_clause_is_not_the_main_events():
    from briefer.analysis.timeline import main_event_date

    assert main_event_date("The ferry, which sank in 1994, was raised.", NOV_1) is None
    freed = main_event_date("A captain who was kidnapped ten months ago was set free Saturday in Kelso.", NOV_1)
    assert freed is not None and freed.value.weekday() == 5
    assert main_event_date("The ferry sank in 1994.", NOV_1) is not None


def test_a_season_is_a_date_to_order_and_to_date_history_by():
    from briefer.language.annotate import annotate

    (spring,) = annotate("The banker was named this spring to head the new fund.", dt.date(1998, 10, 5)).dates
    assert (spring.first_day, spring.last_day, spring.label) == (dt.date(1998, 3, 1), dt.date(1998, 5, 31), "spring 1998")
    (winter,) = annotate("Snow closed the pass last winter.", dt.date(1998, 10, 5)).dates
    assert (winter.first_day, winter.last_day) == (dt.date(1997, 12, 1), dt.date(1998, 2, 28))
    named = Statement("The banker was named this spring to head the new fund.", 1, dt.date(1998, 10, 5), 3)
    assert classify_one(named, dt.date(1998, 10, 5)) == BACKGROUND


def test_a_year_after_in_the_dates_the_event_a_year_naming_a_thing_does_not():
    from briefer.analysis.timeline import main_event_date

    assert main_event_date("The union endorsed Mayor Ortiz over Ines Varga in the 1996 Kelso mayoral race.", NOV_1)
    assert main_event_date("He led the 1982 invasion of the islands.", NOV_1) is None


def test_review_cases_keep_their_readings():
    from briefer.analysis.timeline import main_event_date
    from briefer.language.annotate import annotate

    # "since" after a bound or a name is still a time; "1997 will" is still a forecast
    assert classify_one(Statement("At least 50 people have been killed since the rebels took Kelso.", 1, None, 5),
                        None) == BACKGROUND
    assert main_tense("Spending in 1997 will rise sharply.") == FUTURE
    assert main_tense("Will Carling led England to victory.") != FUTURE
    # a weekday of the reporting does not date what was said to have happened before
    told = Statement("The rebels had seized the town before the talks opened, officials said Saturday.", 1, None, 6)
    assert classify_one(told, None) == BACKGROUND
    # the date after a relative clause that has closed is the main event's
    assert main_event_date("The man who shot the officer was arrested Saturday and is being held.", NOV_1)
    assert main_event_date("On the night of Oct. 5, gunmen attacked the village.", NOV_1)
    # this winter, in January, began last December
    (winter,) = annotate("Heavy snow fell this winter.", dt.date(1997, 1, 20)).dates
    assert winter.first_day == dt.date(1996, 12, 1)
    # a forecast of a release is not answered by a statement issued about the same people
    forecast = Statement("The rebels will release the hostages on Friday.", 1, None, 3)
    assert overtaken([forecast, Statement("The rebels issued a statement about the hostages.", 2, None, 0)]) == set()
    assert overtaken([forecast, Statement("The rebels released the hostages.", 2, None, 0)]) == {0}


def test_another_verb_of_the_event_answers_a_forecast_when_it_takes_the_same_object():
    forecast = Statement("The inquiry will issue a report that finds the port owners share the blame.", 1, None, 3)
    unveiled = Statement("After two years of hearings, the inquiry last week unveiled a 3,500-page report naming dozens.",
                         2, None, 0)
    assert overtaken([forecast, unveiled]) == {0}
    about = Statement("After two years of hearings, the inquiry last week published photographs of the report's authors.",
                      2, None, 0)
    assert overtaken([forecast, about]) == set()


def test_a_date_in_a_relative_clause_set_off_by_dashes_is_not_the_main_events():
    from briefer.analysis.timeline import main_event_date

    text = ("Ortiz _ who became party leader last year and will likely run for mayor in 1999 _ took a hard line "
            "Saturday against the report.")
    told = main_event_date(text, NOV_1)
    assert told is not None and told.text == "Saturday"
    assert classify_one(Statement(text, 1, None, 6), None) != BACKGROUND


def test_a_possessive_time_names_a_thing_unless_it_is_the_occasion():
    from briefer.analysis.timeline import main_event_date

    assert main_event_date("The sloop was narrowly ahead of last year's winner.", NOV_1) is None
    assert main_event_date("The party won 64 seats in July's national election.", NOV_1) is not None


@pytest.mark.parametrize("text", [
    "The harbour master said he was expecting fresh shipments of fuel to reach the island.",
    "Union leaders said they are hoping the board will accept the offer.",
    "They also raised the possibility that the council would reject both plans.",
    # "is expected" with no "to": the thing itself is awaited, at the time that follows
    "A preliminary report is expected within 30 days.",
    "A verdict is expected on Friday.",
    "The final payment is due by June.",
])
def test_an_awaited_event_is_an_open_question(text):
    # a progressive of anticipation, a possibility raised, or a thing awaited states what has not happened yet
    assert main_tense(text) == FUTURE
    assert one(text, None) == OPEN_QUESTIONS


def test_a_soft_forecast_is_judged_by_the_forecasts_own_verb():
    # "remain" elsewhere in the sentence does not make an awaited vote a forecast of emphasis
    assert one("The committee would endorse the plan, or remain neutral.", None) == OPEN_QUESTIONS
    assert one("The summit will focus on regional security.", None) == NONE


def test_a_forecast_of_what_an_event_would_signify_is_a_reading_not_news():
    # what the accord would represent, mark or signal: a reading, no event anyone awaits
    for text in ("For the governor, the accord would represent a crowning achievement.",
                 "The visit will mark the first meeting of the two ministers in a decade.",
                 "The arrest would send a clear message to the other suspects.",
                 "An endorsement would signify a shift among the party's voters."):
        assert one(text, None) == NONE, text
    # a day or a date makes a signifying verb an act awaited
    for text in ("Veterans will mark the anniversary with a march through Kelso on Sunday.",
                 "The central bank is expected to signal a rate cut at its meeting next week.",
                 "Public defenders will represent the families at the hearing in March.",
                 "The mayor will send a message to the council on Monday outlining her budget."):
        assert one(text, None) == OPEN_QUESTIONS, text
    # one forecast of an act keeps the sentence awaited, signifying before or after it
    assert one("The accord would weaken the opposition and would signify a shift.", None) == OPEN_QUESTIONS
    assert one("The appointment would signal a shift and could strain relations.", None) == OPEN_QUESTIONS
    assert one("The council will send inspectors to the port.", None) == OPEN_QUESTIONS


def test_the_purpose_of_a_forecast_is_answered_by_its_own_verb_only():
    forecast = Statement("The commander said fuel convoys would reach the front soon to bolster the rebel offensive.",
                         1, None, 3)
    other = Statement("The rebels launched an offensive in the south.", 2, None, 0)
    assert overtaken([forecast, other]) == set()
    bolstered = Statement("Fuel convoys bolstered the rebel offensive in the south.", 2, None, 0)
    assert overtaken([forecast, bolstered]) == {0}


def test_a_time_counted_back_from_an_undated_article_places_its_step_in_the_story():
    # "last week" is within the story's days, whenever the article was written; "in July" may not be
    assert one("The candidate met privately with the union's leaders last week to seek their support.",
               ) == KEY_FACTS
    assert one("The candidate met privately with the union's leaders in July to seek their support.",
               None) != KEY_FACTS
    assert one("Last month, the candidate met privately with the union's leaders to seek their support.",
               None) != KEY_FACTS
    assert one("The first task when the two sides get together next week is to wrap up talks coupled with guarantees.",
               None) != KEY_FACTS


def test_a_relative_time_is_not_part_of_what_a_forecast_expects():
    # "next month" is when the meeting is expected, not a word a report of it must repeat
    forecast = Statement("Haddad and Marek will meet in Geneva next month.", 1, None, 3)
    assert overtaken([forecast, Statement("Haddad and Marek met in Geneva.", 2, None, 0)]) == {0}


def test_an_adjective_in_ed_tells_no_past():
    # "the most feared company ... presents": a description, not a reported step
    assert main_tense("Kelso Freight, today the most feared firm in the port, presents a large target.") != "past"
    assert main_tense("The newly elected council approved the plan.") == "past"


def test_an_ed_word_after_a_preposition_is_no_finite_verb():
    # "citing stalled talks", "over armed raids": the word modifies the noun after it; the saying's
    # "would" is the sentence's own verb
    assert main_tense("Citing stalled talks with the union, ferry officials said they would decide next week "
                      "whether to close the Kelso route.") == "future"
    assert main_tense("Angry over armed raids on the port, dockers will strike on Monday.") == "future"
    assert main_tense("Talks with armed groups stalled on Monday.") == "past"


def test_a_forecast_in_a_fronted_participial_phrase_is_not_the_sentences():
    # the phrase sets the scene; the forecast the main clause makes is the one a later report answers
    forecast = Statement("Noting that repairs would take a month, the ferry board said it would decide within "
                         "days whether to close the Kelso route.", 1, None, 4)
    report = Statement("The ferry board closed the Kelso route on Tuesday.", 2, None, 0)
    assert overtaken([forecast, report]) == {0}
    unrelated = Statement("Repairs took a month.", 2, None, 0)
    assert overtaken([forecast, unrelated]) == frozenset()


def test_a_decision_told_by_an_older_report_is_a_step_not_the_outcome():
    text = "Port officials announced that ferries will not be allowed to sail until the inquiry ends."
    older = Statement(text, 1, OCT_30, 4)
    assert classify_one(older, NOV_1) == KEY_FACTS
    assert classify_one(Statement(text, 2, NOV_1, 4), NOV_1) == OUTCOMES


def test_a_story_reported_on_one_day_leads_with_its_news_as_key_facts():
    # A single report (or a day's rewrites of one) has no older reporting its lead could have come
    # out of: the lead is the story's central event. With an older report beside it, the newest
    # report's own news is what the story came to.
    lead = "A harbour pilot who planned to run for mayor was killed Friday in Kelso, police said."
    older = "The harbour pilot said he would run for mayor of Kelso."
    assert classify(story((lead, 1, NOV_1))) == (KEY_FACTS,)
    assert classify(story((lead, 1, NOV_1), (lead.replace("harbour", "port"), 2, NOV_1))) == (KEY_FACTS, KEY_FACTS)
    assert classify(story((older, 1, OCT_30), (lead, 2, NOV_1)))[1] == OUTCOMES


def test_a_lead_an_older_report_told_first_is_not_the_newest_news(tmp_path):
    from briefer.analysis.sections import statements_of
    from briefer.analysis.timeline import article_dates

    lead = "A harbour pilot who planned to run for mayor was killed Friday in Kelso, police said."
    # the wire lead the newest report carries, told a day before by an older one: the central event
    assert classify_one(Statement(lead, 2, NOV_1, 0, first_told=OCT_30), NOV_1) == KEY_FACTS
    assert classify_one(Statement(lead, 2, NOV_1, 0, first_told=NOV_1), NOV_1) == OUTCOMES
    for name, date in (("a.md", "2025-10-30"), ("b.md", "2025-11-01")):
        (tmp_path / name).write_text(f"---\ntitle: {name}\ndate: {date}\n---\n{lead} The port closed.\n",
                                     encoding="utf-8")
    corpus, _ = load_corpus(tmp_path)
    told = {s.text: s.first_told for s in statements_of(corpus, article_dates(corpus))}
    assert told[lead] == OCT_30  # the earliest article that carries it


def test_a_present_perfect_with_what_was_said_after_a_comma_reports_a_done_act():
    text = "The governor has declined requests to chair the talks, saying the meeting would not bring progress."
    assert main_tense(text) == "past"
    assert one(text, None) != OPEN_QUESTIONS


def test_whether_opening_an_aside_of_alternatives_asks_nothing():
    aside = "In interviews, a dozen officials _ whether friends of the council or of the firm _ all say the suit is natural."
    assert one(aside, None, 7) != OPEN_QUESTIONS
    assert one("Voters, whether rich or poor, backed the ferry plan on Monday.", None, 7) != OPEN_QUESTIONS
    assert one("It is unclear whether the talks will resume or collapse.", None, 7) == OPEN_QUESTIONS
    closing = ("The league has offered to raise its payroll by 20 percent and says it is open to proposals to split "
               "the money any way the players want, whether by raising the minimum salary or guaranteeing raises.")
    assert one(closing, None, 7) != OPEN_QUESTIONS  # the aside closes the sentence
    assert one("The board met on Monday, whether the plant will reopen or close.", None, 7) == OPEN_QUESTIONS


def test_years_of_a_cause_are_history_behind_the_news():
    lead = Statement("Flooding and drought have left the island's crops damaged, aid workers said.", 1, None, 0)
    text = "Several years of flooding and drought have heavily damaged the island's crops."
    assert classify([lead, Statement(text, 1, None, 6)])[1] == BACKGROUND
    # without the span of years, the same words tell more of the lead's event
    assert classify([lead, Statement(text.replace("Several years of flooding", "Flooding"), 1, None, 6)])[1] == KEY_FACTS


@pytest.mark.parametrize("text", [
    "The governor flew home late Monday night from the coast, a day earlier than planned.",
    "The president began a visit to the coast on Monday, his first known trip since injuring his hip in July.",
])
def test_no_history_in_a_comparison_or_a_record(text):
    # told at the top of an article, each is the story's news, not its history
    assert one(text, None, 0) == KEY_FACTS


def test_a_habit_in_a_relative_clause_is_its_nouns_not_the_sentences():
    from briefer.analysis.sections import _habitual

    assert not _habitual("Union members protested that the board is weighing the offer from Ortiz, who often wins their votes.")
    assert _habitual("The board often rejects such offers.")


def test_the_terms_of_an_agreement_told_in_the_future_are_facts_not_questions():
    deal = "Under the deal, the dockers will return to work on Monday and the port will reopen."
    assert one(deal) == OUTCOMES  # the newest report's
    assert one(deal, None, 0) == OUTCOMES  # undated, an article's lead
    assert one(deal, None) == KEY_FACTS  # undated, further down: a detail of the deal
    assert classify_one(Statement(deal, 1, OCT_30, 4), NOV_1) == KEY_FACTS  # an older report's: a step
    assert one("In the meeting, the leaders will discuss the port.", None) == OPEN_QUESTIONS  # no agreement named


def test_a_hedge_on_a_nouns_participle_does_not_doubt_the_claim():
    from briefer.language.tense import modality

    text = "The party criticized a resolution calling for an inquiry into abuses allegedly committed by Ortiz."
    assert modality(text) != "uncertain"
    assert one(text, None, 0) == KEY_FACTS
    assert modality("The minister was allegedly bribed by the port firm.") == "uncertain"


def test_a_present_passive_is_a_state_not_a_past_step():
    assert main_tense("Ortiz, who opposes the plan, is being considered for the post of harbour master.") == "present"
    assert main_tense("The harbour master was considered for the post.") == "past"


def test_an_obligation_by_law_is_a_standing_rule():
    assert one("The commission is required by law to notify anyone it names in its report.", None, 0) == BACKGROUND
    # a body of law named by one word
    assert one("Under electoral law, a recount is mandatory when the margin is under 0.5 percent.", None, 1) == BACKGROUND


def test_a_story_day_before_a_cue_of_earlier_times_keeps_the_news():
    monday = Statement("Governor Ines Ortiz said Monday she was stepping down following a dispute with the council.",
                       1, NOV_1 + dt.timedelta(days=2), 0)
    assert classify_one(monday, monday.reference_date) != BACKGROUND
    # the earlier thing dated itself after the cue: a cause told with its day
    followed = Statement("The strike followed new port fees last week, prompting shippers to divert.", 1,
                         NOV_1 + dt.timedelta(days=2), 5)
    assert classify_one(followed, followed.reference_date) == BACKGROUND


def test_a_span_in_a_fronted_phrase_leads_up_to_the_event_the_sentence_tells():
    from briefer.analysis.sections import _habitual

    assert not _habitual("After more than two years of hearings, the inquiry last week unveiled its report.")
    assert _habitual("Two years of hearings have worn the inquiry down.")


def test_a_lead_in_the_present_tells_the_news():
    text = "Dockers and their unions are intensely lobbying the port board to reject the sale."
    assert one(text, None, 0) == KEY_FACTS
    assert one(text, None, 6) == NONE  # further down, a standing state


def test_a_lead_that_reports_what_was_said_is_the_news():
    text = ("The sale of the port serves as ``the last nail in the coffin'' for the dockers of Kelso, the town's "
            "newspaper said Saturday.")
    assert one(text, None, 0) == KEY_FACTS
    assert one(text, None, 6) == NONE  # further down, a voice around the news


def test_review_cases_of_the_tense_and_hedge_rules():
    from briefer.language.tense import modality

    # a pronoun subject is no determiner: these are past steps
    assert main_tense("This sparked protests across the port on Monday.") == "past"
    assert main_tense("Most returned home on Monday.") == "past"
    # a hedge on the main verb still doubts the claim
    assert modality("Police reportedly arrested three dockers on Monday.") == "uncertain"
    assert modality("He allegedly embezzled $2 million from the port.") == "uncertain"
    # a participle of anticipation without its auxiliary sets the scene, it awaits nothing
    assert main_tense("Anticipating a storm, residents boarded up their homes on Monday.") == "past"
    # denying a possibility reports nothing awaited
    assert main_tense("Officials denied the possibility that the plant would close.") == "past"


def test_a_span_after_the_sentences_verb_is_not_its_subject():
    from briefer.analysis.sections import _habitual

    assert not _habitual("The rebels signed a peace deal on Monday ending 20 years of war.")
    assert not _habitual("The rebels freed the hostages on Monday after years of captivity.")
    assert _habitual("Decades of neglect have left the harbour silted up.")


def test_review_cases_of_whether_agreements_and_purposes():
    assert one("The panel is weighing, aides said, whether to recommend new charges or close the case.",
               None, 7) == OPEN_QUESTIONS
    assert one("Under a draft accord still being negotiated, Ortiz would regain the port.", None) != OUTCOMES
    assert one("In the Jewish settlement of Hebron, soldiers will guard the road.", None) != OUTCOMES
    # a purpose keeps its own-verb rule when its main event has too few terms to be matched
    forecast = Statement("They will meet to bolster the rebel offensive in the north.", 1, None, 3)
    assert overtaken([forecast, Statement("The rebels launched a new offensive in the north.", 2, None, 0)]) == set()


def test_a_question_about_a_future_event_is_answered_by_a_later_report_of_it():
    question = Statement("It was not known where Ortiz will meet with the dockers, but officials said it would likely "
                         "be in Kelso.", 1, None, 4)
    report = Statement("Ortiz met with the dockers in a warehouse on Sunday.", 2, None, 0)
    assert overtaken([question, report]) == {0}
    assert overtaken([question, Statement("Ortiz flew to Varno on Sunday.", 2, None, 0)]) == set()


def test_a_refusal_a_long_standing_state_and_a_named_bodys_future_role_are_not_forecasts():
    assert main_tense("Last week Ortiz told a newspaper that, talks or not, he would never shake the hand of Varga.") != "future"
    assert one("Talks with the union also have been suspended for more than two years pending a new offer.",
               None, 0) == BACKGROUND
    assert main_tense("The head of the Harbour Board that will set port fees for the region, Ines Varga, again on "
                      "Thursday suggested owners should cut costs.") == "past"
    assert main_tense("The rebels said they would attack the town on Monday.") == "future"


def test_a_day_still_to_come_is_no_step_of_the_story():
    text = "The first task when the two sides get together next week is to wrap up talks coupled with guarantees."
    assert classify_one(Statement(text, 1, NOV_1, 6), NOV_1) != KEY_FACTS


def test_second_review_cases_of_the_late_rules():
    from briefer.language.tense import modality

    # a long-standing state only in the main clause, not handed down, not beside a forecast or a story day
    for text in ("The hostages, who have been held for more than two years, were freed on Monday.",
                 "Ortiz has been jailed for 20 years for corruption, a court ruled on Monday.",
                 "The plant, which has been closed for three years, will reopen next month."):
        assert one(text, NOV_1, 3) != BACKGROUND, text
    # the future must be in the open question itself
    question = Statement("It is unclear who fired the first shot, but the army said it would pull its troops out "
                         "of the town.", 1, None, 3)
    assert overtaken([question, Statement("The army pulled its troops out of the town on Sunday.", 2, None, 0)]) == set()
    # only will/would/shall with "never" is a refusal
    assert main_tense("The bodies of the victims may never be recovered, officials said.") == "future"
    # an adjective before the hedge is no verb of the sentence
    assert modality("Two masked gunmen reportedly killed a police officer on Monday.") == "uncertain"
    # a named body's role is set aside only when its head is named beside it
    assert main_tense("Voters elect a Parliament on Sunday that will choose the next president, officials said.") == "future"


def test_a_four_letter_past_is_a_verb_and_a_noun_in_eed_or_ed_is_none():
    from briefer.analysis.sections import is_fragment
    assert not is_fragment("Three pilots died in the storm.")
    assert is_fragment("The shed at the end of the quay.")


def test_archive_copy_quotations_are_read_as_quotations():
    # ''...'' (newspaper archives' plain text): a voice quoted whole is no line; a lead that quotes
    # a word is the news, not a broken fragment
    assert one("''I disavow these comments,'' the mayor said.", NOV_1, 7) == NONE
    assert one("The mayor on Tuesday called the plan ''reckless,'' a rare rebuke.", NOV_1, 0) != NONE


def test_a_reading_is_commentary_only_as_the_sentences_predicate():
    # the reading is what the sentence says: commentary, no event
    for text in ("The port has been one of the most visible symbols of the region's revival.",
                 "The summit in Kelso is seen as a chance to reset relations."):
        assert one(text, None) == NONE, text
    # the reading describes a noun (a relative clause, an apposition, an object): the sentence reports
    assert one("The council, which is seen as close to the mayor, on Friday blocked the port's access to its accounts."
               ) == KEY_FACTS
    assert one("The mayor on Friday changed one of the most watched contests in the region.") == KEY_FACTS


def test_a_conceding_may_not_be_forecasts_nothing():
    from briefer.language.tense import FUTURE, main_tense

    # "may not be ..., but ...": the claim is the clause after "but"
    conceding = "Ana Ruiz and Ivo Vidal may not be familiar names, but what they won the prize for in 1979 is known."
    assert main_tense(conceding) != FUTURE and one(conceding, None) != OPEN_QUESTIONS
    # a possibility, with or without a "but" after it, is still awaited
    assert one("The toll in Kelso may rise, but officials gave no figure.", None) == OPEN_QUESTIONS
    assert one("The toll in Kelso may not be final, officials said.", None) == OPEN_QUESTIONS
    # a passive after "may not be" is an event still to come, "but" or not
    for text in ("The vote in Kelso may not be held until March, but campaigning has begun.",
                 "The toll in Kelso may not be known for weeks, but officials said 40 people died."):
        assert one(text, None) == OPEN_QUESTIONS, text


def test_a_question_asked_and_answered_is_no_open_question():
    answered = "When asked in interviews whether they would want the mayor to campaign in Kelso, both said it was too late."
    assert one(answered, None) != OPEN_QUESTIONS
    # asked with no answer, or a question the sources call open, stays open
    assert one("Reporters in Kelso asked whether the talks would resume, but officials gave no answer.",
               None) == OPEN_QUESTIONS
    assert one("It is not clear whether the talks in Kelso will resume.", None) == OPEN_QUESTIONS
    # a verb of saying inside the question answers nothing; a refusal is no answer
    assert one("Lawmakers in Kelso asked whether the agency had warned the ferry line.", None) == OPEN_QUESTIONS
    assert one("Reporters in Kelso asked whether the talks would resume, but officials would not say.",
               None) == OPEN_QUESTIONS
    # a denial is an answer
    assert one("Asked whether the vote in Kelso was clean, Ortiz said, “Certainly not.”", None) != OPEN_QUESTIONS


def test_a_forecast_of_a_subject_doing_something_is_overtaken_when_a_later_report_tells_it():
    """"The bill is expected to pass narrowly" (how it passes is no part of the event) is answered
    by a later "The bill passed by 206 votes to 189"; undated, a subject-only match is too weak."""
    forecast = "The pension bill is expected to pass narrowly, with the coalition counting on independents."
    report = "The pension bill passed by 206 votes to 189, with five abstentions."
    assert overtaken(story((forecast, 1, dt.date(2026, 3, 11)), (report, 2, dt.date(2026, 3, 12)))) == {0}
    assert overtaken(story((forecast, 1, None), (report, 2, None))) == frozenset()
    other = "The budget passed by 206 votes to 189, with five abstentions."
    assert overtaken(story((forecast, 1, dt.date(2026, 3, 11)), (other, 2, dt.date(2026, 3, 12)))) == frozenset()


def test_a_forecasts_place_and_its_nouns_in_ly_stay_what_a_report_must_name():
    from briefer.analysis.sections import forecast_events

    assert "itali" in forecast_events("Singh is set to meet Hegseth in Italy on Friday.")[0][1]
    assert "ralli" in forecast_events("The rebels will hold a rally in Kesh on Friday.")[0][1]


def test_a_tally_since_a_day_of_the_story_is_the_news_of_now_a_state_since_a_year_is_history():
    tally = Statement("A measles outbreak in the Oster valley has killed four children and sickened 130 since Oct. 28, "
                      "the health ministry said on Saturday.", 1, NOV_1, 0)
    assert classify_one(tally, NOV_1) in (KEY_FACTS, OUTCOMES)
    since_year = Statement("The two ports have handled less grain since 2019, officials said.", 1, NOV_1, 4)
    assert classify_one(since_year, NOV_1) == BACKGROUND
    since_month_of_a_year = Statement("The rebels have controlled the city since June 2014, a monitor said.", 1,
                                      NOV_1, 4)
    assert classify_one(since_month_of_a_year, NOV_1) == BACKGROUND
    # a past perfect reaches back from a past time: not the news of now
    before = Statement("The ferry had carried 300 passengers a day since March before the line was cut.", 1, NOV_1, 4)
    assert classify_one(before, NOV_1) == BACKGROUND


@pytest.mark.parametrize("text", [
    "The cause of the landslide has not been determined, the regional governor said.",
    "The source of the leak has not yet been identified, engineers said.",
    "The names of the dead have not been released, a police spokesman said.",
    "A full count of the damage is not expected until next month, the agency said.",
    "Final results are not due before Friday, the election board said.",
])
def test_what_is_not_yet_found_out_or_put_off_is_open(text):
    assert one(text) == OPEN_QUESTIONS


def test_a_matter_found_out_later_is_no_open_question():
    assert one("The virus was not identified until 1983, when researchers in Paris isolated it.") != OPEN_QUESTIONS


def test_what_no_one_has_yet_done_is_open_and_yet_as_so_far_is_not():
    assert one("Several parties have shown interest, but no buyer has yet been found for the plant.") == OPEN_QUESTIONS
    assert one("It was the strongest earthquake that has yet been recorded in the region.") != OPEN_QUESTIONS


@pytest.mark.parametrize("text", [
    "The visit was not announced in advance for security reasons.",
    "The prisoner was never released and died in custody in 1987.",
    "A 34-year-old man, who was not identified, was charged with arson on Friday.",
    "The minister is not determined to stay in office.",
])
def test_a_past_or_an_aside_that_was_not_made_known_asks_nothing(text):
    assert one(text) != OPEN_QUESTIONS


def test_a_span_in_a_relative_clause_opened_by_that_dates_its_noun_not_the_sentence():
    """"ordered an audit of all buildings that have had floors added since 2010": the year dates the
    buildings' history, not the order, which is the story's news."""
    order = Statement("The prime minister ordered an audit of all buildings that have had floors added since 2010, "
                      "officials said on Friday.", 1, NOV_1, 3)
    assert classify_one(order, NOV_1) != BACKGROUND
    # a "that" of what was said takes a subject: the cue is the sentence's own
    said = Statement("Officials said that the two ports have handled less grain since 2019.", 1, NOV_1, 3)
    assert classify_one(said, NOV_1) == BACKGROUND


def test_who_said_a_forecast_is_not_what_a_report_of_the_event_must_repeat():
    """", the state weather bureau said" ends what the forecast expects: "made landfall near Ilvo"
    answers it without the bureau."""
    forecast = "Typhoon Kora is expected to make landfall near the port of Ilvo early on Friday, the state weather bureau said."
    report = "Typhoon Kora made landfall near Ilvo at about 5 a.m. on Friday, killing at least four people, officials said."
    thursday, friday = dt.date(2026, 11, 12), dt.date(2026, 11, 13)
    assert overtaken(story((forecast, 1, thursday), (report, 2, friday))) == {0}


def test_a_forecast_answered_in_other_words_must_have_what_its_verb_takes_named():
    """"will deliver remarks at the summit" is not settled by "a pact was signed on the sidelines
    of the summit": the remarks are not named; "signed the accord at the summit" does settle
    "are set to sign an accord at the summit"."""
    forecast = "Minister Ana Ruiz is expected to deliver remarks at the Lisbon summit on Friday, her office said."
    signed = "The fisheries pact was signed on the sidelines of the Lisbon summit on Friday."
    thursday, saturday = dt.date(2026, 5, 14), dt.date(2026, 5, 16)
    assert overtaken(story((forecast, 1, thursday), (signed, 2, saturday))) == frozenset()
    sign = "The two ministers are set to sign a fisheries accord at the Lisbon summit on Friday."
    assert overtaken(story((sign, 1, thursday), ("The two ministers signed the fisheries accord at the Lisbon "
                                                 "summit on Friday.", 2, saturday))) == {0}
    # a forecast of working towards something is settled by the step concluded, in other words
    seek = "Union leaders will seek a pay rise for nurses at talks with the ministry on Friday."
    agreed = "Union leaders agreed a 6% pay deal for nurses at talks with the ministry on Friday."
    assert overtaken(story((seek, 1, thursday), (agreed, 2, saturday))) == {0}


def test_a_future_told_from_the_past_to_a_time_ahead_of_the_writing_is_open():
    promise = Statement("The government has promised that a new reservoir near the town would open by March 2027.",
                        1, dt.date(2026, 12, 4), 5)
    assert classify_one(promise, promise.reference_date) == OPEN_QUESTIONS
    # to a time already past when it was written: history
    kept = Statement("The government had promised that the reservoir would open by March 2019.", 1,
                     dt.date(2026, 12, 4), 5)
    assert classify_one(kept, kept.reference_date) != OPEN_QUESTIONS
    # a saying inside a noun phrase is not the sentence's: the decision is its news
    decision = Statement("The decision to cancel 40 matches came after the players proposed a new cap, a proposal "
                         "the owners said they would answer by Friday.", 1, dt.date(2026, 12, 2), 5)
    assert classify_one(decision, decision.reference_date) != OPEN_QUESTIONS


def test_an_activity_still_going_on_as_it_was_written_is_a_key_fact():
    search = Statement("Divers were still searching for a missing fisherman who was seen on the pier.", 1, NOV_1, 6)
    assert classify_one(search, NOV_1) == KEY_FACTS
    for text in ("There was still nothing left of the old harbour wall.",
                 "Residents who were still living in the valley were told to leave."):
        assert decide(Statement(text, 1, NOV_1, 6), NOV_1)[1] != "an activity under way", text


def test_a_hope_for_a_step_still_to_come_is_open():
    assert one("The port authority said it hoped to restore full operations by the end of next week.") == OPEN_QUESTIONS
    # the noun, and a hope that was had before: no forecast
    for text in ("Hopes to reach a deal faded on Friday after talks collapsed.",
                 "Her hopes to win a third term were dashed on Sunday.", "He had hoped to win the seat in 2019."):
        assert main_tense(text) != FUTURE, text


def test_what_a_participle_of_saying_tells_does_not_date_the_sentences_event():
    # the minister's refusal is the story's news; 2021 and "had followed" belong to what he said
    may_7 = dt.date(2026, 5, 7)
    said = Statement("Minister Karl Holt rejected calls to resign, saying the permit had followed the rules in "
                     "force in 2021.", 2, may_7, 6)
    assert decide(said, may_7)[1] != "earlier than the story"
    from briefer.analysis.timeline import main_event_date
    assert main_event_date(said.text, may_7) is None
    # a participle of saying set before the main clause tells what was said too
    assert main_event_date("Noting that the party won the 2019 elections, the statement said it would "
                           "share power.", None) is None
    # a time set before the main clause is the sentence's own
    assert decide(Statement("In 2021, Holt rejected calls to resign.", 2, may_7, 6), may_7)[0] == BACKGROUND


def test_following_as_a_verb_in_its_progressive_tells_no_earlier_time():
    may_7 = dt.date(2026, 5, 7)
    watching = Statement("The European Commission said it was following the case closely.", 2, may_7, 6)
    assert decide(watching, may_7)[0] == KEY_FACTS
    after = Statement("The commission opened an inquiry following complaints from farmers.", 2, may_7, 6)
    assert decide(after, may_7)[0] == BACKGROUND


def test_a_reaction_in_words_off_the_lead_is_a_fact_of_the_story():
    # "welcomed the ruling", "called on the minister to resign": reactions of the story's days,
    # not context from before it; one in a relative clause is not the sentence's own
    may_4 = dt.date(2026, 5, 4)
    for text in ("Environmental group RiverWatch, which brought the case in 2024, welcomed the ruling.",
                 "Opposition leader Mira Tallis called on Holt to resign."):
        assert decide(Statement(text, 1, may_4, 6), may_4)[0] == KEY_FACTS, text
    aside = Statement("The group, which welcomed the plan, was founded by farmers.", 1, may_4, 6)
    assert decide(aside, may_4)[0] != KEY_FACTS


def test_words_every_line_of_the_story_shares_make_no_repeat_across_sections():
    # a strike story: "strike", "union", "workers" stand in most lines; the newer outcome does not
    # repeat the older fact that members joined the strike, though both say "workers", "union", "strike"
    from briefer.analysis.sections import assign_sections

    monday, thursday = dt.date(2026, 6, 15), dt.date(2026, 6, 18)
    lines = [("Dock workers at Kelso walked off the job on Monday, halting the port.", monday, KEY_FACTS),
             ("About 3,500 members of the union joined the strike, the workers said.", monday, KEY_FACTS),
             ("The strike entered its second day, and union workers picketed the gates.", monday, KEY_FACTS),
             ("Union workers said the strike would go on until the pay offer improved.", monday, NONE),
             ("Workers at a second port voted to join the strike, the union said.", monday, NONE),
             ("Dock workers agreed on Thursday to end their strike after the union reached a pay deal.", thursday,
              OUTCOMES)]
    statements = [Statement(text, 1 if day == monday else 2, day, k) for k, (text, day, _) in enumerate(lines)]
    labels = tuple(label for *_, label in lines)
    order = (5, 0, 1, 2, 3, 4)
    chosen = assign_sections(statements, labels, order, (0.5, 0.9, 0.8, 0.7, 0.6, 1.0), {KEY_FACTS: 3, OUTCOMES: 2})
    assert chosen[OUTCOMES] == [5] and 1 in chosen[KEY_FACTS]


def test_a_past_progressive_in_a_dated_report_tells_what_was_going_on_as_it_was_written():
    day = dt.date(2026, 4, 10)
    searching = Statement("Rescue teams with dogs were searching for about 20 people.", 1, day, 5)
    assert decide(searching, day)[0] == KEY_FACTS
    # with an earlier time it is history; in a relative clause it is not the sentence's own
    assert decide(Statement("In 2011, rescue teams were searching for two people.", 1, day, 5), day)[0] == BACKGROUND
    aside = Statement("A geologist who was studying the slope found the cracks.", 1, day, 5)
    assert decide(aside, day)[1] != "an activity under way"


def test_a_timeline_pointer_gives_way_with_the_line_it_points_to():
    # "see Background" must never send the reader to a line a full page shed
    kept_line = BriefItem("A.", (1,), 1, 9.0)
    shed_line = BriefItem("B.", (2,), 1, 1.0)
    brief = Brief(
        title="t", date=NOV_1,
        sections=(Section("background", "Background", (kept_line, shed_line)),),
        sources=tuple(Source(n, f"s{n}", None, None, f"{n}.txt", None) for n in (1, 2)),
        timeline=(TimelineEntry("1994", "1994", "B.", (2,), 8.0, see="Background"),
                  TimelineEntry("1995", "1995", "A.", (1,), 7.0, see="Background")),
    )
    fitted = renumber(keep_top(brief, 3))  # the weakest, the line "B.", gives way
    assert [i.text for i in fitted.sections[0].items] == ["A."]
    assert [e.text for e in fitted.timeline] == ["A."]


# --- An editorial among the reports ---------------------------------------------------------
def test_an_editorials_forecasts_and_prescriptions_are_its_view_not_open_questions(write_articles):
    from briefer.analysis.sections import opinion_articles, statements_of
    from briefer.analysis.timeline import article_dates

    sources = write_articles({
        "report.txt": "The Arland parliament on Tuesday named Ivo Marek foreign minister. Marek will lead the "
                      "talks with Sarvia next week. Marek has opposed any deal with Sarvia for a decade.\n",
        "editorial.txt": "The Orvik Herald said in an editorial on Wednesday: Marek is a hard man to trust. "
                         "If Marek ever hopes to be remembered well, he must become a force for peace. "
                         "The new minister will soon have the chance to act more responsibly. "
                         "Marek led the walkout from the last round of talks in 2019.\n",
    })
    corpus, _ = load_corpus(sources)
    editorial = next(c.article.number for c in corpus.articles if c.article.path.endswith("editorial.txt"))
    assert opinion_articles(corpus) == {editorial}
    statements = statements_of(corpus, article_dates(corpus))
    labels = dict(zip((s.text for s in statements), classify(statements)))
    assert labels["If Marek ever hopes to be remembered well, he must become a force for peace."] == NONE
    assert labels["The new minister will soon have the chance to act more responsibly."] == NONE
    assert labels["Marek will lead the talks with Sarvia next week."] == OPEN_QUESTIONS  # a report's forecast
    assert labels["Marek led the walkout from the last round of talks in 2019."] == BACKGROUND  # told as done


def test_a_forecast_given_as_someones_view_is_no_open_question():
    # "they think ... will be meaningless", "They contend that it might even hurt ...": a reading of
    # what may come; a forecast of a step, or a timed one, stays open
    def label(text: str) -> str:
        return classify_one(Statement(text, 0, None, 5), None)

    assert label("Some officials say they think an endorsement by the union will be almost meaningless.") == NONE
    assert label("Its critics contend that the merger might even hurt small farmers in the valley.") == NONE
    assert label("The union will vote on the offer next week.") == OPEN_QUESTIONS
    assert label("Officials believe the council will vote on the plan on Friday.") == OPEN_QUESTIONS


def test_a_forecast_that_names_the_news_it_follows_does_not_push_that_news_off_the_page(build_brief):
    # "will ask the court to review its ruling halting the dam ..., a day after the court voided
    # the permit" shares most words with the ruling, but tells another event: the ruling stays
    articles = {
        "a1.txt": "---\ntitle: Court halts Kessel dam\ndate: 2026-04-15\n---\n"
                  "Arland's Supreme Court on Wednesday halted construction of the Kessel Gorge Dam, ruling 4-3 that "
                  "the project's environmental permit was unlawful.\n\n"
                  "The court ordered work on the project stopped until a new assessment is completed.\n",
        "a2.txt": "---\ntitle: Arland to seek review of dam ruling\ndate: 2026-04-16\n---\n"
                  "Arland's government will ask the Supreme Court to review its ruling halting the Kessel Gorge Dam, "
                  "Energy Minister Ivo Marek said on Thursday, a day after the court voided the project's "
                  "environmental permit.\n\n"
                  "Marek said the request would be filed within 30 days.\n",
    }
    markdown = build_brief(articles).rendered.markdown
    assert "halted construction of the Kessel Gorge Dam, ruling 4-3" in markdown
    assert "will ask the Supreme Court to review its ruling" in markdown


def test_a_forecast_with_a_span_around_its_writing_is_overtaken_by_a_report_within_it():
    # "is expected to raise its rate on Thursday for the fourth time this year": the year bounds the
    # event, it does not put it after Thursday's report of the rise
    tuesday, thursday = dt.date(2026, 9, 15), dt.date(2026, 9, 17)
    statements = [
        Statement("The Bank of Arland is expected to raise its benchmark interest rate on Thursday for the "
                  "fourth time this year.", 0, tuesday, 0),
        Statement("The Bank of Arland raised its benchmark interest rate by half a point to 7% on Thursday.",
                  1, thursday, 0),
    ]
    assert overtaken(statements) == {0}


def test_a_past_perfect_dated_to_a_day_of_the_story_tells_the_storys_step():
    # "had been widened on Thursday" in Friday's report: a step of the story, before the report's news
    friday = dt.date(2026, 6, 12)
    statements = [
        Statement("Authorities on Friday allowed 2,600 evacuated residents of Kesh to return home.", 0, friday, 0),
        Statement("The evacuation zone had been widened on Thursday to five kilometres when the wind changed.",
                  0, friday, 1),
        Statement("A tanker train derailed near Kesh on Wednesday.", 1, dt.date(2026, 6, 10), 0),
    ]
    assert classify(statements)[1] == KEY_FACTS


def test_too_early_to_draw_conclusions_leaves_the_question_open():
    text = "Investigators said a broken rail was one possible cause of the derailment, but that it was too early to draw conclusions."
    assert classify_one(Statement(text, 0, dt.date(2026, 6, 12), 4), None) == OPEN_QUESTIONS


def test_a_forecast_of_the_subject_doing_it_on_a_day_is_told_by_its_own_verb_that_day():
    # "Talks are expected to resume on Wednesday under a state mediator" / "The talks resumed on
    # Wednesday at the ministry": the subject and the verb on the day; the adjunct need not be repeated
    monday, thursday = dt.date(2026, 3, 2), dt.date(2026, 3, 5)
    statements = [
        Statement("Talks are expected to resume on Wednesday under a state mediator, the minister said.", 0, monday, 3),
        Statement("The talks resumed on Wednesday at the Ministry of Transport and ran through the night.",
                  1, thursday, 2),
    ]
    assert overtaken(statements) == {0}


@pytest.mark.parametrize("text, tense", [
    ("Seven aid workers kidnapped in northern Arland five months ago are expected to be freed within days.", FUTURE),
    ("A man arrested in Kesh on Monday will appear in court on Friday.", FUTURE),
    ("The council approved the plan and will vote again in May.", "past"),  # a main verb with its object
    ("Rebels attacked in the night and are expected to advance.", "past"),  # two clauses, the first governs
])
def test_a_participle_after_its_subject_before_the_future_is_a_relative_clause(text, tense):
    # "aid workers kidnapped ... five months ago are expected to be freed": "who were" left out;
    # the participle and its time are the subject's, the future is the sentence's
    assert main_tense(text) == tense


@pytest.mark.parametrize("text, tense", [
    ("In a surprise move, the nations adopting the new currency, the arlo, dropped key interest rates Thursday, "
     "setting the rate that will be used from January.", "past"),
    ("The new president, a former general, appointed a cabinet that will meet on Monday.", "past"),
    ("Marek, the army commander, backed by the president, will be elected on Thursday.", FUTURE),  # a participle
])
def test_a_verb_with_its_object_after_a_closed_apposition_is_the_main_verb(text, tense):
    assert main_tense(text) == tense
