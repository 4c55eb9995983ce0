"""validate in other repositories: the pre-commit hook's scope, files that are not treaty files,
and hints that say where a key belongs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.conftest import SMALL
from treatytrack.cli import app

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()
WORKFLOW = """\
name: CI
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
"""


def hook() -> dict[str, object]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["treatytrack-validate"]
    return dict(hooks[0])


@pytest.mark.parametrize(
    ("path", "checked"),
    [
        ("treaties.yaml", True),
        ("treaties.yml", True),
        ("data/treaties.yaml", True),
        ("data/nuclear.treaties.yaml", True),
        (".github/workflows/ci.yml", False),
        (".pre-commit-config.yaml", False),
        ("data/my-treaties.yaml", False),
        ("mkdocs.yml", False),
    ],
)
def test_the_hook_checks_treaty_files_only(path: str, checked: bool) -> None:
    assert bool(re.search(str(hook()["files"]), path)) is checked


def test_the_hook_documents_a_rev_that_exists() -> None:
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "v0.1.0" not in text  # no such tag
    assert "rev: <a commit SHA of this repository>" in text
    assert hook()["entry"] == "treatytrack validate"


def test_a_yaml_file_that_is_not_a_treaty_file_is_skipped_with_a_note(tmp_path: Path) -> None:
    workflow = tmp_path / "ci.yml"
    workflow.write_text(WORKFLOW)
    result = runner.invoke(app, ["validate", str(workflow), str(SMALL)])
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == (
        f"note: {workflow} is not a treaty file (no top-level `version` or `treaties`); skipped.\n"
        "treatytrack: 1 file valid (1 other YAML file skipped).\n"
    )
    alone = runner.invoke(app, ["validate", str(workflow)])
    assert alone.exit_code == 0 and alone.stderr.endswith(
        "treatytrack: no treaty file to check (1 other YAML file skipped).\n"
    )
    as_data = runner.invoke(app, ["list", "--data", str(workflow)])  # but it is no dataset
    assert as_data.exit_code == 1 and "not a treaty file" in as_data.stderr


def test_a_treaty_file_missing_a_key_is_still_checked(tmp_path: Path) -> None:
    started = tmp_path / "treaties.yaml"
    started.write_text("treaties: []\n")
    result = runner.invoke(app, ["validate", str(started)])
    assert result.exit_code == 1
    assert f"{started}:1:1: (top level): missing required key `version`" in result.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            WORKFLOW.replace("name: CI", "version: 1\nname: CI"),
            "(top level): unknown key `name` here; it belongs in a treaty (an item of `treaties`). Keys allowed here: `non_state_parties`, `reviewed`, `state_history`, `treaties`, `version`",
        ),
        (
            "version: 1\nreviewed: 2026-11-28\ntreatise: []\n",
            "(top level): unknown key `treatise`; did you mean `treaties`?",
        ),
    ],
)
def test_an_unknown_key_is_told_where_it_belongs(text: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "treaties.yaml"
    path.write_text(text)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert message in result.stdout
    assert "did you mean `name`" not in result.stdout


def test_keys_of_nested_records(tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8")
    text = text.replace("    duration: {years: 10,", "    new_expiry: 2030-01-01\n    duration: {years: 10,", 1)
    text = text.replace(
        "        type: suspended\n        party: RUS\n",
        "        type: suspended\n        party: RUS\n        notee: x\n",
        1,
    )
    path = tmp_path / "treaties.yaml"
    path.write_text(text)
    out = runner.invoke(app, ["validate", str(path)]).stdout
    assert "treaties[1]: unknown key `new_expiry` here; it belongs in an event (an item of `events`)." in out
    assert "treaties[1].events[1]: unknown key `notee`; did you mean `note`?" in out
