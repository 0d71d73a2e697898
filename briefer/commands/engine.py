"""Where the per-article and per-story work runs: here (`local`, worker processes on this
machine's cores) or on a Dask cluster (`dask`, `pip install briefer[dask]`).

Both run the very same functions on the very same inputs and return results in input order,
so the stories, the story pages and the digest are identical whichever engine ran them. With
Dask each task may be retried: a worker that dies mid-task loses nothing but time, as the
scheduler gives its tasks to another worker.

Story grouping's candidate pairs are a group-by on a key (analysis/stories.keyed_terms): the
local engine does it in memory, the Dask engine as a shuffle of (key, weight, row) records
across its workers (`DaskEngine.shuffled_pairs`), and both give the same pairs.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter

import numpy as np

from briefer.analysis.stories import PairFinder, window_pairs
from briefer.core.errors import ConfigError

ENGINES = ("local", "dask")
# Below this many tasks a pool of processes costs more than it saves.
PARALLEL_FROM = 200
CHUNK = 64
DASK_RETRIES = 3  # a task failing for any reason other than its own input is tried this many times more


@dataclass(frozen=True)
class ShuffleSize:
    """How the (key, weight, row) records of story grouping are partitioned for the shuffle."""

    records: int = 50_000  # records per partition (about 3 MB of Python tuples)
    fewest: int = 2  # partitions at least, so even a small day is grouped across workers
    most: int = 256  # partitions at most: the shuffle's tasks grow with partitions x log(partitions)


SHUFFLE = ShuffleSize()


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

    def pair_finder(self) -> PairFinder | None:
        """None: story grouping finds its candidate pairs in memory (stories.pairs_sharing)."""
        return None


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

    def pair_finder(self) -> PairFinder:
        return self.shuffled_pairs

    def shuffled_pairs(self, rows: np.ndarray, keys: np.ndarray, weights: np.ndarray, window: int) -> np.ndarray:
        """stories.pairs_sharing as a Dask shuffle: a bag of (key, weight, row) records in
        partitions, grouped by key on the workers (a task-based shuffle), each key's group
        turned into its window pairs there; each partition's pairs come back as one array
        (a list of Python pairs costs far more to send), joined here, unique and sorted, as
        pairs_sharing returns them."""
        if not len(rows):
            return np.zeros((0, 2), dtype=np.int64)
        try:
            import dask.bag
        except ImportError:
            raise ConfigError("engine", ["'engine: dask' needs Dask: pip install 'briefer[dask]'"]) from None
        records = list(zip(keys.tolist(), weights.tolist(), rows.tolist()))
        count = shuffle_partitions(len(records))
        pairs = (dask.bag.from_sequence(records, npartitions=count)
                 .groupby(itemgetter(0), shuffle="tasks", npartitions=count)
                 .map_partitions(_partition_pairs, window=window))
        client, own = self.client()
        try:
            found = client.gather(client.compute(pairs.to_delayed(), retries=DASK_RETRIES))
        finally:
            if own:
                client.close()
        return np.unique(np.concatenate([np.zeros((0, 2), dtype=np.int64), *found]), axis=0)


def shuffle_partitions(records: int, size: ShuffleSize = SHUFFLE) -> int:
    return max(1, min(records, max(size.fewest, min(size.most, math.ceil(records / size.records)))))


def _partition_pairs(groups, window: int) -> np.ndarray:
    """The window pairs of one partition's keys, on a worker: `groups` are (key, its records)
    from the shuffle; the pairs unique within the partition, as an array."""
    found = [pair for _, records in groups for pair in window_pairs(((weight, row) for _, weight, row in records), window)]
    return np.unique(np.array(found, dtype=np.int64).reshape(-1, 2), axis=0)


def _run_batch(function: Callable, batch: list) -> list:
    return [function(task) for task in batch]


def make_engine(name: str = "local", scheduler: object = None, jobs: int | None = None):
    if name == "dask":
        if scheduler is None:
            raise ConfigError("engine", ["'engine: dask' needs 'dask.scheduler', the scheduler's address"])
        return DaskEngine(scheduler)
    return LocalEngine(jobs)
