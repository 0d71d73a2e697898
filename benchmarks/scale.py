"""Scale: `briefer build` (stories, story pages, digest) on 1,000 to 10,000 articles.

    .venv/bin/python benchmarks/scale.py [--sizes 1000,2000,5000,10000] [--eval ../shared/eval] [--jobs N]

Corpora are made at run time from the real articles in the shared evaluation folder (never
copied into the repository): the DUC 2004 clusters (one origin story per cluster) and the
PolNeAR and TimeBank articles (one origin story per article). Each corpus article is an
origin article with its sentences in another order, dated one of three days, named by its
origin story; so the corpus has the given size and its stories are known. For each size the
script prints wall time, peak memory of the whole process tree (sampled every 50 ms), the
machine's load average, and B-cubed F1 of the story grouping against the DUC clusters.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“`])")
FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)


def origins(eval_dir: Path) -> list[tuple[str, str, str]]:
    """(story label, title line, body) of every usable real article."""
    found = []
    duc = eval_dir / "duc2004-dev"
    for cluster in sorted(p for p in duc.iterdir() if (p / "docs").is_dir()):
        for doc in sorted((cluster / "docs").iterdir()):
            found.append((f"duc-{cluster.name}", "", doc.read_text(encoding="utf-8")))
    for folder in ("quotes-dev", "timeml-dev"):
        for path in sorted((eval_dir / folder).glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            title = re.search(r'^title: "(.*)"$', text, re.M)
            found.append((f"{folder}-{path.stem}", title.group(1) if title else "", FRONT.sub("", text)))
    return found


def make_corpus(folder: Path, size: int, sources: list[tuple[str, str, str]], seed: int = 0) -> dict[str, str]:
    """`size` articles in `folder`; returns file name -> origin story label."""
    rng = random.Random(seed)
    labels = {}
    base = dt.date(2025, 6, 1)  # in the past: a build refuses articles dated after its day
    for n in range(size):
        label, title, body = sources[n % len(sources)]
        sentences = SENTENCE.split(" ".join(body.split()))
        if n >= len(sources):  # the originals first, then rewrites in another order
            rng.shuffle(sentences)
        date = base + dt.timedelta(days=rng.randrange(3))
        name = f"{label}-{n:05d}.txt"
        head = f"---\ntitle: {json.dumps(title)}\ndate: {date.isoformat()}\n---\n" if title else \
            f"---\ndate: {date.isoformat()}\n---\n"
        (folder / name).write_text(head + " ".join(sentences) + "\n", encoding="utf-8")
        labels[name] = label
    return labels


def tree_rss(pid: int) -> int:
    """Memory of a process and all its descendants, in bytes: the proportional set size (a page
    shared by forked workers counts once in all, not once per process)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stream:
                    parent = int(stream.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            with open(f"/proc/{current}/smaps_rollup") as stream:
                for line in stream:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def run_build(project: Path, extra: list[str]) -> tuple[float, float, int, subprocess.CompletedProcess]:
    """Wall seconds, CPU seconds of the build and its workers, peak memory of the process tree."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "briefer", "build", "--config", str(project / "config.yaml"),
                                *extra], cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    out, err = process.communicate()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return elapsed, cpu, peak, subprocess.CompletedProcess(process.args, process.returncode, out, err)


def bcubed(stories: list[list[str]], gold: dict[str, str]) -> float:
    story_of = {a: i for i, arts in enumerate(stories) for a in arts}
    members: dict = {}
    for a in gold:
        members.setdefault(story_of.get(a, a), set()).add(a)
    clusters: dict = {}
    for a, c in gold.items():
        clusters.setdefault(c, set()).add(a)
    p = r = 0.0
    for a, c in gold.items():
        s = members[story_of.get(a, a)]
        both = len(s & clusters[c])
        p, r = p + both / len(s), r + both / len(clusters[c])
    p, r = p / len(gold), r / len(gold)
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,2000,5000,10000")
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--keep", action="store_true", help="keep the corpora (printed) for a look")
    parser.add_argument("--dask", action="store_true",
                        help="also build the largest corpus with engine: dask on a LocalCluster of two worker processes")
    args = parser.parse_args()
    sources = origins(args.eval)
    print(f"{len(sources)} real articles from {args.eval}; {os.cpu_count()} cores")
    print(f"{'articles':>8} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'stories':>8} {'DUC B3 F1':>9}  load (1 min)")
    first = None
    measured: dict[int, tuple[float, float]] = {}
    sizes = [int(s) for s in args.sizes.split(",")]
    for size in sizes:
        project = Path(tempfile.mkdtemp(prefix=f"scale-{size}-"))
        try:
            (project / "sources").mkdir()
            labels = make_corpus(project / "sources", size, sources)
            (project / "config.yaml").write_text('title: "Daily brief"\nsources: sources\noutput: out\n',
                                                 encoding="utf-8")
            load = os.getloadavg()[0]
            elapsed, cpu, peak, done = run_build(project, [])
            if done.returncode:
                print(f"{size:>8} failed: {done.stderr.strip()[-400:]}")
                continue
            record = next((project / "out").glob("*/stories.json"))
            stories = [s["articles"] for s in json.loads(record.read_text(encoding="utf-8"))["stories"]]
            duc = {name: label for name, label in labels.items() if label.startswith("duc-")}
            in_duc = [[a for a in arts if a in duc] for arts in stories]
            first = first or (elapsed, cpu)
            measured[size] = (elapsed, cpu)
            print(f"{size:>8} {elapsed:>8.1f} {cpu:>8.1f} {peak / 2**20:>8.0f} {len(stories):>8} "
                  f"{bcubed(in_duc, duc):>9.3f}  {load:.1f}-{os.getloadavg()[0]:.1f}   "
                  f"x{elapsed / first[0]:.1f} wall, x{cpu / first[1]:.1f} CPU of the first")
            if args.dask and size == sizes[-1]:
                compare_dask(project, elapsed)
            if args.keep:
                print("   kept", project)
        finally:
            if not args.keep:
                shutil.rmtree(project, ignore_errors=True)
    if len(measured) >= 2:
        small, large = min(measured), max(measured)
        per_article = (measured[large][1] - measured[small][1]) / (large - small)
        workers = math.ceil(1_000_000 * per_article / 3600 / 0.8)
        first_per_article = measured[small][1] / small
        print(f"CPU per article: {per_article * 1000:.1f} ms marginal ({small:,} -> {large:,}; retold articles share "
              f"their grouping work), {first_per_article * 1000:.1f} ms on the {small:,} distinct articles (all "
              f"included). 1,000,000 articles a day within an hour at 80% use: {workers} to "
              f"{math.ceil(1_000_000 * first_per_article / 3600 / 0.8)} worker cores for reading; grouping runs on "
              f"the client")


def text_outputs(out: Path) -> dict[str, bytes]:
    """The build's Markdown, HTML and JSON files by the audience folders' names (each is a link
    to a hidden version folder, named anew by each build); PDFs hold their creation time."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.glob("*/[!.]*/*")) + sorted(out.glob("*/*.json"))
            if p.suffix in (".md", ".html", ".json")}


