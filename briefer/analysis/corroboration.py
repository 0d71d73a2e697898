"""Corroboration: prefer what independent origins confirm.

Whatever ranker is in use, its scores are multiplied by a factor that grows with the
number of independent origins carrying an item (rewrites of one wire report count once):
1 origin x1, 2 origins x1.5, 3 or more x2. The order is then re-sorted by the adjusted
score, so corroborated items take their section's places first and give way last on a
full page. Kept outside rank.py so any ranker with the `Ranking(order, scores)` API gets it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from briefer.analysis.dedupe import candidate_pairs
from briefer.analysis.disagree import bound_event, events_untold, places_in, same_fact, tell_other_facts
from briefer.analysis.rank import Ranking
from briefer.core.models import Corpus, Sentence
from briefer.core.lexicon import SPEECH_VERB_PATTERN
from briefer.core.text import content_words, inner_names, stem
from briefer.language.annotate import annotate
from briefer.language.quantities import DURATIONS, measure

BONUS_PER_ORIGIN = 0.5
MOST_ORIGINS_COUNTED = 3


def origin_factor(origins: int) -> float:
    return 1.0 + BONUS_PER_ORIGIN * (min(max(origins, 1), MOST_ORIGINS_COUNTED) - 1)


def prefer_corroborated(corpus: Corpus, ranking: Ranking) -> Ranking:
    """The ranking with each score times its origin factor; the ranker's choice of items is kept."""
    scores = tuple(score * origin_factor(len(item.origins)) for item, score in zip(corpus.items, ranking.scores))
    position = {index: place for place, index in enumerate(ranking.order)}
    order = tuple(sorted(ranking.order, key=lambda i: (-scores[i], position[i])))
    return Ranking(order, scores)


# --- Corroboration by claim ------------------------------------------------------------------
@dataclass(frozen=True)
class SameClaim:
    """When two sentences that dedupe kept apart state one claim in other words."""

    # Share of content words the two sentences share (Jaccard): rewrites change the wording
    # around a claim, not its participants, event and object.
    content_overlap: float = 0.3
    # Share of a sentence's content words the other states for it to carry the sentence's claim: most.
    containment: float = 0.6
    # A value written to this many significant figures ("52.3%", "1,243 people") is a claim's
    # fingerprint: reports that state it state one claim, however else they word it.
    precise_digits: int = 3
    # ... unless so many sentences state it that it is the story's refrain, not one claim.
    most_stating: int = 12
    # A saying's claim is what was said when that holds this many content words ("said the
    # bank would not let inflation take root"); fewer, and the whole sentence is compared.
    fewest_said: int = 3


SAME_CLAIM = SameClaim()


def _covered(terms: set[str], other: set[str]) -> float:
    """Share of `terms` that `other` states too."""
    return len(terms & other) / len(terms) if terms else 0.0


_SAYING = re.compile(r"\b(?:" + SPEECH_VERB_PATTERN + r")\b")


def _claim_terms(text: str) -> set[str]:
    """The content words of what a sentence claims. Of a saying, what was said: "Governor Marrak
    said the bank would not let inflation take root" and "Governor Marrak said last week the bank
    would do whatever is necessary" share a speaker, not a claim. (What was said is what follows
    the verb of saying; a sentence that ends on its attribution, "..., doctors said", is read
    whole.)"""
    saying = _SAYING.search(text)
    if saying:
        after = content_words(text[saying.end():])
        if len(after) >= SAME_CLAIM.fewest_said:
            return set(after)
    return set(content_words(text))


