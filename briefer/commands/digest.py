"""The daily brief of a folder holding many stories: a page per selected story, a digest per audience.

Each audience's folder `out/<date>/<audience>/` holds its digest as `brief.{md,html,pdf,json}`
(so `briefer send` mails the digest as one message, unchanged) and one page per story it
selected, `story-<id>.{md,html,pdf,json}`, the brief as for a one-story folder. A story is
read once (only its own files, at most MAX_STORY_ARTICLES of them) whatever the number of
audiences; story pages are built in parallel processes when cores allow.

The analyst's edits (brief/edits.py) apply as on one story: the audience's edits.yaml beside
the digest, or `build --edits FILE`. Its top-level keys edit the digest; `pages: {story-<id>:
...}` edits that story's page, and so its lines in the digest. `build --strict` refuses what
it refuses on one story. With `publish_url`, the digest's PDF links each story page where it
is published; its Markdown and HTML, beside the pages, link them relatively.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from briefer.analysis.dedupe import build_corpus
from briefer.analysis.importance import brief_ranking
from briefer.analysis.stories import StoryGroup, story_topics
from briefer.brief.audiences import audience_brief
from briefer.brief.compose import Story, read_story
from briefer.brief.daily import RECORD_NAME, new_item_texts, previous_record, record_bytes, story_page_name
from briefer.brief.edits import Edits, apply_edits, audience_edits
from briefer.commands.engine import LocalEngine
from briefer.commands.stories import Day, record_day
from briefer.config import AudienceConfig, Config, heading
from briefer.core.locations import StorageURL
from briefer.core.models import Brief, BriefItem, Section, Source
from briefer.core.progress import progress
from briefer.output.formats import Rendition, render_files
from briefer.output.publish import publish, published_url
from briefer.output.render import DIGEST_TEMPLATE, Rendered, render_brief
from briefer.prepare.clean import clean_articles
from briefer.sources.ingest import read_articles, refuse_problems

# A story page reads its newest articles, at most this many: a story's page stays one page
# of the best lines whatever the story's size, and the build stays linear in articles.
MAX_STORY_ARTICLES = 25
# Lines of each story in the digest (more only when the analyst pinned more on its page).
DIGEST_LINES = 3
# What {story} in the configured title stands for on the digest: it covers several stories
DIGEST_HEADLINE = "today's stories"
# Why a digest's edit finds no line: the digest shows lines of its story pages only.
NOT_ON_A_PAGE = "that line is on none of the digest's story pages"


@dataclass(frozen=True)
class StoryPage:
    story_id: str
    audience: str
    rendered: Rendered
    new_items: frozenset[str]
    files: dict[str, bytes]
    warnings: tuple[str, ...] = ()  # the page's (its analyst's edits that could not be made)


def select_stories(day: Day, audience: AudienceConfig, queries: tuple[str, ...]) -> tuple[StoryGroup, ...]:
    """The audience's stories: those about one of its topics, or with none configured, every
    story; the largest first, the newer first among equals, at most `audience.stories`."""
    articles = list(day.articles)
    wanted = [queries.index(q) for q in audience.topics]
    chosen = [s for s in day.stories
              if not wanted or story_topics(s, articles, len(queries)) & set(wanted)]

    def key(story: StoryGroup):
        dates = [articles[i].date for i in story.members if articles[i].date]
        today = sum(1 for i in story.members if articles[i].date in (None, day.date))
        return (-today, -len(story.members), -(max(dates).toordinal() if dates else 0), story.id)

    return tuple(sorted(chosen, key=key)[: audience.stories])


def story_reading(sources: Path | StorageURL, paths: Sequence[str], date: dt.date | None = None):
    """One story's articles read, cleaned, segmented and deduplicated; and warnings."""
    from briefer.commands.build import sentences_of

    # read_articles reads the files of these article paths ("<file>#<n>" is one article of a
    # feed), keeps only these articles and numbers them from 1
    ingested = read_articles(sources, date, names=frozenset(paths[:MAX_STORY_ARTICLES]))
    articles = clean_articles(ingested.articles)
    warnings: list[str] = []
    sentences = sentences_of(articles, warnings)
    if not sentences:
        return None, tuple(warnings)
    corpus = build_corpus(articles, sentences)
    return read_story(corpus, brief_ranking(corpus)), tuple(warnings)


