"""Many stories in one folder: grouping, ids across days, topics, story pages and the digest."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from collections import defaultdict

import numpy as np

from briefer.analysis.stories import (ArticleTerms, candidate_pairs, keyed_terms, make_stories, pairs_sharing,
                                      window_pairs, _vectors)
from briefer.commands.build import build
from briefer.commands.stories import read_day
from briefer.config import load_config
from briefer.core.errors import ConfigError
from briefer.core.query import QueryError, matches, parse
from tests.support import make_project

# Three made-up events, three reports each, in the words different desks would use.
PORT = {
    "port_1.txt": "---\ntitle: Ministers meet on Corvo port deal\ndate: 2026-03-03\n---\n"
    "The harbour ministers of Arland and Belmark met in Corvo on Monday to discuss a port deal. "
    "They agreed to set up a joint working group on shipping fees at the harbour. "
    "Officials said the port talks were constructive and would continue next month.\n",
    "port_2.txt": "---\ntitle: Corvo port talks make progress\ndate: 2026-03-03\n---\n"
    "Arland and Belmark signed a memorandum on port access in Corvo on Monday. "
    "The memorandum covers customs checks and berth allocation for cargo ships in the harbour. "
    "It is unclear whether the fishing fleets will be included in the port deal.\n",
    "port_3.txt": "---\ntitle: Harbour deal for Corvo\ndate: 2026-03-03\n---\n"
    "The Corvo harbour deal between Arland and Belmark sets shipping fees for cargo ships. "
    "Port officials in Corvo said berth allocation would start in the spring. "
    "Belmark's harbour minister called the port memorandum a first step.\n",
}
FLOOD = {
    "flood_1.txt": "---\ntitle: Floods cut off Dunmere valley\ndate: 2026-03-03\n---\n"
    "Heavy rain flooded the Dunmere valley on Monday and cut off three villages. "
    "Rescue teams used boats to reach families stranded by the flood water. "
    "The river Dun rose two metres overnight, the weather service said.\n",
    "flood_2.txt": "---\ntitle: Dunmere villages evacuated as river Dun bursts banks\ndate: 2026-03-03\n---\n"
    "Hundreds of residents of the Dunmere valley were evacuated after the river Dun burst its banks. "
    "Rescue boats carried stranded families from flooded villages to shelters. "
    "Forecasters expect more rain over the valley this week.\n",
    "flood_3.txt": "---\ntitle: Rain keeps falling on flooded Dunmere\ndate: 2026-03-03\n---\n"
    "Flood water in the Dunmere valley kept rising as rain fell for a third day. "
    "Shelters for evacuated villagers are full, rescue teams said. "
    "The river Dun is expected to peak on Wednesday.\n",
}
VOTE = {
    "vote_1.txt": "---\ntitle: Tessaly votes in snap election\ndate: 2026-03-03\n---\n"
    "Voters in Tessaly cast ballots in a snap parliamentary election on Sunday. "
    "Turnout at polling stations was high, the election commission said. "
    "Prime minister Orla Venn called the election after her coalition collapsed.\n",
    "vote_2.txt": "---\ntitle: Venn's party leads Tessaly count\ndate: 2026-03-03\n---\n"
    "Orla Venn's party leads the count after Tessaly's snap election. "
    "The election commission has counted ballots from most polling stations. "
    "Opposition leaders said the coalition vote was close in the capital.\n",
    "vote_3.txt": "---\ntitle: Tessaly election result expected\ndate: 2026-03-03\n---\n"
    "Tessaly's election commission expects to announce the result of the snap vote on Tuesday. "
    "Ballots from polling stations in the north are still being counted. "
    "Venn's coalition partners urged voters to accept the election outcome.\n",
}
FOLLOW_UP = {
    "flood_4.txt": "---\ntitle: Dunmere flood water recedes\ndate: 2026-03-04\n---\n"
    "Flood water in the Dunmere valley began to recede on Tuesday as the river Dun fell. "
    "Evacuated villagers returned from shelters to count the damage to their homes. "
    "Rescue teams said all stranded families had been reached by boat.\n",
}
DAY = "2026-03-03"


def stories_by_files(day) -> list[set[str]]:
    return sorted(({day.articles[i].path for i in s.members} for s in day.stories), key=sorted)


def test_three_stories_are_told_apart(tmp_path):
    config = load_config(make_project(tmp_path, {**PORT, **FLOOD, **VOTE}))
    day = read_day(config.sources, config.output)
    assert stories_by_files(day) == [set(FLOOD), set(PORT), set(VOTE)]
    titles = {day.story_json(s)["title"] for s in day.stories}
    assert "Floods cut off Dunmere valley" in titles or any("Dunmere" in t for t in titles)
    assert all(day.story_json(s)["dates"] == [DAY] for s in day.stories)


def _made_up(events: int) -> list[ArticleTerms]:
    """Three reports per event, each with the event's own words and words every report uses."""
    return [ArticleTerms(f"{e}-{k}.txt", "t", None, tuple(sorted(
        [(f"event{e}word{w}", 2) for w in range(8)] + [(f"common{c}", 1) for c in range(5)] + [(f"w{k}", 1)])))
        for e in range(events) for k in range(3)]


