from pypdf import PdfReader


def test_build_prints_paths_and_writes_a_one_page_pdf(cli, tmp_path):
    result = cli("build", "--out", str(tmp_path), "--date", "2025-11-02", "--audience", "press")
    assert result.returncode == 0, result.stderr
    paths = result.stdout.split()
    assert [p.rsplit("/", 1)[1] for p in paths] == ["brief.md", "brief.html", "brief.pdf", "brief.json"]
    assert all(f"{tmp_path}/2025-11-02/press/" in p for p in paths)
    assert len(PdfReader(paths[2]).pages) == 1
    assert "2 November 2025" in open(paths[0]).read()


def test_help_and_version(cli):
    assert "build" in cli("--help").stdout
    assert cli("--version").stdout.startswith("briefer ")


def test_missing_sources_is_exit_2_with_one_line(cli, tmp_path):
    result = cli("build", "--sources", str(tmp_path / "none"), "--out", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "briefer: error: invalid configuration in config.yaml:",
        f"  - 'sources': no such folder: {tmp_path / 'none'}",
    ]


def test_empty_sources_is_exit_2(cli, tmp_path):
    (tmp_path / "src").mkdir()
    result = cli("build", "--sources", str(tmp_path / "src"), "--out", str(tmp_path))
    assert result.returncode == 2 and "no usable articles" in result.stderr and "Traceback" not in result.stderr


def test_bad_date_is_a_usage_error(cli):
    result = cli("build", "--date", "yesterday")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr
