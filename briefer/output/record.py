"""The JSON format: what the brief said, machine-readable (the next day's brief compares
against it; `send` reads the list of published files from it)."""

from briefer.brief.daily import RECORD_NAME, brief_record, record_bytes
from briefer.output.formats import Renderer, Rendition


def render(rendition: Rendition) -> bytes:
    record = brief_record(rendition.rendered.brief, rendition.audience, rendition.new_items)
    record["files"] = list(rendition.files)
    return record_bytes(record)


RENDERER = Renderer("json", RECORD_NAME, "application/json", render)
