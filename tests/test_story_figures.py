"""Issue 12 on invented stories: disagreements between rewrites, developing figures, different
things never compared, one fact in two units, corroboration by claim, and marks explained."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefer.analysis.corroboration import claim_support
from briefer.analysis.disagree import find_disagreements
from briefer.analysis.figures import key_figures
from briefer.commands.build import load_corpus


def corpus_of(tmp_path: Path, articles: dict[str, str]):
    folder = tmp_path / "sources"
    folder.mkdir(exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    corpus, _ = load_corpus(folder)
    return corpus


def article(date: str, outlet: str, body: str) -> str:
    return f"---\ntitle: {outlet} report\noutlet: {outlet}\ndate: {date}\n---\n{body}\n"


def one_day(tmp_path: Path, day: str, wire: str, daily: str):
    """A wire report and another outlet's report of one day."""
    return corpus_of(tmp_path, {"a.md": article(day, "Wire", wire), "b.md": article(day, "Daily", daily)})


def two_reports(tmp_path: Path, body: str, second_day: str = "2025-03-03"):
    """Two outlets' reports of one story on 3 March (the second on `second_day`), told in nearly
    the same words: a figure two sources state."""
    return corpus_of(tmp_path, {"a.md": article("2025-03-03", "Wire", body),
                                "b.md": article(second_day, "Daily", body.replace("Monday", "Monday night"))})


# Two rewrites of one wire report (same wording, same day); the second changes "six" to "eight".
WIRE = ("Norland will buy {n} Avion P-9 patrol aircraft for its navy, defence minister Kari Holt said on Saturday.\n\n"
        "Holt met her Sarvian counterpart Ivo Marek in Geneva on Friday to discuss the purchase and a training plan.\n\n"
        "The deal still needs approval from the Norland parliament, where the opposition has questioned the cost.\n\n"
        "Marek is expected to visit Norland in the spring to review progress on the training plan.\n")


def test_six_vs_eight_in_two_rewrites_of_one_report_is_flagged(tmp_path):
    corpus = corpus_of(tmp_path, {
        "1_wire.md": article("2025-03-08", "Harbour Herald", WIRE.format(n="six")),
        "2_rewrite.md": article("2025-03-08", "Valley Courier", WIRE.format(n="eight")),
    })
    assert len(set(corpus.origin_of.values())) == 1  # one report: the rewrite is no independent source
    (disagreement,) = find_disagreements(corpus)
    assert sorted(claim.value for claim in disagreement.claims) == ["eight", "six"]
    assert "patrol aircraft" in disagreement.what


# A flood's death toll reported on three days by three outlets.
TOLL = {
    "1_monday.md": article("2025-06-02", "Delta Daily", "Floods in the Marra valley killed 32 people on Sunday, "
                           "officials said.\n\nRescue teams searched villages along the river for survivors.\n"),
    "2_tuesday.md": article("2025-06-03", "River Post", "The floods in the Marra valley have killed 150 people, "
                            "the interior ministry said on Tuesday.\n\nThousands of families slept in schools.\n"),
    "3_wednesday.md": article("2025-06-04", "Valley Times", "Floods in the Marra valley have now killed 231 people, "
                              "the ministry said.\n\nThe army flew food to villages cut off by the water.\n"),
}


def test_a_death_toll_rising_over_three_days_is_one_developing_figure(tmp_path):
    corpus = corpus_of(tmp_path, TOLL)
    assert find_disagreements(corpus) == ()  # a count that changed over time is no disagreement
    tolls = [f for f in key_figures(corpus) if f.label == "people"]
    assert len(tolls) == 1
    (toll,) = tolls
    assert toll.value == "231" and toll.citations == (1, 2, 3)
    assert [(h.value, h.date.isoformat(), h.citations) for h in toll.history] == [
        ("150", "2025-06-03", (2,)), ("32", "2025-06-02", (1,))]


def test_a_toll_told_beside_a_clause_naming_a_town_is_still_the_storys_toll(tmp_path):
    # the province's toll, then "..., as the death toll rose to nine" after a clause about a town in
    # it: the town names where vaccinations began, not another toll; two places the counts' own
    # clauses name (two bombings) stay apart
    corpus = corpus_of(tmp_path, {
        "1.md": article("2026-08-03", "Wire", "Health officials in Varda province reported an outbreak of cholera "
                        "on Monday, with 80 suspected cases and 4 deaths.\n"),
        "2.md": article("2026-08-04", "Wire", "The number of cholera cases in Varda province rose to 140 on Tuesday, "
                        "and six people have died, the health ministry said.\n"),
        "3.md": article("2026-08-06", "Wire", "Health workers began vaccinating residents of Tellam against cholera "
                        "on Thursday, as the death toll from the outbreak rose to nine.\n"),
    })
    tolls = [f for f in key_figures(corpus) if f.value == "9"]
    assert len(tolls) == 1 and [h.value for h in tolls[0].history] == ["6", "4"]
    assert not [f for f in key_figures(corpus) if f.value in ("4", "6")]
    (tmp_path / "apart").mkdir()
    apart = corpus_of(tmp_path / "apart", {
        "1.md": article("2026-08-03", "Wire", "A bomb in Varda killed 4 people on Monday.\n"),
        "2.md": article("2026-08-04", "Wire", "Police said on Tuesday that a bomb in Tellam killed 9 people.\n"),
    })
    assert all(not f.history for f in key_figures(apart))


def test_the_developing_figure_shows_its_history_in_the_brief(build_brief):
    markdown = build_brief(TOLL).rendered.markdown
    row = next(line for line in markdown.splitlines() if line.startswith("| 231 |"))
    assert "earlier: 150, 3 June 2025" in row and "32, 2 June 2025" in row
    assert "Where sources disagree" not in markdown


def test_two_simultaneous_bombings_are_not_compared(tmp_path):
    corpus = corpus_of(tmp_path, {
        "1_nairobi.md": article("1998-08-08", "East Wire", "A truck bomb at the embassy in Nairobi killed 80 people "
                                "on Friday, police said.\n\nRescuers dug through the rubble through the night.\n"),
        "2_dar.md": article("1998-08-08", "Coast Herald", "A truck bomb at the embassy in Dar es Salaam killed 10 "
                            "people on Friday, police said.\n\nThe blast shattered windows across the harbour.\n"),
    })
    assert find_disagreements(corpus) == ()


@pytest.mark.parametrize("dash", [" _ ", " — ", ", "])
def test_a_place_named_in_an_aside_before_the_number_still_tells_two_bombings_apart(tmp_path, dash):
    def told(place: str, dead: int) -> str:
        return (f"The truck bomb{dash}which exploded outside the U.S. embassy in {place}{dash}killed {dead} people, "
                "officials said on Friday.\n")
    corpus = corpus_of(tmp_path, {"1.md": article("1998-08-08", "East Wire", told("Nairobi", 80)),
                                  "2.md": article("1998-08-08", "Coast Herald", told("Dar es Salaam", 10))})
    assert find_disagreements(corpus) == ()


def test_killed_and_wounded_are_different_things(tmp_path):
    corpus = corpus_of(tmp_path, {
        "1.md": article("1998-08-08", "East Wire", "The blast at the embassy killed 80 people, police said.\n"),
        "2.md": article("1998-08-08", "Coast Herald", "The blast at the embassy wounded 1,000 people, police said.\n"),
    })
    assert find_disagreements(corpus) == ()


@pytest.mark.parametrize("first, second, conflicts", [
    # two companies' shares, each fall told in a clause hung on its company's name
    ("In Kelso Stock Exchange composite trading Friday, Arland closed at $60, down 50 cents.",
     "Analysts cut their view of Corvo stock, which closed Friday at $71.75, down 75 cents, in Kelso Stock Exchange "
     "composite trading.", 0),
    # the company as the sentence's first word
    ("Arland closed at $60, down 50 cents, in Kelso Stock Exchange trading.",
     "Corvo closed at $71.75, down 75 cents, in Kelso Stock Exchange trading.", 0),
    # where a speaker spoke names nothing the number counts: one bomb's toll given two ways
    ("Speaking in Kelso, the minister said the bomb killed 213 people.",
     "Speaking in Corvo, the minister said the bomb killed 250 people.", 1),
    # one company's fall given two ways does disagree
    ("In Kelso Stock Exchange composite trading Friday, Arland closed at $60, down 50 cents.",
     "In Kelso Stock Exchange composite trading on Friday, Arland closed at $59.75, down 75 cents.", 1),
])
def test_a_clause_that_names_nothing_counts_for_the_name_before_it(tmp_path, first, second, conflicts):
    corpus = corpus_of(tmp_path, {"1.md": article("1998-10-30", "Market Wire", first + "\n"),
                                  "2.md": article("1998-10-30", "Trade Daily", second + "\n")})
    assert len(find_disagreements(corpus)) == conflicts


def test_one_fact_in_two_units_is_one_figure(tmp_path):
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-02-10", "Port News", "The storm surge reached 13.4 metres (44 feet) at the harbour "
                        "wall on Sunday.\n\nThe harbour master closed the port to shipping.\n"),
        "2.md": article("2025-02-10", "Coast Daily", "Waves of 44 feet struck the harbour wall, the harbour master "
                        "said.\n\nFishing boats stayed in port all week.\n"),
    })
    heights = [f for f in key_figures(corpus) if f.label in ("metres", "feet")]
    assert len(heights) == 1 and heights[0].citations == (1, 2)


def test_ordinals_clock_times_decades_ages_and_scores_are_not_figures(tmp_path):
    corpus = corpus_of(tmp_path, {"1.md": article("1998-10-12", "Sports Wire", (
        "The veteran celebrated his 83rd birthday at 10:30 a.m. on Sunday.\n\n"
        "Fans of 70s music, many of them in their 50s, packed the hall.\n\n"
        "Merchant defeated Saleh 5-4 after order was restored.\n\n"
        "Russell Henderson, 21, and Aaron McKinney, 22, were charged on Monday.\n\n"
        "UPDATES with quotes in 4th graf pvs.\n\n"
        "The 21-year-old student was one of 140 players from 19 countries.\n"))})
    values = {f.value for f in key_figures(corpus)}
    assert values <= {"140", "19"}


# One report told three times in other words (three outlets rewriting one wire story).
REWRITES = {
    "1_wire.md": article("2025-04-01", "Wire", (
        "The Arland government approved a plan to build 12 new schools in the northern provinces on Monday.\n\n"
        "Education minister Petra Lind said construction would begin in June.\n\n"
        "The schools will serve about 9,000 pupils in rural districts.\n\n"
        "Teachers' unions welcomed the decision but warned of staff shortages.\n")),
    "2_daily.md": article("2025-04-01", "Daily", (
        "On Monday the Arland government approved plans for 12 new schools to be built in the northern provinces.\n\n"
        "Education minister Petra Lind said building work would begin in June.\n\n"
        "The schools will serve about 9,000 pupils across rural districts.\n\n"
        "Teachers' unions welcomed the decision, though they warned about staff shortages.\n")),
    "3_gazette.md": article("2025-04-01", "Gazette", (
        "Arland's government on Monday approved a plan to construct 12 new schools in the northern provinces.\n\n"
        "Construction will begin in June, education minister Petra Lind said.\n\n"
        "About 9,000 pupils in rural districts will be served by the schools.\n\n"
        "Unions of teachers welcomed the decision and warned of a shortage of staff.\n")),
}


def test_three_rewrites_of_a_claim_in_other_words_count_as_three_sources_one_origin(tmp_path, build_brief):
    corpus = corpus_of(tmp_path, REWRITES)
    assert len(set(corpus.origin_of.values())) == 1
    support = claim_support(corpus)
    approved = [i for i, item in enumerate(corpus.items) if "approved" in item.text]
    assert approved and all(support[i] == (1, 2, 3) for i in approved)
    markdown = build_brief(REWRITES).rendered.markdown
    line = next(line for line in markdown.splitlines() if "approved" in line and line.startswith("- "))
    assert "3 sources, 1 origin" in line


def test_every_audience_explains_its_marks():
    import datetime as dt

    from briefer.core.models import Brief, BriefItem, Figure, Section, Source
    from briefer.output.render import render_markup, template_environment

    templates = Path(__file__).resolve().parent.parent / "templates"
    item = BriefItem("Arland approved 12 schools.", (1,), 1, 1.0)
    brief = Brief(title="t", date=dt.date(2025, 4, 1),
                  sections=(Section("bottom_line", "Bottom line", (item,)), Section("outcomes", "Outcomes", (item,))),
                  sources=(Source(1, "s", None, None, "1.md", None),),
                  figures=(Figure("12", "schools", (1,), 1, 1.0),))
    audiences = sorted(p.name for p in templates.iterdir() if (p / "brief.md.j2").exists())
    assert {"default", "analyst", "minister", "press"} <= set(audiences)
    for audience in audiences:
        markdown, _ = render_markup(brief, template_environment(templates, audience, autoescape=False),
                                    template_environment(templates, audience, autoescape=True), "A4", frozenset())
        if "◇" in markdown:
            assert "◇ marks a line resting on a single origin" in markdown, audience


