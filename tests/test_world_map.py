"""`export map --treaty NAME --as-of DAY -o FILE.svg|png|pdf`: the membership map (issue #24 part 2).

The shipped shapes are small, keyed by ISO-3 and cut at the antimeridian; the SVG has one shape
per state and territory of the file; every recorded state's fill is its standing's style from
`parties TREATY --as-of DAY -f json`; the PNG is a picture, not a blank; a historic day says what
the former states held and leaves their territory unassessed; the options that do not fit are
usage errors before anything is drawn.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pycountry
import pytest
from typer.testing import CliRunner

from tests import svgtools
from treatytrack.cli import app
from treatytrack.core.standing import StateHistory
from treatytrack.core.world import FORMER_TERRITORY, world_standings
from treatytrack.render.figure_style import MAP_STYLE, TERRITORY, BarStyle
from treatytrack.store.load import load_dataset
from treatytrack.store.paths import bundled_path
from treatytrack.store.world import shapes_path, world_areas

AS_OF = "2026-06-01"
runner = CliRunner()


def invoke(*args: str) -> tuple[int, bytes, str]:
    result = runner.invoke(app, ["export", "map", *args], env={"COLUMNS": "100", "NO_COLOR": "1"})
    return result.exit_code, result.stdout_bytes, result.stderr


def test_the_shipped_shapes_are_small_and_keyed_by_iso3() -> None:
    path = shapes_path()
    assert path.stat().st_size < 500 * 1024
    assert (path.parent / "NOTICE.txt").read_text(encoding="utf-8").count("public domain") >= 1
    areas = world_areas()
    codes = [a.code for a in areas if a.code is not None]
    assert len(codes) == len(set(codes))
    states = {a.code for a in areas if a.state}
    assert None not in states
    assert all(c == "XKX" or pycountry.countries.get(alpha_3=c) is not None for c in codes)
    assert {"USA", "RUS", "CHN", "FRA", "GBR", "BRA", "IND", "ZAF", "AUS", "XKX"} <= states
    assert {a.code for a in areas if not a.state} >= {"GRL", "ESH", None}  # None: northern Cyprus, Somaliland
    assert "ATA" not in codes  # Antarctica is no state; the map stops at the Southern Ocean


def test_no_ring_runs_across_the_antimeridian() -> None:
    for area in world_areas():
        for ring in area.rings:
            assert len(ring) >= 3
            assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring)
            edges = zip(ring, (*ring[1:], ring[0]), strict=True)
            assert all(abs(a[0] - b[0]) < 180 for a, b in edges), area.name


def test_the_tool_decodes_topojson_arcs() -> None:
    """tools/world_shapes.py on a tiny topology: delta-coded arcs, a reversed arc, a ring across 180°."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    try:
        import world_shapes
    finally:
        sys.path.pop(0)
    topology = {
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [10, 0], [0, 10]], [[0, 0], [10, 10]], [[170, 0], [-340, 0], [0, 10], [340, 0]]],
        "objects": {
            "countries": {
                "geometries": [
                    {"id": "250", "properties": {"name": "France"}, "type": "Polygon", "arcs": [[0, ~1]]},
                    {"id": None, "properties": {"name": "Kosovo"}, "type": "Polygon", "arcs": [[2]]},
                ]
            }
        },
    }
    fra, xkx = world_shapes.areas(topology)
    assert (fra["code"], fra["state"], xkx["code"], xkx["state"]) == ("FRA", True, "XKX", True)
    assert fra["rings"] == [
        [0, 0, 1000, 0, 0, 1000]
    ]  # (0,0) (10,0) (10,10), back along arc 1 reversed (the closing point implicit)
    assert len(xkx["rings"]) == 2  # 170°E to 170°W: cut at 180° into a western and an eastern part


