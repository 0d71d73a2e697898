"""Build a Corpus from raw DUC article texts, for the benchmarks only.

Stand-ins until the real stages land: ``clean_wire_text`` for clean.py, ``split_sentences``
for segment.py, and one Item per sentence with one origin per article for dedupe.py.
"""

from __future__ import annotations

import re

from briefer.models import Article, CleanArticle, Corpus, Item, Sentence

# "PHNOM PENH, Cambodia (AP) _ " / "WASHINGTON (Reuters) -- ": a dateline opening the story
DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(?:, [A-Z][\w .]*)? \([A-Za-z ]+\) (?:_|--?|—) ")
# editors' notes inside the body, e.g. "(OPTIONAL TRIM CAN BEGIN HERE)"
EDITOR_NOTE = re.compile(r"\((?:OPTIONAL )?TRIM [A-Z ]+\)|\(END OPTIONAL TRIM\)")

ABBREVIATIONS = frozenset(
    """mr mrs ms dr st sen rep reps gen gov rev lt col sgt capt jr sr vs mt ft jan feb mar apr
    aug sept sep oct nov dec no co corp inc ltd calif fla mass mich ariz ill conn pa va wash
    tenn okla ky la md mo ga ala colo minn wis ind kan neb nev ore tex prof maj adm gens sens
    ave blvd etc u.s u.n""".split()
)
# end punctuation, optional closing quote, space, optional wire " _ " bullet, then a capital
BOUNDARY = re.compile(r"(?<=[.!?])(''|\"|')?\s+(?:_\s+)?(?=[`\"'(]*[A-Z0-9])")
LAST_WORD = re.compile(r"([\w.]+)[.!?](?:''|\"|')?$")


def clean_wire_text(text: str) -> str:
    """Collapse whitespace, drop a leading dateline and editors' trim notes."""
    text = " ".join(text.split())
    text = DATELINE.sub("", text)
    return " ".join(EDITOR_NOTE.sub(" ", text).split())


def _ends_with_abbreviation(chunk: str) -> bool:
    found = LAST_WORD.search(chunk)
    word = found.group(1).lower() if found else ""
    return word in ABBREVIATIONS or re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]", word) is not None


def split_sentences(text: str) -> list[str]:
    """Regex sentence splitter: verbatim substrings, wire " _ " bullets dropped."""
    sentences, start = [], 0
    for boundary in BOUNDARY.finditer(text):
        chunk = text[start : boundary.end(1) if boundary.group(1) else boundary.start()]
        if _ends_with_abbreviation(chunk):
            continue
        sentences.append(chunk)
        start = boundary.end()
    sentences.append(text[start:])
    return [s.strip().removeprefix("_ ").removesuffix(" _") for s in sentences if s.strip(" _")]


def corpus_from_texts(texts: list[str]) -> Corpus:
    """One article per text, one item per sentence, one origin per article."""
    articles, items = [], []
    for number, raw in enumerate(texts, start=1):
        body = clean_wire_text(raw)
        article = Article(number, f"C{number}.txt", "", None, None, None, (body,))
        articles.append(CleanArticle(article, (body,)))
        for position, text in enumerate(split_sentences(body)):
            sentence = Sentence(article=number, position=position, paragraph=0, text=text)
            items.append(Item(text, (sentence,), (number,), (number,)))
    origin_of = {a.article.number: a.article.number for a in articles}
    return Corpus(articles=tuple(articles), origin_of=origin_of, items=tuple(items))
