"""Plain data passed between the pipeline stages. Every stage takes and returns these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One source file after ingest: metadata plus the body's raw lines."""

    number: int  # 1-based source number, the number citations use
    path: str  # file name relative to the sources folder
    title: str
    outlet: str | None
    date: dt.date | None
    url: str | None
    lines: tuple[str, ...]  # body lines, headline/front matter/date lines removed
    source: str = ""  # the file's decoded text, exactly as provenance offsets count it
    body_start: int = 0  # where the body begins in `source` (after any front matter)
    date_source: str | None = None  # where the date came from: "front matter", "date line", "dateline", ...
    month_day: tuple[int, int] | None = None  # a dateline's month and day when it gave no year (ingest places it)
    authors: tuple[str, ...] = ()
    removed: tuple[int, ...] = ()  # where characters taken out of `source` stood in the file (see file_offset)

    def file_offset(self, index: int) -> int:
        """An offset into `source` as an offset into the file's own decoded text: characters
        the reader took out (a byte-order mark, invisible format characters) count again."""
        if index < 0:
            return index
        for position in self.removed:  # sorted, and almost always empty
            if position <= index:
                index += 1
            else:
                break
        return index


@dataclass(frozen=True)
class CleanArticle:
    """An article whose body is reduced to prose paragraphs (no site furniture, no subheadings)."""

    article: Article
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Sentence:
    """One sentence exactly as it stands in its article (whitespace collapsed)."""

    article: int  # Article.number
    position: int  # 0-based index of the sentence within its article
    paragraph: int  # 0-based index of its paragraph
    text: str
    start: int = -1  # character offsets of the sentence in its article's `source` (-1: not located)
    end: int = -1


@dataclass(frozen=True)
class Item:
    """Near-duplicate sentences merged into one claim that keeps all its sources."""

    text: str  # the representative sentence, verbatim from one article
    members: tuple[Sentence, ...]  # every sentence that says the same thing
    sources: tuple[int, ...]  # sorted article numbers carrying it
    origins: tuple[int, ...]  # sorted independent origins (rewrites of one report count once)

    @property
    def first(self) -> Sentence:
        return min(self.members, key=lambda s: (s.position, s.article))


@dataclass(frozen=True)
class Corpus:
    """Everything the ranker needs: the articles, their origins and the merged items."""

    articles: tuple[CleanArticle, ...]
    origin_of: dict[int, int]  # article number -> origin id
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Passage:
    """Where a line stands in a source: character offsets into that file's decoded text."""

    source: int  # the source's number, as citations number it
    start: int
    end: int


@dataclass(frozen=True)
class BriefItem:
    text: str
    citations: tuple[int, ...]  # source numbers
    origins: int  # how many independent origins carry it
    score: float  # importance; the lowest-scoring item gives way first on a full page
    passages: tuple[Passage, ...] = ()  # every located sentence that says it, one per source
    line_id: str = ""  # stable id from the sentence and its source: what an analyst's edit names
    pinned: bool = False  # the analyst pinned it: it stays, and gives way last on a full page
    analyst: bool = False  # the analyst's own words: not cited, marked as the analyst's

    @property
    def sources_count(self) -> int:
        return len(self.citations)


@dataclass(frozen=True)
class Claim:
    """One side of a disagreement: a sentence verbatim and the value it states."""

    text: str
    value: str  # the conflicting words as written: "six", "on Friday"
    citations: tuple[int, ...]


@dataclass(frozen=True)
class Disagreement:
    """Sources from different origins state different values for one fact."""

    what: str  # what the values measure, in the sources' words ("Boeing P8I aircraft", "date")
    claims: tuple[Claim, ...]
    score: float  # importance on the items' scale; gives way on a full page like an item


@dataclass(frozen=True)
class Quote:
    """A direct quotation: the words inside the quotation marks, verbatim, and who said them."""

    text: str
    speaker: str  # as written, or the fullest form of that name in the article ("Rajnath Singh")
    medium: str | None  # "on X", "in a statement"
    citations: tuple[int, ...]
    score: float


@dataclass(frozen=True)
class FigureValue:
    """An earlier value of a developing figure: what the sources said then."""

    value: str  # as shown: "32", "at least 150"
    date: dt.date | None  # the date of the articles that gave it (None: undated)
    citations: tuple[int, ...]


@dataclass(frozen=True)
class Figure:
    """A number that matters and what it counts, the label in the source's own words."""

    value: str  # "50%", "6", "10 years"; for a developing figure its newest value
    label: str  # "tariffs on Indian imports"
    citations: tuple[int, ...]
    origins: int
    score: float
    history: tuple[FigureValue, ...] = ()  # a count that changed over time: earlier values, newest first
    context: str = ""  # the clause the number stands in, verbatim ("all 270 people aboard were killed")


@dataclass(frozen=True)
class Section:
    key: str  # background | key_facts | outcomes | open_questions
    title: str
    items: tuple[BriefItem, ...]


@dataclass(frozen=True)
class Source:
    number: int
    title: str
    outlet: str | None
    date: dt.date | None
    path: str
    url: str | None


@dataclass(frozen=True)
class TimelineEntry:
    """One dated event of the story: the sentence verbatim, shown at its date's precision."""

    date_label: str  # "31 Oct 2025", "week of 20 Oct 2025", "Aug 2025", "2025"
    sort_key: str  # ISO text that sorts chronologically: 2025-10-31, 2025-08, 2025
    text: str
    citations: tuple[int, ...]  # source numbers
    score: float  # importance; gives way on a full page like any other item
    see: str | None = None  # the section already showing this sentence: the entry points there


@dataclass(frozen=True)
class Brief:
    title: str
    date: dt.date
    sections: tuple[Section, ...]
    sources: tuple[Source, ...]
    warnings: tuple[str, ...] = field(default=())
    timeline: tuple[TimelineEntry, ...] = ()  # the story's dated events, oldest first
    disagreements: tuple[Disagreement, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
