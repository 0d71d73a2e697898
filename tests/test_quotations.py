"""The article-wide quote finder (language/quotations.py): every quotation form and speaker shape,
on small invented stories."""

from __future__ import annotations

import pytest

from briefer.language.quotations import find_quotes

OPENING = ("Defence minister Kari Holt met her Sarvian counterpart Ivo Marek in Geneva on Friday, "
           "and canal administrator Elena Moreno joined them.\n\n")


def quotes(text: str) -> list[tuple[str, str | None]]:
    found = find_quotes(text)
    for q in found:  # offsets index the text given
        assert text[q.start:q.end] == q.text
    return [(q.text, q.speaker) for q in found]


def speaker_of(text: str, words: str) -> str | None:
    (match,) = [q for q in find_quotes(text) if words in q.text]
    return match.speaker


# --- Marks -------------------------------------------------------------------------------------
def test_curly_straight_and_wire_marks():
    text = OPENING + (
        "“We will not accept these terms,” Holt said.\n\n"
        '"The talks were useful," Marek said.\n\n'
        "``The canal reopens in May,'' Moreno said.\n"
    )
    assert quotes(text) == [
        ("We will not accept these terms,", "Kari Holt"),
        ("The talks were useful,", "Ivo Marek"),
        ("The canal reopens in May,", "Elena Moreno"),
    ]


def test_single_quotes_inside_stay_inside():
    text = OPENING + "“He called it ‘a fair deal’ twice, and we agreed,” Holt said.\n"
    assert quotes(text) == [("He called it ‘a fair deal’ twice, and we agreed,", "Kari Holt")]


def test_wire_quote_with_inner_single_quote():
    text = OPENING + "``The sign said `closed' all week,'' Moreno said.\n"
    assert quotes(text) == [("The sign said `closed' all week,", "Elena Moreno")]


def test_quote_running_over_several_sentences_and_paragraphs():
    text = OPENING + (
        "Holt spoke first. “The first ships arrive next year. The rest follow in 2027.\n\n"
        "“We are on schedule and on budget,” she said.\n\n"
        "The talks ended at noon.\n"
    )
    (quote,) = find_quotes(text)
    assert quote.text.startswith("The first ships") and quote.text.endswith("on budget,")
    assert "“We are on schedule" in quote.text  # the paragraph's reopening mark stays inside
    assert quote.speaker == "Kari Holt"


def test_unclosed_quote_without_a_continuing_paragraph_ends_with_its_paragraph():
    text = OPENING + "Holt said: “We will sign in March\n\nThe talks ended at noon.\n"
    (quote,) = find_quotes(text)
    assert quote.text == "We will sign in March"


def test_quote_split_by_its_attribution_gives_both_fragments_one_speaker():
    text = OPENING + "“It is finished,” Moreno said. “In my head, anyway.”\n"
    assert quotes(text) == [("It is finished,", "Elena Moreno"), ("In my head, anyway.", "Elena Moreno")]


def test_partial_quote_inside_reported_speech_is_the_whole_clause():
    text = OPENING + "Holt said the ministry would “compete vigorously for the contract.”\n"
    assert quotes(text) == [("the ministry would “compete vigorously for the contract.”", "Kari Holt")]


def test_partial_quote_after_that_starts_at_that():
    text = OPENING + "Marek told reporters on Friday that the plan was “dead on arrival” in Sarvia.\n"
    assert quotes(text) == [("that the plan was “dead on arrival” in Sarvia", "Ivo Marek")]


def test_a_sentence_with_no_quotation_marks_gives_nothing():
    assert find_quotes("Holt said the talks went well.") == ()


# --- Speakers ----------------------------------------------------------------------------------
def test_said_after_the_name_and_inverted():
    text = OPENING + "“The canal is safe,” Moreno said.\n\n“The locks are old,” said Marek.\n"
    assert [s for _, s in quotes(text)] == ["Elena Moreno", "Ivo Marek"]


def test_said_name_comma_title_keeps_the_full_name_with_accents():
    text = "“We dredge every spring,” said Tomás Ibarra, a director of the canal authority.\n"
    assert quotes(text) == [("We dredge every spring,", "Tomás Ibarra")]


def test_title_before_the_name_and_told():
    text = "“The water is too low for the big ships,” canal administrator Elena Moreno told reporters.\n"
    assert speaker_of(text, "water") == "Elena Moreno"


def test_name_in_apposition_before_said():
    text = "“Nothing is decided,” Ivo Marek, the Sarvian defence minister, said on Friday.\n"
    assert speaker_of(text, "Nothing") == "Ivo Marek"


