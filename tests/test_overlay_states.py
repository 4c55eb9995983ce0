"""An --extra file keeps the dataset's state history (Russia continues the USSR, Czechia and
Montenegro begin when they began), may add states to it, and may add rows to a treaty's
participation table; a row already there is replaced only by one saying `replaces: true`.
`validate --extra FILE` checks an overlay against the dataset in use."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES, SMALL
from treatytrack.cli import app

runner = CliRunner()
STATES = FIXTURES / "states.yaml"
EMPTY = "version: 1\ntreaties: []\n"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "extra.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--no-cache"])
    return result.exit_code, result.stdout, " ".join(result.stderr.split())


def _standings(data: Path, code: str, day: str, *extra: str) -> dict[str, str]:
    status, out, err = _run("party", code, "--as-of", day, "-f", "csv", "--data", str(data), *extra)
    assert status == 0, err
    return {r["id"]: r["status"] for r in csv.DictReader(io.StringIO(out))}


@pytest.mark.parametrize(
    ("data", "code", "day"),
    [(SMALL, "RUS", "1985-01-01"), (STATES, "MNE", "2000-01-01")],
)
def test_an_empty_overlay_keeps_the_state_history(tmp_path: Path, data: Path, code: str, day: str) -> None:
    extra = _write(tmp_path, EMPTY)
    assert _standings(data, code, day, "--extra", str(extra)) == _standings(data, code, day)


def test_russia_still_continues_the_ussr_under_an_overlay(tmp_path: Path) -> None:
    extra = _write(tmp_path, EMPTY)
    assert _standings(SMALL, "RUS", "1995-01-01", "--extra", str(extra))["inf-treaty"] == "party"


def test_an_overlay_adds_a_state_but_does_not_change_one(tmp_path: Path) -> None:
    added = _write(
        tmp_path,
        EMPTY + "state_history:\n  SRB: {began: 2006-06-05, source: https://example.org/srb}\n",
    )
    assert _run("list", "--as-of", "2026-01-01", "--data", str(STATES), "--extra", str(added))[0] == 0
    changed = _write(tmp_path, EMPTY + "state_history:\n  CZE: {began: 1994-01-01, source: https://example.org/x}\n")
    code, _, err = _run("list", "--as-of", "2026-01-01", "--data", str(STATES), "--extra", str(changed))
    assert code == 1 and "state_history.CZE is already recorded differently" in err


ROWS = """\
version: 1
treaties:
  - id: mine-ban
    participation:
      states:
        {rows}
"""


def _parties(extra: Path) -> tuple[int, dict[str, str], str]:
    args = ["parties", "mine-ban", "--as-of", "2026-01-01", "-f", "csv", "--data", str(STATES), "--extra", str(extra)]
    code, out, err = _run(*args)
    return code, {r["code"]: r["status"] for r in csv.DictReader(io.StringIO(out))}, err


def test_an_overlay_adds_a_row(tmp_path: Path) -> None:
    extra = _write(tmp_path, ROWS.format(rows="NOR: {signed: 1997-12-03, ratified: 2001-07-09}"))
    code, states, err = _parties(extra)
    assert code == 0, err
    assert states["NOR"] == "party" and states["AUT"] == "party"


def test_a_row_already_there_needs_replaces(tmp_path: Path) -> None:
    extra = _write(tmp_path, ROWS.format(rows="POL: {signed: 1997-12-04}"))
    code, _, err = _parties(extra)
    assert code == 1
    assert "POL already has a row" in err and "replaces: true" in err and "extra.yaml:6:" in err


def test_replaces_true_replaces_the_row(tmp_path: Path) -> None:
    extra = _write(tmp_path, ROWS.format(rows="POL: {signed: 1997-12-04, replaces: true}"))
    code, states, err = _parties(extra)
    assert code == 0, err
    assert states["POL"] == "signatory"


def test_replaces_on_a_new_row_is_an_error(tmp_path: Path) -> None:
    extra = _write(tmp_path, ROWS.format(rows="NOR: {signed: 1997-12-03, replaces: true}"))
    code, _, err = _parties(extra)
    assert code == 1 and "NOR has no row" in err


def test_the_table_itself_must_agree(tmp_path: Path) -> None:
    extra = _write(
        tmp_path,
        ROWS.replace("    participation:\n", "    participation:\n      as_of: 2020-01-01\n").format(
            rows="NOR: {signed: 1997-12-03}"
        ),
    )
    code, _, err = _parties(extra)
    assert code == 1 and "mine-ban.participation is already set differently" in err


def test_a_row_added_is_checked(tmp_path: Path) -> None:
    extra = _write(tmp_path, ROWS.format(rows="NOR: {signed: 2002-01-01, ratified: 2001-07-09}"))
    code, _, err = _parties(extra)
    assert code == 1 and "extra.yaml" in err


def test_validate_checks_an_overlay_against_the_dataset(tmp_path: Path) -> None:
    bad = _write(tmp_path, ROWS.format(rows="POL: {signed: 1997-12-04}"))
    result = runner.invoke(app, ["validate", "--data", str(STATES), "--extra", str(bad)])
    assert result.exit_code == 1
    assert "POL already has a row" in result.stdout
    assert "1 problem in 1 of 2 files" in result.stderr
    good = _write(tmp_path, ROWS.format(rows="NOR: {signed: 1997-12-03}"))
    result = runner.invoke(app, ["validate", "--data", str(STATES), "--extra", str(good)])
    assert result.exit_code == 0 and "2 files valid" in result.stderr


def test_validate_extra_with_files_is_a_usage_error(tmp_path: Path) -> None:
    extra = _write(tmp_path, EMPTY)
    result = runner.invoke(app, ["validate", str(STATES), "--extra", str(extra)])
    assert result.exit_code == 2 and "'--extra'" in result.stderr
