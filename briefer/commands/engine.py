"""Where the per-article and per-story work runs: here (`local`, worker processes on this
machine's cores) or on a Dask cluster (`dask`, `pip install briefer[dask]`).

Both run the very same functions on the very same inputs and return results in input order,
so the stories, the story pages and the digest are identical whichever engine ran them. With
Dask each task may be retried: a worker that dies mid-task loses nothing but time, as the
scheduler gives its tasks to another worker.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from briefer.core.errors import ConfigError

ENGINES = ("local", "dask")
# Below this many tasks a pool of processes costs more than it saves.
PARALLEL_FROM = 200
CHUNK = 64
DASK_RETRIES = 3  # a task failing for any reason other than its own input is tried this many times more


def workers(jobs: int | None = None) -> int:
    """Processes to use: the cores this process may run on, unless told."""
    if jobs:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class LocalEngine:
    jobs: int | None = None
    name: str = "local"

    def map(self, function: Callable, tasks: Sequence, cheap: bool = True) -> Iterator:
        """function(task) for every task, in order. cheap: each task is small (a file), so a
        pool only pays off for many; otherwise (a story page) two tasks are enough."""
        count = min(workers(self.jobs), len(tasks))
        if count <= 1 or len(tasks) < (PARALLEL_FROM if cheap else 2):
            yield from map(function, tasks)
            return
        import multiprocessing

        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        with context.Pool(count) as pool:
            yield from pool.imap(function, tasks, chunksize=CHUNK if cheap else 1)


@dataclass(frozen=True)
class DaskEngine:
    """Tasks go to the scheduler at `scheduler` (an address, or a running Client)."""

    scheduler: object
    name: str = "dask"

    def client(self):
        try:
            from distributed import Client
        except ImportError:
            raise ConfigError("engine", ["'engine: dask' needs Dask: pip install 'briefer[dask]'"]) from None
        if isinstance(self.scheduler, Client):
            return self.scheduler, False
        return Client(self.scheduler), True

    def map(self, function: Callable, tasks: Sequence, cheap: bool = True) -> Iterator:
        if not tasks:
            return
        client, own = self.client()
        try:
            if cheap:  # files: a bag of articles in partitions, one task per partition
                batches = [list(tasks[i:i + CHUNK]) for i in range(0, len(tasks), CHUNK)]
                futures = client.map(_run_batch, [function] * len(batches), batches, retries=DASK_RETRIES, pure=False)
                for future in futures:
                    yield from future.result()
            else:
                futures = client.map(function, list(tasks), retries=DASK_RETRIES, pure=False)
                for future in futures:
                    yield future.result()
        finally:
            if own:
                client.close()


def _run_batch(function: Callable, batch: list) -> list:
    return [function(task) for task in batch]


def make_engine(name: str = "local", scheduler: object = None, jobs: int | None = None):
    if name == "dask":
        if scheduler is None:
            raise ConfigError("engine", ["'engine: dask' needs 'dask.scheduler', the scheduler's address"])
        return DaskEngine(scheduler)
    return LocalEngine(jobs)
