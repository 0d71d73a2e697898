"""Key figures: numbers with what they count, labelled in the sources' own words."""

from __future__ import annotations

import pytest

from briefer.analysis.figures import key_figures
from briefer.language.quantities import display_value, quantities


def test_quantities_read_number_unit_and_counted_noun():
    (aircraft,) = quantities("India plans to buy six Boeing P-8I aircraft for the Indian Navy.")
    assert (aircraft.value, aircraft.unit, aircraft.head, aircraft.label) == (
        6, "count", "aircraft", "Boeing P-8I aircraft for the Indian Navy")
    (framework,) = quantities("The two sides signed a 10-year framework on defence.")[1:]
    assert (display_value(framework), framework.head, framework.label) == ("10 years", "framework",
                                                                          "framework on defence")
    (tariff,) = quantities("Trump doubled tariffs on Indian imports to 50 percent that month.")
    assert (display_value(tariff), tariff.head, tariff.label, tariff.exact) == (
        "50%", "tariff", "tariffs on Indian imports", True)
    rounds, = quantities("So far, five rounds of discussions have been held.")
    assert (rounds.value, rounds.label) == (5, "rounds of discussions")
    money, = quantities("The deal is worth $3.5 billion over a decade.")
    assert display_value(money) == "$3.5 billion"


@pytest.mark.parametrize("text, label", [
    ("Soldiers joined the search for at least 40 people still missing in the hill villages.", "people"),
    ("Police said 12 soldiers reportedly killed in the raid were buried on Friday.", "soldiers"),
    ("Some 300 staff already evacuated from the plant returned to work.", "staff"),
])
def test_a_clause_adverb_ends_what_is_counted(text, label):
    (count,) = quantities(text)
    assert count.label == label


@pytest.mark.parametrize("text, counted", [
    # the noun left out of a count coordinated with the one before it
    ("Nine people were killed and 31 injured when the bus overturned.", ["people", "people"]),
    ("The bus overturned, killing nine people and injuring 38, police said.", ["people", "people"]),
    ("Police shot dead three gunmen and arrested five.", ["gunmen", "gunmen"]),
    # the verb left out of a second subject: "... rose to 517 and deaths to 14"
    ("Cholera cases rose to 517 and deaths to 14 on Friday.", ["case", "death"]),
    ("Unemployment rose to 5% and inflation to 3%.", ["unemployment", "inflation"]),
    # what a sum is worth names it; "in exchange for" names nothing it is paid as
    ("He took bribes worth 3.1 million euros in exchange for contracts.", ["bribe"]),
    ("The firm signed contracts worth $2 billion.", ["contract"]),
    # two counts of their own stay two
    ("The company closed 300 stores and 25 warehouses in 2024.", ["store", "warehouse"]),
    # a plural without "-s" ends what is counted: the word after it is its verb
    ("A ferry carrying 162 people sank off the coast.", ["people"]),
    ("Rescuers found 12 bodies, and 19 people remained missing.", ["body", "people"]),
    # a bare count before a word for people's state counts people; after a counted noun it counts that
    ("The toll rose to 21 on Thursday, with seven still missing.", ["toll", "people"]),
    ("The blast left 12 dead and 40 injured.", ["people", "people"]),
    ("Two yachts sank and three are missing.", ["yacht", "yacht"]),
    # a phrase of time between a level's verb and "to": the verb's subject is what is counted
    ("Cholera cases in the district have nearly tripled in two days to 412.", ["case"]),
    ("The toll rose over the past week to 150.", ["toll"]),
])
def test_a_count_reads_what_it_counts_from_the_count_or_verb_it_shares(text, counted):
    from briefer.language.quantities import DURATIONS

    assert [q.head for q in quantities(text) if q.unit not in DURATIONS.values()] == counted


def test_dates_years_and_hedged_values_are_not_figures():
    assert quantities("They meet on Oct. 31 and again on 1 November 2025.") == []
    (bound,) = quantities("More than 40 ships took part.")
    assert not bound.exact
    (old, new) = quantities("Tariffs rose from 25% to 50% in August.")
    assert not old.exact and new.changed_to


