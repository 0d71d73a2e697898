"""The daily brief of a folder holding many stories: a page per selected story, a digest per audience.

Each audience's folder `out/<date>/<audience>/` holds its digest as `brief.{md,html,pdf,json}`
(so `briefer send` mails the digest as one message, unchanged) and one page per story it
selected, `story-<id>.{md,html,pdf,json}`, the brief as for a one-story folder. A story is
read once (only its own files, at most MAX_STORY_ARTICLES of them) whatever the number of
audiences; story pages are built in parallel processes when cores allow.
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
from briefer.brief.daily import RECORD_NAME, new_item_texts, previous_record, record_bytes
from briefer.commands.engine import LocalEngine
from briefer.commands.stories import Day, record_day
from briefer.config import AudienceConfig, Config
from briefer.core.locations import StorageURL
from briefer.core.models import Brief, BriefItem, Section, Source
from briefer.core.progress import progress
from briefer.output.formats import Rendition, render_files
from briefer.output.publish import publish
from briefer.output.render import DIGEST_TEMPLATE, Rendered, render_brief
from briefer.prepare.clean import clean_articles
from briefer.sources.ingest import read_articles

# A story page reads its newest articles, at most this many: a story's page stays one page
# of the best lines whatever the story's size, and the build stays linear in articles.
MAX_STORY_ARTICLES = 25
# Lines of each story in the digest.
DIGEST_LINES = 3


@dataclass(frozen=True)
class StoryPage:
    story_id: str
    audience: str
    rendered: Rendered
    new_items: frozenset[str]
    files: dict[str, bytes]


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

    wanted = frozenset(paths[:MAX_STORY_ARTICLES])
    # an article of a many-article file (a feed, JSON Lines) is "<file>#<n>": read its file
    files = frozenset(path if path in wanted and "#" not in path else path.rsplit("#", 1)[0] for path in wanted)
    ingested = read_articles(sources, date, names=files | wanted)
    kept = [a for a in ingested.articles if a.path in wanted]
    articles = clean_articles(tuple(replace(a, number=n) for n, a in enumerate(kept, start=1)))
    warnings: list[str] = []
    sentences = sentences_of(articles, warnings)
    if not sentences:
        return None, tuple(warnings)
    corpus = build_corpus(articles, sentences)
    return read_story(corpus, brief_ranking(corpus)), tuple(warnings)


def previous_story_record(output: Path, audience: str, day: dt.date, story_id: str) -> dict | None:
    """The newest earlier page of this story for this audience, as a brief record."""
    if not output.is_dir():
        return None
    earlier = []
    for folder in output.iterdir():
        try:
            date = dt.date.fromisoformat(folder.name)
        except ValueError:
            continue
        if date < day and (folder / audience / f"story-{story_id}.json").is_file():
            earlier.append(date)
    for date in sorted(earlier, reverse=True):
        try:
            record = json.loads((output / date.isoformat() / audience / f"story-{story_id}.json").read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(record, dict) and isinstance(record.get("sections"), list):
            return record
    return None


def _story_pages(task) -> tuple[list[StoryPage], tuple[str, ...]]:
    """Every audience's page of one story (one task: a worker process runs it whole)."""
    config, story_id, title, paths, audiences, date = task
    story, warnings = story_reading(config.sources, paths, date)
    if story is None:
        return [], warnings + (f"story {story_id}: no usable sentences",)
    pages = []
    for audience in audiences:
        pages.append(story_page(config, story, story_id, title, audience, date))
    return pages, warnings


def story_page(config: Config, story: Story, story_id: str, title: str, audience: AudienceConfig,
               date: dt.date) -> StoryPage:
    brief = audience_brief(story, title, audience, date)
    new_items = new_item_texts(brief, previous_story_record(config.output, audience.name, brief.date, story_id))
    rendered = render_brief(brief, config.templates, audience.template, audience.page_size, new_items)
    return StoryPage(story_id, audience.name, rendered, new_items,
                     page_files(render_files(Rendition(rendered, audience.name, new_items)), f"story-{story_id}"))


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


def digest_brief(config: Config, day: dt.date, pages: list[tuple[StoryGroup, StoryPage]]) -> Brief:
    """One section per story (key: the name of its page), its best lines as its page shows
    them, cited to one numbering of sources for the whole digest. The first line of every
    story outranks any second line, so a full page thins every story before it drops one."""
    sources: dict[str, Source] = {}
    sections = []
    for rank, (story, page) in enumerate(pages):
        shown = page.rendered.brief
        by_number = {s.number: s for s in shown.sources}
        lines = sorted((item for section in shown.sections for item in section.items), key=lambda i: -i.score)
        seen, items = set(), []
        for item in lines:
            if item.text in seen:
                continue
            seen.add(item.text)
            citations = []
            for n in item.citations:
                source = by_number[n]
                if source.path not in sources:
                    sources[source.path] = replace(source, number=len(sources) + 1)
                citations.append(sources[source.path].number)
            score = -(len(items) * len(pages) + rank)
            items.append(BriefItem(item.text, tuple(sorted(set(citations))), item.origins, float(score)))
            if len(items) == DIGEST_LINES:
                break
        sections.append(Section(key=f"story-{story.id}", title=story.title, items=tuple(items)))
    return Brief(title=config.title, date=day, sections=tuple(sections), sources=tuple(sources.values()))


def build_digest(config: Config, day: Day, chosen: tuple[AudienceConfig, ...], date: dt.date | None,
                 engine=None):
    """Story pages for every audience's stories, then each audience's digest; published together
    per audience, after everything is rendered."""
    from briefer.commands.build import AudienceOutput, BuildResult

    queries = tuple(dict.fromkeys(q for audience in chosen for q in audience.topics))
    selected = {audience.name: select_stories(day, audience, queries) for audience in chosen}
    brief_day = date or day.date or dt.date.today()
    wanted: dict[str, StoryGroup] = {}
    for stories in selected.values():
        for story in stories:
            wanted.setdefault(story.id, story)
    tasks = []
    for story in wanted.values():
        readers = tuple(a for a in chosen if story in selected[a.name])
        paths = [day.articles[i].path for i in story.members]
        tasks.append((config, story.id, story.title, paths, readers, brief_day))
    warnings = list(day.warnings)
    pages: dict[tuple[str, str], StoryPage] = {}
    pages_built = (engine or LocalEngine()).map(_story_pages, tasks, cheap=False)
    for done, (built, notes) in enumerate(pages_built, start=1):
        warnings.extend(notes)
        for page in built:
            pages[(page.story_id, page.audience)] = page
        progress("built story %d of %d", done, len(tasks))
    planned = []
    for audience in chosen:
        shown = [(s, pages[(s.id, audience.name)]) for s in selected[audience.name] if (s.id, audience.name) in pages]
        digest = digest_brief(config, brief_day, shown)
        new_items = new_item_texts(digest, previous_record(config.output, audience.name, brief_day))
        rendered = render_brief(digest, config.templates, audience.template, audience.page_size, new_items,
                                markdown_template=DIGEST_TEMPLATE)
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