def test_candidates_grow_linearly_not_with_all_pairs():
    small, large = (len(candidate_pairs(_vectors(_made_up(n))[0])) for n in (400, 800))
    assert large <= 2.2 * small  # all pairs would grow fourfold
    articles = _made_up(100)
    groups = {frozenset(articles[i].path for i in s.members) for s in make_stories(articles)}
    assert groups == {frozenset(f"{e}-{k}.txt" for k in range(3)) for e in range(100)}


def grouped_by_key(rows, keys, weights, window) -> np.ndarray:
    """The candidate pairs as a shuffle finds them: records grouped by key, each group's window
    pairs (stories.window_pairs), unique."""
    groups = defaultdict(list)
    for row, key, weight in zip(rows.tolist(), keys.tolist(), weights.tolist()):
        groups[key].append((weight, row))
    found = [pair for group in groups.values() for pair in window_pairs(group, window)]
    return np.unique(np.array(found, dtype=np.int64).reshape(-1, 2), axis=0)


def test_pairs_grouped_by_key_are_the_pairs_found_in_memory():
    # _made_up: every report has the same five common words at the same weight, so each common
    # word's 300 rows tie and the window's tie-breaking (the lower row first) decides the pairs
    matrix = _vectors(_made_up(100))[0]
    records = keyed_terms(matrix)
    assert len(set(records[1].tolist())) > 5
    in_memory = candidate_pairs(matrix)
    assert np.array_equal(grouped_by_key(*records, 10), in_memory)
    assert len(in_memory) > 300
    # ...which another tie-breaking would change: equal weights in a shuffled order of rows
    rows, keys, weights = records
    shuffled = np.random.default_rng(3).permutation(int(rows.max()) + 1)
    order = np.argsort(shuffled[rows], kind="stable")  # pairs_sharing: equal weights in record order
    other = np.argsort(shuffled)[pairs_sharing(shuffled[rows][order], keys[order], weights[order], 10)]
    other = np.unique(np.sort(other, axis=1), axis=0)
    assert len(other) and not np.array_equal(other, in_memory)
    # and weights that differ, many keys per row: random tf-idf vectors
    random = np.random.default_rng(7)
    articles = [ArticleTerms(f"{n}.txt", "t", None, tuple(sorted(
        (f"w{w}", int(random.integers(1, 4))) for w in set(random.integers(0, 200, 30).tolist()))))
        for n in range(300)]
    matrix = _vectors(articles)[0]
    for window in (1, 3, 10):
        assert np.array_equal(grouped_by_key(*keyed_terms(matrix), window), candidate_pairs(
            matrix, find_pairs=lambda r, k, w, _: pairs_sharing(r, k, w, window)))