@pytest.mark.parametrize("text, exact", [
    ("Unemployment in the province rose to 11.4 percent in October.", [True]),
    ("The union speaks for workers belonging to 3.2 million households.", [True]),
    ("Fares went from $40 to $55 on Monday.", [False, True]),  # a change: its end is the level reached
    ("Up to 500 people were evacuated.", [False]),  # bounds and ranges stay inexact
    ("Close to 500 people were evacuated.", [False]),
    ("Between 400 to 500 people were evacuated.", [False, False]),
    ("Estimates of the cost range from $5 to $10 million.", [False, False]),
])
def test_the_level_a_change_reaches_after_to_is_an_exact_value(text, exact):
    assert [q.exact for q in quantities(text)] == exact


def test_seed_figures_are_corroborated_extractive_and_cited(seed_corpus):
    figures = key_figures(seed_corpus)
    table = [(f.value, f.label, f.citations, f.origins) for f in figures]
    assert table[0] == ("50%", "tariffs on Indian imports", (1, 2, 3, 4), 2)
    assert ("6", "Boeing P8I aircraft for the Indian Navy", (1, 2, 3), 1) in table
    assert ("10 years", "Framework for the US-India Major Defence Partnership", (5,), 1) in table
    assert len(figures) <= 5
    # Every label is words of a source sentence, verbatim.
    text = " ".join(p for a in seed_corpus.articles for p in a.paragraphs)
    assert all(f.label in text for f in figures)
    # Small counts are grammar, not figures ("two officials", "the two sides").
    assert not any(f.value in ("1", "2") for f in figures)


def test_figures_table_in_the_built_brief(build_brief):
    articles = {
        "1.md": "---\ndate: 2025-05-02\n---\nThe port handled 4,200 containers in April, the authority said.\n\n"
                "Dock workers plan a strike next week over pay.\n",
        "2.md": "---\ndate: 2025-05-03\n---\nUnions representing dock workers said a strike could start on Monday.\n\n"
                "Officials said the port handled 4,200 containers in April despite the dispute.\n",
    }
    result = build_brief(articles)
    markdown = result.rendered.markdown
    assert "| Figure | In the sources' words | Sources |" in markdown
    row = next(line for line in markdown.splitlines() if line.startswith("| 4,200 |"))
    # what it counts in the sources' words: the clause around the number, verbatim
    assert "he port handled 4,200 containers in April |" in row and row.endswith("| [[1](#source-1), [2](#source-2)] |")
    assert "<table>" in result.rendered.html and "port handled 4,200 containers in April</td>" in result.rendered.html


def test_a_tally_with_its_noun_between_the_sides_counts_nothing_a_change_does():
    assert quantities("The city won the final ballot 46 votes to 42 in 1991.") == []
    assert [q.written for q in quantities("The ferry fleet grew from 30 boats to 45 boats.")] == ["30", "45"]
    assert [q.written for q in quantities("The index rose 120 points to 10,500.")] == ["120", "10,500"]
    assert [q.written for q in quantities("The court sentenced 12 defendants to 20 years in prison.")] == ["12", "20 years"]
    assert [q.written for q in quantities("The fleet grew from 1,200 boats to 1,500.")] == ["1,200", "1,500"]


def test_decades_are_a_span_of_time():
    (span,) = quantities("For more than three decades his role in the port has been disputed.")
    assert span.unit == "decade"


def test_a_figures_words_go_on_after_an_aside_of_examples():
    from briefer.analysis.figures import _context

    text = "Ten states, including Wyoming, have no hate-crime laws at all."
    (count,) = quantities(text)
    assert _context(text, count) == "Ten states … have no hate-crime laws at all"


def test_a_figures_words_start_at_a_word_not_at_the_dash_of_a_dateline():
    from briefer.analysis.figures import _context

    text = "KESH, Tessaria, April 14 (NW) - Nine people were killed and 31 injured when two trains collided."
    assert _context(text, quantities(text)[0]).startswith("Nine people were killed")


