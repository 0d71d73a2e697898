"""Dates of articles: date lines, agency datelines and the other places a date is written."""

from __future__ import annotations

import datetime as dt
import re

from briefer.core.lexicon import MONTH_PATTERN, MONTHS

DATE_LINE = re.compile(r"^\s*(?:date|published|updated)\s*:?\s*(\d{4})-(\d{2})-(\d{2})\s*$", re.I)
# "New Delhi, Nov. 1 --" opening the first paragraph: place, month and day, a dash.
DATELINE = re.compile(
    rf"^(?P<place>[A-Z][\w.'’ -]{{1,40}}),\s+(?P<month>{MONTH_PATTERN})\.?\s+(?P<day>\d{{1,2}})"
    r"(?:,\s*(?P<year>\d{4}))?\s*(?:--|—|–|-)\s+",
    re.I,
)
# A place name and colon opening a report: "Kuala Lumpur: Indian ..." (not "Note: ...").
PLACE_COLON = re.compile(r"^(?:[A-Z][\w.'’-]+\s){0,2}[A-Z][\w.'’-]+:\s+(?=[A-Z“\"])")
# "WASHINGTON (AP) _ ", "LAUSANNE, Switzerland (AP) _ ": a city in capitals, maybe its country.
AGENCY_DATELINE = re.compile(
    r"^[A-Z][A-Z .,'-]{2,60}(?:,\s*[A-Z][\w.'’ -]{1,40})?\((?:AP|AFP|Reuters|UPI|Xinhua|IANS|PTI)\)"
    r"\s*(?:_|--|—|–|-)\s*"
)
YEAR_MENTION = re.compile(r"\b(19[5-9]\d|20[0-9]\d)\b")

def parse_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def dateline_date(first_line: str, body: str) -> dt.date | None:
    """The date in a dateline; a dateline without a year takes the latest year the text names."""
    match = DATELINE.match(first_line)
    if not match:
        return None
    year = match.group("year")
    if year is None:
        years = [int(y) for y in YEAR_MENTION.findall(body)]
        if not years:
            return None
        year = max(years)
    try:
        return dt.date(int(year), MONTHS[match.group("month").lower()], int(match.group("day")))
    except ValueError:
        return None


def strip_dateline(paragraph: str) -> str:
    for pattern in (DATELINE, AGENCY_DATELINE, PLACE_COLON):
        stripped = pattern.sub("", paragraph, count=1)
        if stripped != paragraph:
            return stripped
    return paragraph
