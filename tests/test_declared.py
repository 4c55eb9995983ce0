"""Declared numbers against the ceilings (issue 24 part 1): the model's rules, `limits --declared`
(table, JSON, CSV, Markdown agree; goldens), and the chart `export svg|png|pdf --declared`."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError
from typer.testing import CliRunner

from tests.conftest import FIXTURES, check_golden
from treatytrack.cli import app
from treatytrack.core.checks import check_dataset
from treatytrack.core.models import Dataset, Declared, Limit
from treatytrack.render.declared_records import DECLARED_COLUMNS

DECLARED = FIXTURES / "declared.yaml"
runner = CliRunner()


def run(*args: str, data: Path | None = DECLARED) -> tuple[int, str, str]:
    extra = ["--data", str(data)] if data is not None else []
    result = runner.invoke(app, [*args, *extra], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def by_item_and_party(out: str) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["item"], r["party"]): r for r in json.loads(out)}


# --- the done-when cases, on the bundled data ---------------------------------------------------


def test_bundled_new_start_on_2020_10_01_shows_both_parties_values_of_2020_09_01() -> None:
    code, out, err = run("limits", "new-start", "--declared", "--as-of", "2020-10-01", "--format", "json", data=None)
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert {r["date"] for r in rows} == {"2020-09-01"}
    values = {(r["limit"], r["party"]): r["value"] for r in rows}
    assert values == {
        (1550, "USA"): 1457,
        (1550, "RUS"): 1447,
        (700, "USA"): 675,
        (700, "RUS"): 510,
        (800, "USA"): 800,
        (800, "RUS"): 764,
    }
    assert all(r["source"].startswith("https://") and r["within_limit"] is True for r in rows)


def test_bundled_new_start_on_2023_06_01_shows_us_values_and_russia_not_provided() -> None:
    code, out, _ = run("limits", "new-start", "--declared", "--as-of", "2023-06-01", "--format", "json", data=None)
    assert code == 0
    rows = json.loads(out)
    assert {r["date"] for r in rows} == {"2023-03-01"}
    us = {r["limit"]: r["value"] for r in rows if r["party"] == "USA"}
    assert us == {1550: 1419, 700: 662, 800: 800}
    russia = [r for r in rows if r["party"] == "RUS"]
    assert len(russia) == 3
    assert all(r["not_provided"] is True and r["value"] is None and r["within_limit"] is None for r in russia)
    assert {r["source"] for r in rows} == {
        "https://www.state.gov/new-start-treaty-aggregate-numbers-of-strategic-offensive-arms-5/"
    }
    code, table, _ = run("limits", "new-start", "--declared", "--as-of", "2023-06-01", data=None)
    assert table.count("not provided") == 3 and "1,419" in table


def test_bundled_data_validates_with_declared_rows() -> None:
    code, _, err = run("validate", "--strict-sources", data=None)
    assert code == 0, err


# --- the listing -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, suffix", [("json", "json"), ("csv", "csv"), ("markdown", "md"), ("table", "txt")])
def test_declared_listing_golden(fmt: str, suffix: str) -> None:
    code, out, err = run("limits", "--declared", "--as-of", "2023-06-01", "--format", fmt)
    assert code == 0 and err == ""
    check_golden(f"limits-declared.{suffix}", out)


def test_the_formats_agree() -> None:
    """JSON, CSV, Markdown and the table give the same party, value and data date for each row."""
    args = ("limits", "--declared", "--as-of", "2020-10-01", "--format")
    rows = json.loads(run(*args, "json")[1])
    table_rows = list(csv.DictReader(io.StringIO(run(*args, "csv")[1])))
    assert list(table_rows[0]) == DECLARED_COLUMNS
    markdown = run(*args, "markdown")[1]
    terminal = run(*args, "table")[1]
    assert len(rows) == len(table_rows) == 6
    for record, line in zip(rows, table_rows, strict=True):
        assert (line["party"], line["date"], line["value"]) == (record["party"], record["date"], str(record["value"]))
        shown = f"{record['value']:,}"
        assert re.search(rf"\| {record['party_name']} \| {shown} \| {record['date']} \|", markdown)
        assert re.search(rf"{record['party']}\s+{shown} \[\d\]\s+{record['date']}", terminal)


def test_latest_value_on_or_before_the_day() -> None:
    rows = by_item_and_party(run("limits", "new-start", "--declared", "--as-of", "2020-08-31", "--format", "json")[1])
    assert {r["date"] for r in rows.values()} == {"2011-02-05"}
    assert (
        rows["warheads on deployed ICBMs and SLBMs plus warheads counted for deployed heavy bombers", "USA"][
            "within_limit"
        ]
        is False
    )  # 1,800 against 1,550: above the ceiling, before its deadline
    rows = by_item_and_party(run("limits", "new-start", "--declared", "--as-of", "2020-09-01", "--format", "json")[1])
    assert {r["date"] for r in rows.values()} == {"2020-09-01"}


def test_a_total_no_ceiling_measures_has_no_limit() -> None:
    rows = json.loads(run("limits", "inf-treaty", "--declared", "--as-of", "2000-01-01", "--format", "json")[1])
    assert [(r["party"], r["value"], r["limit"], r["within_limit"]) for r in rows] == [
        ("USA", 846, None, None),
        ("SUN", 1846, None, None),
    ]


def test_nothing_declared_says_so_and_exits_0() -> None:
    code, out, err = run("limits", "pmda", "--declared", "--as-of", "2020-01-01")
    assert (code, out) == (0, "")
    assert err == "note: the record of PMDA holds no declared numbers.\n"
    code, out, err = run("limits", "pmda", "--declared", "--as-of", "2020-01-01", "--format", "json")
    assert (code, json.loads(out)) == (0, [])
    code, out, err = run("limits", "new-start", "--declared", "--as-of", "2010-01-01", "--format", "csv")
    assert code == 0 and out.strip() == ",".join(DECLARED_COLUMNS)
    assert "first data date is 2011-02-05 (try --as-of 2011-02-05)" in err


def test_limits_without_declared_is_unchanged() -> None:
    rows = json.loads(run("limits", "new-start", "--as-of", "2020-10-01", "--format", "json")[1])
    assert [r["value"] for r in rows] == [1550, 800] and "party" not in rows[0]


# --- the model -----------------------------------------------------------------------------------


def test_a_row_gives_a_value_or_not_provided_never_both_nor_neither() -> None:
    base = {"party": "USA", "date": "2020-09-01", "source": "https://example.org"}
    assert Declared.model_validate({**base, "value": 1}).value == 1
    assert Declared.model_validate({**base, "not_provided": True}).not_provided
    with pytest.raises(ValidationError, match="not both"):
        Declared.model_validate({**base, "value": 1, "not_provided": True})
    with pytest.raises(ValidationError, match="give the declared `value`"):
        Declared.model_validate(base)
    with pytest.raises(ValidationError):
        Declared.model_validate({**base, "value": "1457"})  # strict: a number, not text


def test_one_row_per_party_and_date() -> None:
    row = {"party": "USA", "date": "2020-09-01", "value": 1, "source": "https://example.org"}
    limit = {"item": "warheads", "value": 1550, "unit": "warheads", "source": "s"}
    with pytest.raises(ValidationError, match="two declared rows for USA on 2020-09-01"):
        Limit.model_validate({**limit, "declared": [row, {**row, "value": 2}]})
    assert len(Limit.model_validate({**limit, "declared": [row, {**row, "party": "RUS"}]}).declared) == 2


def _dataset(edit: Any) -> Dataset:
    raw = yaml.safe_load(DECLARED.read_text(encoding="utf-8"))
    edit(raw)
    return Dataset.model_validate(raw)


def test_a_party_the_record_does_not_name_is_a_finding() -> None:
    def edit(raw: dict[str, Any]) -> None:
        raw["treaties"][0]["limits"][0]["declared"][0]["party"] = "CHN"

    findings = check_dataset(_dataset(edit))
    assert [(f.path, f.message) for f in findings] == [
        (
            ("treaties", 0, "limits", 0, "declared", 0, "party"),
            "`CHN` is not a party in the record of New START (it names RUS, USA)",
        )
    ]


def test_a_data_date_after_reviewed_is_a_finding() -> None:
    def edit(raw: dict[str, Any]) -> None:
        raw["treaties"][1]["declared"][0]["date"] = "2027-01-01"

    findings = check_dataset(_dataset(edit))
    assert [f.path for f in findings] == [("treaties", 1, "declared", 0, "date")]
    assert "after the dataset's `reviewed` (2026-11-28)" in findings[0].message


def test_validate_reports_a_duplicate_row_with_its_line(tmp_path: Path) -> None:
    text = DECLARED.read_text(encoding="utf-8").replace(
        "{party: RUS, date: 2011-02-05, value: 1537,", "{party: USA, date: 2011-02-05, value: 1537,", 1
    )
    broken = tmp_path / "duplicate.yaml"
    broken.write_text(text, encoding="utf-8")
    code, out, err = run("validate", data=broken)
    assert code == 1
    assert re.search(r"duplicate\.yaml:\d+:\d+: .*two declared rows for USA on 2011-02-05", out + err)


# --- the chart -----------------------------------------------------------------------------------


@pytest.mark.charts
def test_svg_draws_both_parties_series_the_ceilings_and_not_provided() -> None:
    code, out, err = run("export", "svg", "--declared", "new-start", "--as-of", "2026-11-28")
    assert code == 0, err
    ids = set(re.findall(r'id="([^"]+)"', out))
    for index in (0, 1):
        assert {f"declared-USA-{index}", f"declared-RUS-{index}", f"ceiling-{index}"} <= ids
        assert f"not-provided-RUS-{index}" in ids
    assert {"title", "legend", "footer"} <= ids
    # the US line has its three declared points (2011, 2020, 2023), each a segment of its own:
    # years apart, no line joins them
    group = re.search(r'<g id="declared-USA-0">(.*?)</g>', out, re.S)
    assert group is not None
    path = re.search(r'<path d="([^"]*)"', group.group(1))
    assert path is not None and path.group(1).split().count("M") == 3 and "L" not in path.group(1).split()
    assert group.group(1).count("<use ") == 3


@pytest.mark.charts
def test_png_is_not_blank_and_pdf_is_a_pdf(tmp_path: Path) -> None:
    from PIL import Image

    target = tmp_path / "declared.png"
    code, _, err = run("export", "png", "--declared", "new-start", "--as-of", "2026-11-28", "-o", str(target))
    assert code == 0, err
    image = Image.open(target).convert("L")
    histogram = image.histogram()
    dark = sum(histogram[:128])
    assert image.size[0] >= 1800 and dark > 0.005 * image.size[0] * image.size[1]
    colours = Image.open(target).convert("RGB").getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50  # drawn lines and text, not one flat colour
    code, out, _ = run("export", "pdf", "--declared", "new-start", "--as-of", "2026-11-28")
    assert code == 0 and out.startswith("%PDF-")


@pytest.mark.charts
def test_chart_before_the_last_exchange_leaves_later_rows_out() -> None:
    code, out, _ = run("export", "svg", "--declared", "new-start", "--as-of", "2022-01-01")
    assert code == 0
    assert "not-provided-RUS-0" not in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["csv", "--declared", "new-start"], "--declared draws svg, png or pdf, not csv"),
        (["svg", "--declared", "new-start", "--treaty", "pmda"], "not --by-state, --treaty"),
        (["svg", "--declared", "new-start", "--party", "USA"], "not --by-state, --treaty, --party"),
    ],
)
def test_export_declared_refuses_what_does_not_apply(args: list[str], message: str) -> None:
    code, _, err = run("export", *args)
    assert code == 2
    assert message in " ".join(err.split())


def test_export_declared_of_a_treaty_without_declared_numbers_is_a_usage_error() -> None:
    code, out, err = run("export", "svg", "--declared", "pmda")
    assert (code, out) == (2, "")
    assert "the record of PMDA holds no declared numbers against a ceiling" in err


@pytest.mark.charts
def test_bundled_lines_join_consecutive_exchanges_only() -> None:
    """2017-09-01 to 2022-03-01 are six-monthly exchanges in a row (2018-02-05 the day the limits
    took effect): one joined line; 2013-03-01 to 2014-09-01 is not: the line breaks there."""
    code, out, _ = run("export", "svg", "--declared", "new-start", "--as-of", "2026-11-28", data=None)
    assert code == 0
    group = re.search(r'<g id="declared-USA-0">\s*<path d="([^"]*)"', out)
    assert group is not None
    words = group.group(1).split()
    # points: 2011-02 ... 2013-03 (five) | 2014-09 | 2017-09, 2018-02, ... 2022-03 (ten) | 2023-03
    assert words.count("M") == 4 and words.count("L") == 4 + 9


@pytest.mark.charts
@pytest.mark.parametrize("width", [6.0, 10.0, 16.0])
def test_no_two_labels_overlap(width: float) -> None:
    """Every text the chart draws (titles, legend, the marks' and ceilings' labels, "not provided",
    the footer) keeps clear of every other, at narrow and wide --width."""
    from typing import cast

    import matplotlib
    from matplotlib.text import Text

    from treatytrack.core.declared import declared_series
    from treatytrack.core.parties import party_names
    from treatytrack.render.declared_chart import _figure
    from treatytrack.render.figure_style import RC_PARAMS
    from treatytrack.store.load import load_dataset
    from treatytrack.store.paths import bundled_path

    dataset = load_dataset(bundled_path(), use_cache=False)
    treaty = next(t for t in dataset.treaties if t.id == "new-start")
    series = [s for s in declared_series(treaty) if s.ceiling is not None]
    with matplotlib.rc_context(cast(Any, RC_PARAMS)):
        figure = _figure(
            (treaty.short_name, treaty.id), series, party_names(dataset), __import__("datetime").date(2026, 11, 28),
            [("RUS", __import__("datetime").date(2023, 2, 21))], "New START: declared numbers", width,
        )  # fmt: skip
        figure.canvas.draw()  # lays the legend out
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        texts = [t for t in figure.findobj(Text) if t.get_text().strip() and t.get_visible()]
        boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    # tick labels sit beside their own axis: compare only the texts this chart places itself
    placed = [(text, box) for text, box in boxes if not text.replace(",", "").isdigit()]
    assert len(placed) > 10
    for i, (a, box_a) in enumerate(placed):
        for b, box_b in placed[i + 1 :]:
            assert not box_a.overlaps(box_b), (a, b)