def test_lines_that_do_not_stand_alone_are_recognised():
    from briefer.brief.compose import reads_alone

    for text in ("But the union is acting unhurried.", "They fear the group will split.",
                 "Another 19 states have no such law.", "Then there is the issue of union suicide.",
                 "The last time this happened was 1995.", "Q: What happened next?",
                 "EDITOR'S NOTE: This story was updated.", "UPDATES with quotes in 4th graf.",
                 "NBA CANCELS SEASON Commissioner David Stern said on Monday.",
                 # a shell noun or a relative anchor points to an event the page does not show
                 "The decision came after the longest talks of the year.", "The move angered the opposition.",
                 "Three days earlier, the ferry had left port.", "A week later the talks resumed.",
                 "Afterward, the minister flew home.", "The next year the court charged the firm.",
                 "Since then, the rebels have held only the east.", "After that, the talks stalled.",
                 "At that time, the port was closed.", "By that time the ferry had sunk.",
                 "Later, the minister flew home.", "Soon after, the council agreed to the plan.",
                 "Shortly afterward, the ferry sank.", "Later that day, the talks resumed.", "Earlier, the mayor had resigned.",
                 "Shortly thereafter, the ferry sank.", "Minutes later, the police arrived.", "Later on, the talks resumed.",
                 # a demonstrative and its noun, told before the line: which burden, which disputes?
                 "Families in Kelso suffer from this burden with little support.",
                 "There was no sign of either side shifting in those disputes on Monday.",
                 "To be clear, these differences of emphasis belie similar views.",
                 "Critics of the plan say these differences of emphasis belie a split.",
                 "Analysts in Kelso did the math on that feat.", "All judges in Kelso should be held to that standard.",
                 "Forty people in Kelso died on that day.", "By that point, the fire in Kelso had spread.",
                 "Ortiz was 20 at that time in Kelso.",
                 # "that" and one word closing the sentence after a verb: a demonstrative or a pronoun
                 "Kelso's unions spent the week trying to underscore that contrast.", "The Kelso council rejected that idea.",
                 "The mayor of Kelso would repeal that measure.", "Unions in Kelso are not going to let that happen.",
                 # an object "it" and what the verb makes of it: it is what?
                 "Ami Ode calls it the big prize.", "The Kelso Council declared it a protected site.",
                 # a pronoun after the subject a fronted clause's pronoun points to: "his" is her father's; whose father?
                 "In his younger days, her father worked in the building where her boss, Ami Ode, lived.",
                 # "he" with no one named before it: a sentence's opening preposition or approximator is no name
                 "Around 30 people came to each rally, he said.",
                 # a label set before the text: a note, a summary, a division of results, a transcript's speaker
                 "Note: The bundle includes a year of service.", "Summary: Kelso won the title.",
                 "6A: Kelso North took first in diving.", "Ortiz: We will win the vote.",
                 # a pointing opener in a contraction
                 "That's the deadline for the filing.", "They're expected to vote on Monday.", "It’s expected to drop.",
                 # a definite count: a set told before ("which two?"); a resolution or an allegation told before
                 "The two dead were found on the yacht.", "The nine crew on board were safe.", "The twenty victims were named.",
                 "The twenty-one victims were named.", "The 1500 workers walked out.",
                 "The council on Friday agreed to suspend the sanctions.", "The group in a statement claimed the attack.",
                 "The 30-year-old mechanic confessed in October.", "The resolution was passed unanimously.",
                 # a body or a person the article named before, unnamed on the page; a chronology entry
                 "The officials warned against complacency.", "The council has agreed to suspend the sanctions.",
                 "The organization endorsed the senator in 1996.", "Oct. 9, 1998: the minister appoints him envoy.",
                 # a fronted phrase whose object is a pronoun
                 "Among them is the winner of the first prize.", "Of those, two died in Kelso.",
                 "Despite this, the talks went on.", "For her, the vote was a test.",
                 # a fronted phrase with no verb, then a demonstrative subject
                 "Barring a major compromise, that will not be enough time to save the season.",
                 # a concession, then a demonstrative subject: "that" points before the concession
                 "While the minister counsels caution, that could mean the toll is far higher.",
                 "Although the union objected, that was not enough to stop the vote.",
                 # a shell noun for a claim told in a sentence not shown
                 "The claim could not be independently confirmed, and the government denied paying anything.",
                 # a closing attribution to a pronoun no one on the line names
                 "Members will vote on the deal next week, and the strike could resume if they reject it, she said.",
                 # "one" standing for a member of a set not shown
                 "Prosecutors are ready to move forward pending the amnesty application of one.",
                 # entries of a chronology: a year, a span of years, a year and its event, a month and year, a decade
                 # a conclusion drawn from the sentence before
                 "So the minister on Friday tried to win over the unions.", "So, the talks resumed.", "So Ortiz was forced to resign.", "So they were wrong.", "Other groups targeted by the police are gangs.", "If so, the talks would resume.",
                 # a document introduced: a lead-in before a colon
                 "Following are statements made on Friday by the ministry: Ortiz on Friday said no.",
                 "The following is the text of the accord: Article 1.",
                 "1982-83: Invades Kelso to drive out the rebels.", "1948 border war: Fights as a junior officer.",
                 "March 2003: Rebels take Kelso.", "1980s: Joins the army.", "1973 - Joins the army."):
        assert not reads_alone(text), text
    for text in ("It was not known where Annan will meet Gadhafi.", "Arland approved 12 new schools on Monday.",
                 "If the talks fail, that would end the season.",  # the demonstrative is the fronted clause
                 "Anotherland signed the deal.", "Updated figures show 10 dead.",
                 "The decisive vote came on Friday.", "The ferry left port three days earlier.",
                 "The Security Council voted on Friday.", "The ministers’ talks in Corvo were called useful.",
                 "Since 1997 the rebels have held only the east.", "The 11 nations that share the euro cut rates.",
                 "The 128-member parliament voted on Friday.", "The two-day summit opened in Kelso.",
                 "The 2012 request by the watchdog was refused.", "The 25 percent tariffs on steel took effect.",
                 "The party of Prime Minister Oda won 120 seats.", "Among those who died was a child.",
                 "For this year, the budget rose by 4 percent.", "Like it or not, the tariffs took effect on Monday.",
                 "2020 was different: the floods closed the schools.", "So far, 12 people have died in Kelso.",
                 "So many people came that the hall was closed.", "So-called rebels took Kelso.",
                 "Other than a brief debate, the session passed quietly.", "Soon after the vote, the council split.",
                 "Earlier this week, the ferry sank.", "Later on Sunday, the talks resumed.",
                 "Kelso's mayor resigned on Monday.", "There's no deal yet in Kelso.",
                 "At 10:30 the vote began in Kelso.", "The vote in Kelso: 52 to 48.",
                 "“Enough: we are leaving,” the union leader in Kelso said.", "Another’s loss is Kelso’s gain, analysts said.",
                 # the writer's moment or occasion, a clause saying which, a noun the line named before,
                 # a demonstrative standing for the clause before it
                 "Ortiz said this week the port would close.", "Ortiz will run again this September.",
                 "Steel plates from Kelso match those found at the clinic in Corvo.",
                 "Voters in Kelso said those voters who stayed home were wrong.",
                 "Few female leaders won, and those leaders were rare.",
                 "If the rebels take Kelso, this will end the war.", "Ortiz spent millions on this campaign.",
                 "At this stage, investigators in Kelso have ruled out arson.", "Ami Ode in Kelso contributed to this report.",
                 "Growth in Kelso will slow this quarter.", "Analysts say this trade war between Kelso and Corvo will hurt growth.",
                 "Officials in Kelso said that prices rose.", "Ortiz believes that Kelso matters.",
                 "Ortiz named the ferries that sank.", "The storm in Kelso was unusual in that it struck twice.",
                 "The ruling in Kelso matters in that judges rarely overturn verdicts.",
                 "When he arrived, Ortiz said his port was closed.", "When he arrived, the minister said his port was closed.",
                 "Kelso Ferries Inc. said it arranged a new loan.", "Ortiz made it clear that the port would stay open.",
                 "Congress made it a crime to fish in the bay at Kelso.", "Ortiz put it this way: the port is dead.",
                 "Throughout her career, Ortiz avoided grand gestures.", "Along with his wife, Ortiz was detained in Kelso.",
                 "So severe was the flooding that the bridge closed.", "So soon after the attack, the mood in Kelso was grim."):
        assert reads_alone(text), text


def test_no_sentence_twice_on_a_page_and_no_dangling_line(build_brief):
    markdown = build_brief(TOLL).rendered.markdown
    lines = [line for line in markdown.splitlines() if line.startswith(("- ", "> "))]
    bodies = [line[2:].split(" [[")[0].lstrip("*").strip() for line in lines]
    for body in bodies:
        assert not body.startswith(("But ", "They ", "Then ", "Another ")), body
    # A timeline entry shows the first words of its sentence: none may be a sentence a section shows.
    entries = [line for line in lines if line.startswith("- *") and "*: " in line]
    full = [b for line, b in zip(lines, bodies) if line not in entries]
    for entry in entries:
        start = entry.split("*: ", 1)[1].split(" … ")[0].split(" [[")[0]
        assert not any(text.startswith(start) for text in full), entry


def test_a_reading_in_two_scales_is_one_measure():
    from briefer.language.quantities import quantities, same_measure

    celsius, fahrenheit = quantities("Yeltsin had a fever of 37.4 Celsius (99.3 Fahrenheit) on Monday.")
    assert same_measure(celsius, fahrenheit)
    metres, feet = quantities("The surge reached 13.4 metres (44 feet) on Sunday.")
    assert same_measure(metres, feet) and not same_measure(metres, celsius)


def test_an_area_or_a_volume_in_two_units_is_one_figure(tmp_path):
    from briefer.language.quantities import measure, quantities, same_measure

    kilometres, miles = quantities("The blaze has burned 12,000 square kilometres (4,600 sq mi) of forest.")
    assert same_measure(kilometres, miles) and measure(kilometres)[0] == "area"
    (lake,) = quantities("The reservoir holds 2 million cubic metres of water.")
    (litres,) = quantities("The reservoir holds 2 billion litres of water.")
    assert same_measure(lake, litres)
    (nautical,) = quantities("The ship sank 19 nautical miles off the coast.")
    assert measure(nautical) is None  # a qualifier that is no power of the unit: not read as a length
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-07-14", "Forest Post", "The Varn fire has burned 12,000 square kilometres of forest "
                        "since June, the fire service said.\n\nCrews from four regions are on the lines.\n"),
        "2.md": article("2025-07-14", "Hill Courier", "The Varn fire has burned 4,600 square miles of forest since "
                        "June, the fire service said.\n\nCrews from four regions are on the lines.\n"),
    })
    (burned,) = [f for f in key_figures(corpus) if "burned" in f.context]
    assert burned.citations == (1, 2) and burned.value in ("12,000 square kilometres", "4,600 square miles")
    assert not find_disagreements(corpus)


def test_a_figure_shows_the_clause_that_says_what_it_counts(tmp_path):
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-04-02", "Port News", "Campaigners have collected nearly 12,000 signatures against the "
                        "new sea wall, their organiser said.\n\nWork on the wall starts in May.\n"),
        "2.md": article("2025-04-03", "Coast Daily", "The council has raised nearly $7 million for the new sea "
                        "wall.\n\nEngineers surveyed the harbour on Tuesday.\n"),
    })
    (signatures,) = [f for f in key_figures(corpus) if "12,000" in f.value]
    assert "collected nearly 12,000 signatures against the" in signatures.context
    text = "\n".join(member.text for item in corpus.items for member in item.members)
    assert signatures.context.strip("… ") in text  # the sources' words, never rebuilt


def test_two_modifiers_coordinated_before_one_noun_both_count_it(tmp_path):
    from briefer.language.quantities import quantities

    money, years = quantities("Kelso was facing a $2.2 billion, two-year budget deficit.")
    assert (money.unit, money.head, money.label) == ("$", "deficit", "budget deficit")
    assert (years.unit, years.head) == ("year", "deficit")
    # a comma before no hyphened number ends the phrase: "20 percent of the total" counts the total
    assert quantities("The port paid $5 million, 20 percent of the total.")[0].head is None
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-04-02", "Port News", "Kelso was facing a $2.2 billion, two-year budget deficit, "
                        "the mayor said on Monday.\n\nThe council met on Tuesday.\n"),
    })
    (deficit,) = [f for f in key_figures(corpus) if f.value == "$2.2 billion"]
    assert "two-year budget deficit" in deficit.context


def test_a_denomination_is_no_sum():
    from briefer.analysis.figures import _counts_something
    from briefer.language.quantities import quantities

    (note,) = quantities("The mayor spoke from the face of a giant $100 bill.")
    (spending,) = quantities("The council passed a $1 trillion spending bill.")
    assert not _counts_something(note) and _counts_something(spending)


def test_a_smaller_count_told_after_the_larger_is_not_its_earlier_value(tmp_path):
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-06-01", "East Wire", "The bombing of the ferry killed 270 people, officials said.\n"),
        "2.md": article("2025-06-02", "Coast Herald", "The bombing of the ferry killed 270 people in all.\n"),
        "3.md": article("2025-06-03", "Bay Times", "Of those killed in the bombing of the ferry, 11 people were "
                        "killed on the quay.\n"),
    })
    (total,) = [f for f in key_figures(corpus) if f.value == "270"]
    assert total.history == ()


def test_two_estimates_of_one_count_a_rounding_apart_are_one_row(tmp_path):
    # "more than 200 players" and "more than 220 players": one fact at two roundings; an exact
    # count of another size and an estimate far from it stay rows of their own
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-09-01", "East Wire", "More than 200 players with guaranteed contracts were not paid "
                        "on Monday, the union said.\n\nThe league cancelled 99 preseason games in the dispute.\n"),
        "2.md": article("2025-09-01", "Coast Herald", "More than 220 players with guaranteed contracts were not paid "
                        "on Monday as the lockout went on.\n\nThe league cancelled 99 preseason games.\n"),
        "3.md": article("2025-09-01", "Hill Times", "More than 200 players with guaranteed contracts were not paid, "
                        "union officials said.\n\nAbout 400 players belong to the union, which met in Chicago.\n"),
    })
    values = [f.value for f in key_figures(corpus)]
    assert "more than 200" in values and "more than 220" not in values
    assert "about 400" in values and "99" in values


def test_estimates_of_different_facts_or_bounds_stay_two_rows(tmp_path):
    # killed and rescued are two facts however close the numbers; "at least" and "up to" bound
    # a count from two sides
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-09-01", "East Wire", "At least 200 people were killed when the dam burst on Monday, "
                        "officials said.\n\nAbout 190 people were rescued from the flooded valley by boat.\n"),
        "2.md": article("2025-09-01", "Coast Herald", "At least 200 people were killed when the dam burst, the "
                        "governor said.\n\nAbout 190 people were rescued from the flooded valley by boat.\n"),
    })
    values = [f.value for f in key_figures(corpus)]
    assert "at least 200" in values and "about 190" in values


def test_an_estimate_and_a_bound_of_one_count_are_one_row(tmp_path):
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-09-01", "East Wire", "Some 200 players with guaranteed contracts were not paid on Monday, "
                        "the union said.\n"),
        "2.md": article("2025-09-01", "Coast Herald", "More than 220 players with guaranteed contracts were not paid "
                        "on Monday, the union said.\n"),
    })
    assert len([f for f in key_figures(corpus) if f.value.endswith(("200", "220"))]) == 1