def test_first_and_last_name_kept():
    text = "Mike Brown runs the ferry. “I lost three days of work,” said Mike Brown, 34.\n"
    assert speaker_of(text, "three days") == "Mike Brown"


def test_surname_later_takes_the_fullest_form():
    text = OPENING + "Later, Holt was asked about the price. “It is fair,” Holt said.\n"
    assert speaker_of(text, "fair") == "Kari Holt"


def test_according_to():
    text = OPENING + "According to Marek, “the navies will train together from next year.”\n"
    assert speaker_of(text, "navies") == "Ivo Marek"
    text = OPENING + "“The navies will train together,” according to Marek.\n"
    assert speaker_of(text, "navies") == "Ivo Marek"


def test_wrote_on_x_or_twitter():
    text = OPENING + "“A good day for our navy,” Holt wrote on X.\n\nMarek wrote on Twitter: “Progress at last.”\n"
    assert [s for _, s in quotes(text)] == ["Kari Holt", "Ivo Marek"]


def test_in_a_statement():
    text = OPENING + "In a statement, Moreno said: “The canal will stay open through the summer.”\n"
    assert speaker_of(text, "canal will stay") == "Elena Moreno"


def test_title_with_abbreviation():
    text = "“We need the funding now,” Republican Sen. Ada Lind said.\n"
    assert speaker_of(text, "funding") == "Ada Lind"


def test_pronoun_resolves_to_the_person_named_just_before():
    text = OPENING + "Marek arrived a day early. “We came to listen,” he said.\n"
    assert speaker_of(text, "listen") == "Ivo Marek"


def test_pronoun_continuing_a_quote_in_the_next_paragraph():
    text = OPENING + "“The deal is signed,” Holt said.\n\n“It will hold for ten years.”\n"
    assert [s for _, s in quotes(text)] == ["Kari Holt", "Kari Holt"]


def test_the_official_resolves_to_the_one_person_named_before():
    text = ("Port director Lena Berg met the unions on Monday. "
            "“There will be no strike,” the director said.\n")
    assert speaker_of(text, "strike") == "Lena Berg"


def test_unclear_pronoun_is_left_unnamed():
    text = OPENING + "Holt and Moreno thanked each other. “It was a good day,” she said.\n"
    assert speaker_of(text, "good day") is None


def test_anonymous_speakers_are_not_named():
    text = OPENING + "“Both sides gave ground,” one official said.\n\n“Talks continue,” a spokesman said.\n"
    assert [s for _, s in quotes(text)] == [None, None]


def test_a_quote_with_no_attribution_and_no_one_before_is_unnamed():
    text = "The port reopened on Monday.\n\n“Finally,” read a sign at the gate.\n"
    assert [s for _, s in quotes(text)] == [None]


def test_question_quote_keeps_its_attribution_in_the_same_sentence():
    text = OPENING + "“Who pays for the locks?” Marek asked. “Not us.”\n"
    assert [s for _, s in quotes(text)] == ["Ivo Marek", "Ivo Marek"]


def test_short_unattributed_terms_are_not_quotations():
    text = OPENING + "The so-called “launch team” met in the old “harbour hall” on Monday.\n"
    assert find_quotes(text) == ()


def test_markup_attribute_values_are_not_quotations():
    text = '<tweet author="harbourboard" id="1234">Locks open again</tweet>\n\n“We are open,” Moreno said.\n'
    assert quotes(text) == [("We are open,", "Moreno")]


def test_attribution_after_the_clause_at_the_end_of_the_sentence():
    text = OPENING + "Holt “felt a duty to do something about” the canal, Moreno said.\n"
    assert quotes(text) == [("Holt “felt a duty to do something about” the canal", "Elena Moreno")]


def test_inverted_name_that_starts_what_was_said_is_not_the_speaker():
    text = OPENING + "Moreno said Marek’s plan was “a good start for both countries.”\n"
    assert speaker_of(text, "good start") == "Elena Moreno"


def test_dateline_is_not_a_speaker():
    text = "CORVO (AP) — Holt welcomed the deal, calling it “a good day for the whole harbour.”\n"
    assert speaker_of(text, "good day") == "Holt"


