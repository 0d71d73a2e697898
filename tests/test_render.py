import datetime as dt

from briefer.config import SECTION_KEYS, SECTION_TITLES
from briefer.core.models import Brief, BriefItem, Section, Source
from briefer.output.render import escape_markdown, markdown_to_html, render_brief
from markdown_it import MarkdownIt

from conftest import TEMPLATES


def make_brief(items_per_section: int, text: str = "A sentence from the sources says something useful here.") -> Brief:
    sections = tuple(
        Section(key, SECTION_TITLES[key], tuple(
            BriefItem(f"{text} ({key} {i})", (1,), 1, score=float(100 - i - 10 * k))
            for i in range(items_per_section)))
        for k, key in enumerate(SECTION_KEYS)
    )
    return Brief("Test brief", dt.date(2025, 1, 2), sections,
                 (Source(1, "A source", "Outlet", dt.date(2025, 1, 1), "a.txt", None),))


def test_escape_markdown_makes_text_literal():
    md = MarkdownIt("commonmark", {"html": False})
    for hostile in ["# heading", "[x](javascript:alert(1))", "![](http://example.org/x.png)", "<b>bold</b>",
                    "*em* and _em_", "1. not a list", "- not a list", "| a | b |", "&amp; stays"]:
        html = md.render(escape_markdown(hostile))
        assert html.startswith("<p>") and "<a" not in html and "<img" not in html and "<h1" not in html
        assert "<em>" not in html and "<ol" not in html and "<ul" not in html


def test_citations_link_to_numbered_sources():
    html = markdown_to_html("- Claim. [[1](#source-1), [2](#source-2)]\n\n## Sources\n\n1. One\n2. Two\n")
    assert '<a href="#source-1">1</a>' in html and '<li id="source-2">' in html


def test_short_brief_is_one_page_with_all_items():
    rendered = render_brief(make_brief(2), TEMPLATES, "default", "A4")
    assert rendered.pages == 1 and rendered.pdf.startswith(b"%PDF")
    assert sum(len(s.items) for s in rendered.brief.sections) == 8


def test_long_brief_drops_least_important_items_but_keeps_headings():
    brief = make_brief(12, "A long sentence that takes up room on the page " * 3)
    rendered = render_brief(brief, TEMPLATES, "default", "Letter")
    kept = [i for s in rendered.brief.sections for i in s.items]
    dropped = [i for s in brief.sections for i in s.items if i not in kept]
    assert rendered.pages == 1 and dropped and kept
    for full, fitted in zip(brief.sections, rendered.brief.sections):
        assert fitted.items, "a full page thins every section before it empties one"
        gone = [i for i in full.items if i not in fitted.items]
        assert not gone or min(i.score for i in fitted.items) >= max(i.score for i in gone)
    for title in ("Background", "Key facts", "Outcomes", "Open questions", "Sources"):
        assert f"## {title}" in rendered.markdown
    assert "size: Letter" in rendered.html


def test_fitting_takes_two_layouts_and_keeps_nearly_all_that_fits():
    from dataclasses import replace

    from briefer.brief.compose import giveway_order, keep_only, renumber

    brief = make_brief(12, "A long sentence that takes up room on the page " * 3)
    rendered = render_brief(brief, TEMPLATES, "default", "A4")
    assert rendered.pages == 1 and rendered.layouts == 2
    kept = sum(len(s.items) for s in rendered.brief.sections)
    # Two lines more than were kept would not have fitted: the cut is close to the best.
    order = giveway_order(brief)
    more = render_brief(renumber(keep_only(brief, set(order[:kept + 2]))), TEMPLATES, "default", "A4")
    assert sum(len(s.items) for s in more.brief.sections) < kept + 2
    # A pinned line never gives way before the others.
    last = order[-1]
    section = brief.sections[last[1]]
    pinned_item = replace(section.items[last[2]], pinned=True)
    pinned = replace(brief, sections=tuple(
        replace(s, items=tuple(pinned_item if (k, i) == last[1:] else item for i, item in enumerate(s.items)))
        for k, s in enumerate(brief.sections)))
    fitted = render_brief(pinned, TEMPLATES, "default", "A4")
    assert pinned_item in [i for s in fitted.brief.sections for i in s.items]


def test_a_template_in_its_own_words_still_fits_by_searching(tmp_path):
    """When the page shows lines in words of its own, their heights cannot be measured: the
    fitting falls back to searching, and the page still fits with lines on it."""
    import shutil

    shutil.copytree(TEMPLATES, tmp_path / "templates")
    (tmp_path / "templates" / "shout").mkdir()
    (tmp_path / "templates" / "shout" / "brief.md.j2").write_text(
        '{% extends "default/brief.md.j2" %}\n{% block sections %}\n{% for section in brief.sections %}\n'
        '## {{ section.title|md }}\n\n{% for item in section.items %}\n- {{ item.text|upper|md }}\n{% endfor %}\n\n'
        '{% endfor %}\n{% endblock %}\n', encoding="utf-8")
    brief = make_brief(12, "A long sentence that takes up room on the page " * 3)
    rendered = render_brief(brief, tmp_path / "templates", "shout", "A4")
    assert rendered.pages == 1 and rendered.layouts > 2
    assert sum(len(s.items) for s in rendered.brief.sections) > 8


def test_a_measured_cut_keeps_a_line_to_spare():
    from briefer.brief.compose import giveway_order
    from briefer.output.render import Measure, fitted_count

    items = tuple(BriefItem(text=f"Line number {n} of the ferry story.", citations=(1,), origins=1, score=10.0 - n)
                  for n in range(4))
    brief = Brief(title="T", date=dt.date(2025, 3, 3),
                  sections=(Section(key="key_facts", title="Key facts", items=items),),
                  sources=(Source(number=1, title="Wire", outlet=None, date=None, path="a.md", url=None),))
    order = giveway_order(brief)
    blocks = tuple(("".join(item.text.split()), 20.0) for item in items)
    # 30 to remove: two lines of 20 cover it exactly with nothing to spare; a 14-high line to spare needs a third
    assert fitted_count(brief, order, len(order), Measure(overrun=30.0, blocks=blocks)) == 2
    assert fitted_count(brief, order, len(order), Measure(overrun=30.0, blocks=blocks, line=14.0)) == 1


def test_prose_shows_wire_copys_marks_as_printed_file_names_as_they_are():
    md = MarkdownIt("commonmark", {"html": False})
    line = "``He said `no,''' Lind _ the chair _ said. ``We wait.''"
    shown = md.render(escape_markdown(line))
    assert "“He said ‘no,’” Lind — the chair — said. “We wait.”" in shown
    assert "notes _ draft.txt" in md.render(escape_markdown("notes _ draft.txt", False))  # a file's own name
    assert "`ls -l`" in escape_markdown("run `ls -l` first").replace("\\", "")  # backquotes without `` are no quote marks


def test_a_cut_timeline_entry_runs_on_to_the_end_of_its_clause_not_past_it():
    from briefer.output.render import first_words

    toll = "The number of people killed in the Lake Kelso ferry disaster has risen to 26, police said on Monday."
    assert first_words(toll, 14) == "The number of people killed in the Lake Kelso ferry disaster has risen to 26 …"
    # no clause end within reach: cut at the count; short text: whole
    assert first_words(" ".join("w%d" % i for i in range(30)), 14) == " ".join("w%d" % i for i in range(14)) + " …"
    assert first_words("The ferry sank.", 14) == "The ferry sank."
