"""The CSS inliner for email: the page's selectors, specificity and cascade, in style attributes."""

from __future__ import annotations

from briefer.output.inline import inline_css

PAGE = """<!DOCTYPE html><html><head><style>
@page { size: A4; }
html { font-family: serif; color: #111; }
h2 { color: black; margin: 4pt; }
h2:last-of-type, h2:last-of-type ~ ol { font-size: 7pt; }
h1 + p { color: grey; }
li > strong:first-child { color: red !important; }
ul li { color: blue; }
p::first-line { color: green; }
</style></head><body><main>
<h1>T &amp; U</h1><p>date</p><p>other</p>
<h2>One</h2><ul><li><strong style="color: pink">New:</strong> a &lt;b&gt; [<a href="#s-1">1</a>]</li></ul>
<h2>Sources</h2><ol><li id="s-1" style="margin: 0">x</li></ol>
</main></body></html>"""


def test_selectors_specificity_and_the_cascade_become_style_attributes():
    html = inline_css(PAGE)
    assert "<style" not in html and "@page" not in html
    assert '<h2 style="color: black; margin: 4pt">One</h2>' in html
    assert '<h2 style="color: black; margin: 4pt; font-size: 7pt">Sources</h2>' in html
    assert '<ol style="font-size: 7pt">' in html
    assert '<p style="color: grey">date</p><p>other</p>' in html  # only the p right after h1
    assert '<strong style="color: red">New:</strong>' in html  # !important beats the attribute
    assert '<li style="color: blue"><strong' in html
    assert '<li id="s-1" style="margin: 0">x</li>' in html  # existing attributes survive
    assert "green" not in html  # pseudo-elements have no inline form


def test_page_styles_move_to_a_wrapper_and_text_stays_escaped():
    html = inline_css(PAGE)
    assert '<body><div style="font-family: serif; color: #111"><main>' in html
    assert "<h1>T &amp; U</h1>" in html and "a &lt;b&gt; [" in html
