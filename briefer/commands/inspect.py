"""`briefer inspect`: what briefer reads from each file, for people and for the scorers.

With --json, one object per file per line, the interface of ../shared/eval/ANALYSIS.md:
path, title, outlet, date, date_source, text, sentences, times and quotes, every offset an
index into the file's own decoded text (front matter included).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from briefer.brief.edits import line_id
from briefer.core.errors import BrieferError
from briefer.core.limits import MAX_ARTICLE_BYTES
from briefer.core.models import Article
from briefer.language.quantities import display_value, quantities
from briefer.language.quotations import find_quotes
from briefer.language.timex import find_times
from briefer.prepare.clean import clean_articles
from briefer.prepare.segment import segment
from briefer.sources.registry import collecting_warnings
from briefer.sources.ingest import decode, read_file, read_limited


@dataclass(frozen=True)
class Inspected:
    path: str
    record: dict | None  # the JSON object; None when the file could not be read
    problem: str | None = None
    warnings: tuple[str, ...] = ()  # parts of the file its reader left out ("news.jsonl:3: not JSON")


def _article_record(given: str, article: Article) -> dict:
    cleaned = clean_articles((article,))[0]
    # id: the line's stable id in a brief, the name an analyst's edits give it
    sentences = [{"text": s.text, "start": s.start, "end": s.end, "id": line_id(article.path, s.text)}
                 for s in segment(cleaned)]
    body = article.source[article.body_start:]
    own_text = bool(article.source)  # offsets are only meaningful into the file's own text
    times = [dict(start=t.start + article.body_start, end=t.end + article.body_start, text=t.text,
                  type=t.type, value=t.value) for t in find_times(body, article.date)] if own_text else []
    quotes = [dict(start=q.start + article.body_start, end=q.end + article.body_start, text=q.text,
                   speaker=q.speaker) for q in find_quotes(body)] if own_text else []
    figures = [dict(value=display_value(q), label=q.label, sentence=i)
               for i, s in enumerate(sentences) for q in quantities(s["text"])]
    return {
        "path": given,
        "title": article.title,
        "outlet": article.outlet,
        "date": article.date.isoformat() if article.date else None,
        "date_source": article.date_source,
        "url": article.url,
        "text": "\n\n".join(cleaned.paragraphs) if own_text else extracted_text(article),
        "sentences": sentences,
        "times": times,
        "quotes": quotes,
        "figures": figures,
    }


def extracted_text(article: Article) -> str:
    """A page's body as its reader extracted and cleaned it (its paragraphs, headings kept):
    the brief's own cleaning, made for plain text, would drop a page's subheadings."""
    paragraphs, current = [], []
    for line in article.lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def inspect_file(given: str) -> list[Inspected]:
    path = Path(given)
    try:
        data = read_limited(path)
    except OSError as exc:
        return [Inspected(given, None, f"cannot be read ({exc.strerror or exc})")]
    if data is None:
        return [Inspected(given, None, f"too large (the limit is {MAX_ARTICLE_BYTES:,} bytes)")]
    decoded = decode(data)
    if decoded.text is None:
        return [Inspected(given, None, decoded.note)]
    try:
        with collecting_warnings() as warnings:  # a reader's word on parts it left out
            articles = read_file(path.name, decoded.text)
    except BrieferError as exc:
        return [Inspected(given, None, str(exc))]
    found = [Inspected(given, _article_record(given, article)) for article in articles]
    if not found:
        return [Inspected(given, None, "; ".join(warnings) or "no articles in it")]
    if warnings:
        found[0] = replace(found[0], warnings=tuple(warnings))
    return found


def inspect(paths: Iterable[str], as_json: bool, write: Callable[[str], None],
            warn: Callable[[str], None]) -> int:
    """Inspect each file; return how many could not be read."""
    failed = 0
    for given in paths:
        for result in inspect_file(given):
            for warning in result.warnings:
                warn(warning)
            if result.record is None:
                failed += 1
                warn(f"{given}: {result.problem}")
                continue
            write(json.dumps(result.record, ensure_ascii=False) if as_json else report(result.record))
    return failed


def report(record: dict) -> str:
    """The readable form: what was read, and from where."""
    lines = [f"== {record['path']}",
             f"title:   {record['title']}",
             f"outlet:  {record['outlet'] or '(none)'}",
             f"date:    {record['date'] or '(undated)'}" + (f"  (from {record['date_source']})" if record["date_source"] else ""),
             f"sentences ({len(record['sentences'])}):"]
    lines += [f"  {s['id']} [{s['start']}:{s['end']}] {s['text']}" for s in record["sentences"]]
    lines.append(f"times ({len(record['times'])}):")
    lines += [f"  [{t['start']}:{t['end']}] {t['text']!r} -> {t['value']} ({t['type']})" for t in record["times"]]
    lines.append(f"quotes ({len(record['quotes'])}):")
    lines += [f"  [{q['start']}:{q['end']}] “{q['text']}” — {q['speaker'] or '(speaker unclear)'}" for q in record["quotes"]]
    lines.append(f"figures ({len(record['figures'])}):")
    lines += [f"  {f['value']} | {f['label']}" for f in record["figures"]]
    return "\n".join(lines) + "\n"