def _story_pages(task) -> tuple[list[StoryPage], tuple[str, ...]]:
    """Every audience's page of one story (one task: a worker process runs it whole).
    `readers`: each audience with the analyst's edits of its page of this story, if any."""
    config, story_id, title, paths, readers, date = task
    story, warnings = story_reading(config.sources, paths, date)
    if story is None:
        return [], warnings + (f"story {story_id}: no usable sentences",)
    pages = []
    for audience, edits in readers:
        pages.append(story_page(config, story, story_id, title, audience, date, edits))
    return pages, warnings


def story_page(config: Config, story: Story, story_id: str, title: str, audience: AudienceConfig,
               date: dt.date, edits: Edits | None = None) -> StoryPage:
    brief = audience_brief(story, title, audience, date, edits)
    new_items = new_item_texts(brief, previous_record(config.output, audience.name, brief.date, name=story_page_name(story_id) + ".json"))
    rendered = render_brief(brief, config.templates, audience.template, audience.page_size, new_items)
    return StoryPage(story_id, audience.name, rendered, new_items,
                     page_files(render_files(Rendition(rendered, audience.name, new_items)), story_page_name(story_id)),
                     brief.warnings)


def page_files(files: dict[str, bytes], stem: str) -> dict[str, bytes]:
    """A brief's files named for a story's page (brief.md -> story-<id>.md), the record's
    list of files too."""
    renamed = {}
    for name, data in files.items():
        new_name = stem + name[len("brief"):] if name.startswith("brief.") else f"{stem}-{name}"
        if name == RECORD_NAME:
            record = json.loads(data)
            for entry in record.get("files", []):
                entry["name"] = stem + entry["name"][len("brief"):] if entry["name"].startswith("brief.") \
                    else f"{stem}-{entry['name']}"
            data = record_bytes(record)
        renamed[new_name] = data
    return renamed


def digest_brief(config: Config, day: dt.date, pages: list[tuple[StoryGroup, StoryPage]],
                 edits: Edits | None = None) -> Brief:
    """One section per story (key: the name of its page), its best lines as its page shows
    them, cited to one numbering of sources for the whole digest. The first line of every
    story outranks any second line, so a full page thins every story before it drops one.

    Lines the analyst pinned on a page (their own words among them) lead its story's lines,
    however many. `edits`, the digest's own, then drop or pin lines of the story pages and
    add the analyst's words; their warnings are the digest's."""
    sources: dict[str, Source] = {}

    def in_digest(item: BriefItem, by_number: dict[int, Source], score: float) -> BriefItem:
        numbers = {}
        for n in dict.fromkeys(list(item.citations) + [p.source for p in item.passages]):
            source = by_number[n]
            if source.path not in sources:
                sources[source.path] = replace(source, number=len(sources) + 1)
            numbers[n] = sources[source.path].number
        return replace(item, citations=tuple(sorted({numbers[n] for n in item.citations})),
                       passages=tuple(replace(p, source=numbers[p.source]) for p in item.passages), score=score)

    chosen, rest = [], []
    for rank, (story, page) in enumerate(pages):
        shown = page.rendered.brief
        by_number = {s.number: s for s in shown.sources}
        lines = sorted((item for section in shown.sections for item in section.items),
                       key=lambda i: (not i.pinned, -i.score))
        seen, items, others = set(), [], []
        for item in lines:
            if item.text in seen:
                continue
            seen.add(item.text)
            if item.pinned or len(items) < DIGEST_LINES:
                items.append(in_digest(item, by_number, float(-(len(items) * len(pages) + rank))))
            else:
                others.append(item)
        chosen.append((story, items))
        rest.append((story, rank, others, by_number))
    # every other line of the pages, numbered after the digest's own: one an edit pins comes back
    candidates = {item.line_id: (item, story_page_name(story.id)) for story, items in chosen for item in items
                  if not item.analyst}
    for story, rank, others, by_number in rest:
        for index, item in enumerate(others, start=DIGEST_LINES):
            if not item.analyst:
                candidates[item.line_id] = (in_digest(item, by_number, float(-(index * len(pages) + rank))),
                                            story_page_name(story.id))
    sections = tuple(Section(key=story_page_name(story.id), title=story.title, items=tuple(items))
                     for story, items in chosen)
    digest = Brief(title=heading(config.title, DIGEST_HEADLINE), date=day, sections=sections, sources=tuple(sources.values()))
    if not edits:
        return digest
    digest, warnings = apply_edits(digest, edits, candidates, absent=NOT_ON_A_PAGE)
    return replace(digest, warnings=digest.warnings + warnings)


