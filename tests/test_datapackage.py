"""`export datapackage -o DIR`: a Frictionless Data Package that `frictionless validate` accepts,
offline, whose CSV files are what `export csv` and `standings` write for the same selection."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from treatytrack.cli import app

ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
SELECTION = ["--party", "RUS", "--category", "nuclear", "--as-of", "2026-11-28"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=ENV)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("package") / "rus"
    code, _, err = run("export", "datapackage", *SELECTION, "--output", str(folder))
    assert code == 0, err
    return folder


def test_the_package_is_valid_offline(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    frictionless = pytest.importorskip("frictionless")

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("frictionless tried the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    report = frictionless.validate(str(package / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert len(report.tasks) == 3


def test_every_column_has_a_type_and_a_description(package: Path) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["profile"] == "tabular-data-package"
    for resource in descriptor["resources"]:
        header = (package / resource["path"]).read_text(encoding="utf-8").split("\n", 1)[0].split(",")
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header
        assert all(f["type"] in ("string", "date", "integer", "boolean") and f["description"] for f in fields)


def test_the_files_are_what_export_csv_and_standings_write(package: Path) -> None:
    _, events, _ = run("export", "csv", *SELECTION)
    assert (package / "events.csv").read_text(encoding="utf-8") == events
    for by in ("change", "year"):
        _, rows, _ = run("standings", "--by", by, "--format", "csv", *SELECTION)
        assert (package / f"standings-by-{by}.csv").read_text(encoding="utf-8") == rows


def test_the_package_is_reproducible(package: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert run("export", "datapackage", *SELECTION, "-o", str(again))[0] == 0
    for name in ("events.csv", "standings-by-change.csv", "standings-by-year.csv", "datapackage.json"):
        assert (again / name).read_bytes() == (package / name).read_bytes()


def test_an_existing_package_is_replaced_only_with_force(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    args = ("export", "datapackage", "--treaty", "sort", "--as-of", "2026-11-28", "-o", str(folder))
    assert run(*args)[0] == 0
    code, _, err = run(*args)
    assert code == 2 and "--force" in err
    assert run(*args, "--force")[0] == 0


@pytest.mark.parametrize("where", ["none", "-", "file", "no-parent"])
def test_a_folder_is_required(where: str, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    output = {"none": [], "-": ["-o", "-"], "file": ["-o", str(tmp_path / "file")]}.get(
        where, ["-o", str(tmp_path / "missing" / "pkg")]
    )
    code, out, err = run("export", "datapackage", "--treaty", "sort", *output)
    assert code == 2, err
    assert out == ""
    assert not (tmp_path / "missing").exists()


def test_the_package_names_the_datasets_licence() -> None:
    from treatytrack.render.datapackage import descriptor

    package = descriptor([], "2026-06-01", "2026-11-28", "0.1.0", "treatytrack export datapackage")
    assert [lic["name"] for lic in package["licenses"]] == ["CC-BY-4.0"]
