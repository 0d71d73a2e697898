"""Text as written (issue 13, item 4): what a reader sees is what the brief says.

Line and paragraph separators keep words apart; bidi controls, zero-width and tag
characters never reach any output; look-alike letters are folded for comparison only, so
a disguised copy is still a copy while the brief keeps the text as written; numbers are
printed with every digit written.
"""

from __future__ import annotations

import json

import pypdf
import pytest

from briefer.analysis.figures import _figure_key
from briefer.commands.build import load_corpus
from briefer.core.limits import shorten
from briefer.core.text import INVISIBLE, as_written, comparable, words
from briefer.language.quantities import conflicting_slots, display_value, quantities
from briefer.sources.ingest import decode
from support import make_project, run_cli

PROSE = ("The harbour ministers of Arland and Belmark met in Corvo on Monday to discuss a port deal. "
         "They agreed to set up a joint working group on shipping fees. ")


@pytest.mark.parametrize("separator", ["\x0b", "\x0c", "\x85", "\u2028", "\u2029"])
def test_line_and_paragraph_separators_keep_words_apart(write_articles, separator):
    text = f"Port talks\n\nThe ministers met{separator}in Corvo on Monday to discuss a long delayed port deal.\n"
    folder = write_articles({"a.txt": text.encode("utf-8")})
    corpus, _ = load_corpus(folder)
    (item,) = corpus.items
    assert item.text == "The ministers met in Corvo on Monday to discuss a long delayed port deal."
    assert "metin" not in words(item.text) and "met" in words(item.text)


def test_decode_turns_separators_into_spaces_and_drops_invisible_characters():
    text = "Arland\u2028and\u2029Belmark \u202eagreed\u202c to \u200bmeet, Cor\u00advo said\U000e0041.\f"
    assert decode(text.encode("utf-8")).text == "Arland and Belmark agreed to meet, Corvo said. "


HOSTILE = {
    "001_first.txt": (
        "Ministers \u202emeet\u202c on port deal\u200b\n\n"
        "The harbour ministers of Arland and Belmark met in Corvo on Monday \u2067[1]\u2069 to discuss a port deal. "
        "They agreed\u200d to set up a joint working group on shipping fees\U000e0069\U000e0067\U000e006e. "
        "Officials said the talks were \u202dconstructive\u202c and would continue next month.\n"
    ),
    "002_second.txt": (
        "---\ntitle: \"Port \\u202Etalks\\u200B make progress\\e[31m\"\noutlet: \"Wire\\u2066 Desk\"\n---\n"
        "Arland and Belmark signed a memorandum on port access in Corvo on Monday.\u2028"
        "The memorandum covers customs checks\u2029and berth allocation for cargo ships. "
        "It is unclear whether the fishing fleets will be included in the deal.\u200f\n"
    ),
}


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("invisible")
    config = make_project(root, HOSTILE)
    result = run_cli("build", "--config", str(config))
    assert result.returncode == 0, result.stderr
    return next((root / "out").glob("*/default"))


@pytest.mark.parametrize("name", ["brief.md", "brief.html", "brief.json", "brief.pdf"])
def test_no_invisible_character_reaches_any_output(hostile_build, name):
    path = hostile_build / name
    if name == "brief.pdf":
        text = "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    else:
        text = path.read_text(encoding="utf-8")
    if name == "brief.json":
        text += json.dumps(json.loads(text), ensure_ascii=False)  # the values, escapes resolved
    found = sorted({f"U+{ord(c):04X}" for c in text if c in INVISIBLE or c in "\u2028\u2029\x85\x0b\x0c\x1b"})
    assert found == [], name
    assert "signed a memorandum" in " ".join(text.split())


def test_the_email_made_from_the_brief_has_no_invisible_characters(hostile_build):
    """The message is assembled from brief.md and brief.html (delivery/email.py read_brief)."""
    from briefer.delivery.email import markdown_to_text

    text = markdown_to_text((hostile_build / "brief.md").read_text(encoding="utf-8"))
    assert not any(c in INVISIBLE for c in text) and "memorandum" in text


def test_metadata_loses_invisible_and_control_characters():
    assert shorten("Port \u202etalks\u200b make progress\x1b[31m") == "Port talks make progress [31m"


# --- Look-alike letters: folded for comparison only ---------------------------------------

def test_look_alike_letters_fold_for_comparison():
    disguised = "The \u0410rland min\u0456sters m\u0435t \uff29\uff4e Corvo, \u039fn Monday."  # Cyrillic, fullwidth, Greek
    assert words(disguised) == words("The Arland ministers met In Corvo, On Monday.")
    assert comparable("Москва") == "Москва"  # a Russian word with its own letters is left alone
    assert comparable("ﬁnal") == "final"


def test_a_disguised_copy_is_still_a_copy_and_the_brief_keeps_the_text_as_written(write_articles):
    fact = "The harbour ministers signed the water-sharing treaty in Geneva on Tuesday after two years of talks."
    disguised = fact.replace("a", "\u0430").replace("o", "\u043e").replace("Geneva", "\uff27eneva")
    folder = write_articles({
        "a.txt": f"Treaty signed\n{fact}\nThe first report also covers the reaction of farmers in the valley region.\n",
        "b.txt": f"Water deal\n{disguised}\nA different outlet discusses how the deal affects power prices next winter.\n",
    })
    corpus, _ = load_corpus(folder)
    (shared,) = [i for i in corpus.items if len(i.members) > 1]
    assert shared.sources == (1, 2)
    assert sorted(m.text for m in shared.members) == sorted([fact, disguised])  # each as written
    assert shared.text in (fact, disguised)


# --- Numbers as written -----------------------------------------------------------------

@pytest.mark.parametrize("sentence, shown", [
    ("The ledger lists 12,345,678,901,234,567,890,123 unpaid coupons.", "12,345,678,901,234,567,890,123"),
    ("The ledger lists 12345678901234567890123 unpaid coupons.", "12,345,678,901,234,567,890,123"),
    ("The fine was $98765432109876543210987 in all.", "$98,765,432,109,876,543,210,987"),
    ("The deal is worth $3.5 billion over a decade.", "$3.5 billion"),
    ("Prices rose 2.75 percent in March.", "2.75%"),
    ("They ordered six aircraft for the navy.", "6"),
])
def test_numbers_are_printed_as_written(sentence, shown):
    (quantity,) = quantities(sentence)
    assert display_value(quantity) == shown


def test_numbers_that_differ_past_a_floats_precision_stay_different():
    (first,) = quantities("The ledger lists 12345678901234567890123 unpaid coupons.")
    (second,) = quantities("The ledger lists 12345678901234567890124 unpaid coupons.")
    assert first.value == second.value  # as floats they are one number
    assert _figure_key(first) != _figure_key(second)
    assert conflicting_slots([first], [second]) == [(first, second)]


def test_as_written_leaves_plain_text_alone():
    text = "Plain ASCII text, with tabs\tand new lines\n."
    assert as_written(text) is text