def compare_dask(project: Path, local_seconds: float) -> None:
    """The same corpus built by engine: dask on a LocalCluster of two worker processes, its
    sources read through fsspec at their file:// URL; its outputs compared with the local build's."""
    from distributed import Client, LocalCluster

    # The workers unpickle briefer's functions: they must import this checkout, as the build does.
    sys.path.insert(0, str(ROOT))
    os.environ["PYTHONPATH"] = str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):
        config = project / "config.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace("sources: sources\n", "")
                          + f"sources: {(project / 'sources').as_uri()}\n"
                          + f"engine: dask\ndask:\n  scheduler: {cluster.scheduler_address}\n", encoding="utf-8")
        local = text_outputs(project / "out")
        shutil.rmtree(project / "out", ignore_errors=True)
        elapsed, cpu, peak, done = run_build(project, [])
        built = text_outputs(project / "out")
        differ = sorted(name for name in local.keys() | built.keys() if local.get(name) != built.get(name))
        same = "identical to local" if not differ else f"DIFFERENT from local: {', '.join(differ[:5])}"
        status = f"ok, outputs {same}" if not done.returncode else done.stderr.strip()[-300:]
        print(f"   dask (LocalCluster, 2 worker processes): {elapsed:.1f} s wall vs local {local_seconds:.1f} s; "
              f"client CPU {cpu:.1f} s, client tree peak {peak / 2**20:.0f} MB; {status}")


if __name__ == "__main__":
    main()