def test_one_value_is_one_row_and_a_multiplicative_is_no_figure(tmp_path):
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-07-01", "East Wire", "Gunmen seized four foreign engineers near the dam on Monday.\n\n"
                        "The four men were later found alive, police said.\n\nThe guard was shot five times.\n"),
        "2.md": article("2025-07-02", "Coast Herald", "Police freed four foreign hostages near the dam.\n\n"
                        "The guard was shot five times in the leg.\n"),
    })
    figures = key_figures(corpus)
    assert [f.value for f in figures].count("4") == 1
    assert not any(f.value == "5" for f in figures)


def test_two_values_for_one_dated_past_event_disagree_whenever_the_articles_were_written(tmp_path):
    corpus = corpus_of(tmp_path, {
        "1.md": "---\ntitle: East Wire report\n---\nThe 1994 sinking of the ferry Estra off Kelso killed 852 "
                "people, the inquiry found.\n\nDivers returned to the wreck this week.\n",
        "2.md": "---\ntitle: Coast Herald report\n---\nThe 1994 sinking of the ferry Estra off Kelso killed 825 "
                "people, the inquiry found.\n\nRelatives laid wreaths at the harbour.\n",
    })
    (disagreement,) = find_disagreements(corpus)
    assert {claim.value for claim in disagreement.claims} == {"852", "825"}


def test_a_later_edition_of_one_report_with_a_new_count_is_a_development(tmp_path):
    text = ("Storms battered the coast of Arland on {day}, leaving {n} fishing boats missing, the coastguard said.\n\n"
            "Rescue helicopters from the naval base at Kelso searched the bay through the night.\n\n"
            "The harbour master closed the port of Kelso to all shipping until further notice.\n\n"
            "Forecasters expect the winds to ease by the end of the week, the weather service said.\n")
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-03-03", "East Wire", text.format(day="Monday", n="three")),
        "2.md": article("2025-03-04", "East Wire", text.format(day="Tuesday", n="two")),
    })
    assert len(set(corpus.origin_of.values())) == 1  # one report, a day apart
    assert find_disagreements(corpus) == ()


def test_a_year_that_dates_another_clause_does_not_make_two_counts_simultaneous(tmp_path):
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-03-03", "East Wire", "Set up in 1993, the tribunal has convicted two generals of war "
                        "crimes including murder, but no genocide conviction yet.\n"),
        "2.md": article("2025-03-09", "Coast Herald", "Set up in 1993, the tribunal has convicted three generals of war "
                        "crimes including murder, but no genocide conviction yet.\n"),
    })
    assert find_disagreements(corpus) == ()  # a count that grew between two dates, not a conflict


def test_a_figures_words_are_never_cut_inside_a_number(tmp_path):
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-02-01", "Port News", "Some 37 yachts were forced out of the 1,000-kilometer race, "
                        "officials said.\n"),
        "2.md": article("2025-02-02", "Coast Daily", "Some 37 yachts were forced out of the 1,000-kilometer race "
                        "by the storm.\n"),
    })
    (yachts,) = [f for f in key_figures(corpus) if f.value.endswith("37")]
    assert "the 1,000-kilometer race" in yachts.context


def test_a_line_that_calls_someone_by_a_bare_surname_needs_the_full_name_on_the_page():
    from briefer.brief.compose import surnames, unintroduced

    texts = ["Congressman Tony Harlan visited the flooded valley on Monday.",
             "Harlan said at least 300 families had lost their homes.",
             "The council met at City Hall to discuss the repairs."]
    names = surnames(texts)
    assert unintroduced(texts[1], texts[1], names)  # "Harlan" alone: who?
    assert not unintroduced(texts[1], texts[0] + " " + texts[1], names)  # the page names him in full
    assert not unintroduced(texts[2], texts[2], names)  # "City Hall" is a longer name, not a bare surname
    # a verb of saying after a name set off by commas makes it a person's ("One, Peter Kendal, claimed ...")
    said = ["One of the hostages, Peter Kendal, claimed they had been sent to spy.",
            "It was not known if Kendal spoke under duress."]
    assert unintroduced(said[1], said[1], surnames(said))
    assert not unintroduced(said[1], " ".join(said), surnames(said))


def test_a_surname_in_a_possessive_a_compound_or_after_a_sentence_opener_is_still_a_bare_surname():
    from briefer.brief.compose import surnames, unintroduced

    texts = ["Congressman Tony Harlan visited the flooded valley on Monday.",
             "But Harlan's aides said the count was rising.",
             "The Harlan-Voss bill would fund the repairs.",
             "Still Harlan said the levee would hold.",
             "Even Republicans who backed the bill said it came late.",
             "Chief Justice John Roberts wrote it, and Robert Mueller agreed."]
    names = surnames(texts + ["Congresswoman Ida Voss said so."])
    for line in texts[1:4]:
        assert unintroduced(line, line, names), line  # "But Harlan's", "Harlan-Voss", "Still Harlan": who?
        assert not unintroduced(line, line + " " + texts[0] + " Congresswoman Ida Voss said so.", names), line
    assert unintroduced(texts[2], texts[2] + " " + texts[0], names)  # Voss is not named
    assert "Republicans" not in names  # "Even" opens the sentence; it is no given name
    assert names["Roberts"] == {"John Roberts"}  # a surname however "Robert" is written elsewhere


@pytest.mark.parametrize("text, page, expected", [
    ("The Texas senator led both rivals in the polls.", (), True),  # who? the article named Ted Cruz before
    ("The Texas senator led both rivals in the polls.", ("Ted Cruz won the primary.",), False),  # named on the page
    ("The Texas senator Ted Cruz led both rivals.", (), False),  # the name is beside it
    ("The real estate mogul listed the resort as a liability.", (), True),
    ("The new president must be sworn in by Nov. 24.", (), False),  # a role to be filled
    ("The chief executive of Granger Telecom, Ray Verth, said so.", (), False),  # it says who
    ("The senator who wrote the bill said so.", (), False),
    ("The Texas senator's campaign raised $10 million.", (), True),
    ("The plan angered the mayor.", (), False),  # no description of someone: a verb among the words
    ("The average voter pays $300 more.", (), False),  # a kind of person
    ("The first woman to lead the nation was elected in 1990.", (), False),  # it says who
    # the subject of what a saying reports is described the same way
    ("Prosecutor Ann Vale said the 30-year-old mechanic used the nickname Wolf.", (), True),
    ("Prosecutor Ann Vale said the Texas senator led both rivals.", (), True),
    ("Prosecutor Ann Vale said the 30-year-old mechanic used the nickname Wolf.", ("Ted Cruz won.",), False),
    ("Prosecutor Ann Vale said the vote was fair.", (), False),
])
def test_a_person_told_by_a_description_needs_the_one_named_before_on_the_page(text, page, expected):
    from briefer.brief.compose import unintroduced

    before = ("Ted Cruz won the primary.",)
    assert unintroduced(text, " ".join((text, *page)), {}, before) is expected


def test_a_brief_names_in_full_whoever_its_lines_call_by_surname(build_brief):
    articles = {
        "1.md": "---\ndate: 2025-04-01\n---\nFlood waters cut the valley road near Kelso on Monday, officials said.\n\n"
                "Harlan said at least 300 families had lost their homes in the valley floods.\n\n"
                "Engineers began repairing the valley road near Kelso on Tuesday.\n",
        "2.md": "---\ndate: 2025-04-02\n---\nHarlan said the valley floods had destroyed 300 homes near Kelso.\n\n"
                "Crews reopened one lane of the valley road near Kelso on Wednesday.\n\n"
                "Congressman Tony Harlan toured the valley on Wednesday.\n",
    }
    markdown = build_brief(articles).rendered.markdown
    lines = [line for line in markdown.splitlines() if line.startswith("- ")]
    called = [k for k, line in enumerate(lines) if "Harlan" in line]
    named = [k for k, line in enumerate(lines) if "Tony Harlan" in line]
    assert not called or named and named[0] == called[0]  # named in full at the first line that calls him


def test_no_line_calls_someone_by_surname_however_many_candidates_need_the_full_name(build_brief):
    # more lines that call him "Harlan" than the rounds of giving way can replace: the last
    # replacements are checked too, and left out rather than shown unintroduced
    verbs = ["toured", "inspected", "visited", "opened", "closed", "praised", "criticised", "funded", "surveyed", "blessed"]
    things = ["the levee", "a shelter", "the dam", "a school", "the bridge", "a clinic", "the harbour"]
    articles = {}
    for day, place in enumerate(["Kelso", "Arden", "Brent", "Corran", "Dunmore", "Elgin"], 1):
        lines = [f"Harlan {verbs[(day + k) % len(verbs)]} {things[(day * 3 + k) % len(things)]} near {place} "
                 f"on day {k + 1} of the floods." for k in range(5)]
        articles[f"{day}.md"] = (f"---\ndate: 2025-04-{day:02d}\n---\n" + "\n\n".join(lines)
                                 + "\n\n\u201cWe will rebuild,\u201d said Congressman Tony Harlan.\n")
    articles["7.md"] = ("---\ndate: 2025-04-07\n---\nThe river Tarn burst its banks near Kelso on Monday, "
                        "flooding 300 homes, officials said.\n")
    markdown = build_brief(articles).rendered.markdown
    lines = [line for line in markdown.splitlines() if line.startswith("- ") and "Harlan" in line]
    assert "Tony Harlan" in markdown or not lines, lines
    assert "The river Tarn burst its banks" in markdown  # the line that needs no one's name stays


def test_a_line_that_names_its_anchor_event_stands_alone():
    from briefer.brief.compose import reads_alone

    assert reads_alone("Three years after the war ended, the country held its first free election.")
    assert reads_alone("Two days before the vote, rebels attacked a polling station in Kelso.")
    assert not reads_alone("Two days after, the talks resumed in Kelso.")


def test_a_pronoun_or_a_connective_that_points_to_a_sentence_not_shown_does_not_stand_alone():
    from briefer.brief.compose import reads_alone

    for text in ("In taking the post of envoy, however, he would have to drop his opposition to the deal.",
                 "A defeat, on the other hand, would leave the coalition without a port.",
                 "For that reason, some aides say the vote is close.",
                 "The trial will give survivors of his shelling a chance to testify.",
                 "It is expected to drop to the common rate by January.",  # "it" is something named before
                 "Both were dominant companies of their day.", "Neither has said how the deal was financed.",
                 "The rebels took casualties, too, but the number was not known.",  # as someone else did
                 "Moreover, the state ran the smuggling ring.", "All of which suggests the vote is close.",
                 ". . . HARBOUR The inquiry finds that in 1986 the port conspired with smugglers.",
                 # a phrase before the subject holds no one the pronoun stands for, a name in it neither
                 "In an interview with the Kelso Gazette, he stopped short of calling for a strike.",
                 "Standing a few feet from Ortiz, she said the harbour would reopen.",
                 "On Monday, he said the ferry was safe."):
        assert not reads_alone(text), text
    for text in ("Mayor Ines Ortiz said she would resign on Friday.",
                 "The port director said his staff had closed the harbour.",
                 "When he landed in Kelso, Ortiz said the airport was calm.",
                 "When Ortiz landed in Kelso, she said the airport was calm.",  # a clause before: she is Ortiz
                 "As the port's director, he ordered the harbour closed.",  # a role says who
                 "After Ortiz's defeat, she conceded the race.",
                 "The rebels said their fighters held the town.",
                 "It is expected that the talks will resume.", "Both leaders discussed the ferry dispute.",
                 "The ferry was too small to carry the trucks."):
        assert reads_alone(text), text


def test_a_body_the_page_never_names_leaves_its_line_unintroduced():
    from briefer.brief.compose import unintroduced

    said = "The ferry operator has warned towns along the coast to expect delays, the newspaper said."
    assert unintroduced(said, said, {})  # which newspaper?
    assert not unintroduced(said, said + " The Kelso Gazette reported the strike first, the newspaper said.", {})
    decided = "Fishermen in Kelso sharply criticised the decision."
    assert unintroduced(decided, decided, {})  # which decision?
    assert not unintroduced(decided, decided + " The council's decision to close the port angered them.", {})
    events = "Events mentioned in the resolution include the coup last year."
    assert unintroduced(events, events, {})  # which resolution?
    assert not unintroduced(events, events + " The House passed a resolution condemning the coup.", {})
    # many newspapers, both parties: a plural says no one of them is meant
    assert unintroduced(said, said + " Kelso newspapers reported the strike first.", {})
    wants = "The last thing the party wants is a vote on the harbour before the election."
    assert unintroduced(wants, wants + " Voters in both parties back the ferry.", {})
    assert not unintroduced(wants, wants + " The Harbour Party backs the ferry.", {})
    for text in ("Judges at the tribunal in Arusha upheld the sentence.",  # it says which one
                 "Hamas, the group behind the raid, denied it.",  # the name stands beside it
                 "A newspaper in Kelso printed the letter, and the newspaper was sued."):
        assert not unintroduced(text, text, {}), text


def test_a_question_or_matter_in_dispute_the_page_never_tells_leaves_its_line_unintroduced():
    from briefer.brief.compose import reads_alone, unintroduced

    drawn = "The foreign minister will be drawn directly into the issue, aides said."
    assert unintroduced(drawn, drawn, {})  # which issue?
    assert not unintroduced(drawn, "The issue of the harbour toll divides the cabinet. " + drawn, {})
    mystery = "A new chapter in the mystery will be written on Thursday."
    assert unintroduced(mystery, mystery, {})
    assert not unintroduced("A new chapter in the mystery of the lost ferry will be written on Thursday.", "", {})
    assert not reads_alone("The dispute began when the council raised the toll.")  # which dispute?
    assert reads_alone("The dispute over the harbour toll began in May.")
    # a word before the noun says what it is about, as a complement after it does
    assert not unintroduced("Marek will visit Kelso to review progress on the training plan.", "", {}, (), ("Title",))
    # an anonymous source named by what it knows points back to nothing
    assert not unintroduced("Two officials familiar with the matter said the talks would resume.", "", {})
    # a clause fronted in the line itself tells what the matter is
    assert not unintroduced("If voters reject the harbour toll, the matter goes to a referendum.", "", {})


