"""timeline, export, diff, party and limits through the CLI; golden files for every export format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import SMALL, check_golden
from treatytrack.cli import app
from treatytrack.render.markdown import render_table
from treatytrack.render.records import EVENT_COLUMNS

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--data", str(SMALL)], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["markdown", "csv", "json", "ics"])
def test_export_golden(fmt: str) -> None:
    """svg, png, pdf: tests/test_figures.py; html: tests/test_report_html.py."""
    code, out, err = run("export", fmt, "--as-of", "2026-11-28", *(["--alarm", "30d"] if fmt == "ics" else []))
    assert code == 0 and err == ""
    check_golden(f"export.{ {'markdown': 'md'}.get(fmt, fmt) }", out)


def test_export_markdown_document() -> None:
    _, out, _ = run("export", "markdown", "--as-of", "2026-11-28")
    assert out.startswith("# Arms-control agreements on 2026-11-28\n")
    assert "dataset reviewed 2026-11-28" in out
    assert "```mermaid\ngantt\n" in out
    assert "    New START (expired) :done, 2011-02-05, 2026-02-05" in out
    assert "| 2019-08-02 | INF Treaty | USA | withdrawn (derived) |" in out
    _, without, _ = run("export", "markdown", "--as-of", "2026-11-28", "--no-chart")
    assert "```mermaid" not in without


def test_export_csv_parses_back_and_defuses_formulas() -> None:
    _, out, _ = run("export", "csv", "--as-of", "2026-11-28")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(EVENT_COLUMNS)
    new_start = [r for r in rows if r["id"] == "new-start"]
    assert [r["type"] for r in new_start] == ["signed", "entered-into-force", "extended", "suspended", "expired"]
    assert new_start[-1]["derived"] == "true"


def test_export_ics_parses_back_with_stable_uids() -> None:
    from icalendar import Calendar

    _, first, _ = run("export", "ics", "--as-of", "2026-11-28", "--alarm", "30d", "--alarm", "1y")
    _, second, _ = run("export", "ics", "--as-of", "2026-11-28", "--alarm", "30d", "--alarm", "1y")
    assert first == second
    calendar = Calendar.from_ical(first)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    expiry = events["new-start-expiry@treatytrack"]
    assert expiry.decoded("dtstart").isoformat() == "2026-02-05"
    assert [str(a["trigger"].to_ical(), "ascii") for a in expiry.walk("VALARM")] == ["-P30D", "-P365D"]
    assert events["open-skies-withdrawal-usa@treatytrack"].decoded("dtstart").isoformat() == "2020-11-22"


def test_export_json_has_dates_and_treaties() -> None:
    _, out, _ = run("export", "json", "--as-of", "2026-11-28", "--treaty", "new start")
    payload = json.loads(out)
    assert (payload["as_of"], payload["reviewed"]) == ("2026-11-28", "2026-11-28")
    assert [t["id"] for t in payload["treaties"]] == ["new-start"]


def test_export_output_is_atomic_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    code, out, err = run("export", "markdown", "--as-of", "2026-11-28", "--output", str(target))
    assert code == 0 and out == "" and target.read_text().startswith("# Arms-control")
    target.write_text("keep me")
    code, _, err = run("export", "markdown", "--as-of", "2026-11-28", "--output", str(target))
    assert code == 2 and "add --force" in err and target.read_text() == "keep me"
    code, _, _ = run("export", "csv", "--as-of", "2026-11-28", "--output", str(target), "--force")
    assert code == 0 and target.read_text().startswith("date,id,short_name,name")
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_timeline_filters_and_formats() -> None:
    code, out, _ = run("timeline", "open skies", "--as-of", "2026-11-28", "--format", "json", "--party", "USA")
    assert code == 0
    assert [(r["date"], r["type"], r["party"]) for r in json.loads(out)] == [
        ("1992-03-24", "signed", None),
        ("2002-01-01", "entered-into-force", None),
        ("2020-05-22", "withdrawal-notice", "USA"),
        ("2020-11-22", "withdrawn", "USA"),
    ]
    _, out, _ = run(
        "timeline", "--as-of", "2026-11-28", "--format", "json", "--type", "extended", "--from", "2000-01-01"
    )
    assert [(r["id"], r["date"]) for r in json.loads(out)] == [("new-start", "2021-02-03")]


def test_timeline_table_groups_by_year() -> None:
    code, out, _ = run("timeline", "inf", "--as-of", "2026-11-28")
    assert code == 0
    lines = out.splitlines()
    assert any(line.strip() == "2019" for line in lines)
    check_golden("timeline-inf.txt", out)


@pytest.mark.parametrize("columns", ["80", "200"])
def test_chart_fits_the_terminal(columns: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    code, out, _ = run("timeline", "--chart", "--kind", "bilateral", "--as-of", "2026-11-28")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= int(columns)
    assert "New START" in out and "┃" in out and "1990" in out
    check_golden(f"chart-{columns}.txt", out)


def test_diff_2019_to_2021() -> None:
    code, out, _ = run("diff", "2019-01-01", "2021-12-31", "--as-of", "2026-11-28", "--format", "json")
    assert code == 0
    assert [(r["date"], r["id"], r["party"], r["after"]) for r in json.loads(out)] == [
        ("2019-08-02", "inf-treaty", None, "terminated"),
        ("2019-08-02", "inf-treaty", "USA", "withdrawn"),
        ("2020-11-22", "open-skies", "USA", "withdrawn"),
        ("2021-02-03", "new-start", None, "expires 2026-02-05"),
        ("2021-12-18", "open-skies", "RUS", "withdrawn"),
    ]


def test_diff_since_and_usage_errors() -> None:
    code, out, _ = run("diff", "--since", "1y", "--as-of", "2023-12-31", "--format", "csv")
    assert code == 0
    assert out.splitlines()[1].startswith("2023-02-21,new-start,New START,,status,in-force,suspended")
    assert run("diff", "2021-01-01", "2020-01-01")[0] == 2
    assert run("diff", "--as-of", "2021-01-01")[0] == 2


def test_party_by_name_and_compare() -> None:
    code, out, _ = run("party", "russian federation", "--as-of", "2024-01-01", "--format", "json")
    assert code == 0
    standing = {r["id"]: r["status"] for r in json.loads(out)["treaties"]}
    assert standing == {
        "npt": "not-recorded",
        "inf-treaty": "treaty-ended",
        "open-skies": "withdrawn",
        "ctbt": "deratified",
        "new-start": "suspended",
    }
    code, out, _ = run("party", "--compare", "USA", "RUS", "--as-of", "2024-01-01", "--format", "csv")
    assert (
        code == 0
        and out.splitlines()[0] == "id,short_name,category,treaty_status,USA_status,USA_since,RUS_status,RUS_since"
    )
    code, _, err = run("party", "Rusia")
    assert code == 2 and "did you mean RUS (Russian Federation)" in err


def test_limits_apply_only_while_in_force() -> None:
    _, out, _ = run("limits", "--as-of", "2015-01-01", "--format", "json")
    assert [(r["id"], r["value"], r["binding"]) for r in json.loads(out)] == [
        ("inf-treaty", 0, True),
        ("new-start", 1550, False),
    ]
    code, out, err = run("limits", "new start", "--as-of", "2026-11-28", "--format", "json")
    assert code == 0 and json.loads(out) == []
    assert err == (
        "note: New START expired on 2026-02-05 (term extended on 2021-02-03 to 2026-02-05), so none of its limits "
        "applies on 2026-11-28; it was in force from 2011-02-05 to 2026-02-04 (try --as-of 2026-02-04).\n"
    )


cell_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@settings(max_examples=200)
@given(rows=st.lists(st.lists(cell_text, min_size=3, max_size=3), min_size=1, max_size=5))
def test_markdown_tables_keep_their_columns(rows: list[list[str]]) -> None:
    table = render_table(["a", "b", "c"], rows)
    lines = table.splitlines()
    assert len(lines) == len(rows) + 2
    for line in lines:
        assert line.replace("\\\\", "").replace("\\|", "").count("|") == 4, line


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("diff", ["diff", "2019-01-01", "2021-12-31"]),
        ("party", ["party", "--compare", "USA", "RUS", "--as-of", "2024-01-01"]),
        ("limits", ["limits", "--as-of", "2015-01-01"]),
        ("timeline", ["timeline", "--as-of", "2026-11-28"]),
    ],
)
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_analysis_golden(name: str, args: list[str], fmt: str) -> None:
    code, out, err = run(*args, "--format", fmt)
    assert code == 0 and err == ""
    check_golden(f"{name}.{ {'table': 'txt', 'markdown': 'md'}.get(fmt, fmt) }", out)
