"""`briefer new DIR`: a briefing project a desk can fill with articles and run from cron."""

from __future__ import annotations

from pathlib import Path

from briefer.output.publish import write_atomically
from briefer.core.errors import InputError

EXAMPLE_AUDIENCE = "desk"

CONFIG = '''\
# briefer project configuration. Every key is optional; paths are relative to this file.
# `briefer build` reports every problem in this file at once, by key.

title: "Daily brief"        # the brief's heading
sources: sources            # drop the day's articles here: .txt or .md, one article per file
output: out                 # briefs land in out/<date>/<audience>/brief.{md,html,pdf,json}
templates: templates        # your template overrides; briefer's built-in ones fill the gaps
page_size: A4               # A4 or Letter
# window_days: 2            # use only articles dated within the 2 days ending on the brief's
                            # date (undated articles are always used)

# Who reads the brief. Each audience gets its own one-page brief and email.
audiences:
  desk:
    template: desk          # templates/desk/ overrides blocks of the default template
    sections:               # which sections appear, in this order, and the most items each holds
      bottom_line: 3        #   the three most important sentences, verbatim and cited
      key_facts: 5
      outcomes: 3
      open_questions: 3     # (also: background)
    page_size: A4
    recipients: [desk@example.org]
    subject: "Desk brief: {title} ({date})"   # placeholders: {title} {date} {audience}
  minister:                 # no template named: briefer's built-in minister template
    sections: {bottom_line: 3, outcomes: 3, open_questions: 3}
    recipients: [office@example.org]
    subject: "Daily brief: {title} ({date})"

# How `briefer send` delivers. Try it with `briefer send --dry-run` (writes .eml files).
email:
  from: "Briefing Desk <briefs@example.org>"
  smtp:
    host: localhost
    port: 25
    security: none          # starttls | ssl | none
    # username: briefer
    # password_env: BRIEFER_SMTP_PASSWORD   # the environment variable holding the password;
    #                                       # the password itself never goes in this file
    # ca_file: relay-ca.pem # trust this CA bundle instead of the system's
  retry:
    attempts: 4             # tries per message when the server is down or says "try later"
    delay: 5                # seconds before the second try
    factor: 3               # each later wait is three times the one before
'''

EXAMPLE_TEMPLATE = '''\
{#- An audience override: this file replaces only the blocks it names; everything else
    comes from briefer's default template. Blocks: header, sections, sources (and quotes,
    timeline, disagreements, figures). Article text always goes through |md. -#}
{% extends "default/brief.md.j2" %}
{% block header %}
# {{ brief.title|md }}

Desk edition · {{ brief.date|longdate }}

{% endblock %}
'''


def new_project(directory: Path) -> list[Path]:
    """Create the project; refuse to write into a folder that already holds something."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise InputError(f"{directory} already exists and is not empty: choose a new folder")
    files = {
        directory / "config.yaml": CONFIG,
        directory / "templates" / EXAMPLE_AUDIENCE / "brief.md.j2": EXAMPLE_TEMPLATE,
    }
    for path, text in files.items():
        write_atomically(path, text.encode("utf-8"))
    sources = directory / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    return [*files, sources]


def next_steps(directory: Path) -> list[str]:
    """What to do after `briefer new`, as commands to copy."""
    return [
        "",
        "Next steps:",
        f"  cd {directory}",
        "  # put today's articles in sources/ (.txt or .md, one article per file)",
        "  briefer build            # writes out/<date>/<audience>/brief.{md,html,pdf,json}",
        "  briefer serve            # a live preview on http://127.0.0.1:8000/",
        "  briefer send --dry-run   # the emails as .eml files, nothing sent",
    ]