def claim_support(corpus: Corpus) -> tuple[tuple[int, ...], ...]:
    """For each item, every article stating its claim: in its words (its members) or in other
    words (another item whose sentence shares its terms and writes every place it names, with
    no value in conflict).

    Pairs come from the dedupe stage's sparse term index, so the work grows with sentences that
    share words, never with all pairs. Only direct neighbours count: a chain of resemblances is
    not one claim.
    """
    texts = [item.text for item in corpus.items]
    sentences = [Sentence(article=item.first.article, position=index, paragraph=0, text=item.text)
                 for index, item in enumerate(corpus.items)]
    support = [set(item.sources) for item in corpus.items]
    for pair in candidate_pairs(sentences):
        a, b = texts[pair.first], texts[pair.second]
        if pair.content_overlap < SAME_CLAIM.content_overlap:
            continue
        terms_a, terms_b = _claim_terms(a), _claim_terms(b)
        # each way on its own: a short sentence inside a long one states the long one's claim
        # only in part ("Morning Glory set the record" does not carry "Endeavour won in 1992, ...")
        a_in_b = _covered(terms_a, terms_b) >= SAME_CLAIM.containment
        b_in_a = _covered(terms_b, terms_a) >= SAME_CLAIM.containment
        if not (a_in_b or b_in_a) or not same_fact(a, b) or tell_other_facts(a, b):
            continue
        if not (terms_a & terms_b) - (inner_names(a) | inner_names(b)):
            continue  # only who is in them in common ("The train was operated by Ostline Rail Freight" /
            # "Ostline Rail Freight said it would pay for the clean-up"): what each claims differs
        # a sentence carries another's claim only if it names every place the other names and
        # tells every event it tells: "police arrested the owner of the building that collapsed
        # in Ebute Metta" is not carried by "nine were killed when a building collapsed in Ebute Metta"
        if a_in_b and places_in(a, b) and not events_untold(a, b):
            support[pair.first] |= set(corpus.items[pair.second].sources)
        if b_in_a and places_in(b, a) and not events_untold(b, a):
            support[pair.second] |= set(corpus.items[pair.first].sources)
    for first, second in _same_precise_value(corpus):
        a, b = texts[first], texts[second]
        if tell_other_facts(a, b):
            continue
        # as above, each way: the carrier names the claim's places (the value, told with no other
        # event beside it, is the claim: "passed with 52.3 percent" / "52.3%, backed the initiative")
        if places_in(a, b):
            support[first] |= set(corpus.items[second].sources)
        if places_in(b, a):
            support[second] |= set(corpus.items[first].sources)
    return tuple(tuple(sorted(s)) for s in support)


def _precise_values(text: str, published: dt.date | None) -> dict[tuple, str | None]:
    """The values a sentence states to `precise_digits` significant figures or more: a share, a
    sum, or a count of a noun ("1,243 people"), with their unit (and the noun a count counts).
    Not a number that describes a noun ("the 128-seat parliament", "its 105-strong team": what
    the thing is, said in passing by every report), nor a measure ("380 kilometers west of Goma")."""
    found = {}
    for quantity in annotate(text, published).quantities:  # the article's own annotation, read once
        if not quantity.exact or quantity.amount is None or "-" in quantity.written or measure(quantity):
            continue
        if quantity.unit == "count" and quantity.head is None or quantity.unit in DURATIONS.values():
            continue
        digits = quantity.amount.normalize().as_tuple().digits
        if len(digits) >= SAME_CLAIM.precise_digits:
            key = (quantity.unit, quantity.head if quantity.unit == "count" else None, quantity.amount.normalize())
            found[key] = bound_event(text, quantity)  # the event told beside it ("128 people arrested"), if any
    return found


def _same_precise_value(corpus: Corpus) -> list[tuple[int, int]]:
    """Item pairs from different articles that state one precise value and share a word of what
    it is about besides the value's own words ("with 52.3% voting in favour" / "passed with 52.3
    percent of the vote": "vote"; not "percent", nor the noun counted), and tell no other event
    beside it. One bucket per value: the work grows with the sentences stating each value, not
    with all pairs."""
    buckets: dict[tuple, list[tuple[int, str | None]]] = defaultdict(list)
    dates = {c.article.number: c.article.date for c in corpus.articles}
    for index, item in enumerate(corpus.items):
        for value, event in _precise_values(item.text, dates.get(item.first.article)).items():
            buckets[value].append((index, event))
    pairs = set()
    for value, members in buckets.items():
        if len(members) > SAME_CLAIM.most_stating:
            continue
        own = {stem(w) for w in (value[1], "percent", "per", "cent") if w}  # the value's own words say nothing more
        for i, (first, event_a) in enumerate(members):
            for second, event_b in members[i + 1:]:
                a, b = corpus.items[first], corpus.items[second]
                if set(a.sources) & set(b.sources) or not (_stems(a.text) & _stems(b.text)) - own:
                    continue
                if event_a is not None and event_b is not None and event_a != event_b:
                    continue  # "128 people arrested" / "128 people were killed": two claims of one number
                pairs.add((first, second))
    return sorted(pairs)


def _stems(text: str) -> set[str]:
    """Stems of a sentence's content words, its numbers aside."""
    return {stem(w) for w in content_words(text) if not w[:1].isdigit()}
