"""User templates run in Jinja2's sandbox; every template failure is one line naming the
file and line, exit status 2, and no traceback."""

from __future__ import annotations

import re

import pytest

from briefer.cli import main
from support import error_lines, make_project, run_cli

SANDBOX = "refused by the sandbox: "
# (template, injected line, what the error says after "file, line N: ")
CASES = {
    "mro": ("brief.md.j2", "{{ ''.__class__.__mro__ }}",
            SANDBOX + "access to attribute '__class__' of 'str' object is unsafe."),
    "globals via a method": ("brief.md.j2", "{{ brief.__init__.__globals__ }}",
                             SANDBOX + "access to attribute '__init__' of 'Brief' object is unsafe."),
    "os via cycler": ("brief.md.j2", "{{ cycler.__init__.__globals__.os.system('id') }}",
                      SANDBOX + "access to attribute '__init__' of 'type' object is unsafe."),
    "subclasses": ("brief.html.j2", "{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
                   SANDBOX + "access to attribute '__class__' of 'tuple' object is unsafe."),
    "format string": ("brief.md.j2", "{{ '{0.__class__}'.format(brief) }}",
                      SANDBOX + "access to attribute '__class__' of 'Brief' object is unsafe."),
    "huge repetition": ("brief.md.j2", "{{ 'x' * 1000000000 }}",
                        SANDBOX + "repetition longer than the limit of 100,000 items"),
    "huge power": ("style.css.j2", "/* {{ 9 ** 99999999 }} */", SANDBOX + "exponent 99999999 is over the limit of 1000"),
    "huge range": ("brief.md.j2", "{% for i in range(10 ** 9) %}{% endfor %}",
                   "OverflowError: Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000)."),
    "undefined variable": ("brief.md.j2", "{{ no_such_variable }}", "undefined value: 'no_such_variable' is undefined"),
    "undefined attribute": ("brief.html.j2", "{{ brief.no_such_field }}",
                            "undefined value: 'briefer.core.models.Brief object' has no attribute 'no_such_field'"),
    "runtime error": ("brief.md.j2", "{{ 1 / 0 }}", "ZeroDivisionError: division by zero"),
    "syntax error": ("brief.md.j2", "{% for x in %}", "Expected an expression, got 'end of statement block'"),
    "stray end tag": ("brief.html.j2", "{% endfor %}", "Encountered unknown tag 'endfor'."),
    "unknown filter": ("style.css.j2", "{{ page_size|no_such_filter }}", "No filter named 'no_such_filter'."),
}


def inject(config, template: str, line: str) -> tuple[str, int]:
    """Append `line` to one of the project's default templates; its path and line number."""
    path = config.parent / "templates" / "default" / template
    text = path.read_text().rstrip("\n") + "\n" + line + "\n"
    path.write_text(text)
    return str(path), len(text.splitlines())


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_template_is_one_clear_line_and_exit_2(tmp_path, capsys, case):
    template, line, message = CASES[case]
    config = make_project(tmp_path)
    path, number = inject(config, template, line)
    status = main(["build", "--config", str(config)])
    stderr = capsys.readouterr().err
    assert status == 2
    assert stderr.splitlines() == [f"briefer: error: template error in {path}, line {number}: {message}"]
    assert not (tmp_path / "out").exists()


def test_a_template_escape_through_the_real_cli_is_one_line_without_traceback(tmp_path):
    config = make_project(tmp_path)
    path, number = inject(config, "brief.md.j2", "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    result = run_cli("build", "--config", str(config))
    assert result.returncode == 2
    assert error_lines(result) == [
        f"briefer: error: template error in {path}, line {number}: "
        + SANDBOX + "access to attribute '__class__' of 'str' object is unsafe."
    ]


def test_a_syntax_error_through_the_real_cli_names_file_and_line(tmp_path):
    config = make_project(tmp_path)
    path = config.parent / "templates" / "default" / "brief.md.j2"
    lines = path.read_text().splitlines()
    lines.insert(4, "{% if brief.title %}never closed")
    path.write_text("\n".join(lines) + "\n")
    result = run_cli("build", "--config", str(config))
    assert result.returncode == 2
    [line] = error_lines(result)
    assert re.fullmatch(rf"briefer: error: template error in {re.escape(str(path))}, line \d+: .*'if'\.", line)


def test_a_missing_template_names_where_it_looked(tmp_path, capsys):
    config = make_project(tmp_path)
    inject(config, "brief.md.j2", '{% include "missing.md.j2" %}')
    assert main(["build", "--config", str(config)]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("briefer: error: template not found: missing.md.j2 (looked in ")
    assert str(config.parent / "templates" / "default") in line


def test_the_sandbox_still_renders_an_ordinary_override(tmp_path, capsys):
    # Control: a harmless template change builds, so the failures above come from the sandbox.
    config = make_project(tmp_path)
    inject(config, "brief.md.j2", "{{ brief.sections|length }} sections, {{ 'ab' * 3 }}, {{ 2 ** 10 }}")
    assert main(["build", "--config", str(config)]) == 0
    markdown = next((tmp_path / "out").glob("*/default/brief.md")).read_text()
    # (a section the sources give no line for is left out of the brief, so the count varies)
    assert re.search(r"\d sections, ababab, 1024$", markdown.rstrip())
