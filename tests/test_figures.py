"""`export svg|png|pdf`: the lifespan chart drawn with matplotlib (the `charts` extra).

The SVG's structure is kept as a golden file (what treatytrack names in it, its text labels and
fills; not its pixels), the year axis is checked against the bars to a fraction of a pixel, and
the same command twice gives the same bytes in every format.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from tests import svgtools
from tests.conftest import SMALL, check_golden
from treatytrack.cli import app
from treatytrack.core.history import chart_spans
from treatytrack.render.figures import lifespan_chart
from treatytrack.store.load import load_dataset

# Each test draws with matplotlib: in the full suite (`pytest -m ''`) only.
pytestmark = pytest.mark.charts

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-28"
runner = CliRunner()


def export(*args: str, data: Path = SMALL) -> tuple[int, bytes, str]:
    result = runner.invoke(app, ["export", *args, "--as-of", AS_OF, "--data", str(data)], catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr


# The one note the bundled data gives a full chart: the bars of Tlatelolco's Additional Protocol II
# (in force from a day between two), the NSG and the Australia Group start on the first day of the
# span, year or month their key date is known to (see test_key_date_precision, test_between).
PERIOD_NOTE = (
    "note: Tlatelolco Additional Protocol II, NSG, Australia Group: a key date is known only to a month, a year or a "
    "span of days"
)


def svg(*args: str, data: Path = SMALL) -> str:
    code, out, err = export("svg", *args, data=data)
    assert (code, [line for line in err.splitlines() if not line.startswith(PERIOD_NOTE)]) == (0, [])
    return out.decode("utf-8")


def test_svg_structure_golden() -> None:
    check_golden("chart-structure.txt", svgtools.outline(svg()))


def test_every_format_is_deterministic(tmp_path: Path) -> None:
    """No date, no random id: the same command writes the same bytes (so diffs and caches work)."""
    for fmt, magic in (("svg", b"<?xml"), ("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-")):
        first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        for target in (first, second):
            code, _, err = export(fmt, "--output", str(target))
            assert code == 0 and err == f"treatytrack: wrote {target}\n"
        assert first.read_bytes().startswith(magic)
        assert first.read_bytes() == second.read_bytes(), fmt
    text = (tmp_path / "a.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in text and "CreationDate" not in (tmp_path / "a.pdf").read_bytes().decode("latin-1")


def test_svg_fetches_nothing_and_needs_no_font() -> None:
    """Glyphs are paths: no <text>, no font-family, no @import; every reference is inside the file."""
    text = svg()
    assert "<text" not in text and "font-family" not in text and "@import" not in text
    root = svgtools.parse(text)
    references = [e.get(f"{svgtools.XLINK}href", "") for e in root.iter()] + [
        e.get("clip-path", "") + e.get("style", "") for e in root.iter()
    ]
    assert any(r.startswith("#") for r in references)
    for reference in references:
        assert "url(" not in reference or "url(#" in reference
        assert not reference or reference.startswith("#") or "url(" in reference or ":" in reference
    assert "http" not in "".join(references)


def test_names_in_full_never_cut() -> None:
    """The longest short names of the bundled data appear whole, on the row of their treaty."""
    dataset = load_dataset(REPO / "data" / "treaties.yaml")
    root = svgtools.parse(svg("--kind", "bilateral", data=REPO / "data" / "treaties.yaml"))
    labels = {ident: svgtools.comments(e) for ident, e in svgtools.by_id(root).items() if ident.startswith("label-")}
    bilateral = [t for t in dataset.treaties if t.kind.value == "bilateral"]
    assert {f"label-{t.id}" for t in bilateral} <= set(labels)
    for treaty in bilateral:
        assert " ".join(labels[f"label-{treaty.id}"]) == treaty.short_name
    assert "Ballistic Missile Launch Notification Agreement" in {" ".join(v) for v in labels.values()}
    assert "…" not in "".join(" ".join(v) for v in labels.values())


def test_a_very_long_name_wraps_between_words_and_loses_nothing(tmp_path: Path) -> None:
    long_name = "An Agreement With a Deliberately Long Short Name That Would Never Fit Beside the Bars of a Chart"
    data = tmp_path / "long.yaml"
    data.write_text(
        SMALL.read_text(encoding="utf-8").replace("short_name: CTBT", f"short_name: {long_name}"), encoding="utf-8"
    )
    root = svgtools.parse(svg(data=data))
    lines = svgtools.comments(svgtools.by_id(root)["label-ctbt"])
    assert len(lines) > 1 and " ".join(lines) == long_name


def axis_scale(root: svgtools.ET.Element, years: list[int]) -> float:
    """SVG units per day, from the two labelled ticks furthest apart."""
    first, last = min(years), max(years)
    days = (dt.date(last, 1, 1) - dt.date(first, 1, 1)).days
    return (svgtools.tick_x(root, last) - svgtools.tick_x(root, first)) / days


# One pixel at the PNG's own density is 72/200 of an SVG unit (1 pt); a screen pixel is 0.75 pt.
PIXEL = 0.75


def test_a_bar_starts_at_its_years_tick(tmp_path: Path) -> None:
    """A treaty that entered into force on 1 January of a labelled year starts exactly at that
    tick; every other bar sits where the tick scale puts its date, to a fraction of a pixel."""
    data = tmp_path / "jan1.yaml"
    data.write_text(
        SMALL.read_text(encoding="utf-8")
        .replace("entry_into_force: {date: 2002-01-01", "entry_into_force: {date: 2000-01-01")
        .replace("signed: {date: 1992-03-24", "signed: {date: 1992-03-24"),
        encoding="utf-8",
    )
    text = svg(data=data)
    root = svgtools.parse(text)
    ids = svgtools.by_id(root)
    years = [int(i.removeprefix("tick-")) for i in ids if i.startswith("tick-")]
    assert 2000 in years
    start, _ = svgtools.bar_span(root, "bar-open-skies-in-force")
    assert abs(start - svgtools.tick_x(root, 2000)) < PIXEL

    scale = axis_scale(root, years)
    origin = svgtools.tick_x(root, min(years)) - dt.date(min(years), 1, 1).toordinal() * scale
    dataset = load_dataset(data)
    day = dt.date.fromisoformat(AS_OF)
    for span in chart_spans(dataset.treaties, day):
        if span.in_force is not None:
            begin, end = svgtools.bar_span(root, f"bar-{span.treaty.id}-in-force")
            assert abs(begin - (origin + span.in_force.toordinal() * scale)) < PIXEL, span.treaty.id
            expected_end = origin + (span.end or day).toordinal() * scale
            assert abs(end - expected_end) < PIXEL, span.treaty.id
        if span.end is not None:
            kind = {"term": "expired", "extension": "expired", "withdrawal": "terminated"}[span.ended_by or ""]
            x = svgtools.marker_x(root, f"end-{span.treaty.id}-{kind}")
            assert abs(x - (origin + span.end.toordinal() * scale)) < PIXEL
    as_of = svgtools.path_xs(ids["as-of"])
    assert abs(as_of[0] - (origin + day.toordinal() * scale)) < PIXEL


def test_ticks_line_up_with_the_years_they_name() -> None:
    """Ticks are evenly spaced by calendar days: tick Y's x is a linear function of 1 January Y."""
    root = svgtools.parse(svg(data=REPO / "data" / "treaties.yaml"))
    years = sorted(int(i.removeprefix("tick-")) for i in svgtools.by_id(root) if i.startswith("tick-"))
    assert len(years) >= 5
    scale = axis_scale(root, years)
    for year in years:
        days = (dt.date(year, 1, 1) - dt.date(years[0], 1, 1)).days
        assert abs(svgtools.tick_x(root, year) - (svgtools.tick_x(root, years[0]) + days * scale)) < 0.01
        assert svgtools.comments(svgtools.by_id(root)[f"tick-{year}"]) == [str(year)]