def test_a_historic_day_leaves_the_former_states_territory_unassessed() -> None:
    dataset = load_dataset(bundled_path())
    npt = next(t for t in dataset.treaties if t.id == "npt")
    history = StateHistory(dataset.state_history)
    former = [c for c, life in dataset.state_history.items() if life.ended or life.ended_by]
    then = world_standings(npt, world_areas(), dt.date(1985, 1, 1), history, former)
    assert {s.state for s in then.former} >= {"SUN", "CSK"}
    assert {"KAZ", "UKR", "RUS", "CZE", "SVK"} <= set(then.within)
    assert then.within["KAZ"] == "SUN" and then.drawn["USA"].status.value == "party"
    now = world_standings(npt, world_areas(), dt.date(2026, 6, 1), history, former)
    assert now.within == {} and now.former == []
    assert set(FORMER_TERRITORY["SUN"]) <= set(now.drawn)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "map.jpg", "--treaty", "tpnw"], "export map writes .svg, .png or .pdf"),
        (["-o", "map.svg"], "give exactly one --treaty NAME (none was given)"),
        (["-o", "map.svg", "--treaty", "tpnw", "--treaty", "npt"], "give exactly one --treaty NAME (2 were given)"),
        (["-o", "map.svg", "--treaty", "tpnw", "--party", "FRA"], "--party does not apply to export map"),
        (["-o", "map.svg", "--treaty", "tpnw", "--from", "2020-01-01"], "--from does not apply to export map"),
        (["-o", "map.svg", "--treaty", "tpnw", "--by-state"], "--by-state does not apply to export map"),
    ],
)
def test_options_that_do_not_fit_are_usage_errors(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke("--as-of", AS_OF, *args)
    assert code == 2 and out == b"" and message in err
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_treaty_fails_as_in_every_command(tmp_path: Path) -> None:
    code, _, err = invoke("--treaty", "tpnx", "--as-of", AS_OF, "-o", str(tmp_path / "m.svg"))
    parties = runner.invoke(app, ["parties", "tpnx", "--as-of", AS_OF])
    assert code == parties.exit_code != 0
    assert "no treaty named 'tpnx'" in err and "TPNW" in err
    assert not (tmp_path / "m.svg").exists()


# ---- drawn (matplotlib: the charts extra) ----


def _paint(root: ET.Element, element: ET.Element) -> tuple[str, str | None]:
    """(fill, hatch colour) of the patch under `element`: a pattern's background and stroke."""
    path = next(p for p in element.iter(f"{svgtools.SVG}path"))
    style = dict(part.split(":", 1) for part in path.get("style", "").replace(" ", "").split(";") if part)
    fill = style.get("fill", "")
    if not fill.startswith("url(#"):
        return fill.lower(), None
    pattern = svgtools.by_id(root)[fill[5:-1]]
    rect = pattern.find(f"{svgtools.SVG}rect")
    lines = pattern.find(f"{svgtools.SVG}path")
    assert rect is not None and lines is not None
    stroke = dict(p.split(":", 1) for p in lines.get("style", "").replace(" ", "").split(";") if p)["stroke"]
    return str(rect.get("fill")).lower(), stroke.lower()


def _expected(style: BarStyle) -> tuple[str, str | None]:
    return style.face.lower(), style.edge.lower() if style.hatch else None


@pytest.mark.charts
def test_each_state_is_one_shape_filled_by_its_standing_in_parties(tmp_path: Path) -> None:
    target = tmp_path / "tpnw.svg"
    code, _, err = invoke("--treaty", "tpnw", "--as-of", AS_OF, "-o", str(target))
    assert code == 0, err
    root = svgtools.parse(target.read_bytes())
    named = svgtools.by_id(root)
    areas = world_areas()
    states = {a.code for a in areas if a.state}
    assert {i[5:] for i in named if i.startswith("area-")} == states
    assert sum(i.startswith("territory-") for i in named) == sum(not a.state for a in areas)
    listed = runner.invoke(app, ["parties", "tpnw", "--as-of", AS_OF, "-f", "json"])
    standings = {row["code"]: row["status"] for row in json.loads(listed.stdout)}
    drawn = [c for c in standings if c in states]
    assert len(drawn) > 60 and {"MEX", "BRA", "ZAF"} <= set(drawn)
    assert {standings["MEX"], standings["BRA"]} == {"party", "signatory"}
    for state in drawn:
        assert _paint(root, named[f"area-{state}"]) == _expected(MAP_STYLE[standings[state]]), state
    for state in ("FRA", "USA", "RUS"):  # not on the complete list: neither party nor signatory
        assert _paint(root, named[f"area-{state}"]) == _expected(MAP_STYLE["not-party"])
    assert _paint(root, named["territory-grl"]) == _expected(TERRITORY)
    legend = svgtools.comments(named["legend"])
    assert legend == ["party", "signatory", "not a party, not a signatory", TERRITORY.label]
    footer = " ".join(svgtools.comments(named["footer-notes"]))
    assert "States on 2026-06-01: 74 parties, 25 signatories" in footer
    assert "Borders: Natural Earth 1:110m (public domain), via world-atlas" in footer
    assert svgtools.comments(named["title"]) == ["TPNW: each state's standing on 2026-06-01"]


@pytest.mark.charts
def test_a_historic_map_names_the_former_states_in_its_footer() -> None:
    code, out, err = invoke("--treaty", "npt", "--as-of", "1985-01-01")  # SVG on stdout
    assert code == 0, err
    root = svgtools.parse(out)
    named = svgtools.by_id(root)
    footer = " ".join(svgtools.comments(named["footer-notes"]))
    assert "Borders of today" in footer
    assert "(SUN): party since 1970-03-05, continued by Russian Federation" in footer
    assert "(CSK): party" in footer
    for state in ("KAZ", "UKR", "RUS", "CZE"):
        assert _paint(root, named[f"area-{state}"]) == _expected(MAP_STYLE["former-state"]), state
    assert _paint(root, named["area-USA"]) == _expected(MAP_STYLE["party"])
    assert MAP_STYLE["former-state"].label in svgtools.comments(named["legend"])


@pytest.mark.charts
def test_the_png_is_a_coloured_map_and_the_pdf_a_pdf(tmp_path: Path) -> None:
    from PIL import Image

    png, pdf = tmp_path / "tpnw.png", tmp_path / "tpnw.pdf"
    assert invoke("--treaty", "tpnw", "--as-of", AS_OF, "-o", str(png))[0] == 0
    assert invoke("--treaty", "tpnw", "--as-of", AS_OF, "-o", str(pdf))[0] == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    with Image.open(io.BytesIO(png.read_bytes())) as image:
        assert image.width == 2000  # 10 inches at 200 dpi
        total = image.width * image.height
        counts = image.convert("RGB").getcolors(total) or []

    def share(hex_colour: str) -> float:  # of the pixels within a little of the colour (anti-aliasing)
        wanted = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        return sum(n for n, c in counts if max(abs(a - b) for a, b in zip(c, wanted, strict=True)) < 24) / total

    assert share(MAP_STYLE["party"].face) > 0.015
    assert share(MAP_STYLE["signatory"].edge) > 0.001  # the signatories' hatching
    assert share(TERRITORY.face) > 0.002  # Greenland and the other territories
    assert share("#FFFFFF") < 0.95  # not a blank page (the oceans are white)


@pytest.mark.charts
def test_without_the_charts_extra_the_map_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.delitem(sys.modules, "treatytrack.render.world_map", raising=False)
    target = tmp_path / "m.png"
    code, out, err = invoke("--treaty", "tpnw", "--as-of", AS_OF, "-o", str(target))
    assert code == 2 and out == b""
    assert (
        err
        == "treatytrack: export map draws with matplotlib, which is not installed: pip install 'treatytrack[charts]'\n"
    )
    assert not target.exists()


@pytest.mark.charts
def test_an_existing_file_is_not_replaced_without_force(tmp_path: Path) -> None:
    target = tmp_path / "m.svg"
    target.write_text("mine")
    code, _, err = invoke("--treaty", "tpnw", "--as-of", AS_OF, "-o", str(target))
    assert code == 2 and target.read_text() == "mine" and "--force" in err
    assert invoke("--treaty", "tpnw", "--as-of", AS_OF, "-o", str(target), "--force")[0] == 0
    assert target.read_bytes().startswith(b"<?xml")


@pytest.mark.charts
def test_a_regime_map_speaks_of_members() -> None:
    code, out, err = invoke("--treaty", "mtcr", "--as-of", AS_OF)
    assert code == 0, err
    named = svgtools.by_id(svgtools.parse(out))
    assert svgtools.comments(named["legend"])[:2] == ["member", "not a member"]
    assert "Cross-hatched grey" not in " ".join(svgtools.comments(named["footer-notes"]))  # nothing historic


@pytest.mark.charts
def test_names_from_the_data_reach_the_svg_escaped(tmp_path: Path) -> None:
    from tests.conftest import SMALL

    data = tmp_path / "hostile.yaml"
    name = "New <script>&amp; 'START' \\uFFFE\\U0001FFFF"
    text = SMALL.read_text(encoding="utf-8").replace("short_name: New START", f'short_name: "{name}"')
    assert text != SMALL.read_text(encoding="utf-8")
    data.write_text(text, encoding="utf-8")
    code, out, err = invoke("--treaty", "new-start", "--as-of", "2020-06-01", "--data", str(data), "--title", "T<&>")
    assert code == 0, err
    svg = out.decode("utf-8")
    ET.fromstring(svg.encode())  # well-formed: a browser shows it
    assert "<script" not in svg and "\ufffe" not in svg and "\U0001ffff" not in svg
    named = svgtools.by_id(svgtools.parse(svg))
    assert svgtools.comments(named["title"]) == ["T&lt;&amp;&gt;"]  # matplotlib's comment of the drawn text
    assert "New &lt;script&gt;&amp;amp;" in " ".join(svgtools.comments(named["footer-notes"]))