def test_a_figure_in_a_hypothetical_is_no_key_figure(tmp_path):
    from tests.test_story_figures import two_reports

    body = ("If the fee was $29 million over the cap, the 29 ports would work with a budget $1 million less. "
            "The port board cut the budget on Monday, and 4,000 dockers lost their jobs.")
    corpus = two_reports(tmp_path, body, second_day="2025-03-04")
    values = [f.value for f in key_figures(corpus)]
    assert "4,000" in values
    assert not {"$29 million", "$1 million", "29"} & set(values)


def test_a_plan_told_with_would_keeps_its_figure(tmp_path):
    from tests.test_story_figures import two_reports

    body = "Harbor Lines said on Monday it would cut 4,000 jobs in Kelso by the end of the year."
    corpus = two_reports(tmp_path, body, second_day="2025-03-04")
    assert "4,000" in [f.value for f in key_figures(corpus)]


def test_a_count_told_only_as_a_known_set_or_in_a_description_is_no_key_figure(tmp_path):
    """"The nine crew", "his previous three terms", "the Tarn League, a federation of seven
    towns": a set the reader is taken to know, or what a named thing is, told in passing. A
    count some source tells itself stays, and the passing mentions corroborate it."""
    from tests.test_story_figures import article, corpus_of

    first = ("The nine crew on board the Gull were safe, the coastguard said on Monday. "
             "The Tarn League, a federation of seven towns, paid for the search. "
             "Storms sank 14 fishing boats off Kelso on Sunday.")
    second = ("Mayor Ana Ruiz, who served her previous three terms in Kelso, praised the rescue on Monday. "
              "The 14 fishing boats sank off Kelso after the storm, the coastguard said.")
    corpus = corpus_of(tmp_path, {"a.md": article("2025-03-03", "Wire", first),
                                  "b.md": article("2025-03-04", "Daily", second)})
    figures = {f.value: f for f in key_figures(corpus)}
    assert not {"9", "7", "3"} & set(figures)
    assert figures["14"].citations == (1, 2)  # "the 14 fishing boats" corroborates "sank 14 fishing boats"
    assert "Storms sank 14 fishing boats" in figures["14"].context  # shown where a source tells it


def test_number_words_tens_and_ones_and_their_unit():
    (members,) = quantities("Eighty-eight members took part in the vote.")
    assert (members.value, members.modifiers) == (88, ())
    (term,) = quantities("She began a six-year term.")
    assert (term.value, term.unit) == (6, "year")
    (sentence,) = quantities("He got a twenty-five-year sentence.")
    assert (sentence.value, sentence.unit) == (25, "year")


def test_what_is_no_range_and_no_apposition():
    from briefer.analysis.figures import _already_known, _in_a_range, _in_apposition

    for text in ("Unemployment fell by 30,000, or 2 percent, in March.", "The fine is $500 or 30 days in jail."):
        assert not any(_in_a_range(text, q) for q in quantities(text)), text
    for text in ("Meanwhile, a bomb killed 12 people in a Kabul market.", "Overall, a total of 270 people died.",
                 "On Monday, a total of 270 people died.", "In Hebron, the bodies of 14 Palestinians were found.",
                 "In March, a group of 40 lawmakers wrote to him.", "Overall, a total of 270 people fell ill."):
        assert not any(_in_apposition(text, q) for q in quantities(text)), text
    for text in ("Nagano, a city of 360,000, will host the Games.", "Sudan, a country of 40 million, has denied it.",
                 "The storm hit Merimbula, a town of 5,000."):
        assert all(_in_apposition(text, q) for q in quantities(text)), text
    for text in ("It took two or three days.", "Prices rose 5 or 6 percent.", "The tickets cost $500 or $600."):
        assert all(_in_a_range(text, q) for q in quantities(text)), text
    for text in ("Congress passed the $1.7 trillion spending bill.", "The board awarded her $2 million."):
        assert not any(_already_known(text, q) for q in quantities(text)), text  # an amount names its thing
    from briefer.analysis.figures import _locates
    (spot,) = quantities("A team flew to a spot about 50 nautical miles off the coast.")
    assert _locates("A team flew to a spot about 50 nautical miles off the coast.", spot)  # where, not how many
    (rate,) = quantities("Banks cut rates toward the 3.3 percent level of the lowest-rate countries.")
    assert _already_known("Banks cut rates toward the 3.3 percent level of the lowest-rate countries.", rate)
    (years,) = quantities("Ortiz opposed the 41-year dictatorship of the generals.")
    assert _already_known("Ortiz opposed the 41-year dictatorship of the generals.", years)  # a known thing's length


