"""Key quotes: verbatim quotations with the right speaker, medium and citations."""

from __future__ import annotations

import datetime as dt

import pytest

from briefer.core.models import Article, CleanArticle
from briefer.analysis.quotes import article_quotes, key_quotes


def article(*paragraphs: str, number: int = 1) -> CleanArticle:
    meta = Article(number=number, path=f"{number}.md", title="t", outlet=None, date=dt.date(2025, 3, 8),
                   url=None, lines=paragraphs)
    return CleanArticle(article=meta, paragraphs=paragraphs)


def speakers(clean: CleanArticle) -> list[tuple[str, str, str | None]]:
    return [(q.text, q.speaker, q.medium) for q in article_quotes(clean)]


OPENING = "Defence minister Kari Holt met her Sarvian counterpart Ivo Marek in Geneva on Friday."


def test_seed_quotes_carry_their_speakers(seed_corpus):
    found = {q.text.split(".")[0]: (q.speaker, q.medium, q.citations)
             for q in key_quotes(seed_corpus.articles, seed_corpus.origin_of)}
    assert found["Had a fruitful meeting with my US counterpart"] == ("Rajnath Singh", "on X", (5,))
    assert found["I just met with @rajnathsingh to sign a 10-year U"] == ("Pete Hegseth", "on X", (5,))
    assert found["It was a pleasure to meet with Secretary of State Rubio in Kuala Lumpur this morning"][0] == "S. Jaishankar"


def test_seed_pronoun_and_standalone_quotes(seed_corpus):
    (framework,) = [a for a in seed_corpus.articles if a.article.number == 5]
    by_text = {q.text.split(".")[0]: q.speaker for q in article_quotes(framework)}
    # A paragraph that is only a quotation, after "He added that ...", after "..., Singh wrote on X."
    assert by_text["Defence will remain the major pillar of our bilateral relations"] == "Rajnath Singh"
    # "..., the defence ministry said. "It is intended ..."" and later "the ministry said in a statement".
    assert by_text["It is intended to provide a unified vision and policy direction to deepen defence cooperation"] \
        == "the defence ministry"
    assert by_text["They reviewed the ongoing defence issues and the challenges that persist and deliberated upon "
                   "the ongoing defence industry and technology collaborations"] == "the defence ministry"


def test_attribution_shapes():
    clean = article(
        OPENING,
        '"We will not accept these terms from anyone," Holt said.',
        'Holt said, "The talks were useful and we will meet again next month."',
        'According to Marek, "Our navies will train together from next year on."',
        '"Nothing has been decided about the base yet," said Holt.',
        "\u201cBoth sides gave ground on the price today,\u201d one official said.",
        "Critics called the deal \u201cunfair\u201d and \u201ca waste of money for the navy\u201d.",
    )
    assert speakers(clean) == [
        ("We will not accept these terms from anyone", "Kari Holt", None),
        ("The talks were useful and we will meet again next month.", "Kari Holt", None),
        ("Our navies will train together from next year on.", "Ivo Marek", None),
        ("Nothing has been decided about the base yet", "Kari Holt", None),
        ("Both sides gave ground on the price today", "one official", None),
    ]


def test_pronoun_speaker_resolves_only_when_unambiguous():
    clean = article(
        OPENING,
        'Marek arrived in Geneva a day early. "We came to listen and to agree on a plan," he added.',
        "Trade minister Lena Berg joined them on Saturday.",
        'Holt and Berg thanked each other. "It was a good day for both of our countries," she said.',
        'Holt thanked Marek for the visit. "Our navies will sail together next spring," she said.',
    )
    # "he" -> the one person the sentence before names; "she" after a sentence whose subject is two
    # women: dropped; after "Holt thanked Marek": the subject, Holt (Marek is "he").
    assert speakers(clean) == [("We came to listen and to agree on a plan", "Ivo Marek", None),
                               ("Our navies will sail together next spring", "Kari Holt", None)]


def test_multi_sentence_quote_with_medium_and_fuller_body():
    clean = article(
        "The plan was approved by the defence ministry on Friday.",
        '"The first aircraft arrive next year. The rest follow in 2027. We are on schedule," '
        "the ministry said in a statement.",
        "Holt wrote on X that the deal was done. \u201cA good day for our navy and for our industry.\u201d",
    )
    assert speakers(clean) == [
        ("The first aircraft arrive next year. The rest follow in 2027. We are on schedule",
         "the defence ministry", "in a statement"),
        # Reported speech, then the quotation on its own: the same speaker, the same medium.
        ("A good day for our navy and for our industry.", "Holt", "on X"),
    ]


