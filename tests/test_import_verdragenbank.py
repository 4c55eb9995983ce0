"""`treatytrack import verdragenbank`: small party pages written for these tests, in the Dutch
treaty database's structure (a `Partij` table whose `Ratificatie` header holds the legend of its
kind letters, `17-03-1988 (R)` cells, `&nbsp;` padding, a name that is a link when the party made
a reservation, `Tsjechoslowakije (<01-01-1993)`, the reservations table below), imported into a
small treaty file."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from treatytrack.cli import app
from treatytrack.importers.dutch_names import DUTCH_NAMES, DUTCH_PREDECESSORS, DutchNames
from treatytrack.importers.names import NameIndex, UnknownName
from treatytrack.importers.verdragenbank import TABLE_NOTE, import_party_page, read_legend
from treatytrack.importers.verdragenbank_page import MONTHS, DateError, parse_dutch_date

HERE = Path(__file__).resolve().parent / "fixtures" / "verdragenbank"
DATA = HERE / "data.yaml"
runner = CliRunner()
d = dt.date.fromisoformat


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "treaties.yaml"
    shutil.copyfile(DATA, target)
    return target


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["import", "verdragenbank", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def ban(data: Path, *more: str) -> tuple[int, str, str]:
    return run(HERE / "ban.html", "--treaty", "ban-treaty", "--as-of", "2026-11-30", "--data", data, *more)


def table(path: Path, treaty: str) -> dict[str, object]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    return next(t for t in loaded["treaties"] if t["id"] == treaty)["participation"]  # type: ignore[no-any-return]


# -- the written file -------------------------------------------------------------------------


def test_rows_read_from_the_page(data: Path) -> None:
    code, out, err = ban(data)
    assert (code, out) == (0, ""), err
    written = table(data, "ban-treaty")
    states = written["states"]
    assert isinstance(states, dict)
    # Ratification (R), with `&nbsp;` before the letter, and the day in force.
    assert states["AFG"] == {"signed": d("1971-02-11"), "ratified": d("1971-04-22"), "in_force": d("1972-05-18")}
    # Accession (T); succession (VG), bound from independence, before its notification.
    assert states["CHN"] == {"acceded": d("1991-02-28"), "in_force": d("1991-02-28")}
    assert states["BHS"] == {"succeeded": d("1989-06-07"), "in_force": d("1973-07-10")}  # Bahama&#39;s
    assert states["CZE"] == {"succeeded": d("1993-04-05"), "in_force": d("1993-01-01")}
    # Only a signature.
    assert states["BOL"] == {"signed": d("1971-02-11")}
    # O: a definitive signature; NB: the kind is not known.
    assert states["DEU"] == {
        "consented": {
            "date": d("1985-06-14"),
            "note": "definitive signature: signed without reservation of ratification",
        },
        "in_force": d("1986-03-02"),
    }
    assert states["ISL"] == {
        "consented": {"date": d("1999-01-01"), "note": "the Dutch treaty database does not know the kind of consent"}
    }
    # Opzegging and Buiten werking: the notice and the day the withdrawal took effect.
    assert states["SWE"]["withdrawal_notice"] == d("2024-03-03")  # type: ignore[index]
    assert states["SWE"]["withdrawn"] == d("2024-06-03")  # type: ignore[index]
    # A state that no longer exists: its acts, not its end (state_history's).
    assert states["CSK"] == {"signed": d("1971-02-11"), "ratified": d("1972-01-11"), "in_force": d("1972-05-18")}
    # The Russian Federation's acts before 1991-12-26 are the USSR's (state_history: SUN continued_by RUS).
    assert states["SUN"] == {"signed": d("1971-02-11"), "ratified": d("1972-05-18"), "in_force": d("1972-05-18")}
    assert "RUS" not in states
    assert (written["coverage"], written["as_of"]) == ("complete", d("2026-11-30"))
    assert written["source"] == "https://verdragenbank.overheid.nl/nl/Verdrag/Details/999001_p.html"


def test_r_keeps_the_kind_of_consent_the_row_has(data: Path) -> None:
    """`R` is ratification, acceptance, approval or notification: Austria's acceptance (from the
    depositary's list) stays an acceptance, with the page's date."""
    ban(data)
    assert table(data, "ban-treaty")["states"]["AUT"] == {  # type: ignore[index]
        "signed": d("1971-02-11"),
        "accepted": d("1972-08-10"),
        "in_force": d("1972-08-10"),
    }


def test_a_depositary_and_sourced_acts_are_kept(data: Path) -> None:
    """The page gives one date per act and never says which depositary's: `at` is never written,
    and the row's own sourced deposit at London stays as it was, with its comment."""
    ban(data)
    text = data.read_text(encoding="utf-8")
    assert (
        '        GBR: {signed: 1971-02-11, ratified: {date: 1972-05-18, at: London, source: "https://example.org/gbr", '
        'note: "Deposited at London."}, in_force: 1972-05-18} # checked by hand\n'
    ) in text
    assert text.count("at: ") == 1


