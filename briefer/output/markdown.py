"""The Markdown format: the brief as its template wrote it."""

from briefer.output.formats import Renderer

RENDERER = Renderer("markdown", "brief.md", "text/markdown; charset=utf-8",
                    lambda rendition: rendition.rendered.markdown.encode("utf-8"))
