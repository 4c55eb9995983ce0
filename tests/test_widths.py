"""Every table of every command is readable from 40 to 200 columns.

At each width: the treaty name column is there (and every treaty's name in it), no line is wider
than the terminal (but for a source's URL, printed whole on a line of its own), and no cell is cut.

"Cut" means, precisely: a word of the data broken with a piece of fewer than 8 characters on a
line, or an ellipsis that is not in the data. A word is a run of non-space characters; it may
break after a hyphen between letters or after a slash ("withdrawal-" / "notice"), as in print,
and those pieces may be short. Every other break must leave at least 8 characters on each line.
The words "of the data" are the words the same command prints at 1,000 columns, where nothing
needs to wrap: any shorter piece on a line at a narrower width is a cut.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from treatytrack.cli import app

REPO = Path(__file__).resolve().parent.parent
WIDTHS = (40, 60, 80, 200)
MIN_PIECE = 8
runner = CliRunner()

# Every table of every command, with the names of the treaties it shows taken from its JSON.
VIEWS = {
    "list": ["list", "--as-of", "2026-11-28"],
    "list --why": ["list", "--as-of", "2026-11-28", "--why"],
    "show": ["show", "new-start", "--as-of", "2026-11-28"],
    "show --why": ["show", "salt i", "--as-of", "2026-11-28", "--why"],
    "expiring": ["expiring", "--as-of", "2025-09-01", "--within", "1y"],
    "timeline": ["timeline", "--as-of", "2026-11-28", "--from", "2019-01-01"],
    "timeline --chart": ["timeline", "--chart", "--as-of", "2026-11-28"],
    "diff": ["diff", "2019-01-01", "2021-12-31", "--as-of", "2026-11-28"],
    "party": ["party", "RUS", "--as-of", "2026-11-28"],
    "party --compare": ["party", "--compare", "USA", "RUS", "--as-of", "2026-11-28"],
    "limits": ["limits", "--as-of", "2015-01-01"],
    "parties": ["parties", "cfe", "--as-of", "2026-11-28"],
    "standings": ["standings", "ctbt", "-f", "table", "--as-of", "2026-11-28"],
    "validate": ["validate", "tests/fixtures/bad.yaml"],
}
# The column that names what each row is about, which never gives way (default: Treaty).
KEY_COLUMN = {"parties": "Name", "standings": "name"}
# validate prints lines for tools, unwrapped, unless a person reads them on a terminal.
TERMINAL = {"validate"}
ANSI = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")
CHART_GLYPHS = set("━·▒×┃─┬")
URL_LINE = re.compile(r"^\s*(\[\d+\] )?\S*https?://\S+$")
BREAK = re.compile(r"(?<=[^\W\d_]-)(?=[^\W\d_])|(?<=/)(?=\w)")


def render(args: list[str], width: int, view: str) -> tuple[int, str]:
    env = {"COLUMNS": str(width)} | ({"TTY_COMPATIBLE": "1"} if view in TERMINAL else {})
    result = runner.invoke(app, args, env=env)
    return result.exit_code, ANSI.sub("", result.stdout)


def pieces(word: str) -> set[str]:
    """Every piece of `word` that starts and ends at a break the rules allow."""
    cuts = [0, *(m.start() for m in BREAK.finditer(word)), len(word)]
    return {word[a:b] for i, a in enumerate(cuts) for b in cuts[i + 1 :]}


def vocabulary(text: str) -> set[str]:
    return {piece for word in text.split() for piece in pieces(word)}


def cuts(text: str, allowed: set[str]) -> list[str]:
    return [
        word
        for line in text.splitlines()
        for word in line.split()
        if len(word) < MIN_PIECE and word not in allowed and not set(word) <= CHART_GLYPHS
    ]


def treaty_names(args: list[str]) -> list[str]:
    if args[0] in ("validate", "show", "parties", "standings") or "--chart" in args:
        return []
    result = runner.invoke(app, [*args, "--format", "json"])
    payload = json.loads(result.stdout)
    records = payload["treaties"] if isinstance(payload, dict) else payload
    return sorted({r["short_name"] for r in records})


@pytest.fixture(autouse=True)
def _at_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # validate's file is named relative to the checkout


# The narrowest and the widest in the quick run; every width in the full suite.
@pytest.mark.parametrize("width", [w if w in (40, 200) else pytest.param(w, marks=pytest.mark.slow) for w in WIDTHS])
@pytest.mark.parametrize("view", VIEWS)
def test_every_table_reads_at_every_width(view: str, width: int) -> None:
    args = VIEWS[view]
    expected_code = 1 if view == "validate" else 0
    code, wide = render(args, 1000, view)
    assert code == expected_code, wide
    code, out = render(args, width, view)
    assert code == expected_code, out

    too_wide = [line for line in out.splitlines() if len(line) > width and not URL_LINE.match(line)]
    assert not too_wide, f"{view} at {width}: lines wider than the terminal"
    assert not cuts(out, vocabulary(wide)), f"{view} at {width}: cut words {cuts(out, vocabulary(wide))}"
    assert "…" not in out or "…" in wide

    words = {w for line in out.splitlines() for w in line.split()}
    if args[0] not in ("validate", "show") and "--chart" not in args:
        header = out.split("\n─", 1)[0].rsplit("\n\n", 1)[-1].split("\n", 1)[-1]
        key = KEY_COLUMN.get(view, "Treaty")
        assert key in header.split(), f"{view} at {width}: no {key} column"
    for name in treaty_names(args):
        first = BREAK.split(name.split()[0])[0]  # the first piece of its first word, as it may break
        assert any(w.startswith(first[:MIN_PIECE]) for w in words), f"{view} at {width}: {name} is missing"
    if args[0] == "show":
        assert "New START" in out or "SALT I" in out
    if "--chart" in args:
        assert "New START" in out


def test_the_cut_rule_catches_cuts() -> None:
    """The checks above are not vacuous: a piece of a broken word, an unknown short word, is found."""
    allowed = vocabulary("Anti-Personnel Mine Ban Convention withdrawal-notice 2026-02-05")
    assert cuts("Anti- Personnel Mine withdrawal- notice", allowed) == []
    assert cuts("Anti-Perso nnel", allowed) == ["nnel"]  # "Anti-Perso" is 10 characters: allowed
    assert cuts("Conven tion", allowed) == ["Conven", "tion"]
    assert cuts("2026- 02-05", allowed) == ["2026-", "02-05"]  # dates do not break at their hyphens