def test_the_rest_of_the_file_is_kept_byte_for_byte(data: Path) -> None:
    ban(data)
    before, after = DATA.read_text(encoding="utf-8").splitlines(), data.read_text(encoding="utf-8").splitlines()
    start = before.index("    participation:")
    assert after[:start] == before[:start]
    tail = before.index("  # ---- second section ----")
    assert after[-(len(before) - tail) :] == before[tail:]
    text = "\n".join(after)
    assert "      # the rule stays whatever the list says\n      in_force_for_state:" in text
    assert '      note: "Kept as written."' in text  # the table's own note: TABLE_NOTE is not written over it
    assert "ITA: {signed: 1971-02-11}" in text  # a state the page does not name is kept


def test_summary_says_what_it_read_and_left_out(data: Path) -> None:
    _, _, err = ban(data)
    # The title's `&amp;` is read as `&`.
    assert (
        "ban.html: Verdrag ter uitbanning van kernwapens & andere wapens op de zeebodem: as of 2026-11-30, 14 states"
        in err
    )
    assert "note: provisional application not recorded (no row key for it): JPN 1971-03-01" in err
    assert "CSK 1993-01-01 (a state until 1993-01-01)" in err
    assert (
        "note: reservations or declarations on the page (not recorded; read them there): Frankrijk (FRA), Japan (JPN)"
        in err
    )
    assert "RUS's acts before 1991-12-26 recorded under SUN" in err
    assert "coverage: partial -> complete" in err
    assert "dates that moved (1):\n  AUT accepted 1972-08-01 -> 1972-08-10" in err
    assert "states the list no longer names (kept) (1):\n  ITA" in err
    assert f"wrote {data}" in err


def test_reimporting_the_same_page_changes_nothing(data: Path) -> None:
    ban(data)
    first, mtime = data.read_bytes(), data.stat().st_mtime_ns
    code, _, err = ban(data)
    assert code == 0
    assert data.read_bytes() == first
    assert data.stat().st_mtime_ns == mtime
    assert "no change: the table already says what the list says" in err


def test_dry_run_writes_nothing(data: Path) -> None:
    code, _, err = ban(data, "--dry-run")
    assert code == 0
    assert "new states (12):" in err
    assert f"dry run: {data} not changed." in err
    assert data.read_bytes() == DATA.read_bytes()


def test_a_table_is_added_to_a_treaty_that_has_none(data: Path) -> None:
    code, _, err = run(HERE / "ban.html", "--treaty", "other-treaty", "--as-of", "2026-11-30", "--data", data)
    assert code == 0, err
    written = table(data, "other-treaty")
    assert written["note"] == TABLE_NOTE
    assert written["list_name"] == "Dutch treaty database (verdragenbank.overheid.nl), party table"
    # Without a row to keep its kind, `R` is a ratification.
    assert written["states"]["AUT"]["ratified"] == d("1972-08-10")  # type: ignore[index]
    assert data.read_text(encoding="utf-8").endswith("over two lines.\n    participation:\n" + ADDED)


