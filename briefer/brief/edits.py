"""The analyst's hand: drop, pin or move a line, add an assessment or a bottom line of one's own.

Edits live in a YAML file beside the brief (`<output>/<date>/<audience>/edits.yaml`, kept
across rebuilds) or given with `briefer build --edits FILE`. Lines are named by stable
ids, made from the sentence's words and the file it comes from, so the same sentence has
the same id in every rebuild, in `briefer inspect` and in `brief.json`:

    drop: [L3f9a0c12de]                 # never show this line
    pin: [L81b2c4d5e6]                  # always show it; it gives way last on a full page
    move: {L77aa01bc23: open_questions} # show it in another section
    add:                                # the analyst's own words, marked as such, not cited
      - {section: assessment, text: "The framework matters less than the tariff talks."}
      - {section: bottom_line, text: "Expect no trade deal before January."}

Rebuilding applies them again. An edit whose line is no longer in the sources is reported
(a warning naming the file, the edit and the id), never silently dropped.

A day of many stories (commands/digest.py) has a page per story beside its digest. The keys
above edit the digest; `pages` edits a story's page, by the page's name, with the same keys:

    pages:
      story-s1a2b3c4d5:                 # out/<date>/<audience>/story-s1a2b3c4d5.*
        drop: [L3f9a0c12de]
        add: [{section: bottom_line, text: "The fees are settled; the berths are not."}]
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from briefer.brief.daily import STORY_PAGE
from briefer.core.errors import InputError
from briefer.core.models import Brief, BriefItem, Section
from briefer.core.sections import BOTTOM_LINE, BOTTOM_LINE_TITLE, SECTION_KEYS, SECTION_TITLES

EDITS_NAME = "edits.yaml"
ASSESSMENT = "assessment"
ASSESSMENT_TITLE = "Assessment"
ADD_SECTIONS = (ASSESSMENT, BOTTOM_LINE) + SECTION_KEYS
MOVE_SECTIONS = (BOTTOM_LINE,) + SECTION_KEYS
EDIT_KEYS = ("drop", "pin", "move", "add", "pages")
MAX_ADDED_CHARS = 2_000


def line_id(path: str, text: str) -> str:
    """A line's id: its words (whitespace collapsed) and the name of the file it comes from."""
    name = Path(str(path)).name
    digest = hashlib.blake2b(f"{name}\n{' '.join(str(text).split())}".encode("utf-8"), digest_size=5)
    return "L" + digest.hexdigest()


@dataclass(frozen=True)
class Added:
    section: str
    text: str


@dataclass(frozen=True)
class Edits:
    source: str  # where the edits came from, for messages
    drop: tuple[str, ...] = ()
    pin: tuple[str, ...] = ()
    move: tuple[tuple[str, str], ...] = ()  # (line id, section key)
    add: tuple[Added, ...] = ()
    pages: tuple[tuple[str, "Edits"], ...] = ()  # (story page name, its edits): a digest's story pages

    def __bool__(self) -> bool:
        return bool(self.drop or self.pin or self.move or self.add or self.pages)

    def page(self, name: str) -> Edits | None:
        """The edits of the story page `name` ("story-<id>"), if the file has any."""
        return next((edits for page, edits in self.pages if page == name), None)