def test_speaker_before_several_phrases_set_off_by_commas():
    text = "“We lost the harvest,” Harry Bond, 30, of Raleigh, N.C., who farms near the canal, said.\n"
    assert speaker_of(text, "harvest") == "Harry Bond"
    text = "“The locks are safe,” the canal's new director, Tomás Ibarra, said on Friday.\n"
    assert speaker_of(text, "locks") == "Tomás Ibarra"
    text = "Holt, speaking in Corvo, Sarvia, said the talks would go on and “end well for everyone.”\n"
    assert speaker_of(text, "end well") == "Holt"


def test_attribution_after_the_quote_and_a_few_words():
    text = "“We are extremely happy” about the vote, said Lena Berg, director of the port union.\n"
    assert speaker_of(text, "happy") == "Lena Berg"


def test_long_titled_name_after_said():
    text = "“It will pass,” said South Arland Harbour Party Chairman Jon Dale.\n"
    assert speaker_of(text, "pass") == "Jon Dale"


def test_name_before_a_colon_introduces_the_quote():
    text = "The result did not surprise harbour analyst Jon Dale: “Barges always come back in spring.”\n"
    assert speaker_of(text, "Barges") == "Jon Dale"


def test_possessive_before_an_inverted_name_and_went_on_to_say():
    text = "“We will be back,” said Corvo’s Lena Berg, a barge owner.\n\nBerg went on to say, “The river is ours.”\n"
    assert [s for _, s in quotes(text)] == ["Lena Berg", "Lena Berg"]


def test_participle_after_a_comma_takes_the_sentence_subject_not_the_object():
    text = ("Former Secretary of State Ada Lind urged voters to back Jon Dale, saying, "
            "“There is no better candidate for the harbour.”\n")
    assert speaker_of(text, "no better") == "Ada Lind"


def test_ordinal_inside_a_title():
    text = "“I was hoping for something else,” said Air Force 1st Lt. Tyler Livingston.\n"
    assert speaker_of(text, "hoping") == "Tyler Livingston"


def test_name_after_a_preposition_is_not_the_speaker():
    text = "“This will be a challenge” for Holt, said Moreno.\n"
    assert speaker_of(text, "challenge") == "Moreno"


def test_question_quote_then_attribution_then_another_quote_in_the_sentence():
    text = "“Is he available?” Holt asked, alluding to his role in “The River.”\n"
    assert quotes(text)[0] == ("Is he available?", "Holt")


def test_wire_forms_of_inverted_attribution():
    text = ("``I'm very sad and disappointed,'' said the NBA commissioner, David Stern. "
            "``I consider it to be a collective failure.''\n\n"
            "``We owe it to the fans,'' Granik said.\n\n"
            "Added Stern, ``We will go back and look again.''\n\n"
            "``They locked us out,'' said Rockets forward Mario Elie.\n")
    assert [s for _, s in quotes(text)] == ["David Stern", "David Stern", "Granik", "David Stern", "Mario Elie"]


def test_sentence_opening_with_a_conjunction_keeps_its_subject():
    text = "And then Holt went on the attack, saying, “Nobody pays less for the canal than Sarvia does.”\n"
    assert speaker_of(text, "Nobody") == "Holt"


def test_lower_case_description_before_a_full_name():
    text = "“I'm not going to say it is a mistake,” said retired neurosurgeon Ben Carlson, asked about it.\n"
    assert speaker_of(text, "mistake") == "Ben Carlson"


def test_a_role_without_a_name_is_not_a_name():
    text = OPENING + "“The witness saw everything,” the U.S. prosecutor said.\n"
    assert speaker_of(text, "witness") is None


def test_pronoun_prefers_a_person_named_in_full_over_a_one_word_name():
    text = ("Secretary-General Kofi Annan met officials in Tripoli. Libya has agreed to a trial, Annan said. "
            "“I hope we will find answers soon,” he said.\n")
    assert speaker_of(text, "answers") == "Kofi Annan"


def test_a_courtesy_title_keeps_a_family_member_apart_from_the_person_named_in_full():
    text = ("President Anton Varga met the envoy on Monday. His wife Ilse said he was tired. "
            "``The doctors say he is well,'' Mrs. Varga said.")
    (quote,) = [q for q in find_quotes(text) if "doctors" in q.text]
    assert quote.speaker == "Mrs. Varga"


def test_he_goes_on_with_the_person_last_quoted_when_a_place_is_named_beside_him():
    text = ("``The harvest failed,'' Ngaro said. "
            "Ngaro said the government blamed its rival South Tarvia for the decision. "
            "``Everybody is hungry,'' he said.")
    (quote,) = [q for q in find_quotes(text) if "hungry" in q.text]
    assert quote.speaker == "Ngaro"