def test_an_estimate_with_or_and_a_lone_measure_are_no_key_figures(tmp_path):
    from tests.test_story_figures import article, corpus_of

    corpus = corpus_of(tmp_path, {
        "a.md": article("2025-03-03", "Wire", "The board hires five or six inspectors a year. Winds gusting to 80 knots "
                        "sank 14 fishing boats off Kelso on Sunday."),
        "b.md": article("2025-03-04", "Daily", "Storms sank 14 fishing boats off Kelso on Sunday, and the board "
                        "hires five or six inspectors a year."),
    })
    values = [f.value for f in key_figures(corpus)]
    assert "14" in values
    assert not {"5", "6", "80"} & set(values)


def test_one_articles_number_counts_only_from_a_central_sentence(tmp_path):
    """A figure one article states is a key figure when its sentence ranks among the story's
    central ones; told in passing deep in one report, it is a detail."""
    from briefer.analysis.figures import FIGURES
    from tests.test_story_figures import article, corpus_of

    filler = " ".join(f"Harbour crews checked berth {chr(65 + k)} on Monday." for k in range(FIGURES.single_source_rank + 2))
    body = "Storms sank 14 fishing boats off Kelso on Sunday. " + filler + " In Tarn, 32 sheep were moved to higher ground."
    corpus = corpus_of(tmp_path, {"a.md": article("2025-03-03", "Wire", body)})
    sheep = next(i for i, item in enumerate(corpus.items) if "sheep" in item.text)
    boats = next(i for i, item in enumerate(corpus.items) if "boats" in item.text)

    def scores(*first: int) -> tuple[float, ...]:  # these items highest, in this order; the rest alike
        return tuple(10.0 - first.index(i) if i in first else 1.0 for i in range(len(corpus.items)))

    assert "32" in [f.value for f in key_figures(corpus)]  # without a ranking every sentence may give one
    low = [f.value for f in key_figures(corpus, scores=tuple(0.0 if i == sheep else s for i, s in enumerate(scores(boats))))]
    assert "14" in low and "32" not in low
    assert "32" in [f.value for f in key_figures(corpus, scores=scores(sheep, boats))]


def test_a_range_written_with_a_suspended_hyphen_and_an_apposition_with_the():
    from briefer.analysis.figures import _in_a_range, _in_apposition

    text = "The lockout may last a three- to four-week period, said Ortiz Skiing, the owner of three ski runs."
    lower, upper, runs = quantities(text)
    assert _in_a_range(text, lower) and _in_a_range(text, upper)
    assert _in_apposition(text, runs)


@pytest.mark.parametrize("text, value, exact, head", [
    ("Nearly two dozen party chairs said so.", 24, False, "chair"),  # the size word multiplies the number word
    ("Three hundred workers walked out.", 300, True, "worker"),
    ("Two hundred thousand people marched.", 200_000, True, "people"),
    ("A dozen reporters waited.", 12, True, "reporter"),
    ("Two hundred and fifty people marched.", 250, True, "people"),  # what follows a hundred adds to it
    ("Two-dozen rallies were held.", 24, True, "rally"),
    ("Some hundred people gathered.", 100, False, "people"),  # about a hundred
])
def test_a_size_word_multiplies_the_number_word_before_it(text, value, exact, head):
    [quantity] = quantities(text)
    assert (quantity.value, quantity.exact, quantity.head, display_value(quantity)) == (value, exact, head, f"{value:,}")


