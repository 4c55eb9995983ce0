"""The panel (`standings`): every row is the standing `party` gives on that day, by year and by change."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import treatytrack
from treatytrack.cli import app
from treatytrack.core.panel import panel_states, spells, years
from treatytrack.core.standing import standing_on

DAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def ds() -> treatytrack.TreatyData:
    return treatytrack.load()


def _cases(ds: treatytrack.TreatyData) -> list[tuple[str, str]]:
    return [(t.id, s) for t in ds.dataset.treaties for s in panel_states(t, ds.history) if t.began is not None]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_year_row_is_the_standing_on_that_year_end(ds: treatytrack.TreatyData, data: st.DataObject) -> None:
    """A year repeats the year before unless something changed: each row must still be what
    `standing_on` answers for 31 December (or the last day) of its year."""
    treaty_id, state = data.draw(st.sampled_from(_cases(ds)))
    treaty = ds.treaty(treaty_id)
    assert treaty.began is not None
    first = data.draw(st.integers(treaty.began.year, DAY.year))
    for row in years(treaty, state, first, DAY, ds.history):
        day = min(dt.date(row.year, 12, 31), DAY)
        expected = standing_on(treaty, state, day, ds.history)
        assert (row.standing.status, row.standing.since) == (expected.status, expected.since), (row.year, day)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_spell_holds_from_its_start_to_its_end(ds: treatytrack.TreatyData, data: st.DataObject) -> None:
    """Each standing of `standings --by change` is what `standing_on` answers on its first and
    last day: a standing never outlasts the day it changed."""
    treaty_id, state = data.draw(st.sampled_from(_cases(ds)))
    treaty = ds.treaty(treaty_id)
    for spell in spells(treaty, state, DAY, ds.history):
        last = (spell.until - dt.timedelta(days=1)) if spell.until is not None else DAY
        for day in {spell.start, last}:
            expected = standing_on(treaty, state, day, ds.history)
            assert (spell.standing.status, spell.standing.since) == (expected.status, expected.since), day


MONTH_ACTS = """\
version: 1
reviewed: 2026-11-28
treaties:
  - id: monthly
    name: A convention whose consents are known to their month
    short_name: Monthly
    kind: regional
    instrument: convention
    categories: [conventional]
    opened_for_signature: {date: 1997-11-14, source: "https://example.org/open"}
    entry_into_force: {date: 1998-07-01, source: "https://example.org/eif"}
    participation:
      coverage: partial
      source: https://example.org/table
      states:
        BHS: {ratified: {date: 1998-07-01, precision: month}}
        BLZ: {ratified: {date: 1998-01-01, precision: month}}
"""


def test_an_act_known_to_its_month_is_undecided_only_in_that_month(tmp_path: Path) -> None:
    """A convention in force on 1998-07-01 (as CIFTA was, when its table knew only months). A
    ratification in January 1998 (the day not recorded): undecided in January, bound from entry
    into force whatever the day. One in July 1998: undecided in July; then consented, as a deposit
    after the first of July binds on a day no rule of the record gives (never the first of the
    month, pretended)."""
    data = tmp_path / "monthly.yaml"
    data.write_text(MONTH_ACTS, encoding="utf-8")
    args = ["standings", "monthly", "--party", "BHS", "--party", "BLZ", "--any-party", "--as-of", "2000-01-01"]
    result = CliRunner().invoke(app, [*args, "--data", str(data), "--no-cache", "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = [(r["code"], r["start"], r["until"], r["status"], r["since"]) for r in json.loads(result.stdout)]
    assert rows == [
        ("BHS", "1998-07-01", "1998-08-01", "day-not-recorded", None),
        ("BHS", "1998-08-01", None, "consented", None),
        ("BLZ", "1998-01-01", "1998-02-01", "day-not-recorded", None),
        ("BLZ", "1998-02-01", "1998-07-01", "ratified", None),
        ("BLZ", "1998-07-01", None, "party", None),
    ]


def test_cifta_deposits_now_have_their_days() -> None:
    """CIFTA's table is UNODA's record of the deposits with the OAS (July 2018): Belize deposited
    on 1998-01-12 and is bound from entry into force; the Bahamas deposited on 1998-07-30, after
    it, and no rule for later ratifications was read, so it is consented from that day."""
    args = ["standings", "cifta", "--party", "BHS", "--party", "BLZ", "--any-party", "--as-of", "2000-01-01"]
    result = CliRunner().invoke(app, [*args, "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = [(r["code"], r["start"], r["until"], r["status"]) for r in json.loads(result.stdout)]
    assert rows == [
        ("BHS", "1998-04-15", "1998-07-30", "signatory"),
        ("BHS", "1998-07-30", None, "consented"),
        ("BLZ", "1997-11-14", "1998-01-12", "signatory"),
        ("BLZ", "1998-01-12", "1998-07-01", "ratified"),
        ("BLZ", "1998-07-01", None, "party"),
    ]


def test_no_answer_pretends_the_day_of_an_act_known_to_its_month(ds: treatytrack.TreatyData) -> None:
    """For every consent of the bundled data known only to its month or year, no standing after
    that period names the period's first day as a day something happened (unless it is a day
    the record gives for another reason, such as the treaty's entry into force)."""
    from treatytrack.core.standing import acts_of

    checked = 0
    for treaty in ds.dataset.treaties:
        for state in panel_states(treaty, ds.history):
            for act in acts_of(treaty, state, ds.history):
                if act.precision == "day" or not act.kind.consent:
                    continue
                after = act.last_day + dt.timedelta(days=1)
                standing = standing_on(treaty, state, max(after, DAY), ds.history)
                first = act.day.isoformat()
                if first != str(treaty.in_force_from):
                    # A span's first day is said only as its bound ("between 1973-07-18 and ...").
                    why = standing.why.replace(f"between {first} and", "")
                    assert first not in why, (treaty.id, state, standing.why)
                    checked += 1
    assert checked > 10


@pytest.mark.parametrize("args", [[], ["--party", "RUS"], ["npt", "--from", "1990-01-01"], ["--category", "nwfz"]])
def test_the_csv_from_runs_is_the_csv_of_the_rows(args: list[str]) -> None:
    """`standings --by year` writes its CSV from runs of years; the text is what the rows'
    records give in CSV (the JSON, made row by row, read back and written with csv_chunks)."""
    from treatytrack.render.csvout import YEAR_RUN_COLUMNS, render_csv

    runner = CliRunner()
    base = ["standings", "--by", "year", *args, "--as-of", "2026-06-01"]
    csv_text = runner.invoke(app, [*base, "-f", "csv"]).stdout
    rows = json.loads(runner.invoke(app, [*base, "-f", "json"]).stdout)
    assert rows and csv_text == render_csv(rows, YEAR_RUN_COLUMNS)
