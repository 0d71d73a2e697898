"""Corroboration marks, origin-weighted ranking, and the new elements on a full page."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from briefer.brief.compose import item_count, keep_top, renumber
from briefer.analysis.corroboration import origin_factor, prefer_corroborated
from briefer.core.models import Brief, BriefItem, Claim, Corpus, Disagreement, Figure, Item, Quote, Section, Sentence, Source
from briefer.analysis.rank import Ranking

from conftest import ROOT as REPO


def _item(text: str, sources: tuple[int, ...], origins: tuple[int, ...]) -> Item:
    members = tuple(Sentence(article=s, position=0, paragraph=0, text=text) for s in sources)
    return Item(text=text, members=members, sources=sources, origins=origins)


def test_origin_factor_prefers_independent_confirmation():
    assert origin_factor(1) == 1.0
    assert origin_factor(2) == 1.5
    assert origin_factor(3) == origin_factor(7) == 2.0


def test_prefer_corroborated_reorders_but_keeps_the_rankers_choice():
    corpus = Corpus(articles=(), origin_of={1: 1, 2: 1, 3: 3}, items=(
        _item("One report, three rewrites.", (1, 2), (1,)),
        _item("Two independent reports.", (1, 3), (1, 3)),
        _item("Not chosen by the ranker.", (3,), (3,)),
    ))
    adjusted = prefer_corroborated(corpus, Ranking(order=(0, 1), scores=(1.2, 1.0, 5.0)))
    assert adjusted.order == (1, 0)
    assert adjusted.scores == (1.2, 1.5, 5.0)


def _brief() -> Brief:
    items = (BriefItem("Best fact.", (2,), 1, 9.0), BriefItem("Weak fact.", (4,), 1, 1.0))
    return Brief(
        title="T", date=dt.date(2025, 1, 1),
        sections=(Section("key_facts", "Key facts", items), Section("outcomes", "Outcomes", ())),
        sources=tuple(Source(n, f"S{n}", None, None, f"{n}.md", None) for n in (1, 2, 3, 4, 5)),
        disagreements=(Disagreement("aircraft", (Claim("Six.", "six", (2,)), Claim("Eight.", "eight", (3,))), 8.0),),
        quotes=(Quote("We agree on everything here.", "Kari Holt", None, (5,), 2.0),),
        figures=(Figure("6", "aircraft", (2, 3), 2, 5.0),),
    )


def test_keep_top_lets_the_least_valuable_element_of_any_kind_give_way():
    brief = _brief()
    assert item_count(brief) == 5
    kept = keep_top(brief, 3)
    assert [i.text for s in kept.sections for i in s.items] == ["Best fact."]
    assert len(kept.disagreements) == 1 and len(kept.figures) == 1 and kept.quotes == ()
    assert [s.key for s in kept.sections] == ["key_facts", "outcomes"]  # headings stay
    assert item_count(keep_top(brief, 0)) == 0


def test_renumber_covers_every_element_and_keeps_only_cited_sources():
    fitted = renumber(keep_top(_brief(), 4))  # the weak fact (source 4) gives way
    assert [s.number for s in fitted.sources] == [1, 2, 3]
    assert [s.path for s in fitted.sources] == ["2.md", "3.md", "5.md"]
    assert fitted.sections[0].items[0].citations == (1,)
    assert [c.citations for c in fitted.disagreements[0].claims] == [(1,), (2,)]
    assert fitted.figures[0].citations == (1, 2)
    assert fitted.quotes[0].citations == (3,)  # cited by a quote alone, the source stays listed


# One fact from two independent reports, one from a single report.
REPORTS = {
    "1.md": "---\ndate: 2025-05-02\n---\nThe river port of Kelm will close for repairs from June, the harbour board said.\n\n"
            "The board expects the work to cost about 40 million euros.\n",
    "2.md": "---\ndate: 2025-05-03\n---\nKelm's mayor said shipping firms had asked for compensation.\n\n"
            "The river port of Kelm will close for repairs from June, officials confirmed.\n",
}


def test_corroboration_marks_in_markdown_html_and_pdf(build_brief):
    result = build_brief(REPORTS)
    markdown, html = result.rendered.markdown, result.rendered.html
    assert "◇ marks a line resting on a single origin" in markdown
    corroborated = [line for line in markdown.splitlines() if "close for repairs" in line]
    assert corroborated and corroborated[0].endswith("*2 sources, 2 origins*")
    single = [line for line in markdown.splitlines() if "compensation" in line]
    assert single and single[0].endswith("*◇ 1 source*")
    assert "<em>2 sources, 2 origins</em>" in html and "<em>◇ 1 source</em>" in html
    assert "◇ 1 source" in PdfReader(io.BytesIO(result.rendered.pdf)).pages[0].extract_text()


def test_seed_brief_is_one_page_with_the_new_elements(build_brief):
    articles = {p.name: p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").iterdir())}
    rendered = build_brief(articles).rendered
    assert rendered.pages == 1 and len(PdfReader(io.BytesIO(rendered.pdf)).pages) == 1
    assert rendered.brief.figures and rendered.brief.quotes
    assert "## Key figures" in rendered.markdown and "## Key quotes" in rendered.markdown
    assert "Where sources disagree" not in rendered.markdown


def test_a_sentence_that_states_part_of_a_line_does_not_support_the_whole_line(tmp_path):
    from briefer.analysis.corroboration import claim_support
    from briefer.commands.build import load_corpus

    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "1.md").write_text("---\ndate: 2025-01-02\n---\nArland's crew won the regatta in 1992 after a week of "
                                 "storms, Veloria's skipper Ana Ruiz won it in 1995 and the yacht Morning Star set the "
                                 "race record of two days the following year.\n")
    (folder / "2.md").write_text("---\ndate: 2025-01-02\n---\nThe yacht Morning Star set the race record of two days "
                                 "in the regatta the following year.\n")
    corpus, _ = load_corpus(folder)
    support = dict(zip((item.text[:6] for item in corpus.items), claim_support(corpus)))
    assert support["Arland"] == (1,)  # the record alone is not the line's claim
    assert support["The ya"] == (1, 2)  # but the long line does state the record


def _support(tmp_path, *texts: str) -> dict[str, tuple[int, ...]]:
    from briefer.analysis.corroboration import claim_support
    from briefer.commands.build import load_corpus

    folder = tmp_path / "sources"
    folder.mkdir()
    for k, text in enumerate(texts, start=1):
        (folder / f"{k}.md").write_text(f"---\ndate: 2025-01-0{k}\n---\n{text}\n")
    corpus, _ = load_corpus(folder)
    return dict(zip((item.text for item in corpus.items), claim_support(corpus)))


def test_a_saying_supports_a_line_by_what_was_said_not_by_who_said_it(tmp_path):
    support = _support(
        tmp_path,
        "Governor Ana Kell said last week that the bank would do whatever is necessary to bring inflation back "
        "to its target.",
        "Governor Ana Kell said the bank would not let inflation take root.")
    assert support["Governor Ana Kell said the bank would not let inflation take root."] == (2,)


def test_a_sentence_sharing_only_names_with_a_line_does_not_support_it(tmp_path):
    support = _support(tmp_path, "The train was operated by Ostline Rail Freight.",
                       "Ostline Rail Freight said it would pay for the clean-up.")
    assert support["Ostline Rail Freight said it would pay for the clean-up."] == (2,)