def test_filters_choose_the_rows_and_the_marks() -> None:
    def ids(*args: str) -> set[str]:
        return set(svgtools.by_id(svgtools.parse(svg(*args))))

    everything = ids()
    assert {"label-npt", "label-ctbt", "label-new-start"} <= everything
    assert {i for i in ids("--treaty", "new start") if i.startswith("label-")} == {"label-new-start"}
    assert {i for i in ids("--kind", "bilateral") if i.startswith("label-")} == {"label-inf-treaty", "label-new-start"}
    assert {i for i in ids("--category", "test-ban") if i.startswith("label-")} == {"label-ctbt"}
    # --from/--to: the rows alive in the window, the axis cut to it, the marks inside it
    window = ids("--from", "2015-01-01", "--to", "2020-12-31")
    assert "label-inf-treaty" in window and "label-ctbt" in window
    assert not any(i.startswith("tick-") and not 2015 <= int(i[5:]) <= 2021 for i in window)
    assert "mark-new-start-1-extended" not in window  # 2021-02-03, after --to
    assert "as-of" not in window  # 2026-11-28 is outside the window
    assert "mark-inf-treaty-2-withdrawn" in window
    # --type: only those marks; --party: marks of that party or of none
    typed = ids("--type", "extended")
    assert {i for i in typed if i.startswith("mark-")} == {"mark-npt-1-extended", "mark-new-start-1-extended"}
    partied = ids("--party", "RUS")
    assert "mark-open-skies-1-withdrawal-notice" in partied and "mark-open-skies-2-withdrawal-notice" not in partied
    old = ids("--to", "1980-12-31")
    assert {i for i in old if i.startswith("label-")} == {"label-npt"}