ADDED = (
    "      coverage: complete\n"
    "      as_of: 2026-11-30\n"
    "      source: https://verdragenbank.overheid.nl/nl/Verdrag/Details/999001_p.html\n"
    '      list_name: "Dutch treaty database (verdragenbank.overheid.nl), party table"\n'
    "      states:\n"
    "        AFG: {signed: 1971-02-11, ratified: 1971-04-22, in_force: 1972-05-18}\n"
    "        AUT: {signed: 1971-02-11, ratified: 1972-08-10, in_force: 1972-08-10}\n"
    "        BHS: {succeeded: 1989-06-07, in_force: 1973-07-10}\n"
    "        BOL: {signed: 1971-02-11}\n"
    "        CHN: {acceded: 1991-02-28, in_force: 1991-02-28}\n"
    "        CSK: {signed: 1971-02-11, ratified: 1972-01-11, in_force: 1972-05-18}\n"
    "        CZE: {succeeded: 1993-04-05, in_force: 1993-01-01}\n"
    '        DEU: {consented: {date: 1985-06-14, note: "definitive signature: signed without reservation of ratification"}, in_force: 1986-03-02}\n'
    "        FRA: {acceded: 2000-12-11, in_force: 2000-12-11}\n"
    "        GBR: {signed: 1971-02-11, ratified: 1972-05-18, in_force: 1972-05-18}\n"
    '        ISL: {consented: {date: 1999-01-01, note: "the Dutch treaty database does not know the kind of consent"}}\n'
    "        JPN: {signed: 1971-02-11, ratified: 1971-06-21, in_force: 1972-05-18}\n"
    "        SUN: {signed: 1971-02-11, ratified: 1972-05-18, in_force: 1972-05-18}\n"
    "        SWE: {signed: 1971-02-11, ratified: 1972-04-28, in_force: 1972-05-18, withdrawal_notice: 2024-03-03, withdrawn: 2024-06-03}\n"
    f'      note: "{TABLE_NOTE}"\n'
)


# -- pages it cannot read ---------------------------------------------------------------------


def test_a_page_it_cannot_read_fully_changes_nothing_and_names_every_problem(data: Path) -> None:
    page = HERE / "bad.html"
    code, out, err = run(page, "--treaty", "ban-treaty", "--as-of", "2026-11-30", "--data", data, "--number", "999001")
    assert (code, out) == (1, "")
    assert data.read_bytes() == DATA.read_bytes()
    expected = (
        "line 15, row 2 (Vrijland): unknown state name 'Vrijland': add it to DUTCH_NAMES in "
        'treatytrack/importers/dutch_names.py ("Vrijland": "<ISO 3166-1 alpha-3 code>")',
        "line 16, row 3 (Chili), column 'Ondertekening' (signed): '31-02-1971' is not a calendar date",
        "line 17, row 4 (Peru), column 'Ondertekening' (signed): '1971-02-11' is not a date like 01-07-1968 or 1 juli 1968",
        "line 18, row 5 (Mali), column 'Ratificatie' (consent): kind 'VG' is not in the legend (R, T)",
        "line 19, row 6 (Nepal), column 'Ratificatie' (consent): '01-03-1980' has no kind letter like '(R)'",
        "line 20, row 7 (Oman): 2 cells after the name, the header has 5",
        "line 21, row 8 (Kenia): 'Buiten werking' 1990-03-01 without an 'Opzegging'",
        "line 22, row 9 (Ghana), column 'Ondertekening' (signed): '11 februarie 1971': 'februarie' is not a Dutch month",
    )
    lines = err.splitlines()
    for problem in expected:
        assert any(line.startswith(f"{page}: {problem}") for line in lines), problem
    assert lines[-1] == f"treatytrack: {page} could not be read fully (8 problems); {data} not changed."


def test_an_empty_table_is_refused(data: Path) -> None:
    code, _, err = run(HERE / "empty.html", "--treaty", "other-treaty", "--as-of", "2026-11-30", "--data", data)
    assert code == 1
    assert "empty.html: the party table has no rows" in err
    assert data.read_bytes() == DATA.read_bytes()


def test_the_treaty_number(data: Path) -> None:
    code, _, err = run(HERE / "bad.html", "--treaty", "ban-treaty", "--as-of", "2026-11-30", "--data", data)
    assert code == 1
    assert "the page does not name its treaty number: give it with --number (e.g. 003428)" in err
    code, _, err = ban(data, "--number", "999002")
    assert code == 1
    assert "--number 999002 but the page is treaty 999001" in err
    code, _, err = ban(data, "--number", "3428")
    assert code == 2
    assert "'3428' is not a six-digit treaty number" in err
    assert data.read_bytes() == DATA.read_bytes()


def test_as_of_cannot_precede_the_acts_on_the_page(data: Path) -> None:
    code, _, err = run(HERE / "ban.html", "--treaty", "ban-treaty", "--as-of", "2024-03-31", "--data", data)
    assert code == 1
    assert (
        "acts dated after --as-of 2024-03-31 (SWE withdrawn 2024-06-03): --as-of is the day the page was saved" in err
    )
    assert data.read_bytes() == DATA.read_bytes()