@pytest.mark.parametrize("line, alone", [
    # idioms and shell nouns whose content follows: nothing to point back to
    ("A tax rise is out of the question, the finance minister said.", True),
    ("Rates will stay low, as is the case across most of Europe.", True),
    ("Lawyers say the heart of the matter is who owns the harbour.", True),
    ("Exporters say the toll is part of the problem, along with high fuel prices.", True),
    ("Critics say the vote raises the question whether the toll is legal.", True),
    ("The question now is whether judges will hear an appeal.", True),
    ("The problem is that the bridge was built for lighter trucks, engineers said.", True),
    ("Ministers met on Monday to settle the dispute over the harbour toll.", True),
    ("Prosecutors laid out the case against the former mayor on Tuesday.", True),
    # a phrase or a clause of time before the noun tells nothing of it; nor does a month set off
    ("After the meeting, the matter was sent to a committee.", False),
    ("When the minister arrived, the scandal had already broken.", False),
    ("Since May, the dispute has cost exporters millions.", False),
    ("Ortiz said she would raise the issue with the prime minister next week.", False),
    # "close to" says who a source is near, not what it knows: which company?
    ("People close to the company said it would cut 500 jobs.", False),
])
def test_a_shell_noun_points_back_only_where_nothing_in_the_line_says_what_it_is(line, alone):
    from briefer.brief.compose import reads_alone, unintroduced

    assert (reads_alone(line) and not unintroduced(line, line, {}, (), ("Harbour toll vote",))) == alone


def test_a_body_in_the_possessive_is_a_mention_of_it():
    from briefer.brief.compose import reads_alone, unintroduced

    line = "Schumer met privately with the group's top officials last week."
    assert unintroduced(line, line, {}, (), ("Senate race",))  # which group?
    assert not unintroduced(line, line, {}, (), ("Senate race", "The Harbour Trust, a group of dock workers, met."))
    assert not reads_alone("The company's shares fell 4 percent on Monday.")  # as "The company said ..."
    # a body the line names itself may be what "the league" stands for; a person's name is no body
    named = "The Northern Hockey Association canceled two weeks of games, the first time in the league's history."
    assert not unintroduced(named, named, {}, (), ("Hockey lockout",))
    place = "Norland and South Kelso will field teams at a friendly match on Nov. 22, the newspaper said."
    assert unintroduced(place, place, {}, (), ("Games",))  # a place is no body the newspaper could be
    person = "Congressman Tony Harlan said the newspaper had misquoted him."
    assert unintroduced(person, person, {"Harlan": frozenset({"Tony Harlan"})}, (), ("Flood aid",))


def test_a_qualifier_of_titles_alone_makes_no_one_a_person():
    from briefer.brief.compose import surnames, unintroduced

    names = surnames(["Arland Energy Inc. arranged a credit line with Kelso National Bank, a unit of Corvo Corp.",
                      "It will repay one of its lenders, National Norland Corp.", "The Federal Reserve Board met."])
    assert not {"Bank", "Corp", "Board"} & set(names)
    # with a title, a qualifier still goes with a person's name
    names = surnames(["Foreign Minister Ines Ortiz flew to Kelso.", "Former Gov. Tom Hale endorsed her.",
                      "National Security Adviser Ana Reyes met him."])
    assert {"Ortiz", "Hale", "Reyes"} <= set(names)
    # a role set off after the name tells a person's too
    names = surnames(["It was a surprise when Tomas Vidal, one of the most powerful union leaders in Kelso, spoke.",
                      "Ines Ortiz, president of the ferry union, left.", "They sailed to Port Arland, the capital of Corvo."])
    assert set(names) == {"Vidal", "Ortiz"}
    # a role that companies hold too shows no person; a place named like someone of the story is a
    # place, but "at" goes with people too
    assert not surnames(["Arland Skiing, the owner of three ski runs in Kelso, sued."])
    assert "Vidal" in surnames(["Tomas Vidal, a member of parliament, said the vote was rigged."])
    names = surnames(["Tomas Kelso, a senior lawyer with the commission, read the article."])
    assert unintroduced("Kelso said the talks failed.", "Kelso said the talks failed.", names)
    assert not unintroduced("The trial opened in Kelso on Monday.", "The trial opened in Kelso on Monday.", names)
    assert unintroduced("The senator took aim at Kelso on Monday.", "The senator took aim at Kelso on Monday.", names)


def test_a_day_or_a_place_before_a_verb_of_saying_is_no_surname():
    from briefer.brief.compose import reads_alone, surnames, unintroduced

    names = surnames(["The Northern Hockey Association Tuesday said it canceled 99 games.",
                      "South Norland agreed to send troops.", "North Kelso warned of floods.",
                      "Prime Minister Ines May said the port would reopen."])
    assert "Tuesday" not in names and "Norland" not in names and "Kelso" not in names
    assert "May" in names  # a month's name may be a surname
    # a title before a bare surname elsewhere tells a person's: "Mrs. Carson" needs "Julia Carson"
    titled = surnames(["David Price and Julia Carson would have had little in common.", "Mrs. Carson is worried."])
    assert titled == {"Carson": frozenset({"Julia Carson"})}
    # a body the line names may be what "the league" stands for; a city is no body
    city = "Kelso City officials met on Monday, according to the newspaper."
    assert unintroduced(city, city, {}, (), ("Floods",))
    group = "Ines Ortiz, director of the Kelso Harbour Pride Agenda, said the group had endorsed the mayor."
    assert not unintroduced(group, group, {"Ortiz": frozenset({"Ines Ortiz"})}, (), ("Harbour vote",))
    # a name inside a quotation is not who "he" is in its attribution
    assert not reads_alone("“Norland has agreed to a trial in a third country,” he said.")
    assert reads_alone("“Norland has agreed to a trial,” Ines Ortiz said, and she left.")


def test_a_body_named_only_further_down_the_page_is_not_named_for_the_line_above():
    from briefer.brief.compose import unintroduced

    line = "In a precedent cited by its supporters, the organization endorsed Ines Ortiz in 2019."
    below = "The Harbour Trust, the largest organization of dock workers, is about to endorse Ortiz."
    page = line + " " + below
    assert not unintroduced(line, page, {})  # the page's order not given: the page names it
    assert unintroduced(line, page, {}, above=("Harbour vote",))  # read from the top, it comes too late
    assert not unintroduced(line, page, {}, above=("Harbour vote", below))


def test_a_second_mention_whose_first_the_page_does_not_show_leaves_its_line_unintroduced():
    from briefer.brief.compose import unintroduced

    before = ("Gunmen attacked the harbour office in Kelso on Monday.", "Prosecutors opened a case against the ferry firm.")
    line = "Officials said the attackers were believed to be dock workers."
    assert unintroduced(line, line, {}, before)  # which attackers? the attack is not on the page
    assert not unintroduced(line, line + " Gunmen attacked the harbour office in Kelso.", {}, before)
    assert not unintroduced(line, line, {})  # the first line of its article points back to nothing
    case = "Whether the court will examine the case remains unclear."
    assert unintroduced(case, case, {}, before)
    assert not unintroduced("Whether the court will examine the case of the ferry firm remains unclear.",
                            case, {}, before)  # it says which case
    assert not unintroduced("A case was opened, and the case remains open.", case, {}, before)  # introduced in the line
    assert not unintroduced("While the cases of fraud and theft are many, it is not clear the city has changed.",
                            "", {}, before)  # "the cases of fraud": it says which ones
    # a name set beside the phrase says which one; another form of the noun on the page shows it
    assert not unintroduced("Officials in the office, the Kelso Harbour Office, said little.", "", {}, before)
    assert unintroduced("Officials in the office said little.", "", {}, before)
    beating = "The pilot died from injuries suffered in the beating."
    told = before + ("The beating shocked the town.",)
    assert unintroduced(beating, beating, {}, told)
    assert not unintroduced(beating, beating + " He was beaten on the quay.", {}, told)
    # a line naming someone the page writes in full is checked for second mentions all the same
    names = {"Ortiz": frozenset({"Ines Ortiz"})}
    assert unintroduced("Ines Ortiz said the attackers were believed to be dock workers.", "", names, before)
    # a first mention is no second one: "the bridge" the sentences before never told (a bare
    # definite may name what the setting makes unique: "The government ...", "The storm ...")
    assert not unintroduced("The bridge was too narrow to carry the trucks.", "", {}, before)


def test_a_distance_that_locates_a_place_a_number_in_a_name_and_a_bound_before_an_article(tmp_path):
    body = ("Rebels seized Kalma, the river port 380 kilometers (235 miles) east of the capital, on Monday. "
            "More than a dozen aid groups left Kalma, and 4,000 refugees crossed the border. "
            "Leaders of the Group of Seven industrial nations urged a ceasefire.")
    corpus = two_reports(tmp_path, body)
    figures = key_figures(corpus)
    values = [f.value for f in figures]
    assert "380" not in values and "235" not in values  # where Kalma is, not a figure of the story
    assert "7" not in values  # "the Group of Seven" is a name
    assert "12" not in values and "more than 12" in values  # a bound stays a bound
    assert "4,000" in values


def test_a_person_given_two_ages_in_differently_dated_reports_is_a_disagreement(tmp_path):
    corpus = corpus_of(tmp_path, {
        "a.md": article("2025-03-03", "Wire", "Police charged Aaron McKinnon, 21, with the attack on the ferry pier. "
                                              "The pier in Kelso was closed on Sunday."),
        "b.md": article("2025-03-05", "Daily", "McKinnon, 22, appeared in court in Kelso on Tuesday over the attack "
                                               "on the ferry pier."),
        # one family: two first names with one surname are two people, not a disagreement
        "c.md": article("2025-03-05", "Gazette", "Ilse Varga, 64, and her husband Anton Varga, 67, watched the ferry "
                                                 "leave Kelso."),
    })
    ages = [d for d in find_disagreements(corpus) if d.what.startswith("age of")]
    assert [d.what for d in ages] == ["age of McKinnon"]
    assert sorted(claim.value for claim in ages[0].claims) == ["21", "22"]
    paths = {c.article.number: c.article.path for c in corpus.articles}
    assert {claim.value: [paths[n] for n in claim.citations] for claim in ages[0].claims} == {"21": ["a.md"], "22": ["b.md"]}


def test_a_count_one_article_gives_both_ways_developed_and_is_no_disagreement(tmp_path):
    # undated rewrites of one report: the wire copy tells "three" yachts missing, then "two" once one
    # was found; its rewrite keeps only "three". One article giving both values told a change.
    story = ("Rescuers searched on Monday for the three missing yachts in the storm off Kelso, race officials said. "
             "Helicopters winched eleven sailors to safety from two sinking boats. "
             "{later}The race director said the fleet would sail on.")
    corpus = corpus_of(tmp_path, {
        "a.txt": story.format(later="Two yachts were still missing in the storm off Kelso late on Monday. "),
        "b.txt": story.format(later=""),
        "c.txt": story.format(later="").replace("the three missing yachts", "the two missing yachts"),
    })
    assert not [d for d in find_disagreements(corpus) if "yacht" in d.what]


def test_one_first_name_spelt_two_ways_is_one_person_given_two_ages(tmp_path):
    corpus = corpus_of(tmp_path, {
        "a.md": article("2025-03-03", "Wire", "His friend, Chastity Pasco, 21, was charged as an accessory in Kelso."),
        "b.md": article("2025-03-05", "Daily", "Chasity Pasco, 20, was arraigned in Kelso on Tuesday as an accessory."),
    })
    ages = [d for d in find_disagreements(corpus) if d.what.startswith("age of")]
    assert [d.what for d in ages] == ["age of Pasco"]


def test_a_count_a_place_owns_given_two_ways_is_a_disagreement_whenever_written(tmp_path):
    corpus = corpus_of(tmp_path, {
        "a.md": article("2025-03-03", "Wire", "Floods cut the grain harvest in Norland, whose leaders must feed "
                                              "Norland's 22 million people. Aid ships reached Kelso on Monday."),
        "b.md": article("2025-03-09", "Daily", "Aid agencies say the harvest in Norland will not feed its 23 million people. "
                                               "The floods hit Norland in August."),
    })
    people = [d for d in find_disagreements(corpus) if "people" in d.what]
    assert len(people) == 1 and sorted(c.value for c in people[0].claims) == ["22 million", "23 million"]


def test_counts_owned_by_two_places_or_by_no_one_named_are_not_compared(tmp_path):
    corpus = corpus_of(tmp_path, {
        "a.md": article("2025-03-03", "Wire", "Kelso's 40,000 workers struck on Monday over the port closure."),
        "b.md": article("2025-03-04", "Daily", "Varno's 90,000 workers joined the strike over the port closure."),
        "c.md": article("2025-03-05", "Post", "The company said its 12,000 workers would be paid during the strike."),
    })
    assert not [d for d in find_disagreements(corpus) if "workers" in d.what]
    # "its" without the owner's name in its sentence is someone else's count
    (tmp_path / "two").mkdir()
    corpus = corpus_of(tmp_path / "two", {
        "a.md": article("2025-03-03", "Wire", "Kelso's 40,000 workers struck on Monday over the port closure."),
        "c.md": article("2025-03-05", "Post", "The company said its 12,000 workers would be paid during the strike."),
    })
    assert not [d for d in find_disagreements(corpus) if "workers" in d.what]


def test_a_rewrite_that_changes_the_year_of_a_past_event_is_a_disagreement(tmp_path):
    corpus = corpus_of(tmp_path, {
        "a.md": article("2025-03-03", "Wire", "Ortiz, appointed harbour master in 1988 amid a strike at the Kelso "
                                              "docks, is credited with rebuilding the ferry fleet."),
        "b.md": article("2025-03-06", "Daily", "Ortiz, appointed harbour master in 1989 amid a strike at the Kelso "
                                               "docks, is credited with rebuilding the ferry fleet."),
        # another event in another year, told in other words, is no conflict
        "c.md": article("2025-03-06", "Post", "Ortiz was first elected to the Kelso council in 1979."),
    })
    years = [d for d in find_disagreements(corpus) if d.what == "year"]
    assert len(years) == 1
    paths = {c.article.number: c.article.path for c in corpus.articles}
    assert {c.value: [paths[n] for n in c.citations] for c in years[0].claims} == {"1988": ["a.md"], "1989": ["b.md"]}