def test_title_width_and_footer() -> None:
    root = svgtools.parse(svg("--title", "US–Soviet & US–Russian treaties", "--width", "6.5"))
    named = svgtools.by_id(root)
    assert svgtools.comments(named["title"]) == ["US–Soviet &amp; US–Russian treaties"]  # escaped in the comment
    assert root.get("width") == "468pt"  # 6.5 inches
    assert svgtools.comments(named["footer-source"]) == ["source: treatytrack"]
    assert "Dataset reviewed 2026-11-28" in svgtools.comments(named["footer-reviewed"])[0]
    assert {"legend", "subtitle", "as-of"} <= set(named)


def test_png_is_print_sized_and_pdf_has_pages(tmp_path: Path) -> None:
    target = tmp_path / "chart.png"
    assert export("png", "--width", "8", "--output", str(target))[0] == 0
    with Image.open(target) as image:
        assert image.size[0] == 1600  # 8 inches at 200 dots per inch
        assert image.info.get("Software", "").startswith("treatytrack")
    pdf = tmp_path / "chart.pdf"
    assert export("pdf", "--output", str(pdf))[0] == 0
    assert pdf.read_bytes().count(b"/Type /Page\n") + pdf.read_bytes().count(b"/Type /Page ") >= 1


def test_binary_formats_refuse_a_terminal() -> None:
    """PNG or PDF bytes on a terminal would garble it: a usage error, and nothing written."""
    controller, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "treatytrack", "export", "png", "--as-of", AS_OF, "--data", str(SMALL)],
            stdout=terminal,
            stderr=subprocess.PIPE,
            cwd=REPO,
            timeout=60,
            check=False,
        )
    finally:
        os.close(terminal)
        os.close(controller)
    assert done.returncode == 2
    assert b"export png is binary; give --output FILE" in done.stderr