def missing_pages(edits: Edits, built: list[str]) -> tuple[str, ...]:
    """A warning for each story page the edits name that this digest does not have."""
    return tuple(f"{edits.source}: pages.{name}: this digest has no such story page (it has "
                 f"{', '.join(built) or 'none'}); the edits are kept in the file, and not applied"
                 for name, _ in edits.pages if name not in built)


def build_digest(config: Config, day: Day, chosen: tuple[AudienceConfig, ...], date: dt.date | None,
                 engine=None, edits: Path | None = None, strict: bool = False, edits_root: Path | None = None):
    """Story pages for every audience's stories, then each audience's digest; published together
    per audience, after everything is rendered. `edits`, `strict` and `edits_root`: as build's."""
    from briefer.commands.build import AudienceOutput, BuildResult

    if strict:
        refuse_problems(day.strict_problems, config.sources)
    queries = tuple(dict.fromkeys(q for audience in chosen for q in audience.topics))
    selected = {audience.name: select_stories(day, audience, queries) for audience in chosen}
    brief_day = date or day.date or dt.date.today()
    edited = audience_edits(edits, edits_root or config.output, brief_day, chosen)
    wanted: dict[str, StoryGroup] = {}
    for stories in selected.values():
        for story in stories:
            wanted.setdefault(story.id, story)
    tasks = []
    for story in wanted.values():
        readers = tuple((a, edited[a.name].page(story_page_name(story.id)))
                        for a in chosen if story in selected[a.name])
        paths = [day.articles[i].path for i in story.members]
        tasks.append((config, story.id, story.title, paths, readers, brief_day))
    warnings = list(day.warnings)
    pages: dict[tuple[str, str], StoryPage] = {}
    pages_built = (engine or LocalEngine()).map(_story_pages, tasks, cheap=False)
    for done, (built, notes) in enumerate(pages_built, start=1):
        warnings.extend(notes)
        for page in built:
            pages[(page.story_id, page.audience)] = page
            warnings.extend(f"{page.audience}: {warning}" for warning in page.warnings)
        progress("built story %d of %d", done, len(tasks))
    planned = []
    for audience in chosen:
        shown = [(s, pages[(s.id, audience.name)]) for s in selected[audience.name] if (s.id, audience.name) in pages]
        own = edited[audience.name]
        digest = digest_brief(config, brief_day, shown, own)
        digest = replace(digest, warnings=digest.warnings
                         + missing_pages(own, [story_page_name(story.id) for story, _ in shown]))
        warnings.extend(f"{audience.name}: {warning}" for warning in digest.warnings)
        new_items = new_item_texts(digest, previous_record(config.output, audience.name, brief_day))
        link_base = published_url(config.publish_url, brief_day, audience.name) if config.publish_url else None
        rendered = render_brief(digest, config.templates, audience.template, audience.page_size, new_items,
                                markdown_template=DIGEST_TEMPLATE, link_base=link_base)
        files = render_files(Rendition(rendered, audience.name, new_items))
        for _, page in shown:
            files.update(page.files)
        folder = config.output / brief_day.isoformat() / audience.name
        planned.append((AudienceOutput(audience.name, folder, tuple(folder / n for n in files), rendered,
                                       new_items), files))
    for output, files in planned:
        publish(output.folder, files)
    record_day(config.output, replace(day, date=brief_day))
    return BuildResult(brief_day, tuple(output for output, _ in planned), tuple(warnings))