def test_the_ends_of_a_range_are_no_figure_but_a_change_keeps_its_new_value(tmp_path):
    body = ("Between 300 and 400 families fled Kelso on Monday, and three to five boats sank each day. "
            "Ferry fares rose from 25% to 50% of a day's wage, and 4,000 refugees crossed the border.")
    corpus = two_reports(tmp_path, body)
    values = [f.value for f in key_figures(corpus)]
    assert not {"300", "400", "5"} & set(values)
    assert "4,000" in values
    from briefer.analysis.figures import _in_a_range
    from briefer.language.annotate import annotate

    change = "The ferry fleet grew from 30 boats to 45 boats."
    assert [_in_a_range(change, q) for q in annotate(change, None).quantities] == [False, False]


def test_review_cases_for_figures_and_disagreements(tmp_path):
    from briefer.analysis.figures import _hedge, _in_a_name, _in_a_range
    from briefer.language.annotate import annotate

    def read(text):
        return [(q, _hedge(text, q), _in_a_range(text, q), _in_a_name(text, q)) for q in annotate(text, None).quantities]

    ((term, hedge, _, _),) = read("A court sentenced Ortiz to a 20-year prison term.")
    assert term.exact and hedge == ""  # "to a" is no bound
    ((workers, _, in_range, _),) = [r for r in read("The plant opened in 1988 and 300 workers lost their jobs.")
                                    if r[0].value == 300]
    assert not in_range
    assert all(r[2] for r in read("Between 2 million and 3 million people fled."))
    ((three, _, _, in_name),) = read('"Three people were killed in the raid," the governor said.')
    assert not in_name
    # a developing toll a place "has" is no membership; a mother's age is not her son's
    corpus = corpus_of(tmp_path, {
        "a.md": article("2025-03-03", "Wire", "Norland's 1,200 dead were buried on Monday. Ortiz, 21, died in Kelso."),
        "b.md": article("2025-03-06", "Daily", "Norland's 3,400 dead were buried by Thursday. "
                                               "His mother, Ines Ortiz, 45, spoke in Kelso."),
    })
    assert not find_disagreements(corpus)


def test_the_datelines_place_named_only_as_here_leaves_a_line_that_does_not_stand_alone():
    from briefer.brief.compose import reads_alone

    assert not reads_alone("At a rally outside city hall here on Friday night, dockers chanted slogans.")
    assert not reads_alone("As the pilot lay in hospital, this small city was in shock.")
    assert reads_alone('Mayor Ines Ortiz said, "The ferry will stay here until spring."')  # the speaker's here
    assert reads_alone("Officials in this city of 2 million people said the ferry was late.")  # it says which city
    assert reads_alone("Here is what the council decided on Monday.")


def test_a_name_with_an_age_set_off_by_commas_is_a_persons():
    from briefer.brief.compose import surnames, unintroduced

    texts = ["Ines Varga, 37, who headed the port office, was freed on Saturday.",
             "It was unclear where Varga was held."]
    names = surnames(texts)
    assert "Varga" in names
    assert unintroduced(texts[1], texts[1], names)


@pytest.mark.parametrize("text", ["Paradoxically, the mayor was first elected with the dockers' votes.",
                                  "Specifically, she discusses a ruling last year by the port court.",
                                  "In the meantime, last May the council sued the ferry firm.",
                                  "Conversely, the port of Varno reopened on Monday."])
def test_an_opener_that_contrasts_or_narrows_a_point_not_shown_does_not_stand_alone(text):
    from briefer.brief.compose import reads_alone

    assert not reads_alone(text)


def test_review_cases_of_one_article_giving_both_values_and_of_first_names(tmp_path):
    from briefer.analysis.disagree import _two_people

    assert _two_people({"Mark", "Mary"}) and _two_people({"Paul", "Paula"}) and _two_people({"Eric", "Erica"})
    assert not _two_people({"Chastity", "Chasity"})
    # an article telling another event with the other value does not hide a conflict
    corpus = one_day(tmp_path, "2025-03-03",
        "A car bomb killed two people in the Kelso market on Monday, police said. "
        "A 2019 bomb in Varno killed three people near the docks.",
        "A car bomb killed three people in the Kelso market on Monday, police said.")
    assert [d for d in find_disagreements(corpus) if "people" in d.what]


def test_a_first_mention_further_down_the_page_comes_too_late():
    from briefer.brief.compose import unintroduced

    before = ("Kelso beat Tarn 5-3 in a snooker match on Monday.",)
    line = "The match was one of the first as snooker made its debut at the games."
    below = "Kelso's players beat Tarn in the match, the first snooker match of the games."
    page = line + " " + below
    assert not unintroduced(line, page, {}, before)  # the whole page, as before: the match is on it
    assert unintroduced(line, page, {}, before, above="Snooker at the games")  # but only below the line
    assert not unintroduced(line, page, {}, before, above="Snooker at the games " + below)


def test_review_cases_of_second_mentions_and_the_datelines_place():
    from briefer.brief.compose import reads_alone, unintroduced

    before = ("He faced fraud charges in Kelso.",)
    assert not unintroduced("The charges against him were dropped on Monday.", "", {}, before)  # it says which
    assert reads_alone("Officials here in Kelso said the talks would resume.")  # the place is named
    assert reads_alone("The rules apply from here on, the council said.")
    assert reads_alone("Earlier this week city officials announced a curfew.")


def test_a_gloss_on_words_not_shown_does_not_stand_alone():
    from briefer.brief.compose import reads_alone

    assert not reads_alone("Kelso Mayor Ines Ortiz was responding to allegations by the port's auditor.")
    assert not reads_alone("He was referring to the harbour master, who resigned in May.")
    assert reads_alone("Kelso Mayor Ines Ortiz responded on Monday to the auditor's report on the port.")


def test_a_line_with_two_sentences_run_together_mid_word_is_not_used():
    from briefer.brief.compose import reads_alone

    assert not reads_alone("The accords were signed five weeks before that year's prize was annouCkuld not give Carter the prize.")
    assert reads_alone("Aaron McKinney and Tom DeLay bought an iPhone on eBay.")


def test_second_review_cases_of_glosses_fused_words_and_tallies():
    from briefer.brief.compose import reads_alone
    from briefer.language.quantities import quantities

    assert reads_alone("Two police officers were shot dead on Monday while they were responding to a call in Kelso.")
    assert reads_alone("Low-cost airline easyJet cut 4,000 jobs on Monday.")
    assert not reads_alone("The village, 40 kilometers from here, was shelled overnight.")
    assert [q.written for q in quantities("The index plunged 500 points to 9,800.")] == ["500", "9,800"]


def test_a_shell_noun_opening_a_line_stays_when_what_follows_says_which_one():
    from briefer.brief.compose import reads_alone

    for text in ("The decision came after the longest talks of the year.", "The move angered the opposition."):
        assert not reads_alone(text), text
    for text in ("The decision to close the port angered fishermen.", "The move to close the port angered fishermen.",
                 "The announcement of the ferry timetable came late.", "The proposal that fares rise was dropped."):
        assert reads_alone(text), text


# A toll told three ways on three days: "killing", "the death toll rose to", "bringing the toll to".
TOLL_IN_OTHER_WORDS = {
    "1.md": article("2025-02-10", "Capital Post", "A powerful earthquake struck Varosh province on Monday, killing 32 "
                    "people and flattening hundreds of homes, officials said.\n\nRescue teams dug through the rubble "
                    "in Imbra.\n"),
    "2.md": article("2025-02-11", "Hill Times", "The death toll from Monday's earthquake in Varosh province rose to "
                    "150 on Tuesday, officials said.\n\nAftershocks hampered the search in Imbra.\n"),
    "3.md": article("2025-02-12", "Coast Daily", "Rescuers found more bodies on Wednesday, bringing the death toll "
                    "from the Varosh earthquake to 231, officials said.\n\nForeign aid began arriving in Imbra.\n"),
}


def test_a_toll_told_in_other_words_each_day_is_one_developing_figure(tmp_path):
    corpus = corpus_of(tmp_path, TOLL_IN_OTHER_WORDS)
    assert find_disagreements(corpus) == ()
    (toll,) = [f for f in key_figures(corpus) if f.history]
    assert toll.value == "231" and toll.citations == (1, 2, 3)
    assert [(h.value, h.citations) for h in toll.history] == [("150", (2,)), ("32", (1,))]


def test_a_count_read_back_from_its_verb_develops_with_the_count_it_names(tmp_path):
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-08-04", "Health Wire", "Health officials in Bessin have recorded 312 cases of cholera "
                        "in the port district of Aral, the ministry said on Monday.\n\nClinics treated patients in tents.\n"),
        "2.md": article("2025-08-05", "Health Wire", "The number of cholera cases in the Aral district of Bessin has "
                        "risen to 540, the ministry said on Tuesday.\n\nSchools in the district were closed.\n"),
        "3.md": article("2025-08-06", "Health Wire", "Bessin's ministry said on Wednesday that cholera cases in the Aral "
                        "district had reached 1,020.\n\nA vaccination campaign began in Aral.\n"),
    })
    (cases,) = [f for f in key_figures(corpus) if f.history]
    assert cases.value == "1,020" and [h.value for h in cases.history] == ["540", "312"]


def test_a_count_a_verb_changes_to_a_new_level_develops_with_the_count_it_names(tmp_path):
    # "widened its recall of the drug to 31 batches": the verb's object is what the count is the level of
    corpus = corpus_of(tmp_path, {
        "1.md": article("2026-07-21", "Health Wire", "The medicines agency on Tuesday ordered the recall of 14 batches "
                        "of the heart drug corvalin after laboratory checks detected a solvent that may damage the "
                        "liver with long-term use.\n\nPatients were told to keep taking their tablets.\n"),
        "2.md": article("2026-07-22", "Capital Post", "Regulators widened their recall of the heart drug corvalin to 31 "
                        "batches on Wednesday, covering tablets made at the Brenn plant since January.\n\nThe maker "
                        "halted production.\n"),
    })
    (batches,) = [f for f in key_figures(corpus) if f.history]
    assert batches.value == "31" and [h.value for h in batches.history] == ["14"]


def test_an_area_burned_told_as_grown_and_as_burned_develops_into_one_figure(tmp_path):
    # one report of the new size tells no event beside it ("has grown to"), another does ("has now
    # burned"): they agree with the earlier count's "burned"
    corpus = corpus_of(tmp_path, {
        "1.md": article("2026-08-03", "Hill Wire", "A wildfire fanned by strong winds has burned about 180 square "
                        "kilometres of forest and scrub and forced more than 3,000 people from their homes, fire "
                        "officials said on Monday.\n\nThe fire started near the village of Osk.\n"),
        "2.md": article("2026-08-04", "Hill Wire", "The wildfire in the Tarn hills has grown to about 240 square "
                        "kilometres, fire officials said on Tuesday.\n\nSoldiers joined the firefighters.\n"),
        "3.md": article("2026-08-04", "Valley Post", "The blaze has now burned some 240 square kilometres, an area "
                        "larger than the town of Osk.\n\nSoldiers joined the firefighters.\n"),
    })
    (area,) = [f for f in key_figures(corpus) if f.history]
    assert "240 square kilometres" in area.value
    assert [h.value for h in area.history] == ["about 180 square kilometres"]


def test_the_margin_of_a_win_is_a_figure_and_a_change_by_is_not(tmp_path):
    corpus = corpus_of(tmp_path, {
        "1.md": article("2026-03-03", "City Wire", "Adaora Penn won the Port Calloway mayoral runoff by 5,872 votes, "
                        "final results showed on Tuesday.\n\nPenn takes office in April.\n"),
        "2.md": article("2026-03-03", "Harbour Post", "Challenger Adaora Penn beat the incumbent mayor, Victor Ames, "
                        "by 5,872 votes on Tuesday.\n\nRents rose by 12 percent last year.\n"),
    })
    figures = {f.value: f for f in key_figures(corpus)}
    assert figures["5,872"].citations == (1, 2) and "12%" not in figures


def test_tolls_of_other_places_or_a_guess_at_a_toll_do_not_develop_into_one(tmp_path):
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-05-05", "East Wire", "A car bomb exploded outside a market in Kesh on Monday, killing 9 "
                        "people, police said.\n\nShops in Kesh were closed.\n"),
        "2.md": article("2025-05-06", "Coast Herald", "A car bomb exploded outside a mosque in Tarrow on Tuesday, "
                        "killing 15 people, police said.\n\nThe army sealed off Tarrow.\n"),
        "3.md": article("2025-05-07", "Hill Times", "Aid workers said as many as 40 people may have died in the "
                        "region this week.\n\nTwo sailors died and 18 others were missing off the coast.\n"),
    })
    assert all(not f.history for f in key_figures(corpus))


def test_a_measure_in_two_units_is_one_figure_shown_with_its_unit(tmp_path):
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-03-30", "River Times", "The River Aldo crested at 9.5 m in Brenton on Sunday, the flood "
                        "agency said.\n\nAbout 1,500 residents spent the night in shelters.\n"),
        "2.md": article("2025-03-30", "Valley Tribune", "The River Aldo crested at 31 ft in Brenton on Sunday, the "
                        "flood agency said.\n\nAbout 1,500 residents spent the night in shelters.\n"),
    })
    (crest,) = [f for f in key_figures(corpus) if "crested" in f.context]
    assert crest.citations == (1, 2)
    assert crest.value.split()[0] in crest.context and crest.value.split()[1] in ("m", "ft")  # the value as its words write it


def test_pounds_of_a_thing_weigh_and_a_hyphened_measure_is_a_measure(tmp_path):
    from briefer.language.quantities import measure, quantities

    (weight,) = quantities("Customs officers seized 551 pounds of cocaine on Tuesday.")
    assert weight.unit == "count" and measure(weight)[0] == "mass"
    (money,) = quantities("The club paid 5 million pounds for the striker.")
    assert money.unit == "£"
    (wave,) = quantities("A buoy recorded a 44-foot wave on Saturday.")
    assert measure(wave)[0] == "length" and abs(measure(wave)[1] - 13.4) < 0.1
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-01-19", "Seaboard Journal", "A buoy off Skerra recorded a 44-foot wave during "
                        "Saturday's storm, the weather office said.\n\nFerries were cancelled.\n"),
        "2.md": article("2025-01-19", "Harbour Herald", "A buoy off Skerra recorded a 13.4-metre wave during "
                        "Saturday's storm, the weather office said.\n\nFerries were cancelled.\n"),
    })
    waves = [f for f in key_figures(corpus) if "wave" in f.context]
    assert len(waves) == 1 and waves[0].citations == (1, 2)
    assert find_disagreements(corpus) == ()


