"""Score the section classifier on the hand-labelled sentences in tests/data/sections_labelled.jsonl.

Run from the repository root:  python benchmarks/sections_accuracy.py [--eval ../shared/eval]
Each story (all seeds; each DUC cluster; each single PolNeAR article) is classified as a whole,
as the brief does: a forecast can only be overtaken by a later article of the same story. Seed
articles take the dates the pipeline gives them (own or inferred); the DUC documents carry no
dates; a PolNeAR article is read with its own date, a story of one dated report.
Prints overall accuracy, the tuned and held-out parts' accuracies (also for the DUC clusters with
the seeds and for the single dated articles apart), per-label precision/recall,
and the confusion matrix. `-v` lists the mistakes on the tuned part (never the held-out part);
`--cues` counts the tuned sentences each cue phrase matches.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a plain script, without installing the package

from briefer.commands.build import load_corpus  # noqa: E402
from briefer.analysis.sections import LABELS, Statement, classify, opinion_articles, quotation_reader  # noqa: E402
from briefer.analysis.timeline import article_dates  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "sections_labelled.jsonl"
SEEDS = ROOT / "seeds"
# Each record says which part it is in: "tuned" (stories the rules were written looking at) or
# "held_out" (stories never read while writing rules: scored, never fitted).
TUNED, HELD_OUT = "tuned", "held_out"


EVAL = ROOT.parent / "shared" / "eval"


def load_records(path: Path = LABELLED, eval_dir: Path | None = EVAL) -> list[dict]:
    """The labelled sentences. A DUC record holds no text, only its span in its document under
    `eval_dir` (evaluation data is read from there, never copied): the text is read at run
    time. With eval_dir None (or missing), only the records carrying their text (the seeds)."""
    records = []
    documents: dict[Path, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        record = json.loads(line)
        if "text" not in record:
            if eval_dir is None or not eval_dir.is_dir():
                continue
            folder, name = record["source"].split("/")
            document = _document(eval_dir, folder, name)
            if document not in documents:
                documents[document] = document.read_text(encoding="utf-8")
            record["text"] = " ".join(documents[document][record["start"]:record["end"]].split())
        records.append(record)
    return records


def _document(eval_dir: Path, folder: str, name: str) -> Path:
    """Where a record's document is: a DUC cluster's document, or a single dated article of the
    PolNeAR set ("quotes-dev/<file>")."""
    if folder == SINGLE_ARTICLES:
        return eval_dir / SINGLE_ARTICLES / name
    return eval_dir / "duc2004-dev" / folder / "docs" / name


# A story of one dated article (PolNeAR's political news, 2015-16): the article is its only report,
# read with the date its front matter gives, as `briefer build` reads it.
SINGLE_ARTICLES = "quotes-dev"


def single_article_context(name: str, eval_dir: Path) -> tuple[dict[str, int], list[Statement]]:
    """Every sentence of one dated article, as the brief reads them (its own date as reference)."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as folder:  # the article alone, read from ../shared/eval at run time
        shutil.copy(eval_dir / SINGLE_ARTICLES / name, folder)
        corpus, _ = load_corpus(Path(folder))
    return every_sentence(corpus, dated=True)


def seed_dates() -> dict[str, object]:
    """Seed file name -> the date the pipeline gives the article."""
    corpus, _ = load_corpus(SEEDS)
    dates = article_dates(corpus)
    return {c.article.path: dates[c.article.number].date for c in corpus.articles}


def story_context(cluster: str, eval_dir: Path) -> tuple[dict[str, int], list[Statement]]:
    """Every sentence of a DUC cluster, as the brief reads them (undated): a labelled sentence is
    classified among all its story's sentences, so a later article can overtake its forecast and
    the story's lead is every article's lead. Returns document name -> article number too."""
    corpus, _ = load_corpus(eval_dir / "duc2004-dev" / cluster / "docs")
    return every_sentence(corpus, dated=False)