def test_png_to_a_pipe_is_the_same_as_to_a_file(tmp_path: Path) -> None:
    code, out, _ = export("png")
    target = tmp_path / "c.png"
    export("png", "--output", str(target))
    assert code == 0 and out == target.read_bytes()


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_without_the_charts_extra_the_command_says_how_to_install_it(
    fmt: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ModuleNotFoundError
    monkeypatch.delitem(sys.modules, "treatytrack.render.figures", raising=False)
    target = tmp_path / f"chart.{fmt}"
    code, out, err = export(fmt, "--output", str(target))
    assert code == 2 and out == b""
    assert err == (
        f"treatytrack: export {fmt} draws with matplotlib, which is not installed: pip install 'treatytrack[charts]'\n"
    )
    assert not target.exists()


def test_a_failure_inside_the_drawing_code_is_not_reported_as_a_missing_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only the charts extra's own modules being absent means "install the extra"."""
    monkeypatch.setitem(sys.modules, "treatytrack.render.figures", None)
    with pytest.raises(ModuleNotFoundError):
        runner.invoke(app, ["export", "svg", "--as-of", AS_OF, "--data", str(SMALL)], catch_exceptions=False)


def test_an_empty_selection_still_draws_a_labelled_figure() -> None:
    text = svg("--to", "1900-01-01")
    named = svgtools.by_id(svgtools.parse(text))
    assert not any(i.startswith("label-") for i in named)
    assert "0 agreements" in svgtools.comments(named["subtitle"])[0]


def test_dollar_signs_are_not_mathematics(tmp_path: Path) -> None:
    """matplotlib reads $...$ as TeX unless told not to: a name is drawn as written."""
    data = tmp_path / "dollar.yaml"
    data.write_text(
        SMALL.read_text(encoding="utf-8").replace("short_name: CTBT", "short_name: CTBT $x^2$ \\alpha"),
        encoding="utf-8",
    )
    labels = svgtools.comments(svgtools.by_id(svgtools.parse(svg(data=data)))["label-ctbt"])
    assert labels == ["CTBT $x^2$ \\alpha"]


def test_the_figure_module_only_draws() -> None:
    """No rules in the picture: it reads the spans the core computed (a span moved by a day
    moves its bar by a day) and imports nothing from the engine."""
    dataset = load_dataset(SMALL)
    day = dt.date.fromisoformat(AS_OF)
    spans = chart_spans(dataset.treaties, day)
    picture = lifespan_chart(spans, day=day, reviewed=dataset.reviewed, title="t", subtitle="s", fmt="svg")
    assert picture.startswith(b"<?xml")
    source = (REPO / "treatytrack" / "render" / "figures.py").read_text(encoding="utf-8")
    assert "treatytrack.core.engine" not in source and "assess" not in source


def test_png_reads_in_grayscale() -> None:
    """Signed, in force and suspended stay apart printed without colour: their bars' mean gray
    levels differ clearly, and the hatched ones carry a texture as well."""
    import statistics

    root = svgtools.parse(svg())
    code, out, _ = export("png")
    assert code == 0
    scale = 200 / 72  # PNG pixels per SVG unit
    with Image.open(io.BytesIO(out)) as image:
        gray = image.convert("L")
        found = {}
        for name, ident in (
            ("signed", "bar-ctbt-signed"),
            ("in force", "bar-npt-in-force"),
            ("suspended", "bar-new-start-suspended-1"),
        ):
            left, top, right, bottom = (round(v * scale) for v in svgtools.bar_box(root, ident))
            inset = (bottom - top) // 3  # the bar's middle: markers above and below it may touch its edges
            pixels = list(gray.crop((left + 3, top + inset, right - 3, bottom - inset)).tobytes())  # one byte a pixel
            found[name] = (statistics.mean(pixels), statistics.pstdev(pixels))
    means = [m for m, _ in found.values()]
    assert min(abs(a - b) for i, a in enumerate(means) for b in means[i + 1 :]) > 40, found
    assert found["in force"][1] < 5  # solid
    assert found["signed"][1] > 15 and found["suspended"][1] > 15  # hatched


@pytest.mark.parametrize("width", ["4", "6.5", "10"])
def test_nothing_runs_off_the_page_at_any_width(width: str) -> None:
    """Legend columns, title, subtitle, names and footer fit the width they are given (the
    legend drops columns, long text wraps between words): the margins stay white."""
    title = "US–Soviet and US–Russian nuclear arms-control agreements since 1963"
    result = runner.invoke(
        app,
        ["export", "png", "--width", width, "--as-of", "2027-06-01", "--title", title, "--kind", "bilateral"],
        catch_exceptions=False,
    )  # after the review date: the longer footer
    assert result.exit_code == 0
    with Image.open(io.BytesIO(result.stdout_bytes)) as image:
        gray = image.convert("L")
        margin = 30  # pixels: 0.15 inch at 200 dpi, inside the 0.25-inch padding
        for box in ((0, 0, margin, gray.size[1]), (gray.size[0] - margin, 0, gray.size[0], gray.size[1])):
            assert min(gray.crop(box).tobytes()) > 250, (width, box)
        assert min(gray.crop((0, 0, gray.size[0], 20)).tobytes()) > 250  # top
        assert min(gray.crop((0, gray.size[1] - 20, gray.size[0], gray.size[1])).tobytes()) > 250  # bottom


def test_event_markers_on_the_bundled_data_never_cover_each_other() -> None:
    """The full chart's 2020s markers (withdrawals, statements, extensions months apart) piled on
    one another: each now sits above or below its bar clear of its neighbours, and those with no
    room are left out, counted in the footer."""
    import itertools

    from treatytrack.core.history import lifespans

    page = svg(data=REPO / "data" / "treaties.yaml")
    root = svgtools.parse(page)
    boxes = svgtools.marker_boxes(root)
    assert len(boxes) > 50
    covered = [
        (a[0], b[0])
        for a, b in itertools.combinations(boxes, 2)
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]
    assert covered == []
    dataset = load_dataset(REPO / "data" / "treaties.yaml")
    marks = sum(len(s.marks) for s in lifespans(dataset.treaties, dt.date(2026, 11, 28)))
    footer = " ".join(svgtools.comments(svgtools.by_id(root)["footer-reviewed"]))
    left_out = marks - len(boxes)
    assert left_out > 0 and f"{left_out} event markers left out" in footer


def test_mark_lanes_keep_markers_apart_or_leave_them_out() -> None:
    from treatytrack.render.figure_layout import mark_lanes

    assert mark_lanes([0.0, 1.0, 2.0], 0.1, 2) == [0, 0, 0]
    assert mark_lanes([1.0, 1.05, 1.08, 1.3], 0.1, 2) == [0, 1, None, 0]
    assert mark_lanes([2.0, 1.0, 1.05], 0.1, 2) == [0, 0, 1]  # by date, whatever the order given
