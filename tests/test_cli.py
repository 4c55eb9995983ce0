"""The command line end to end through Typer's CliRunner: stdout, stderr and exit codes apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL, check_golden
from treatytrack import __version__
from treatytrack.cli import app
from treatytrack.render import OutputFormat

runner = CliRunner()


def run(*args: str, data: Path = SMALL) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--data", str(data)], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_version_shows_the_review_date() -> None:
    result = runner.invoke(app, ["--version"], env={"TREATYTRACK_DATA": str(SMALL)})
    assert result.exit_code == 0
    assert result.stdout == f"treatytrack {__version__} (dataset reviewed 2026-11-28)\n"


def test_list_table_2015_shows_new_start_in_force() -> None:
    code, out, err = run("list", "--as-of", "2015-06-01")
    assert code == 0 and err == ""
    line = next(line for line in out.splitlines() if "New START" in line)
    assert line.split() == ["New", "START", "bilateral", "in-force", "2011-02-05", "2011-02-05", "2021-02-05", "2076"]
    assert "dataset reviewed 2026-11-28" in out


def test_list_2026_shows_new_start_expired_after_extension() -> None:
    code, out, _ = run("list", "--as-of", "2026-11-28", "--format", "json")
    assert code == 0
    new_start = next(r for r in json.loads(out) if r["id"] == "new-start")
    assert new_start["status"] == "expired"
    assert new_start["status_since"] == "2026-02-05"
    assert new_start["expires"] == "2026-02-05"
    assert new_start["expires_by"] == "extension"
    assert new_start["days_left"] is None


def test_list_hides_treaties_not_yet_signed() -> None:
    _, out, _ = run("list", "--as-of", "1990-01-01", "--format", "json")
    assert [r["id"] for r in json.loads(out)] == ["npt", "inf-treaty"]


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        (["--status", "expired"], ["new-start"]),
        (["--status", "in-force", "--kind", "regional"], ["open-skies"]),
        (["--category", "test-ban"], ["ctbt"]),
        (["--party", "prk"], []),  # the DPRK's NPT withdrawal took effect on 2003-01-11
        (["--party", "prk", "--standing", "withdrawn"], ["npt"]),
        (["--party", "North Korea", "--standing", "any"], []),
        (["--party", "RUS", "--kind", "bilateral"], []),
        (["--party", "RUS", "--kind", "bilateral", "--standing", "treaty-ended"], ["inf-treaty", "new-start"]),
        # Both must have the standing: on the INF Treaty the United States withdrew, Russia did not.
        (["--party", "Russia", "--party", "USA", "--standing", "treaty-ended"], ["new-start"]),
        (["--party", "USA", "--standing", "withdrawn"], ["inf-treaty", "open-skies"]),
    ],
)
def test_list_filters(filters: list[str], ids: list[str]) -> None:
    _, out, _ = run("list", "--as-of", "2026-11-28", "--format", "json", *filters)
    assert [r["id"] for r in json.loads(out)] == ids


@pytest.mark.parametrize("fmt", [f.value for f in OutputFormat])
def test_list_golden(fmt: str) -> None:
    code, out, err = run("list", "--as-of", "2026-11-28", "--format", fmt)
    assert code == 0 and err == ""
    check_golden(f"list-2026-11-28.{ {'table': 'txt', 'markdown': 'md'}.get(fmt, fmt) }", out)


@pytest.mark.parametrize("fmt", [f.value for f in OutputFormat])
def test_show_golden(fmt: str) -> None:
    code, out, err = run("show", "new start", "--as-of", "2026-11-28", "--format", fmt)
    assert code == 0 and err == ""
    check_golden(f"show-new-start.{ {'table': 'txt', 'markdown': 'md'}.get(fmt, fmt) }", out)


def test_show_json_contract() -> None:
    _, out, _ = run("show", "ДСНВ", "--as-of", "2024-01-01", "--format", "json")
    record = json.loads(out)
    for key in (
        "id",
        "name",
        "short_name",
        "kind",
        "status",
        "signed",
        "entry_into_force",
        "expires",
        "days_left",
        "aliases",
        "categories",
        "parties",
        "events",
        "limits",
        "sources",
    ):
        assert key in record
    assert record["status"] == "suspended"
    assert record["days_left"] == 766
    assert record["events"][1] == {
        "date": "2023-02-21",
        "type": "suspended",
        "party": "RUS",
        "note": None,
        "source": "https://www.armscontrol.org/factsheets/new-start-glance",
        "new_expiry": None,
        "effective": None,
    }
    assert [(p["code"], p["status"]) for p in record["parties"]] == [("RUS", "suspended"), ("USA", "party")]


def test_show_miss_suggests_and_exits_1() -> None:
    code, out, err = run("show", "New STRAT", "--as-of", "2026-11-28")
    assert code == 1 and out == ""
    assert (
        err
        == "treatytrack: no treaty named 'New STRAT'. Did you mean: New START? (`treatytrack list` shows them all)\n"
    )


def test_expiring_window_and_fail_on() -> None:
    code, out, err = run(
        "expiring", "--as-of", "2025-11-01", "--within", "6m", "--format", "json", "--fail-on-expiring"
    )
    assert code == 1
    records = json.loads(out)
    assert [(r["id"], r["deadline"], r["days_left"], r["what"]) for r in records] == [
        ("new-start", "2026-02-05", 96, "expires")
    ]
    assert err == "treatytrack: 1 deadline(s) up to 2026-05-01.\n"


def test_expiring_includes_pending_multilateral_withdrawals_soonest_first() -> None:
    code, out, _ = run("expiring", "--as-of", "2020-06-01", "--within", "2y", "--format", "json")
    assert code == 0
    assert [(r["id"], r["deadline"], r["what"], r["party"]) for r in json.loads(out)] == [
        ("open-skies", "2020-11-22", "withdrawal", "USA"),
        ("new-start", "2021-02-05", "expires", None),
    ]


def test_expiring_empty_is_success() -> None:
    code, out, _ = run("expiring", "--as-of", "2027-01-01", "--within", "90d", "--format", "csv", "--fail-on-expiring")
    assert code == 0
    assert out.startswith("id,name,")
    assert len(out.splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--as-of", "2026-02-30"], "2026-02-30 is not a calendar date"),
        (["list", "--as-of", "yesterday"], "'yesterday' is not a date; write YYYY-MM-DD"),
        (["list", "--status", "alive"], "Invalid value for '--status'"),
        (["expiring", "--within", "soon"], "'soon' is not a span"),
        (["list", "--format", "xml"], "Invalid value for '--format'"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert message in err


def test_bad_data_file_is_located_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nreviewed: 2026-11-28\ntreaties:\n  - id: Not A Slug\n")
    code, out, err = run("list", "--as-of", "2026-11-28", data=bad)
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[:2] == [
        f"{bad}:4:5: treaties[0]: missing required key `categories`",
        f"{bad}:4:5: treaties[0]: missing required key `instrument`",
    ]
    assert (
        f"{bad}:4:9: treaties[0].id: `Not A Slug` is not an id: use lower-case words joined by hyphens, e.g. new-start"
        in lines
    )
    assert lines[-1].startswith("treatytrack: the data did not load (")
    assert "Traceback" not in err


def test_review_date_note_goes_to_stderr() -> None:
    code, out, err = run("list", "--as-of", "2030-01-01", "--format", "json")
    assert code == 0
    json.loads(out)
    assert err.startswith("note: 2030-01-01 is after the dataset's review date (2026-11-28)")


def test_data_from_environment_variable() -> None:
    result = runner.invoke(
        app, ["list", "--as-of", "2026-11-28", "--format", "csv"], env={"TREATYTRACK_DATA": str(SMALL)}
    )
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 6


def test_every_format_has_a_renderer() -> None:
    for fmt in OutputFormat:
        for command in (["list"], ["show", "npt"], ["expiring"]):
            code, out, _ = run(*command, "--as-of", "2020-06-01", "--format", fmt.value)
            assert code == 0 and out, (command, fmt)


def test_csv_headers_are_unique() -> None:
    for command in (["list"], ["expiring"], ["show", "new-start"]):
        _, out, _ = run(*command, "--as-of", "2020-06-01", "--format", "csv")
        header = out.splitlines()[0].split(",")
        assert len(header) == len(set(header)), command


def test_list_limit() -> None:
    code, out, err = run("list", "--as-of", "2026-11-28", "--format", "json", "--limit", "2")
    assert code == 0 and [r["id"] for r in json.loads(out)] == ["npt", "inf-treaty"]
    assert err == "note: showing 2 of 5 treaties (--limit).\n"
    assert run("list", "--limit", "0")[0] == 2
