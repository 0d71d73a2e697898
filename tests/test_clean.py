from briefer.prepare.clean import clean_articles, is_furniture, paragraphs_of
from briefer.sources.ingest import read_articles
from briefer.sources.text import parse_article

FURNITURE = [
    "ADVERTISEMENT", "Comments", "Start the conversation", "Sign Up Now", "Already have an account? Login",
    "Leave a Reply", "Also Read: India says US grants six-month sanction exemption on Iran port",
    "Based On Reuters Report", "Contact Us.", "Become a member of New India Abroad to start commenting.",
    # other sites say other things
    "Subscribe to our newsletter", "Read more: Markets rally as talks resume", "Click here to download the app",
    "Related: What the tariff means for exporters", "Follow us on Facebook and Twitter",
    "Copyright 2025 Example Media. All rights reserved.",
]
SUBHEADINGS = ["A Broader Strategic Context", "Rebuilding a Strained Partnership", "Looking Ahead"]
PROSE = [
    "The officials declined to be named because they were not authorized to speak to the media.",
    "Trump, speaking in South Korea on Oct. 29 during a tour of Asia, said that he wanted to reach a trade deal with India.",
    "Talks resumed.",
]


def test_furniture_and_subheadings_are_dropped_prose_kept():
    for line in FURNITURE + SUBHEADINGS:
        assert is_furniture(line, set()), line
    for line in PROSE[:2]:
        assert not is_furniture(line, set()), line


def test_short_lines_repeated_across_articles_are_furniture():
    one = parse_article(1, "a.txt", "Headline one\nThe minister said the plan was ready for a vote.\nShare your thoughts with us today.\n")
    two = parse_article(2, "b.txt", "Headline two\nThe opposition said the plan would fail in a vote.\nShare your thoughts with us today.\n")
    cleaned = clean_articles((one, two))
    assert all("Share your thoughts" not in p for c in cleaned for p in c.paragraphs)


def test_seeds_have_no_furniture(seeds):
    cleaned = clean_articles(read_articles(seeds).articles)
    text = "\n".join(p for c in cleaned for p in c.paragraphs)
    for line in FURNITURE + SUBHEADINGS:
        assert line not in text
    assert "To read the full article" not in text
    # datelines go, the reporting stays
    assert "New Delhi, Nov. 1 --" not in text and "Kuala Lumpur: Indian" not in text
    assert "India and the US on Friday signed a 10-year framework" in text


def test_wrapped_paragraphs_are_joined():
    lines = ("The council met on Tuesday and", "approved the budget after a long", "debate.", "", "Next paragraph here is short.")
    assert paragraphs_of(lines) == ["The council met on Tuesday and approved the budget after a long debate.",
                                    "Next paragraph here is short."]


def test_wire_datelines_and_editors_notes_go_the_prose_stays_verbatim():
    body = ("LAUSANNE, Switzerland (AP) _ The committee met on Sunday to discuss the bids. "
            "It voted twice. (OPTIONAL TRIM CAN BEGIN HERE) The first vote failed narrowly. "
            "(OPTIONAL TRIM ENDS HERE) The NATO (North Atlantic Treaty Organization) envoy watched.")
    cleaned = clean_articles((parse_article(1, "C1.txt", body + "\n"),))[0]
    assert cleaned.paragraphs == (
        "The committee met on Sunday to discuss the bids. It voted twice.",
        "The first vote failed narrowly.",
        "The NATO (North Atlantic Treaty Organization) envoy watched.",
    )
    assert all(paragraph in body for paragraph in cleaned.paragraphs)


def test_a_newspapers_wire_dateline_in_capitals_goes():
    for body in ("KELSO, N.J. _ A new task force began work on Thursday.", "KELSO -- A new task force began work on Thursday.",
                 "PORT ARLAND _ A new task force began work on Thursday.",
                 "KELSO, Corvo Islands — A new task force began work on Thursday.",
                 "Kelso, KS – A new task force began work on Thursday.",
                 "Port Arland, Corvo, Norland: A new task force began work on Thursday.",
                 "LA PAZ, Corvo _ A new task force began work on Thursday.",
                 "KELSO, Miss. - A new task force began work on Thursday."):
        cleaned = clean_articles((parse_article(1, "C1.txt", body + "\n"),))[0]
        assert cleaned.paragraphs == ("A new task force began work on Thursday.",), body
    # a dateline's dash, then an aside between two more
    body = "Kelso, Corvo — A bomb exploded outside the embassy — the second in a week — killing 12."
    assert clean_articles((parse_article(1, "C1.txt", body + "\n"),))[0].paragraphs == (body.split(" — ", 1)[1],)
    # words in capitals that the sentence goes on from are no dateline
    for body in ("NATO leaders met on Thursday.", "The NATO _ an alliance of 30 _ met on Thursday.",
                 "Ortiz, the minister, said — Nothing was agreed.", "Kelso is calm — The city slept.",
                 "Still, Democrats — Ortiz among them — insisted on a vote.", "OK — Let me be clear about this.",
                 "I -- I do not know what happened.", "Ortiz, Vidal: Who won the debate is disputed.",
                 "US - China trade talks resumed on Thursday."):
        assert clean_articles((parse_article(1, "C1.txt", body + "\n"),))[0].paragraphs == (body,), body


def test_a_web_pages_dateline_goes_even_glued_to_the_first_word():
    for body, lead in (("Hong Kong (CNN Business)A muddled view of the ferry talks weighs on investors.",
                        "A muddled view of the ferry talks weighs on investors."),
                       ("Washington (CNN) — The House voted on the ferry bill.", "The House voted on the ferry bill."),
                       ("Kelso Harbour (Reuters) - Ferry shares fell sharply.", "Ferry shares fell sharply.")):
        cleaned = clean_articles((parse_article(1, "C1.txt", body + "\n"),))[0]
        assert cleaned.paragraphs == (lead,), body
    # a party after a name is no dateline, nor an agency's name that the sentence goes on from
    for body in ("Governor Ines Ortiz (R) is defending the ferry campaign.",
                 "Kelso Press Agency (AP) Chief Executive Ines Ortiz said the ferries would sail."):
        assert clean_articles((parse_article(1, "C1.txt", body + "\n"),))[0].paragraphs == (body,), body


def test_a_correction_notice_is_about_the_article_and_is_dropped():
    """The value a correction says was wrong must not be read as a fact of the story; a sentence
    that only mentions a correction or an earlier version of something is prose."""
    for line in ("Correction: An earlier version of this article said 28 villages were flooded. The correct figure is 18.",
                 "**Clarification:** An earlier version of this story misstated the mayor's title.",
                 "This article has been corrected to show that the dam was built in 1978, not 1987."):
        assert is_furniture(line, set()), line
    assert is_furniture("Editor’s Note: An earlier version misstated the toll.", set())  # a printed apostrophe
    for line in ("The minister issued a correction: the deficit was 3.1 percent, not 3.4 percent.",
                 "Engineers said an earlier version of the dam's design had been rejected in 2019.",
                 # news, then a notice at its end: the paragraph's news stays
                 "Rescuers pulled 40 people from the river. This story has been corrected to fix the town's name."):
        assert not is_furniture(line, set()), line
