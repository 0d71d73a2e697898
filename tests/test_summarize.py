"""`briefer summarize` and `briefer eval` on small DUC-style datasets written here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefer.commands import evaluate
from briefer.commands.evaluate import summarize_folder

# Three independent reports of one flood, in the style of wire copy (one paragraph per file).
FLOOD = {
    "C1.txt": (
        "MARLOW, Northland (AP) _ The storm flooded the coastal city of Marlow on Monday and forced "
        "thousands of residents to leave their homes. Emergency crews rescued dozens of families from "
        "rooftops in the flooded districts of Marlow. The mayor, who once played chess in Vienna, enjoys "
        "painting watercolour landscapes on weekends. (OPTIONAL TRIM CAN BEGIN HERE) A bakery in the old "
        "town reported strong sales of bread during the holiday week."
    ),
    "C2.txt": (
        "Thousands of residents left their homes after the storm flooded the coastal city of Marlow. "
        "Traffic on the northern ring road was slower than usual during the morning hours. Emergency "
        "crews rescued families from rooftops as the river burst its banks in Marlow. ``We lost "
        "everything,'' said one resident of the flooded city."
    ),
    "C3.txt": (
        "The storm that flooded Marlow cut power to the coastal city and closed its port on Monday. "
        "Officials said emergency crews rescued more families from rooftops overnight. The city museum "
        "extended its opening hours for visitors over the long weekend."
    ),
}
ELECTION = {
    "C1.txt": (
        "Voters in Sandria elected a new parliament on Sunday, and the Green Party won the most seats. "
        "Turnout was the highest in twenty years, the election commission said. A local choir sang at "
        "the opening of the new community hall."
    ),
    "C2.txt": (
        "The Green Party won the most seats in the Sandria parliament after Sunday's election. Its leader "
        "promised a coalition government within weeks. The weather on Sunday was mild and dry across "
        "the country."
    ),
    "C3.txt": (
        "Sandria's Green Party will try to form a coalition government after winning the most seats in "
        "the parliament. Turnout in the election was the highest in twenty years."
    ),
}
REFERENCES = {
    "d001": ("A storm flooded the coastal city of Marlow, forcing thousands of residents from their homes. "
             "Emergency crews rescued families from rooftops.",
             "Storm floods Marlow; crews rescue families from rooftops as residents flee."),
    "d002": ("The Green Party won the most seats in Sandria's parliamentary election, with the highest "
             "turnout in twenty years, and will seek a coalition government.",
             "Greens win Sandria election and plan a coalition."),
}
PEER = "Oracle"


def write_cluster(root: Path, name: str, docs: dict[str, str], refs: tuple[str, ...] = ()) -> Path:
    (root / name / "docs").mkdir(parents=True)
    for file, text in docs.items():
        (root / name / "docs" / file).write_text(text + "\n", encoding="utf-8")
    if refs:
        (root / name / "refs").mkdir()
        for letter, text in zip("ABCD", refs):
            (root / name / "refs" / f"{name}.{letter}.txt").write_text(text + "\n", encoding="utf-8")
    return root / name / "docs"


@pytest.fixture
def dataset(tmp_path) -> Path:
    root = tmp_path / "dataset"
    write_cluster(root, "d001", FLOOD, REFERENCES["d001"])
    write_cluster(root, "d002", ELECTION, REFERENCES["d002"])
    # a peer whose summary is the first reference: it recalls all of that one
    for name, refs in REFERENCES.items():
        (root / "_peers" / PEER).mkdir(parents=True, exist_ok=True)
        (root / "_peers" / PEER / f"{name}.txt").write_text(refs[0] + "\n", encoding="utf-8")
    return root


def article_text(docs: dict[str, str]) -> str:
    return " ".join(" ".join(text.split()) for text in docs.values())


# --- briefer summarize -----------------------------------------------------------------------


def test_summarize_prints_whole_article_sentences_until_the_word_target(cli, dataset):
    result = cli("summarize", str(dataset / "d001" / "docs"), "--words", "30")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(line and line in article_text(FLOOD) for line in lines)  # verbatim, one per line
    lengths = [len(line.split()) for line in lines]
    assert sum(lengths) >= 30 > sum(lengths[:-1])  # stops at the first sentence reaching the target
    assert "storm flooded the coastal city of Marlow" in lines[0]  # what every report says comes first
    text = "\n".join(lines)
    assert "(AP)" not in text and "TRIM" not in text  # wire dateline and editors' note are not prose
    assert "chess" not in text and "bakery" not in text  # one report's asides are not the story


def test_summarize_default_is_100_words_and_runs_are_identical(cli, dataset):
    first = cli("summarize", str(dataset / "d001" / "docs"))
    again = cli("summarize", str(dataset / "d001" / "docs"))
    assert first.returncode == 0 and first.stdout == again.stdout
    words_100 = summarize_folder(dataset / "d001" / "docs", 100)[0]
    assert first.stdout.splitlines() == words_100
    # short of material, the summary holds all there is to say, no fragment or aside
    assert 30 < sum(len(s.split()) for s in words_100) < 100


def test_summarize_uses_every_article_whatever_its_date(tmp_path):
    # the flood is corroborated only if the report from years before the newest one is kept
    docs = {"C1.txt": "Date: 2019-05-02\n" + FLOOD["C1.txt"], "C2.txt": FLOOD["C2.txt"],
            "C3.txt": "Date: 2024-01-10\n" + ELECTION["C1.txt"]}
    summary = summarize_folder(write_cluster(tmp_path, "mixed", docs), 100)[0]
    assert any("storm flooded the coastal city of Marlow" in s for s in summary)


def test_summarize_missing_folder_is_exit_2(cli, tmp_path):
    result = cli("summarize", str(tmp_path / "none"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"briefer: error: sources folder not found: {tmp_path / 'none'}"]


def test_word_target_must_be_positive(cli, dataset):
    for command in (["summarize", str(dataset / "d001" / "docs")], ["eval", str(dataset)]):
        result = cli(*command, "--words", "0")
        assert result.returncode == 2 and "positive whole number" in result.stderr


# --- briefer eval ----------------------------------------------------------------------------

TABLE_ROW = re.compile(r"^(\S+)\s+(\d+\.\d\d)\s+(\d+\.\d\d)$")


def table(stdout: str) -> dict[str, tuple[float, float]]:
    rows = [TABLE_ROW.match(line) for line in stdout.splitlines()]
    return {m.group(1): (float(m.group(2)), float(m.group(3))) for m in rows if m}


def test_eval_writes_every_summary_and_prints_one_sorted_table_and_the_time(cli, dataset, tmp_path):
    out = tmp_path / "summaries"
    result = cli("eval", str(dataset), "--words", "40", "--summaries", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["d001.txt", "d002.txt"]
    for name in ("d001", "d002"):
        summary = cli("summarize", str(dataset / name / "docs"), "--words", "40").stdout
        assert (out / f"{name}.txt").read_text(encoding="utf-8") == summary
    lines = result.stdout.splitlines()
    assert lines[0] == "ROUGE recall x 100, summaries cut to 40 words, 2 of 2 clusters with references"
    rows = table(result.stdout)
    assert set(rows) == {"briefer", PEER}
    r2 = [scores[1] for scores in rows.values()]
    assert [name for name in rows] == [name for _, name in sorted(((-s[1], -s[0]), n) for n, s in rows.items())]
    assert r2 == sorted(r2, reverse=True)
    assert re.fullmatch(r"summarising time: \d+\.\d\d s for 2 clusters \(\d+\.\d ms per cluster\)", lines[-1])


def test_eval_scores_in_the_readme_metric(dataset):
    scorer = evaluate.rouge_scorer()
    if scorer is None:
        pytest.skip("rouge-score is not installed")
    result = evaluate.evaluate(dataset, 40)
    # the peer repeating the first reference recalls all of it and part of the second
    peer = result.scores[PEER]
    assert 50 < peer[0] < 100 and 0 < peer[1] < peer[0]
    # ours, worked out by hand: each summary cut to 40 words, recall averaged over the references
    per_cluster = []
    for name, refs in REFERENCES.items():
        cut = " ".join(" ".join(result.summaries[name]).split()[:40])
        recalls = [scorer(reference + "\n", cut) for reference in refs]
        per_cluster.append([sum(r[k] for r in recalls) / len(recalls) for k in (0, 1)])
    expected = tuple(100 * sum(c[k] for c in per_cluster) / len(per_cluster) for k in (0, 1))
    assert result.scores["briefer"] == pytest.approx(expected)
    assert result.scores["briefer"][0] > 30  # the flood and the election are what the references say


def test_eval_without_rouge_score_still_writes_summaries_and_time(dataset, tmp_path, monkeypatch):
    monkeypatch.setattr(evaluate, "rouge_scorer", lambda: None)
    result = evaluate.evaluate(dataset, 100, tmp_path / "out")
    lines = evaluate.report(result, 100)
    assert lines[0] == evaluate.MISSING_SCORER and len(lines) == 2
    assert lines[1].startswith("summarising time: ")
    assert (tmp_path / "out" / "d001.txt").read_text(encoding="utf-8").strip()


def test_eval_scores_only_clusters_with_references(cli, dataset, tmp_path):
    write_cluster(dataset, "d003", ELECTION)  # no refs/
    out = tmp_path / "out"
    result = cli("eval", str(dataset), "--summaries", str(out))
    assert result.returncode == 0, result.stderr
    assert "2 of 3 clusters with references" in result.stdout.splitlines()[0]
    assert (out / "d003.txt").exists() and "for 3 clusters" in result.stdout


def test_eval_missing_or_empty_dataset_is_exit_2(cli, tmp_path):
    missing = cli("eval", str(tmp_path / "none"))
    assert missing.returncode == 2
    assert missing.stderr.strip().splitlines() == [f"briefer: error: dataset folder not found: {tmp_path / 'none'}"]
    (tmp_path / "empty" / "_peers").mkdir(parents=True)
    empty = cli("eval", str(tmp_path / "empty"))
    assert empty.returncode == 2 and "no <cluster>/docs folders" in empty.stderr and "Traceback" not in empty.stderr
