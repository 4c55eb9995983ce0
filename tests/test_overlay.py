"""`--extra`: a user's own file over the dataset in use, adding treaties and events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL
from treatytrack.cli import app

runner = CliRunner()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--data", str(SMALL)], env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


NOTES = """\
version: 1
treaties:
  - id: new-start
    aliases: [Newer START]
    events:
      - date: 2026-02-04
        type: statement
        party: RUS
        note: our desk's note
        source: https://example.org/note
  - id: watch-treaty
    name: A Treaty We Watch
    short_name: Watched
    kind: bilateral
    instrument: agreement
    categories: [missile]
    signed: {date: 2026-03-01, source: https://example.org/signed}
    entry_into_force: {date: 2026-04-01, source: https://example.org/eif}
    duration: {months: 12, source: https://example.org/text}
    participation:
      coverage: complete
      as_of: 2026-03-01
      source: https://example.org/signed
      states: {CHN: {original: true}, USA: {original: true}}
"""


def test_extra_adds_treaties_and_events(tmp_path: Path) -> None:
    notes = write(tmp_path, "notes.yaml", NOTES)
    code, out, err = invoke("show", "Newer START", "--as-of", "2026-11-28", "--format", "json", "--extra", str(notes))
    assert code == 0, err
    record = json.loads(out)
    assert [e["date"] for e in record["events"]] == ["2021-02-03", "2023-02-21", "2026-02-04"]
    assert record["events"][-1]["note"] == "our desk's note"
    code, out, _ = invoke(
        "expiring", "--as-of", "2026-11-28", "--within", "6m", "--format", "json", "--extra", str(notes)
    )
    assert [(r["id"], r["deadline"]) for r in json.loads(out)] == [("watch-treaty", "2027-04-01")]


def test_extra_from_environment(tmp_path: Path) -> None:
    notes = write(tmp_path, "notes.yaml", NOTES)
    code, out, _ = invoke("list", "--as-of", "2026-11-28", "--format", "json", env={"TREATYTRACK_EXTRA": str(notes)})
    assert code == 0
    assert "watch-treaty" in [r["id"] for r in json.loads(out)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "version: 1\ntreaties:\n  - id: new-start\n    kind: multilateral\n",
            "{extra}:4:5: new-start.kind is already set differently in {base}; an extra file may only add events, aliases, limits, sources",
        ),
        (
            "version: 1\ntreaties:\n  - id: new-start\n    events:\n      - {date: 2024-01-01, type: suspended, party: FRX, source: s}\n",
            "{extra}:5:52: treaties[0].events[0].party: unknown party code `FRX`: use an ISO 3166-1 alpha-3 code or declare it under `non_state_parties`; did you mean FXX (France, Metropolitan), FRO (Faroe Islands), FRA (France)?",
        ),
        (
            "version: 1\ntreaties:\n  - id: new-start\n    events:\n      - {date: 2024-13-01, type: statement, source: s}\n",
            "{extra}:5:16: treaties[0].events[0].date: 2024-13-01 is not a calendar date",
        ),
    ],
)
def test_extra_conflicts_are_located(tmp_path: Path, text: str, expected: str) -> None:
    extra = write(tmp_path, "extra.yaml", text)
    code, out, err = invoke("list", "--as-of", "2026-11-28", "--extra", str(extra))
    assert code == 1 and out == ""
    assert err.splitlines()[0] == expected.format(extra=extra, base=SMALL)


def test_same_treaty_defined_in_two_extra_files(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", NOTES)
    watch = NOTES[NOTES.index("  - id: watch-treaty") :]
    second = write(tmp_path, "b.yaml", "version: 1\ntreaties:\n" + watch)
    code, _, err = invoke("list", "--as-of", "2026-11-28", "--extra", str(first), "--extra", str(second))
    assert code == 1
    assert f"{second}:3:9: treaty `watch-treaty` is already defined in {first}" in err


def test_validate_reports_every_file(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.yaml", "version: 1\nversion: 2\n")
    result = runner.invoke(app, ["validate", str(SMALL), str(bad)])
    assert result.exit_code == 1
    assert result.stdout == f"{bad}:2:1: duplicate key `version` (first on line 1); keep one of them\n"
    assert result.stderr == "treatytrack: 1 problem(s) in 1 of 2 file(s).\n"
    clean = runner.invoke(app, ["validate", str(SMALL), "--format", "json"])
    assert clean.exit_code == 0 and json.loads(clean.stdout) == []