def test_a_count_read_back_from_a_level_verb_counts_its_subject():
    from briefer.language.quantities import quantities

    (toll,) = quantities("The death toll from the quake in Varosh rose to 150 on Tuesday.")
    assert toll.head == "toll" and toll.label.startswith("death toll")
    (people,) = quantities("The number of people killed in the ferry disaster has risen to 26, police said.")
    assert people.head == "people"
    (cases,) = quantities("Officials said that cholera cases in the district had reached 1,020.")
    assert cases.head == "case"
    (aid,) = quantities("Garrow pledged $2 million in emergency aid on Monday.")
    assert aid.head == "aid"
    (rate,) = quantities("Unemployment rose to 5.2 percent in May.")
    assert rate.head == "unemployment"
    (tanks,) = quantities("Satellite images showed tanks, 40 in all, gathered near the crossing.")
    assert tanks.head == "tank"  # a total set after the noun it counts


def test_a_demonym_and_its_place_name_one_thing_and_a_sum_in_aid_is_compared(tmp_path):
    lead = {"six": "Six Tessarian fighter jets entered Orvalia's airspace on Saturday morning, the Orvalian defence "
                   "ministry said.",
            "8": "Tessaria sent 8 fighter jets into Orvalia's airspace on Saturday morning, the Orvalian defence "
                 "ministry said."}
    rest = ("\n\nThe jets flew over the coastal province of Mirren for about twenty minutes.\n\nDefence Minister Lada "
            "Korvic called the flight a deliberate test.\n")
    corpus = corpus_of(tmp_path, {"1.md": article("2025-03-08", "Harbour Herald", lead["six"] + rest),
                                  "2.md": article("2025-03-08", "Northern Ledger", lead["8"] + rest)})
    (jets,) = find_disagreements(corpus)
    assert sorted(claim.value for claim in jets.claims) == ["6", "8"] or sorted(c.value for c in jets.claims) == ["8", "Six"]
    money = "The government of Garrow pledged {} in emergency aid to the Tamsin valley on Monday, Vask said."
    other = tmp_path / "money"
    other.mkdir()
    corpus = corpus_of(other, {"1.md": article("2025-04-21", "Capital Post", money.format("$2 million")),
                               "2.md": article("2025-04-21", "Valley Tribune", money.format("$3 million"))})
    (aid,) = find_disagreements(corpus)
    assert sorted(claim.value for claim in aid.claims) == ["$2 million", "$3 million"]


def test_a_source_is_never_cited_for_a_number_or_a_place_it_does_not_state(tmp_path):
    from briefer.analysis.disagree import one_line, tell_other_facts

    assert tell_other_facts("At least 9 people were killed when a car bomb exploded outside a market in Kesh.",
                            "At least 15 people were killed when a car bomb exploded outside a market in Tarrow.")
    assert not one_line("Troops cordoned off the road to Dunmere for several hours.",
                        "Troops cordoned off the road to Callow for several hours.")
    # who told it, or a name's case, is no other fact
    assert one_line("Troops cordoned off the road to Dunmere, police said.",
                    "Troops cordoned off the road to Dunmere, Reuters reported.")
    assert one_line("Lorvan Health Minister Tomas Reyl resigned on Monday.",
                    "Tomas Reyl, Lorvan's health minister, resigned on Monday.")
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-05-10", "East Wire", "A bomb exploded at the bus station in Marvel on Saturday, killing "
                        "12 people.\n\nAmbulances took the wounded to the city hospital.\n"),
        "2.md": article("2025-05-10", "Coast Herald", "A bomb exploded at the bus station in Ostra on Saturday, killing "
                        "7 people.\n\nAmbulances took the wounded to Ostra General Hospital.\n"),
    })
    support = dict(zip((item.text for item in corpus.items), claim_support(corpus)))
    assert support["Ambulances took the wounded to Ostra General Hospital."] == (2,)  # the city hospital is not Ostra's
    for text, sources in support.items():
        if "killing" in text:
            assert len(sources) == 1, text


def test_a_temperature_in_two_scales_is_one_figure_shown_as_written(tmp_path):
    from briefer.language.quantities import measure, quantities

    (celsius,) = quantities("The temperature in Varrow reached 46.2°C on Tuesday.")
    (fahrenheit,) = quantities("Thermometers in Varrow hit 115.2 degrees Fahrenheit on Tuesday.")
    assert measure(celsius)[0] == measure(fahrenheit)[0] == "temperature"
    (angle,) = quantities("The road climbs at 40 degrees.")
    assert measure(angle) is None  # degrees with no scale are no temperature
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-07-09", "Valley Gazette", "The temperature in Varrow reached 46.2°C on Tuesday, the "
                        "weather service said.\n\nHospitals reported heatstroke cases.\n"),
        "2.md": article("2025-07-09", "Coastal Courier", "Thermometers in Varrow hit 115.2 degrees Fahrenheit on "
                        "Tuesday, the weather service said.\n\nSchools closed early.\n"),
    })
    (heat,) = [f for f in key_figures(corpus) if "Varrow" in f.context]
    assert heat.citations == (1, 2) and heat.value in heat.context


def test_a_verb_of_telling_is_no_other_event_a_count_is_of(tmp_path):
    profit = "Halvorsen Motors {} a net profit of {} million crowns for the second quarter on Thursday."
    corpus = corpus_of(tmp_path, {"1.md": article("2025-07-24", "Finance Review", profit.format("reported", 412)),
                                  "2.md": article("2025-07-24", "Market Daily", profit.format("posted", 421))})
    (disagreement,) = find_disagreements(corpus)
    assert sorted(claim.value for claim in disagreement.claims) == ["412 million", "421 million"]


def test_a_sum_of_what_it_values_and_a_doubling_count_their_nouns():
    from briefer.language.quantities import measure, quantities

    (value,) = quantities("The drugs had an estimated street value of 180 million euros, police said.")
    assert value.unit == "€" and value.head == "value"
    (ransom,) = quantities("Hackers demanded a ransom of $12 million.")
    assert ransom.head == "ransom"
    (cases,) = quantities("The number of cases more than doubled to 112 on Tuesday.")
    assert cases.head == "case" and cases.label == "number of cases"
    litres, gallons = quantities("The dam held 1.9 billion litres (500 million gallons) of water.")
    assert measure(litres)[0] == measure(gallons)[0] == "volume"


def test_a_measure_a_sentence_gives_in_two_units_is_a_figure_though_told_once(tmp_path):
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-06-03", "Valley Gazette", "The Karsk dam failed on Tuesday after days of rain, the "
                        "ministry said.\n\nThe 42-metre (138 ft) wall gave way shortly after noon.\n\nAbout 300 "
                        "people were moved to a school.\n"),
    })
    walls = [f for f in key_figures(corpus) if "wall" in f.context]
    assert len(walls) == 1 and walls[0].value in ("42-metre", "138 ft")


def test_estimates_of_one_count_disagree_only_beyond_a_rounding(tmp_path):
    strike = "{} dockworkers walked off the job at the port of Brennick on Thursday, the union said."
    corpus = corpus_of(tmp_path, {"1.md": article("2025-06-12", "Northline Times", strike.format("About 4,000")),
                                  "2.md": article("2025-06-12", "Daily Ledger", strike.format("Some 4,500"))})
    (dockers,) = find_disagreements(corpus)
    assert sorted(claim.value for claim in dockers.claims) == ["About 4,000", "Some 4,500"]
    near = tmp_path / "near"
    near.mkdir()
    corpus = corpus_of(near, {"1.md": article("2025-06-12", "Northline Times", strike.format("About 4,000")),
                              "2.md": article("2025-06-12", "Daily Ledger", strike.format("Some 4,200"))})
    assert find_disagreements(corpus) == ()  # a rounding apart: one count told twice


def one_day_in(tmp_path: Path, name: str, day: str, wire: str, daily: str):
    """one_day in a folder of its own under tmp_path: several stories in one test."""
    (tmp_path / name).mkdir()
    return one_day(tmp_path / name, day, wire, daily)


def test_estimates_written_to_one_place_that_differ_disagree(tmp_path):
    # "about 38,000" and "some 36,000" are both written to the thousand: two counts, not one
    # rounded twice; "about 60,000" / "about 65,000": 65,000 to the ten thousand is 70,000
    strike = "{} teachers across Velde province went on strike on Monday, closing more than 900 schools."
    for low, high in (("Some 36,000", "About 38,000"), ("about 60,000", "about 65,000")):
        corpus = one_day_in(tmp_path, high.split()[1].replace(",", ""), "2026-10-05",
                             strike.format(high), strike.format(low))
        assert _flagged(corpus) == [sorted([low, high])]
    corpus = one_day_in(tmp_path, "near", "2026-10-05", strike.format("About 38,000"), strike.format("About 38,400"))
    assert _flagged(corpus) == []  # 38,400 is 38,000 to the thousand


def test_shares_of_one_thing_with_no_counted_noun_disagree(tmp_path):
    # a percentage counts what it is a share of ("of the goods") or the level of its subject
    # ("Turnout was", "Inflation climbed to"); rewrites that change it disagree
    pairs = {
        "turnout": ("Turnout was 41 percent, the board said, up from 33 percent in the first round.",
                    "Turnout was 44 percent, the county elections board said."),
        "inflation": ("Annual consumer price inflation rose to 3.8 percent in April from 3.1 percent in March.",
                      "Inflation climbed to 3.9 percent in April from 3.1 percent in March, the office said."),
        "goods": ("Lorn and Vessa signed a trade pact on Wednesday that removes tariffs on 90 percent of the goods "
                  "traded between them.",
                  "Vessa and Lorn on Wednesday signed a trade pact that removes tariffs on 92 percent of the goods "
                  "they trade."),
    }
    for name, (first, second) in pairs.items():
        (found,) = find_disagreements(one_day_in(tmp_path, name, "2026-05-06", first, second))
        assert len({claim.value for claim in found.claims}) == 2, name
    # shares of other things, or of one thing at other times, are not compared
    others = {
        "rounds": ("In the first round, turnout was 33 percent.", "Turnout was 44 percent, the board said."),
        "months": ("Inflation rose to 3.8 percent in April.", "Inflation eased to 3.5 percent in May."),
        "candidates": ("Mara Voss won 53 percent of the vote, the board said.",
                       "Tomas Brey won 41 percent of the vote, the board said."),
    }
    for name, (first, second) in others.items():
        assert find_disagreements(one_day_in(tmp_path, name, "2026-05-06", first, second)) == (), name


def test_a_count_outside_anothers_bound_and_two_caps_disagree(tmp_path):
    cases = {
        # an exact toll below another report's "at least" of the same day
        "toll": ("A bus plunged into a ravine on the Tarn Pass road on Tuesday, killing 17 people, police said.",
                 "At least 19 people were killed when a bus plunged into a ravine on the Tarn Pass road on "
                 "Tuesday, police said.", ["17", "At least 19"]),
        # one cap told twice with two values
        "cap": ("The new law allows the regulator to fine companies up to 6 percent of their annual turnover.",
                "Under the law the regulator will be able to fine companies up to 8 percent of their annual "
                "turnover.", ["up to 6 percent", "up to 8 percent"]),
    }
    for name, (first, second, values) in cases.items():
        assert _flagged(one_day_in(tmp_path, name, "2026-01-13", first, second)) == [sorted(values)], name
    # within the bound, or two lower bounds: both may hold
    for name, (first, second) in {"within": ("killing 21 people", "At least 19 people were killed"),
                                  "lower": ("killing at least 21 people", "At least 19 people were killed")}.items():
        corpus = one_day_in(tmp_path, name, "2026-01-13", f"A bus plunged into a ravine on Tuesday, {first}, police said.",
                             f"{second} when a bus plunged into a ravine on Tuesday.")
        assert _flagged(corpus) == [], name


def test_two_readings_of_one_event_on_one_scale_disagree(tmp_path):
    corpus = corpus_of(tmp_path, {
        "1.md": article("2026-09-15", "Capital Wire", "A magnitude 6.4 earthquake struck Sarn province before dawn on "
                        "Tuesday, killing at least 37 people, the disaster agency said.\n\nA magnitude 5.1 aftershock "
                        "followed an hour later.\n"),
        "2.md": article("2026-09-15", "Harbour Post", "A magnitude 6.2 earthquake hit Sarn province early on Tuesday, "
                        "killing at least 37 people, officials said.\n"),
    })
    assert _flagged(corpus) == [["6.2", "6.4"]]  # the aftershock rates another event
    later = tmp_path / "later"
    later.mkdir()
    corpus = corpus_of(later, {
        "1.md": article("2026-09-15", "Capital Wire", "A magnitude 6.4 earthquake struck Sarn province on Tuesday."),
        "2.md": article("2026-09-17", "Harbour Post", "A magnitude 6.2 earthquake struck Sarn province on Tuesday, "
                        "the agency said after revising its reading."),
    })
    assert _flagged(corpus) == []  # a later report's revision is a development, not a conflict


def _flagged(corpus) -> list[list[str]]:
    return [sorted(claim.value for claim in d.claims) for d in find_disagreements(corpus)]


def test_a_word_capitalised_only_as_a_sentence_opens_names_nothing(tmp_path):
    """"- Gunmen killed 13" after a dateline, "Suspected gunmen killed 11": the opening capitals
    name no place or person that would make the two counts two attacks."""
    corpus = one_day(tmp_path, "2026-03-02",
        "KESH, March 2 (NW) - Suspected rebel gunmen killed 11 villagers in an "
        "attack on a hamlet in the Marra district on Sunday, officials said.\n",
        "KESH, March 2 (NW) - Gunmen on horseback killed 13 villagers in a "
        "hamlet in the Marra district on Sunday, officials said.\n")
    assert _flagged(corpus) == [["11", "13"]]


