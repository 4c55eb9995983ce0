"""Ended and ending treaties look ended: an abandoned treaty never in force, and an end fixed in
advance that `expiring` lists before it comes (issue #22)."""

from __future__ import annotations

import datetime as dt
import json
import textwrap

from typer.testing import CliRunner

from treatytrack.cli import app
from treatytrack.core.engine import assess
from treatytrack.core.vocab import Status
from treatytrack.store.load import parse_dataset

D = dt.date.fromisoformat
SRC = "https://example.org/x"
runner = CliRunner()

TEXT = f"""\
version: 1
reviewed: 2026-11-28
treaties:
  - id: never
    name: A treaty never in force
    short_name: Never
    kind: bilateral
    instrument: treaty
    categories: [nuclear]
    signed: {{date: 1993-01-03, source: "{SRC}"}}
    events:
      - {{date: 2002-06-14, type: abandoned, party: RUS, source: "{SRC}"}}
    participation:
      coverage: complete
      source: "{SRC}"
      as_of: 2002-06-14
      states:
        USA: {{signed: 1993-01-03, ratified: 1996-01-26}}
        RUS: {{signed: 1993-01-03}}
  - id: deal
    name: A deal with a termination day
    short_name: Deal
    kind: multilateral
    instrument: political-commitment
    categories: [nuclear]
    entry_into_force: {{date: 2015-10-18, source: "{SRC}"}}
    events:
      - {{date: 2025-10-18, type: terminated, announced: 2015-10-18, source: "{SRC}"}}
"""


def test_an_abandoned_treaty_reads_abandoned_from_the_act() -> None:
    world = parse_dataset(TEXT.encode(), "t.yaml")
    never = world.treaties[0]
    assert assess(never, D("2002-06-13")).status is Status.NOT_IN_FORCE
    now = assess(never, D("2010-01-01"))
    assert (now.status, now.since) == (Status.ABANDONED, D("2002-06-14"))
    assert now.status.ended and "RUS declared on 2002-06-14" in now.why


def test_an_end_fixed_in_advance_is_a_deadline(tmp_path: object) -> None:
    world = parse_dataset(TEXT.encode(), "t.yaml")
    deal = world.treaties[1]
    assert assess(deal, D("2015-10-17")).expires is None
    before = assess(deal, D("2024-06-01"))
    assert (before.status, before.expires) == (Status.IN_FORCE, D("2025-10-18"))
    assert assess(deal, D("2025-10-18")).status is Status.TERMINATED


def test_bundled_salt_ii_start_ii_and_the_jcpoa() -> None:
    out = runner.invoke(app, ["list", "--as-of", "2010-01-01", "--format", "json"]).stdout
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["salt-ii"]["status"] == rows["start-ii"]["status"] == "abandoned"
    soon = runner.invoke(app, ["expiring", "--within", "2y", "--as-of", "2024-06-01", "--format", "json"]).stdout
    jcpoa = [d for d in json.loads(soon) if d["id"] == "jcpoa"]
    assert jcpoa and jcpoa[0]["deadline"] == "2025-10-18"


def test_announced_belongs_on_an_ending_before_it() -> None:
    import pytest

    from treatytrack.store.problems import LoadError

    bad = TEXT.replace("type: terminated, announced: 2015-10-18", "type: statement, announced: 2015-10-18")
    with pytest.raises(LoadError, match="only on an ending event"):
        parse_dataset(textwrap.dedent(bad).encode(), "t.yaml")


def test_an_original_party_that_did_not_exist_yet_is_reported() -> None:
    """Russia listed beside the USSR as an original party of a Soviet-era agreement."""
    import pytest

    from treatytrack.store.problems import LoadError

    text = f"""\
version: 1
reviewed: 2026-11-28
state_history:
  SUN: {{ended: 1991-12-26, continued_by: RUS, source: "{SRC}"}}
treaties:
  - id: hotline
    name: A hotline
    short_name: Hotline
    kind: bilateral
    instrument: agreement
    categories: [risk-reduction]
    signed: {{date: 1963-06-20, source: "{SRC}"}}
    entry_into_force: {{date: 1963-06-20, source: "{SRC}"}}
    participation:
      coverage: complete
      source: "{SRC}"
      as_of: 1963-06-20
      states:
        RUS: {{original: true}}
        SUN: {{original: true}}
        USA: {{original: true}}
"""
    with pytest.raises(LoadError, match="RUS: an original party that did not exist on the treaty's first day"):
        parse_dataset(text.encode(), "t.yaml")
