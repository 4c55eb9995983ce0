"""The Python API answers what the command line answers, by name and by day, without the clock."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import treatytrack
from treatytrack.cli import app
from treatytrack.core.vocab import PartyStatus, Status

D = dt.date.fromisoformat
DAY = D("2026-06-01")
runner = CliRunner()


@pytest.fixture(scope="module")
def ds() -> treatytrack.TreatyData:
    return treatytrack.load()


def test_status_is_lists(ds: treatytrack.TreatyData) -> None:
    answer = ds.status("New START", on=DAY)
    assert (answer.treaty, answer.status, answer.expires) == ("new-start", Status.EXPIRED, D("2026-02-05"))
    listed = json.loads(runner.invoke(app, ["list", "--as-of", "2026-06-01", "--format", "json"]).stdout)
    row = next(r for r in listed if r["id"] == "new-start")
    assert row["status"] == answer.status.value


def test_standing_is_partys(ds: treatytrack.TreatyData) -> None:
    standing = ds.standing("United States", "ctbt", on=DAY)
    assert standing.status is PartyStatus.SIGNATORY and standing.since == D("1996-09-24")
    shown = json.loads(runner.invoke(app, ["party", "USA", "--as-of", "2026-06-01", "--format", "json"]).stdout)
    assert next(r for r in shown["treaties"] if r["id"] == "ctbt")["status"] == "signatory"


def test_treaties_is_list_party(ds: treatytrack.TreatyData) -> None:
    mine = [t.treaty for t in ds.treaties(party=["USA", "Russia"], on=DAY)]
    out = runner.invoke(app, ["list", "--party", "USA", "--party", "RUS", "--as-of", "2026-06-01", "--format", "json"])
    assert mine == [r["id"] for r in json.loads(out.stdout)]
    assert {"geneva-protocol", "enmod", "icsant"} <= set(mine)


def test_standings_is_the_panel(ds: treatytrack.TreatyData) -> None:
    table = ds.standings(by="year", treaty="tpnw", party="KAZ", on=DAY)
    assert [(r["year"], r["status"]) for r in table][2:5] == [(2019, "ratified"), (2020, "ratified"), (2021, "party")]
    assert table[4]["since"] == D("2021-01-22") and table[4]["bound"] is True
    frame = table.to_pandas()
    assert list(frame.columns) == list(table.columns) and len(frame) == len(table)
    changes = ds.standings(by="change", treaty="ottawa", party="Finland", on=DAY)
    assert [r["status"] for r in changes] == ["not-party", "ratified", "party", "withdrawn"]


def test_errors_say_what_the_cli_says(ds: treatytrack.TreatyData, tmp_path: Path) -> None:
    with pytest.raises(treatytrack.TreatyNotFound):
        ds.status("no such treaty", on=DAY)
    with pytest.raises(treatytrack.PartyNotFound):
        ds.standing("Atlantis", "npt", on=DAY)
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nreviewed: 2026-01-01\ntreaties: [{id: X}]\n", encoding="utf-8")
    with pytest.raises(treatytrack.LoadError) as err:
        treatytrack.load(bad)
    assert all(p.file == str(bad) and p.line > 0 for p in err.value.problems)


def test_importing_the_package_loads_nothing_heavy() -> None:
    """`import treatytrack` (every command's first import) does not pay for the API."""
    code = "import sys, treatytrack; print('treatytrack.api' in sys.modules, 'pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_no_answer_without_a_day(ds: treatytrack.TreatyData) -> None:
    with pytest.raises(TypeError):
        ds.status("npt")  # type: ignore[call-arg]


def test_parties_and_party_are_the_commands(ds: treatytrack.TreatyData) -> None:
    """`ds.parties` and `ds.party` are what `parties` and `party` list, row for row."""
    runner = CliRunner()
    shown = json.loads(runner.invoke(app, ["parties", "npt", "--as-of", "2026-06-01", "-f", "json"]).stdout)
    assert [(r["code"], r["status"]) for r in shown] == [
        (s.state, s.status.value) for s in ds.parties("npt", on=dt.date(2026, 6, 1))
    ]
    listed = json.loads(runner.invoke(app, ["party", "IND", "--as-of", "2019-01-01", "-f", "json"]).stdout)
    answers = ds.party("India", on=dt.date(2019, 1, 1))
    assert [(r["id"], r["status"]) for r in listed["treaties"]] == [
        (s.treaty.id, s.standing.status.value) for s in answers
    ]
    nuclear = ds.party("IND", on=dt.date(2019, 1, 1), category="nuclear")
    assert nuclear and all("nuclear" in s.treaty.categories for s in nuclear) and len(nuclear) < len(answers)


def test_standings_choose_treaties_as_the_command_does(ds: treatytrack.TreatyData) -> None:
    """With two parties, only the treaties naming both (as `standings --party A --party B`);
    `any_party` keeps those naming either."""
    both = {r["treaty_id"] for r in ds.standings(by="change", party=["USA", "RUS"], on=DAY)}
    either = {r["treaty_id"] for r in ds.standings(by="change", party=["USA", "RUS"], any_party=True, on=DAY)}
    assert both < either
    result = CliRunner().invoke(
        app, ["standings", "--party", "USA", "--party", "RUS", "--as-of", str(DAY), "-f", "json"]
    )
    assert {r["treaty_id"] for r in json.loads(result.stdout)} == both
