"""Bad input files: each unusable one is skipped with a warning naming it and why; the build
goes on with the rest; with nothing usable it stops with exit 2 and one clear line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefer.commands import build as build_module
from briefer.commands.build import load_corpus
from briefer.core.errors import InputError
from briefer.sources.ingest import decode, read_articles, read_limited
from briefer.core.limits import MAX_ARTICLE_BYTES, MAX_PARAGRAPH_CHARS, MAX_SENTENCE_CHARS, split_long
from support import PLAIN_ARTICLES, error_lines, make_project, run_cli, write_articles

GOOD = PLAIN_ARTICLES["001_first.txt"]
PROSE = "The delegates reviewed the shipping schedule for the northern ports in detail. "

# file name -> (how to make it, the warning expected on stderr)
UNUSABLE = {
    "empty.txt": (lambda p: p.write_bytes(b""), "skipped empty.txt: empty"),
    "blank.txt": (lambda p: p.write_text(" \n\t\n   \n"), "skipped blank.txt: only whitespace"),
    "binary.txt": (lambda p: p.write_bytes(bytes(range(256)) * 16), "skipped binary.txt: binary data (NUL bytes), not text"),
    "controls.txt": (lambda p: p.write_bytes(b"\x01\x02\x03\x04\x05\x06\x07\x08" * 40),
                     "skipped controls.txt: binary data (control characters), not text"),
    "broken_utf8.md": (lambda p: p.write_bytes("Caf\u00e9 talks went on. ".encode() + b"\xc3\x28 and more."),
                       "skipped broken_utf8.md: invalid UTF-8 (bad byte at offset 21); save it as UTF-8"),
    "huge.txt": (lambda p: _sparse(p, 50 * 1024 * 1024),
                 f"skipped huge.txt: too large ({50 * 1024 * 1024:,} bytes; the limit is {MAX_ARTICLE_BYTES:,})"),
    "outside_link.txt": (lambda p: os.symlink(p.parent.parent / "outside" / "secret.txt", p),
                         "skipped outside_link.txt: a symlink to a file outside the sources folder (not followed)"),
    "dangling.txt": (lambda p: os.symlink(p.parent / "missing.txt", p), "skipped dangling.txt: a broken symlink"),
    "a_folder.txt": (lambda p: p.mkdir(), "skipped a_folder.txt: a folder, not a file"),
    "pipe.txt": (lambda p: os.mkfifo(p), "skipped pipe.txt: not a regular file"),
}
SECRET = "The vault combination is written on the back of the harbour master's calendar."


def _sparse(path: Path, size: int) -> None:
    with open(path, "wb") as stream:
        stream.truncate(size)


@pytest.fixture(scope="module")
def mixed_build(tmp_path_factory):
    """One CLI build over a folder of every kind of unusable file plus usable ones."""
    root = tmp_path_factory.mktemp("mixed")
    config = make_project(root, {
        "001_good.txt": GOOD,
        "utf16.txt": "\ufeffPort deal signed\n\nArland and Belmark signed the port deal in Corvo on Friday evening.\n"
                     .encode("utf-16-le"),
        "latin.txt": "Caf\xe9 port talks\n\nThe ministers\u2019 talks in Corvo were called \u201cuseful\u201d by aides today.\n"
                     .encode("cp1252"),
        "one_line.txt": PROSE * (1024 * 1024 // len(PROSE)),
    })
    (root / "outside").mkdir()
    (root / "outside" / "secret.txt").write_text(f"Secret\n\n{SECRET}\n")
    sources = root / "sources"
    os.symlink("001_good.txt", sources / "inside_link.txt")
    for name, (make, _) in UNUSABLE.items():
        make(sources / name)
    result = run_cli("build", "--config", str(config))
    return root, result


@pytest.mark.parametrize("name", sorted(UNUSABLE))
def test_each_unusable_file_is_skipped_with_a_warning_naming_it(mixed_build, name):
    _, result = mixed_build
    assert f"briefer: warning: {UNUSABLE[name][1]}" in error_lines(result)


def test_the_build_goes_on_with_the_usable_files(mixed_build):
    root, result = mixed_build
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    markdown = next((root / "out").glob("*/default/brief.md")).read_text()
    sources = markdown.split("## Sources", 1)[1]
    for name in ("001\\_good.txt", "utf16.txt", "latin.txt", "one\\_line.txt"):
        assert name in sources
    assert "Arland and Belmark signed the port deal in Corvo on Friday evening." in markdown  # UTF-16 decoded
    assert "ministers’ talks in Corvo were called “useful”" in markdown  # Windows-1252 decoded
    assert "briefer: warning: latin.txt: not UTF-8: read as Windows-1252" in error_lines(result)


def test_a_symlink_outside_the_sources_is_not_followed(mixed_build):
    root, _ = mixed_build
    for path in (root / "out").glob("*/default/brief.*"):
        assert b"vault combination" not in path.read_bytes()


def test_a_one_megabyte_line_is_cut_at_sentence_ends(mixed_build):
    root, result = mixed_build
    assert not any("one_line.txt" in line and "without a sentence end" in line for line in error_lines(result))
    markdown = next((root / "out").glob("*/default/brief.md")).read_text()
    assert PROSE.strip() in markdown


def test_with_nothing_usable_the_build_stops_with_exit_2_and_one_line(tmp_path):
    config = make_project(tmp_path, {"empty.txt": b"", "blank.md": b"  \n", "binary.txt": b"\x00\x01" * 50})
    result = run_cli("build", "--config", str(config))
    assert result.returncode == 2
    assert error_lines(result) == [
        f"briefer: error: no usable articles in {tmp_path / 'sources'} "
        "(binary.txt: binary data (NUL bytes), not text; blank.md: only whitespace; empty.txt: empty)"
    ]
    assert not (tmp_path / "out").exists()


def test_a_folder_of_text_without_sentences_stops_with_exit_2(tmp_path):
    config = make_project(tmp_path, {"words.txt": "word " * 300_000})
    result = run_cli("build", "--config", str(config))
    assert result.returncode == 2
    assert len(error_lines(result)) == 1
    assert error_lines(result)[0].startswith(f"briefer: error: no usable sentences in {tmp_path / 'sources'}: ")
    assert "words.txt: no prose sentences found" in result.stderr


def test_a_large_file_is_never_read_past_the_limit(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    _sparse(big, 50 * 1024 * 1024)
    returned: list[int] = []
    real_read = os.read

    def spying_read(descriptor, size):
        data = real_read(descriptor, size)
        returned.append(len(data))
        return data

    monkeypatch.setattr(os, "read", spying_read)
    assert read_limited(big) is None
    assert sum(returned) == MAX_ARTICLE_BYTES + 1


def test_no_segmenter_call_sees_more_than_the_paragraph_cap(tmp_path, monkeypatch):
    # One 1 MB line, and 1.5 MB of hard-wrapped lines that clean joins into one paragraph.
    wrapped = "\n".join(["the northern ports reviewed their shipping schedules in detail"] * 24_000) + ".\n"
    write_articles(tmp_path, {"line.txt": PROSE * 13_000, "wrapped.txt": wrapped})
    seen: list[int] = []
    real_segment = build_module.segment

    def spy(article):
        seen.extend(len(p) for p in article.paragraphs)
        return real_segment(article)

    monkeypatch.setattr(build_module, "segment", spy)
    corpus, _ = load_corpus(tmp_path)
    assert seen and max(seen) <= MAX_PARAGRAPH_CHARS
    assert all(len(member.text) <= MAX_SENTENCE_CHARS for item in corpus.items for member in item.members)


def test_overlong_sentences_never_reach_dedupe(tmp_path, monkeypatch):
    # A segmenter that returns whole paragraphs: the sentence cap still protects what follows.
    long_sentence = "and the talks went on " * 200 + "until dawn."
    write_articles(tmp_path, {"a.txt": f"{GOOD}\n{long_sentence}\n"})
    corpus, warnings = load_corpus(tmp_path)
    assert all(len(item.text) <= MAX_SENTENCE_CHARS for item in corpus.items)
    assert any(w.startswith("a.txt: left out 1 of ") for w in warnings)


def test_split_long_keeps_whole_sentences_within_the_limit():
    sentence = "Short sentence here. "
    text = sentence * 1000 + "x" * 300 + " tail without end"
    pieces = split_long(text, 100)
    assert all(len(p) <= 100 for p in pieces)
    assert all(p.endswith(".") for p in pieces)
    assert "".join(pieces).count("Short sentence here.") == 1000  # nothing but the endless tail is lost
    assert split_long("short text", 100) == ["short text"]
    assert split_long("y" * 500, 100) == []


@pytest.mark.parametrize("data, text, note", [
    ("plain text".encode(), "plain text", ""),
    ("\ufeffwith bom".encode(), "with bom", ""),
    ("utf16 \u2019".encode("utf-16"), "utf16 \u2019", ""),
    ("utf32 \u2019".encode("utf-32"), "utf32 \u2019", ""),
    (b"cp1252 \x93quoted\x94", "cp1252 \u201cquoted\u201d", "not UTF-8: read as Windows-1252"),
    (b"escape \x1b[31mred\x1b[0m text", "escape  [31mred [0m text", ""),  # terminal codes become spaces
    ("caf\u00e9 ".encode() + b"\xe9", None, "invalid UTF-8 (bad byte at offset 6); save it as UTF-8"),
    (b"\xff\xfe\x00", None, "invalid UTF-16 (bad data at byte 2)"),
    (b"bad \x81 byte", None, "neither UTF-8 nor Windows-1252 text (bad byte at offset 4)"),
])
def test_decode(data, text, note):
    decoded = decode(data)
    assert (decoded.text, decoded.note) == (text, note)


def test_front_matter_metadata_is_cut_to_a_sane_length(tmp_path):
    write_articles(tmp_path, {"a.md": f"---\ntitle: {'Long ' * 500}\noutlet: {'O' * 5000}\n---\n{GOOD}"})
    article = read_articles(tmp_path).articles[0]
    assert len(article.title) <= 202 and article.title.endswith(" …")
    assert len(article.outlet) <= 202


def test_missing_sources_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="sources folder not found"):
        read_articles(tmp_path / "nope")


def test_text_without_sentence_ends_over_the_limit_is_left_out_with_a_warning(tmp_path):
    run_on = "no stop here " * (MAX_PARAGRAPH_CHARS // 10)
    config = make_project(tmp_path, {**PLAIN_ARTICLES, "run_on.txt": f"Run-on page\n\n{PROSE.strip()} {run_on}\n"})
    result = run_cli("build", "--config", str(config))
    assert result.returncode == 0
    assert (f"briefer: warning: run_on.txt: text running over {MAX_PARAGRAPH_CHARS:,} characters without a "
            "sentence end was left out") in error_lines(result)
    markdown = next((tmp_path / "out").glob("*/default/brief.md")).read_text()
    assert "no stop here" not in markdown


def test_a_long_line_is_never_cut_after_an_initial_or_a_title():
    # each sentence is longer than half the limit, so a cut can only fall at a sentence's end or
    # after a title or an initial inside it: every piece must still end a whole sentence
    sentence = ("The inquiry named the former president P.W. Botha, the army chief Gen. Magnus Malan and the "
                "police minister Mr. Adriaan Vlok as responsible for the bombings in the north. ")
    pieces = split_long(sentence * 40, 300)
    assert len(pieces) == 40 and all(piece.endswith("in the north.") for piece in pieces)
