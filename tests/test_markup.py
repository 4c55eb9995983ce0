"""Text from the data is never read as Rich markup: `[/]` does not crash a view, `[link=...]`
makes no hidden hyperlink, `[bold]` stays as written, in every text field through every table."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from tests.conftest import SMALL
from treatytrack.cli import app

runner = CliRunner()
MARKUP = " [/] [link=https://evil.example]x[/link] [bold]b"
TEXT_FIELDS = {"name", "short_name", "aliases", "note", "notes", "source", "item", "unit", "title", "url", "depositary"}
ANSI = re.compile(r"\x1b\[[0-9;]*m")
LINK = re.compile(r"\x1b\]8;[^;]*;([^\x1b]*)\x1b\\")


def marked(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: marked(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [marked(v, key) for v in value]
    if isinstance(value, str) and key in TEXT_FIELDS:
        return value + MARKUP
    return value


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small dataset with markup at the end of every text it holds."""
    raw = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    raw["treaties"][1].update(
        depositary="Nobody",
        notes="Some notes, see https://example.org/notes.",
        sources=[{"title": "A reference", "url": "https://example.org/ref"}],
    )
    path = tmp_path_factory.mktemp("markup") / "markup.yaml"
    path.write_text(yaml.safe_dump(marked(raw), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


VIEWS = {
    "list": ["list", "--as-of", "2026-11-28"],
    "list --why": ["list", "--as-of", "2026-11-28", "--why"],
    "show": ["show", "new-start", "--as-of", "2024-01-01", "--why"],
    "show npt": ["show", "npt", "--as-of", "2024-01-01"],
    "expiring": ["expiring", "--as-of", "2020-06-01", "--within", "2y"],
    "timeline": ["timeline", "--as-of", "2026-11-28"],
    "timeline --chart": ["timeline", "--chart", "--as-of", "2026-11-28"],
    "diff": ["diff", "2019-01-01", "2023-12-31"],
    "party": ["party", "RUS", "--as-of", "2024-01-01"],
    "party --compare": ["party", "--compare", "USA", "RUS", "--as-of", "2024-01-01"],
    "limits": ["limits", "--as-of", "2015-01-01"],
    "parties": ["parties", "new-start", "--as-of", "2024-01-01"],
    "standings": ["standings", "new-start", "-f", "table", "--as-of", "2024-01-01"],
}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("terminal", [False, True], ids=["plain", "terminal"])
def test_markup_in_data_is_printed_as_written(view: str, terminal: bool, data: Path) -> None:
    env = {"COLUMNS": "200"} | ({"TTY_COMPATIBLE": "1", "NO_COLOR": ""} if terminal else {})
    result = runner.invoke(app, [*VIEWS[view], "--data", str(data)], env=env)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "MarkupError" not in result.output
    text = LINK.sub("", ANSI.sub("", result.stdout))
    assert "[/]" in text and "[bold]b" in text and "[/link]" in text
    if not view.startswith("timeline --chart"):
        assert "[link=https://evil.example]x[/link]" in text or "[link=[" in text  # a URL in a note is a note
    for target in LINK.findall(result.stdout):
        if target:  # every hyperlink shows its own target: none is hidden behind other text
            assert target in text


def test_validate_quotes_markup_in_keys_as_written(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nreviewed: 2026-11-28\ntreaties: []\n'[bold]x[/]': 1\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)], env={"TTY_COMPATIBLE": "1", "NO_COLOR": "", "COLUMNS": "200"})
    assert result.exit_code == 1
    assert "unknown key `[bold]x[/]`" in ANSI.sub("", result.stdout)