def test_killed_and_died_tell_one_death_and_a_number_word_is_no_event(tmp_path):
    corpus = one_day(tmp_path, "2026-07-07",
        "Nine people were killed when a block of flats collapsed in the Ostra "
        "district of Kesh on Tuesday, police said.\n",
        "Eleven people died when a block of flats collapsed in Ostra, Kesh, "
        "on Tuesday, a hospital official said.\n")
    assert _flagged(corpus) == [["Eleven", "Nine"]]


def test_a_count_whose_noun_is_left_out_counts_what_the_count_before_it_counts(tmp_path):
    """"Nine people were killed and 31 injured" / "killing nine people and injuring 38": the
    injured disagree; the dead never stand against the injured."""
    corpus = one_day(tmp_path, "2026-04-14",
        "Nine people were killed and 31 injured when a passenger train hit a "
        "freight train near Kesh on Tuesday, rescue services said.\n",
        "A passenger train hit a freight train near Kesh on Tuesday, killing "
        "nine people and injuring 38, rescue services said.\n")
    assert _flagged(corpus) == [["31", "38"]]
    (tmp_path / "other").mkdir()
    wounded = one_day(tmp_path / "other", "2026-04-14",
        "Nine people were killed and 31 wounded when a passenger train hit a "
        "freight train near Kesh on Tuesday, rescue services said.\n",
        "A passenger train hit a freight train near Kesh on Tuesday, killing "
        "12 people and injuring 31, rescue services said.\n")
    assert _flagged(wounded) == [["12", "Nine"]]  # wounded and injured are one count; the dead another


def test_what_a_sum_is_worth_names_it(tmp_path):
    """"bribes worth 3.1 million euros in exchange for contracts" / "3.4 million euros in
    bribes": one sum ("in exchange for" names nothing it is paid as)."""
    corpus = one_day(tmp_path, "2026-03-18",
        "A court in Kesh on Wednesday jailed former roads minister Ivo Marek for "
        "seven years for taking bribes worth 3.1 million euros in exchange for awarding contracts.\n",
        "Former roads minister Ivo Marek was jailed for seven years in Kesh on "
        "Wednesday for accepting 3.4 million euros in bribes linked to road contracts.\n")
    assert _flagged(corpus) == [["3.1 million euros", "3.4 million euros"]]


def test_a_toll_told_beside_another_count_with_its_verb_left_out_develops(tmp_path):
    """"cases rose to 517 and deaths to 14": the 14 is the newest value of the deaths."""
    corpus = corpus_of(tmp_path, {
        "1.md": article("2026-01-19", "Wire", "Health officials in Tessaria have recorded 212 cholera cases and nine "
                        "deaths in an outbreak in the Marra district, the ministry said on Monday.\n"),
        "2.md": article("2026-01-21", "Daily", "Cholera cases in Tessaria rose to 340 on Wednesday, with 11 deaths, "
                        "as the outbreak spread from Marra to Kesh, the ministry said.\n"),
        "3.md": article("2026-01-23", "Post", "The ministry on Friday began vaccinating people in Marra and Kesh, as "
                        "the number of cholera cases rose to 517 and deaths to 14.\n"),
    })
    deaths = next(f for f in key_figures(corpus) if "14" in f.value or any("14" in v.value for v in f.history))
    assert "14" in deaths.value and [v.value for v in deaths.history][:1] == ["11"]


def test_a_precise_value_stated_in_other_words_is_one_claim(tmp_path):
    """"with 52.3% voting in favour" / "passed with 52.3 percent of the vote" / "52.3%, backed
    the initiative": three reports of one result; a round value ("about 50%") or another result
    is no fingerprint."""
    corpus = corpus_of(tmp_path, {
        "a.md": article("2026-09-27", "Wire", "KESH - Tessarian voters on Sunday approved a cap on rent increases, "
                        "with 52.3% voting in favour, final results showed.\n"),
        "b.md": article("2026-09-27", "Daily", "The rent cap initiative passed with 52.3 percent of the vote "
                        "nationwide, according to the election office.\n"),
        "c.md": article("2026-09-27", "Post", "Just over half of voters, 52.3%, backed the initiative.\n\n"
                        "About 50% of voters in the capital backed a second question on parking.\n"),
    })
    support = dict(zip((item.text for item in corpus.items), claim_support(corpus)))
    stating = [text for text in support if "52.3" in text]
    assert len(stating) == 3 and all(len(support[text]) == 3 for text in stating)
    assert len(support[next(text for text in support if "parking" in text)]) == 1


def test_a_sentence_that_does_not_tell_a_claims_event_does_not_carry_it(tmp_path):
    """"Police arrested the owner of the building that collapsed in Ostra on Tuesday" shares
    most of its words with "Nine people were killed when a building collapsed in Ostra on
    Tuesday", which tells no arrest: the arrest rests on one source."""
    corpus = corpus_of(tmp_path, {
        "a.md": article("2026-07-07", "Wire", "Nine people were killed when a residential building collapsed in the "
                        "Ostra district of Kesh on Tuesday, police said.\n"),
        "b.md": article("2026-07-09", "Daily", "Police in Kesh on Thursday arrested the owner of the residential "
                        "building that collapsed in the Ostra district on Tuesday.\n"),
        "c.md": article("2026-07-09", "Post", "Nine people died when a residential building collapsed in the Ostra "
                        "district of Kesh on Tuesday.\n"),
    })
    support = dict(zip((item.text for item in corpus.items), claim_support(corpus)))
    assert len(support[next(text for text in support if "arrested" in text)]) == 1
    assert len(support[next(text for text in support if "were killed" in text)]) == 2  # died / killed: one claim


def test_a_count_of_the_missing_falls_as_one_developing_figure(tmp_path):
    """65 missing, then 19 people remained missing, then seven still missing: what is left falls
    as people are found; one figure, newest first. A running count (the rescued) still only grows."""
    corpus = corpus_of(tmp_path, {
        "1.md": article("2026-11-16", "Wire", "A ferry carrying 162 people sank off Kesh late on Sunday, and 65 "
                        "people were missing, the rescue agency said.\n\nFishermen rescued 97 people, the agency said.\n"),
        "2.md": article("2026-11-17", "Daily", "Divers had recovered 12 bodies by Tuesday from the waters off Kesh "
                        "where the ferry sank, and 19 people remained missing, the rescue agency said.\n"),
        "3.md": article("2026-11-19", "Post", "The number of dead rose to 21 on Thursday, with seven still missing, "
                        "the rescue agency said.\n"),
    })
    missing = next(f for f in key_figures(corpus) if f.value == "7")
    assert [v.value for v in missing.history] == ["19", "65"]
    assert all(f.value != "97" or not f.history for f in key_figures(corpus))


def test_what_is_left_and_the_whole_a_part_is_taken_from_are_never_compared(tmp_path):
    """"cut power to about 1.8 million homes" / "some 700,000 homes remained without power" the
    same day: the whole and what is left. "two members favoured a smaller rise" / "Five of the
    seven members backed the move": a part and the whole of a partitive."""
    corpus = one_day(tmp_path, "2026-07-21",
        "A power cut hit about 1.8 million homes and businesses across Tessaria "
        "on Tuesday, the grid operator said.\n\nThe rate committee voted 5-2 for the rise, with two "
        "members favouring a smaller increase.\n",
        "Power was back for most of Tessaria by Tuesday evening, but some "
        "700,000 homes and businesses remained without power, the grid operator said.\n\nFive of the "
        "seven members of the rate committee backed the rise, while two favoured a smaller increase.\n")
    assert find_disagreements(corpus) == ()


def test_review_cases_for_events_beside_counts_and_what_is_left(tmp_path):
    """A verb of telling or of causing is no other event ("reported 15 deaths" / "caused 12
    deaths" disagree); a bare "still" does not make a count one of what is left; two counts of one
    noun with their own events stay ("Twelve women were killed and 30 women injured")."""
    from briefer.analysis.disagree import _unambiguous, bound_event
    from briefer.language.annotate import annotate

    corpus = one_day(tmp_path, "2026-02-06",
        "Officials in Kesh reported 15 deaths from the earthquake on Friday.\n",
        "The earthquake in Kesh caused 12 deaths on Friday, officials said.\n")
    assert _flagged(corpus) == [["12", "15"]]
    (tmp_path / "still").mkdir()
    corpus = one_day(tmp_path / "still", "2026-02-06",
        "Floods in the Marra valley killed 12 people on Friday, officials said.\n",
        "Floods in the Marra valley still killed 15 people on Friday, despite "
        "the warnings, officials said.\n")
    assert _flagged(corpus) == [["12", "15"]]
    text = "Twelve women were killed and 30 women injured in the blast."
    found = list(annotate(text, None).quantities)
    assert [bound_event(text, q) for q in found] == ["dead", "injured"]
    assert len(_unambiguous(found, text)) == 2


def test_a_precise_value_told_with_other_events_is_two_claims(tmp_path):
    corpus = one_day(tmp_path, "2026-01-02",
        "Riot in Kesh\n\nPolice arrested 128 people after the riot in Kesh.\n",
        "Kesh riot toll\n\nThe riot in Kesh left 128 people dead, doctors said.\n")
    support = dict(zip((item.text for item in corpus.items), claim_support(corpus)))
    assert all(len(cited) == 1 for cited in support.values())


def test_an_event_in_wire_quotes_is_still_an_event_the_carrier_must_tell(tmp_path):
    corpus = one_day(tmp_path, "2026-10-04",
        "Holt, who made the allegations Saturday, said he has since been "
        "``muzzled'' by the federation's president Ivo Marek.\n",
        "Holt, who made the allegations Saturday, said the federation's "
        "president Ivo Marek had known of the payments.\n")
    support = dict(zip((item.text for item in corpus.items), claim_support(corpus)))
    assert len(support[next(text for text in support if "muzzled" in text)]) == 1


def test_two_sentences_that_each_tell_an_event_the_other_does_not_are_two_lines(tmp_path):
    """"Police arrested 128 people after the riot in Kesh" and "The riot in Kesh killed 128
    people" share their words and number but not their claim: two lines, each cited to its own
    source; "Some 128 people were killed in the riot" carries the second."""
    corpus = corpus_of(tmp_path, {
        "a.md": article("2026-01-02", "Wire", "Riot report\n\nPolice arrested 128 people after the riot in Kesh.\n"),
        "b.md": article("2026-01-02", "Daily", "Riot toll\n\nSome 128 people were killed in the riot in Kesh.\n"),
        "c.md": article("2026-01-02", "Post", "Riot news\n\nThe riot in Kesh killed 128 people.\n"),
    })
    cited = {item.text: item.sources for item in corpus.items if "128" in item.text}
    assert cited["Police arrested 128 people after the riot in Kesh."] == (1,)
    assert sorted(len(sources) for sources in cited.values()) == [1, 2]


# The first report's count, told with its day in its clause, or in a clause of its own that goes
# on about something else ("after clashes near the city hall"); then an update two days on.
FIRST_COUNTS = ("Police arrested 41 people after clashes at a march against bus fares in Tarrow on Saturday.",
                "Thousands marched through Tarrow on Saturday against a rise in bus fares, and police arrested "
                "41 people after clashes near the city hall.")
UPDATE = ("Police said on Monday that 66 people had now been arrested in connection with Saturday's fare protest "
          "in Tarrow, after officers reviewed video of the clashes.\n\nThe mayor said the fares would stay.\n")


@pytest.mark.parametrize("first", FIRST_COUNTS)
def test_a_count_updated_after_the_event_it_names_is_a_development_not_a_disagreement(tmp_path, first):
    """"41 arrested after clashes on Saturday" / "66 had now been arrested over Saturday's protest":
    the possessive day names the protest, not the time of the count; the same event told right
    beside both counts ("arrested") makes them one figure, however the clauses go on."""
    corpus = corpus_of(tmp_path, {"1_sunday.md": article("2025-05-11", "Wire", first + "\n\nOrganisers said they "
                                                         "would march again next week.\n"),
                                  "2_monday.md": article("2025-05-13", "Tarrow Post", UPDATE)})
    assert find_disagreements(corpus) == ()
    rows = [f for f in key_figures(corpus) if f.value in ("41", "66") or any(h.value == "41" for h in f.history)]
    assert [(f.value, [h.value for h in f.history]) for f in rows] == [("66", ["41"])]


def test_a_rewrite_that_retells_a_count_in_other_words_and_changes_it_is_flagged(tmp_path):
    """The wire says "expected to cut 1,200 jobs", a rewrite crediting it "plans to eliminate 1,500
    jobs": few words in common, the same names, one report retold: an analyst must see it."""
    wire = ("Kessel Steelworks agreed on Monday to buy rival Orun Metals for 3.1 billion euros, creating the "
            "country's largest steelmaker, and said it expected to cut 1,200 jobs over three years.\n\n"
            "The deal still needs the approval of regulators.\n")
    rewrite = ("Kessel Steelworks will acquire Orun Metals in a deal worth 3.1 billion euros, the companies "
               "announced on Monday, and plans to eliminate 1,500 jobs over three years, Metal Wire reported.\n")
    corpus = corpus_of(tmp_path, {"a.md": article("2025-03-03", "Metal Wire", wire),
                                  "b.md": article("2025-03-03", "Steel Daily", rewrite)})
    assert [sorted(c.value for c in d.claims) for d in find_disagreements(corpus)] == [["1,200", "1,500"]]


FERRY = {
    "1.md": article("2025-09-05", "Wire", "A passenger ferry carrying about 200 people capsized off Tova island on "
                    "Friday, killing at least 9, the coast guard said.\n\nRescuers pulled 130 people from the water.\n"),
    "2.md": article("2025-09-06", "Island Post", "The number of people killed when the ferry capsized off Tova island "
                    "rose to 17 on Saturday, the coast guard said.\n\nThe ferry was licensed for 150 passengers.\n"),
    "3.md": article("2025-09-07", "Wire", "Police arrested the ferry's captain on Sunday as the death toll from the "
                    "capsizing off Tova island rose to 22.\n\nDivers searched the wreck.\n"),
}


def test_a_toll_worded_as_a_bare_count_or_a_long_subject_is_one_developing_figure(tmp_path):
    """"killing at least 9" (no noun: people, by what a death word takes), then "the number of
    people killed when the ferry capsized ... rose to 17", then "the death toll ... rose to 22"."""
    corpus = corpus_of(tmp_path, FERRY)
    assert find_disagreements(corpus) == ()
    tolls = [f for f in key_figures(corpus) if f.value == "22"]
    assert [(f.value, [h.value for h in f.history]) for f in tolls] == [("22", ["17", "at least 9"])]


