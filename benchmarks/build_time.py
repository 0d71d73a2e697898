"""Cold `briefer build` on seeds/: median of 5 runs, and where the time goes.

    .venv/bin/python benchmarks/build_time.py
"""

from __future__ import annotations

import cProfile
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def cold_runs() -> list[float]:
    times = []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "briefer", "build", "--out", out], cwd=ROOT, check=True,
                           capture_output=True)
            times.append(time.perf_counter() - start)
    return times


def stage_times() -> dict[str, float]:
    """One in-process build, timed per stage (imports included in the first stage they hit)."""
    sys.path.insert(0, str(ROOT))
    timings: dict[str, float] = {}
    start = time.perf_counter()
    from briefer.commands import build as build_module
    from briefer.config import load_config
    timings["import"] = time.perf_counter() - start

    stages = {
        "ingest+clean+segment+dedupe": ("load_corpus",),
        "rank (importance of every item)": ("brief_ranking",),
        "compose (sections, timeline, quotes, figures; per audience)": ("audience_brief",),
        "render (templates, markdown, WeasyPrint, page fitting)": ("render_brief",),
        "publish (write, fsync, swap)": ("publish",),
    }
    for label, (name,) in stages.items():
        original = getattr(build_module, name)

        def timed(*args, _original=original, _label=label, **kwargs):
            begin = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                timings[_label] = timings.get(_label, 0.0) + time.perf_counter() - begin

        setattr(build_module, name, timed)
    config = load_config(ROOT / "config.yaml")
    with tempfile.TemporaryDirectory() as out:
        from dataclasses import replace

        profile = cProfile.Profile()
        profile.enable()
        build_module.build(replace(config, output=Path(out)))
        profile.disable()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(12)
    return timings


if __name__ == "__main__":
    times = cold_runs()
    print(f"cold briefer build on seeds/: median {statistics.median(times):.2f} s over {RUNS} runs "
          f"(min {min(times):.2f}, max {max(times):.2f})")
    for label, seconds in stage_times().items():
        print(f"  {label:58s} {seconds:6.3f} s")
