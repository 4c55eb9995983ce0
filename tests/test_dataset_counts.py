"""Each per-state table against the count its own list states in its header (`list_count`): a
row lost, doubled or misread in transcription makes the two disagree, and `validate` says so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError
from typer.testing import CliRunner

from treatytrack.cli import app
from treatytrack.core.checks import check_treaty, iso_codes
from treatytrack.core.listcount import count_differences, counted_as_listed
from treatytrack.core.models import Dataset, ListCount, Participation, StateRow, Treaty
from treatytrack.core.standing import NO_HISTORY, StateHistory
from treatytrack.store.load import load_dataset
from treatytrack.store.paths import bundled_path

D = dt.date.fromisoformat

# The tables whose lists state their counts: the UN Treaty Collection pages ('Signatories : N.
# Parties : M', STATUS AS AT 03-02-2026), UNODA's database as rendered on 2026-08-22 (states
# joined) and the MTCR Chair's statement of 27 June 2016 ('the 35 members').
HEADED = {
    "enmod": (78, 48),
    "ccw": (128, 50),
    "ccw-protocol-iv": (111, None),
    "ccw-amended-protocol-ii": (107, None),
    "ccw-article-1-amendment": (90, None),
    "ccw-protocol-v": (99, None),
    "cwc": (193, 165),
    "ctbt": (178, 187),
    "ottawa-convention": (162, 132),
    "cluster-munitions": (112, 107),
    "att": (117, 130),
    "tpnw": (74, 95),
    "npt": (191, None),
    "bwc": (189, None),
    "tlatelolco": (33, None),
    "rarotonga": (14, None),
    "bangkok": (10, None),
    "pelindaba": (43, None),
    "semipalatinsk": (5, None),
    "mtcr": (35, None),
}


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return load_dataset(bundled_path(), use_cache=False)


def treaty(dataset: Dataset, treaty_id: str) -> Treaty:
    return next(t for t in dataset.treaties if t.id == treaty_id)


def test_every_list_that_states_its_count_has_it_recorded(bundled: Dataset) -> None:
    recorded = {
        t.id: (t.participation.list_count.parties, t.participation.list_count.signatories)
        for t in bundled.treaties
        if t.participation is not None and t.participation.list_count is not None
    }
    assert recorded == HEADED


@pytest.mark.parametrize("treaty_id", sorted(HEADED))
def test_each_table_gives_its_lists_header_counts(bundled: Dataset, treaty_id: str) -> None:
    participation = treaty(bundled, treaty_id).participation
    assert participation is not None and participation.list_count is not None
    found = counted_as_listed(participation, StateHistory(bundled.state_history))
    assert found is not None
    header = participation.list_count
    assert found.parties == header.parties
    if header.signatories is not None:
        assert found.signatories == header.signatories


def _without(record: Treaty, code: str) -> Treaty:
    assert record.participation is not None
    states = {k: v for k, v in record.participation.states.items() if k != code}
    return record.model_copy(update={"participation": record.participation.model_copy(update={"states": states})})


def _with(record: Treaty, code: str, row: StateRow) -> Treaty:
    assert record.participation is not None
    states = {**record.participation.states, code: row}
    return record.model_copy(update={"participation": record.participation.model_copy(update={"states": states})})


def test_a_dropped_row_is_reported_with_both_counts(bundled: Dataset) -> None:
    history = StateHistory(bundled.state_history)
    att = treaty(bundled, "att")
    assert [f for f in check_treaty(att, iso_codes(), history) if "list_count" in f.path] == []
    findings = [f for f in check_treaty(_without(att, "AUT"), iso_codes(), history) if "list_count" in f.path]
    messages = sorted(f.message for f in findings)
    assert messages == [
        "the list's header counts 117 parties on 2026-02-03; the table has 116 (a row missing or extra?)",
        "the list's header counts 130 signatories on 2026-02-03; the table has 129 (a row missing or extra?)",
    ]
    assert sorted(f.path for f in findings) == [
        ("participation", "list_count", "parties"),
        ("participation", "list_count", "signatories"),
    ]


def test_an_extra_row_is_reported_too(bundled: Dataset) -> None:
    history = StateHistory(bundled.state_history)
    ctbt = _with(treaty(bundled, "ctbt"), "XKX", StateRow(signed=D("2000-01-01"), ratified=D("2001-01-01")))
    assert count_differences(ctbt.participation, history) == [  # type: ignore[arg-type]
        ("parties", 178, 179),
        ("signatories", 187, 188),
    ]


def _table(as_of: str, parties: int, signatories: int | None = None, **rows: StateRow) -> Participation:
    return Participation(
        coverage="complete",  # type: ignore[arg-type]
        as_of=D(as_of),
        source="https://example.org/list",
        list_count=ListCount(parties=parties, signatories=signatories),
        states=rows,
    )


def test_the_count_is_of_the_lists_own_day() -> None:
    """A consent after the list's day is not in its count; a withdrawal counts once it took effect;
    a revoked ratification leaves a signatory only."""
    table = _table(
        "2020-01-01",
        parties=2,
        signatories=3,
        AUT=StateRow(signed=D("2010-01-01"), ratified=D("2011-01-01")),
        BEL=StateRow(signed=D("2010-01-01"), ratified=D("2021-01-01")),  # after the list's day
        CAN=StateRow(acceded=D("2012-01-01"), withdrawal_notice=D("2019-06-01"), withdrawn=D("2020-06-01")),
        DNK=StateRow(acceded=D("2012-01-01"), withdrawal_notice=D("2018-06-01"), withdrawn=D("2019-06-01")),
        EST=StateRow(signed=D("2010-01-01"), ratified=D("2011-01-01"), deratified=D("2015-01-01")),
    )
    found = counted_as_listed(table, NO_HISTORY)
    assert found is not None and (found.parties, found.signatories) == (2, 3)  # AUT, CAN; AUT, BEL, EST
    assert count_differences(table, NO_HISTORY) == []
    wrong = table.model_copy(update={"list_count": ListCount(parties=3)})
    assert count_differences(wrong, NO_HISTORY) == [("parties", 3, 2)]


def test_a_state_gone_before_the_list_is_not_on_it(bundled: Dataset) -> None:
    """Czechoslovakia's row (from an End Note) is not in a list of 2026; the USSR's row stands for
    Russia's place on it."""
    history = StateHistory(bundled.state_history)
    table = _table(
        "2026-02-03",
        parties=2,
        CSK=StateRow(ratified=D("1978-05-12")),
        SUN=StateRow(ratified=D("1978-05-30")),
        USA=StateRow(ratified=D("1980-01-17")),
    )
    assert count_differences(table, history) == []


