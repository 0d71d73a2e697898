"""The HTML format: one self-contained page (styles inline, no remote resources)."""

from briefer.output.formats import Renderer

RENDERER = Renderer("html", "brief.html", "text/html; charset=utf-8",
                    lambda rendition: rendition.rendered.html.encode("utf-8"))
