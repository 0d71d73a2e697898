"""Hostile text cannot stall the readers and cleaners (issue 13, item 3: unbounded regexes).

Two patterns could try every way of splitting their input: the headline's trailing
separators ((?:\\s+[/|•·-]+)+\\s*[.]?\\s*$: a 5 KB run of " -" cost 0.8 s per file) and a
forecast's leading adverbs (^(?:\\s*(?:also|...|\\w+ly))+\\s: a 60-letter "lyly..." word
never finished). Both are now scans whose work is counted here against the input's size,
not timed; then every adversarial family runs through reading, cleaning, segmenting and
annotation and must come back with its prose.
"""

from __future__ import annotations

import datetime as dt
import re
import threading

from hypothesis import given, settings
from hypothesis import strategies as st

from briefer.analysis import sections
from briefer.analysis.sections import forecast_event
from briefer.core.limits import cap_paragraphs
from briefer.language.annotate import annotate
from briefer.prepare.clean import clean_articles
from briefer.prepare.segment import segment
from briefer.sources.text import _clean_title, parse_article, trailing_junk_start

# The old pattern, kept as the specification of what is trimmed (run on short text only).
OLD_TITLE_JUNK = re.compile(r"(?:\s+[/|•·-]+)+\s*[.]?\s*$")
OLD_LEADING = re.compile(r"^(?:\s*(?:also|be|have|now|then|still|further|\w+ly))+\s", re.I)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(alphabet="ab -|/•·.\t", max_size=24))
def test_the_title_scan_trims_what_the_old_pattern_trimmed(line):
    assert _clean_title(line) == OLD_TITLE_JUNK.sub("", line).strip()


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["also", "now", "be", "quickly", "meet", "Then", "talks", "lyly"]), max_size=6),
       st.sampled_from([" ", "  ", "\t"]))
def test_the_adverb_scan_strips_what_the_old_pattern_stripped(words, gap):
    text = gap.join(words) + " "
    assert sections._without_leading(text) == OLD_LEADING.sub("", text)


class CountingStr(str):
    """A string that counts how many characters are looked at one by one."""

    looked = 0

    def __getitem__(self, key):
        CountingStr.looked += 1
        return str.__getitem__(self, key)


ADVERSARIAL_TITLES = {
    "spaced dashes": "Port talks" + " -" * 50_000 + " x",
    "spaces": "Port talks" + " " * 100_000 + "x",
    "dashes": "Port talks " + "-" * 100_000,
    "separators then text": "Port talks" + " | /" * 25_000 + " .",
}


def test_the_title_scan_looks_at_each_character_a_bounded_number_of_times():
    for name, line in ADVERSARIAL_TITLES.items():
        CountingStr.looked = 0
        trailing_junk_start(CountingStr(line))
        assert CountingStr.looked <= 3 * len(line), name


def test_leading_adverbs_are_read_one_word_at_a_time(monkeypatch):
    calls = []
    real = sections._LEADING

    class Counting:
        def match(self, text, pos=0):
            calls.append(pos)
            return real.match(text, pos)

    monkeypatch.setattr(sections, "_LEADING", Counting())
    text = " ".join(["quickly"] * 1000 + ["lyly" * 5000 + "x", "meet"]) + " "
    assert sections._without_leading(text) == "lyly" * 5000 + "x meet "
    assert len(calls) == 1001  # one look per leading word and one that stops
    assert len(set(calls)) == len(calls)  # never the same place twice


FAMILIES = {
    "spaced dashes": " -" * 20_000,
    "dashes": "-" * 40_000,
    "spaces": " " * 40_000,
    "dots": ". " * 20_000,
    "adverb": "ly" * 20_000,
    "open quotes": "\u201c a " * 10_000,
    "parentheses": "(AA BB " * 6_000,
    "capitals": "Aa " * 13_000,
    "initials": "A. " * 13_000,
    "digits": "1," * 20_000,
    "bullets": "• 1. " * 8_000,
}
FORECAST = "The ministers are expected to {} meet again in Corvo next week."


def _read_everything(family: str) -> list[str]:
    hostile = FAMILIES[family]
    text = (f"Port talks{hostile}\n\nThe harbour ministers of Arland and Belmark met in Corvo on Monday.\n\n"
            f"{hostile}\n\nThey agreed to set up a joint working group on shipping fees.\n")
    article = parse_article(1, "hostile.txt", text)
    (cleaned,) = clean_articles((article,))
    found = segment(cap_paragraphs(cleaned))
    for sentence in found:
        annotate(sentence.text, dt.date(2025, 6, 2))
    forecast_event(FORECAST.format(hostile[:1000]))
    return [s.text for s in found]


def test_every_adversarial_family_is_read_and_its_prose_kept():
    results: dict[str, list[str]] = {}

    def run():
        for family in FAMILIES:
            results[family] = _read_everything(family)

    # A pattern gone exponential would never return: fail then rather than hang the suite.
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(600)
    assert not worker.is_alive(), f"still reading after {len(results)} of {len(FAMILIES)} families"
    for family, texts in results.items():
        assert "The harbour ministers of Arland and Belmark met in Corvo on Monday." in texts, family
        assert "They agreed to set up a joint working group on shipping fees." in texts, family
