"""The brief's sections, declared once: key, title and default budget.

The config checks budgets against these keys, the composer fills them in this order and the
templates read their titles from the brief, so a new section type is one line here plus the
rule in analysis that fills it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SectionKind:
    key: str
    title: str
    budget: int  # the most items it holds unless the config says otherwise
    prose: bool = True  # False: not a list of classified sentences (the timeline)


SECTIONS = (
    SectionKind("background", "Background", 3),
    SectionKind("key_facts", "Key facts", 5),
    SectionKind("outcomes", "Outcomes", 3),
    SectionKind("open_questions", "Open questions", 4),
    SectionKind("timeline", "Timeline", 4, prose=False),
)
BOTTOM_LINE = "bottom_line"  # the most important items, verbatim, ahead of every section
BOTTOM_LINE_TITLE = "Bottom line"

SECTION_KEYS = tuple(s.key for s in SECTIONS if s.prose)
SECTION_TITLES = {s.key: s.title for s in SECTIONS if s.prose}
DEFAULT_BUDGETS = {s.key: s.budget for s in SECTIONS}
BUDGET_KEYS = tuple(s.key for s in SECTIONS)  # the timeline's entries are budgeted like a section's items