def test_standalone_quote_takes_the_speaker_of_the_sentence_before():
    clean = article(
        OPENING,
        "The plan covers ten years, the defence ministry said. \"It gives the navy what it needs at sea.\"",
        "Holt said the plan was affordable.",
        "\"We have budgeted for every aircraft and every crew.\"",
    )
    assert speakers(clean) == [
        ("It gives the navy what it needs at sea.", "the defence ministry", None),
        ("We have budgeted for every aircraft and every crew.", "Kari Holt", None),
    ]


def test_key_quotes_merge_reports_of_one_quote_and_prefer_named_speakers():
    first = article(OPENING, '"We will buy the aircraft this year, whatever it costs," Holt said.',
                    '"The price is still being negotiated by both teams," one official said.', number=1)
    second = article("Kari Holt, the defence minister, spoke in Geneva.",
                     "\u201cWe will buy the aircraft this year, whatever it costs,\u201d Holt said on X.", number=2)
    quotes = key_quotes((first, second), {1: 1, 2: 2})
    assert [(q.speaker, q.citations) for q in quotes] == [("Kari Holt", (1, 2)), ("one official", (1,))]
    assert quotes[0].text == "We will buy the aircraft this year, whatever it costs"


# Three undated wire stories in the DUC style: ``...'' quotes, "said X, a title", a pronoun that
# continues a quote, a year mentioned only in passing.
WIRE_ARTICLES = {
    "wire1.txt": (
        "Canal reopens after drought\n\n"
        "The Lerma canal reopened to barges on Tuesday after a drought that began in 2019 kept it closed "
        "for most of the summer, canal officials said.\n\n"
        "``The water is back and the locks are working again,'' said Tomás Ibarra, a director of the "
        "canal authority.\n\n"
        "Shipping firms had lost millions during the closure, he added.\n"
    ),
    "wire2.txt": (
        "Barges return to the Lerma\n\n"
        "Barge traffic resumed on the Lerma canal on Tuesday, and canal administrator Elena Moreno told "
        "reporters the first convoy had passed the upper locks.\n\n"
        "``We expect forty barges a day by the end of the month,'' Moreno said. ``The harbour is ready "
        "for them and so are the crews.''\n\n"
        "Ibarra said the reopening had come sooner than planned.\n"
    ),
    "wire3.txt": (
        "Farmers and shippers welcome the canal\n\n"
        "Farmer Mike Brown, who ships grain on the canal, said the closure had cost him a season.\n\n"
        "``I lost three months of sales while the boats sat empty in the harbour,'' he said.\n\n"
        "``Nobody here wants to go through another summer like this one,'' said Brown, 54.\n"
    ),
}


def test_brief_from_wire_articles_quotes_full_names(build_brief):
    rendered = build_brief(WIRE_ARTICLES).rendered
    speakers = {q.speaker for q in rendered.brief.quotes}
    assert speakers and speakers <= {"Tomás Ibarra", "Elena Moreno", "Mike Brown"}
    assert {"Tomás Ibarra", "Elena Moreno"} <= speakers
    quotes_section = rendered.markdown.split("## Key quotes")[1]
    assert "— Tomás Ibarra" in quotes_section and "— Elena Moreno" in quotes_section
    assert "``" not in quotes_section and "''" not in quotes_section
    for name in ("— Tomás\n", "— Elena\n", "— Mike\n", "— Moreno\n", "— Brown\n"):
        assert name not in quotes_section


def test_wire_pronoun_quote_carries_the_full_name():
    clean = article(*WIRE_ARTICLES["wire3.txt"].split("\n\n")[1:])
    assert [(q.text.split()[0], q.speaker) for q in article_quotes(clean)] == [
        ("I", "Mike Brown"), ("Nobody", "Mike Brown")]


@pytest.mark.parametrize("leaning", [
    "This is really part of the daily life here now",
    "It is one of the darkest pages of our history",
    "Their loss is a blow to every family in the valley",
    "If he rules in our favor, the owners will have to pay",
    "There is little hope of that in our country",
    "But everyone believes the army units were sent to do it",
])
def test_a_quotation_that_leans_on_what_was_said_before_is_no_key_quote(leaning):
    # what "this", "it", "their", "he" or "that" stands for lies in sentences the page does not show
    first = article(OPENING, f'"{leaning}," Holt said.',
                    '"We will buy the aircraft this year, whatever it costs," Holt said.', number=1)
    quotes = key_quotes((first,), {1: 1})
    assert [q.text for q in quotes] == ["We will buy the aircraft this year, whatever it costs"]


def test_a_quotation_whose_it_is_its_own_is_a_key_quote():
    first = article(OPENING, '"Srebrenica is a dark part of our history and people here do not talk about it," Holt said.',
                    number=1)
    assert [q.text for q in key_quotes((first,), {1: 1})] == [
        "Srebrenica is a dark part of our history and people here do not talk about it"]
