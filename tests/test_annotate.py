"""Annotate once: every distinct sentence is read by the language stage exactly once per
article date, and the analysis reads the annotations instead of the text."""

from __future__ import annotations

import ast
from collections import Counter
from dataclasses import replace

import briefer.language.annotate as annotation
from briefer.commands.build import build, load_corpus
from briefer.config import load_config
from support import ROOT

READERS = ("main_tense", "modality", "find_times", "day_mentions", "quantities", "find_quotes")
# What the language stage reads; the later stages get it only through annotate().
RAW_READERS = set(READERS) | {"resolve_dates", "tense_around", "dates_of"}


def test_the_analysis_and_the_brief_read_annotations_not_the_text():
    calls = []
    for stage in ("analysis", "brief", "output", "delivery"):
        for path in (ROOT / "briefer" / stage).glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call):
                    name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                    if name in RAW_READERS:
                        calls.append(f"{path.relative_to(ROOT)}:{node.lineno} calls {name}")
    assert calls == []


def test_a_seeds_build_annotates_each_distinct_sentence_once(tmp_path, monkeypatch):
    seen = Counter()
    for name in READERS:
        real = getattr(annotation, name)

        def counting(text, *args, _real=real, _name=name, **kwargs):
            seen[_name, text] += 1
            return _real(text, *args, **kwargs)
        monkeypatch.setattr(annotation, name, counting)
    keys = []
    real_annotate = annotation.annotate.__wrapped__

    def recording(text, anchor=None):
        keys.append((text, anchor))
        return real_annotate(text, anchor)
    annotation.annotate.cache_clear()
    annotation.article_quotes.cache_clear()
    monkeypatch.setattr(annotation.annotate, "__wrapped__", recording)
    cached = annotation.lru_cache(maxsize=65536)(recording)
    monkeypatch.setattr(annotation, "annotate", cached)
    for module in ("briefer.analysis.sections", "briefer.analysis.timeline", "briefer.analysis.disagree",
                   "briefer.analysis.figures", "briefer.analysis.dedupe", "briefer.analysis.corroboration",
                   "briefer.analysis.quotes", "briefer.brief.compose"):
        imported = __import__(module, fromlist=["annotate"])
        if hasattr(imported, "annotate"):
            monkeypatch.setattr(imported, "annotate", cached)

    config = replace(load_config(ROOT / "config.yaml"), output=tmp_path)
    build(config)
    assert keys, "the build annotated nothing"
    assert len(keys) == len(set(keys))  # no (sentence, article date) read twice
    per_text = Counter(text for text, _ in keys)
    for (name, text), count in seen.items():
        if text in per_text:
            assert count == per_text[text], (name, text, count)  # each reader once per annotation
        else:  # quotes are read over a whole article body (they run across sentences): once each
            assert name == "find_quotes" and count == 1, (name, text[:80], count)
    corpus, _ = load_corpus(config.sources)
    sentences = {member.text for item in corpus.items for member in item.members}
    assert sentences <= set(per_text)  # every distinct sentence of the story was annotated


def test_due_to_is_a_forecast_only_after_a_form_of_be():
    from briefer.language.tense import FUTURE, main_tense

    assert main_tense("The minister is due to arrive in Kelso on Friday.") == FUTURE
    assert main_tense("The ferry sailed late on Monday due to fog in the harbour.") != FUTURE


def test_the_main_clause_after_a_fronted_clause_tells_the_time():
    from briefer.language.tense import FUTURE, PAST, main_tense

    # "While ..., it has found ...": the concession's forecast is not what the sentence reports
    assert main_tense("While the ferry report is expected to blame the port, it has also found the crews at fault.") == PAST
    assert main_tense("When the harbour reopened on Monday, the fleet will sail within a week.") == FUTURE
    assert main_tense("Although the talks failed last week, the unions will meet again.") == FUTURE
    # a fronted phrase with no verb of its own changes nothing
    assert main_tense("After the vote, the mayor will name a new harbour master.") == FUTURE
    assert main_tense("The port director said the ferries would sail, although the strike went on.") == FUTURE
    # a fronted clause with no comma of its own runs on into the main one: no clause is read apart
    assert main_tense("When the harbour reopened the fleet sailed at once, and the port will close next week.") == PAST


def test_every_past_form_tells_the_past_and_one_list_gives_them_to_tense_and_time():
    from briefer.language import timex
    from briefer.language.tense import FUTURE, PAST, main_tense

    # a regular past of a two-letter stem, and irregular pasts, govern before a later "would"
    for text in ("The ferry union sued the port in Kelso on Friday, claiming the new rota would cost jobs.",
                 "Two crew members died on Monday, and the inquiry would later blame the pumps.",
                 "Hundreds of families fled the valley as the river rose, fearing the dam would fail.",
                 "The port authority paid the fishermen on Tuesday, though the ministry would object.",
                 "The harbour master drew up a plan that the council would debate."):
        assert main_tense(text) == PAST, text
    # a past that is as often an adjective before its noun is no past there
    for text in ("The newly built ferry terminal will open in Kelso next spring.",
                 "The paid staff of the port will strike on Monday."):
        assert main_tense(text) == FUTURE, text
    # the time resolver reads the same forms around an expression
    sentence = "The port authority paid the fishermen on Tuesday."
    start = sentence.index("Tuesday")
    assert timex.tense_around(sentence, start, start + len("Tuesday")) == PAST


def test_a_perfect_in_the_passive_governs_a_modal_further_on():
    from briefer.language.tense import FUTURE, PAST, main_tense

    # "has been fined ... for selling policies that customers could never use": a done act; the
    # modal belongs to the relative clause
    assert main_tense("The bank has been fined 86 million krone for selling policies that customers could never use.") == PAST
    assert main_tense("Two men have been arrested over the fire at the depot.") == PAST
    assert main_tense("The plant has been expected to close by March.") == FUTURE  # it carries the forecast
