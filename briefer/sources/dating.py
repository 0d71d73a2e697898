"""Dates of articles: front matter, date lines, agency datelines, page and feed metadata.

An article's date is only ever what its own metadata or opening says. A dateline without a
year ("PANAMA CITY, Nov. 12 (Reuters) -") keeps its month and day; ingest gives it the year
that puts it nearest before the brief's date or the newest dated article (`place_year`),
never a year mentioned in the body (an analysis "before 2030" is not dated 2030). An article
whose date cannot be known stays undated: it is named in a warning and never dates a brief.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from briefer.core.lexicon import MONTH_PATTERN, MONTHS


@dataclass(frozen=True)
class DatingRules:
    opening_lines: int = 8  # a date line counts among the first non-empty lines only
    # A year-less dateline is at most this many days after the reference date (a brief
    # built the morning after, a wire dated in another time zone); later ones are last year's.
    ahead_days: int = 7


RULES = DatingRules()

_MONTH_DAY = rf"(?P<month>(?i:{MONTH_PATTERN}))\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
_WRITTEN = (
    # 2025-11-12, 2025/11/12 (a time may follow: 2025-11-12T08:00:00Z)
    re.compile(r"(?P<year>\d{4})[-/](?P<mnum>\d{1,2})[-/](?P<day>\d{1,2})(?![\d])(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"),
    # Nov. 12, 2025 / November 12 2025
    re.compile(rf"{_MONTH_DAY},?\s+(?P<year>\d{{4}})\b", re.I),
    # 12 November 2025 / 12 Nov. 2025
    re.compile(rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>(?i:{MONTH_PATTERN}))\.?,?\s+(?P<year>\d{{4}})\b", re.I),
)
# "date: 2025-11-12", "date 2025-11-12", "Published: Nov. 12, 2025 at 9:30 a.m. ET", "Posted 12 November 2025".
DATE_LINE = re.compile(
    r"^\s*(?:\W{0,3})(?P<label>date|dated|published|posted|updated|last updated)(?:\s+on)?\s*[:-]?\s*(?P<rest>.+)$",
    re.I,
)
# What may follow the date on a date line: a time, a zone, a weekday. Nothing that reads as prose.
_DATE_LINE_TAIL = re.compile(r"^[\s,|•·-]*(?:at\s+)?(?:\d{1,2}(?:[:.]\d{2})?(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*"
                             r"(?:[A-Z]{2,4}|UTC|GMT|[+-]\d{2}:?\d{2}|Z)?)?\s*[.)]?\s*$", re.I)
# "New Delhi, Nov. 1 --" opening the first paragraph: place, month and day, a dash.
DATELINE = re.compile(
    rf"^(?P<place>[^\W\d_][\w.'’ -]{{1,40}}(?:,\s+(?-i:[A-Z])[\w.'’ -]{{1,30}})?),\s+{_MONTH_DAY}"  # a region is capitalised
    # the year, and the agency any wire names ("ŁÓDŹ, Poland, April 14 (CEP) - ")
    r"(?:,\s*(?P<year>\d{4}))?\s*(?:\([A-Za-z][\w .&-]{0,24}\)\s*)?(?:--|—|–|-|_)\s+",
    re.I,
)
# A place name and colon opening a report: "Kuala Lumpur: Indian ..." (not "Note: ...").
PLACE_COLON = re.compile(r"^(?:[A-Z][\w.'’-]+\s){0,2}[A-Z][\w.'’-]+:\s+(?=[A-Z“\"])")
# "WASHINGTON (AP) _ ", "LAUSANNE, Switzerland (AP) _ ", "PANAMA CITY, Nov. 12 (Reuters) - ":
# a city in capitals, maybe its country or the month and day, the agency in parentheses.
_AGENCIES = "AP|AFP|Reuters|UPI|Xinhua|IANS|PTI|Bloomberg|dpa|ANI"
_DATELINE_DASH = r"(?:_|--|—|–|-|:)"  # what parts a dateline from the report: "(AP) _ ", "(Reuters) - "
AGENCY_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .,'’-]{2,60}?)"
    rf"(?:,\s*(?:{_MONTH_DAY}(?:,\s*(?P<year>\d{{4}}))?|[A-Z][\w.'’ -]{{1,40}}?))?\s*"
    rf"\((?:{_AGENCIES})\)\s*{_DATELINE_DASH}\s*"
)
# "NEWARK, N.J. _ A new task force ...", "WASHINGTON -- ...", "DUBAI, United Arab Emirates — ...",
# "JACKSON, Miss. - U.S. District Judge ...": a place in capitals, maybe its region, and a wire's
# dash (a spaced hyphen too, as some papers set it, after a region only: "US - China trade talks"
# is a headline's), no agency (a newspaper's own wire); or a
# place in title case and its region before a long dash ("New York, NY – ...", "Paris, France — ...").
# Prose never opens with words in capitals and such a dash, nor with a place, a comma and a region
# set off by a long dash.
_REGION = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
CAPITALS_DATELINE = re.compile(r"^(?P<place>(?!(?:I|OK|A|Q)\b)[A-Z][A-Z.'’-]*(?:,?\s+[A-Z][A-Z.'’-]*){0,4})"
                               r"(?:(?:,\s+" + _REGION + r")?\s+(?:_|--|—|–)|,\s+" + _REGION + r"\s+-)\s+(?=[A-Z“\"‘`])")
# (one more long dash in the paragraph makes the first open an aside: "Still, Democrats — Clinton
# among them — insisted ..."; two more are an aside after a dateline: "Nairobi, Kenya — A bomb
# exploded — the second in a week — killing 12")
CITY_DATELINE = re.compile(r"^(?P<place>(?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+),\s+" + _REGION + r"\s+[—–]\s+(?=[A-Z“\"‘`])")
_LONG_DASH = re.compile(r"\s[—–]\s")
# "Washington, DC, United States: Getting to the Moon ...": a place, its region and its country,
# a colon ("Clinton, Sanders: Who won ..." names two people).
PLACES_COLON = re.compile(r"^[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,2}(?:,\s" + _REGION + r"){2}:\s+(?=[A-Z“\"])")
# "Hong Kong (CNN Business)A muddled view ...", "Washington (CNN) — ...": a web page's dateline, a
# place in title case and the agency or network in parentheses, often with no space after it.
# (A name in parentheses that a space and a word follow is no dateline: "Agence France-Presse (AFP)
# Chief Executive ... said".)
WEB_DATELINE = re.compile(rf"^(?:[A-Z][\w.'’-]+,?\s){{0,3}}\((?:{_AGENCIES}|CNN)(?:\s+[A-Z][a-z]+)?\)"
                          rf"(?:\s*{_DATELINE_DASH}\s*)?(?=[A-Z“\"‘])")


@dataclass(frozen=True)
class Dated:
    """What an article's own text says of its date."""

    date: dt.date | None = None
    source: str | None = None  # "front matter", "date line", "dateline", "page metadata", "feed"
    month_day: tuple[int, int] | None = None  # a dateline without its year


