"""Nothing from the data reaches the terminal as a command: control characters are refused in
every loaded string (after YAML decodes escapes), messages quoting input write them out, and
data text is never parsed as Rich markup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL
from tests.test_load import GOOD_TREATY, doc, problems
from treatytrack.cli import app
from treatytrack.core.controls import escape
from treatytrack.store import chunked
from treatytrack.store.load import LoadError, Problem, load_dataset

runner = CliRunner()
SMALL_TEXT = SMALL.read_text(encoding="utf-8")

# As written in a YAML file (double-quoted escapes), and the character each decodes to.
ESCAPES = {
    r"\e[2J": "U+001B",  # clear the screen
    r"\e]52;c;aGVsbG8=\a": "U+001B",  # OSC 52: write the clipboard
    r"\x9b31m": "U+009B",  # C1 CSI
    r"\x7f": "U+007F",
    r"\0": "U+0000",
    r"\r=HYPERLINK(1)": "U+000D",
    r"\N": "U+0085",  # next line (C1)
    r"\u202Eevil": "U+202E",  # right-to-left override
    r"\u2066x": "U+2066",
    r"\b": "U+0008",
}


@pytest.mark.parametrize("escape_text", list(ESCAPES))
@pytest.mark.parametrize(
    ("field", "line", "column"),
    [("short_name", 6, 17), ("name", 5, 11), ("source", 11, 40)],
)
def test_a_control_character_from_a_yaml_escape_is_refused_where_it_is(
    escape_text: str, field: str, line: int, column: int
) -> None:
    if field == "source":
        treaty = GOOD_TREATY.replace("source: s}", f'source: "s{escape_text}"}}')
    else:
        old = {"short_name": "short_name: TT", "name": "name: Test Treaty"}[field]
        treaty = GOOD_TREATY.replace(old, f'{old.split(":")[0]}: "x{escape_text}"')
    found = problems(doc(treaty))
    assert found == [
        f"f.yaml:{line}:{column}: control character {ESCAPES[escape_text]} (an escape such as \\e or \\x1b) "
        "is not allowed in text; delete it"
    ]


def test_in_keys_too() -> None:
    found = problems(doc(GOOD_TREATY.replace("    name: Test Treaty", '    "name\\e[2J": Test Treaty')))
    assert found == [
        "f.yaml:5:5: control character U+001B (an escape such as \\e or \\x1b) is not allowed in text; delete it"
    ]


def test_raw_bidirectional_overrides_are_refused_in_the_file() -> None:
    found = problems(doc(GOOD_TREATY.replace("short_name: TT", "short_name: T\u202eT")))
    assert found == ["f.yaml:6:18: control character U+202E is not allowed; delete it"]


def test_tabs_and_newlines_from_escapes_are_text() -> None:
    from treatytrack.store.load import parse_dataset

    treaty = GOOD_TREATY + '    notes: "line one\\nline two\\tindented"\n'
    dataset = parse_dataset(doc(treaty), "f.yaml")
    assert dataset.treaties[0].notes == "line one\nline two\tindented"


def test_the_chunked_reader_refuses_them_as_the_whole_file_reader_does(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(SMALL_TEXT.replace("short_name: New START", 'short_name: "New \\e[2JSTART"'), encoding="utf-8")
    assert chunked.load_in_chunks(path) is None
    with pytest.raises(LoadError) as raised:
        load_dataset(path, use_cache=False)
    line = SMALL_TEXT[: SMALL_TEXT.index("short_name: New START")].count("\n") + 1
    assert [(p.line, p.column) for p in raised.value.problems] == [(line, 17)]


# Messages that quote the input write its control characters out ---------------------------


def test_problem_lines_escape_what_they_quote() -> None:
    problem = Problem("a\x1b[2J.yaml", 3, 4, "unknown key `x\x1b]52;c;aGk=\x07`; did you mean `y`?\nnext")
    assert str(problem) == "a\\x1b[2J.yaml:3:4: unknown key `x\\x1b]52;c;aGk=\\x07`; did you mean `y`?\\nnext"
    assert escape("\u202eabc\u2028") == "\\u202eabc\\u2028"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            (
                "    name: Test Treaty\n",
                '    name: Test Treaty\n    "entry_into\\tforce": {date: 2001-01-01, source: s}\n',
            ),
            "f.yaml:6:5: treaties[0]: unknown key `entry_into\\tforce`; did you mean `entry_into_force`?",
        ),
        (
            ("    name: Test Treaty\n", '    name: Test Treaty\n    "a\\tb": 1\n    "a\\tb": 2\n'),
            "f.yaml:7:5: duplicate key `a\\tb` (first on line 6); keep one of them",
        ),
        (
            ("  - id: t\n", '  - id: "t\\nx"\n'),
            "f.yaml:4:9: treaties[0].id: `t\\nx` is not an id: use lower-case words joined by hyphens, e.g. new-start",
        ),
    ],
)
def test_messages_quoting_input_stay_on_one_line(change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in GOOD_TREATY
    found = problems(doc(GOOD_TREATY.replace(old, new)))
    assert found == [expected]


def test_validate_output_is_escaped_in_every_format(tmp_path: Path) -> None:
    bad = tmp_path / "bad\x1b[2J.yaml"
    bad.write_text("version: 1\nversion: 1\n")
    for fmt in ("table", "json"):
        result = runner.invoke(app, ["validate", "-f", fmt, str(bad)])
        assert result.exit_code == 1
        assert "\x1b" not in result.stdout + result.stderr
        if fmt == "json":
            (record,) = json.loads(result.stdout)
            assert record["file"].endswith("bad\\x1b[2J.yaml")
        else:
            assert "bad\\x1b[2J.yaml:2:1: duplicate key `version`" in result.stdout


# Data is never Rich markup ---------------------------------------------------------------

MARKUP = "[/] [bold]b[/bold] [link=https://evil.example]click[/link] :smile:"


@pytest.fixture
def marked(tmp_path: Path) -> Path:
    text = (
        SMALL_TEXT.replace("item: deployed strategic warheads", f'item: "warheads {MARKUP}"')
        .replace("unit: warheads", f'unit: "w {MARKUP}"')
        .replace('source: "New START, Article II"', f'source: "Article II {MARKUP}"')
        .replace("short_name: New START", f'short_name: "New START {MARKUP}"')
        .replace("name: European Union", f'name: "European Union {MARKUP}"')
        .replace("note: Extended for five years by exchange of diplomatic notes.", f'note: "Extended {MARKUP}"')
    )
    path = tmp_path / "marked.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["show", "new-start"],
        ["limits"],
        ["limits", "new-start", "--as-of", "2015-01-01"],
        ["list"],
        ["list", "--why"],
        ["timeline"],
        ["timeline", "--chart"],
        ["expiring", "--as-of", "2025-06-01"],
        ["diff", "--since", "20y"],
        ["party", "RUS"],
        ["party", "EU"],
        ["export", "svg"],
        ["export", "html"],
    ],
)
def test_markup_in_data_is_printed_as_written(command: list[str], marked: Path) -> None:
    args = [*command, "--data", str(marked)]
    if "--as-of" not in args:
        args += ["--as-of", "2024-01-01"]
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.stdout + result.stderr
    text = "".join(result.stdout.split())  # tables fold long cells
    assert "[/]" in text or command[0] in ("party", "expiring", "diff") or "limits" in command[0]
    # Printed as written: the markup is there to read (a table may break it after the `//`).
    assert "evil.example" not in result.stdout or "[link=https://" in text
    assert "\x1b]8;" not in result.stdout  # no hidden hyperlink


def test_show_prints_markup_literally(marked: Path) -> None:
    result = runner.invoke(app, ["show", "new-start", "--as-of", "2024-01-01", "--data", str(marked)])
    assert result.exit_code == 0
    assert "".join(MARKUP.split()) in "".join(result.stdout.split())
