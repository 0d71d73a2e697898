"""Progress on long work: one line per step on stderr, shown by the command line when
stderr is a terminal or with -v (never with -q); silent for library callers."""

from __future__ import annotations

import logging

PROGRESS_LOGGER = "briefer.progress"
_log = logging.getLogger(PROGRESS_LOGGER)


def progress(message: str, *args) -> None:
    _log.info(message, *args)