def parse_date(value) -> dt.date | None:
    """A date from metadata: a date, a datetime, or a string holding one (ISO or written out)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return written_date(value)
    return None


def _build(year, month, day) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def _month(match: re.Match) -> int:
    groups = match.groupdict()
    return int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower().rstrip(".")]


def written_date(text: str) -> dt.date | None:
    """The first full date written in `text` (ISO, "Nov. 12, 2025" or "12 November 2025")."""
    found = [(m.start(), m) for pattern in _WRITTEN for m in [pattern.search(text)] if m]
    if not found:
        return None
    _, match = min(found, key=lambda pair: pair[0])
    return _build(match.group("year"), _month(match), match.group("day"))


def date_line(line: str) -> tuple[str, dt.date] | None:
    """(label, date) when the whole line states a date: "date 2025-11-12", "Published: Nov. 12, 2025"."""
    match = DATE_LINE.match(line)
    if not match:
        return None
    rest = match.group("rest")
    for pattern in _WRITTEN:
        found = pattern.match(rest.strip())
        if found and _DATE_LINE_TAIL.match(rest.strip()[found.end():]):
            date = _build(found.group("year"), _month(found), found.group("day"))
            if date:
                return match.group("label").lower(), date
    return None


def find_date_line(lines: list[str]) -> tuple[int, dt.date] | None:
    """The index and date of the date line among the opening lines; a publication date wins over
    an update's."""
    seen, best = 0, None
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > RULES.opening_lines:
            break
        found = date_line(line)
        if found:
            label, date = found
            if "updated" not in label:
                return index, date
            best = best or (index, date)
    return best


def dateline(paragraph: str) -> Dated | None:
    """The date an agency or place dateline opening the story gives: a whole date, only a month
    and day (the year is placed later), or nothing ("WASHINGTON (AP) --" says where, not when)."""
    match = DATELINE.match(paragraph) or AGENCY_DATELINE.match(paragraph)
    if not match or not match.groupdict().get("month"):
        return None
    month, day = MONTHS[match.group("month").lower()], int(match.group("day"))
    if match.group("year"):
        date = _build(match.group("year"), month, day)
        return Dated(date, "dateline") if date else None
    if _build(2000, month, day) is None:  # 2000 is a leap year: Feb. 29 is a day
        return None
    return Dated(None, "dateline", (month, day))


def place_year(month_day: tuple[int, int], reference: dt.date) -> dt.date | None:
    """The date with that month and day nearest on or before `reference` (up to
    RULES.ahead_days after it): the year a wire dateline leaves unsaid."""
    month, day = month_day
    for year in (reference.year + 1, reference.year, reference.year - 1, reference.year - 4):
        date = _build(year, month, day)
        if date and date <= reference + dt.timedelta(days=RULES.ahead_days):
            return date
    return None


def dateline_date(first_line: str, body: str = "") -> dt.date | None:
    """The whole date of a dateline that states its year; None otherwise (`body` is not read)."""
    found = dateline(first_line)
    return found.date if found else None


def strip_dateline(paragraph: str) -> str:
    for pattern in (DATELINE, AGENCY_DATELINE, WEB_DATELINE, CAPITALS_DATELINE, CITY_DATELINE, PLACES_COLON, PLACE_COLON):
        match = pattern.match(paragraph)  # (every pattern reads from the paragraph's start)
        if pattern is CITY_DATELINE and match and len(_LONG_DASH.findall(paragraph.split("\n", 1)[0], match.end())) % 2:
            continue  # the dash opens an aside that a second one closes
        if match and match.end():
            return paragraph[match.end():]
    return paragraph


# The date it is now somewhere on Earth: UTC+14 (Kiribati) is the first to reach each day. An
# article dated later than this was not published yet, whatever the machine's time zone.
_EARLIEST_ZONE = dt.timezone(dt.timedelta(hours=14))


def build_day(now: dt.datetime | None = None) -> dt.date:
    """The latest date any article can honestly carry at the time of the build."""
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(_EARLIEST_ZONE).date()