def test_usage_errors(data: Path) -> None:
    code, _, err = run(HERE / "ban.html", "--treaty", "ban-treaty", "--data", data)
    assert code == 2 and "--as-of" in err  # the page has no status date: the day it was saved is needed
    code, _, err = run(HERE / "ban.html", "--treaty", "ban-treaty", "--as-of", "30-11-2026", "--data", data)
    assert code == 2 and "is not a date" in err
    code, _, err = run(HERE / "ban.html", "--treaty", "ban-treatie", "--as-of", "2026-11-30", "--data", data)
    assert code == 2 and "did you mean ban-treaty?" in err


def test_page_text_reaches_the_terminal_escaped(data: Path, tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(
        (HERE / "ban.html")
        .read_text(encoding="utf-8")
        .replace("<td>Bolivia</td>", "<td>Bol\x1b]52;c;aGk=\x07ivia</td>"),
        encoding="utf-8",
    )
    code, _, err = run(page, "--treaty", "ban-treaty", "--as-of", "2026-11-30", "--data", data)
    assert code == 1
    assert "unknown state name" in err
    assert "\x1b" not in err and "\x07" not in err


# -- the parts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("01-07-1968", "1968-07-01"),
        ("1 juli 1968", "1968-07-01"),
        ("29-02-2000", "2000-02-29"),
        ("31 december 1999", "1999-12-31"),
    ],
)
def test_dutch_dates(text: str, day: str) -> None:
    assert parse_dutch_date(text) == d(day)


@pytest.mark.parametrize(
    "text",
    ["1-7-1968", "01-07-68", "1968-07-01", "1 July 1968", "1 Juli 1968", "29-02-1900", "00-01-2000", "ca. 1968", ""],
)
def test_what_is_not_a_dutch_date(text: str) -> None:
    with pytest.raises(DateError):
        parse_dutch_date(text)


@given(st.dates())
def test_every_day_reads_back_in_both_forms(day: dt.date) -> None:
    month = next(name for name, number in MONTHS.items() if number == day.month)
    assert parse_dutch_date(f"{day.day:02d}-{day.month:02d}-{day.year:04d}") == day
    assert parse_dutch_date(f"{day.day} {month} {day.year:04d}") == day


@given(st.one_of(st.text(max_size=20), st.from_regex(r"[0-9٠-٩]{1,2}[- ][0-9a-z]{1,9}[- ][0-9]{4}", fullmatch=True)))
def test_any_text_is_a_date_or_an_error(text: str) -> None:
    """Nothing but the two forms is read, and a form is read as what it says."""
    try:
        parsed = parse_dutch_date(text)
    except DateError:
        return
    month = next(name for name, number in MONTHS.items() if number == parsed.month)
    forms = {
        f"{parsed.day:02d}-{parsed.month:02d}-{parsed.year:04d}",
        f"{parsed.day} {month} {parsed.year:04d}",
        f"{parsed.day:02d} {month} {parsed.year:04d}",
    }
    assert " ".join(text.replace("\xa0", " ").split()) in forms


def test_every_dutch_name_is_a_known_code() -> None:
    from treatytrack.core.checks import iso_codes

    assert set(DUTCH_NAMES.values()) | set(DUTCH_PREDECESSORS.values()) <= set(iso_codes())


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Nederlanden, het Koninkrijk der", "NLD"),
        ("Congo, Democratische Republiek", "COD"),
        ("Congo, Republiek", "COG"),
        ("Korea, Republiek", "KOR"),
        ("Bahama\u2019s", "BHS"),
        ("  Verenigde   Staten van Amerika ", "USA"),
        ("Tsjechoslowakije", "CSK"),
        ("Europese Unie", "EU"),  # the file's own non-state party
    ],
)
def test_dutch_names(name: str, code: str) -> None:
    assert DutchNames(NameIndex({"European Union": "EU"})).code(name) == code


# Names as the database's party tables write them (seen in stored copies of its pages).
SEEN = """
Afghanistan
Algerije
Albanië
Angola
Argentinië
Armenië
Australië
Azerbeidzjan
Bahrein
Bangladesh
Barbados
Belarus
België
Belize
Benin
Bolivia
Botswana
Brazilië
Brunei
Bulgarije
Burundi
Cambodja
Canada
Chili
China
Colombia
Comoren
Cookeilanden
Cuba
Cyprus
Denemarken
Djibouti
Dominica
Duitsland
Ecuador
Egypte
Estland
Finland
Frankrijk
Griekenland
Hongarije
IJsland
Italië
Japan
Letland
Liechtenstein
Litouwen
Luxemburg
Malta
Moldavië
Monaco
Noorwegen
Oostenrijk
Panama
Polen
Portugal
Roemenië
Slovenië
Slowakije
Spanje
Tsjechië
Zweden
Zwitserland
Antigua en Barbuda
Bahama's
Bosnië en Herzegovina
Burkina Faso
Centraal-Afrikaanse Republiek
Congo, Democratische Republiek
Congo, Republiek
Costa Rica
Dominicaanse Republiek
El Salvador
Equatoriaal-Guinea
Nederlanden, het Koninkrijk der
Russische Federatie
San Marino
Verenigd Koninkrijk
Verenigde Staten van Amerika
Tsjechoslowakije
""".strip().splitlines()


