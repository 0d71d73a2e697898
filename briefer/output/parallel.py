"""Audiences laid out side by side, in processes, where the machine has cores to spare."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")

JOBS_VARIABLE = "BRIEFER_JOBS"  # the most processes a build may use (1: lay out in this process)
_PR_SET_PDEATHSIG = 1


def available_cores() -> int:
    """Cores this process may use that other work is not already using (the last minute's
    load average), at most BRIEFER_JOBS; at least one."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    try:
        idle = cores - int(os.getloadavg()[0])
    except (AttributeError, OSError):
        idle = cores
    try:
        ceiling = int(os.environ.get(JOBS_VARIABLE, cores))
    except ValueError:
        ceiling = cores
    return max(1, min(cores, idle, ceiling))


def _die_with_parent() -> None:
    """A worker never outlives the build that started it (Linux; elsewhere best effort)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent reports an interrupt, once


def in_parallel(function: Callable[[Job], Result], jobs: Sequence[Job]) -> list[Result]:
    """function(job) for every job, in order; in forked processes when there are several
    jobs and more than one core, else here. function must be a module-level function."""
    workers = min(len(jobs), available_cores())
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(job) for job in jobs]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_die_with_parent) as pool:
        return list(pool.map(function, jobs))