@pytest.mark.parametrize("text", ["Several dozen protesters gathered.", "A few hundred people marched.",
                                  "Many hundred letters arrived.", "Half a dozen people died."])
def test_a_size_word_after_a_vague_quantifier_states_no_number(text):
    assert quantities(text) == []


@pytest.mark.parametrize("text", ["About one in 45 children is affected.", "One in ten children is affected.",
                                  "Seven out of 10 voters agreed.", "Twelve in 100 voters agreed.",
                                  "One in every 10 voters agreed."])
def test_the_base_of_a_ratio_counts_nothing(text):
    assert [q for q in quantities(text) if q.label] == []  # a rate, not 45 children or 10 voters


def test_a_second_verb_is_no_gapped_subject():
    counts = quantities("Cases rose to 517 and fell to 14 by Friday.")
    assert all(q.head not in ("fell", "fall") for q in counts)


def test_a_later_measures_conversion_does_not_cut_the_excerpt_before_its_noun():
    # "forced out of the 1,160-kilometer (725-mile) race": cut at the parenthesis, the excerpt
    # would end on "the 1,160-kilometer" with no mark that words follow
    from briefer.analysis.figures import _context

    text = "A total of 37 boats have been forced out of the 1,160-kilometer (725-mile) race, which began Sunday."
    count = next(q for q in quantities(text) if q.value == 37)
    shown = _context(text, count)
    assert shown.endswith(("race", "…")) and "1,160-kilometer (725-mile)" in shown
    measure = next(q for q in quantities(text) if q.value == 1160)
    assert _context(text, measure).endswith("race")


def test_the_dead_of_two_sides_are_never_one_figure_even_at_one_number(tmp_path):
    # "the army killed 18 rebels" / "the rebels killed 18 government soldiers": two tolls, one row
    # would tell the reader of one
    from briefer.commands.build import load_corpus

    (tmp_path / "a.txt").write_text("The army said on Monday it had killed 18 rebels in fighting near Kesh.\n")
    (tmp_path / "b.txt").write_text("Rebel leaders said on Monday their fighters had killed 18 government soldiers "
                                    "in an ambush near Kesh.\n")
    corpus, _ = load_corpus(tmp_path)
    (row,) = [f for f in key_figures(corpus) if f.value == "18"]  # one row per value: the best-attested
    assert len(row.citations) == 1  # not both reports' 18 under one label
    assert row.label in row.context


@pytest.mark.parametrize("text, label", [
    ("The Bank of Arland raised its benchmark interest rate by three-quarters of a percentage point to 7% on Thursday.",
     "benchmark interest rate"),
    ("The council cut the harbour levy by 2 percent to 11 percent.", "harbour levy"),
])
def test_the_level_a_change_reaches_after_its_amount_is_the_level_of_what_changed(text, label):
    # "raised its rate by three-quarters of a point to 7%": the amount ("by ...") stands between
    # what changed and the level it reached
    level = [q for q in quantities(text) if q.changed_to]
    assert [q.label for q in level] == [label]


def test_the_number_of_things_waiting_develops_from_the_count_of_them_waiting(tmp_path):
    # "23 container ships were waiting at anchor" / "The number of container ships waiting to
    # enter the port rose to 31": "the number of" counts them, "to enter the port" is their aim
    from briefer.commands.build import load_corpus

    (tmp_path / "a.txt").write_text("---\ndate: 2026-03-02\n---\nDockworkers at the Port of Arden struck on Monday. "
                                    "By Monday evening 23 container ships were waiting at anchor outside the breakwater.\n")
    (tmp_path / "b.txt").write_text("---\ndate: 2026-03-03\n---\nThe number of container ships waiting to enter the "
                                    "Port of Arden rose to 31 on Tuesday as the strike entered its second day.\n")
    corpus, _ = load_corpus(tmp_path)
    (row,) = [f for f in key_figures(corpus) if f.value in ("23", "31")]
    assert row.value == "31" and [h.value for h in row.history] == ["23"]
