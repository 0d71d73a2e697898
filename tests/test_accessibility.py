"""Accessible output: tagged PDF/UA-1 PDFs with language and title, HTML with lang, one h1 and
ordered headings, and text contrast of at least 4.5:1 in every shipped audience stylesheet."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pikepdf
import pytest
import tinycss2
from tinycss2.color3 import parse_color

from briefer.commands.build import build
from briefer.config import load_config
from support import ROOT

AUDIENCES = ("analyst", "minister", "press")
MINIMUM_CONTRAST = 4.5


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from dataclasses import replace

    config = load_config(ROOT / "config.yaml")
    out = tmp_path_factory.mktemp("out")
    result = build(replace(config, output=out))
    return config, {output.audience: output.folder for output in result.outputs}


def test_every_pdf_is_tagged_with_language_and_title(built):
    config, folders = built
    assert sorted(folders) == sorted(AUDIENCES)
    for audience, folder in folders.items():
        with pikepdf.open(folder / "brief.pdf") as pdf:
            assert "/StructTreeRoot" in pdf.Root, audience
            assert "/K" in pdf.Root.StructTreeRoot, audience  # the structure has content
            assert str(pdf.Root.Lang) == "en", audience
            assert bool(pdf.Root.MarkInfo.Marked)
            # the brief's own heading: the configured title, the story's headline where it says {story}
            heading = (folder / "brief.md").read_text(encoding="utf-8").splitlines()[0].removeprefix("# ")
            assert config.title.split("{story}")[-1] in heading and "{" not in heading, audience
            assert str(pdf.docinfo.Title).startswith(heading), audience
            assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
            assert b"pdfuaid" in bytes(pdf.Root.Metadata.read_bytes())  # claims PDF/UA-1


class Headings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.levels: list[int] = []
        self.lang: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))


def test_html_has_a_language_one_h1_and_headings_in_order(built):
    _, folders = built
    for audience, folder in folders.items():
        parser = Headings()
        parser.feed((folder / "brief.html").read_text(encoding="utf-8"))
        assert parser.lang == "en", audience
        assert parser.levels.count(1) == 1 and parser.levels[0] == 1, audience
        for before, after in zip(parser.levels, parser.levels[1:]):
            assert after <= before + 1, f"{audience}: h{before} then h{after}"


def luminance(colour) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.red) + 0.7152 * channel(colour.green) + 0.0722 * channel(colour.blue)


def contrast(first, second) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def rules(css: str) -> list[tuple[str, dict[str, object]]]:
    """(selector, {color, background}) for every rule that sets either."""
    found = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        colours = {}
        for declaration in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
            if declaration.type != "declaration":
                continue
            if declaration.lower_name == "color":
                colour = parse_color(tinycss2.serialize(declaration.value).strip())
                if colour is not None and colour != "currentColor":  # not inherit, not currentColor
                    colours["color"] = colour
            elif declaration.lower_name in ("background", "background-color"):
                for token in declaration.value:
                    colour = parse_color(token)
                    if colour is not None and colour != "currentColor":
                        colours["background"] = colour
        if colours:
            found.append((tinycss2.serialize(rule.prelude).strip(), colours))
    return found


def low_contrast_pairs(css: str) -> list[str]:
    """Text colour on background colour: a rule's own pair; a colour alone against every
    background a container may give (and the white page); a background alone against every
    colour text may inherit (the page's own text colour among them)."""
    white = parse_color("#fff")
    found = rules(css)
    backgrounds = [white] + [c["background"] for _, c in found if "color" not in c]
    colours = [c["color"] for _, c in found if "background" not in c] or [parse_color("#000")]
    failures = []
    for selector, c in found:
        if "color" in c and "background" in c:
            pairs = [(c["color"], c["background"])]
        elif "color" in c:
            pairs = [(c["color"], background) for background in backgrounds]
        else:
            pairs = [(colour, c["background"]) for colour in colours]
        for fg, bg in pairs:
            ratio = contrast(fg, bg)
            if ratio < MINIMUM_CONTRAST:
                failures.append(f"{selector}: {fg} on {bg} is {ratio:.2f}:1")
    return failures


def test_the_contrast_check_finds_pale_text():
    assert low_contrast_pairs("p { color: #aaa; }")  # 2.3:1 on white
    assert low_contrast_pairs("mark { color: #fff; background: #f5c400; }")
    assert not low_contrast_pairs("p { color: #555; } .badge { color: #fff; background: #b3261e; }")


def test_every_audience_stylesheet_has_text_contrast_of_at_least_4_5(built):
    _, folders = built
    for audience, folder in folders.items():
        html = (folder / "brief.html").read_text(encoding="utf-8")
        css = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
        assert rules(css), audience
        assert low_contrast_pairs(css) == [], audience


def test_every_shipped_stylesheet_including_the_default_has_enough_contrast():
    from briefer.output.render import STYLESHEET, render_template, template_environment

    shipped = sorted(path.parent.name for path in (ROOT / "templates").glob("*/style.css.j2"))
    assert "default" in shipped and set(AUDIENCES) <= set(shipped)
    for audience in shipped:
        environment = template_environment(ROOT / "templates", audience, autoescape=True)
        css = render_template(environment, STYLESHEET, {"page_size": "A4", "brief": None, "new_items": frozenset()})
        assert rules(css), audience
        assert low_contrast_pairs(css) == [], audience
