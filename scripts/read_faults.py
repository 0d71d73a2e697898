"""Issue 13 items 3-5 (read safely, text as written, shared lines) as a fault table.

Runs each hostile case against the briefer on PYTHONPATH (this checkout by default), each
in its own child process with a time limit, and prints one line per case and a table of
fault kinds: duplicate, lost, crash, hang, leak, wrong text. Run it on two checkouts to
compare them:

    python scripts/read_faults.py                       # this checkout
    python scripts/read_faults.py --tree /path/to/other # another checkout of briefer

Every case writes its own small invented files in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 30  # seconds; a case still running then is a hang

SETUP = r'''
import os, json, shutil, sys
from pathlib import Path
work = Path(os.environ["WORK"])
src = work / "sources"; src.mkdir()
(work / "outside").mkdir()
SECRET = "The vault combination is written on the back of the harbour master's calendar."
(work / "outside" / "secret.txt").write_text("Secret\n\n" + SECRET + "\n")
FIRST = ("Ministers meet on port deal\n\nThe harbour ministers of Arland and Belmark met in Corvo on Monday to "
         "discuss a port deal. They agreed to set up a joint working group on shipping fees. Officials said the "
         "talks were constructive and would continue next month.\n")
SECOND = ("Port talks make progress\n\nArland and Belmark signed a memorandum on port access in Corvo on Monday. "
          "The memorandum covers customs checks and berth allocation for cargo ships. It is unclear whether the "
          "fishing fleets will be included in the deal.\n")
(src / "001_first.txt").write_text(FIRST)
shutil.copytree(Path(os.environ["TREE"]) / "templates", work / "templates")
(work / "config.yaml").write_text("title: Port brief\nsources: sources\noutput: out\ntemplates: templates\n")
import subprocess
def build():
    return subprocess.run([sys.executable, "-m", "briefer", "build", "--config", str(work / "config.yaml")],
                          capture_output=True, text=True, env=os.environ)
def outputs():
    return "".join(p.read_text(errors="replace") for p in work.glob("out/*/*/brief.*") if p.suffix != ".pdf")
def verdict(fault):
    print("FAULT" if fault else "OK")
'''

CASES = {
    "symlink swapped in after the check": ("leak", r'''
from briefer.sources import ingest
(src / "002_swap.txt").write_text(SECOND)
real = ingest.unreadable_reason
def swap(path, root):
    reason = real(path, root)
    if path.name == "002_swap.txt":
        path.unlink(); os.symlink(work / "outside" / "secret.txt", path)
    return reason
ingest.unreadable_reason = swap
result = ingest.read_articles(src)
verdict(any(SECRET in (a.source or " ".join(a.lines)) for a in result.articles))
'''),
    "FIFO swapped in after the check": ("hang", r'''
from briefer.sources import ingest
(src / "002_swap.txt").write_text(SECOND)
real = ingest.unreadable_reason
def swap(path, root):
    reason = real(path, root)
    if path.name == "002_swap.txt":
        path.unlink(); os.mkfifo(path)
    return reason
ingest.unreadable_reason = swap
ingest.read_articles(src)
verdict(False)
'''),
    "hard link to a file outside the folder": ("leak", r'''
from briefer.sources.ingest import read_articles
os.link(work / "outside" / "secret.txt", src / "002_hard.txt")
verdict(any(SECRET in (a.source or " ".join(a.lines)) for a in read_articles(src).articles))
'''),
    "control characters in a file name": ("wrong text", r'''
with open(bytes(src) + b"/002_red\x1b[31m\nname.txt", "wb") as f: f.write(SECOND.encode())
r = build()
verdict(r.returncode != 0 or "\x1b" in r.stderr + outputs() or "\nname.txt" in outputs())
'''),
    "a file name that is not UTF-8": ("crash", r'''
with open(bytes(src) + b"/002_caf\xe9.txt", "wb") as f: f.write(SECOND.encode())
r = build()
verdict(r.returncode != 0 or "Traceback" in r.stderr)
'''),
    "an article dated 9999-12-31": ("wrong text", r'''
(src / "001_first.txt").write_text("---\ndate: 2025-06-02\n---\n" + FIRST)
(src / "002_future.txt").write_text("---\ndate: 9999-12-31\n---\n" + SECOND)
r = build()
verdict(r.returncode != 0 or any("9999" in p.name for p in (work / "out").iterdir()))
'''),
    "60 files with a 5 KB headline of spaced dashes": ("hang", r'''
from briefer.sources.ingest import read_articles
for n in range(60):
    (src / f"{n:03d}_dashes.txt").write_text("Port talks" + " -" * 2_450 + " x\n\n" + SECOND)
read_articles(src)
verdict(False)
'''),
    "a forecast with a 60-letter word ending in ly": ("hang", r'''
from briefer.analysis.sections import forecast_event
forecast_event("The ministers are expected to " + "ly" * 40 + "! meet in Corvo.")
verdict(False)
'''),
    "a 1 MB article of capitalised sentences (names looked for)": ("hang", r'''
from briefer.analysis.quotes import people
people("The delegates reviewed the shipping schedule for the northern ports in detail. " * 13_000)
verdict(False)
'''),
    "a damaged earlier brief.json": ("crash", r'''
(src / "001_first.txt").write_text("---\ndate: 2025-06-03\n---\n" + FIRST)
(work / "out" / "2025-06-02" / "default").mkdir(parents=True)
(work / "out" / "2025-06-02" / "default" / "brief.json").write_text("[" * 200_000 + "]" * 200_000)
r = build()
verdict(r.returncode != 0 or "Traceback" in r.stderr)
'''),
    "a YAML alias bomb in config.yaml": ("hang", r'''
lines = ["a0: &a0 [" + ", ".join(["lol"] * 10) + "]"]
lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]" for i in range(1, 9)]
(work / "config.yaml").write_text("\n".join(lines) + "\ntitle: *a8\nsources: sources\noutput: out\n")
r = build()
verdict("Traceback" in r.stderr)
'''),
    "a YAML alias bomb in front matter": ("hang", r'''
lines = ["a0: &a0 [" + ", ".join(["lol"] * 10) + "]"]
lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]" for i in range(1, 9)]
(src / "002_bomb.md").write_text("---\n" + "\n".join(lines) + "\ntitle: *a8\noutlet: *a8\n---\n" + SECOND)
r = build()
verdict(r.returncode != 0 or "Traceback" in r.stderr)
'''),
    "line and paragraph separators (VT, FF, NEL, U+2028, U+2029)": ("wrong text", r'''
from briefer.commands.build import load_corpus
glued = False
for sep in ["\x0b", "\x0c", "\x85", "\u2028", "\u2029"]:
    (src / "001_first.txt").write_bytes(("Talks\n\nThe ministers met" + sep + "in Corvo on Monday to discuss a delayed port deal.\n").encode())
    corpus, _ = load_corpus(src)
    glued |= not any("met in Corvo" in i.text for i in corpus.items)
verdict(glued)
'''),
    "bidi override, zero-width and tag characters": ("wrong text", r'''
(src / "001_first.txt").write_text(FIRST.replace("met in", "met \u202ein\u202c").replace("talks", "ta\u200blks\U000e0041"))
r = build()
text = outputs()
verdict(r.returncode != 0 or any(c in text for c in "\u202e\u202c\u200b\U000e0041"))
'''),
    "a copy disguised with look-alike letters": ("duplicate", r'''
from briefer.commands.build import load_corpus
fact = "The harbour ministers signed the water-sharing treaty in Geneva on Tuesday after two years of talks."
disguised = fact.replace("a", "\u0430").replace("o", "\u043e").replace("Geneva", "\uff27eneva")
(src / "001_first.txt").write_text("Treaty signed\n" + fact + "\nThe first report covers the reaction of farmers in the valley.\n")
(src / "002_second.txt").write_text("Water deal\n" + disguised + "\nA different outlet discusses the power prices next winter.\n")
corpus, _ = load_corpus(src)
verdict(not any(len(i.sources) == 2 for i in corpus.items))
'''),
    "a 23-digit number": ("wrong text", r'''
from briefer.language.quantities import display_value, quantities
(q,) = quantities("The ledger lists 12345678901234567890123 unpaid coupons.")
verdict(display_value(q) != "12,345,678,901,234,567,890,123")
'''),
    "a short fact two articles share": ("lost", r'''
from briefer.prepare.clean import clean_articles
from briefer.sources.text import parse_article
fact = "The treaty was signed in Corvo on Monday."
one = parse_article(1, "a.txt", "Headline one\nThe minister said the plan was ready for a vote.\n" + fact + "\n")
two = parse_article(2, "b.txt", "Headline two\nThe opposition said the plan would fail in a vote.\n" + fact + "\n")
verdict(not all(fact in c.paragraphs for c in clean_articles((one, two))))
'''),
}
KINDS = ("duplicate", "lost", "crash", "hang", "leak", "wrong text")


def run_case(tree: Path, body: str) -> str:
    with tempfile.TemporaryDirectory() as work:
        environment = {**os.environ, "PYTHONPATH": str(tree), "WORK": work, "TREE": str(tree)}
        try:
            result = subprocess.run([sys.executable, "-c", SETUP + textwrap.dedent(body)], cwd=work, env=environment,
                                    capture_output=True, text=True, timeout=LIMIT)
        except subprocess.TimeoutExpired:
            return "hang"
        last = result.stdout.strip().splitlines()[-1:] or [""]
        if last == ["OK"]:
            return "ok"
        if last == ["FAULT"]:
            return "fault"
        return "crash"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=ROOT, help="the briefer checkout to try (default: this one)")
    tree = parser.parse_args().tree.resolve()
    counts = dict.fromkeys(KINDS, 0)
    total = dict.fromkeys(KINDS, 0)
    for name, (kind, body) in CASES.items():
        outcome = run_case(tree, body)
        total[kind] += 1
        if outcome != "ok":
            counts[kind] += 1
        print(f"{'held' if outcome == 'ok' else 'FAILED (' + outcome + ')':16} {kind:10} {name}", flush=True)
    print("\nfault kind   cases  failing")
    for kind in KINDS:
        print(f"{kind:12} {total[kind]:5}  {counts[kind]:7}")
    print(f"{'all':12} {sum(total.values()):5}  {sum(counts.values()):7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
