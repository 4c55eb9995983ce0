"""The data's licence and the citation file: present, valid, and in step with the package."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import yaml

import treatytrack

ROOT = Path(__file__).resolve().parent.parent
# The Citation File Format's schema, version 1.2.0 (https://citation-file-format.github.io/1.2.0/schema.json,
# CC BY 4.0), kept here so that the check needs no network.
SCHEMA = Path(__file__).resolve().parent / "fixtures" / "cff-1.2.0.schema.json"


def test_citation_cff_is_valid_and_current() -> None:
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.validate(citation, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert citation["version"] == treatytrack.__version__
    assert sorted(citation["license"]) == ["CC-BY-4.0", "MIT"]


def test_the_licences_are_stated_and_shipped() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT AND CC-BY-4.0"
    assert set(project["license-files"]) == {"LICENSE", "data/LICENSE"}
    data_licence = (ROOT / "data" / "LICENSE").read_text(encoding="utf-8")
    assert "CC BY 4.0" in data_licence and "creativecommons.org/licenses/by/4.0" in data_licence
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")


def test_a_broken_citation_is_refused() -> None:
    """The check can fail: a citation without its required keys does not validate."""
    import pytest

    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"cff-version": "1.2.0"}, json.loads(SCHEMA.read_text(encoding="utf-8")))