def test_the_names_the_database_writes_are_known() -> None:
    names = DutchNames()
    assert len({names.code(name) for name in SEEN}) == len(SEEN)


def test_unknown_dutch_names_are_errors() -> None:
    for name in ("Korea", "Vrijland", "Europese Unie"):  # no fuzzy matching; EU only if the file declares it
        with pytest.raises(UnknownName):
            DutchNames(NameIndex()).code(name)


def test_a_legend_the_importer_does_not_know_is_a_problem() -> None:
    problems: list[str] = []
    legend = read_legend("RatificatieR=Bekrachtiging T=Toetreding X=Iets anders", problems)
    assert set(legend) == {"R", "T"}
    assert problems == ["the consent column's legend X='Iets anders' is not a kind the importer knows"]


def test_a_header_without_its_legend_uses_the_databases_and_says_so() -> None:
    """A saved page whose legend was a tooltip (`title`) is read from it; one that lost it is read
    with the legend every party page shows, and the summary says so."""
    html = (HERE / "ban.html").read_text(encoding="utf-8")
    legend = html[html.index('<span class="legenda">') : html.index("</span></th>") + len("</span>")]
    tooltip = html.replace(legend, "").replace(
        "<th>Ratificatie", '<th title="R=Bekrachtiging T=Toetreding">Ratificatie'
    )
    problems = import_party_page(tooltip, DutchNames(), d("2026-11-30")).problems
    assert (
        "line 33, row 5 (Duitsland), column 'Ratificatie' (consent): kind 'O' is not in the legend (R, T)" in problems
    )
    lost = import_party_page(html.replace(legend, ""), DutchNames(), d("2026-11-30"))
    assert lost.table is not None
    assert lost.table.states["DEU"]["consented"].day == d("1985-06-14")  # type: ignore[union-attr]
    assert "the consent column's header has no legend: the database's was used (O=Ondertekening" in lost.notes[0]


def test_an_empty_page_is_refused() -> None:
    result = import_party_page("<html><body>nothing here</body></html>", DutchNames(), d("2026-11-30"))
    assert result.table is None
    assert result.problems == [
        "the page has 0 party tables (a table whose first header is 'Partij'), not one",
        "the page does not name its treaty number: give it with --number (e.g. 003428)",
    ]


def test_a_table_of_days_in_force_only_is_refused_with_the_page_to_save() -> None:
    """inview.nl's copy of the database has `Partij | Datum inwerkingtreding | Voorbehoud`: no
    consents, so it cannot refresh a table; the message says which page to save instead."""
    page = (
        '<a href="https://verdragenbank.overheid.nl/nl/Verdrag/Details/004058">x</a><table>'
        "<tr><th>Partij</th><th>Datum inwerkingtreding</th><th>Voorbehoud</th></tr>"
        "<tr><td>Afghanistan</td><td>05-03-1970</td><td></td></tr></table>"
    )
    result = import_party_page(page, DutchNames(), d("2026-11-30"))
    assert result.table is None
    assert len(result.problems) == 1
    assert result.problems[0].startswith("this is a table of days in force only (inview.nl's copy")


def test_the_documented_run_is_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/commands/import.md shows a dry run on the test page and its messages (stderr, which a
    ```console block cannot show): the run is repeated here, from a copy of the fixtures at the
    same relative paths (the lock file is made beside the copy, not in the checkout)."""
    import re
    import shlex

    docs = (HERE.parents[2] / "docs" / "commands" / "import.md").read_text(encoding="utf-8")
    found = re.search(r"```text\n\$ (treatytrack import verdragenbank [^\n]*)\n(.*?)```", docs, re.DOTALL)
    assert found is not None
    command, shown = found.groups()
    copy = tmp_path / "tests" / "fixtures" / "verdragenbank"
    shutil.copytree(HERE, copy)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, shlex.split(command)[1:], env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == shown
    assert (copy / "data.yaml").read_bytes() == DATA.read_bytes()
