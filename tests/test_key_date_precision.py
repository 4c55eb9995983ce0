"""A treaty's key date known only to its month or year (the Australia Group first met "in June
1985", the NSG's earliest participants adhered in 1974): every answer shows that month or year,
never the period's first day as if it were the day; inside the period the status is
`day-not-recorded`, after it plain `in-force` (issue #20 part 3)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import SMALL
from treatytrack.cli import app

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def listed(day: str, *options: str) -> dict[str, dict[str, object]]:
    rows = json.loads(run("list", "--as-of", day, "--format", "json", *options))
    return {r["id"]: r for r in rows}


def test_inside_the_founding_month_the_status_says_the_day_is_not_recorded() -> None:
    assert "australia-group" not in listed("1985-05-31")  # not yet begun
    inside = listed("1985-06-15", "--category", "chemical")["australia-group"]
    assert inside["status"] == "day-not-recorded"
    assert inside["status_since"] == "1985-06"
    assert inside["entry_into_force"] == "1985-06"
    assert "the day is not recorded" in str(inside["why"])
    after = listed("1985-07-01", "--category", "chemical")["australia-group"]
    assert (after["status"], after["status_since"]) == ("in-force", "1985-06")
    assert after["why"] == "in force since 1985-06 (day not recorded)"


def test_a_founding_known_to_the_year_reads_the_same_way() -> None:
    inside = listed("1974-12-31", "--category", "export-control")["nsg"]
    assert (inside["status"], inside["status_since"]) == ("day-not-recorded", "1974")
    after = listed("1975-01-01", "--category", "export-control")["nsg"]
    assert (after["status"], after["status_since"], after["entry_into_force"]) == ("in-force", "1974", "1974")


def test_show_json_carries_the_precision() -> None:
    record = json.loads(run("show", "australia-group", "--as-of", "2019-01-01", "--format", "json"))
    assert record["dates"]["entry_into_force"]["date"] == "1985-06"
    assert record["dates"]["entry_into_force"]["precision"] == "month"
    new_start = json.loads(run("show", "new-start", "--as-of", "2019-01-01", "--format", "json"))
    assert (new_start["dates"]["entry_into_force"]["date"], new_start["dates"]["entry_into_force"]["precision"]) == (
        "2011-02-05",
        "day",
    )
    india = next(p for p in record["parties"] if p["code"] == "IND")
    assert (india["status"], india["since"], india["in_force_for_state"]) == ("member", "2018-01-19", "2018-01-19")
    # A founder known to the year 1985, bound from a founding known to June 1985: bound in 1985.
    australia = next(p for p in record["parties"] if p["code"] == "AUS")
    assert (australia["status"], australia["since"], australia["in_force_for_state"]) == ("member", None, "1985")


# Commands and formats whose output names the Australia Group's founding.
VIEWS = [
    ("list", "--category", "chemical"),
    ("show", "australia-group"),
    ("parties", "australia-group"),
    ("timeline", "australia-group"),
    ("timeline", "--chart", "--category", "chemical"),
    ("diff", "1985-01-01", "--category", "chemical"),
    ("standings", "australia-group"),
    ("export", "--category", "chemical"),
]
FORMATS = ["table", "json", "csv", "markdown"]


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: " ".join(v[:2]))
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    day=st.dates(min_value=dt.date(1985, 6, 1), max_value=dt.date(1987, 12, 31)),
    fmt=st.sampled_from(FORMATS),
)
def test_no_output_shows_the_first_day_of_the_founding_month(view: tuple[str, ...], day: dt.date, fmt: str) -> None:
    command, *rest = view
    if command == "diff":  # diff FROM TO: the second day is the as-of
        args = [command, rest[0], day.isoformat(), *rest[1:], "--format", fmt]
    elif command == "export":
        args = [command, {"table": "ics", "markdown": "markdown", "json": "json", "csv": "csv"}[fmt], *rest]
        args += ["--as-of", day.isoformat()]
    else:
        args = [command, *rest, "--as-of", day.isoformat(), "--format", fmt]
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    if day != dt.date(1985, 6, 1):  # on that day itself the day asked is named
        assert "1985-06-01" not in result.stdout


def test_the_gantt_starts_the_bar_when_the_regime_is_known_to_be_in_force() -> None:
    out = run("export", "markdown", "--category", "chemical", "--as-of", "2000-01-01")
    assert "%% in force from 1985-06 (day not recorded): bar from 1985-07-01" in out
    assert "1985-06-01" not in out


def test_the_lifespan_chart_says_its_bar_starts_on_the_period_s_first_day() -> None:
    result = runner.invoke(app, ["timeline", "--chart", "--category", "chemical", "--as-of", "2000-01-01"])
    assert result.exit_code == 0
    assert "Australia Group: a key date is known only to a month, a year or a span of days" in result.stderr
    quiet = runner.invoke(
        app, ["timeline", "--chart", "--category", "nuclear", "--kind", "bilateral", "--as-of", "2000-01-01"]
    )
    assert "a key date is known only to" not in quiet.stderr


def test_india_is_in_the_mtcr_and_wassenaar_not_the_nsg() -> None:
    rows = listed("2019-01-01", "--party", "IND")
    assert {"mtcr", "wassenaar", "australia-group"} <= set(rows)
    assert "nsg" not in rows
    party = json.loads(run("party", "IND", "--as-of", "2019-01-01", "--format", "json"))
    standing = {r["id"]: r["status"] for r in party["treaties"]}
    # The NSG's 48, dated by the ROK Foreign Ministry's count of 23 June 2016, do not include India.
    assert standing["nsg"] == "not-party"
    assert standing["australia-group"] == "member"


def test_nsg_members_with_days_and_years() -> None:
    rows = {r["code"]: r for r in json.loads(run("parties", "nsg", "--as-of", "2026-01-01", "--format", "json"))}
    assert len([r for r in rows.values() if r["status"] == "member"]) == 48
    assert (rows["CZE"]["consent_date"], rows["SVK"]["consent_date"]) == ("1993-03-05", "1993-03-05")
    assert rows["SRB"]["consent_date"] == "2013"
    assert rows["RUS"]["status"] == "member"  # carries on the USSR's participation of 1974
    early = {
        r["code"]: r["status"] for r in json.loads(run("parties", "nsg", "--as-of", "2013-06-30", "--format", "json"))
    }
    assert early["SRB"] == "day-not-recorded" and early["USA"] == "member"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            "entry_into_force: {date: 2011-02-05, source:",
            "with `precision: month`, `date` is the month's first day (YYYY-MM-01)",
        ),
        (
            "entry_into_force: {date: 2011-02-01, source:",
            "a term (`duration`) runs from a day: `entry_into_force` needs `precision: day`",
        ),
    ],
)
def test_validate_refuses_a_period_that_does_not_start_on_its_first_day_or_a_term_from_it(
    edit: str, message: str, tmp_path: Path
) -> None:
    text = SMALL.read_text(encoding="utf-8")
    original = "entry_into_force: {date: 2011-02-05, source:"
    assert original in text
    path = tmp_path / "treaties.yaml"
    path.write_text(text.replace(original, edit.replace("source:", "precision: month, source:"), 1))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert message in result.stdout


@pytest.mark.parametrize("fmt", ["atom", "html", "datapackage"])
def test_the_feed_the_page_and_the_package_show_the_month(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / "out"
    args = ["export", fmt, "--category", "chemical", "--as-of", "2000-01-01", "--output", str(target)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    files = [p for p in target.rglob("*") if p.is_file()] if target.is_dir() else [target]
    text = "".join(p.read_text(encoding="utf-8") for p in files)
    assert "Australia Group" in text
    shown = text.replace("1985-06-01T00:00:00Z", "")  # Atom's timestamps are instants: the month's first
    assert "1985-06-01" not in shown
