"""validate in other repositories: the pre-commit hook's scope, files that are not treaty files,
and hints that say where a key belongs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

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
    result = runner.invoke(app, ["validate", "--skip-other-yaml", str(workflow), str(SMALL)])
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == (
        f"note: {workflow} is not a treaty file (no top-level `version` or `treaties`); skipped.\n"
        "treatytrack: 1 file valid (1 other YAML file skipped).\n"
    )
    alone = runner.invoke(app, ["validate", "--skip-other-yaml", str(workflow)])
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


# Issue #22: a record that does not validate as a whole still has its sound parts checked.
NEW_START = SMALL.read_text(encoding="utf-8")


def _broken_new_start() -> str:
    text = NEW_START.replace(
        'signed: {date: 2010-04-08, source: "https://www.state.gov/new-start/"}', "signed: {date: 2010-04-08}", 1
    )
    text = text.replace(
        "        USA: {original: true}\n  - id: open-skies", "        US: {original: true}\n  - id: open-skies"
    )
    extension = "      - date: 2026-06-01\n        type: extended\n        new_expiry: 2027-02-05\n        source: x\n"
    anchor = '        source: "https://www.armscontrol.org/factsheets/new-start-glance"\n'
    assert text.count(anchor) == 1 and "US: {original" in text
    return text.replace(anchor, anchor + extension)


@pytest.mark.parametrize("whole_file", [False, True])
def test_a_broken_field_hides_no_other_problem_of_the_record(whole_file: bool, tmp_path: Path) -> None:
    from treatytrack.store.load import load_dataset
    from treatytrack.store.problems import LoadError

    path = tmp_path / "treaties.yaml"
    path.write_text(_broken_new_start())
    with pytest.raises(LoadError) as caught:
        load_dataset(path, use_cache=False, whole_file=whole_file)
    messages = [p.message for p in caught.value.problems]
    assert messages[0] == "treaties[1].signed: missing required key `source`"
    assert any(m.startswith("treaties[1].participation.states.US: unknown party code `US`") for m in messages)
    assert any(
        m.startswith("treaties[1].events[2].date: an extension on 2026-06-01 of a treaty that had already expired")
        for m in messages
    )
    assert len(messages) == 3  # nothing made up from the missing part: the checks that need it did not run
    assert caught.value.unrun and {place for _, place in caught.value.unrun} == {"treaties[1].signed"}


def test_validate_says_how_many_checks_could_not_run_and_why(tmp_path: Path) -> None:
    path = tmp_path / "treaties.yaml"
    path.write_text(_broken_new_start())
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all(
        re.match(rf"{re.escape(str(path))}:\d+:\d+: treaties\[1\]\.", line) for line in lines
    )
    tail = result.stderr.splitlines()
    assert tail[0] == "treatytrack: 3 problems in 1 file."
    assert re.fullmatch(
        rf"treatytrack: (\d+) checks could not run because a field they need has a problem above: "
        rf"{re.escape(str(path))}: treaties\[1\]\.signed \(\1 checks\); fix those and run validate again\.",
        tail[1],
    )
    assert len(tail) == 2
    fine = runner.invoke(app, ["validate", str(SMALL)])
    assert fine.exit_code == 0 and "could not run" not in fine.stderr


def test_a_broken_event_or_row_leaves_the_others_checked(tmp_path: Path) -> None:
    text = NEW_START.replace(
        "        type: suspended\n        party: RUS\n", "        type: suspended\n        party: RUX\n", 1
    )  # an unknown code in a sound event
    text = text.replace("        date: 2021-02-03\n", "        date: 2021-02-30\n", 1)  # a broken event
    text = text.replace("      - date: 2021-02-03\n", "      - date: 2021-02-30\n", 1)
    text = text.replace(
        "        RUS: {original: true}\n        USA: {original: true}\n  - id: open-skies",
        "        RUS: {original: yes please}\n        USX: {original: true}\n  - id: open-skies",
    )  # a broken row, and an unknown code in a sound one
    assert "2021-02-30" in text and "USX" in text and "RUX" in text
    path = tmp_path / "treaties.yaml"
    path.write_text(text)
    result = runner.invoke(app, ["validate", str(path)])
    out = result.stdout
    assert result.exit_code == 1
    assert "treaties[1].events[0].date:" in out
    assert "treaties[1].participation.states.RUS.original:" in out
    assert (
        "treaties[1].events[1].party: unknown party code `RUX`" in out
    )  # its index in the file, not in the sound ones
    assert "treaties[1].participation.states.USX: unknown party code `USX`" in out
    assert "checks could not run" in result.stderr and "treaties[1].events[0]" in result.stderr


# Issue #22: a file named on the command line is a treaty file, or validate fails; skipping other
# YAML is the pre-commit hook's business (its `files` pattern, its `--skip-other-yaml`).
@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("- version: 1\n- treaties: []\n", "1:1", "not a treaty file: the top level is a list"),
        ("just some text\n", "1:1", "not a treaty file: the top level is a single value (str)"),
        ("verison: 1\nreviewd: 2026-01-01\ntreatise: []\n", "3:1", "unknown key `treatise`; did you mean `treaties`?"),
        (WORKFLOW, "1:1", "not a treaty file (no top-level `version` or `treaties`)"),
    ],
)
def test_a_file_named_that_is_not_a_treaty_file_fails(text: str, where: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "treaties.yaml"
    path.write_text(text)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:{where}: " in result.stdout and message in result.stdout
    assert "skipped" not in result.stderr
    hooked = runner.invoke(app, ["validate", "--skip-other-yaml", str(path)])  # named like a treaty file
    assert hooked.exit_code == 1 and message in hooked.stdout


def test_misspelt_treaty_keys_fail_even_when_other_yaml_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "nuclear.yaml"
    path.write_text("verison: 1\ntreatise: []\n")
    result = runner.invoke(app, ["validate", "--skip-other-yaml", str(path)])
    assert result.exit_code == 1
    assert f"{path}:1:1: (top level): unknown key `verison`; did you mean `version`?" in result.stdout
    assert f"{path}:2:1: (top level): unknown key `treatise`; did you mean `treaties`?" in result.stdout


OVERLAY = """\
version: 1
treaties:
  - id: new-start
    events:
      - date: 2026-03-01
        type: statement
        party: USA
        note: a statement after the treaty expired
        source: https://example.org/statement