def test_ms_with_a_surname_is_the_one_woman_the_article_names_in_full():
    text = ("Secretary of State Ines Albero arrived in Kelso on Monday. "
            "``The talks were useful,'' Ms. Albero said.")
    (quote,) = [q for q in find_quotes(text) if "useful" in q.text]
    assert quote.speaker == "Ines Albero"


def test_a_quotation_after_said_but_added_is_the_speaker_of_said_not_the_sentences_subject():
    # ("Norland" is a speaker elsewhere; after "in" it is a place, no antecedent for "he")
    text = ("``We have enough grain,'' Norland says. Sten Lund, head of the Red Cross delegation, spoke in Norvik. "
            "``This now makes up 40 percent of what people eat,'' Lund said. Doctors in Norland say many people "
            "suffer stomach pains after eating it, he said, but added, ``If you're very hungry, it fills your stomach.''")
    (added,) = [q for q in find_quotes(text) if "hungry" in q.text]
    assert added.speaker == "Sten Lund" and added.cue == "added"


def test_a_wire_quotation_running_into_the_next_paragraph_ends_where_the_next_one_opens():
    # Wire copy leaves a quotation that runs on into the next paragraph unclosed and opens the next
    # paragraph again; flowed into one line, the country named inside it is no antecedent of "he".
    text = ("Norland said on Sunday it was ready to talk. "
            "Foreign Minister Pia Lund met the rebels in Orvik on Monday. ``The talks were useful,'' Lund said in "
            "Orvik. ``Norland has shown it wants a settlement. ``Norland has also agreed to a ceasefire "
            "along the river,'' he said. ``So I hope for good news soon,'' he added.")
    found = quotes(text)
    assert ("Norland has shown it wants a settlement.", "Pia Lund") in [(t.strip("` "), s) for t, s in found]
    assert speaker_of(text, "good news soon") == "Pia Lund"
    assert speaker_of(text, "ceasefire") == "Pia Lund"


@pytest.mark.parametrize("text, words, speaker", [
    # a title whose complement runs into the name: the place is the title's, not a first name
    ("Asked about the tapes, Norland's Ambassador to Sarvia Ana Kell said, ``We do not comment on such "
     "things, but any fair reading shows we have no wish to spy.''", "fair reading", "Ana Kell"),
    ("``The border stays open to trade,'' Minister of Trade Ivo B. Marek told reporters on Monday.",
     "border stays open", "Ivo B. Marek"),
    # a person before the body he heads ("X, director of the Y Service told": the apposition's
    # closing comma left out): the person, not the body
    ("``It is one of the dark pages of our history,'' Ivo Marek, director of the Federal Customs "
     "Service (FCS) told the Orvik news agency.", "dark pages", "Ivo Marek"),
    ("``We will appeal the ruling at once,'' Kari Holt of the Harbour Workers Union said.", "appeal the ruling",
     "Kari Holt"),
])
def test_the_speaker_is_the_name_not_the_title_or_body_around_it(text, words, speaker):
    assert speaker_of(text, words) == speaker


def test_a_name_joined_to_a_lower_case_particle_is_a_name():
    # "al-Zuwiy said": wire copy writes Arabic names with a lower-case "al-"
    text = ("Norland's justice secretary, Omar Belgasim al-Nadi, spoke to the assembly on Monday. "
            "``Our argument is that this is an exceptional trial and the term should be served here,'' "
            "al-Nadi said.")
    assert speaker_of(text, "exceptional trial") == "Omar Belgasim al-Nadi"


def test_a_speaker_named_beside_a_description_after_the_quotation():
    # "``...,'' his cousin, the Rev. Anne Kitch, said in a homily ...": the cousin speaks, not the
    # person the sentence before is about
    text = ("Farmer Tomas Reyes, who was killed in the flood, was mourned on Friday by 500 people. ``Tomas "
            "believed that one good harvest could change a village,'' his cousin, the Rev. Ana Kell, said in a "
            "homily that was carried to the square outside the church.")
    assert speaker_of(text, "good harvest") == "Ana Kell"


def test_reflected_after_a_quotation_attributes_it():
    # "``...,'' Kreifels reflected": a verb of saying in that place, though "the figures reflected a
    # decline" is none
    text = ("Ivo Marek, a cyclist, said he found farmer Tomas Reyes on Monday. Reyes was lying by the road. "
            "``Sometimes I wonder why I "
            "found him alive, if he was going to die,'' Marek reflected, before traveling home.")
    assert speaker_of(text, "Sometimes I wonder") == "Ivo Marek"
