"""The published JSON Schema is the one the models generate, and it describes real files."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from treatytrack.cli import app
from treatytrack.store.schema import dataset_schema

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schema_is_current() -> None:
    committed = json.loads((ROOT / "schema" / "treatytrack.schema.json").read_text(encoding="utf-8"))
    assert committed == dataset_schema(), "run: treatytrack schema > schema/treatytrack.schema.json"


def test_schema_command_prints_it() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "treatytrack dataset"
    treaty = schema["$defs"]["Treaty"]
    assert treaty["additionalProperties"] is False
    assert {"id", "name", "kind", "categories"} <= set(treaty["required"])


def test_bundled_data_names_the_schema_for_editors() -> None:
    first = (ROOT / "data" / "treaties.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/treatytrack.schema.json"