def test_three_stories_give_three_pages_and_a_digest(tmp_path):
    config = load_config(make_project(tmp_path, {**PORT, **FLOOD, **VOTE}))
    result = build(config)
    (output,) = result.outputs
    names = sorted(p.name for p in output.folder.iterdir())
    pages = sorted(n[:-3] for n in names if n.startswith("story-") and n.endswith(".md"))
    assert len(pages) == 3
    for page in pages:
        assert {f"{page}.{suffix}" for suffix in ("md", "html", "pdf", "json")} <= set(names)
    digest = (output.folder / "brief.md").read_text(encoding="utf-8")
    for page in pages:
        assert f"]({page}.html)" in digest  # each story links to its page
    assert digest.count("\n## ") == 4  # three stories and the sources
    assert output.rendered.pages == 1
    # every digest line is a cited sentence of its story's page
    for page in pages:
        text = (output.folder / f"{page}.md").read_text(encoding="utf-8")
        section = digest.split(f"]({page}.html)")[1].split("\n## ")[0]
        lines = [line for line in section.splitlines() if line.startswith("- ")]
        assert 2 <= len(lines) <= 3
        for line in lines:
            assert line[2:].split(" [[")[0] in text
    record = json.loads((tmp_path / "out" / DAY / "stories.json").read_text(encoding="utf-8"))
    assert len(record["stories"]) == 3


def test_one_story_builds_as_before(tmp_path):
    config = load_config(make_project(tmp_path, PORT))
    (output,) = build(config).outputs
    assert sorted(p.name for p in output.folder.iterdir()) == ["brief.html", "brief.json", "brief.md", "brief.pdf"]
    assert not (tmp_path / "out" / DAY / "stories.json").exists()


def test_topic_query_selects_the_audiences_stories(tmp_path):
    config = load_config(make_project(tmp_path, {**PORT, **FLOOD, **VOTE}, audiences={
        "desk": {"topics": ['flood* OR "snap election"']},
        "trade": {"topics": ["port AND (Arland OR Belmark) NOT flood"]},
    }))
    result = build(config)
    by_audience = {o.audience: o for o in result.outputs}
    digest = {name: (o.folder / "brief.md").read_text(encoding="utf-8") for name, o in by_audience.items()}
    assert "Dunmere" in digest["desk"] and "Tessaly" in digest["desk"] and "Corvo" not in digest["desk"]
    assert "Corvo" in digest["trade"] and "Dunmere" not in digest["trade"] and "Tessaly" not in digest["trade"]
    assert len(list(by_audience["desk"].folder.glob("story-*.md"))) == 2
    assert len(list(by_audience["trade"].folder.glob("story-*.md"))) == 1


def test_follow_up_on_day_two_joins_its_story_and_is_new(tmp_path):
    config = load_config(make_project(tmp_path, {**PORT, **FLOOD, **VOTE}))
    build(config)
    first = {s["id"]: set(s["articles"]) for s in
             json.loads((tmp_path / "out" / DAY / "stories.json").read_text(encoding="utf-8"))["stories"]}
    flood_id = next(i for i, paths in first.items() if paths == set(FLOOD))
    (config.sources / "flood_4.txt").write_text(FOLLOW_UP["flood_4.txt"], encoding="utf-8")
    day = read_day(config.sources, config.output)
    assert day.date == dt.date(2026, 3, 4)
    flood = next(s for s in day.stories if s.id == flood_id)
    shown = day.story_json(flood)
    assert set(shown["articles"]) == set(FLOOD) | set(FOLLOW_UP)
    assert shown["new"] == ["flood_4.txt"]
    assert shown["continued"] is True
    assert {s.id for s in day.stories} == set(first)  # the other stories keep their ids too
    result = build(config)
    (output,) = result.outputs
    page = (output.folder / f"story-{flood_id}.md").read_text(encoding="utf-8")
    assert "**New:**" in page  # lines from the follow-up are marked new on the story's page