"""


def run_hook(repo: Path, override: dict[str, object] | None = None) -> tuple[int, str, list[str]]:
    """The hook as pre-commit runs it (`pre-commit run --all-files`, emulated: pre-commit itself
    needs the network to install the hook): its `entry` and `args` on the repository's files that
    its `files` pattern and `types` select."""
    import os
    import subprocess
    import sys

    spec: dict[str, Any] = hook() | (override or {})
    tracked = subprocess.run(["git", "ls-files"], cwd=repo, capture_output=True, text=True, check=True).stdout.split()
    chosen = [
        f
        for f in tracked
        if re.search(str(spec["files"]), f) and (Path(f).suffix in (".yaml", ".yml") or "yaml" not in spec["types"])
    ]
    if not chosen:
        return 0, "(no files to check) Skipped", chosen
    program, *command = str(spec["entry"]).split()
    assert program == "treatytrack"
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")
    done = subprocess.run(
        [sys.executable, "-m", "treatytrack", *command, *spec.get("args", []), *chosen],
        check=False,
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    return done.returncode, done.stdout + done.stderr, chosen


def test_the_pre_commit_hook_in_a_repository(tmp_path: Path) -> None:
    import subprocess

    repo = tmp_path / "repo"
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / "data").mkdir()
    (repo / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW)
    (repo / "data" / "treaties.yaml").write_text(SMALL.read_text(encoding="utf-8"))
    (repo / "data" / "extra.treaties.yaml").write_text(OVERLAY)
    (repo / "mkdocs.yml").write_text("site_name: x\n")

    def commit() -> None:
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
        subprocess.run(["git", "add", "-A"], cwd=repo, check=True)

    commit()
    code, out, chosen = run_hook(repo)
    assert chosen == ["data/extra.treaties.yaml", "data/treaties.yaml"]  # not the workflow
    assert code == 0, out
    # A wider pattern the user sets: other YAML is skipped, the treaty files still checked.
    code, out, chosen = run_hook(repo, {"files": r"\.ya?ml$"})
    assert ".github/workflows/ci.yml" in chosen and code == 0, out
    assert "ci.yml is not a treaty file" in out and "2 files valid (2 other YAML files skipped)" in out
    # A broken treaty file fails: a list at the top level, an overlay adding to no known treaty.
    (repo / "data" / "treaties.yaml").write_text("- id: new-start\n")
    code, out, _ = run_hook(repo)
    assert code == 1 and "data/treaties.yaml:1:1: not a treaty file: the top level is a list" in out
    (repo / "data" / "treaties.yaml").write_text(SMALL.read_text(encoding="utf-8"))
    (repo / "data" / "extra.treaties.yaml").write_text(OVERLAY.replace("party: USA", "party: XYZ"))
    code, out, _ = run_hook(repo)
    assert code == 1 and "data/extra.treaties.yaml:" in out and "unknown party code `XYZ`" in out
