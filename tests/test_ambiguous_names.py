"""A name several treaties answer to is a usage error listing them, never the first in the file;
an exact id always wins; `validate` reports the names two records share."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL
from treatytrack.cli import app

runner = CliRunner()

SHARED = textwrap.dedent(
    """\
    version: 1
    reviewed: 2026-11-28
    treaties:
      - id: outer-space-treaty
        name: Treaty on Principles Governing the Activities of States in the Exploration and Use of Outer Space
        short_name: Outer Space Treaty
        aliases: [OST]
        kind: multilateral
        instrument: treaty
        categories: [nuclear]
        signed: {date: 1967-01-27, source: "https://example.org/ost"}
      - id: open-skies
        name: Treaty on Open Skies
        short_name: Open Skies Treaty
        aliases: [ost, Outer Space Treaty]
        kind: multilateral
        instrument: treaty
        categories: [verification]
        signed: {date: 1992-03-24, source: "https://example.org/open-skies"}
      - id: ost
        name: A record whose id is another's alias
        short_name: Other
        kind: multilateral
        instrument: treaty
        categories: [verification]
        signed: {date: 1999-01-01, source: "https://example.org/other"}
    """
)


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    path = tmp_path / "shared.yaml"
    text = SHARED.replace("aliases: [ost, Outer Space Treaty]", "aliases: [O.S.T., Outer Space Treaty]")
    path.write_text(text.replace("id: ost\n", "id: other\n"))
    return path


def _show(data: Path, name: str) -> tuple[int, str, str]:
    result = runner.invoke(
        app, ["show", name, "--as-of", "2026-11-28", "--data", str(data), "--no-cache", "-f", "json"]
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("name", ["Outer Space Treaty", "outer space treaty", "O S T"])
def test_an_ambiguous_name_is_a_usage_error_listing_the_candidates(shared: Path, name: str) -> None:
    code, out, err = _show(shared, name)
    assert code == 2 and out == ""
    flat = " ".join(err.split())
    assert "names 2 treaties" in flat
    assert "outer-space-treaty (Outer Space Treaty)" in flat and "open-skies (Open Skies Treaty)" in flat


def test_an_exact_id_always_wins(tmp_path: Path) -> None:
    path = tmp_path / "ids.yaml"
    path.write_text(SHARED)
    code, out, _ = _show(path, "ost")
    assert code == 0 and '"id": "ost"' in out


def test_an_ambiguous_beginning_is_a_usage_error(shared: Path) -> None:
    code, _, err = _show(shared, "open sk")  # one treaty: found
    assert code == 0
    code, _, err = _show(shared, "o")  # several: listed
    assert code == 2 and "names 3 treaties" in " ".join(err.split())


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "Outer Space Treaty"],
        ["export", "csv", "--treaty", "Outer Space Treaty"],
        ["standings", "Outer Space Treaty"],
        ["parties", "Outer Space Treaty"],
        ["limits", "Outer Space Treaty"],
    ],
)
def test_every_command_refuses_an_ambiguous_name(shared: Path, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--as-of", "2026-11-28", "--data", str(shared), "--no-cache"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "open-skies" in result.stderr


def test_validate_reports_a_shared_name_and_an_alias_that_is_an_id(tmp_path: Path) -> None:
    path = tmp_path / "ids.yaml"
    path.write_text(SHARED)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any(":15:20:" in line and "`Outer Space Treaty` also names `outer-space-treaty`" in line for line in lines)
    assert any("`OST` is the id of `ost`, so it never finds `outer-space-treaty`" in line for line in lines)
    assert len(lines) == 3, lines  # and `ost` in open-skies: the id of `ost` as well


def test_validate_passes_names_that_pick_one_treaty() -> None:
    assert runner.invoke(app, ["validate", str(SMALL)]).exit_code == 0
