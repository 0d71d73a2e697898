"""The PDF format: the one-page, tagged (PDF/UA-1) PDF laid out while fitting the page."""

from briefer.output.formats import Renderer

RENDERER = Renderer("pdf", "brief.pdf", "application/pdf", lambda rendition: rendition.rendered.pdf)
