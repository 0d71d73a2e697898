"""The Dask engine: the same build on a LocalCluster of two worker processes, byte for byte."""

from __future__ import annotations

import os
import signal
import threading
import time
from dataclasses import replace

import numpy as np
import pytest

distributed = pytest.importorskip("distributed")

from briefer.analysis.stories import ArticleTerms, _vectors, candidate_pairs, keyed_terms  # noqa: E402
from briefer.commands.build import build  # noqa: E402
from briefer.commands.engine import DaskEngine  # noqa: E402
from briefer.config import load_config  # noqa: E402
from briefer.core.limits import MAX_ARTICLE_BYTES  # noqa: E402
from briefer.core.locations import StorageURL  # noqa: E402
from tests.support import make_project  # noqa: E402
from tests.test_stories import FLOOD, PORT, VOTE, _made_up  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as connected:
            yield connected


def outputs(folder) -> dict[str, bytes]:
    """Every text output of every audience (PDFs hold their creation time)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.glob("*/[!.]*/*"))
            if p.suffix in (".md", ".html", ".json")} | {
        str(p.relative_to(folder)): p.read_bytes() for p in folder.glob("*/stories.json")}


def shuffle_tasks(stream) -> set[str]:
    """The workers that ran a task of a shuffle (a group-by's split and join tasks)."""
    return {task["worker"] for task in stream.data if "shuffle" in str(task["key"])}


def test_shuffled_pairs_are_the_local_pairs(client):
    # ties everywhere (every report's common words weigh the same), and random weights
    random = np.random.default_rng(11)
    noisy = [ArticleTerms(f"{n}.txt", "t", None, tuple(sorted(
        (f"w{w}", int(random.integers(1, 4))) for w in set(random.integers(0, 300, 25).tolist()))))
        for n in range(400)]
    engine = DaskEngine(client)
    for articles in (_made_up(150), noisy):
        matrix = _vectors(articles)[0]
        local = candidate_pairs(matrix)
        assert len(local) > len(articles)
        with distributed.get_task_stream(client) as stream:
            shuffled = engine.shuffled_pairs(*keyed_terms(matrix), 10)
        assert shuffled.dtype == local.dtype and np.array_equal(shuffled, local)
        assert shuffle_tasks(stream)
    assert engine.shuffled_pairs(*keyed_terms(_vectors(_made_up(1)[:1])[0]), 10).shape == (0, 2)


def test_dask_build_matches_local(tmp_path, client):
    config = load_config(make_project(tmp_path, {**PORT, **FLOOD, **VOTE}, audiences={
        "desk": {}, "trade": {"topics": ["port OR harbour"]}}))
    local = build(replace(config, output=tmp_path / "local"))
    with distributed.get_task_stream(client) as stream:
        dask = build(replace(config, output=tmp_path / "dask", engine="dask", dask_scheduler=client.scheduler.address))
    assert shuffle_tasks(stream), "the articles' candidate pairs were not found by a shuffle on the workers"
    assert [o.audience for o in dask.outputs] == [o.audience for o in local.outputs]
    ours, theirs = outputs(tmp_path / "local"), outputs(tmp_path / "dask")
    assert len([n for n in ours if "/story-" in n and n.endswith(".md")]) == 4  # desk 3, trade 1
    assert theirs == ours


def test_sources_at_a_file_url_on_dask_match_the_local_folder(tmp_path, client):
    pytest.importorskip("fsspec")
    config = load_config(make_project(tmp_path, {**PORT, **FLOOD, **VOTE, "big.txt": "word " * (MAX_ARTICLE_BYTES // 5 + 1),
                                                 ".swap.txt": "an editor's swap file"}))
    local = build(replace(config, output=tmp_path / "local"))
    url = load_config(config.path, {"sources": config.sources.as_uri()}).sources
    assert isinstance(url, StorageURL)
    with distributed.get_task_stream(client) as stream:
        dask = build(replace(config, sources=url, output=tmp_path / "dask", engine="dask",
                             dask_scheduler=client.scheduler.address))
    assert {task["worker"] for task in stream.data if "_run_batch" in str(task["key"])}  # read on the workers
    assert shuffle_tasks(stream)
    assert dask.warnings == local.warnings
    assert [w for w in dask.warnings if w.startswith("skipped ")] == [
        f"skipped big.txt: too large ({MAX_ARTICLE_BYTES + 5 - MAX_ARTICLE_BYTES % 5:,} bytes; "
        f"the limit is {MAX_ARTICLE_BYTES:,})"]
    ours = outputs(tmp_path / "local")
    assert len([n for n in ours if "/story-" in n and n.endswith(".md")]) == 3
    assert outputs(tmp_path / "dask") == ours


def test_killed_worker_loses_nothing(tmp_path, client):
    config = load_config(make_project(tmp_path, {**PORT, **FLOOD, **VOTE}))
    build(replace(config, output=tmp_path / "local"))
    pids = client.run(os.getpid)
    killed = []

    def kill_a_busy_worker():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            busy = [address for address, keys in client.processing().items()
                    if any("_story_pages" in str(key) for key in keys)]
            if busy:
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(busy[0])
            time.sleep(0.005)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    result = build(replace(config, output=tmp_path / "dask", engine="dask", dask_scheduler=client.scheduler.address))
    killer.join()
    assert killed, "no worker was busy with a story page to kill"
    assert len(result.outputs) == 1
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    client.wait_for_workers(2, timeout=60)  # the nanny brings the worker back for later tests
