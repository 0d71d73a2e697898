"""Cold `briefer build` of seeds/ (three audiences) beside its floor, in one run.

    .venv/bin/python benchmarks/build_time.py [--runs 5] [--stages]

The floor is what any build must pay: the interpreter, briefer's and WeasyPrint's imports,
and one layout of each final page (the brief.html the build wrote, laid out once). The two
are timed alternately, each in a fresh process, so a busy machine slows both alike; the
figure is the ratio of the medians. --stages adds an in-process profile of one build.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FLOOR = r"""
import sys
from pathlib import Path
import briefer.commands.build, briefer.cli  # everything a build imports
from briefer.output.render import html_to_document
templates = Path(sys.argv[1])
for page in sys.argv[2:]:
    html_to_document(Path(page).read_text(encoding="utf-8"), templates)
"""


def environment() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, env=environment())
    return time.perf_counter() - start


def cold_build(out: str) -> float:
    return timed([sys.executable, "-m", "briefer", "build", "--out", out])


def floor(pages: list[Path]) -> float:
    return timed([sys.executable, "-c", FLOOR, str(ROOT / "templates"), *map(str, pages)])


def stage_times() -> dict[str, float]:
    """One in-process build, timed per stage (imports included in the first stage they hit)."""
    sys.path.insert(0, str(ROOT))
    timings: dict[str, float] = {}
    start = time.perf_counter()
    from briefer.commands import build as build_module
    from briefer.config import load_config
    timings["import"] = time.perf_counter() - start
    stages = {
        "ingest+clean+segment+dedupe": "load_corpus",
        "rank (importance of every item)": "brief_ranking",
        "compose (sections, timeline, quotes, figures; per audience)": "audience_brief",
        "render (templates, layouts, PDF; all audiences)": "in_parallel",
        "publish (write, fsync, swap)": "publish",
    }
    for label, name in stages.items():
        original = getattr(build_module, name)

        def wrapped(*args, _original=original, _label=label, **kwargs):
            begin = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                timings[_label] = timings.get(_label, 0.0) + time.perf_counter() - begin

        setattr(build_module, name, wrapped)
    config = load_config(ROOT / "config.yaml")
    with tempfile.TemporaryDirectory() as out:
        from dataclasses import replace

        profile = cProfile.Profile()
        profile.enable()
        result = build_module.build(replace(config, output=Path(out)))
        profile.disable()
    for output in result.outputs:
        print(f"  {output.audience}: {output.rendered.layouts} layouts, {output.rendered.pages} page")
    pstats.Stats(profile).sort_stats("cumulative").print_stats(12)
    return timings


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=5)
    options.add_argument("--stages", action="store_true", help="also profile one build in this process")
    args = options.parse_args()
    builds, floors = [], []
    with tempfile.TemporaryDirectory() as out:
        cold_build(out)  # warm the disk cache for both sides alike; not counted
        pages = sorted(page for page in Path(out).glob("*/*/brief.html") if not page.parent.name.startswith("."))
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as fresh:
                builds.append(cold_build(fresh))
            floors.append(floor(pages))
    build, bottom = statistics.median(builds), statistics.median(floors)
    print(f"cold briefer build of seeds/ ({len(pages)} audiences): median {build:.2f} s over {args.runs} runs "
          f"(min {min(builds):.2f}, max {max(builds):.2f})")
    print(f"floor (interpreter, imports, one layout of each final page): median {bottom:.2f} s "
          f"(min {min(floors):.2f}, max {max(floors):.2f})")
    print(f"ratio build/floor: {build / bottom:.2f}")
    if args.stages:
        for label, seconds in stage_times().items():
            print(f"  {label:58s} {seconds:6.3f} s")


if __name__ == "__main__":
    main()
