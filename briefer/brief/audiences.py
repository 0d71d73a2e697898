"""Audiences: one shared ranking, arranged into each audience's sections, order and budgets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from briefer.brief.compose import Story, compose_story, renumber, story_lines
from briefer.brief.edits import Edits, apply_edits
from briefer.core.sections import BOTTOM_LINE, BOTTOM_LINE_TITLE, SECTION_KEYS
from briefer.config import AudienceConfig, Config, configured_audiences
from briefer.core.errors import InputError
from briefer.core.models import Brief, Section



def select_audiences(config: Config, names: Sequence[str] | None) -> tuple[AudienceConfig, ...]:
    """The named audiences in the order given (default: every configured one)."""
    available = configured_audiences(config)
    if not names:
        return available
    by_name = {audience.name: audience for audience in available}
    unknown = [name for name in names if name not in by_name]
    if unknown:
        raise InputError(f"unknown audience {unknown[0]!r} (configured: {', '.join(by_name)})")
    return tuple(by_name[name] for name in dict.fromkeys(names))


DISAGREEMENTS_TITLE = "Where sources disagree"


def _bottom_line(composed: Brief, audience: AudienceConfig, count: int) -> list:
    """The `count` most important items, except one that is the last its shown section has:
    a section emptied by the bottom line would read "Nothing in the sources" beside it."""
    shown = {key for key in audience.sections if audience.section_budgets.get(key, 0) > 0}
    left = {section.key: len(section.items) for section in composed.sections}
    home = {item.text: section.key for section in composed.sections for item in section.items}
    lead = []
    for item in sorted((i for s in composed.sections for i in s.items), key=lambda i: -i.score):
        if len(lead) == count:
            break
        key = home[item.text]
        if key in shown and left[key] <= 1:
            continue
        left[key] -= 1
        lead.append(item)
    return lead


def audience_brief(story: Story, title: str, audience: AudienceConfig, date: dt.date | None,
                   edits: Edits | None = None) -> Brief:
    """The brief one audience reads: its sections in its order, each within its budget.

    The bottom line holds the most important lines the sections would carry (so never a
    forecast that later reporting overtook), verbatim and cited, and the sections below do
    not repeat them. Composing once, with room for the bottom line in every section, keeps
    one numbering of sources for the whole brief. The analyst's edits, if any, come last;
    edits that could not be applied are the brief's warnings.
    """
    count = audience.section_budgets.get(BOTTOM_LINE, 0) if BOTTOM_LINE in audience.sections else 0
    budgets = {key: audience.section_budgets.get(key, 0) + count for key in SECTION_KEYS}
    budgets["timeline"] = audience.section_budgets.get("timeline", 0)
    composed = compose_story(story, title, budgets, date)
    lead = _bottom_line(composed, audience, count)
    lead_texts = {item.text for item in lead}
    sections = {
        section.key: replace(section, items=tuple(
            item for item in section.items if item.text not in lead_texts
        )[: audience.section_budgets.get(section.key, 0)])
        for section in composed.sections
    }
    if lead:
        sections[BOTTOM_LINE] = Section(key=BOTTOM_LINE, title=BOTTOM_LINE_TITLE, items=tuple(lead))
    shown = tuple(sections[key] for key in audience.sections if key in sections)
    if any(section.items for section in shown):
        # "Nothing in the sources" would be untrue while the page carries other lines: the
        # sources said nothing of this kind that the classifier could place, so it is left out.
        shown = tuple(section for section in shown if section.items)
    # No sentence twice on one page: a timeline entry whose sentence a section or a disagreement
    # already shows keeps its date and points to where the sentence stands.
    on_page = {item.text: section.title for section in shown for item in section.items}
    on_page |= {claim.text: DISAGREEMENTS_TITLE for d in composed.disagreements for claim in d.claims}
    timeline = tuple(replace(entry, see=on_page[entry.text]) if entry.text in on_page else entry
                     for entry in composed.timeline)
    brief = replace(composed, sections=shown, timeline=timeline)
    if edits:
        brief, warnings = apply_edits(brief, edits, story_lines(story))
        brief = replace(brief, warnings=brief.warnings + warnings)
    return renumber(brief)