def every_sentence(corpus, dated: bool) -> tuple[dict[str, int], list[Statement]]:
    """Document name -> article number, and every sentence of the corpus as the classifier reads
    it: with its article's date (`dated`) or none, and whether it stands inside a quotation."""
    dates = article_dates(corpus) if dated else {}
    quoted = quotation_reader(corpus)
    opinion = opinion_articles(corpus)
    numbers = {Path(c.article.path).name: c.article.number for c in corpus.articles}
    sentences = sorted({s for item in corpus.items for s in item.members}, key=lambda s: (s.article, s.position))
    return numbers, [Statement(text=s.text, article=s.article, reference_date=dates[s.article].date if dated else None,
                               position=s.position, in_quotation=quoted(s), opinion=s.article in opinion)
                     for s in sentences]


def predict(records: list[dict], eval_dir: Path | None = EVAL) -> list[str]:
    """The classifier's label for each record, each story classified as a whole: the seeds with
    the dates the pipeline gives them, a DUC story with every sentence of its cluster."""
    dates = seed_dates()
    by_story: dict[str, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        by_story[record["story"]].append(index)
    predicted = [""] * len(records)
    for story, indices in by_story.items():
        if story == "seeds" or eval_dir is None or not eval_dir.is_dir():
            sources = sorted({records[i]["source"] for i in indices})
            statements = [
                Statement(text=records[i]["text"], article=sources.index(records[i]["source"]),
                          reference_date=dates.get(records[i]["source"]) if story == "seeds" else None,
                          position=records[i]["position"])
                for i in indices
            ]
            for i, label in zip(indices, classify(statements)):
                predicted[i] = label
            continue
        if story.startswith(SINGLE_ARTICLES + "/"):
            numbers, statements = single_article_context(story.split("/", 1)[1], eval_dir)
        else:
            numbers, statements = story_context(story, eval_dir)
        where = {(s.article, " ".join(s.text.split())): k for k, s in reversed(list(enumerate(statements)))}
        placed = {(s.article, s.position, " ".join(s.text.split())): k for k, s in enumerate(statements)}
        at = {}
        for i in indices:  # a labelled sentence the segmenter now cuts otherwise is added as it was labelled
            article = numbers[records[i]["source"].split("/")[1]]
            key = (article, " ".join(records[i]["text"].split()))
            if (article, records[i]["position"], key[1]) in placed:  # a sentence said twice: its own place
                at[i] = placed[(article, records[i]["position"], key[1])]
                continue
            if key not in where:
                where[key] = len(statements)
                statements.append(Statement(text=records[i]["text"], article=article,
                                            reference_date=statements[0].reference_date if statements else None,
                                            position=records[i]["position"]))
            at[i] = where[key]
        labels = classify(statements)
        for i in indices:
            predicted[i] = labels[at[i]]
    return predicted


def accuracy(pairs: list[tuple[str, str]]) -> float:
    return sum(gold == guess for gold, guess in pairs) / len(pairs) if pairs else 0.0


def split_accuracy(records: list[dict], predicted: list[str]) -> tuple[tuple[float, int], tuple[float, int]]:
    """(accuracy, sentences) on the tuned part and on the held-out part."""
    parts = []
    for part in (TUNED, HELD_OUT):
        pairs = [(r["label"], p) for r, p in zip(records, predicted) if r.get("split", TUNED) == part]
        parts.append((accuracy(pairs), len(pairs)))
    return parts[0], parts[1]


def report(records: list[dict], predicted: list[str]) -> str:
    pairs = [(r["label"], p) for r, p in zip(records, predicted)]
    lines = [f"sentences: {len(pairs)}   accuracy: {accuracy(pairs):.3f}"]
    tuned, held = split_accuracy(records, predicted)
    lines.append(f"  tuned-on stories: {tuned[0]:.3f} ({tuned[1]})   held-out stories: {held[0]:.3f} ({held[1]})")
    for name, part in (("DUC clusters and seeds", lambda r: not r["story"].startswith(SINGLE_ARTICLES + "/")),
                       ("single dated articles (PolNeAR)", lambda r: r["story"].startswith(SINGLE_ARTICLES + "/"))):
        chosen = [(r, p) for r, p in zip(records, predicted) if part(r)]
        if chosen:
            (t, tn), (h, hn) = split_accuracy([r for r, _ in chosen], [p for _, p in chosen])
            lines.append(f"    {name}: tuned {t:.3f} ({tn})   held-out {h:.3f} ({hn})")
    for story in sorted({r["story"] for r in records}):
        subset = [(r["label"], p) for r, p in zip(records, predicted) if r["story"] == story]
        lines.append(f"  {story}: {accuracy(subset):.3f} ({len(subset)})")
    lines.append("")
    lines.append(f"{'label':<15}{'gold':>6}{'pred':>6}{'prec':>7}{'recall':>8}")
    gold_counts = Counter(g for g, _ in pairs)
    guess_counts = Counter(p for _, p in pairs)
    for label in LABELS:
        hits = sum(1 for g, p in pairs if g == p == label)
        precision = hits / guess_counts[label] if guess_counts[label] else 0.0
        recall = hits / gold_counts[label] if gold_counts[label] else 0.0
        lines.append(f"{label:<15}{gold_counts[label]:>6}{guess_counts[label]:>6}{precision:>7.2f}{recall:>8.2f}")
    lines.append("")
    lines.append("confusion (rows gold, columns predicted):")
    short = {label: label[:6] for label in LABELS}
    lines.append(f"{'':<15}" + "".join(f"{short[label]:>8}" for label in LABELS))
    matrix = Counter(pairs)
    for gold in LABELS:
        lines.append(f"{gold:<15}" + "".join(f"{matrix[(gold, guess)]:>8}" for guess in LABELS))
    return "\n".join(lines)


def cue_counts(records: list[dict]) -> dict[str, dict[str, int]]:
    """Cue file -> phrase -> how many tuned-part sentences it matches. A phrase that serves one
    labelled sentence (or none) was fitted, not found: it does not belong in the files."""
    import re

    from briefer.core.cues import phrase_pattern, phrases

    tuned = [r["text"] for r in records if r.get("split", TUNED) == TUNED]
    counts: dict[str, dict[str, int]] = {}
    for path in sorted((ROOT / "briefer" / "analysis" / "cues").glob("*.txt")):
        counts[path.stem] = {}
        for phrase in phrases("analysis", path.stem):
            rx = re.compile(r"(?<![\w'’-])" + phrase_pattern(phrase) + r"(?![\w'’-])", re.I)
            counts[path.stem][phrase] = sum(1 for text in tuned if rx.search(text))
    return counts


def main() -> None:
    eval_dir = Path(sys.argv[sys.argv.index("--eval") + 1]) if "--eval" in sys.argv else EVAL
    if not eval_dir.is_dir():
        sys.exit(f"evaluation data not found: {eval_dir} (give --eval DIR)")
    records = load_records(eval_dir=eval_dir)
    if "--cues" in sys.argv:
        single = []
        for name, counts in cue_counts(records).items():
            print(f"{name}: " + ", ".join(f"{phrase}={n}" for phrase, n in counts.items()))
            single += [f"{name}: {phrase}" for phrase, n in counts.items() if n < 2]
        if single:  # a phrase that serves one labelled sentence (or none) was fitted, not found
            sys.exit("cue phrases serving fewer than two tuned sentences: " + "; ".join(single))
        return
    predicted = predict(records, eval_dir)
    if "-v" in sys.argv:  # mistakes on the tuned part only: the held-out part is never read to fit rules
        for record, guess in zip(records, predicted):
            if guess != record["label"] and record.get("split", TUNED) == TUNED:
                print(f"{record['story']:8} {record['source'][:14]:14} {record['position']:>3} "
                      f"gold={record['label']:<15} got={guess:<15} {record['text'][:110]}")
        print()
    print(report(records, predicted))


if __name__ == "__main__":
    main()