def test_a_count_needs_the_lists_day() -> None:
    with pytest.raises(ValidationError, match="list_count"):
        Participation(coverage="partial", list_count=ListCount(parties=3))  # type: ignore[arg-type]


def test_validate_names_the_line_of_the_count(tmp_path: Path) -> None:
    """The command line: one FILE:LINE:COL line for a table that lost a row, exit status 1."""
    text = bundled_path().read_text(encoding="utf-8")
    loaded = yaml.safe_load(text)
    tpnw = next(t for t in loaded["treaties"] if t["id"] == "tpnw")
    dropped = "AUT"  # signed and ratified: both counts lose one
    assert {"signed", "ratified"} <= set(tpnw["participation"]["states"][dropped])
    lines = text.splitlines(keepends=True)
    start = lines.index("  - id: tpnw\n")
    row = next(i for i in range(start, len(lines)) if lines[i].startswith(f"        {dropped}: "))
    path = tmp_path / "treaties.yaml"
    path.write_text("".join(lines[:row] + lines[row + 1 :]), encoding="utf-8")
    count_line = next(i for i in range(start, len(lines)) if lines[i].startswith("      list_count:")) + 1
    result = CliRunner().invoke(app, ["validate", str(path), "--color", "never"])
    assert result.exit_code == 1
    problems = [line for line in result.stdout.splitlines() if "header counts" in line]
    assert len(problems) == 2, result.output
    assert all(line.startswith(f"{path}:{count_line}:") for line in problems), problems
