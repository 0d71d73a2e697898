"""Ranking on small hand-written articles."""

from __future__ import annotations

import pytest

from briefer.core.models import Article, CleanArticle, Corpus, Item, Sentence
from briefer.analysis.rank import MODEL, Ranking, ReadCorpus, concept_weights, concepts, rank, stem

FILLER = [
    "Local officials held a routine press briefing about the weather forecast on Tuesday.",
    "Traffic on the northern ring road was slower than usual during the morning hours.",
    "A bakery in the old town reported strong sales of bread during the holiday week.",
    "The city museum extended its opening hours for visitors over the long weekend.",
]


def corpus_of(articles: list[list[str]], origins: dict[int, int] | None = None) -> Corpus:
    """One item per sentence; article i (1-based) is its own origin unless told otherwise."""
    clean, items = [], []
    for number, sentences in enumerate(articles, start=1):
        article = Article(number, f"a{number}.txt", f"Article {number}", None, None, None, tuple(sentences))
        clean.append(CleanArticle(article, tuple(sentences)))
        for position, text in enumerate(sentences):
            sentence = Sentence(article=number, position=position, paragraph=0, text=text)
            origin = (origins or {}).get(number, number)
            items.append(Item(text, (sentence,), (number,), (origin,)))
    origin_of = {n: (origins or {}).get(n, n) for n in range(1, len(articles) + 1)}
    return Corpus(articles=tuple(clean), origin_of=origin_of, items=tuple(items))


def text_of(corpus: Corpus, index: int) -> str:
    return corpus.items[index].text


STORM = [
    [
        "The storm flooded the coastal city of Marlow on Monday and forced thousands of residents to leave their homes.",
        "Emergency crews rescued dozens of families from rooftops in the flooded districts of Marlow.",
        "The mayor, who once played professional chess in Vienna, enjoys painting watercolour landscapes on weekends.",
        FILLER[0],
    ],
    [
        "Thousands of residents left their homes after the storm flooded the coastal city of Marlow.",
        FILLER[1],
        "Emergency crews rescued families from rooftops as the river burst its banks in Marlow.",
    ],
    [
        "The storm that flooded Marlow cut power to the coastal city and closed its port.",
        "Officials said emergency crews rescued more families from rooftops overnight.",
        FILLER[2],
    ],
]


def test_scores_cover_every_item_and_order_indexes_items():
    corpus = corpus_of(STORM)
    ranking = rank(corpus, budget_words=100)
    assert isinstance(ranking, Ranking)
    assert len(ranking.scores) == len(corpus.items)
    assert len(set(ranking.order)) == len(ranking.order)
    assert all(0 <= i < len(corpus.items) for i in ranking.order)
    assert ranking.order, "something must be selected"


def test_deterministic():
    first = rank(corpus_of(STORM), budget_words=60)
    again = rank(corpus_of(STORM), budget_words=60)
    assert first == again


def test_the_budget_is_read_to_its_end_and_no_further():
    corpus = corpus_of(STORM)
    for budget in (0, 10, 25, 40, 60, 1000):
        lengths = [len(text_of(corpus, i).split()) for i in rank(corpus, budget_words=budget).order]
        # every item starts within the budget; only the last may run past it
        assert sum(lengths[:-1]) < budget or not lengths
        if budget <= 60:  # enough to say in STORM
            assert sum(lengths) >= budget


def test_scores_fall_along_order():
    ranking = rank(corpus_of(STORM), budget_words=1000)
    selected = [ranking.scores[i] for i in ranking.order]
    assert selected == sorted(selected, reverse=True)
    assert all(score > 0 for score in selected)


def test_near_identical_sentences_never_both_selected():
    lead = "The central bank raised its main interest rate by half a point on Thursday to fight inflation."
    same = "The central bank raised its main interest rate by half a point on Thursday, to fight inflation."
    corpus = corpus_of([[lead, FILLER[0]], [same, FILLER[1]], [lead, FILLER[2]]])
    ranking = rank(corpus, budget_words=1000)
    chosen = [text_of(corpus, i) for i in ranking.order]
    assert sum(t in (lead, same) for t in chosen) == 1


def test_corroborated_concepts_outrank_single_article_aside():
    corpus = corpus_of(STORM)
    ranking = rank(corpus, budget_words=1000)
    aside = next(i for i, item in enumerate(corpus.items) if "chess" in item.text)
    assert ranking.order[0] != aside
    assert "Marlow" in text_of(corpus, ranking.order[0])
    assert ranking.scores[aside] < ranking.scores[ranking.order[0]]
    assert aside not in ranking.order  # nothing it says is corroborated


