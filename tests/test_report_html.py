"""`export html`: one self-contained page, valid HTML, every value from the data escaped.

The page is parsed with html5lib in strict mode (a parse error fails the test); a fixture with
markup and `javascript:` URLs in every text field must come out as inert text.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import html5lib
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import SMALL, check_golden
from treatytrack.cli import app
from treatytrack.render.report import safe_url

# The page embeds the chart drawn with matplotlib: in the full suite (`pytest -m ''`) only.
pytestmark = pytest.mark.charts

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-28"
HTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
runner = CliRunner()

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
PAYLOAD = f"{SCRIPT} {ATTRIBUTE} </title></style></textarea><!-- --> ]]> {{{{ 7*7 }}}} --><svg onload=alert(1)>"
BAD_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "javascript://example.org/%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//example.org/no-scheme",
    "https:no-host",
    'http://example.org/"onmouseover=alert(1)',
]


def export_html(*args: str, data: Path = SMALL) -> tuple[int, str, str]:
    result = runner.invoke(app, ["export", "html", "--as-of", AS_OF, "--data", str(data), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def parse_strict(page: str) -> ET.Element:
    """The page as html5lib builds it, failing on any parse error (strict mode)."""
    parser = html5lib.HTMLParser(strict=True, tree=html5lib.getTreeBuilder("etree"))
    document: ET.Element = parser.parse(page)
    assert parser.errors == []
    return document


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def without_chart(page: str) -> str:
    """The page with its inline SVG (matplotlib's, checked by test_figures) replaced by a marker."""
    return re.sub(r"<svg .*?</svg>", "<svg><!-- the lifespan chart --></svg>", page, count=1, flags=re.DOTALL)


def test_page_golden() -> None:
    code, page, err = export_html()
    assert (code, err) == (0, "")
    check_golden("export.html", without_chart(page))


def test_page_validates_and_is_well_formed() -> None:
    _, page, _ = export_html(data=REPO / "data" / "treaties.yaml")
    document = parse_strict(page)
    html = document.find(f"{HTML}html") if document.tag != f"{HTML}html" else document
    assert html is not None and html.get("lang") == "en"
    assert page.startswith("<!DOCTYPE html>\n")


def headings(document: ET.Element) -> list[tuple[int, str]]:
    return [
        (int(e.tag[-1]), text_of(e))
        for e in document.iter()
        if isinstance(e.tag, str) and re.fullmatch(rf"{re.escape(HTML)}h[1-6]", e.tag)
    ]


def test_structure_title_headings_tables_sections() -> None:
    _, page, _ = export_html("--title", "Nuclear & missile treaties", data=REPO / "data" / "treaties.yaml")
    document = parse_strict(page)
    assert text_of(next(document.iter(f"{HTML}title"))) == "Nuclear & missile treaties"
    levels = headings(document)
    assert levels[0] == (1, "Nuclear & missile treaties")
    assert [level for level, _ in levels].count(1) == 1
    for (before, _), (after, name) in itertools.pairwise(levels):
        assert after <= before + 1, f"heading {name!r} skips a level"
    table = next(t for t in document.iter(f"{HTML}table") if t.get("id") == "status-table")
    assert [h.get("scope") for h in table.iter(f"{HTML}th")][:7] == ["col"] * 7
    body = table.find(f"{HTML}tbody")
    assert body is not None
    rows = body.findall(f"{HTML}tr")
    sections = [s for s in document.iter(f"{HTML}section") if "treaty" in (s.get("class") or "").split()]
    assert len(rows) == len(sections) > 40
    for row, section in zip(rows, sections, strict=True):
        header = row.find(f"{HTML}th")
        assert header is not None and header.get("scope") == "row"
        link = header.find(f"{HTML}a")
        assert link is not None and link.get("href") == f"#{section.get('id')}"
    ids = [e.get("id") for e in document.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert any(e.tag == f"{SVG}svg" for e in document.iter())


def test_every_source_is_a_link_and_only_http_urls_are() -> None:
    dataset_path = REPO / "data" / "treaties.yaml"
    _, page, _ = export_html("--kind", "bilateral", data=dataset_path)
    document = parse_strict(page)
    hrefs = [a.get("href", "") for a in document.iter(f"{HTML}a")]
    external = [h for h in hrefs if not h.startswith("#")]
    assert external and all(h.startswith(("http://", "https://")) for h in external)
    data = yaml.safe_load(dataset_path.read_text(encoding="utf-8"))
    new_start = next(t for t in data["treaties"] if t["id"] == "new-start")
    wanted = {new_start["signed"]["source"], new_start["entry_into_force"]["source"]}
    wanted |= {e["source"] for e in new_start["events"] if e["source"].startswith("http")}
    wanted |= {s["url"] for s in new_start.get("sources", [])}
    section = next(s for s in document.iter(f"{HTML}section") if s.get("id") == "treaty-new-start")
    assert wanted <= {a.get("href") for a in section.iter(f"{HTML}a")}


def test_a_source_is_a_short_link_its_host_with_the_address_as_its_title() -> None:
    """A raw URL in a table's source column wrapped over twenty lines: each source link in a table
    reads as its host, the whole address in its title; a reference reads as its title."""
    _, page, _ = export_html("--kind", "bilateral", data=REPO / "data" / "treaties.yaml")
    document = parse_strict(page)
    cells = [td for td in document.iter(f"{HTML}td") if td.get("class") == "src"]
    links = [a for td in cells for a in td.iter(f"{HTML}a")]
    assert len(links) > 100
    for link in links:
        href = link.get("href", "")
        assert link.get("title") == href and text_of(link) == urlsplit(href).netloc
        assert len(text_of(link)) <= 40
    references = [li for ul in document.iter(f"{HTML}ul") if ul.get("class") == "references" for li in ul]
    titled = [(li.find(f"{HTML}a"), text_of(li)) for li in references if li.find(f"{HTML}a") is not None]
    assert len(titled) > 20
    for link, text in titled:
        assert link is not None and not text_of(link).startswith("http")
        assert text.endswith(f"({urlsplit(link.get('href', '')).netloc})")


def test_page_loads_nothing_from_anywhere() -> None:
    """Inline CSS and SVG, one inline script, no src or link element, and a policy forbidding
    every fetch (so a value that escaped escaping still could not call out)."""
    _, page, _ = export_html()
    document = parse_strict(page)
    assert not [e for e in document.iter() if e.get("src") is not None]
    assert not list(document.iter(f"{HTML}link")) and not list(document.iter(f"{HTML}img"))
    assert "@import" not in page and "url(http" not in page and "@font-face" not in page
    policy = next(
        m.get("content", "") for m in document.iter(f"{HTML}meta") if m.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy.startswith("default-src 'none';") and "'sha256-" in policy and "unsafe-inline'; img" in policy
    scripts = list(document.iter(f"{HTML}script"))
    assert len(scripts) == 1 and scripts[0].get("src") is None
    assert "fetch(" not in page and "XMLHttpRequest" not in page


def test_script_hash_matches_the_script() -> None:
    import base64
    import hashlib

    _, page, _ = export_html()
    script = re.search(r"<script>(.*?)</script>", page, re.DOTALL)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    policy = next(
        m.get("content", "")
        for m in parse_strict(page).iter(f"{HTML}meta")
        if m.get("http-equiv") == "Content-Security-Policy"
    )
    assert f"script-src 'sha256-{digest}';" in policy


def strings(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, (*path, index))
    elif isinstance(value, str):
        yield path, value


# Fields with a fixed vocabulary or format: ids, codes, kinds, categories, dates.
FIXED = {"id", "kind", "instrument", "categories", "parties", "type", "party", "code", "date", "as_of"}
FIXED |= {"new_expiry", "effective", "reviewed", "deadline"}
FIXED |= {"coverage", "rule", "continued_by", "required", "parent", "began", "ended"}  # participation vocabulary
URL_FIELDS = {"source", "url"}
# Fields whose length the model bounds (core/models/fields.py): they get a payload that fits.
BOUNDED = {"short_name": 100, "aliases": 200, "unit": 80, "name": 500, "depositary": 500}
SHORT_PAYLOAD = f"{SCRIPT} {ATTRIBUTE} <svg onload=alert(1)>"


def hostile_dataset(tmp_path: Path) -> Path:
    data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    urls = iter(BAD_URLS * 50)
    changed = 0

    def poison(node: Any, key: Any) -> Any:
        nonlocal changed
        if isinstance(node, dict):
            return {k: poison(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [poison(v, key) for v in node]
        if isinstance(node, str) and key not in FIXED:
            changed += 1
            if key in URL_FIELDS:
                return next(urls)
            poisoned = f"{node} {PAYLOAD}"
            return poisoned if len(poisoned) <= BOUNDED.get(key, 2000) else SHORT_PAYLOAD
        return node

    data = poison(data, None)
    for treaty in data["treaties"]:
        treaty.setdefault("notes", "")
        treaty["notes"] = f"{treaty['notes']} {PAYLOAD}"
        treaty.setdefault("depositary", PAYLOAD)
        treaty["sources"] = [{"title": PAYLOAD, "url": url} for url in BAD_URLS]
        for event in treaty.get("events", []):
            event.setdefault("note", PAYLOAD)
    assert changed > 50
    target = tmp_path / "hostile.yaml"
    target.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    return target


def assert_inert(page: str) -> ET.Element:
    document = parse_strict(page)
    everything = [e for e in document.iter() if isinstance(e.tag, str)]
    scripts = [e for e in everything if e.tag.endswith("}script")]
    assert len(scripts) == 1 and "alert" not in text_of(scripts[0])
    assert not [e for e in everything if e.tag.endswith(("}img", "}iframe", "}object", "}embed", "}textarea"))]
    handlers = [(e.tag, k) for e in everything for k in e.attrib if k.lower().startswith("on")]
    assert handlers == []
    for element in everything:
        for key, value in element.attrib.items():
            if key.endswith("href"):
                assert value.startswith(("#", "http://", "https://")), value
                assert "javascript" not in value.lower() and '"' not in value
    titles = [e for e in everything if e.tag == f"{HTML}title"]
    assert len(titles) == 1
    return document


def test_injected_markup_comes_out_inert(tmp_path: Path) -> None:
    data = hostile_dataset(tmp_path)
    code, page, _ = export_html("--title", PAYLOAD, data=data)
    assert code == 0
    document = assert_inert(page)
    shown = text_of(document)
    # Shown as text, not dropped: the markup, the hostile URLs (as plain text, not links)
    assert SCRIPT in shown and ATTRIBUTE in shown
    for url in BAD_URLS:
        assert url in shown, url
    assert "{{ 7*7 }}" in shown and "49" not in shown.replace("2049", "")  # no template evaluation of data


def test_injected_markup_inert_without_the_chart_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.delitem(sys.modules, "treatytrack.render.figures", raising=False)
    code, page, _ = export_html("--title", PAYLOAD, data=hostile_dataset(tmp_path))
    assert code == 0
    assert_inert(page)


def test_without_the_charts_extra_the_page_says_so_and_is_complete(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.delitem(sys.modules, "treatytrack.render.figures", raising=False)
    code, page, err = export_html()
    assert code == 0
    assert (
        err == "treatytrack: the page has no chart: matplotlib is not installed (pip install 'treatytrack[charts]').\n"
    )
    document = parse_strict(page)
    missing = next(e for e in document.iter(f"{HTML}p") if e.get("id") == "chart-missing")
    assert "pip install 'treatytrack[charts]'" in text_of(missing)
    assert "<svg" not in page
    assert len([s for s in document.iter(f"{HTML}section") if "treaty" in (s.get("class") or "")]) == 5


def test_filters_choose_sections_and_events() -> None:
    def sections(*args: str) -> list[str]:
        document = parse_strict(export_html(*args)[1])
        return [str(s.get("id")) for s in document.iter(f"{HTML}section") if "treaty" in (s.get("class") or "")]

    assert sections() == ["treaty-npt", "treaty-inf-treaty", "treaty-open-skies", "treaty-ctbt", "treaty-new-start"]
    assert sections("--treaty", "new start") == ["treaty-new-start"]
    assert sections("--kind", "bilateral") == ["treaty-inf-treaty", "treaty-new-start"]
    assert sections("--to", "1980-01-01") == ["treaty-npt"]
    _, page, _ = export_html("--treaty", "npt", "--type", "extended")
    events = next(t for t in parse_strict(page).iter(f"{HTML}table") if "events" in (t.get("class") or ""))
    assert [text_of(td) for td in events.iter(f"{HTML}td")][:2] == ["1995-05-11", "extended"]
    assert len(events.findall(f"{HTML}tbody/{HTML}tr")) == 1


def test_key_dates_and_status_on_the_as_of_date() -> None:
    _, page, _ = export_html("--treaty", "new start")
    section = next(s for s in parse_strict(page).iter(f"{HTML}section") if s.get("id") == "treaty-new-start")
    text = " ".join(" ".join(part.split()) for part in section.itertext() if part.strip())
    assert "On 2026-11-28: expired" in text
    for fact in ("2010-04-08 signed", "2011-02-05 entered into force", "term 10 years", "2026-02-05 expired"):
        assert fact in text, fact
    result = runner.invoke(
        app, ["export", "html", "--treaty", "new start", "--as-of", "2020-01-01", "--data", str(SMALL)]
    )
    earlier = " ".join(" ".join(part.split()) for part in parse_strict(result.stdout).itertext() if part.strip())
    assert "On 2020-01-01: in-force" in earlier and "2021-02-05 scheduled to end" in earlier


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://www.state.gov/new-start/", True),
        ("http://example.org/a?b=c&d=e#f", True),
        ("HTTPS://EXAMPLE.ORG/", True),
        ("New START, Article XIV(2)", False),
        ("", False),
        (None, False),
        (" https://example.org/", False),
        ("https://example.org/ spaced", False),
        ("https://exa\tmple.org/", False),
        ("https://example.org/\n", False),
        *((url, False) for url in BAD_URLS),
    ],
)
def test_safe_url(url: str | None, safe: bool) -> None:
    assert (safe_url(url) == url) if safe else safe_url(url) is None


@given(st.text(max_size=60))
def test_safe_url_passes_only_plain_http_urls(text: str) -> None:
    found = safe_url(text)
    if found is not None:
        assert found == text
        assert re.match(r"(?i)https?://[^/?#]", text)
        assert not re.search(r"[\s\"'<>`\\\x00-\x1f\x7f-\x9f]", text)


@given(st.text(max_size=40).map(lambda s: "https://example.org/" + s))
def test_safe_url_property_with_an_http_prefix(text: str) -> None:
    found = safe_url(text)
    assert found is None or not re.search(r"[\s\"'<>`]", found)


def test_print_stylesheet_and_script_are_optional() -> None:
    """The page needs neither: tables are complete in the HTML, print rules are in the one <style>."""
    _, page, _ = export_html()
    assert "@media print" in page
    assert page.count("<tr") > 10 and "<noscript" not in page
    assert dt.date.fromisoformat(AS_OF).isoformat() in page


def test_the_per_state_table_appears_when_the_participation_model_fills_it() -> None:
    """The seam for issue #16 part 2: TreatyView.states is empty today and its section is left
    out; given rows, the page gets a States table, escaped and valid like the rest."""
    from treatytrack.render.report import StateRow, report_html, treaty_views
    from treatytrack.store.load import load_dataset

    dataset = load_dataset(SMALL)
    day = dt.date.fromisoformat(AS_OF)
    npt = [t for t in dataset.treaties if t.id == "npt"]
    plain = treaty_views(npt, day, [])
    assert plain[0].states == []
    rows = [
        StateRow("PRK", f"DPRK {SCRIPT}", "withdrawn", "2003-01-11", "javascript:alert(1)", withdrawal_notice=SCRIPT),
        StateRow("USA", "United States", "party", "1970-03-05", "https://treaties.unoda.org/t/npt", consent=SCRIPT),
    ]
    views = treaty_views(npt, day, [], states={"npt": rows}, state_captions={"npt": PAYLOAD})

    def page(treaties: list[Any]) -> str:
        return report_html(
            title="t", day=day, reviewed=dataset.reviewed, generator="treatytrack", status_rows=[],
            treaties=treaties, chart_svg=None, chart_missing="no chart",
        )  # fmt: skip

    assert "<h4>States</h4>" not in page(plain)
    document = assert_inert(page(views))
    table = next(t for t in document.iter(f"{HTML}table") if "states" in (t.get("class") or ""))
    cells = [text_of(c) for c in table.iter() if c.tag in (f"{HTML}td", f"{HTML}th")]
    assert f"DPRK {SCRIPT}" in cells and "withdrawn" in cells and "javascript:alert(1)" in cells
    assert f"notice {SCRIPT}" in cells and f"{SCRIPT} " in cells
    assert [a.get("href") for a in table.iter(f"{HTML}a")] == ["https://treaties.unoda.org/t/npt"]
    caption = table.find(f"{HTML}caption")
    assert caption is not None and text_of(caption) == PAYLOAD


# The per-state tables (issue #16 part 3, after the participation model) ----------------------------

STATES = REPO / "tests" / "fixtures" / "states.yaml"


def state_tables(page: str) -> dict[str, ET.Element]:
    """Each per-state table of the page by treaty id."""
    document = parse_strict(page)
    return {
        str(t.get("id")).removeprefix("states-table-"): t
        for t in document.iter(f"{HTML}table")
        if "states" in (t.get("class") or "").split()
    }


def table_rows(table: ET.Element) -> list[list[str]]:
    body = table.find(f"{HTML}tbody")
    assert body is not None
    return [[" ".join(text_of(cell).split()) for cell in row] for row in body.findall(f"{HTML}tr")]


def parties_json(treaty: str, as_of: str, data: Path) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["parties", treaty, "--as-of", as_of, "--data", str(data), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def expected_cells(record: dict[str, Any]) -> list[str]:
    consent = f"{record['consent']} {record['consent_date']}" if record["consent"] else ""
    notice, effective = record["withdrawal_notice"], record["withdrawal_effective"]
    withdrawal = ", ".join(
        part for part in (f"notice {notice}" if notice else "", f"effective {effective}" if effective else "") if part
    )
    source = record["source"] or ""
    shown_source = source.split("/")[2] if safe_url(source) else source
    return [
        record["code"], record["name"], record["status"], record["since"] or "", record["signed"] or "",
        consent, record["in_force_for_state"] or "", withdrawal, shown_source,
    ]  # fmt: skip


@pytest.mark.parametrize("as_of", ["2026-11-28", "2026-02-03", "2021-01-22"])
def test_per_state_tables_hold_what_parties_json_says(as_of: str) -> None:
    """Row for row, the page's per-state table of a treaty is `parties TREATY --format json` on
    the same day: code, name, standing, since, signature, consent, in force for it, withdrawal."""
    result = runner.invoke(
        app,
        ["export", "html", "--treaty", "ottawa", "--treaty", "tpnw", "--treaty", "att", "--as-of", as_of],
    )
    assert result.exit_code == 0, result.stderr
    tables = state_tables(result.stdout)
    assert set(tables) == {"ottawa-convention", "tpnw", "att"}
    for treaty, table in tables.items():
        records = parties_json(treaty, as_of, BUNDLED)
        assert table_rows(table) == [expected_cells(r) for r in records], treaty
        links = [a.get("href") for a in table.iter(f"{HTML}a")]
        assert links == [r["source"] for r in records if safe_url(r["source"])]
    estonia = next(r for r in table_rows(tables["ottawa-convention"]) if r[0] == "EST")
    if as_of == "2026-11-28":
        assert estonia[2:4] == ["withdrawn", "2025-12-27"] and estonia[7] == "notice 2025-06-27"


BUNDLED = REPO / "data" / "treaties.yaml"


def test_per_state_table_caption_counts_and_coverage_and_folding() -> None:
    _, page, _ = export_html("--treaty", "mine-ban", "--treaty", "ban-treaty", "--treaty", "missile-pact", data=STATES)
    document = parse_strict(page)
    tables = state_tables(page)
    assert set(tables) == {"mine-ban", "ban-treaty"}  # a bilateral treaty's two parties: no table
    caption = tables["mine-ban"].find(f"{HTML}caption")
    assert caption is not None
    assert text_of(caption) == (
        "States on 2026-11-28: 4 parties, 1 suspension claimed, 2 withdrawn, 1 withdrawal subject to a condition "
        "· complete list as of 2026-02-03"
    )
    folded = {d.get("id") for d in document.iter(f"{HTML}details")}
    assert folded == set()  # 8 and 7 rows: short tables stay open
    heading = next(h for h in document.iter(f"{HTML}h4") if h.get("id") == "states-mine-ban")
    assert text_of(heading) == "States"


def test_a_long_per_state_table_is_folded_with_its_counts_in_view() -> None:
    result = runner.invoke(app, ["export", "html", "--treaty", "ottawa", "--as-of", AS_OF])
    document = parse_strict(result.stdout)
    (details,) = list(document.iter(f"{HTML}details"))
    summary = details.find(f"{HTML}summary")
    assert summary is not None
    assert " ".join(text_of(summary).split()) == (
        "States on 2026-11-28: 160 parties, 1 suspension claimed, 5 withdrawn · complete list as of 2026-02-03 (167 states)"
    )
    table = details.find(f".//{HTML}table")
    assert table is not None and len(table_rows(table)) == 167
    assert "filterable" in (table.get("class") or "") and table.get("data-filter-placeholder")


def test_injected_markup_in_per_state_tables_is_inert(tmp_path: Path) -> None:
    """An organisation's name, a row's source and notes, a list's name: all shown as text."""
    data = yaml.safe_load(STATES.read_text(encoding="utf-8"))
    data["non_state_parties"] = [{"code": "XEU", "name": f"Union {PAYLOAD}"}]
    mine_ban = next(t for t in data["treaties"] if t["id"] == "mine-ban")
    table = mine_ban["participation"]
    table["list_name"] = PAYLOAD
    table["source"] = "javascript:alert(1)"
    table["states"]["XEU"] = {"signed": {"date": "1997-12-03", "source": "javascript:alert(2)", "note": PAYLOAD}}
    table["states"]["AUT"]["source"] = BAD_URLS[3]
    target = tmp_path / "hostile-states.yaml"
    target.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
    code, page, err = export_html("--treaty", "mine-ban", data=target)
    assert code == 0, err
    document = assert_inert(page)
    rows = table_rows(state_tables(page)["mine-ban"])
    union = next(r for r in rows if r[0] == "XEU")
    assert union[1] == " ".join(f"Union {PAYLOAD}".split()) and union[8] == "javascript:alert(2)"
    austria = next(r for r in rows if r[0] == "AUT")
    assert austria[8] == BAD_URLS[3]
    assert SCRIPT in text_of(document)