def test_follow_up_alone_continues_yesterdays_story(tmp_path):
    """Only today's articles in the folder: the id comes from yesterday's record by content."""
    config = load_config(make_project(tmp_path, {**PORT, **FLOOD, **VOTE}))
    build(config)
    record = json.loads((tmp_path / "out" / DAY / "stories.json").read_text(encoding="utf-8"))
    flood_id = next(s["id"] for s in record["stories"] if set(s["articles"]) == set(FLOOD))
    for name in {**PORT, **FLOOD, **VOTE}:
        (config.sources / name).unlink()
    (config.sources / "flood_4.txt").write_text(FOLLOW_UP["flood_4.txt"], encoding="utf-8")
    (day_story,) = read_day(config.sources, config.output).stories
    assert day_story.id == flood_id and day_story.continued


@pytest.mark.parametrize("query, text, expected", [
    ('"river Dun" AND flood*', "The river Dun flooded", True),
    ('"river Dun" AND flood*', "The Dun river flooded", False),
    ("port NOT (flood OR rain)", "port deal in the rain", False),
    ("port OR harbour", "the harbour", True),
    ("Arland Belmark", "Arland met", False),
])
def test_queries(query, text, expected):
    assert matches(parse(query), text) is expected


@pytest.mark.parametrize("query", ['"unclosed', "(a OR b", "a AND", "OR a", ""])
def test_bad_queries_are_refused(query):
    with pytest.raises(QueryError):
        parse(query)


def test_bad_topic_is_reported_by_key(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(make_project(tmp_path, PORT, audiences={"desk": {"topics": ["flood AND"]}}))
    assert "'audiences.desk.topics[0]'" in str(caught.value)


def test_stories_command_prints_one_json_object_per_story(tmp_path, cli):
    sources = tmp_path / "sources"
    sources.mkdir()
    for name, text in {**PORT, **FLOOD, **VOTE}.items():
        (sources / name).write_text(text, encoding="utf-8")
    done = cli("stories", "--json", "--sources", str(sources), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    shown = [json.loads(line) for line in done.stdout.splitlines()]
    assert sorted(sorted(s["articles"]) for s in shown) == [sorted(FLOOD), sorted(PORT), sorted(VOTE)]
    assert all(set(s) >= {"id", "title", "articles", "dates"} and s["dates"] == [DAY] for s in shown)
    assert len({s["id"] for s in shown}) == 3
    plain = cli("stories", "--sources", str(sources), cwd=tmp_path)
    assert plain.returncode == 0 and len(plain.stdout.splitlines()) == 3


@pytest.mark.parametrize("settings, key", [
    ({"engine": "spark"}, "'engine'"),
    ({"engine": "dask"}, "'dask.scheduler'"),
    ({"dask": {"schedular": "tcp://x:8786"}}, "'dask.schedular'"),
    ({"audiences": {"desk": {"stories": 0}}}, "'audiences.desk.stories'"),
])
def test_engine_and_story_settings_are_checked(tmp_path, settings, key):
    with pytest.raises(ConfigError) as caught:
        load_config(make_project(tmp_path, PORT, **settings))
    assert key in str(caught.value)


def test_local_engine_is_the_default(tmp_path):
    config = load_config(make_project(tmp_path, PORT))
    assert config.engine == "local" and config.dask_scheduler is None


def test_send_mails_the_digest_as_one_message(tmp_path):
    from briefer.delivery.email import send

    config = load_config(make_project(
        tmp_path, {**PORT, **FLOOD, **VOTE},
        audiences={"desk": {"recipients": ["desk@example.org"]}},
        email={"from": "briefs@example.org", "smtp": {"host": "127.0.0.1", "port": 2525, "security": "none"}}))
    build(config)
    send(config, dry_run=True)
    (message,) = (tmp_path / "out" / DAY / "desk").glob("*.eml")
    text = message.read_text(encoding="utf-8")
    for place in ("Corvo", "Dunmere", "Tessaly"):
        assert place in text


def test_engine_dask_without_a_scheduler_is_a_configuration_error(tmp_path, cli):
    make_project(tmp_path, PORT)
    done = cli("build", "--engine", "dask", cwd=tmp_path)
    assert done.returncode == 2
    assert "'dask.scheduler'" in done.stderr and "Traceback" not in done.stderr
