"""Reading the sources folder safely (issue 13, item 3): what is read is what was checked.

A symlink or FIFO swapped in after the first look is never followed or waited on; a hard
link to a file outside the folder is refused; file names with control characters or bytes
that are not UTF-8 are shown escaped, never crash; an article dated in the future cannot
take over the brief; a damaged earlier brief.json is named and ignored; YAML whose aliases
expand past a limit is refused with one clear line.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from pathlib import Path

import pytest

from briefer.brief import daily
from briefer.brief.daily import previous_record, refuse_future
from briefer.sources.dating import build_day
from briefer.core.models import Article
from briefer.core.yaml_limits import YamlLimits, YamlTooLarge, load_bounded
from briefer.sources import ingest, safe
from briefer.sources.ingest import read_articles, read_limited
from briefer.sources.safe import UnsafeFile, shown_name
from support import PLAIN_ARTICLES, error_lines, make_project, run_cli

SECRET = "The vault combination is written on the back of the harbour master's calendar."
GOOD = PLAIN_ARTICLES["001_first.txt"]


@pytest.fixture
def folder(tmp_path) -> Path:
    """sources/ with one good article; outside/secret.txt beside it, readable by its owner only."""
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "001_good.txt").write_text(GOOD, encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text(f"Secret\n\n{SECRET}\n", encoding="utf-8")
    secret.chmod(0o600)
    return sources


def _texts(result) -> str:
    return "\n".join(article.source for article in result.articles)


def _swap_after_the_look(monkeypatch, swap):
    """The first look (unreadable_reason) sees a plain file; `swap` runs right after it."""
    real = ingest.unreadable_reason

    def look_then_swap(path, root):
        reason = real(path, root)
        if path.name == "002_swapped.txt":
            swap(path)
        return reason

    monkeypatch.setattr(ingest, "unreadable_reason", look_then_swap)


def test_a_symlink_swapped_in_after_the_check_is_not_followed(folder, monkeypatch):
    victim = folder / "002_swapped.txt"
    victim.write_text(PLAIN_ARTICLES["002_second.txt"], encoding="utf-8")
    secret = folder.parent / "outside" / "secret.txt"

    def swap(path):
        path.unlink()
        os.symlink(secret, path)

    _swap_after_the_look(monkeypatch, swap)
    result = read_articles(folder)
    assert SECRET not in _texts(result)
    assert [s.path for s in result.skipped] == ["002_swapped.txt"]
    assert "outside the sources folder" in result.skipped[0].reason


def test_a_symlink_swapped_in_between_resolving_and_opening_is_refused(folder, monkeypatch):
    """The narrowest window: the path was resolved to a plain file, then became a symlink."""
    victim = folder / "002_swapped.txt"
    victim.write_text(PLAIN_ARTICLES["002_second.txt"], encoding="utf-8")
    secret = folder.parent / "outside" / "secret.txt"
    real_realpath = os.path.realpath

    def resolve_then_swap(path, *args, **kwargs):
        resolved = real_realpath(path, *args, **kwargs)
        if Path(path).name == "002_swapped.txt" and not os.path.islink(path):
            Path(path).unlink()
            os.symlink(secret, path)
        return resolved

    monkeypatch.setattr(safe.os.path, "realpath", resolve_then_swap)
    with pytest.raises(UnsafeFile, match="symlink swapped in"):
        read_limited(victim, root=folder)


def test_a_file_replaced_after_opening_is_not_taken_for_the_checked_one(folder, monkeypatch):
    """The descriptor and the name must be the same file (device and inode)."""
    victim = folder / "002_swapped.txt"
    victim.write_text(PLAIN_ARTICLES["002_second.txt"], encoding="utf-8")
    real_open = os.open

    def open_then_replace(path, flags, *args, **kwargs):
        descriptor = real_open(path, flags, *args, **kwargs)
        if Path(os.fsdecode(path)).name == "002_swapped.txt":
            replacement = folder / "replacement.tmp"
            replacement.write_text("Other text.\n")
            os.replace(replacement, victim)
        return descriptor

    monkeypatch.setattr(safe.os, "open", open_then_replace)
    with pytest.raises(UnsafeFile, match="swapped"):
        read_limited(victim, root=folder)


def test_a_fifo_swapped_in_after_the_check_does_not_hang_the_run(folder, monkeypatch):
    victim = folder / "002_swapped.txt"
    victim.write_text(PLAIN_ARTICLES["002_second.txt"], encoding="utf-8")

    def swap(path):
        path.unlink()
        os.mkfifo(path)

    _swap_after_the_look(monkeypatch, swap)
    outcome: dict = {}
    # A blocking open of a FIFO with no writer never returns: run the read apart and give up
    # on it (the thread is a daemon) instead of hanging the test run.
    worker = threading.Thread(target=lambda: outcome.setdefault("result", read_articles(folder)), daemon=True)
    worker.start()
    worker.join(60)
    if worker.is_alive():  # unblock the stuck open so the thread can end
        with open(victim, "wb", opener=lambda p, f: os.open(p, os.O_WRONLY | os.O_NONBLOCK)):
            pass
    assert "result" in outcome, "reading a FIFO blocked"
    assert [(s.path, s.reason) for s in outcome["result"].skipped] == [("002_swapped.txt", "not a regular file")]


def test_a_hard_link_to_an_outside_file_is_refused(folder):
    os.link(folder.parent / "outside" / "secret.txt", folder / "002_hard.txt")
    result = read_articles(folder)
    assert SECRET not in _texts(result)
    (skipped,) = result.skipped
    assert skipped.path == "002_hard.txt" and "2 hard links" in skipped.reason


def test_a_symlink_inside_the_folder_is_still_read(folder):
    os.symlink("001_good.txt", folder / "002_alias.txt")
    result = read_articles(folder)
    assert [a.path for a in result.articles] == ["001_good.txt", "002_alias.txt"]


@pytest.mark.parametrize("name, shown", [
    ("plain name.txt", "plain name.txt"),
    ("red\x1b[31mtext.txt", "red\\x1b[31mtext.txt"),
    ("two\nlines.txt", "two\\nlines.txt"),
    ("bell\x07\r.txt", "bell\\x07\\r.txt"),
    ("txt.\u202eevil.txt", "txt.\\u202eevil.txt"),
    ("zero\u200bwidth.txt", "zero\\u200bwidth.txt"),
    ("caf\udce9.txt", "caf\\xe9.txt"),  # the byte 0xE9, not UTF-8, as Python lists it
    ("Café talks.txt", "Café talks.txt"),
])
def test_names_are_shown_with_control_characters_escaped(name, shown):
    assert shown_name(name) == shown


def test_control_characters_and_bad_bytes_in_names_never_reach_terminal_or_brief(tmp_path):
    config = make_project(tmp_path, {"001_first.txt": GOOD})
    sources = tmp_path / "sources"
    hostile = os.fsencode(sources) + b"/002_caf\xe9\x1b[2J\nsecond.txt"
    with open(hostile, "wb") as stream:
        stream.write(PLAIN_ARTICLES["002_second.txt"].encode())
    with open(os.fsencode(sources) + b"/003_\xff\xfe.txt", "wb") as stream:
        stream.write(b"")
    result = run_cli("build", "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
    assert "briefer: warning: skipped 003_\\xff\\xfe.txt: empty" in error_lines(result)
    folder = next((tmp_path / "out").glob("*/default"))
    for name in ("brief.md", "brief.html", "brief.json"):
        text = (folder / name).read_text(encoding="utf-8")
        assert "\x1b" not in text and "\nsecond.txt" not in text  # no raw ESC, no line broken in the name
        assert "caf\\xe9" in text.replace("\\\\", "\\"), name
    record = json.loads((folder / "brief.json").read_text(encoding="utf-8"))
    assert "002_caf\\xe9\\x1b[2J\\nsecond.txt" in [source["path"] for source in record["sources"]]


# --- Dates after the build day ----------------------------------------------------------

def _dated(path: str, date: dt.date | None) -> Article:
    return Article(number=1, path=path, title=path, outlet=None, date=date, url=None, lines=())


def test_articles_dated_after_the_build_day_are_refused_with_a_warning():
    day = dt.date(2026, 3, 1)
    articles = (_dated("a.txt", day), _dated("far.txt", dt.date(9999, 12, 31)), _dated("b.txt", None),
                _dated("tomorrow.txt", day + dt.timedelta(days=1)))
    kept, warnings = refuse_future(articles, day)
    assert [a.path for a in kept] == ["a.txt", "b.txt"]
    assert warnings == ("skipped far.txt: dated 9999-12-31, after the build day (2026-03-01)",
                        "skipped tomorrow.txt: dated 2026-03-02, after the build day (2026-03-01)")


def test_the_build_day_is_the_same_in_every_time_zone():
    now = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.timezone.utc)
    # The first place on Earth to reach a date is at UTC+14: 09:30 UTC is already 23:30 there.
    assert build_day(now) == dt.date(2026, 3, 1)
    assert build_day(now + dt.timedelta(hours=1)) == dt.date(2026, 3, 2)
    assert build_day(now.astimezone(dt.timezone(dt.timedelta(hours=-10)))) == dt.date(2026, 3, 1)


def test_an_article_dated_9999_12_31_does_not_take_over_the_brief(tmp_path):
    future = "---\ntitle: From the future\ndate: 9999-12-31\n---\n" \
             "The harbour ministers cancelled every port deal for the next thousand years.\n"
    config = make_project(tmp_path, {
        "001_first.txt": "---\ndate: 2025-06-02\n---\n" + GOOD,
        "002_second.txt": "---\ndate: 2025-06-03\n---\n" + PLAIN_ARTICLES["002_second.txt"],
        "003_future.txt": future,
    })
    result = run_cli("build", "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert any("skipped 003_future.txt: dated 9999-12-31, after the build day" in line
               for line in error_lines(result))
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["2025-06-03"]
    markdown = (tmp_path / "out" / "2025-06-03" / "default" / "brief.md").read_text()
    assert "thousand years" not in markdown and "9999" not in markdown


def test_when_every_article_is_dated_after_the_build_day_the_error_names_one(tmp_path):
    """No "within the 7 days ending None": the one-line error says why nothing is left, naming a file."""
    config = make_project(tmp_path, {
        "001_later.txt": "---\ndate: 9999-12-30\n---\n" + GOOD,
        "002_later.txt": "---\ndate: 9999-12-31\n---\n" + PLAIN_ARTICLES["002_second.txt"],
    })
    for command in ("build", "stories"):
        result = run_cli(command, "--config", str(config))
        assert result.returncode == 2, (command, result.stderr)
        (line,) = [line for line in error_lines(result) if "error" in line]
        assert "001_later.txt: dated 9999-12-30, after the build day" in line and "None" not in line, line
        assert "(and 1 more)" in line


# --- Damaged earlier records -----------------------------------------------------------

DAMAGED = {
    "2025-06-01": b"{not json",
    "2025-06-02": b"[" * 200_000 + b"]" * 200_000,  # nested past the recursion limit
    "2025-06-03": json.dumps({"version": 1, "sections": [{"items": 5}]}).encode(),
    "2025-06-04": json.dumps({"version": 1, "sections": [{"items": [{"text": ["a list"]}]}]}).encode(),
    "2025-06-05": b"\xff\xfe broken",
}


def _good_record(text: str) -> bytes:
    return json.dumps({"version": 1, "sections": [{"key": "key_facts", "items": [{"text": text}]}]}).encode()


def test_a_damaged_earlier_record_is_named_and_ignored_the_older_good_one_serves(tmp_path):
    output = tmp_path / "out"
    (output / "2025-05-30" / "desk").mkdir(parents=True)
    (output / "2025-05-30" / "desk" / "brief.json").write_bytes(_good_record("An older item."))
    for date, data in DAMAGED.items():
        (output / date / "desk").mkdir(parents=True)
        (output / date / "desk" / "brief.json").write_bytes(data)
    warnings: list[str] = []
    record = previous_record(output, "desk", dt.date(2025, 6, 10), warnings.append)
    assert record is not None and record["sections"][0]["items"][0]["text"] == "An older item."
    assert len(warnings) == len(DAMAGED)
    for date, line in zip(sorted(DAMAGED, reverse=True), warnings):
        assert line.startswith(f"ignored the earlier record {output / date / 'desk' / 'brief.json'}: "), line
        assert "\n" not in line


def test_a_build_after_a_damaged_record_warns_and_succeeds(tmp_path):
    config = make_project(tmp_path, {"001_first.txt": "---\ndate: 2025-06-03\n---\n" + GOOD})
    earlier = tmp_path / "out" / "2025-06-02" / "default"
    earlier.mkdir(parents=True)
    (earlier / "brief.json").write_bytes(DAMAGED["2025-06-02"])
    result = run_cli("build", "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert any(line.startswith("briefer: warning: ignored the earlier record") and "brief.json" in line
               for line in error_lines(result))


def test_a_record_of_the_wrong_shape_is_not_trusted(tmp_path):
    with pytest.raises(ValueError, match="not a brief record"):
        path = tmp_path / "brief.json"
        path.write_text(json.dumps({"version": 1, "sections": "all of them"}))
        daily.load_record(path)


# --- YAML alias bombs --------------------------------------------------------------------

def alias_bomb(levels: int = 9, width: int = 10) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_aliases_expanding_past_the_limit_are_refused_before_anything_is_built():
    with pytest.raises(YamlTooLarge, match="aliases expand to more than 100,000 values"):
        load_bounded(alias_bomb())
    with pytest.raises(YamlTooLarge, match="contains it"):
        load_bounded("a: &a [1, *a]\n")
    # Aliases used as YAML intends stay fine, and the limit is a setting.
    assert load_bounded("base: &b {x: 1}\none: *b\ntwo: *b\n") == {"base": {"x": 1}, "one": {"x": 1}, "two": {"x": 1}}
    with pytest.raises(YamlTooLarge):
        load_bounded("base: &b [1, 2, 3]\none: *b\ntwo: *b\n", limits=YamlLimits(max_expanded_values=8))


def test_an_alias_bomb_in_config_yaml_is_one_clear_error(tmp_path):
    config = make_project(tmp_path)
    config.write_text(alias_bomb() + "title: *a8\n", encoding="utf-8")
    result = run_cli("build", "--config", str(config))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert error_lines(result) == [f"briefer: error: invalid configuration in {config}:",
                                   "  - invalid YAML: aliases expand to more than 100,000 values (refused: an alias bomb?)"]


def test_an_alias_bomb_in_front_matter_skips_that_file_only(folder):
    front = "---\n" + alias_bomb() + "title: *a8\n---\n"
    (folder / "002_bomb.md").write_text(front + PLAIN_ARTICLES["002_second.txt"], encoding="utf-8")
    result = read_articles(folder)
    assert [a.path for a in result.articles] == ["001_good.txt"]
    (skipped,) = result.skipped
    assert skipped.path == "002_bomb.md"
    assert skipped.reason == "front matter refused: aliases expand to more than 100,000 values (refused: an alias bomb?)"
