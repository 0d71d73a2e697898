"""Shared lines are evidence, not furniture (issue 13, item 5).

A short line two articles share is usually the best corroborated fact of all; it is site
furniture only when it has no sentence structure or says what furniture says
(prepare/cues/furniture.txt). Copying a line into a second article must not delete it.
"""

from __future__ import annotations

import pytest

from briefer.commands.build import load_corpus
from briefer.core.cues import phrases
from briefer.prepare.clean import clean_articles, has_sentence_structure, is_furniture, normalise
from briefer.sources.text import parse_article

FACT = "The treaty was signed in Corvo on Monday."


def _pair(shared: str):
    one = parse_article(1, "a.txt", f"Headline one\nThe minister said the plan was ready for a vote.\n{shared}\n")
    two = parse_article(2, "b.txt", f"Headline two\nThe opposition said the plan would fail in a vote.\n{shared}\n")
    return clean_articles((one, two))


def test_a_short_fact_two_articles_share_stays_in_both():
    cleaned = _pair(FACT)
    assert all(FACT in c.paragraphs for c in cleaned)


@pytest.mark.parametrize("shared", [
    "Reporting by Ann Lee; Editing by Tom Ray.",
    "Share your thoughts with us in the comments.",
    "The views expressed are the author's own.",
    "With inputs from agencies.",
    "World. Business. Markets. Sport. Opinion.",  # a menu: no function words
    "Thanks for reading the Corvo Courier today.",
])
def test_a_shared_line_that_is_furniture_goes(shared):
    cleaned = _pair(shared)
    assert all(shared not in c.paragraphs for c in cleaned)


def test_the_same_lines_alone_in_one_article_are_judged_as_before():
    assert not is_furniture(FACT, set())
    assert is_furniture(FACT, set()) == is_furniture(FACT, {"something else"})
    assert is_furniture(FACT, {normalise(FACT)}) is False


def test_sentence_structure():
    assert has_sentence_structure(FACT)
    assert not has_sentence_structure("World. Business. Markets. Sport.")
    assert not has_sentence_structure("The treaty signing in Corvo")  # no sentence end


def test_a_corroborated_short_fact_is_cited_to_both_articles(write_articles):
    folder = write_articles({
        "a.txt": f"Treaty signed\n\nThe first report covers the reaction of farmers in the valley region.\n\n{FACT}\n",
        "b.txt": f"Water deal\n\nA different outlet discusses how the deal affects power prices next winter.\n\n{FACT}\n",
    })
    corpus, _ = load_corpus(folder)
    (item,) = [i for i in corpus.items if i.text == FACT]
    assert item.sources == (1, 2)


def test_the_furniture_cue_file_says_what_it_is_for():
    cues = phrases("prepare", "furniture")
    assert "reporting by" in cues and all(cue == cue.lower() for cue in cues)