def test_a_name_opening_one_report_is_named_by_it_too(tmp_path):
    """"Typhoon Kora made landfall near Ilvo ..., killing at least four people" and "The death toll
    from Typhoon Kora rose to 11": "Typhoon" opens the first sentence, yet names the same storm,
    so the two reports do not name two events."""
    corpus = corpus_of(tmp_path, {
        "1.md": article("2026-11-13", "Wire", "Typhoon Kora made landfall near Ilvo on Friday, tearing off roofs "
                        "and killing at least four people, officials said.\n\nPower was cut to the coast.\n"),
        "2.md": article("2026-11-14", "Daily", "The death toll from Typhoon Kora rose to 11 on Saturday, with six "
                        "people still missing, officials said.\n\nSchools stayed shut.\n")})
    tolls = [f for f in key_figures(corpus) if f.value == "11"]
    assert [(f.value, [h.value for h in f.history]) for f in tolls] == [("11", ["at least 4"])]


def test_a_measure_that_grows_over_days_is_one_developing_figure(tmp_path):
    """An area burned, told three ways over three days (one read back from "grew to", one in two
    units): one row, the newest first, with its history."""
    corpus = corpus_of(tmp_path, {
        "1.md": article("2026-08-03", "Wire", "A wildfire in the Oren hills has burned 3,200 hectares of forest since "
                        "Saturday and forced the evacuation of two villages, firefighters said on Monday.\n\n"
                        "Water bombers flew from the coast.\n"),
        "2.md": article("2026-08-04", "Daily", "The wildfire in the Oren hills grew to 5,900 hectares on Tuesday as "
                        "winds pushed it north, firefighters said.\n\nRoads were closed.\n"),
        "3.md": article("2026-08-06", "Wire", "Firefighters had contained most of the Oren hills wildfire by Thursday, "
                        "after it burned 7,400 hectares (about 18,300 acres), officials said.\n\nRain is forecast.\n")})
    assert find_disagreements(corpus) == ()
    rows = [f for f in key_figures(corpus) if "hectares" in f.value]
    assert [(f.value, [h.value for h in f.history]) for f in rows] == [
        ("7,400 hectares", ["5,900 hectares", "3,200 hectares"])]


def test_a_size_that_describes_a_thing_never_develops(tmp_path):
    """"the 13-meter yacht Kestrel" one day, "the 30-foot yacht Kestrel" the next: a yacht does
    not grow; the two are no history (whether they disagree is another matter)."""
    corpus = corpus_of(tmp_path, {
        "1.md": article("1998-12-27", "Wire", "Rescuers said the 9-meter yacht Kestrel had rolled in heavy seas "
                        "off Gabo Island on Sunday, injuring two crewmen.\n\nThe race went on.\n"),
        "2.md": article("1998-12-28", "Daily", "Rescuers said the 13-meter yacht Kestrel had rolled in heavy seas "
                        "off Gabo Island, injuring two crewmen.\n\nThe race went on.\n")})
    assert all(not f.history for f in key_figures(corpus))


@pytest.mark.parametrize("second, flagged", [
    ("The assembly passed the pension reform by 212 votes to 187 on Thursday, after a debate that ran late.", True),
    ("The assembly passed the pension reform on Thursday in a 212-184 vote, after a debate that ran late.", False),
    ("The assembly passed the pension reform by 215 votes to 180 on Thursday, after a debate that ran late.", False),
    # one day, one side alike, but two matters: the budget and a nominee
    ("The assembly also confirmed Ana Ruiz as auditor by 212 votes to 187 on Thursday.", False),
])
def test_one_votes_tally_told_two_ways_is_flagged(tmp_path, second, flagged):
    """"by 212 votes to 184" / "by 212 votes to 187", one day, on the pension reform: one vote, one
    side changed. The same tally written another way agrees; two tallies with no side in common
    may be two votes, and so may two on different matters."""
    first = "Lawmakers approved the pension reform by 212 votes to 184 on Thursday, the speaker said.\n\nUnions vowed to strike.\n"
    corpus = corpus_of(tmp_path, {"a.md": article("2026-03-05", "Wire", first),
                                  "b.md": article("2026-03-05", "Daily", second + "\n\nThe unions called a strike.\n")})
    shown = [sorted(c.value for c in d.claims) for d in find_disagreements(corpus) if d.what == "vote tally"]
    assert shown == ([["212 to 184", "212 to 187"]] if flagged else [])


def test_two_counts_of_one_dated_event_told_on_two_days_still_disagree(tmp_path):
    """"41 were arrested during Saturday's march" (Monday) / "46 were arrested during Saturday's
    march" (Tuesday): no running total, so the possessive day dates both counts: one event, two values."""
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-05-12", "Wire", "Police said 41 people were arrested during Saturday's march against "
                        "bus fares in Tarrow.\n\nThe mayor called for calm.\n"),
        "2.md": article("2025-05-13", "Daily", "Police said 46 people were arrested during Saturday's march against "
                        "bus fares in Tarrow.\n\nShops reopened.\n")})
    assert [sorted(c.value for c in d.claims) for d in find_disagreements(corpus)] == [["41", "46"]]


def test_a_rewrites_counts_of_other_times_are_not_a_retold_fact(tmp_path):
    """One report and its rewrite: "added 800 jobs at its plant last year" is no retelling of
    "plans to eliminate 1,200 jobs over three years", though the names are the same."""
    shared = "Kessel Steelworks agreed on Monday to buy rival Orun Metals for 3.1 billion euros."
    wire = f"{shared}\n\nKessel Steelworks added 800 jobs at its Tarn plant last year, the company said.\n"
    rewrite = (f"{shared}\n\nKessel Steelworks plans to eliminate 1,200 jobs over three years, Metal Wire "
               "reported.\n")
    corpus = corpus_of(tmp_path, {"a.md": article("2025-03-03", "Metal Wire", wire),
                                  "b.md": article("2025-03-03", "Steel Daily", rewrite)})
    assert corpus.origin_of[2] == corpus.origin_of[1]
    assert find_disagreements(corpus) == ()


def test_two_days_arrests_each_dated_are_not_one_developing_count(tmp_path):
    """"arrested 41 people at a march on Saturday" / "arrested 60 people on Monday when dock workers
    blocked the port": the same verb, but each count is dated to its own day: two events."""
    corpus = corpus_of(tmp_path, {
        "1.md": article("2025-05-11", "Wire", "Police arrested 41 people at a march against bus fares in Tarrow on "
                        "Saturday.\n\nThe mayor called for calm.\n"),
        "2.md": article("2025-05-13", "Daily", "Police arrested 60 people on Monday when dock workers blocked the "
                        "port of Tarrow.\n\nShips waited offshore.\n")})
    assert all(not f.history for f in key_figures(corpus))


def test_a_running_total_given_as_of_a_day_still_joins_its_history(tmp_path):
    """"had burned about 8,900 hectares by Tuesday morning" is the total up to then, not Tuesday's own fire."""
    corpus = corpus_of(tmp_path, {
        "1.md": article("2026-08-10", "Wire", "A wildfire has burned 4,200 hectares of forest near Serta, officials "
                        "said on Monday.\n\nVillages were evacuated.\n"),
        "2.md": article("2026-08-11", "Daily", "The wildfire near Serta had burned about 8,900 hectares by Tuesday "
                        "morning, officials said.\n\nRoads were closed.\n"),
        "3.md": article("2026-08-13", "Wire", "Firefighters brought the wildfire near Serta under control on Thursday "
                        "after it burned 11,800 hectares, officials said.\n\nRain fell.\n")})
    rows = [f for f in key_figures(corpus) if "11,800" in f.value]
    assert [[h.value for h in f.history] for f in rows] == [["about 8,900 hectares", "4,200 hectares"]]


def test_a_rewrite_that_names_whom_the_wire_calls_by_role_still_tells_one_fact(tmp_path):
    """"from a developer" / "from developer Ines Marov": the name fills the role the wire leaves
    unnamed, so the two sums are one sum told two ways; two named people are still two."""
    corpus = one_day(tmp_path, "2026-05-12",
        "Kelso's audit office on Monday opened an inquiry into Mayor Tomas Brandt over loans worth "
        "about 46,000 crowns that he took from a developer.\n",
        "Mayor Tomas Brandt is under inquiry by the audit office over loans worth about 64,000 crowns "
        "that he took from developer Ines Marov.\n")
    assert _flagged(corpus) == [["about 46,000", "about 64,000"]]
    other = tmp_path / "other"
    other.mkdir()
    corpus = one_day(other, "2026-05-12",
        "Mayor Tomas Brandt took loans worth about 46,000 crowns from developer Pavel Ruud, the audit office said.\n",
        "Mayor Tomas Brandt took loans worth about 64,000 crowns from developer Ines Marov, the audit office said.\n")
    assert _flagged(corpus) == []


def test_two_outlets_that_date_one_count_alike_in_other_words_disagree(tmp_path):
    """No credit links the two reports, but both numbers' clauses give the same time and the
    sentences keep who it is about: one count of one moment, told two ways. Told at another time,
    or a count of what is left beside one of what happened, it is not compared."""
    corpus = one_day(tmp_path, "2026-02-10",
        "About 700 passengers were stuck at Lind airport on Tuesday evening, according to the airport operator.\n",
        "About 1,100 passengers with bags were stranded at Lind airport on Tuesday evening "
        "after Nordair grounded its fleet over a software fault.\n")
    assert _flagged(corpus) == [["About 1,100", "About 700"]]
    later = tmp_path / "later"
    later.mkdir()
    corpus = one_day(later, "2026-02-10",
        "About 700 passengers were stuck at Lind airport on Tuesday evening, according to the airport operator.\n",
        "About 1,100 passengers with bags were stranded at Lind airport on Wednesday morning "
        "after Nordair grounded its fleet over a software fault.\n")
    assert _flagged(corpus) == []


def test_a_clause_put_first_and_its_main_clause_both_told_by_pronouns_do_not_stand_alone():
    from briefer.brief.compose import reads_alone

    for text in ("Although the two were forced to reduce sail, they were still inside the record.",
                 "When they reached the harbour, they found the ferry gone.",
                 "After both had signed, they left for Kelso."):
        assert not reads_alone(text), text
    for text in ("When they reached the harbour, the crews found the ferry gone.",  # the crews are who "they" were
                 "Although the two yachts lost sails, Sayonara kept the lead.",
                 "Although it rained, the race went on."):
        assert reads_alone(text), text


def test_a_rank_on_a_scale_is_no_count_and_a_killer_is_not_counted_dead(tmp_path):
    """"a magnitude 6.1 earthquake", "a Category 4 storm", "alert level 3": readings, not counts of
    earthquakes; an earlier quake's magnitude never joins the toll's history."""
    from briefer.language.quantities import quantities

    assert [q.value for q in quantities("A magnitude 6.1 earthquake struck Brenna on Monday, killing 14 people.")] == [14]
    assert quantities("A Category 4 storm made landfall after officials raised the alert to level 3.") == []
    assert [q.value for q in quantities("The floods could force 300 families from their homes.")] == [300]  # a verb
    corpus = corpus_of(tmp_path, {
        "1.md": article("2026-04-06", "Wire", "A magnitude 6.1 earthquake struck Brenna on Monday, killing at least 14 "
                        "people, officials said.\n\nThe same fault caused a magnitude 7.2 earthquake in 1961.\n"),
        "2.md": article("2026-04-08", "Wire", "The death toll from Monday's earthquake in Brenna rose to 31 on Wednesday, "
                        "officials said.\n")})
    (toll,) = [f for f in key_figures(corpus) if f.value == "31"]
    assert [value.value for value in toll.history] == ["at least 14"]
    assert not any(f.value in ("6.1", "7.2") for f in key_figures(corpus))


def test_a_sentence_with_a_contested_number_still_gives_its_other_figures(tmp_path):
    """Two reports give 250 and 520 homes destroyed in one sentence that also tells the nine dead:
    the homes are in dispute, the dead are a figure all the same."""
    from briefer.brief.compose import read_story
    from briefer.analysis.rank import rank

    corpus = one_day(tmp_path, "2026-09-14",
        "A tornado tore through the town of Ostby on Sunday, killing nine people and destroying about 250 homes, "
        "the fire service said.\n",
        "A tornado hit Ostby on Sunday, killing nine people and destroying about 520 homes, the fire service said.\n")
    story = read_story(corpus, rank(corpus, 400))
    assert [sorted(c.value for c in d.claims) for d in story.disagreements] == [["about 250", "about 520"]]
    values = [f.value for f in story.figures]
    assert "9" in values and not any("250" in v or "520" in v for v in values)


def test_who_told_a_count_is_no_part_of_the_claim_two_reports_make(tmp_path):
    """"..., Health Minister Ana Ruiz said" / "..., according to the health ministry": the teller
    changes between a report and its rewrite, the claim does not."""
    corpus = one_day(tmp_path, "2026-08-03",
        "Clinics vaccinated 4,120 children against measles over the weekend, Health Minister Ana Ruiz said.\n",
        "Some 4,610 children were vaccinated at clinics against measles over the weekend, according to the "
        "health ministry.\n")
    assert _flagged(corpus) == [["4,120", "Some 4,610"]]


def test_two_levels_a_rate_rose_to_on_one_day_disagree(tmp_path):
    # the number after "rose to" is the level reached, stated exactly: two reports of one day's
    # figure that give it differently disagree; "up to" is a bound and compares with nothing
    corpus = one_day(tmp_path, "2025-11-18",
                     "Norland's jobless rate rose to 11.4 percent in October, the statistics office said on Tuesday.\n",
                     "Norland's jobless rate rose to 14.1 percent in October, the statistics office said on Tuesday.\n")
    (disagreement,) = find_disagreements(corpus)
    assert sorted(claim.value for claim in disagreement.claims) == ["11.4 percent", "14.1 percent"]
    corpus = one_day(tmp_path, "2025-11-18",
                     "Up to 400 people were evacuated from the Marra valley on Tuesday, officials said.\n",
                     "Some 250 people were evacuated from the Marra valley on Tuesday, officials said.\n")
    assert find_disagreements(corpus) == ()
