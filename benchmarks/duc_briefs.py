"""Build one brief per DUC 2004 dev cluster, undated and dated, for reading line by line (issue 12).

Run from the repository root:  python benchmarks/duc_briefs.py [EVAL_DIR] [OUT_DIR]
(defaults ../shared/eval/duc2004-dev and /tmp/duc-briefs). The undated copy is the cluster's
documents as they are; the dated copy is each document with front matter `date:`, one day apart
in the numeric order of their names (C1, C2, ... C10), as a feed would date them. The briefs land
in OUT_DIR/<undated|dated>/<cluster>/out/<date>/default/brief.md. Nothing is copied into the repo.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_DAY = dt.date(1998, 10, 1)


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "eval" / "duc2004-dev"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp/duc-briefs")
    for cluster in sorted(p for p in source.iterdir() if p.name.startswith("d")):
        docs = sorted((cluster / "docs").glob("C*.txt"), key=lambda p: int(p.stem[1:]))
        for mode in ("undated", "dated"):
            folder = out / mode / cluster.name
            shutil.rmtree(folder, ignore_errors=True)
            (folder / "sources").mkdir(parents=True)
            for k, doc in enumerate(docs):
                text = doc.read_text(encoding="utf-8", errors="replace")
                if mode == "dated":
                    day = FIRST_DAY + dt.timedelta(days=k)
                    # plain text with front matter, read as the undated copy is: a Markdown copy would
                    # read wire copy's ``quotation marks'' as code spans and drop them
                    (folder / "sources" / doc.name).write_text(f"---\ndate: {day}\n---\n{text}", encoding="utf-8")
                else:
                    shutil.copy(doc, folder / "sources" / doc.name)
            (folder / "config.yaml").write_text(
                f"title: {cluster.name}\nsources: sources\noutput: out\ntemplates: {ROOT / 'templates'}\n", encoding="utf-8")
            result = subprocess.run([sys.executable, "-m", "briefer", "build", "--config", "config.yaml"],
                                    cwd=folder, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
            print(f"{mode:8} {cluster.name} exit {result.returncode}")


if __name__ == "__main__":
    main()