def _ids(value, key: str, where: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(f"'{key}': expected a list of line ids, got {value!r}")
        return ()
    return tuple(v.strip() for v in value)


def parse_edits(raw, where: str) -> Edits:
    """Edits from a parsed YAML document; every problem is reported at once."""
    if raw is None:
        return Edits(where)
    if not isinstance(raw, dict):
        raise InputError(f"{where}: expected a mapping with {', '.join(EDIT_KEYS)}, got {type(raw).__name__}")
    problems: list[str] = []
    edits = _edits_of(raw, where, "", problems)
    pages = raw.get("pages") or {}
    if not isinstance(pages, dict):
        problems.append(f"'pages': expected a mapping of story page (story-<id>) to its edits, got {pages!r}")
        pages = {}
    found = []
    for name, page in pages.items():
        if not isinstance(name, str) or not STORY_PAGE.match(name):
            problems.append(f"'pages.{name}': expected the name of a story's page, story-<id> (as in story-<id>.md)")
        elif page is not None and not isinstance(page, dict):
            problems.append(f"'pages.{name}': expected a mapping with {', '.join(EDIT_KEYS[:-1])}, got {page!r}")
        else:
            found.append((name, _edits_of(page or {}, f"{where}, pages.{name}", f"pages.{name}.", problems)))
    if problems:
        raise InputError(f"invalid edits in {where}: " + "; ".join(problems))
    return replace(edits, pages=tuple(found))


def _edits_of(raw: dict, where: str, prefix: str, problems: list[str]) -> Edits:
    """One page's edits (`prefix` names where they sit in the file: "" or "pages.story-<id>.")."""
    known = EDIT_KEYS if not prefix else EDIT_KEYS[:-1]
    for key in raw:
        if key not in known:
            problems.append(f"'{prefix}{key}': unknown edit (expected one of {', '.join(known)})")
    moves = raw.get("move") or {}
    if not isinstance(moves, dict):
        problems.append(f"'{prefix}move': expected a mapping of line id to section, got {moves!r}")
        moves = {}
    for key, section in moves.items():
        if section not in MOVE_SECTIONS:
            problems.append(f"'{prefix}move.{key}': unknown section {section!r} "
                            f"(expected one of {', '.join(MOVE_SECTIONS)})")
    added: list[Added] = []
    additions = raw.get("add") or []
    if not isinstance(additions, list):
        problems.append(f"'{prefix}add': expected a list of {{section, text}}, got {additions!r}")
        additions = []
    for number, entry in enumerate(additions, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str) or not entry["text"].strip():
            problems.append(f"'{prefix}add' entry {number}: expected {{section: ..., text: ...}} with some text")
            continue
        section = entry.get("section", ASSESSMENT)
        if section not in ADD_SECTIONS:
            problems.append(f"'{prefix}add' entry {number}: unknown section {section!r} "
                            f"(expected one of {', '.join(ADD_SECTIONS)})")
            continue
        text = " ".join(entry["text"].split())
        if len(text) > MAX_ADDED_CHARS:
            problems.append(f"'{prefix}add' entry {number}: over {MAX_ADDED_CHARS:,} characters")
            continue
        added.append(Added(section, text))
    return Edits(where, drop=_ids(raw.get("drop"), f"{prefix}drop", where, problems),
                 pin=_ids(raw.get("pin"), f"{prefix}pin", where, problems),
                 move=tuple((str(k), str(v)) for k, v in moves.items() if v in MOVE_SECTIONS), add=tuple(added))


def load_edits(path: Path, required: bool = False) -> Edits:
    """The edits in `path`; none when it does not exist (unless given explicitly)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if required:
            raise InputError(f"no such edits file: {path}") from None
        return Edits(str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the edits file {path}: {exc}") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise InputError(f"invalid YAML in {path}{where}: {getattr(exc, 'problem', None) or exc}") from None
    return parse_edits(raw, str(path))


def analyst_item(text: str, index: int) -> BriefItem:
    """The analyst's own words: no citations, pinned, marked as the analyst's."""
    return BriefItem(text=text, citations=(), origins=0, score=float("inf"),
                     line_id=f"A{index}", pinned=True, analyst=True)


ABSENT = "that line is no longer in the sources"


def apply_edits(brief: Brief, edits: Edits, candidates: dict[str, tuple[BriefItem, str]],
                absent: str = ABSENT) -> tuple[Brief, tuple[str, ...]]:
    """The brief with the edits made, and a warning for each edit that could not be.

    candidates: every line the sources hold today, by id, with the section its meaning
    gives it ("none" when it has none): a pinned or moved line the selection left out
    comes back from there. The brief's citations must not be renumbered yet. `absent`
    says, in the warning, why an edit's line is not among them.
    """
    warnings: list[str] = []
    shown = [section.key for section in brief.sections]
    items: dict[str, list[BriefItem]] = {section.key: list(section.items) for section in brief.sections}
    titles = {section.key: section.title for section in brief.sections}

    def where_is(identity: str) -> str | None:
        return next((key for key, listed in items.items() if any(i.line_id == identity for i in listed)), None)

    def take(identity: str) -> BriefItem | None:
        for listed in items.values():
            for item in listed:
                if item.line_id == identity:
                    listed.remove(item)
                    return item
        return None

    def gone(kind: str, identity: str) -> None:
        warnings.append(f"{edits.source}: {kind} {identity}: {absent} "
                        f"(the edit is kept in the file, and not applied)")

    for identity in edits.drop:
        if take(identity) is None and identity not in candidates:
            gone("drop", identity)
    for identity, section in edits.move:
        if section not in items:
            if identity in candidates or where_is(identity):
                warnings.append(f"{edits.source}: move {identity}: this brief has no section {section!r}")
            else:
                gone("move", identity)
            continue
        item = take(identity) or (candidates[identity][0] if identity in candidates else None)
        if item is None:
            gone("move", identity)
            continue
        items[section].append(replace(item, pinned=item.pinned or identity in edits.pin))
    for identity in edits.pin:
        key = where_is(identity)
        if key is not None:
            items[key] = [replace(i, pinned=True) if i.line_id == identity else i for i in items[key]]
        elif identity not in candidates:
            gone("pin", identity)
        elif identity in edits.drop:
            warnings.append(f"{edits.source}: pin {identity}: the same line is dropped; dropping wins")
        else:
            item, label = candidates[identity]
            # A line of no section, or of one this brief does not show, goes to the key facts.
            if label not in items:
                label = "key_facts" if "key_facts" in items else next(iter(items), None)
            if label is None:
                warnings.append(f"{edits.source}: pin {identity}: this brief has no section to show it in")
                continue
            items[label].append(replace(item, pinned=True))
    for number, added in enumerate(edits.add, start=1):
        if added.section not in items:
            items[added.section] = []
            titles[added.section] = {ASSESSMENT: ASSESSMENT_TITLE, BOTTOM_LINE: BOTTOM_LINE_TITLE}.get(
                added.section, SECTION_TITLES.get(added.section, added.section))
            # The analyst's own sections lead: the bottom line first, then the assessment.
            if added.section == BOTTOM_LINE or (added.section == ASSESSMENT and BOTTOM_LINE not in shown):
                shown.insert(0, added.section)
            elif added.section == ASSESSMENT:
                shown.insert(shown.index(BOTTOM_LINE) + 1, added.section)
            else:
                shown.append(added.section)
        lead = sum(1 for item in items[added.section] if item.analyst) if added.section == BOTTOM_LINE else None
        # An analyst's bottom line comes before the lines from the sources; elsewhere, after.
        items[added.section].insert(lead if lead is not None else len(items[added.section]),
                                    analyst_item(added.text, number))
    sections = tuple(Section(key=key, title=titles[key], items=tuple(items[key])) for key in shown)
    return replace(brief, sections=sections), tuple(warnings)


def applied_record(edits: Edits, warnings: tuple[str, ...]) -> dict:
    """What brief.json says about the edits: where from, and those that were not applied."""
    return {"file": edits.source, "not_applied": list(warnings)}


def audience_edits(given: Path | None, root: Path, day: dt.date, audiences) -> dict[str, Edits]:
    """Each audience's edits: the file given on the command line (for all of them), else the
    one beside its last build, <root>/<date>/<audience>/edits.yaml (none is no edits)."""
    shared = load_edits(given, required=True) if given else None
    return {audience.name: shared or load_edits(root / day.isoformat() / audience.name / EDITS_NAME)
            for audience in audiences}