def test_early_sentences_preferred_when_otherwise_equal():
    early = "Rebels seized the airport in the northern province after a night of heavy fighting."
    late = "Farmers protested against new grain export quotas outside the agriculture ministry."
    articles = [[early, *FILLER, late], [early, *FILLER, late]]
    corpus = corpus_of(articles)
    ranking = rank(corpus, budget_words=1000)
    top = text_of(corpus, ranking.order[0])
    assert top == early
    late_index = max(i for i, item in enumerate(corpus.items) if item.text == late)
    assert ranking.scores[ranking.order[0]] > ranking.scores[late_index]


def test_questions_fragments_and_dangling_pronouns_are_not_selected():
    question = "Will the storm that flooded the coastal city of Marlow return to the coast next week?"
    dangling = "It flooded the coastal city of Marlow and forced thousands of residents from their homes."
    articles = [[*sentences, question, dangling, "Marlow flooded."] for sentences in STORM]
    corpus = corpus_of(articles)
    chosen = {text_of(corpus, i) for i in rank(corpus, budget_words=1000).order}
    assert question not in chosen
    assert dangling not in chosen
    assert "Marlow flooded." not in chosen


def test_rewrites_of_one_origin_count_once():
    # articles 1 and 2 are one wire report: its own aside is not corroborated by that copy
    report = ["The parliament passed the new budget law by a narrow margin late on Friday night.",
              "A lawmaker from the fishing islands wore a traditional woollen sweater to the vote."]
    other = ["The parliament passed the new budget law after weeks of negotiations on Friday.",
             FILLER[3]]
    corpus = corpus_of([report, report, other], origins={1: 1, 2: 1, 3: 3})
    chosen = {text_of(corpus, i) for i in rank(corpus, budget_words=1000).order}
    assert report[1] not in chosen


def test_single_article_unrelated_articles_and_empty_corpus():
    single = corpus_of([STORM[0]])
    assert rank(single, budget_words=100).order
    unrelated = corpus_of([STORM[0][:3], FILLER[1:3]])  # no concept shared: each one's own words count
    assert rank(unrelated, budget_words=100).order
    empty = Corpus(articles=(), origin_of={}, items=())
    assert rank(empty, budget_words=100) == Ranking(order=(), scores=())


def test_stemmer_conflates_inflections():
    assert stem("floods") == stem("flooded") == stem("flooding") == stem("flood")
    assert stem("policies") == stem("policy")
    assert stem("stopped") == stem("stop")
    # British and American spellings of one verb: the doubled "l" before -ed, -ing
    assert stem("cancelled") == stem("canceled") == stem("cancel") == stem("cancelling")
    assert stem("travelled") == stem("traveling") == stem("travels")
    assert stem("called") == stem("calls") == stem("call")
    assert stem("chill") != stem("chile") and stem("stall") != stem("stale")  # one syllable: no variant spelling


def test_an_item_running_past_the_budget_counts_for_what_is_read_within_it():
    front = "Storm floods Marlow, a reporter wrote from a quiet village far away on the hills above the sea."
    late = ("Late on a long night, residents saw the storm flood Marlow port, rail lines, power plants, "
            "river banks and the coastal road.")
    other = ("They said the storm flooded Marlow port, cut rail lines and power plants, broke river banks "
             "and shut the coastal road.")
    corpus = corpus_of([[front, late, FILLER[0]], [other, FILLER[1]]])
    first = {budget: text_of(corpus, rank(corpus, budget_words=budget).order[0]) for budget in (10, 200)}
    assert first[200] == late  # it says the most
    assert first[10] == front  # but a reader stopping at word 10 meets little of it


def test_stopwords_are_known_by_their_spelling_not_their_stem():
    found = concepts("They said these people were there because of the floods.")
    assert {"thei", "thes", "ther", "becaus"}.isdisjoint(found)  # "they" stems to "thei"
    assert {"peopl", "flood", ("the", "flood")} <= set(found) and ("of", "the") not in found


def test_concept_weights_are_probabilities_of_corroborated_concepts_only():
    corpus = corpus_of(STORM)
    texts = {m.text for item in corpus.items for m in item.members}
    weights = concept_weights(corpus, {text: concepts(text) for text in texts})
    assert "chess" not in weights  # one origin's aside
    assert all(0 < p < 1 for p in weights.values())
    # used early by every origin beats used late by two
    assert weights["marlow"] > weights["rooftop"] > 0


def test_the_words_read_at_once_give_the_weights_of_concept_weights(seed_corpus):
    for corpus in (corpus_of(STORM), seed_corpus):
        texts = {m.text for item in corpus.items for m in item.members}
        expected = concept_weights(corpus, {text: concepts(text) for text in texts})
        read = ReadCorpus.of(corpus)
        stems = list(read.reading.vocabulary)
        n = len(stems)
        codes, weights = read.weighed(MODEL)
        keys = [stems[c] if c < n else (stems[(c - n) // n], stems[(c - n) % n]) for c in codes.tolist()]
        assert dict(zip(keys, weights.tolist())) == pytest.approx(expected)
