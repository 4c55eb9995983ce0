"""`export svg|png|pdf --treaty NAME --by-state`: one treaty's states against time (issue #16 part 2).

The SVG's structure is a golden file (ids per state row, spell, mark and heading, with their
fills); each spell is checked against the year axis to a fraction of a pixel; Estonia's row of
the bundled Ottawa Convention shows it a party, then withdrawn on 2025-12-27; the options that do
not fit are usage errors.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import sys
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from tests import svgtools
from tests.conftest import FIXTURES, SMALL, check_golden
from treatytrack.cli import app
from treatytrack.core.panel import spells
from treatytrack.core.standing import StateHistory, states_of
from treatytrack.render.figure_style import STANDING_STYLE
from treatytrack.store.load import load_dataset
from treatytrack.store.paths import bundled_path

# Each test draws with matplotlib: in the full suite (`pytest -m ''`) only.
pytestmark = pytest.mark.charts

REPO = Path(__file__).resolve().parent.parent
STATES = FIXTURES / "states.yaml"
BUNDLED = bundled_path()
AS_OF = "2026-11-28"
PIXEL = 0.75  # a screen pixel in SVG units (points); the PNG's are smaller still
runner = CliRunner()


def export(*args: str, data: Path = STATES, as_of: str = AS_OF) -> tuple[int, bytes, str]:
    result = runner.invoke(app, ["export", *args, "--as-of", as_of, "--data", str(data)], catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr


def svg(*args: str, data: Path = STATES) -> str:
    code, out, err = export("svg", "--by-state", *args, data=data)
    assert (code, err) == (0, ""), err
    return out.decode("utf-8")


def ids_in_order(root: svgtools.ET.Element, prefix: str) -> list[str]:
    return [str(e.get("id")) for e in root.iter() if str(e.get("id", "")).startswith(prefix)]


def scale_and_origin(root: svgtools.ET.Element) -> tuple[float, float]:
    """SVG units per day and the x of day 0, from the two labelled ticks furthest apart."""
    years = sorted(int(i.removeprefix("tick-")) for i in svgtools.by_id(root) if i.startswith("tick-"))
    first, last = years[0], years[-1]
    scale = (svgtools.tick_x(root, last) - svgtools.tick_x(root, first)) / (
        dt.date(last, 1, 1) - dt.date(first, 1, 1)
    ).days
    return scale, svgtools.tick_x(root, first) - dt.date(first, 1, 1).toordinal() * scale


def test_svg_structure_golden() -> None:
    check_golden("states-structure.txt", svgtools.outline(svg("--treaty", "mine-ban")))


def test_every_spell_starts_and_ends_at_the_x_of_its_dates() -> None:
    """Each drawn spell (panel.spells: a standing from `start` until `until`) spans exactly its
    days on the tick scale, to a fraction of a pixel; the as-of line is at the as-of day."""
    root = svgtools.parse(svg("--treaty", "mine-ban"))
    ids = svgtools.by_id(root)
    scale, origin = scale_and_origin(root)
    dataset = load_dataset(STATES)
    treaty = next(t for t in dataset.treaties if t.id == "mine-ban")
    history = StateHistory(dataset.state_history)
    day = dt.date.fromisoformat(AS_OF)
    checked = 0
    for state in states_of(treaty, history):
        drawn = [s for s in spells(treaty, state, day, history) if s.standing.status.value not in _BLANK]
        assert ids_in_order(root, f"spell-{state}-") == [
            f"spell-{state}-{n}-{s.standing.status.value}" for n, s in enumerate(drawn, 1)
        ]
        for number, spell in enumerate(drawn, 1):
            begin, end = svgtools.bar_span(root, f"spell-{state}-{number}-{spell.standing.status.value}")
            assert abs(begin - (origin + spell.start.toordinal() * scale)) < PIXEL, (state, spell)
            assert abs(end - (origin + (spell.until or day).toordinal() * scale)) < PIXEL, (state, spell)
            checked += 1
    assert checked >= 15
    assert abs(svgtools.path_xs(ids["as-of"])[0] - (origin + day.toordinal() * scale)) < PIXEL


_BLANK = {"not-party", "not-yet-existing", "ceased-to-exist"}


def test_estonia_ottawa_row_shows_party_then_withdrawn_on_2025_12_27() -> None:
    root = svgtools.parse(svg("--treaty", "ottawa", data=BUNDLED))
    ids = svgtools.by_id(root)
    assert ids_in_order(root, "spell-EST-") == ["spell-EST-1-ratified", "spell-EST-2-party", "spell-EST-3-withdrawn"]
    scale, origin = scale_and_origin(root)

    def x(day: str) -> float:
        return origin + dt.date.fromisoformat(day).toordinal() * scale

    party, withdrawn = svgtools.bar_span(root, "spell-EST-2-party"), svgtools.bar_span(root, "spell-EST-3-withdrawn")
    assert abs(party[1] - x("2025-12-27")) < PIXEL and abs(withdrawn[0] - x("2025-12-27")) < PIXEL
    assert abs(party[0] - x("2004-11-01")) < PIXEL and abs(withdrawn[1] - x(AS_OF)) < PIXEL
    assert abs(svgtools.marker_x(root, "mark-EST-1-withdrawal-notice") - x("2025-06-27")) < PIXEL
    assert svgtools.paint(ids["spell-EST-2-party"]) == "fill:#0072b2"
    assert svgtools.paint(ids["spell-EST-3-withdrawn"]) == "fill:pattern stroke:#ffffff"
    assert svgtools.comments(ids["label-EST"]) == ["Estonia"]
    assert svgtools.comments(ids["note-EST"]) == ["withdrew 2025-12-27"]
    # the Baltic states and Finland together, under Northern Europe
    labels = ids_in_order(root, "label-")
    northern = labels.index("label-DNK")
    assert labels[northern : northern + 7] == [f"label-{c}" for c in ("DNK", "EST", "FIN", "ISL", "IRL", "LVA", "LTU")]
    assert svgtools.comments(ids["group-europe"]) == ["Europe  (44)"]


def test_every_recorded_state_has_a_row_names_in_full() -> None:
    dataset = load_dataset(BUNDLED)
    treaty = next(t for t in dataset.treaties if t.id == "cwc")
    codes = states_of(treaty, StateHistory(dataset.state_history))
    root = svgtools.parse(svg("--treaty", "cwc", data=BUNDLED))
    labels = {i.removeprefix("label-"): " ".join(svgtools.comments(e)) for i, e in svgtools.by_id(root).items()}
    assert {f"label-{c}" for c in codes} == set(ids_in_order(root, "label-"))
    assert len(codes) > 190
    assert labels["COD"] == "Congo, The Democratic Republic of the"
    assert "…" not in "".join(labels.values())


def test_the_figure_grows_with_its_rows() -> None:
    few = svgtools.parse(svg("--treaty", "ottawa", "--party", "EST", "--party", "FIN", data=BUNDLED))
    many = svgtools.parse(svg("--treaty", "ottawa", data=BUNDLED))

    def height(root: svgtools.ET.Element) -> float:
        return float(str(root.get("height")).removesuffix("pt"))

    assert ids_in_order(few, "label-") == ["label-EST", "label-FIN"]
    assert height(many) - height(few) > 165 * 0.16 * 72 * 0.95  # about 0.16 inch a state
    assert root_width(many) == 720.0  # 10 inches, whatever the height


def root_width(root: svgtools.ET.Element) -> float:
    return float(str(root.get("width")).removesuffix("pt"))


def test_order_by_name_has_no_headings_and_sorts_by_name() -> None:
    root = svgtools.parse(svg("--treaty", "mine-ban", "--order", "name"))
    assert not ids_in_order(root, "group-") and not ids_in_order(root, "subgroup-")
    labels = [" ".join(svgtools.comments(svgtools.by_id(root)[i])) for i in ids_in_order(root, "label-")]
    assert labels == sorted(labels, key=str.casefold) and len(labels) == 8
    subtitle = svgtools.comments(svgtools.by_id(root)["subtitle"])
    assert "in alphabetical order" in " ".join(subtitle)


def test_party_chooses_the_rows_even_a_state_that_never_joined() -> None:
    root = svgtools.parse(svg("--treaty", "ottawa", "--party", "USA", "--party", "Estonia", data=BUNDLED))
    ids = svgtools.by_id(root)
    assert ids_in_order(root, "label-") == ["label-USA", "label-EST"]  # Americas before Europe
    assert not ids_in_order(root, "spell-USA-")
    assert svgtools.comments(ids["note-USA"]) == ["not a signatory or party"]
    assert "2 states chosen" in " ".join(svgtools.comments(ids["subtitle"]))


def test_footer_has_review_date_source_and_coverage() -> None:
    ids = svgtools.by_id(svgtools.parse(svg("--treaty", "ottawa", data=BUNDLED)))
    coverage = " ".join(svgtools.comments(ids["footer-coverage"]))
    assert (
        coverage
        == "States on 2026-11-28: 160 parties, 1 suspension claimed, 5 withdrawn · complete list as of 2026-02-03"
    )
    assert " ".join(svgtools.comments(ids["footer-reviewed"])).startswith("Dataset reviewed 2026-11-28.")
    assert svgtools.comments(ids["footer-source"]) == ["source: treatytrack"]
    assert svgtools.comments(ids["title"]) == [
        "Anti-Personnel Mine Ban Convention: each state's standing, to 2026-11-28"
    ]
    assert {"legend", "as-of", "as-of-label"} <= set(ids)
    # Ukraine's declared suspension (2025-07-18), which the convention does not provide for
    assert svgtools.comments(ids["note-UKR"]) == ["claims a suspension 2025-07-18"]
    assert svgtools.paint(ids["spell-UKR-4-suspension-claimed"]) == "fill:pattern stroke:#e69f00"


def test_a_pending_withdrawal_and_a_claimed_suspension_are_said_at_the_row_end() -> None:
    code, out, _ = export("svg", "--by-state", "--treaty", "mine-ban", as_of="2026-02-03")
    ids = svgtools.by_id(svgtools.parse(out))
    assert code == 0
    assert svgtools.comments(ids["note-POL"]) == ["withdraws 2026-02-20 if a condition is met"]
    assert svgtools.comments(ids["note-UKR"]) == ["claims a suspension 2025-07-18"]
    assert svgtools.comments(ids["note-EST"]) == ["withdrew 2025-12-27"]
    assert "note-AUT" not in ids


def test_from_and_to_cut_the_axis() -> None:
    root = svgtools.parse(svg("--treaty", "ottawa", "--from", "2024-01-01", "--to", "2026-12-31", data=BUNDLED))
    years = sorted(int(i[5:]) for i in svgtools.by_id(root) if i.startswith("tick-"))
    assert years[0] >= 2024 and years[-1] <= 2027
    scale, origin = scale_and_origin(root)
    begin, _ = svgtools.bar_span(root, "spell-EST-3-withdrawn")
    assert abs(begin - (origin + dt.date(2025, 12, 27).toordinal() * scale)) < PIXEL


def test_every_format_is_deterministic(tmp_path: Path) -> None:
    for fmt, magic in (("svg", b"<?xml"), ("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-")):
        outputs = []
        for name in ("a", "b"):
            target = tmp_path / f"{name}.{fmt}"
            code, _, err = export(fmt, "--by-state", "--treaty", "mine-ban", "--output", str(target))
            assert code == 0 and err == f"treatytrack: wrote {target}\n"
            outputs.append(target.read_bytes())
        assert outputs[0].startswith(magic) and outputs[0] == outputs[1], fmt


def test_png_standings_read_apart_in_grayscale() -> None:
    """Each pair of standings differs in gray level or in texture (solid against hatched)."""
    root = svgtools.parse(svg("--treaty", "mine-ban"))
    code, out, _ = export("png", "--by-state", "--treaty", "mine-ban")
    assert code == 0
    scale = 200 / 72
    spells_shown = {
        "signatory": "spell-AUT-1-signatory",
        "ratified": "spell-AUT-2-ratified",
        "party": "spell-AUT-3-party",
        "withdrawn": "spell-EST-3-withdrawn",
        "suspension-claimed": "spell-UKR-4-suspension-claimed",
        "withdrawal-conditional": "spell-POL-4-withdrawal-conditional",
    }
    found = {}
    with Image.open(io.BytesIO(out)) as image:
        gray = image.convert("L")
        for name, ident in spells_shown.items():
            left, top, right, bottom = (round(v * scale) for v in svgtools.bar_box(root, ident))
            assert right - left > 12 and bottom - top > 12, ident
            pixels = list(gray.crop((left + 3, top + 3, right - 3, bottom - 3)).tobytes())
            found[name] = (statistics.mean(pixels), statistics.pstdev(pixels))
    names = list(found)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            (mean_a, dev_a), (mean_b, dev_b) = found[a], found[b]
            textures_differ = (dev_a < 5) != (dev_b < 5)
            patterns_differ = STANDING_STYLE[a].hatch != STANDING_STYLE[b].hatch  # //// against xxx, say
            assert abs(mean_a - mean_b) > 25 or textures_differ or patterns_differ, (a, b, found)
    hatches = [style.hatch for style in STANDING_STYLE.values() if style.hatch]
    assert len(hatches) == len(set(hatches))  # no two hatched standings share a pattern
    assert found["party"][1] < 5 and found["ratified"][1] < 5  # solid
    assert all(found[n][1] > 10 for n in ("signatory", "withdrawn", "suspension-claimed", "withdrawal-conditional"))


@pytest.mark.parametrize("width", ["4", "6.5", "10"])
def test_nothing_runs_off_the_page_at_any_width(width: str) -> None:
    code, out, _ = export("png", "--by-state", "--treaty", "cfe", "--width", width, data=BUNDLED)
    assert code == 0
    with Image.open(io.BytesIO(out)) as image:
        gray = image.convert("L")
        assert gray.size[0] == round(float(width) * 200)
        margin = 30
        for box in ((0, 0, margin, gray.size[1]), (gray.size[0] - margin, 0, gray.size[0], gray.size[1])):
            assert min(gray.crop(box).tobytes()) > 250, (width, box)


# Usage errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["svg", "--by-state"], "--by-state draws one treaty: give exactly one --treaty NAME (none was given)"),
        (
            ["svg", "--by-state", "--treaty", "mine-ban", "--treaty", "ban-treaty"],
            "--by-state draws one treaty: give exactly one --treaty NAME (2 were given)",
        ),
        (["csv", "--by-state", "--treaty", "mine-ban"], "--by-state draws svg, png or pdf, not csv"),
        (["html", "--by-state", "--treaty", "mine-ban"], "--by-state draws svg, png or pdf, not html"),
        (["svg", "--treaty", "mine-ban", "--order", "name"], "--order orders the rows of --by-state; add --by-state"),
        (
            ["svg", "--by-state", "--treaty", "mine-ban", "--kind", "multilateral"],
            "--kind does not apply to --by-state",
        ),
        (["svg", "--by-state", "--treaty", "mine-ban", "--category", "landmines"], "--category does not apply"),
        (["svg", "--by-state", "--treaty", "mine-ban", "--type", "withdrawn"], "--type does not apply"),
        (["svg", "--by-state", "--treaty", "mine-ban", "--alarm", "30d"], "--alarm does not apply"),
        (["svg", "--by-state", "--treaty", "mine-ban", "--no-chart"], "--no-chart does not apply"),
        (["svg", "--by-state", "--treaty", "mine-ban", "--order", "size"], "'size' is not one of"),
    ],
)
def test_usage_errors(args: list[str], message: str) -> None:
    code, out, err = export(*args)
    assert code == 2 and out == b""
    assert message in " ".join(err.split()), err


def test_a_treaty_without_a_per_state_table_is_a_clear_usage_error(tmp_path: Path) -> None:
    data = tmp_path / "no-table.yaml"
    text = SMALL.read_text(encoding="utf-8")
    table = '    participation:\n      coverage: partial\n      in_force_for_state: {rule: on-deposit, source: "NPT, Article IX(4)"}\n'
    assert text.count(table) == 1
    data.write_text(text.replace(table, ""), encoding="utf-8")
    code, out, err = export("svg", "--by-state", "--treaty", "npt", data=data)
    assert (code, out) == (2, b"")
    assert err == (
        "treatytrack: export svg --by-state: NPT has no per-state table (no list of states) to draw; "
        "`treatytrack parties npt` shows the states its events name.\n"
    )


def test_an_unknown_treaty_says_so() -> None:
    code, _, err = export("svg", "--by-state", "--treaty", "no such treaty")
    assert code == 1 and "no treaty named 'no such treaty'" in err


def test_too_many_states_is_refused_with_a_way_out(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("treatytrack.cli.publish.MAX_STATES", 5)
    target = tmp_path / "many.png"
    code, _, err = export("png", "--by-state", "--treaty", "mine-ban", "--output", str(target))
    assert code == 2 and not target.exists()
    assert err == (
        "treatytrack: export png --by-state draws at most 5 states and Mine Ban has 8; "
        "choose some with --party CODE (repeatable).\n"
    )
    assert export("png", "--by-state", "--treaty", "mine-ban", "--party", "EST", "--output", str(target))[0] == 0


def test_without_the_charts_extra_the_command_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.delitem(sys.modules, "treatytrack.render.state_figure", raising=False)
    code, out, err = export("svg", "--by-state", "--treaty", "mine-ban")
    assert (code, out) == (2, b"")
    assert err == (
        "treatytrack: export svg draws with matplotlib, which is not installed: pip install 'treatytrack[charts]'\n"
    )


def test_the_figure_module_only_draws() -> None:
    source = (REPO / "treatytrack" / "render" / "state_figure.py").read_text(encoding="utf-8")
    assert "treatytrack.core.engine" not in source and "assess" not in source and "standing_on" not in source
